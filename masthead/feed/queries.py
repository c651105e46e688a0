"""Every list of articles a reader sees: the latest-news feed, the news archive, and the
listings of a section, a tag, a person and a programme. Each is one query, whatever its length,
paginated by cursor."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Exists, OuterRef, QuerySet
from django.http import HttpRequest
from taggit.models import Tag

from masthead.articles.models import Appearance, ArticlePage
from masthead.editions.current import CurrentEdition, edition_for_request
from masthead.editions.visibility import under_view_restriction
from masthead.people.models import Person
from masthead.programmes.models import Programme
from masthead.sections.models import SectionPage

from .cursor import Cursor
from .grouping import FeedDay, FeedItem, news_feed_by_day

FEED_SIZE = 40  # headlines in the latest-news block beside every page
PAGE_SIZE = 40  # headlines on a page of a listing


@dataclass(frozen=True)
class Listing:
    days: list[FeedDay]
    older_url: str | None
    newer_url: str | None

    @property
    def is_empty(self) -> bool:
        return not self.days


def public_articles(edition: CurrentEdition) -> QuerySet[ArticlePage]:
    """Live articles of this edition outside any view-restricted part of the tree."""
    return ArticlePage.objects.filter(live=True, path__startswith=edition.root_tree_path()).exclude(
        under_view_restriction()
    )


def _items(rows, edition: CurrentEdition) -> list[FeedItem]:
    return [
        FeedItem(article_id, title, edition.relative_url(url_path), published_at, kind)
        for article_id, title, url_path, published_at, kind in rows
    ]


_FIELDS = ("page_ptr_id", "title", "url_path", "published_at", "kind")


def latest_news(edition: CurrentEdition, limit: int = FEED_SIZE) -> list[FeedDay]:
    """The newest ``limit`` articles, grouped by day: the feed beside every page."""
    rows = public_articles(edition).order_by("-published_at", "-page_ptr_id").values_list(*_FIELDS)
    return news_feed_by_day(_items(rows[:limit], edition), edition.time_zone, edition.language_code)


def paginate(request: HttpRequest, articles: QuerySet, size: int = PAGE_SIZE) -> Listing:
    """One page of ``articles``, newest first, from the ``before`` or ``after`` cursor."""
    edition = edition_for_request(request)
    before, after = request.GET.get("before"), request.GET.get("after")
    if after is not None and before is None:
        cursor = Cursor.parse(after)
        rows = list(
            articles.filter(cursor.newer())
            .order_by("published_at", "page_ptr_id")
            .values_list(*_FIELDS)[: size + 1]
        )
        more_newer = len(rows) > size
        items = _items(reversed(rows[:size]), edition)
        more_older = True
    else:
        if before is not None:
            articles = articles.filter(Cursor.parse(before).older())
        rows = list(
            articles.order_by("-published_at", "-page_ptr_id").values_list(*_FIELDS)[: size + 1]
        )
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
    return paginate(request, public_articles(edition_for_request(request)))


def section_listing(request: HttpRequest, section: SectionPage) -> Listing:
    articles = public_articles(edition_for_request(request)).filter(
        path__startswith=section.path, depth=section.depth + 1
    )
    return paginate(request, articles)


def tag_listing(request: HttpRequest, tag: Tag) -> Listing:
    articles = public_articles(edition_for_request(request)).filter(tagged_items__tag=tag)
    return paginate(request, articles)


def programme_listing(request: HttpRequest, programme: Programme) -> Listing:
    articles = public_articles(edition_for_request(request)).filter(programme=programme)
    return paginate(request, articles)


def person_listing(request: HttpRequest, person: Person) -> Listing:
    """Everything the person wrote, hosted or appeared in."""
    appears = Appearance.objects.filter(article_id=OuterRef("page_ptr_id"), person=person)
    articles = public_articles(edition_for_request(request)).filter(Exists(appears))
    return paginate(request, articles)


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
