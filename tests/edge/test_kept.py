"""Whole public pages kept in the shared cache (masthead/edge/kept.py): served again without a
query while every key they were sent with is current, and rebuilt on the next request after a
change to any of them; never for anything personal."""

from __future__ import annotations

import time
from unittest import mock

import pytest
from bs4 import BeautifulSoup
from django.core.cache import cache
from django.test import Client, override_settings

from masthead.articles.models import ArticlePage
from masthead.caching import fragments
from tests.breaking.conftest import flag
from tests.conftest import Newsroom, publish
from tests.edge.test_middleware import (
    ARTICLE,
    BANNER,
    ESI_EDGE,
    PUBLIC_PAGES,
    cache_control,
    response_keys,
)

# What the edge passes on to a reader: everything but the server's own headers.
SERVER_HEADERS = {"date", "server", "age", "content-length"}


def kept(client: Client, url: str, **headers):
    """The page at ``url`` once kept: built to learn its keys, built again and kept, given."""
    for _ in range(2):
        assert "Age" not in client.get(url, **headers)
    response = client.get(url, **headers)
    assert "Age" in response
    return response


def headers(response) -> dict[str, str]:
    return {name: value for name, value in response.items() if name.lower() not in SERVER_HEADERS}


def headline(response) -> str:
    return BeautifulSoup(response.content, "html.parser").find("article").h1.get_text(strip=True)


@pytest.mark.parametrize("url", PUBLIC_PAGES)
def test_a_kept_page_is_given_again_as_it_was_sent_without_a_query(
    client, newsroom, django_assert_num_queries, url
):
    first = client.get(url)  # learns the page's keys
    assert (first.status_code, "Age" in first) == (200, False)
    assert "Age" not in client.get(url)  # built with its keys read first, and kept
    with django_assert_num_queries(0):
        again = client.get(url)
    assert again.content == first.content
    assert headers(again) == headers(first)
    assert response_keys(again) == response_keys(first)
    assert 0 <= int(again["Age"]) < int(cache_control(first)["s-maxage"])


def test_a_page_is_rebuilt_on_the_next_request_after_a_change_to_any_of_its_keys(
    client, newsroom: Newsroom
):
    kept(client, ARTICLE)
    article = ArticlePage.objects.get(url_path__endswith=ARTICLE)
    article.title = "The guest explains the month"
    publish(article)
    assert headline(client.get(ARTICLE)) == "The guest explains the month"
    # A key the page shows that is not the article's own: the latest-news block beside it.
    page = BeautifulSoup(client.get(ARTICLE).content, "html.parser")
    item = ArticlePage.objects.get(title=page.select(".latest-news .feed-items a")[0].get_text())
    item.title = "News item, corrected"
    publish(item)
    page = BeautifulSoup(client.get(ARTICLE).content, "html.parser")
    assert page.select(".latest-news .feed-items a")[0].get_text() == "News item, corrected"


def test_a_change_made_by_another_process_is_seen_by_this_one(client, newsroom):
    article = ArticlePage.objects.get(url_path__endswith=ARTICLE)
    assert f"article-{article.pk}" in response_keys(kept(client, ARTICLE))
    # What an editor's process does on publish: a new generation in the shared cache. This
    # process's memory still holds the kept page, and must not give it.
    cache.set(f"masthead:generation:article-{article.pk}", "from-another-process", None)
    assert "Age" not in client.get(ARTICLE)


@pytest.mark.parametrize(
    "personal",
    [
        {"HTTP_COOKIE": "sessionid=abc"},
        {"HTTP_COOKIE": "csrftoken=abc"},
        {"HTTP_AUTHORIZATION": "Basic ZWRpdG9yOnNlY3JldA=="},
    ],
    ids=["session", "csrf", "credentials"],
)
def test_nothing_personal_is_given_a_kept_page_or_kept(client, newsroom, personal):
    kept(client, ARTICLE)
    assert "Age" not in client.get(ARTICLE, **personal)
    cache.clear()
    fragments._local.clear()
    for _ in range(3):
        assert "Age" not in client.get(ARTICLE, **personal)
    assert "Age" not in client.get(ARTICLE)  # the personal requests' pages were not kept


def test_an_editors_page_is_neither_given_kept_nor_kept(newsroom, admin_user):
    editor = Client()
    editor.force_login(admin_user)
    for _ in range(3):
        response = editor.get(ARTICLE)
        assert "Age" not in response
        assert cache_control(response)["private"]


def test_pages_behind_an_esi_edge_are_kept_apart_from_pages_with_the_block_inline(client, newsroom):
    assert b"<esi:include" not in kept(client, ARTICLE).content
    assert b"<esi:include" in kept(client, ARTICLE, **ESI_EDGE).content
    assert b"<esi:include" not in client.get(ARTICLE).content


def test_a_kept_page_answers_conditional_gets_and_heads(client, newsroom):
    page = kept(client, ARTICLE)
    assert page["ETag"] == client.get(ARTICLE)["ETag"]
    not_modified = client.get(ARTICLE, HTTP_IF_NONE_MATCH=page["ETag"])
    assert not_modified.status_code == 304
    head = client.head(ARTICLE)
    assert head.status_code == 200
    assert (head["ETag"], "Age" in head) == (page["ETag"], True)


@pytest.mark.parametrize("url", [ARTICLE, BANNER], ids=["page-showing-it", "banner-alone"])
def test_a_page_showing_a_banner_is_kept_no_longer_than_the_banner(client, newsroom, url):
    flag(ArticlePage.objects.get(url_path__endswith=ARTICLE), hours=0.1)
    seconds = int(cache_control(kept(client, url))["s-maxage"])
    assert 0 < seconds <= 6 * 60
    with mock.patch("masthead.edge.kept.time.time", return_value=time.time() + seconds + 1):
        assert "Age" not in client.get(url)


def test_a_page_that_is_not_found_is_not_kept(client, newsroom):
    for _ in range(3):
        response = client.get("/no-such-page/")
        assert (response.status_code, "Age" in response) == (404, False)


def test_a_new_release_never_gives_what_the_last_one_kept(client, newsroom):
    kept(client, ARTICLE)
    with mock.patch("masthead.caching.fragments.release", return_value="next-release"):
        assert "Age" not in client.get(ARTICLE)


@pytest.mark.parametrize(
    "settings_off",
    [{"MASTHEAD_KEPT_PAGES": False}, {"MASTHEAD_FRAGMENT_CACHE": False}],
    ids=["kept-pages-off", "shared-values-off"],
)
def test_kept_pages_can_be_turned_off(client, newsroom, settings_off):
    with override_settings(**settings_off):
        for _ in range(3):
            assert "Age" not in client.get(ARTICLE)


def test_a_page_is_kept_only_once_a_build_has_read_all_its_keys_first(client, newsroom):
    """A key whose generation a request first reads after building (say, one declared by a
    view that reads nothing cached) may have changed meanwhile; the build that learns the
    page's keys is therefore not kept, the next one (which reads them first) is."""
    assert "Age" not in client.get(ARTICLE)
    assert "Age" not in client.get(ARTICLE)
    assert "Age" in client.get(ARTICLE)
