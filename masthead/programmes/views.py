"""The programme pages: a programme with its hosts and articles (/programmes/<slug>/) and the
directory (/programmes/)."""

from django.http import HttpRequest
from django.template.response import TemplateResponse

from . import queries


def programme(request: HttpRequest, slug: str) -> TemplateResponse:
    return TemplateResponse(
        request, "programmes/programme.html", queries.programme_page(request, slug)
    )


def programmes(request: HttpRequest) -> TemplateResponse:
    return TemplateResponse(
        request, "programmes/directory.html", {"programmes": queries.all_programmes()}
    )
