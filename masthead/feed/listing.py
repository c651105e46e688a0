"""The one listing primitive every list of articles a reader sees is built on: the latest-news
block, the news archive, and the pages of a section, a tag, a person and a programme.

A page family declares a ``Selection`` (which of an edition's public articles it lists) once, at
import time, and asks ``paginate`` for a page of it. Each page is one query, whatever its depth,
read by cursor and compiled to SQL once per process (see ``masthead.caching.compiled``); feed
knows nothing of the families that build on it."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet
from django.http import HttpRequest

from masthead.articles.models import ArticlePage
from masthead.articles.public import public_articles_under
from masthead.caching.compiled import CompiledQuery
from masthead.editions.current import CurrentEdition, edition_for_request

from .cursor import Cursor
from .grouping import FeedDay, FeedItem, news_feed_by_day

PAGE_SIZE = 40  # headlines on a page of a listing

_FIELDS = ("page_ptr_id", "title", "url_path", "published_at", "kind")
# Stand-ins for the values of compiled queries; no real query can contain them.
_ROOT = "\x00root\x00"
_TEXT = "\x00listing\x00"
_NUMBER = -987_654_321
_MOMENT = dt.datetime(1901, 2, 3, 4, 5, 6, 789012, tzinfo=dt.UTC)
_KEY_PLACEHOLDERS: dict[type, object] = {int: _NUMBER, str: _TEXT}

Narrowing = Callable[[QuerySet[ArticlePage], Any], QuerySet[ArticlePage]]


@dataclass(frozen=True)
class Listing:
    """One page of a listing: its items grouped by day, and the addresses of its neighbours."""

    days: list[FeedDay]
    older_url: str | None
    newer_url: str | None

    @property
    def is_empty(self) -> bool:
        return not self.days


class Selection:
    """Which of an edition's public articles a listing shows.

    ``narrow(articles, key)`` filters the edition's live, unrestricted articles to the listing's
    own (a tag's, a person's …); it must only add conditions whose values come from ``key``.
    ``key`` is the type of that key: ``int`` for an id, ``str`` for text such as a tree path, or
    None (with no ``narrow``) for the whole archive. Declare each selection once, at module level:
    its queries are compiled on first use and kept for the life of the process.
    """

    # A name declared twice is most likely a selection made per request, which would compile its
    # queries afresh every time: refused.
    _declared: set[str] = set()

    def __init__(self, name: str, narrow: Narrowing | None = None, key: type | None = None):
        if (narrow is None) != (key is None):
            raise ValueError(f"selection {name!r}: a narrowing needs a key type, and only it does")
        if key is not None and key not in _KEY_PLACEHOLDERS:
            raise ValueError(f"selection {name!r}: a key is an int or a str, not {key!r}")
        if name in Selection._declared:
            raise ValueError(f"selection {name!r} is already declared; declare each once")
        Selection._declared.add(name)
        self.name = name
        self.narrow = narrow
        self.key = key
        self._queries: dict[tuple[str, int], CompiledQuery] = {}

    def __repr__(self) -> str:
        return f"<Selection {self.name}>"

    def query(self, direction: str, size: int) -> CompiledQuery:
        """The compiled query of ``size`` items, read newest first (``first``, ``before`` a
        cursor) or oldest first (``after`` a cursor); compiled once per process."""
        compiled = self._queries.get((direction, size))
        if compiled is None:
            compiled = self._queries[direction, size] = self._compile(direction, size)
        return compiled

    def _compile(self, direction: str, size: int) -> CompiledQuery:
        narrow = self.narrow

        def build(root: str, key=None, moment=None, article_id=None) -> QuerySet:
            articles = public_articles_under(root)
            if narrow is not None:
                articles = narrow(articles, key)
            if direction == "before":
                articles = articles.filter(Cursor(moment, article_id).older())
            elif direction == "after":
                articles = articles.filter(Cursor(moment, article_id).newer())
            if direction == "after":
                order = ("published_at", "page_ptr_id")
            else:
                order = ("-published_at", "-page_ptr_id")
            return articles.order_by(*order).values_list(*_FIELDS)[:size]

        placeholders: dict[str, object] = {"root": _ROOT}
        if self.key is not None:
            placeholders["key"] = _KEY_PLACEHOLDERS[self.key]
        if direction != "first":
            placeholders.update(moment=_MOMENT, article_id=_NUMBER - 1)
        return CompiledQuery(build, **placeholders)

    def rows(
        self,
        edition: CurrentEdition,
        direction: str,
        size: int,
        key: object = None,
        cursor: Cursor | None = None,
    ) -> list[tuple]:
        values: dict[str, object] = {"root": edition.root_tree_path()}
        if self.key is not None:
            values["key"] = key
        if cursor is not None:
            values.update(moment=cursor.published_at, article_id=cursor.article_id)
        return self.query(direction, size).fetch(**values)


def _items(rows: Iterable[tuple], edition: CurrentEdition) -> list[FeedItem]:
    items = []
    for article_id, title, url_path, published_at, kind in rows:
        local = published_at.astimezone(edition.time_zone)
        items.append(
            FeedItem(
                article_id,
                title,
                edition.relative_url(url_path),
                published_at,
                kind,
                local.strftime("%H:%M"),
                local.isoformat(),
            )
        )
    return items


def newest(
    edition: CurrentEdition, selection: Selection, limit: int, key: object = None
) -> list[FeedDay]:
    """The newest ``limit`` articles of ``selection``, grouped by day (one query)."""
    rows = selection.rows(edition, "first", limit, key)
    return news_feed_by_day(_items(rows, edition), edition.time_zone, edition.language_code)


def paginate(
    request: HttpRequest, selection: Selection, key: object = None, size: int = PAGE_SIZE
) -> Listing:
    """One page of a listing, newest first, from the ``before`` or ``after`` cursor (one query)."""
    edition = edition_for_request(request)
    before, after = request.GET.get("before"), request.GET.get("after")
    if after is not None and before is None:
        cursor = Cursor.parse(after)
        rows = selection.rows(edition, "after", size + 1, key, cursor)
        more_newer = len(rows) > size
        items = _items(reversed(rows[:size]), edition)
        more_older = True
    else:
        cursor = Cursor.parse(before) if before is not None else None
        direction = "before" if cursor else "first"
        rows = selection.rows(edition, direction, size + 1, key, cursor)
        more_older = len(rows) > size
        items = _items(rows[:size], edition)
        more_newer = before is not None
    older_url = newer_url = None
    if items and more_older:
        older_url = "?before=" + str(Cursor(items[-1].published_at, items[-1].article_id))
    if items and more_newer:
        newer_url = "?after=" + str(Cursor(items[0].published_at, items[0].article_id))
    elif before is not None or after is not None:
        newer_url = request.path  # the first page
    days = news_feed_by_day(items, edition.time_zone, edition.language_code)
    return Listing(days, older_url, newer_url)
