"""Every list of articles a reader sees: the latest-news feed, the news archive, and the
listings of a section, a tag, a person and a programme. Each is one query, whatever its length,
paginated by cursor, and compiled to SQL once per process (see ``masthead.caching.compiled``)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache

from django.db.models import Exists, OuterRef, QuerySet
from django.http import HttpRequest
from taggit.models import Tag

from masthead.articles.models import Appearance, ArticlePage
from masthead.caching.compiled import CompiledQuery
from masthead.editions.current import CurrentEdition, edition_for_request
from masthead.editions.visibility import under_view_restriction
from masthead.people.models import Person
from masthead.programmes.models import Programme
from masthead.sections.models import SectionPage

from .cursor import Cursor
from .grouping import FeedDay, FeedItem, news_feed_by_day

FEED_SIZE = 40  # headlines in the latest-news block beside every page
PAGE_SIZE = 40  # headlines on a page of a listing

_FIELDS = ("page_ptr_id", "title", "url_path", "published_at", "kind")
# Stand-ins for the values of compiled queries; no real query can contain them.
_TEXT = "\x00listing\x00"
_NUMBER = -987_654_321
_MOMENT = dt.datetime(1901, 2, 3, 4, 5, 6, 789012, tzinfo=dt.UTC)


@dataclass(frozen=True)
class Listing:
    days: list[FeedDay]
    older_url: str | None
    newer_url: str | None

    @property
    def is_empty(self) -> bool:
        return not self.days


def public_articles_under(root: str) -> QuerySet[ArticlePage]:
    """Live articles under the tree path ``root`` outside any view-restricted part of it."""
    return ArticlePage.objects.filter(live=True, path__startswith=root).exclude(
        under_view_restriction()
    )


# What each listing selects, given the edition's root and the listing's own key.
_SELECTIONS: dict[str, Callable[[str, object], QuerySet[ArticlePage]]] = {
    "archive": lambda root, key: public_articles_under(root),
    "section": lambda root, key: public_articles_under(root).filter(path__startswith=key),
    "tag": lambda root, key: public_articles_under(root).filter(tagged_items__tag_id=key),
    "programme": lambda root, key: public_articles_under(root).filter(programme_id=key),
    "person": lambda root, key: public_articles_under(root).filter(
        Exists(Appearance.objects.filter(article_id=OuterRef("page_ptr_id"), person_id=key))
    ),
}
_KEY_PLACEHOLDERS = {"archive": None, "section": _TEXT, "tag": _NUMBER, "programme": _NUMBER}


@cache
def _listing_query(selection: str, direction: str, size: int) -> CompiledQuery:
    """The compiled query of one listing, read newest first (``first``, ``before`` a cursor) or
    oldest first (``after`` a cursor)."""
    select = _SELECTIONS[selection]

    def build(root: str, key=None, moment=None, article_id=None) -> QuerySet:
        articles = select(root, key)
        if direction == "before":
            articles = articles.filter(Cursor(moment, article_id).older())
        elif direction == "after":
            articles = articles.filter(Cursor(moment, article_id).newer())
        order = (
            ("published_at", "page_ptr_id")
            if direction == "after"
            else (
                "-published_at",
                "-page_ptr_id",
            )
        )
        return articles.order_by(*order).values_list(*_FIELDS)[:size]

    placeholders: dict = {"root": "\x00root\x00"}
    key = _KEY_PLACEHOLDERS.get(selection, _NUMBER)
    if key is not None:
        placeholders["key"] = key
    if direction != "first":
        placeholders.update(moment=_MOMENT, article_id=_NUMBER - 1)
    return CompiledQuery(build, **placeholders)


def _fetch(selection: str, direction: str, size: int, edition: CurrentEdition, key, cursor):
    values: dict = {"root": edition.root_tree_path()}
    if _KEY_PLACEHOLDERS.get(selection, _NUMBER) is not None:
        values["key"] = key
    if cursor is not None:
        values.update(moment=cursor.published_at, article_id=cursor.article_id)
    return _listing_query(selection, direction, size).fetch(**values)


def _items(rows, edition: CurrentEdition) -> list[FeedItem]:
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


def latest_news(edition: CurrentEdition, limit: int = FEED_SIZE) -> list[FeedDay]:
    """The newest ``limit`` articles, grouped by day: the feed beside every page."""
    rows = _fetch("archive", "first", limit, edition, None, None)
    return news_feed_by_day(_items(rows, edition), edition.time_zone, edition.language_code)


def paginate(request: HttpRequest, selection: str, key=None, size: int = PAGE_SIZE) -> Listing:
    """One page of a listing, newest first, from the ``before`` or ``after`` cursor."""
    edition = edition_for_request(request)
    before, after = request.GET.get("before"), request.GET.get("after")
    if after is not None and before is None:
        cursor = Cursor.parse(after)
        rows = _fetch(selection, "after", size + 1, edition, key, cursor)
        more_newer = len(rows) > size
        items = _items(reversed(rows[:size]), edition)
        more_older = True
    else:
        cursor = Cursor.parse(before) if before is not None else None
        direction = "before" if cursor else "first"
        rows = _fetch(selection, direction, size + 1, edition, key, cursor)
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


def news_archive(request: HttpRequest) -> Listing:
    return paginate(request, "archive")


def section_listing(request: HttpRequest, section: SectionPage) -> Listing:
    """Articles filed under the section (its children: articles have no children of their own)."""
    return paginate(request, "section", section.path)


def tag_listing(request: HttpRequest, tag: Tag) -> Listing:
    return paginate(request, "tag", tag.pk)


def programme_listing(request: HttpRequest, programme: Programme) -> Listing:
    return paginate(request, "programme", programme.pk)


def person_listing(request: HttpRequest, person: Person) -> Listing:
    """Everything the person wrote, hosted or appeared in."""
    return paginate(request, "person", person.pk)


def programmes_hosted_by(person: Person) -> list[Programme]:
    return list(Programme.objects.filter(hosts__person=person).order_by("title"))


def programme_hosts(programme: Programme) -> list[Person]:
    return list(
        Person.objects.filter(hosted_programmes__programme=programme)
        .select_related("photo")
        .order_by("hosted_programmes__sort_order")
    )


def all_people() -> list[Person]:
    return list(Person.objects.select_related("photo").order_by("name"))


def all_programmes() -> list[Programme]:
    return list(Programme.objects.select_related("image").order_by("title"))
