"""The people pages: a person's profile with their articles (/people/<slug>/) and the directory
(/people/)."""

import datetime as dt

import pytest
from bs4 import BeautifulSoup
from django.test import override_settings
from django.urls import reverse

from masthead.articles.models import Role
from masthead.people.models import Person
from masthead.programmes.models import Programme, ProgrammeHost
from tests.conftest import NOW, add_article


def soup_of(response) -> BeautifulSoup:
    return BeautifulSoup(response.content, "html.parser")


def titles(response) -> list[str]:
    return [a.get_text() for a in soup_of(response).select(".listing li > a")]


def test_person_page_lists_what_they_wrote_hosted_and_appeared_in(client, newsroom):
    assert titles(client.get("/people/oksana-host/")) == ["The guest explains the week"]
    assert titles(client.get("/people/taras-guest/")) == ["The guest explains the week"]
    author = titles(client.get("/people/maria-writer/"))
    assert author == [f"News item number {i}" for i in range(0, 12, 2)] + [
        "The guest explains the week"
    ]


def test_an_article_is_listed_once_for_a_person_in_two_roles(client, newsroom):
    add_article(
        newsroom.news,
        "Written and hosted",
        NOW + dt.timedelta(minutes=1),
        people=[(newsroom.host, Role.AUTHOR, ""), (newsroom.host, Role.HOST, "")],
    )
    assert titles(client.get("/people/oksana-host/")) == [
        "Written and hosted",
        "The guest explains the week",
    ]


def test_profile_shows_the_person_and_the_programmes_they_host(client, newsroom):
    newsroom.guest.bio = "Analyst of the region. Writes often."
    newsroom.guest.save()
    guest = soup_of(client.get("/people/taras-guest/"))
    assert guest.select_one(".profile h1").get_text() == "Taras Guest"
    assert guest.select_one(".profile .lead").get_text() == "Analyst"
    assert guest.select_one('meta[name="description"]')["content"] == newsroom.guest.bio
    assert guest.select(".profile a") == []  # hosts nothing

    later = Programme.objects.create(title="Afternoon Desk", slug="afternoon-desk")
    ProgrammeHost.objects.create(programme=later, person=newsroom.host)
    profile = soup_of(client.get("/people/oksana-host/")).select_one(".profile")
    assert [(a.get_text(), a["href"]) for a in profile.select("a")] == [
        ("Afternoon Desk", "/programmes/afternoon-desk/"),
        ("Evening Studio", "/programmes/evening-studio/"),
    ]


def credit_counts(response) -> list[tuple[str, str]]:
    counts = soup_of(response).select(".profile dl.credit-counts > div")
    return [(group.dt.get_text(), group.dd.get_text()) for group in counts]


def test_profile_counts_the_public_articles_crediting_them_by_role(client, newsroom):
    assert credit_counts(client.get("/people/maria-writer/")) == [("Written", "7")]
    assert credit_counts(client.get("/people/taras-guest/")) == [("As a guest", "1")]
    add_article(
        newsroom.news,
        "Reported and translated",
        NOW + dt.timedelta(minutes=1),
        people=[(newsroom.author, Role.REPORTER, ""), (newsroom.author, Role.TRANSLATOR, "")],
    )
    newsroom.items[0].unpublish()  # one she wrote; no longer counted
    assert credit_counts(client.get("/people/maria-writer/")) == [
        ("Written", "6"),
        ("Reported", "1"),
        ("Translated", "1"),
    ]


def test_a_person_with_nothing_published_yet(client, newsroom):
    Person.objects.create(name="New Colleague", slug="new-colleague")
    page = soup_of(client.get("/people/new-colleague/"))
    assert page.select(".listing") == []
    assert page.select_one("main > p").get_text() == "Nothing published here yet."


def test_unpublished_and_private_articles_are_not_listed(client, newsroom):
    from wagtail.models import PageViewRestriction

    newsroom.items[0].unpublish()
    PageViewRestriction.objects.create(page=newsroom.politics, restriction_type="login")
    author = titles(client.get("/people/maria-writer/"))
    assert author == [f"News item number {i}" for i in range(2, 12, 2)]


def test_person_page_walks_its_pages_by_cursor(client, newsroom):
    for i in range(45):
        add_article(
            newsroom.news,
            f"Column {i:02d}",
            NOW - dt.timedelta(days=3, hours=i),
            people=[(newsroom.guest, Role.AUTHOR, "")],
        )
    first = client.get("/people/taras-guest/")
    assert titles(first) == [f"Column {i:02d}" for i in range(40)]
    older = soup_of(first).select_one('a[rel="next"]')["href"]
    second = client.get("/people/taras-guest/" + older)
    assert titles(second) == [f"Column {i:02d}" for i in range(40, 45)] + [
        "The guest explains the week"
    ]
    assert soup_of(second).select_one('a[rel="next"]') is None
    assert soup_of(second).select_one('a[rel="prev"]')["href"].startswith("?after=")


@pytest.mark.parametrize("url", ["/people/nobody/", "/people/oksana-host-2/"])
def test_an_unknown_person_is_a_404_in_the_site_design(client, newsroom, url):
    response = client.get(url)
    assert response.status_code == 404
    assert soup_of(response).h1.get_text() == "Page not found"


def test_a_person_with_a_ukrainian_slug_has_a_page(client, newsroom):
    # Cyrillic on purpose: the Ukrainian edition's people have Ukrainian slugs.
    name, slug = "Тарас Гість", "тарас-гість"  # noqa: RUF001
    person = Person.objects.create(name=name, slug=slug)
    url = person.get_absolute_url()
    assert url == reverse("person", args=[slug])
    assert soup_of(client.get(url)).select_one(".profile h1").get_text() == name


def test_directory_lists_everyone_by_name_with_their_line(client, newsroom):
    Person.objects.create(name="Anna First", slug="anna-first", description="Reporter")
    entries = soup_of(client.get("/people/")).select(".directory li")
    assert [(li.a.get_text(), li.a["href"]) for li in entries] == [
        ("Anna First", "/people/anna-first/"),
        ("Maria Writer", "/people/maria-writer/"),
        ("Oksana Host", "/people/oksana-host/"),
        ("Taras Guest", "/people/taras-guest/"),
    ]
    assert [li.get_text() for li in entries] == [
        "Anna First — Reporter",
        "Maria Writer",
        "Oksana Host",
        "Taras Guest — Analyst",
    ]


@pytest.mark.parametrize(
    ("url", "uncached", "cached"),
    [
        # person, their programmes, their credits by role, the listing, their forecasts' track
        # record (+ the menu); the track record is kept as a shared value
        ("/people/maria-writer/", 6, 4),
        ("/people/", 2, 1),  # everyone (+ the menu)
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
