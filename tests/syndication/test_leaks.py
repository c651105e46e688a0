"""Nothing a reader may not see reaches a feed or a sitemap: not a draft, an unpublished article,
one scheduled to go live later, one whose expiry has passed, nor one in a restricted section.

Each case files a secret article that every listing would otherwise show: in News, tagged, by
the newsroom's author, from its programme, with a guest and a tag of its own, dated in a month
of its own and, with the news sitemap's window widened for the test, recent enough for it.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable

import feedparser
import pytest
from django.core.management import call_command
from lxml import etree
from wagtail.models import PageViewRestriction

from masthead.articles.models import ArticlePage, Role
from masthead.people.models import Person
from masthead.syndication import restrictions, sitemaps
from tests.conftest import NOW, add_article, add_section
from tests.syndication.conftest import body_of

SECRET_TITLE = "The embargoed story"
SECRET_SLUG = "the-embargoed-story"
GUEST_SLUG = "secret-guest"
TAG = "embargoed-topic"

FEEDS = [
    "/feeds/rss/",
    "/feeds/atom/",
    "/feeds/json/",
    "/feeds/rss/?full=1",
    "/feeds/sections/news/rss/",
    "/feeds/sections/news/atom/",
    "/feeds/tags/diplomacy/rss/",
    "/feeds/tags/diplomacy/atom/",
    "/feeds/people/maria-writer/rss/",
    "/feeds/people/maria-writer/atom/",
    "/feeds/programmes/evening-studio/rss/",
    "/feeds/programmes/evening-studio/atom/",
]
SITEMAPS = [
    "/sitemap.xml",
    "/sitemaps/pages.xml",
    "/sitemaps/news.xml",
    "/sitemaps/articles-2024-09.xml",
]
# The secret's date: August 2024, a month in which the newsroom published nothing.
DATED = dt.datetime(2024, 8, 15, 9, 0, tzinfo=dt.UTC)


def _fields(newsroom) -> dict:
    return {
        "published_at": DATED,
        "slug": SECRET_SLUG,
        "lead": "Not for readers yet.",
        "programme": newsroom.programme,
        "tags": ["diplomacy", TAG],
        "people": [
            (newsroom.author, Role.AUTHOR, ""),
            (Person.objects.create(name="Secret Guest", slug=GUEST_SLUG), Role.GUEST, ""),
        ],
    }


def _draft(newsroom) -> ArticlePage:
    fields = _fields(newsroom)
    article = ArticlePage(
        title=SECRET_TITLE,
        slug=fields["slug"],
        published_at=DATED,
        lead=fields["lead"],
        programme=fields["programme"],
        live=False,
    )
    newsroom.news.add_child(instance=article)
    article.tags.add(*fields["tags"])
    for person, role, credentials in fields["people"]:
        article.appearances.create(person=person, role=role, credentials=credentials)
    article.save_revision()
    return article


def draft(newsroom) -> None:
    _draft(newsroom)


def unpublished(newsroom) -> None:
    add_article(newsroom.news, SECRET_TITLE, **_fields(newsroom)).unpublish()


def scheduled(newsroom) -> None:
    article = _draft(newsroom)
    article.go_live_at = NOW + dt.timedelta(hours=1)
    article.save_revision().publish()
    article.refresh_from_db()
    assert not article.live and article.latest_revision.approved_go_live_at is not None


def expired(newsroom) -> None:
    article = add_article(
        newsroom.news,
        SECRET_TITLE,
        expire_at=NOW + dt.timedelta(minutes=5),
        **_fields(newsroom),
    )
    ArticlePage.objects.filter(pk=article.pk).update(expire_at=NOW - dt.timedelta(minutes=1))
    call_command("publish_scheduled", verbosity=0)
    article.refresh_from_db()
    assert article.expired and not article.live


def restricted(newsroom) -> None:
    members = add_section("Members")
    PageViewRestriction.objects.create(page=members, restriction_type="login")
    add_article(members, SECRET_TITLE, **_fields(newsroom))


CASES: list[Callable] = [draft, unpublished, scheduled, expired, restricted]


def _seen_in_feed(url: str, body: bytes) -> set[str]:
    """Every title and address a feed shows."""
    if url.startswith("/feeds/json/"):
        document = json.loads(body)
        return {value for item in document["items"] for value in (item["title"], item["url"])}
    feed = feedparser.parse(body)
    assert feed.bozo == 0
    seen = set()
    for entry in feed.entries:
        seen.update(
            {entry.title, entry.link, *(a.get("href", "") for a in entry.get("authors", []))}
        )
        seen.update(c["value"] for c in entry.get("content", []))
    return seen


def _seen_in_sitemap(body: bytes) -> set[str]:
    document = etree.fromstring(body)
    return {text.strip() for text in document.itertext() if text.strip()}


@pytest.fixture(params=CASES, ids=lambda case: case.__name__)
def secret(request, newsroom, monkeypatch):
    monkeypatch.setattr(sitemaps, "NEWS_WINDOW", NOW - DATED + dt.timedelta(days=1))
    request.param(newsroom)
    return request.param.__name__


def _forbidden() -> set[str]:
    return {
        SECRET_TITLE,
        f"http://testserver/news/{SECRET_SLUG}/",
        f"http://testserver/members/{SECRET_SLUG}/",
        f"http://testserver/people/{GUEST_SLUG}/",
        f"http://testserver/tags/{TAG}/",
        "http://testserver/members/",
    }


@pytest.mark.parametrize("url", FEEDS)
def test_no_feed_shows_it(client, secret, url):
    response = client.get(url)
    assert response.status_code == 200
    seen = _seen_in_feed(url, body_of(response))
    assert seen, "the feed lists the newsroom's articles"
    assert not seen & _forbidden()
    assert not any(SECRET_SLUG in value or "Not for readers" in value for value in seen)


def test_a_restricted_sections_own_feeds_are_404s(client, newsroom):
    restricted(newsroom)
    for url in ["/feeds/sections/members/rss/", "/feeds/sections/members/atom/"]:
        assert client.get(url).status_code == 404


@pytest.mark.parametrize("url", SITEMAPS)
def test_no_sitemap_shows_it(client, secret, url):
    seen = _seen_in_sitemap(body_of(client.get(url)))
    assert seen
    assert not seen & _forbidden()
    assert not any(SECRET_SLUG in value for value in seen)


def test_no_month_is_listed_for_it_alone(client, secret):
    index = _seen_in_sitemap(body_of(client.get("/sitemap.xml")))
    assert "http://testserver/sitemaps/articles-2024-08.xml" not in index
    assert client.get("/sitemaps/articles-2024-08.xml").status_code == 404


def test_the_secret_would_be_everywhere_once_published(client, newsroom, monkeypatch):
    """The check of the cases above: the same article, published, is in every feed and
    sitemap they read."""
    monkeypatch.setattr(sitemaps, "NEWS_WINDOW", NOW - DATED + dt.timedelta(days=1))
    add_article(newsroom.news, SECRET_TITLE, **_fields(newsroom))
    for url in FEEDS:
        assert SECRET_TITLE in _seen_in_feed(url, body_of(client.get(url))), url
    for url in ["/sitemaps/pages.xml", "/sitemaps/news.xml", "/sitemaps/articles-2024-08.xml"]:
        assert _seen_in_sitemap(body_of(client.get(url))) & _forbidden(), url


def test_restrictions_too_many_to_list_are_still_left_out(client, newsroom, monkeypatch):
    monkeypatch.setattr(restrictions, "MOST_LISTED", 0)
    monkeypatch.setattr(sitemaps, "NEWS_WINDOW", NOW - DATED + dt.timedelta(days=1))
    restricted(newsroom)
    assert restrictions.Restrictions.read().paths is None
    for url in SITEMAPS:
        assert not _seen_in_sitemap(body_of(client.get(url))) & _forbidden(), url
    assert client.get("/sitemaps/articles-2024-08.xml").status_code == 404
