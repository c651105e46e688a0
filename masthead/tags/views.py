"""A tag's page (/tags/<slug>/): the articles carrying it."""

from django.http import HttpRequest
from django.template.response import TemplateResponse

from . import queries


def tag(request: HttpRequest, slug: str) -> TemplateResponse:
    return TemplateResponse(request, "tags/tag.html", queries.tag_page(request, slug))
