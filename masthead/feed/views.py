"""Feed's own reader page: the news archive ("More news")."""

from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse

from . import queries
from .fragment import latest_news_html


def latest(request: HttpRequest) -> TemplateResponse:
    return TemplateResponse(request, "feed/latest.html", {"listing": queries.news_archive(request)})


def latest_news_block(request: HttpRequest) -> HttpResponse:
    """The latest-news block alone: what an edge that does ESI includes in every page."""
    return HttpResponse(latest_news_html(request))
