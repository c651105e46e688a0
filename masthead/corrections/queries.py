"""What the public corrections page and its feed show: every correction of the edition's public
articles, newest first, a page at a time."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Q
from django.http import HttpRequest

from masthead.articles.corrections import Correction
from masthead.articles.dateline import correction_time
from masthead.articles.public import public_articles_under
from masthead.caching import keys
from masthead.editions.current import CurrentEdition
from masthead.feed.cursor import Cursor

PAGE_SIZE = 30


@dataclass(frozen=True)
class ListedCorrection:
    pk: int
    noted_at: dt.datetime
    text: str
    article_id: int
    headline: str
    path: str  # the article's address within the edition
    shown_at: str  # noted_at as printed, on the edition's clock


@dataclass(frozen=True)
class CorrectionsPage:
    corrections: list[ListedCorrection]
    older_url: str | None


def _older_than(cursor: Cursor) -> Q:
    # The cursor's moment is a correction's noted_at, its id the correction's.
    return Q(noted_at__lt=cursor.published_at) | Q(
        noted_at=cursor.published_at, pk__lt=cursor.article_id
    )


def corrections_page(
    edition: CurrentEdition, before: str | None = None, size: int = PAGE_SIZE
) -> CorrectionsPage:
    """One page of the edition's corrections, newest first, from the ``before`` cursor (one
    query; BadRequest for a malformed cursor). Each article shown is declared, so that a new
    headline or an unpublished article purges the page."""
    keys.declare(keys.corrections(edition.site_id))
    public = public_articles_under(edition.root_tree_path()).values("page_ptr_id")
    rows = Correction.objects.filter(article_id__in=public)
    if before is not None:
        rows = rows.filter(_older_than(Cursor.parse(before)))
    found = list(
        rows.order_by("-noted_at", "-pk").values_list(
            "pk", "noted_at", "text", "article_id", "article__title", "article__url_path"
        )[: size + 1]
    )
    shown = [
        ListedCorrection(
            pk,
            noted_at,
            text,
            article_id,
            title,
            edition.relative_url(url_path),
            correction_time(noted_at, edition.time_zone, edition.language_code),
        )
        for pk, noted_at, text, article_id, title, url_path in found[:size]
    ]
    keys.declare(*{keys.article(c.article_id) for c in shown})
    older = None
    if len(found) > size:
        last = shown[-1]
        older = f"?before={Cursor(last.noted_at, last.pk)}"
    return CorrectionsPage(shown, older)


def page_context(request: HttpRequest, edition: CurrentEdition) -> dict:
    return {"page_of": corrections_page(edition, request.GET.get("before"))}
