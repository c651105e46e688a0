"""The news archive ("More news", /latest/): every public article, newest first, a page of 40 at a
time by cursor.

The archive (the module's small newsroom and 95 more items: three pages) is built once for the
module inside a transaction that is rolled back at the end, so the rest of the suite finds its
empty database again; each test runs in a savepoint inside it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest
import time_machine
from bs4 import BeautifulSoup
from django.db import transaction
from django.test import override_settings

from masthead.sections.models import SectionPage
from tests.conftest import NOW, Newsroom, add_article


def soup_of(response) -> BeautifulSoup:
    return BeautifulSoup(response.content, "html.parser")


def titles(response) -> list[str]:
    return [a.get_text() for a in soup_of(response).select(".listing li > a")]


def day_headers(response) -> list[str]:
    return [h.get_text(" ", strip=True) for h in soup_of(response).select(".feed-day")]


def older_link(response) -> str | None:
    link = soup_of(response).select_one('a[rel="next"]')
    return "/latest/" + link["href"] if link else None


@pytest.fixture(scope="module")
def built_archive(built_newsroom, django_db_blocker) -> Iterator[Newsroom]:
    """The module's newsroom and 95 more items, so the archive has three pages of 40."""
    with django_db_blocker.unblock(), transaction.atomic():
        with time_machine.travel(NOW, tick=False):
            for i in range(95):
                add_article(
                    built_newsroom.news,
                    f"Archive item {i:03d}",
                    NOW - dt.timedelta(days=2, minutes=37 * i),
                )
        yield built_newsroom
        transaction.set_rollback(True)


@pytest.fixture
def long_archive(built_archive, db, frozen_now) -> Newsroom:
    """95 more items, so the archive has three pages of 40."""
    return Newsroom.reloaded(built_archive)


def test_archive_pages_walk_every_item_once_newest_first(client, long_archive):
    seen, url, pages = [], "/latest/", 0
    while url and pages < 10:
        response = client.get(url)
        assert response.status_code == 200
        seen += titles(response)
        url = older_link(response)
        pages += 1
    assert pages == 3
    assert len(seen) == len(set(seen)) == 95 + 12 + 1
    assert seen[0] == "News item number 0"
    assert seen[-1] == "The guest explains the week"


def test_archive_page_addresses_are_stable(client, long_archive):
    older = older_link(client.get("/latest/"))
    page2 = titles(client.get(older))
    news = SectionPage.objects.get(pk=long_archive.news.pk)
    add_article(news, "Published later", NOW + dt.timedelta(minutes=5))
    assert titles(client.get("/latest/"))[0] == "Published later"
    assert titles(client.get(older)) == page2


def test_newer_link_leads_back(client, long_archive):
    page1 = titles(client.get("/latest/"))
    page2 = client.get(older_link(client.get("/latest/")))
    back = soup_of(page2).select_one('a[rel="prev"]')["href"]
    assert titles(client.get(back if back.startswith("/") else "/latest/" + back)) == page1


def test_deep_page_costs_what_page_one_costs(
    built_pages, client, long_archive, django_assert_num_queries
):
    client.get("/latest/")
    deeper = older_link(client.get(older_link(client.get("/latest/"))))
    for url in ["/latest/", deeper]:
        with django_assert_num_queries(1):
            assert client.get(url).status_code == 200


def test_archive_groups_by_day_with_headers(client, long_archive):
    first = client.get("/latest/")
    assert day_headers(first) == [
        "2024, Friday 20 September",
        "2024, Thursday 19 September",
        "2024, Wednesday 18 September",
    ]
    last = client.get(older_link(client.get(older_link(first))))
    assert day_headers(last) == [
        "2024, Tuesday 17 September",
        "2024, Monday 16 September",
        "2023, Sunday 28 May",
    ]


@pytest.mark.parametrize(
    "query", ["?before=nonsense", "?after=20240920T150000Z-1", "?before=20241340T150000.000000Z-1"]
)
def test_malformed_page_address_is_a_clear_400_in_the_site_design(client, long_archive, query):
    response = client.get("/latest/" + query)
    assert response.status_code == 400
    soup = soup_of(response)
    assert soup.h1.get_text() == "This address is not valid"
    assert soup.select_one(".brand").get_text() == "Masthead. Global"


@pytest.mark.parametrize(("fragments_cached", "budget"), [(False, 2), (True, 1)])
def test_query_budget(
    built_pages, client, long_archive, django_assert_num_queries, fragments_cached, budget
):
    # the listing, and uncached the sections menu
    with override_settings(MASTHEAD_FRAGMENT_CACHE=fragments_cached):
        client.get("/latest/")
        with django_assert_num_queries(budget):
            assert client.get("/latest/").status_code == 200
