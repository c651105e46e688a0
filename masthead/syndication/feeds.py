"""The feeds: RSS 2.0 and Atom for the edition and each section, tag, person and programme, and
JSON Feed 1.1 for the edition.

RSS and Atom are thin subclasses of Django's syndication ``Feed``; their generators add what
Django's leave out: every author, the main image (Media RSS ``media:content`` in RSS, an
``enclosure`` link in Atom) and the full text (``content:encoded``, Atom ``content``) when the
feed is asked for it with ``?full=1``. Django's view sets ``Last-Modified`` from the newest entry,
so a conditional GET can be answered with 304.
"""

from __future__ import annotations

import json

from django.contrib.syndication.views import Feed
from django.http import HttpRequest, HttpResponse
from django.templatetags.static import static
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed, rfc3339_date
from django.utils.html import escape
from django.utils.http import http_date
from django.utils.xmlutils import SimplerXMLGenerator

from .channels import Channel, ChannelOf, Entry, edition_channel, wants_full_text
from .icons import APPLE_TOUCH_ICON, LOGO

DUBLIN_CORE = "http://purl.org/dc/elements/1.1/"
CONTENT = "http://purl.org/rss/1.0/modules/content/"
MEDIA_RSS = "http://search.yahoo.com/mrss/"
JSON_FEED_VERSION = "https://jsonfeed.org/version/1.1"
JSON_FEED_TYPE = "application/feed+json"


def _media_content(handler: SimplerXMLGenerator, entry: Entry) -> None:
    picture = entry.image
    if picture is None:
        return
    attributes = {
        "url": picture.url,
        "medium": "image",
        "type": picture.mime_type,
        "width": str(picture.width),
        "height": str(picture.height),
    }
    handler.startElement("media:content", attributes)
    if picture.caption:
        handler.addQuickElement("media:description", picture.caption)
    handler.endElement("media:content")


class NewsRssFeed(Rss201rev2Feed):
    """RSS 2.0 with every author (Dublin Core), the main image (Media RSS) and the full text
    (``content:encoded``) when there is one."""

    def rss_attributes(self) -> dict[str, str]:
        return {
            **super().rss_attributes(),
            "xmlns:dc": DUBLIN_CORE,
            "xmlns:content": CONTENT,
            "xmlns:media": MEDIA_RSS,
        }

    def add_item_elements(self, handler: SimplerXMLGenerator, item: dict) -> None:
        super().add_item_elements(handler, item)
        entry: Entry = item["entry"]
        for byline in entry.authors:
            handler.addQuickElement("dc:creator", byline.name)
        for byline in entry.contributors:
            handler.addQuickElement("dc:contributor", byline.name)
        _media_content(handler, entry)
        if entry.content_html is not None:
            handler.addQuickElement("content:encoded", entry.content_html)


class NewsAtomFeed(Atom1Feed):
    """Atom with every author, the main image as an enclosure link and the full text as the
    entry's content when there is one."""

    def add_item_elements(self, handler: SimplerXMLGenerator, item: dict) -> None:
        super().add_item_elements(handler, item)
        entry: Entry = item["entry"]
        for element, bylines in (("author", entry.authors), ("contributor", entry.contributors)):
            for byline in bylines:
                handler.startElement(element, {})
                handler.addQuickElement("name", byline.name)
                if byline.url:
                    handler.addQuickElement("uri", byline.url)
                handler.endElement(element)
        if entry.image is not None:
            # Atom's length is optional, and a rendition's size in bytes is not kept.
            handler.addQuickElement(
                "link",
                "",
                {"rel": "enclosure", "href": entry.image.url, "type": entry.image.mime_type},
            )
        if entry.content_html is not None:
            handler.addQuickElement("content", entry.content_html, {"type": "html"})


class ArticleFeed(Feed):
    """The RSS feed of one channel (the edition's, a section's …), built by ``channel``."""

    feed_type = NewsRssFeed
    item_guid_is_permalink = False

    def __init__(self, channel: ChannelOf):
        self.channel = channel

    def get_object(self, request: HttpRequest, **kwargs: str) -> Channel:
        return self.channel(request, full_text=wants_full_text(request), **kwargs)

    def get_feed(self, obj: Channel, request: HttpRequest):
        feed = super().get_feed(obj, request)
        feed.feed["language"] = obj.edition.language_code  # not the request's active language
        return feed

    def title(self, obj: Channel) -> str:
        return obj.title

    def link(self, obj: Channel) -> str:
        return obj.link

    def description(self, obj: Channel) -> str:
        return obj.description

    def feed_url(self, obj: Channel) -> str:
        return obj.self_url

    def feed_copyright(self, obj: Channel) -> str:
        return f"© {obj.edition.brand}"

    def items(self, obj: Channel) -> list[Entry]:
        return obj.entries

    def item_title(self, item: Entry) -> str:
        return item.title

    def item_link(self, item: Entry) -> str:
        return item.url

    def item_description(self, item: Entry) -> str | None:
        # Both formats read the summary as HTML; the lead is plain text.
        return escape(item.summary) if item.summary else None

    def item_guid(self, item: Entry) -> str:
        return item.guid

    def item_pubdate(self, item: Entry):
        return item.published

    def item_updateddate(self, item: Entry):
        return item.modified

    def item_categories(self, item: Entry) -> tuple[str, ...]:
        return (item.section,) if item.section else ()

    def item_extra_kwargs(self, item: Entry) -> dict:
        return {"entry": item}


class AtomArticleFeed(ArticleFeed):
    """The Atom feed of one channel."""

    feed_type = NewsAtomFeed

    def subtitle(self, obj: Channel) -> str:
        return obj.description


def json_feed_document(channel: Channel, request: HttpRequest) -> dict:
    """The channel as a JSON Feed 1.1 document."""
    items = []
    for entry in channel.entries:
        item: dict = {
            "id": entry.guid,
            "url": entry.url,
            "title": entry.title,
            "date_published": rfc3339_date(entry.published),
            "date_modified": rfc3339_date(entry.modified),
            "authors": [
                {"name": byline.name, **({"url": byline.url} if byline.url else {})}
                for byline in entry.authors
            ],
        }
        if entry.summary:
            item["summary"] = entry.summary
        if entry.content_html is not None:
            item["content_html"] = entry.content_html
        else:
            item["content_text"] = entry.summary or entry.title
        if entry.image is not None:
            item["image"] = entry.image.url
        if entry.section:
            item["tags"] = [entry.section]
        items.append(item)
    return {
        "version": JSON_FEED_VERSION,
        "title": channel.title,
        "home_page_url": channel.link,
        "feed_url": channel.self_url,
        "description": channel.description,
        "language": channel.edition.language_code,
        "icon": request.build_absolute_uri(static(LOGO)),
        "favicon": request.build_absolute_uri(static(APPLE_TOUCH_ICON)),
        "authors": [{"name": channel.edition.brand, "url": channel.link}],
        "items": items,
    }


def json_feed(request: HttpRequest, channel: ChannelOf = edition_channel) -> HttpResponse:
    """The edition's JSON Feed (``application/feed+json``), with ``Last-Modified`` like the
    other feeds."""
    found = channel(request, full_text=wants_full_text(request))
    body = json.dumps(json_feed_document(found, request), ensure_ascii=False, indent=None)
    response = HttpResponse(body, content_type=f"{JSON_FEED_TYPE}; charset=utf-8")
    if found.latest_change is not None:
        response.headers["Last-Modified"] = http_date(found.latest_change.timestamp())
    return response
