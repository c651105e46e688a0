"""What the syndication tests share: reading a response (streamed or not), parsing feeds with
feedparser, and a picture with its renditions."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import feedparser
import pytest
from wagtail.images.models import Image
from wagtail.images.tests.utils import get_test_image_file

from masthead.caching import keys


def body_of(response) -> bytes:
    """A response's bytes, read to the end whether it is streamed or not."""
    if response.streaming:
        return b"".join(response.streaming_content)
    return response.content


def parsed_feed(client, url: str) -> feedparser.FeedParserDict:
    """The feed at ``url`` read by feedparser, which must find nothing wrong with it."""
    response = client.get(url)
    assert response.status_code == 200, url
    feed = feedparser.parse(body_of(response))
    assert feed.bozo == 0, f"{url}: {feed.get('bozo_exception')}"
    return feed


@contextmanager
def declared_keys() -> Iterator[set[str]]:
    """The content keys the responses built inside the block declared."""
    with keys.collecting() as collected:
        yield collected


@pytest.fixture
def picture(db) -> Image:
    """A picture; saving it makes its public renditions."""
    return Image.objects.create(title="The studio", file=get_test_image_file(size=(1600, 900)))
