"""Drafts stay private (issue 17): drafts, previews, revisions and scheduled items are never shown
to anonymous readers nor cached by a shared cache, and never reach a listing, feed or sitemap.
Revisions can be compared and rolled back, and a page can be locked, with Wagtail's own views."""

from __future__ import annotations

import datetime as dt

import feedparser
import pytest
from bs4 import BeautifulSoup
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils.cache import get_max_age
from lxml import etree

from masthead.articles.models import ArticlePage
from tests.conftest import NOW, publish

PUBLIC_LISTS = ["/", "/latest/", "/news/", "/tags/diplomacy/", "/people/maria-writer/"]
FEEDS = ["/feeds/rss/", "/feeds/atom/", "/feeds/sections/news/rss/"]
SITEMAPS = ["/sitemaps/news.xml", "/sitemaps/pages.xml"]


def is_private(response) -> bool:
    control = {part.strip().split("=")[0] for part in response.get("Cache-Control", "").split(",")}
    return "private" in control and "public" not in control and "xkey" not in response


def headlines_in(client, url: str) -> set[str]:
    response = client.get(url)
    assert response.status_code == 200, url
    return {a.get_text() for a in BeautifulSoup(response.content, "html.parser").select("main a")}


def titles_in_feed(client, url: str) -> set[str]:
    return {entry.title for entry in feedparser.parse(client.get(url).content).entries}


def locations_in_sitemap(client, url: str) -> set[str]:
    # Read whole (sitemaps are streamed).
    body = b"".join(client.get(url).streaming_content)
    tree = etree.fromstring(body)
    return {loc.text for loc in tree.iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")}


def draft_in(newsroom, title: str, **fields) -> ArticlePage:
    """A new article saved as a draft only, never published."""
    article = ArticlePage(
        title=title, slug=title.lower().replace(" ", "-"), published_at=NOW, live=False, **fields
    )
    newsroom.news.add_child(instance=article)
    article.save_revision()
    return article


def scheduled_in(newsroom, title: str) -> ArticlePage:
    """A new article approved to go live tomorrow: scheduled, not live."""
    article = draft_in(newsroom, title)
    article.go_live_at = NOW + dt.timedelta(days=1)
    article.tags.add("diplomacy")
    article.save_revision().publish()
    article.refresh_from_db()
    assert not article.live and article.get_latest_revision().approved_go_live_at
    return article


@pytest.fixture
def editor(db):
    return get_user_model().objects.create_superuser("desk", "desk@example.com", "pw")


@pytest.mark.parametrize("make", [draft_in, scheduled_in], ids=["draft", "scheduled"])
def test_drafts_and_scheduled_items_are_nowhere_for_readers(client, newsroom, frozen_now, make):
    article = make(newsroom, "Not for readers yet")
    url = "/news/not-for-readers-yet/"
    assert client.get(url).status_code == 404
    for page in PUBLIC_LISTS:
        assert "Not for readers yet" not in headlines_in(client, page), page
    for feed in FEEDS:
        assert "Not for readers yet" not in titles_in_feed(client, feed), feed
    for sitemap in SITEMAPS:
        assert not any(loc.endswith(url) for loc in locations_in_sitemap(client, sitemap))
    assert article.pk


def test_a_draft_of_a_live_article_is_not_served(client, newsroom):
    article = newsroom.items[0]
    article.title = "A headline still in draft"
    article.save_revision()
    page = BeautifulSoup(client.get(newsroom.items[0].url).content, "html.parser")
    assert page.h1.get_text() == "News item number 0"
    assert "A headline still in draft" not in headlines_in(client, "/latest/")


def test_a_preview_is_never_cached(client, newsroom, editor):
    client.force_login(editor)
    article = newsroom.items[0]
    preview_url = reverse("wagtailadmin_pages:preview_on_edit", args=[article.pk])
    form = client.get(reverse("wagtailadmin_pages:edit", args=[article.pk]))
    assert form.status_code == 200
    article.title = "Previewed headline"
    revision = article.save_revision()
    response = client.get(reverse("wagtailadmin_pages:view_draft", args=[article.pk]))
    assert response.status_code == 200
    assert BeautifulSoup(response.content, "html.parser").h1.get_text() == "Previewed headline"
    assert is_private(response)
    assert get_max_age(response) in (None, 0)
    assert revision.pk and preview_url
    # And readers still get the live article, which a preview never replaced.
    client.logout()
    reader = client.get(article.url)
    assert BeautifulSoup(reader.content, "html.parser").h1.get_text() == "News item number 0"


def test_editors_are_never_served_a_shared_page(client, newsroom, editor):
    client.force_login(editor)
    response = client.get(newsroom.items[0].url)
    assert response.status_code == 200
    assert is_private(response)


def test_revisions_compare_and_roll_back_and_stay_private(client, newsroom, editor):
    client.force_login(editor)
    article = newsroom.items[0]
    first = article.live_revision
    article.title = "A changed headline"
    publish(article)
    second = article.live_revision
    compare = client.get(
        reverse("wagtailadmin_pages:revisions_compare", args=[article.pk, first.pk, second.pk])
    )
    assert compare.status_code == 200 and is_private(compare)
    revisions = client.get(reverse("wagtailadmin_pages:revisions_index", args=[article.pk]))
    assert revisions.status_code in (200, 302) and is_private(revisions)
    revert = client.get(reverse("wagtailadmin_pages:revisions_revert", args=[article.pk, first.pk]))
    assert revert.status_code == 200 and is_private(revert)
    # Rolling back is publishing the old revision's content again.
    old = first.as_object()
    old.save_revision(user=editor).publish()
    reader = BeautifulSoup(client.get(article.url).content, "html.parser")
    assert reader.h1.get_text() == "News item number 0"


def test_a_locked_page_cannot_be_edited_by_another_editor(client, newsroom, editor):
    other = get_user_model().objects.create_superuser("other", "other@example.com", "pw")
    article = newsroom.items[0]
    client.force_login(editor)
    response = client.post(reverse("wagtailadmin_pages:lock", args=[article.pk]))
    assert response.status_code == 302
    article.refresh_from_db()
    assert article.locked and article.locked_by == editor
    lock = article.get_lock()
    assert lock is not None and lock.for_user(other)  # a lock the other editor is held by
    assert not lock.for_user(editor)
