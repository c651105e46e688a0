"""Wagtail's own serve view, with the one-query route handed to it."""

from django.http import HttpRequest, HttpResponse
from wagtail import views as wagtail_views
from wagtail.url_routing import RouteResult

from masthead.editions.current import edition_for_request
from masthead.editions.wagtail_request import remember_route

from .routing import fast_routing_is_exact, route


def serve(request: HttpRequest, path: str) -> HttpResponse:
    """``wagtail.views.serve``, which runs every hook as usual, told the route in advance when
    the one-query route can answer for this path."""
    edition = edition_for_request(request)
    page = route(edition, path) if edition and fast_routing_is_exact() else None
    if page is not None:
        remember_route(request, RouteResult(page))
    return wagtail_views.serve(request, path)
