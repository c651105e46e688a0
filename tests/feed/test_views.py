import datetime as dt

import pytest
from bs4 import BeautifulSoup
from django.test import override_settings

from tests.conftest import NOW, add_article


def soup_of(response) -> BeautifulSoup:
    return BeautifulSoup(response.content, "html.parser")


def titles(response) -> list[str]:
    return [a.get_text() for a in soup_of(response).select(".listing li > a")]


@pytest.fixture
def long_archive(newsroom):
    """95 more items, so the archive has three pages of 40."""
    for i in range(95):
        add_article(
            newsroom.news, f"Archive item {i:03d}", NOW - dt.timedelta(days=2, minutes=37 * i)
        )
    return newsroom


def test_archive_pages_walk_every_item_once_newest_first(client, long_archive):
    seen, url, pages = [], "/latest/", 0
    while url and pages < 10:
        response = client.get(url)
        assert response.status_code == 200
        seen += titles(response)
        older = soup_of(response).select_one('a[rel="next"]')
        url = "/latest/" + older["href"] if older else None
        pages += 1
    assert pages == 3
    assert len(seen) == len(set(seen)) == 95 + 12 + 1
    assert seen[0] == "News item number 0"
    assert seen[-1] == "The guest explains the week"


def test_archive_page_addresses_are_stable(client, long_archive):
    first = client.get("/latest/")
    older = soup_of(first).select_one('a[rel="next"]')["href"]
    page2 = titles(client.get("/latest/" + older))
    add_article(long_archive.news, "Published later", NOW + dt.timedelta(minutes=5))
    assert titles(client.get("/latest/" + older)) == page2


def test_newer_link_leads_back(client, long_archive):
    page1 = titles(client.get("/latest/"))
    page2 = client.get(
        "/latest/" + soup_of(client.get("/latest/")).select_one('a[rel="next"]')["href"]
    )
    back = soup_of(page2).select_one('a[rel="prev"]')["href"]
    assert titles(client.get(back if back.startswith("/") else "/latest/" + back)) == page1


def test_deep_page_costs_what_page_one_costs(client, long_archive, django_assert_num_queries):
    client.get("/latest/")
    older = soup_of(client.get("/latest/")).select_one('a[rel="next"]')["href"]
    deeper = soup_of(client.get("/latest/" + older)).select_one('a[rel="next"]')["href"]
    for url in ["/latest/", "/latest/" + deeper]:
        with django_assert_num_queries(1):
            assert client.get(url).status_code == 200


def test_archive_groups_by_day_with_headers(client, newsroom):
    soup = soup_of(client.get("/latest/"))
    headers = [h.get_text(" ", strip=True) for h in soup.select(".feed-day")]
    assert headers == [
        "2024, Friday 20 September",
        "2024, Thursday 19 September",
        "2023, Sunday 28 May",
    ]


@pytest.mark.parametrize(
    "query", ["?before=nonsense", "?after=20240920T150000Z-1", "?before=20241340T150000.000000Z-1"]
)
def test_malformed_page_address_is_a_clear_400_in_the_site_design(client, newsroom, query):
    response = client.get("/latest/" + query)
    assert response.status_code == 400
    soup = soup_of(response)
    assert soup.h1.get_text() == "This address is not valid"
    assert soup.select_one(".brand").get_text() == "Masthead. Global"


def test_person_page_lists_what_they_wrote_hosted_and_appeared_in(client, newsroom):
    host = titles(client.get("/people/oksana-host/"))
    assert host == ["The guest explains the week"]
    author = titles(client.get("/people/maria-writer/"))
    assert author[:2] == ["News item number 0", "News item number 2"]
    assert "The guest explains the week" in author
    response = client.get("/people/oksana-host/")
    assert "Evening Studio" in soup_of(response).select_one(".profile").get_text()


def test_programme_page_lists_its_hosts_and_articles(client, newsroom):
    response = client.get("/programmes/evening-studio/")
    assert titles(response) == ["The guest explains the week"]
    assert "Hosted by Oksana Host" in soup_of(response).select_one(".profile").get_text()


def test_tag_page(client, newsroom):
    assert titles(client.get("/tags/security/")) == ["The guest explains the week"]
    assert titles(client.get("/tags/diplomacy/"))[:2] == [
        "News item number 0",
        "News item number 3",
    ]


@pytest.mark.parametrize("url", ["/people/nobody/", "/programmes/none/", "/tags/none/"])
def test_unknown_names_are_404_in_the_site_design(client, newsroom, url):
    response = client.get(url)
    assert response.status_code == 404
    assert soup_of(response).h1.get_text() == "Page not found"


def test_directories(client, newsroom):
    people = [a.get_text() for a in soup_of(client.get("/people/")).select(".directory a")]
    assert people == ["Maria Writer", "Oksana Host", "Taras Guest"]
    programmes = [a.get_text() for a in soup_of(client.get("/programmes/")).select(".directory a")]
    assert programmes == ["Evening Studio"]


@pytest.mark.parametrize(
    ("url", "budget"),
    [
        ("/latest/", 1),
        ("/tags/diplomacy/", 2),
        ("/people/maria-writer/", 3),
        ("/programmes/evening-studio/", 3),
        ("/people/", 1),
        ("/programmes/", 1),
    ],
)
def test_listing_query_budgets(client, long_archive, django_assert_num_queries, url, budget):
    with override_settings(MASTHEAD_FRAGMENT_CACHE=True):
        client.get(url)
        with django_assert_num_queries(budget):
            assert client.get(url).status_code == 200
