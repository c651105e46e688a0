"""What feed's own pages show: the latest-news block beside every page and the news archive
("More news"), both the edition's whole archive read through the listing primitive."""

from __future__ import annotations

from django.http import HttpRequest

from masthead.caching import keys
from masthead.editions.current import CurrentEdition, edition_for_request

from .grouping import FeedDay
from .listing import Listing, Selection, newest, paginate

FEED_SIZE = 40  # headlines in the latest-news block beside every page

ARCHIVE = Selection("archive")


def latest_news(edition: CurrentEdition, limit: int = FEED_SIZE) -> list[FeedDay]:
    """The newest ``limit`` articles, grouped by day: the feed beside every page."""
    return newest(edition, ARCHIVE, limit)


def news_archive(request: HttpRequest) -> Listing:
    """A page of every public article of the edition, newest first."""
    edition = edition_for_request(request)
    if edition is not None:
        keys.declare(keys.archive(edition.site_id))
    return paginate(request, ARCHIVE)
