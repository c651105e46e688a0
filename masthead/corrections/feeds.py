"""The corrections feeds (RSS 2.0 and Atom): thin subclasses of Django's syndication ``Feed``
over the corrections page's newest corrections, one entry per correction."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.contrib.syndication.views import Feed
from django.http import Http404, HttpRequest
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed
from django.utils.html import escape

from masthead.editions.current import CurrentEdition, edition_for_request

from .queries import ListedCorrection, corrections_page


@dataclass(frozen=True)
class CorrectionsChannel:
    edition: CurrentEdition
    request: HttpRequest
    corrections: list[ListedCorrection]


def correction_guid(hostname: str, article_id: int, noted_at: dt.datetime) -> str:
    """A tag URI (RFC 4151), e.g. ``tag:example.com,2024-09-21:article:12:correction:…``: the
    article and the moment of the correction, which stay whatever is later edited in either
    (a correction's row may be written anew when its article is published)."""
    moment = noted_at.astimezone(dt.UTC)
    return f"tag:{hostname},{moment:%Y-%m-%d}:article:{article_id}:correction:{moment:%H%M%S%f}"


class CorrectionsFeed(Feed):
    feed_type = Rss201rev2Feed
    item_guid_is_permalink = False

    def get_object(self, request: HttpRequest) -> CorrectionsChannel:
        edition = edition_for_request(request)
        if edition is None:
            raise Http404("No edition answers at this address.")
        return CorrectionsChannel(edition, request, corrections_page(edition).corrections)

    def get_feed(self, obj: CorrectionsChannel, request: HttpRequest):
        feed = super().get_feed(obj, request)
        feed.feed["language"] = obj.edition.language_code
        return feed

    def title(self, obj: CorrectionsChannel) -> str:
        return f"Corrections — {obj.edition.brand}"

    def link(self, obj: CorrectionsChannel) -> str:
        return obj.request.build_absolute_uri(reverse("corrections"))

    def description(self, obj: CorrectionsChannel) -> str:
        return f"Every correction {obj.edition.brand} has made to its articles, newest first."

    def feed_copyright(self, obj: CorrectionsChannel) -> str:
        return f"© {obj.edition.brand}"

    def items(self, obj: CorrectionsChannel) -> list[tuple[CorrectionsChannel, ListedCorrection]]:
        return [(obj, correction) for correction in obj.corrections]

    def item_title(self, item) -> str:
        return f"Correction: {item[1].headline}"

    def item_link(self, item) -> str:
        channel, correction = item
        return channel.request.build_absolute_uri(correction.path) + "#corrections"

    def item_description(self, item) -> str:
        return escape(item[1].text)  # read as HTML; the correction is plain text

    def item_guid(self, item) -> str:
        channel, correction = item
        return correction_guid(channel.edition.hostname, correction.article_id, correction.noted_at)

    def item_pubdate(self, item) -> dt.datetime:
        channel, correction = item
        return correction.noted_at.astimezone(channel.edition.time_zone)

    def item_updateddate(self, item) -> dt.datetime:
        return self.item_pubdate(item)


class AtomCorrectionsFeed(CorrectionsFeed):
    feed_type = Atom1Feed

    def subtitle(self, obj: CorrectionsChannel) -> str:
        return self.description(obj)
