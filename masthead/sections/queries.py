"""What a section page shows: the articles filed under it, a page at a time."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db.models import QuerySet
from django.http import HttpRequest

from masthead.articles.models import ArticlePage
from masthead.caching import keys
from masthead.feed.listing import Listing, Selection, paginate

if TYPE_CHECKING:
    from .models import SectionPage


def _filed_under(articles: QuerySet[ArticlePage], path: str) -> QuerySet[ArticlePage]:
    # Articles have no children of their own, so the section's descendants are its articles.
    return articles.filter(path__startswith=path)


SECTION_ARTICLES = Selection("section", _filed_under, key=str)


def section_listing(request: HttpRequest, section: SectionPage) -> Listing:
    """Articles filed under the section, a page at a time (one query)."""
    keys.declare(*keys.with_listing(keys.section(section.pk)))
    return paginate(request, SECTION_ARTICLES, section.path)
