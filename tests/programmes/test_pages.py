"""The programme pages: a programme with its hosts and articles (/programmes/<slug>/) and the
directory (/programmes/)."""

import datetime as dt

import pytest
from bs4 import BeautifulSoup
from django.test import override_settings

from masthead.people.models import Person
from masthead.programmes.models import Programme, ProgrammeHost
from tests.conftest import NOW, add_article


def soup_of(response) -> BeautifulSoup:
    return BeautifulSoup(response.content, "html.parser")


def titles(response) -> list[str]:
    return [a.get_text() for a in soup_of(response).select(".listing li > a")]


def test_programme_page_lists_its_hosts_and_articles(client, newsroom):
    add_article(
        newsroom.politics,
        "A later episode",
        NOW - dt.timedelta(days=1),
        programme=newsroom.programme,
    )
    add_article(newsroom.politics, "Not from the programme", NOW - dt.timedelta(days=1, hours=1))
    response = client.get("/programmes/evening-studio/")
    assert titles(response) == ["A later episode", "The guest explains the week"]
    profile = soup_of(response).select_one(".profile")
    assert profile.h1.get_text() == "Evening Studio"
    assert [(a.get_text(), a["href"]) for a in profile.select("a")] == [
        ("Oksana Host", "/people/oksana-host/")
    ]


def test_hosts_are_in_the_editors_order(client, newsroom):
    second = Person.objects.create(name="Andrii Cohost", slug="andrii-cohost")
    ProgrammeHost.objects.filter(person=newsroom.host).update(sort_order=1)
    ProgrammeHost.objects.create(programme=newsroom.programme, person=second, sort_order=0)
    profile = soup_of(client.get("/programmes/evening-studio/")).select_one(".profile")
    assert profile.select_one("p:last-child").get_text() == "Hosted by Andrii Cohost, Oksana Host"


def test_schedule_and_description(client, newsroom):
    Programme.objects.filter(pk=newsroom.programme.pk).update(
        schedule="Weekdays at 19:00", description="The day's guests, at length."
    )
    soup = soup_of(client.get("/programmes/evening-studio/"))
    assert soup.select_one(".profile .lead").get_text() == "Weekdays at 19:00"
    assert soup.select_one('meta[name="description"]')["content"] == "The day's guests, at length."


def test_a_programme_without_hosts_or_articles(client, newsroom):
    Programme.objects.create(title="Coming Soon", slug="coming-soon")
    soup = soup_of(client.get("/programmes/coming-soon/"))
    assert soup.select(".profile a") == []
    assert soup.select_one("main > p").get_text() == "Nothing published here yet."


@pytest.mark.parametrize("url", ["/programmes/none/", "/programmes/evening-studio-2/"])
def test_an_unknown_programme_is_a_404_in_the_site_design(client, newsroom, url):
    response = client.get(url)
    assert response.status_code == 404
    assert soup_of(response).h1.get_text() == "Page not found"


def test_directory_lists_every_programme_by_title_with_its_schedule(client, newsroom):
    Programme.objects.create(title="Afternoon Desk", slug="afternoon-desk", schedule="Daily, 14:00")
    entries = soup_of(client.get("/programmes/")).select(".directory li")
    assert [(li.a.get_text(), li.a["href"]) for li in entries] == [
        ("Afternoon Desk", "/programmes/afternoon-desk/"),
        ("Evening Studio", "/programmes/evening-studio/"),
    ]
    assert [li.get_text() for li in entries] == ["Afternoon Desk — Daily, 14:00", "Evening Studio"]


@pytest.mark.parametrize(
    ("url", "uncached", "cached"),
    [
        ("/programmes/evening-studio/", 4, 3),  # programme, its hosts, the listing (+ the menu)
        ("/programmes/", 2, 1),  # every programme (+ the menu)
    ],
)
def test_query_budgets(
    built_pages, client, newsroom, django_assert_num_queries, url, uncached, cached
):
    for fragments_cached, budget in [(False, uncached), (True, cached)]:
        with override_settings(MASTHEAD_FRAGMENT_CACHE=fragments_cached):
            client.get(url)
            with django_assert_num_queries(budget):
                assert client.get(url).status_code == 200
