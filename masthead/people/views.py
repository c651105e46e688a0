"""The people pages: a person's profile and listing (/people/<slug>/) and the directory
(/people/)."""

from django.http import HttpRequest
from django.template.response import TemplateResponse

from . import queries


def person(request: HttpRequest, slug: str) -> TemplateResponse:
    return TemplateResponse(request, "people/person.html", queries.person_page(request, slug))


def people(request: HttpRequest) -> TemplateResponse:
    return TemplateResponse(request, "people/directory.html", {"people": queries.all_people()})
