"""The detector run over articles: who said each candidate sentence, and the candidates stored
for editors, once each (a dismissed sentence is never proposed again)."""

from __future__ import annotations

import datetime as dt
import html
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone
from django.utils.html import strip_tags

from masthead.articles.appearances import BYLINE_ROLES, Appearance, Role
from masthead.articles.models import ArticleKind, ArticlePage

from . import detection
from .models import Candidate, CandidateState, fingerprint


@dataclass(frozen=True)
class Found:
    article: ArticlePage
    person_id: int | None
    block_id: str
    found: detection.Candidate


def _speakers(article: ArticlePage) -> tuple[int | None, int | None]:
    """Who speaks in the article's text: its first guest, else its first author."""
    guest = author = None
    for person_id, role in (
        Appearance.objects.filter(article=article)
        .order_by("sort_order", "pk")
        .values_list("person_id", "role")
    ):
        if role == Role.GUEST and guest is None:
            guest = person_id
        if role in BYLINE_ROLES and author is None:
            author = person_id
    return guest, author


def passages(article: ArticlePage) -> Iterator[tuple[str, int | None, str]]:
    """(block id, who said it, its text) for the article's speech: pull quotes (their person,
    else the first guest), and in interviews the guest's paragraphs, in opinion and analysis
    the author's. A news item's paragraphs are reported, not said: only its quotes count."""
    guest, author = _speakers(article)
    voice = guest if article.kind == ArticleKind.INTERVIEW else author
    speaks = article.kind in (ArticleKind.INTERVIEW, ArticleKind.OPINION, ArticleKind.ANALYSIS)
    for block in article.body.raw_data:
        value = block.get("value")
        if block.get("type") == "pull_quote" and isinstance(value, dict):
            if value.get("proposed"):
                continue  # not the article's until an editor accepts it
            person = value.get("person") if isinstance(value.get("person"), int) else None
            yield block.get("id", ""), person or guest, value.get("quote") or ""
        elif block.get("type") == "paragraph" and isinstance(value, str) and speaks:
            yield block.get("id", ""), voice, " ".join(html.unescape(strip_tags(value)).split())


def find(articles: Iterable[ArticlePage]) -> Iterator[Found]:
    for article in articles:
        published = timezone.localdate(article.published_at or timezone.now())
        for block_id, person_id, text in passages(article):
            for candidate in detection.detect(text, published):
                yield Found(article, person_id, block_id, candidate)


def store(found: Iterable[Found]) -> list[Candidate]:
    """The new candidates among ``found``, stored; those seen before (proposed, accepted or
    dismissed) are left as they are. Idempotent."""
    stored = []
    with transaction.atomic():
        for item in found:
            horizon = item.found.horizon
            candidate, created = Candidate.objects.get_or_create(
                fingerprint=fingerprint(item.article.pk, item.found.sentence),
                defaults={
                    "article": item.article,
                    "person_id": item.person_id,
                    "sentence": item.found.sentence,
                    "trigger": item.found.trigger[:200],
                    "block_id": item.block_id,
                    "horizon_kind": horizon.kind if horizon else "",
                    "horizon_earliest": horizon.earliest if horizon else None,
                    "horizon_latest": horizon.latest if horizon else None,
                    "horizon_text": (horizon.text if horizon else "")[:200],
                    "confidence_text": item.found.confidence[:100],
                    "state": CandidateState.PROPOSED,
                },
            )
            if created:
                stored.append(candidate)
    return stored


def as_json(item: Found) -> dict:
    horizon = item.found.horizon
    return {
        "article": item.article.pk,
        "url": item.article.url_path,
        "person": item.person_id,
        "sentence": item.found.sentence,
        "trigger": item.found.trigger,
        "horizon": None
        if horizon is None
        else {
            "kind": horizon.kind,
            "earliest": horizon.earliest.isoformat() if horizon.earliest else None,
            "latest": horizon.latest.isoformat(),
            "text": horizon.text,
        },
        "confidence": item.found.confidence,
    }


def articles_since(since: dt.date | None):
    articles = ArticlePage.objects.filter(live=True).order_by("published_at", "pk")
    if since is not None:
        articles = articles.filter(published_at__date__gte=since)
    return articles
