"""The detector run over articles: who said each candidate sentence, and the candidates stored
for editors, once each (a dismissed sentence is never proposed again)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from masthead.articles import texts
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


def passages(article: ArticlePage) -> Iterator[tuple[str, int | None, str]]:
    """(block id, who said it, its text) for the article's speech: pull quotes (their person,
    else the first guest, as the page credits them), and in interviews the guests' paragraphs,
    in opinion and analysis the author's. In an interview with several guests a paragraph is
    the guest its speaker label names, or nobody's (the editor says whose). A news item's
    paragraphs are reported, not said: only its quotes count."""
    appearances = list(
        Appearance.objects.filter(article=article)
        .order_by("sort_order", "pk")
        .values_list("person_id", "role", "person__name")
    )
    guests = {name.casefold(): pk for pk, role, name in appearances if role == Role.GUEST}
    first_guest = next((pk for pk, role, _ in appearances if role == Role.GUEST), None)
    author = next((pk for pk, role, _ in appearances if role in BYLINE_ROLES), None)
    interview = article.kind == ArticleKind.INTERVIEW
    speaks = interview or article.kind in (ArticleKind.OPINION, ArticleKind.ANALYSIS)
    for passage in texts.passages(article.body.raw_data):
        if passage.kind == "quote":
            yield passage.block_id, passage.person_id or first_guest, passage.text
        elif passage.kind == "paragraph" and speaks:
            if not interview:
                voice = author
            elif passage.label:
                voice = guests.get(passage.label.casefold())
            else:
                voice = first_guest if len(guests) == 1 else None
            yield passage.block_id, voice, passage.text


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
        # The reader's address (the site's root URL and the page's path on it).
        "url": item.article.get_full_url(),
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
