"""What the programme pages show: a programme with its hosts and its articles, and the
directory of all programmes."""

from __future__ import annotations

from django.db.models import F, QuerySet
from django.http import HttpRequest
from django.shortcuts import get_object_or_404

from masthead.articles.models import ArticlePage
from masthead.caching import keys
from masthead.feed.listing import Listing, Selection, paginate
from masthead.people.models import Person

from .models import Programme, ProgrammeHost


def _from_programme(articles: QuerySet[ArticlePage], programme_id: int) -> QuerySet[ArticlePage]:
    return articles.filter(programme_id=programme_id)


PROGRAMME_ARTICLES = Selection("programme", _from_programme, key=int)


def programme_listing(request: HttpRequest, programme: Programme) -> Listing:
    """The programme's articles, a page at a time (one query)."""
    return paginate(request, PROGRAMME_ARTICLES, programme.pk)


def programme_hosts(programme: Programme) -> list[Person]:
    """The programme's hosts in the editors' order, with their photos (one query)."""
    # Ordered through the host rows themselves: ordering people by
    # ``hosted_programmes__sort_order`` joins their hosting of every programme, not only this one.
    hosts = (
        ProgrammeHost.objects.filter(programme=programme)
        .select_related("person__photo")
        # Hosts added in code have no sort order: first, in the order they were added, on
        # every database (PostgreSQL would put them last).
        .order_by(F("sort_order").asc(nulls_first=True), "pk")
    )
    return [host.person for host in hosts]


def all_programmes() -> list[Programme]:
    """Every programme, by title, with its picture (one query)."""
    keys.declare(keys.PROGRAMMES)
    return list(Programme.objects.select_related("image").order_by("title"))


def programme_page(request: HttpRequest, slug: str) -> dict:
    """The programme page's context (three queries); 404 for an unknown programme."""
    programme = get_object_or_404(Programme.objects.select_related("image"), slug=slug)
    keys.declare(*keys.with_listing(keys.programme(programme.pk)))
    return {
        "programme": programme,
        "hosts": programme_hosts(programme),
        "listing": programme_listing(request, programme),
    }
