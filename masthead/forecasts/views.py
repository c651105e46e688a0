"""The forecasts' reader pages: /forecasts/, /forecasts/<id>/ and the feed."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.syndication.views import Feed
from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.urls import reverse

from masthead.caching import keys
from masthead.editions.current import CurrentEdition

from . import queries
from .queries import FeedItem, NotFound


def forecast(request: HttpRequest, uid) -> TemplateResponse:
    return TemplateResponse(request, "forecasts/forecast.html", queries.forecast_page(request, uid))


def not_found(request: HttpRequest, error: NotFound) -> TemplateResponse:
    """A filter that names nothing: a 404 that says which, for the index and the feed alike."""
    return TemplateResponse(request, "forecasts/not_found.html", {"reason": str(error)}, status=404)


def index(request: HttpRequest) -> HttpResponse:
    try:
        context = queries.index_page(request)
    except NotFound as error:
        return not_found(request, error)
    return TemplateResponse(request, "forecasts/index.html", context)


@dataclass(frozen=True)
class FeedScope:
    """What one request's feed shows. Passed as the feed's object, since the Feed instance is
    shared by every request (and every thread) the URL serves."""

    edition: CurrentEdition
    filters: queries.Filters


class ForecastsFeed(Feed):
    """Forecasts as they are marked and as they are resolved, newest first, with the index's
    filters (``?subject=``, ``?status=``, ``?person=``)."""

    description = "Forecasts made in our interviews and columns, and what became of them."

    def __call__(self, request: HttpRequest, *args, **kwargs) -> HttpResponse:
        try:
            return super().__call__(request, *args, **kwargs)
        except NotFound as error:
            return not_found(request, error).render()

    def get_object(self, request: HttpRequest) -> FeedScope:
        edition = queries.edition_of(request)
        keys.declare(keys.FORECASTS)
        return FeedScope(edition, queries.read_filters(request, edition))

    def title(self, scope: FeedScope) -> str:
        described = scope.filters.described
        return f"Forecasts {described}" if described else "Forecasts"

    def link(self, scope: FeedScope) -> str:
        return scope.filters.url(reverse("forecasts"))

    def items(self, scope: FeedScope) -> list[FeedItem]:
        return queries.feed_items(scope.edition, scope.filters)

    def item_title(self, item: FeedItem) -> str:
        return item.title

    def item_description(self, item: FeedItem) -> str:
        return item.description

    def item_link(self, item: FeedItem) -> str:
        return item.link

    def item_guid(self, item: FeedItem) -> str:
        return item.guid

    item_guid_is_permalink = False

    def item_pubdate(self, item: FeedItem):
        return item.pubdate
