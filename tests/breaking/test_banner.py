"""The banner on every page: shown while an article is flagged, gone on the next request once
it is cleared, expires, or its article is unpublished or deleted; rendered into the page (which
then carries its key) unless an edge includes it by ESI."""

from __future__ import annotations

import datetime as dt

import pytest
from bs4 import BeautifulSoup
from django.test import override_settings
from wagtail.models import PageViewRestriction

from masthead.breaking.models import BreakingNews
from masthead.frontpage.models import FrontPage
from masthead.policies.models import PolicyPage
from tests.breaking.conftest import NOWHERE, banners, banners_on, flag, site_id
from tests.conftest import publish

ITEM = "/news/news-item-number-0/"
ESI_EDGE = {"HTTP_SURROGATE_CAPABILITY": 'varnish="ESI/1.0"'}  # what the VCL adds
# A page of every type, and an address with no page.
PAGES = (
    "/",
    "/news/",
    ITEM,
    "/politics/the-guest-explains-the-week/",
    "/latest/",
    "/tags/diplomacy/",
    "/people/",
    "/people/maria-writer/",
    "/programmes/",
    "/programmes/evening-studio/",
    "/ethics/",
    NOWHERE,
)
SHOWN = [("News item number 0", ITEM)]


@pytest.fixture(params=[True, False], ids=["shared-values", "built-per-request"])
def fragment_cache(request):
    with override_settings(MASTHEAD_FRAGMENT_CACHE=request.param):
        yield request.param


@pytest.fixture
def ethics(newsroom) -> PolicyPage:
    return publish(FrontPage.objects.get().add_child(instance=PolicyPage(title="Ethics")))


def on_every_page(client) -> dict[str, list]:
    return {url: banners_on(client, url) for url in PAGES}


def test_no_page_shows_a_banner_while_nothing_is_flagged(client, newsroom, ethics):
    for url in PAGES:
        response = client.get(url)
        assert response.status_code == (404 if url == NOWHERE else 200), url
        assert BeautifulSoup(response.content, "html.parser").select(".breaking") == [], url


def test_every_page_shows_the_flagged_article_on_the_next_request(
    client, newsroom, ethics, fragment_cache
):
    assert on_every_page(client) == {url: [] for url in PAGES}  # shared values warmed
    flag(newsroom.items[0])
    assert on_every_page(client) == {url: SHOWN for url in PAGES}


def test_the_banner_is_gone_from_every_page_once_cleared(client, newsroom, ethics, fragment_cache):
    flagged = flag(newsroom.items[0])
    assert on_every_page(client) == {url: SHOWN for url in PAGES}
    flagged.clear()
    assert on_every_page(client) == {url: [] for url in PAGES}


def test_the_banner_is_gone_from_every_page_at_its_expiry(
    client, newsroom, ethics, fragment_cache, time_machine
):
    flag(newsroom.items[0], hours=1)
    time_machine.shift(dt.timedelta(minutes=59, seconds=59))
    assert on_every_page(client) == {url: SHOWN for url in PAGES}
    time_machine.shift(dt.timedelta(seconds=1))
    assert on_every_page(client) == {url: [] for url in PAGES}


def test_the_banner_says_what_the_editor_wrote_or_else_the_headline(client, newsroom):
    flagged = flag(newsroom.items[0], text="Bridge closed: what we know")
    assert banners_on(client, "/") == [("Bridge closed: what we know", ITEM)]
    flagged.text = ""
    flagged.save()
    assert banners_on(client, "/") == SHOWN


def test_a_new_headline_of_the_flagged_article_is_shown_on_the_next_request(client, newsroom):
    flag(newsroom.items[0])
    assert banners_on(client, "/") == SHOWN
    item = newsroom.items[0]
    item.title = "News item number 0, updated"
    item.save_revision().publish()
    assert banners_on(client, "/") == [("News item number 0, updated", ITEM)]


def test_the_newest_flag_wins(client, newsroom):
    flag(newsroom.items[0])
    flag(newsroom.items[1])
    assert banners_on(client, "/") == [("News item number 1", "/news/news-item-number-1/")]


def test_the_banner_is_gone_when_its_article_is_unpublished(client, newsroom, fragment_cache):
    flag(newsroom.items[0])
    assert banners_on(client, "/") == SHOWN
    newsroom.items[0].unpublish()
    assert banners_on(client, "/") == []
    assert BreakingNews.objects.get().cleared_at is None  # back when the article is


def test_the_banner_is_gone_when_its_article_is_deleted(client, newsroom, fragment_cache):
    flag(newsroom.items[0])
    assert banners_on(client, "/") == SHOWN
    newsroom.items[0].delete()
    assert banners_on(client, "/") == []
    assert not BreakingNews.objects.exists()


def test_no_banner_links_to_an_article_readers_may_not_see(client, newsroom):
    flag(newsroom.items[0])
    PageViewRestriction.objects.create(page=newsroom.news, restriction_type="login")
    assert banners_on(client, "/") == []


def test_without_an_edge_that_includes_the_page_carries_the_banner_and_its_key(client, newsroom):
    flag(newsroom.items[0])
    response = client.get("/latest/")
    assert banners(response.content) == SHOWN
    assert f"breaking-{site_id()}" in response["xkey"].split()


def test_behind_an_edge_that_includes_every_page_includes_the_banner_by_esi(client, newsroom):
    flag(newsroom.items[0])
    for url in PAGES:
        response = client.get(url, **ESI_EDGE)
        page = BeautifulSoup(response.content, "html.parser")
        assert [i["src"] for i in page.find_all("esi:include")][:1] == ["/_esi/breaking-news/"]
        assert page.select("aside.breaking") == [], url
        assert f"breaking-{site_id()}" not in response["xkey"].split(), url  # the include's
        assert response["Surrogate-Control"] == 'content="ESI/1.0"'
