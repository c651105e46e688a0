"""The forecasts' reader pages: /forecasts/, /forecasts/<id>/ and the feed."""

from __future__ import annotations

from django.contrib.syndication.views import Feed
from django.http import HttpRequest
from django.template.response import TemplateResponse
from django.urls import reverse

from masthead.caching import keys

from . import queries
from .models import Forecast


def forecast(request: HttpRequest, uid) -> TemplateResponse:
    return TemplateResponse(request, "forecasts/forecast.html", queries.forecast_page(request, uid))


def index(request: HttpRequest) -> TemplateResponse:
    return TemplateResponse(request, "forecasts/index.html", queries.index_page(request))


class ForecastsFeed(Feed):
    """Forecasts as they are marked and as they are resolved, newest first."""

    title = "Forecasts"
    description = "Forecasts made in our interviews, and what became of them."

    def get_object(self, request: HttpRequest):
        self.edition = queries.edition_of(request)
        keys.declare(keys.FORECASTS)
        return None

    def link(self) -> str:
        return reverse("forecasts")

    def items(self):
        return queries.public(self.edition).select_related("person").order_by("-marked_at")[:50]

    def item_title(self, item: Forecast) -> str:
        return f"{item.person.name}: {item.get_status_display()}"

    def item_description(self, item: Forecast) -> str:
        return f"“{item.words}” Due {item.horizon_latest:%d %B %Y}."

    def item_link(self, item: Forecast) -> str:
        return reverse("forecast", kwargs={"uid": item.uid})

    def item_guid(self, item: Forecast) -> str:
        return f"urn:uuid:{item.uid}"

    item_guid_is_permalink = False

    def item_pubdate(self, item: Forecast):
        return item.marked_at
