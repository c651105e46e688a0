"""The search page (/search/) and the autocomplete of people and tags (/search/suggest/)."""

from __future__ import annotations

import logging

from django.http import Http404, HttpRequest, JsonResponse
from django.template.response import TemplateResponse

from masthead.editions.current import CurrentEdition, edition_for_request

from . import queries

logger = logging.getLogger(__name__)


def _edition(request: HttpRequest) -> CurrentEdition:
    edition = edition_for_request(request)
    if edition is None:
        raise Http404("No edition answers at this address.")
    return edition


def search(request: HttpRequest) -> TemplateResponse:
    try:
        context, status = queries.page_context(request, _edition(request))
    except queries.SearchUnavailable:
        logger.exception("search backend unavailable")
        context = {"form": queries.SearchForm(request.GET), "unavailable": True, "results": None}
        context["directory"] = None
        return TemplateResponse(request, "search/search.html", context, status=503)
    return TemplateResponse(request, "search/search.html", context, status=status)


def suggest(request: HttpRequest) -> JsonResponse:
    answer = queries.suggestions(_edition(request), request.GET.get("q", "").replace("\x00", ""))
    return JsonResponse(answer, json_dumps_params={"ensure_ascii": False})
