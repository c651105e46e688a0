"""The forecasts' feed (masthead/forecasts/views.py ``ForecastsFeed``): one entry per forecast
marked and one per resolution recorded, each titled for itself, with the index's filters."""

from __future__ import annotations

import datetime as dt
from urllib.parse import parse_qs, urlsplit

import feedparser
import pytest
from bs4 import BeautifulSoup
from taggit.models import Tag

from tests.forecasts.test_pages import interview, make, resolve  # noqa: F401 (a fixture)

MARKED = dt.datetime(2024, 1, 10, 8, 30, tzinfo=dt.UTC)


@pytest.fixture
def forecasts(interview, newsroom):  # noqa: F811
    """Two forecasts by the guest (one on prices, resolved and then revised) and one by the host,
    pending, each marked and resolved at a time of its own."""
    prices = make(interview, newsroom.guest, marked_at=MARKED)
    prices.subjects.add(Tag.objects.create(name="Prices", slug="prices"))
    prices.save()
    first = resolve(prices, "came_true", recorded_at=MARKED + dt.timedelta(days=30))
    revision = resolve(prices, "partly", recorded_at=MARKED + dt.timedelta(days=31))
    rebuild = make(
        interview, newsroom.guest, words="Then we rebuild.", marked_at=MARKED + dt.timedelta(1)
    )
    hosts = make(
        interview, newsroom.host, words="Then we rebuild.", marked_at=MARKED + dt.timedelta(2)
    )
    return {"prices": prices, "first": first, "revision": revision,
            "rebuild": rebuild, "hosts": hosts}  # fmt: skip


def forecasts_feed_link(index: BeautifulSoup) -> str:
    """The forecasts' feed the page advertises (besides the edition's own feeds)."""
    (link,) = [
        link["href"]
        for link in index.select('head link[rel=alternate][type="application/rss+xml"]')
        if link["href"].startswith("/forecasts/")
    ]
    return link


def parsed(client, query: str = ""):
    response = client.get(f"/forecasts/feed/{query}")
    assert response.status_code == 200
    feed = feedparser.parse(response.content)
    assert feed.bozo == 0, feed.get("bozo_exception")
    ids = [entry.id for entry in feed.entries]
    assert len(ids) == len(set(ids)), ids
    titles = [entry.title for entry in feed.entries]
    assert len(titles) == len(set(titles)), titles
    return feed


def test_one_entry_per_marking_and_per_resolution_newest_first(client, forecasts):
    feed = parsed(client)
    f = forecasts
    assert [entry.id for entry in feed.entries] == [
        f"urn:uuid:{f['revision'].uid}",
        f"urn:uuid:{f['first'].uid}",
        f"urn:uuid:{f['hosts'].uid}",
        f"urn:uuid:{f['rebuild'].uid}",
        f"urn:uuid:{f['prices'].uid}",
    ]
    by_id = {entry.id: entry for entry in feed.entries}
    revision = by_id[f"urn:uuid:{f['revision'].uid}"]
    assert revision.title == (
        "Revised to partly came true (was came true) — Taras Guest: "
        "“Prices will fall by the end of next…”"
    )
    assert by_id[f"urn:uuid:{f['first'].uid}"].title.startswith("Came true — Taras Guest: “Prices")
    marking = by_id[f"urn:uuid:{f['prices'].uid}"]
    assert marking.title.startswith("Forecast — Taras Guest: “Prices will fall")
    assert dt.datetime(*marking.published_parsed[:6], tzinfo=dt.UTC) == MARKED
    resolved_at = dt.datetime(*revision.published_parsed[:6], tzinfo=dt.UTC)
    assert resolved_at == f["revision"].recorded_at
    assert revision.link.endswith(f"/forecasts/{f['prices'].uid}/")


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("?subject=prices", ["revision", "first", "prices"]),
        ("?status=pending", ["hosts", "rebuild"]),
        ("?person=oksana-host", ["hosts"]),
        ("?person=taras-guest&status=partly", ["revision", "first", "prices"]),
    ],
)
def test_the_feed_honours_the_index_filters_and_links_the_filtered_index(
    client, forecasts, query, expected
):
    feed = parsed(client, query)
    assert [entry.id for entry in feed.entries] == [
        f"urn:uuid:{forecasts[name].uid}" for name in expected
    ]
    link = urlsplit(feed.feed.link)
    assert link.path == "/forecasts/" and parse_qs(link.query) == parse_qs(query[1:])
    # The index with the same filters lists the same forecasts, and advertises this feed.
    index = BeautifulSoup(client.get(f"/forecasts/{query}").content, "html.parser")
    alternate = urlsplit(forecasts_feed_link(index))
    assert alternate.path == "/forecasts/feed/" and parse_qs(alternate.query) == parse_qs(query[1:])
    listed = {a["href"] for a in index.select("ol.forecasts a")}
    forecast_uids = {forecasts[name].uid for name in expected if name not in {"first", "revision"}}
    assert listed == {f"/forecasts/{uid}/" for uid in forecast_uids}


def test_the_unfiltered_index_advertises_the_whole_feed(client, forecasts):
    index = BeautifulSoup(client.get("/forecasts/").content, "html.parser")
    assert forecasts_feed_link(index) == "/forecasts/feed/"
    assert parsed(client).feed.title == "Forecasts"
    assert parsed(client, "?person=taras-guest").feed.title == "Forecasts by Taras Guest"
