"""/_esi/breaking-news/: the banner alone, for an edge that includes it in every page."""

from __future__ import annotations

import datetime as dt

from django.utils.cache import get_max_age
from django.utils.http import parse_http_date

from tests.breaking.conftest import banners, flag, site_id

URL = "/_esi/breaking-news/"


def shared_max_age(response) -> int:
    directives = dict(
        part.strip().partition("=")[::2] for part in response["Cache-Control"].split(",")
    )
    return int(directives["s-maxage"])


def test_an_empty_answer_while_nothing_is_flagged_kept_as_long_as_any_page(client, newsroom):
    response = client.get(URL)
    assert response.status_code == 200
    assert response.content == b""
    assert shared_max_age(response) == 24 * 60 * 60  # until a flag purges it
    assert set(response["xkey"].split()) >= {f"breaking-{site_id()}", f"edition-{site_id()}"}


def test_the_banner_alone_kept_by_the_edge_no_longer_than_it_lasts(client, newsroom, time_machine):
    flag(newsroom.items[0], hours=1)
    time_machine.shift(dt.timedelta(minutes=20, seconds=0.5))
    response = client.get(URL)
    assert banners(response.content) == [("News item number 0", "/news/news-item-number-0/")]
    assert shared_max_age(response) == 40 * 60  # whole seconds left, rounded up
    assert get_max_age(response) == 15  # browsers: the house's short max-age
    assert "public" in response["Cache-Control"]
    assert f"breaking-{site_id()}" in response["xkey"].split()
    assert parse_http_date(response["Last-Modified"]) <= dt.datetime.now(dt.UTC).timestamp()


def test_a_banner_lasting_longer_than_a_page_is_kept_as_long_as_a_page(client, newsroom):
    flag(newsroom.items[0], hours=48)
    assert shared_max_age(client.get(URL)) == 24 * 60 * 60
