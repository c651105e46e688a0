"""Reader pages that are listings rather than Wagtail pages: the news archive ("More news"), and
the pages of a tag, a person and a programme."""

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from taggit.models import Tag

from masthead.people.models import Person
from masthead.programmes.models import Programme

from . import queries


def latest(request: HttpRequest) -> TemplateResponse:
    return TemplateResponse(request, "feed/latest.html", {"listing": queries.news_archive(request)})


def tag(request: HttpRequest, slug: str) -> TemplateResponse:
    tag = get_object_or_404(Tag, slug=slug)
    return TemplateResponse(
        request, "feed/tag.html", {"tag": tag, "listing": queries.tag_listing(request, tag)}
    )


def person(request: HttpRequest, slug: str) -> TemplateResponse:
    person = get_object_or_404(Person.objects.select_related("photo"), slug=slug)
    return TemplateResponse(
        request,
        "feed/person.html",
        {
            "person": person,
            "programmes": queries.programmes_hosted_by(person),
            "listing": queries.person_listing(request, person),
        },
    )


def programme(request: HttpRequest, slug: str) -> TemplateResponse:
    programme = get_object_or_404(Programme.objects.select_related("image"), slug=slug)
    return TemplateResponse(
        request,
        "feed/programme.html",
        {
            "programme": programme,
            "hosts": queries.programme_hosts(programme),
            "listing": queries.programme_listing(request, programme),
        },
    )


def people(request: HttpRequest) -> TemplateResponse:
    return TemplateResponse(request, "feed/people.html", {"people": queries.all_people()})


def programmes(request: HttpRequest) -> TemplateResponse:
    return TemplateResponse(
        request, "feed/programmes.html", {"programmes": queries.all_programmes()}
    )
