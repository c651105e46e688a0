"""Shared values: one cache round trip per request, and a failing cache is only ever a miss."""

from unittest import mock

import pytest
from bs4 import BeautifulSoup
from django.core.cache import cache

from masthead.articles.models import ArticlePage
from masthead.articles.queries import article_page_context
from masthead.caching.fragments import cached_value, invalidate, one_read_per_request

ARTICLE = "/politics/the-guest-explains-the-week/"

MENU = ("menu-1",)  # the keys of a shared value in these tests


class CacheCalls:
    """Records every call a test makes to the shared cache, by method name."""

    METHODS = ("get", "get_many", "set", "set_many", "add", "delete")

    def __init__(self):
        self.calls: list[str] = []
        self._depth = 0
        self._patches = [
            mock.patch.object(cache, name, side_effect=self._recorder(name, getattr(cache, name)))
            for name in self.METHODS
        ]

    def _recorder(self, name, method):
        def record(*args, **kwargs):
            # Only the calls Masthead makes: LocMemCache's get_many calls its own get.
            if self._depth == 0:
                self.calls.append(name)
            self._depth += 1
            try:
                return method(*args, **kwargs)
            finally:
                self._depth -= 1

        return record

    def __enter__(self):
        for patch in self._patches:
            patch.start()
        return self

    def __exit__(self, *exc):
        for patch in self._patches:
            patch.stop()


def test_a_warm_page_costs_one_cache_read_and_no_write(built_pages, client, newsroom):
    client.get(ARTICLE)  # builds and keeps the editions, the article, the feed and the menu
    with CacheCalls() as recorded:
        response = client.get(ARTICLE)
    assert response.status_code == 200
    assert recorded.calls == ["get_many"]


def test_a_kept_page_costs_one_cache_read_and_no_write(client, newsroom):
    client.get(ARTICLE)  # learns the page's keys
    client.get(ARTICLE)  # builds it with them read first, and keeps it
    with CacheCalls() as recorded:
        response = client.get(ARTICLE)
    assert (response.status_code, "Age" in response) == (200, True)
    assert recorded.calls == ["get_many"]


def test_a_change_in_another_process_is_seen_by_the_next_request(client, newsroom):
    client.get(ARTICLE)
    assert b"The guest explains the week" in client.get(ARTICLE).content
    # What an editor's process does on publish: a new generation in the shared cache. This
    # process's memory still holds the old article, and must not serve it.
    article = ArticlePage.objects.get(url_path__endswith=ARTICLE)
    cache.set(f"masthead:generation:article-{article.pk}", "from-another-process", None)
    with mock.patch(
        "masthead.articles.queries.article_page_context", wraps=article_page_context
    ) as rebuilt:
        client.get(ARTICLE)
    assert rebuilt.called


def test_an_unreadable_entry_is_a_miss_not_an_error(client, newsroom):
    """An entry pickled by an older release (its class since renamed) fails to load."""
    original_get = cache.get

    def get(key, *args, **kwargs):
        if key.startswith("masthead:value:"):
            raise AttributeError("Can't get attribute 'SectionLink'")
        return original_get(key, *args, **kwargs)

    client.get(ARTICLE)
    # As a new process would: nothing in memory, everything read from the shared cache.
    with (
        mock.patch.object(cache, "get", side_effect=get),
        mock.patch.dict("masthead.caching.fragments._local", clear=True),
    ):
        response = client.get(ARTICLE)
    assert response.status_code == 200
    page = BeautifulSoup(response.content, "html.parser")
    assert page.find("article").h1.get_text() == "The guest explains the week"
    feed = [a.get_text() for a in page.select(".latest-news .feed-items a")]
    assert feed[0] == "News item number 0"


def test_values_are_built_afresh_while_the_shared_cache_is_down(db):
    down = ConnectionError("Error 111 connecting to 127.0.0.1:6379. Connection refused.")
    with (
        mock.patch.object(cache, "get_many", side_effect=down),
        mock.patch.object(cache, "get", side_effect=down),
        mock.patch.object(cache, "set", side_effect=down),
    ):
        assert cached_value("menu", "x", lambda: "fresh", MENU) == "fresh"
        assert cached_value("menu", "x", lambda: "fresher", MENU) == "fresher"


def test_invalidation_is_never_swallowed(newsroom):
    with (
        mock.patch.object(cache, "set", side_effect=ConnectionError("down")),
        mock.patch.object(cache, "set_many", side_effect=ConnectionError("down")),
        pytest.raises(ConnectionError),
    ):
        invalidate("latest-news-1")


def test_an_invalidation_inside_a_request_is_seen_by_the_rest_of_it(db):
    with one_read_per_request():
        assert cached_value("menu", "x", lambda: "old", MENU) == "old"
        invalidate(*MENU)
        assert cached_value("menu", "x", lambda: "new", MENU) == "new"
