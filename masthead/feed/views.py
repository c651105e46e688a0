"""Feed's own reader page: the news archive ("More news")."""

from django.http import HttpRequest
from django.template.response import TemplateResponse

from . import queries


def latest(request: HttpRequest) -> TemplateResponse:
    return TemplateResponse(request, "feed/latest.html", {"listing": queries.news_archive(request)})
