"""Wagtail's per-request memo, primed with what Masthead already knows.

Wagtail remembers two answers on the request, under names it does not document:
``Site.find_for_request`` keeps the site in ``request._wagtail_site`` and
``Page.route_for_request`` (which ``wagtail.views.serve`` calls) keeps the route in
``request._wagtail_route_for_request``. Setting them beforehand is how Wagtail's own code is told
an answer without its queries. These two names are used here and nowhere else; if Wagtail renames
them, the serving tests (tests/serving/test_routing.py: the query budgets) fail and
``serving.checks`` names the versions this was verified on.
"""

from __future__ import annotations

from django.http import HttpRequest
from wagtail.models import Site
from wagtail.url_routing import RouteResult

# Read and set by ``wagtail.models.Site.find_for_request``.
_SITE = "_wagtail_site"
# Read and set by ``wagtail.models.Page.route_for_request``.
_ROUTE = "_wagtail_route_for_request"


def remember_site(request: HttpRequest, site: Site) -> None:
    """Make ``Site.find_for_request(request)`` return ``site`` without a query, unless Wagtail
    has already found the site for this request."""
    if not hasattr(request, _SITE):
        setattr(request, _SITE, site)


def remember_route(request: HttpRequest, route: RouteResult) -> None:
    """Make ``Page.route_for_request(request, path)``, and so ``wagtail.views.serve``, answer
    with ``route`` instead of walking the page tree, unless Wagtail has already routed it."""
    if not hasattr(request, _ROUTE):
        setattr(request, _ROUTE, route)
