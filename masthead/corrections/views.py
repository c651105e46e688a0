"""The public corrections page (/corrections/) and its feeds."""

from __future__ import annotations

from django.http import Http404, HttpRequest
from django.template.response import TemplateResponse

from masthead.editions.current import edition_for_request

from . import queries


def corrections(request: HttpRequest) -> TemplateResponse:
    edition = edition_for_request(request)
    if edition is None:
        raise Http404("No edition answers at this address.")
    return TemplateResponse(
        request, "corrections/corrections.html", queries.page_context(request, edition)
    )
