"""A tag's page (/tags/<slug>/): the articles carrying it, beside the latest news."""

import datetime as dt

import pytest
from bs4 import BeautifulSoup
from django.test import override_settings

from masthead.tags import queries
from tests.conftest import NOW, add_article


def soup_of(response) -> BeautifulSoup:
    return BeautifulSoup(response.content, "html.parser")


def titles(response) -> list[str]:
    return [a.get_text() for a in soup_of(response).select(".listing li > a")]


def test_tag_page_lists_the_articles_carrying_it_newest_first(client, newsroom):
    assert titles(client.get("/tags/security/")) == ["The guest explains the week"]
    assert titles(client.get("/tags/diplomacy/")) == [
        "News item number 0",
        "News item number 3",
        "News item number 6",
        "News item number 9",
        "The guest explains the week",
    ]


def test_tag_page_is_titled_and_shows_the_latest_news(client, newsroom):
    soup = soup_of(client.get("/tags/security/"))
    assert soup.h1.get_text() == "security"
    assert soup.title.get_text() == "security — Masthead. Global"
    feed = soup.select(".sidebar .latest-news .feed-items a")
    assert feed[0].get_text() == "News item number 0"


def test_tag_page_walks_its_pages_by_cursor(client, newsroom):
    for i in range(41):
        add_article(
            newsroom.news, f"Tagged {i:02d}", NOW - dt.timedelta(days=3, hours=i), tags=["security"]
        )
    first = client.get("/tags/security/")
    assert titles(first) == [f"Tagged {i:02d}" for i in range(40)]
    second = client.get("/tags/security/" + soup_of(first).select_one('a[rel="next"]')["href"])
    assert titles(second) == ["Tagged 40", "The guest explains the week"]
    back = soup_of(second).select_one('a[rel="prev"]')["href"]
    assert titles(client.get("/tags/security/" + back)) == titles(first)


def test_an_unknown_tag_is_a_404_in_the_site_design(client, newsroom):
    response = client.get("/tags/none/")
    assert response.status_code == 404
    assert soup_of(response).h1.get_text() == "Page not found"


def test_a_tag_only_unpublished_articles_carry_is_a_404_until_one_is_published(client, newsroom):
    interview = newsroom.interview
    interview.tags.add("embargoed")
    interview.save_revision()  # a draft carries the new tag; the live article does not
    assert client.get("/tags/embargoed/").status_code == 404
    interview.get_latest_revision().publish()
    assert titles(client.get("/tags/embargoed/")) == ["The guest explains the week"]
    interview.refresh_from_db()
    interview.unpublish()
    assert client.get("/tags/embargoed/").status_code == 404


def test_tag_listing_is_one_query(rf, newsroom, django_assert_num_queries):
    request = rf.get("/tags/security/")
    context = queries.tag_page(request, "security")  # and the editions snapshot
    with django_assert_num_queries(1):
        listing = queries.tag_listing(request, context["tag"])
    assert [item.title for day in listing.days for item in day.items] == [
        "The guest explains the week"
    ]


@pytest.mark.parametrize(("fragments_cached", "budget"), [(False, 4), (True, 2)])
def test_query_budget(
    built_pages, client, newsroom, django_assert_num_queries, fragments_cached, budget
):
    # the tag and the listing, and uncached the sections menu and the latest news
    with override_settings(MASTHEAD_FRAGMENT_CACHE=fragments_cached):
        client.get("/tags/diplomacy/")
        with django_assert_num_queries(budget):
            assert client.get("/tags/diplomacy/").status_code == 200
