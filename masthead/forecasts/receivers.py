"""A forecast's words kept in step with its article: when the article is published again with
the sentence edited, the forecast takes the edited sentence of the same block."""

from __future__ import annotations

import logging

from django.dispatch import receiver
from rapidfuzz import fuzz, process
from wagtail.signals import page_published

from masthead.articles import texts
from masthead.articles.models import ArticlePage

from . import detection
from .models import Forecast

logger = logging.getLogger(__name__)
# How alike an edited sentence must be to the words marked, to be taken as the same claim.
SAME_CLAIM = 70


def block_texts(article: ArticlePage) -> dict[str, str]:
    return {p.block_id: p.text for p in texts.passages(article.body.raw_data)}


def follow(forecast: Forecast, texts: dict[str, str]) -> bool:
    """Update the forecast's words from the edited block; True when they changed."""
    text = texts.get(forecast.block_id)
    if text is None or forecast.words in text:
        return False
    found = process.extractOne(
        forecast.words, detection.sentences(text), scorer=fuzz.ratio, score_cutoff=SAME_CLAIM
    )
    if found is None:
        logger.warning("forecast %s: its words are no longer in its article", forecast.pk)
        return False
    forecast.words = found[0]
    forecast.save(update_fields=["words"])
    return True


@receiver(page_published, sender=ArticlePage)
def article_published(sender, instance: ArticlePage, **kwargs) -> None:
    forecasts = list(Forecast.objects.filter(article_id=instance.pk).exclude(block_id=""))
    if forecasts:
        texts = block_texts(instance)
        for forecast in forecasts:
            follow(forecast, texts)
