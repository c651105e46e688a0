"""Wagtail's serve view with the one-query route in front of it."""

from django.http import HttpRequest, HttpResponse
from wagtail import hooks
from wagtail import views as wagtail_views
from wagtail.url_routing import RouteResult
from wagtail.wagtail_hooks import check_view_restrictions

from masthead.editions.current import edition_for_request

from .routing import fast_routing_is_exact, route


def serve(request: HttpRequest, path: str) -> HttpResponse:
    edition = edition_for_request(request)
    page = route(edition, path) if edition and fast_routing_is_exact() else None
    if page is None:
        return wagtail_views.serve(request, path)
    request._wagtail_route_for_request = RouteResult(page)

    # The same chain and hooks as wagtail.views.serve. The routing query has already shown that
    # no view restriction covers the page, so Wagtail's check (two more queries) is left out.
    chain = wagtail_views.serve_chain
    for wrap in reversed(hooks.get_hooks("on_serve_page")):
        if wrap is not check_view_restrictions:
            chain = wrap(chain)
    for before_serve in hooks.get_hooks("before_serve_page"):
        result = before_serve(page, request, (), {})
        if isinstance(result, HttpResponse):
            return result
    return chain(page, request, (), {})
