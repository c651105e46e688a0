"""The latest-news block is rendered once per change and is never stale or leaky."""

import datetime as dt

import pytest
from bs4 import BeautifulSoup
from django.test import override_settings

from masthead.articles.models import ArticlePage
from tests.conftest import NOW, add_article

PAGES_WITH_THE_FEED = ["/", "/politics/the-guest-explains-the-week/", "/tags/diplomacy/"]


def feed_of(client, url: str) -> list[str]:
    """The headlines in the page's latest-news block."""
    soup = BeautifulSoup(client.get(url).content, "html.parser")
    (block,) = soup.select("section.latest-news")
    return [a.get_text() for a in block.select(".feed-items a")]


@pytest.fixture
def warmed(client, newsroom):
    for url in PAGES_WITH_THE_FEED:
        assert feed_of(client, url)[0] == "News item number 0"
    return newsroom


def test_feed_is_built_once_and_then_read_from_the_cache(
    built_pages, client, warmed, django_assert_num_queries
):
    url = "/politics/the-guest-explains-the-week/"
    # With the trust policies the structured data names (one query with the section).
    with override_settings(MASTHEAD_FRAGMENT_CACHE=False), django_assert_num_queries(7):
        client.get(url)
    with django_assert_num_queries(1):  # the route; the article, feed and menu are cached
        client.get(url)


def test_publishing_shows_in_the_next_response_of_every_page(client, warmed):
    add_article(warmed.news, "Breaking: a new item", NOW + dt.timedelta(minutes=1))
    for url in PAGES_WITH_THE_FEED:
        assert feed_of(client, url)[0] == "Breaking: a new item", url


def test_editing_a_headline_shows_at_once(client, warmed):
    item = ArticlePage.objects.get(pk=warmed.items[0].pk)
    item.title = "A corrected headline"
    item.save_revision().publish()
    for url in PAGES_WITH_THE_FEED:
        feed = feed_of(client, url)
        assert feed[0] == "A corrected headline"
        assert "News item number 0" not in feed


def test_a_draft_edit_never_reaches_the_feed(client, warmed):
    item = ArticlePage.objects.get(pk=warmed.items[0].pk)
    item.title = "Unpublished draft headline"
    item.save_revision()
    for url in PAGES_WITH_THE_FEED:
        assert feed_of(client, url)[0] == "News item number 0"


def test_unpublishing_removes_the_item_everywhere(client, warmed):
    warmed.items[1].unpublish()
    for url in PAGES_WITH_THE_FEED:
        feed = feed_of(client, url)
        assert "News item number 1" not in feed
        assert feed[:2] == ["News item number 0", "News item number 2"]


def test_deleting_removes_the_item_everywhere(client, warmed):
    ArticlePage.objects.get(pk=warmed.items[2].pk).delete()
    for url in PAGES_WITH_THE_FEED:
        feed = feed_of(client, url)
        assert "News item number 2" not in feed
        assert feed[:3] == ["News item number 0", "News item number 1", "News item number 3"]


def test_items_of_a_private_section_never_enter_the_feed(client, warmed):
    from wagtail.models import PageViewRestriction

    PageViewRestriction.objects.create(page=warmed.news, restriction_type="login")
    for url in PAGES_WITH_THE_FEED:
        assert feed_of(client, url) == ["The guest explains the week"]


def test_a_fragment_rendered_before_a_change_is_not_served_after_it(rf, warmed):
    """A reader who read the old data before an editor's commit must not leave it cached."""
    from masthead.caching.fragments import cached_fragment, invalidate
    from masthead.editions.current import all_editions

    edition = all_editions()[0]
    stale = []

    def slow_build():
        invalidate("race")  # an editor publishes while this reader renders
        stale.append(True)
        return "old"

    race = ("race",)
    assert cached_fragment("race", edition, slow_build, race) == "old"
    assert cached_fragment("race", edition, lambda: "new", race) == "new"
    assert cached_fragment("race", edition, lambda: "newer", race) == "new"
    assert stale == [True]
