"""The search page and the autocomplete (masthead/search/views.py, queries.py)."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from wagtail.models import Site

from masthead.articles.models import Role
from masthead.search import queries
from tests.conftest import NOW, add_article
from tests.worker import run_worker


@pytest.fixture
def indexed(newsroom):
    run_worker()
    return newsroom


def page(client, status: int = 200, **params) -> BeautifulSoup:
    response = client.get("/search/", params)
    assert response.status_code == status
    return BeautifulSoup(response.content, "html.parser")


def listed(soup: BeautifulSoup) -> list[str]:
    return [a["href"] for a in soup.select("ol.results > li h3 a")]


def test_every_page_has_a_search_box_that_works_without_javascript(client, indexed):
    soup = BeautifulSoup(client.get("/").content, "html.parser")
    form = soup.select_one("header form[role=search]")
    assert (form["action"], form.get("method")) == ("/search/", "get")
    box = form.select_one("input[name=q]")
    assert soup.select_one(f"label[for={box['id']}]").get_text(strip=True)


def test_a_pull_quote_match_is_shown_as_the_quote_with_its_speaker(client, indexed):
    soup = page(client, q="quotable")
    assert listed(soup) == [indexed.interview.url]
    quote = soup.select_one("ol.results blockquote.snippet")
    assert [m.get_text() for m in quote.find_all("mark")] == ["quotable"]
    assert quote.footer.get_text(strip=True) == "— Taras Guest"


def test_the_headline_is_marked_and_the_meta_names_kind_section_and_date(client, indexed):
    soup = page(client, q="explains")
    result = soup.select_one("ol.results > li")
    assert [m.get_text() for m in result.h3.find_all("mark")] == ["explains"]
    meta = result.select_one(".meta").get_text(" ", strip=True)
    assert meta.startswith("Interview · Politics · 28 May 2023")


def test_people_names_tags_and_sections_are_searched(client, indexed):
    assert indexed.interview.url in listed(page(client, q="Taras Guest"))
    assert indexed.interview.url in listed(page(client, q="security"))  # a tag
    assert len(listed(page(client, q="diplomacy"))) == 5  # the interview and 4 items


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"kind": "interview"}, "interview"),
        ({"section": "politics"}, "interview"),
        ({"programme": "evening-studio"}, "interview"),
        ({"person": "taras-guest"}, "interview"),
        ({"kind": "news", "person": "maria-writer"}, "items"),
        ({"until": "2023-12-31"}, "interview"),
        ({"since": "2024-09-20"}, "items"),
    ],
)
def test_filters_narrow_the_results(client, indexed, params, expected):
    shown = set(listed(page(client, q="diplomacy", **params)))
    if expected == "interview":
        assert shown == {indexed.interview.url}
    else:
        assert shown and indexed.interview.url not in shown


def test_filters_alone_list_the_newest_first(client, indexed):
    shown = listed(page(client, section="news"))
    assert shown[:3] == [item.url for item in indexed.items[:3]]


def test_sorting_by_date_and_walking_by_cursor_reaches_every_result(client, indexed, settings):
    for i in range(25):
        add_article(indexed.news, f"Turbine report {i}", NOW - dt.timedelta(days=1, minutes=i))
    run_worker()
    seen, params = [], {"q": "turbine", "sort": "newest"}
    soup = page(client, **params)
    while True:
        seen += listed(soup)
        more = soup.select_one("nav.pager a[rel=next]")
        if more is None:
            break
        soup = BeautifulSoup(client.get("/search/" + more["href"]).content, "html.parser")
    assert len(seen) == len(set(seen)) == 25
    assert seen[0].endswith("turbine-report-0/") and seen[-1].endswith("turbine-report-24/")


def test_relevance_pages_follow_one_another_without_repeats(client, indexed):
    for i in range(30):
        add_article(indexed.news, f"Turbine update {i}", NOW - dt.timedelta(hours=i))
    run_worker()
    first = page(client, q="turbine")
    more = first.select_one("nav.pager a[rel=next]")["href"]
    second = BeautifulSoup(client.get("/search/" + more).content, "html.parser")
    assert len(listed(first)) == queries.PAGE_SIZE and len(listed(second)) == 10
    assert not set(listed(first)) & set(listed(second))


def test_a_misspelt_query_is_corrected_and_says_so(client, indexed):
    soup = page(client, q="Tarras Guets")
    assert listed(soup) == [indexed.interview.url]
    assert soup.select_one(".search-note strong").get_text() == "Taras Guest"  # as names are


def test_no_results_offers_the_nearest_people_and_tags(client, indexed):
    soup = page(client, q="diplomatic turbines")
    assert listed(soup) == []
    assert soup.select_one("#search-results-heading").get_text() == "No articles found"
    assert [a.get_text() for a in soup.select(".search-tags a")] == ["diplomacy"]


def test_an_empty_query_offers_the_most_seen_people_and_topics(client, indexed):
    soup = page(client)
    people = [a.get_text() for a in soup.select(".search-people a")]
    assert people[0] == "Maria Writer"  # in 7 articles
    assert "diplomacy" in [a.get_text() for a in soup.select(".search-tags a")]
    assert soup.select_one("ol.results") is None


@pytest.mark.parametrize(
    "params",
    [
        {"q": "x" * 301},
        {"q": "a\x00b"},
        {"since": "yesterday"},
        {"since": "2024-02-02", "until": "2024-01-01"},
    ],
)
def test_unreadable_input_is_a_clear_400_that_names_the_problem(client, indexed, params):
    soup = page(client, status=400, **params)
    assert soup.select_one(".form-errors[role=alert] li").get_text(strip=True)


def test_a_stale_cursor_shows_the_first_page(client, indexed):
    assert listed(page(client, q="diplomacy", cursor="garbage")) == listed(
        page(client, q="diplomacy")
    )


def test_the_page_declares_the_search_key(client, indexed):
    response = client.get("/search/", {"q": "diplomacy"})
    site_id = Site.objects.get(is_default_site=True).pk
    assert f"search-{site_id}" in response["xkey"].split()


def test_a_page_of_results_keeps_its_query_budget(client, indexed, django_assert_num_queries):
    client.get("/search/", {"q": "diplomacy"})  # the directory, built once
    # The search and the page of its documents; on PostgreSQL also the planner's settings for
    # these words, in a savepoint (queries._planned_for_these_words).
    with django_assert_num_queries(2 + (3 if connection.vendor == "postgresql" else 0)):
        client.get("/search/", {"q": "diplomacy", "kind": "news"})


def test_suggest_answers_people_with_credentials_and_counts(client, indexed):
    response = client.get("/search/suggest/", {"q": "tara"})
    assert response["Content-Type"] == "application/json"
    answer = json.loads(response.content)
    assert answer["people"] == [
        {
            "kind": "person",
            "name": "Taras Guest",
            "url": "/people/taras-guest/",
            "credentials": "Former adviser",
            "appearances": 1,
        }
    ]
    assert answer["tags"] == []


def test_suggest_forgives_a_typo_and_finds_tags(client, indexed):
    answer = json.loads(client.get("/search/suggest/", {"q": "diplomcy"}).content)
    assert [t["name"] for t in answer["tags"]] == ["diplomacy"]
    assert answer["tags"][0]["articles"] == 5


def test_suggest_costs_no_query_once_built(client, indexed, django_assert_num_queries):
    client.get("/search/suggest/", {"q": "tara"})
    with django_assert_num_queries(0):
        client.get("/search/suggest/", {"q": "oks"})


def test_a_person_newly_credited_is_counted_after_the_worker(client, indexed):
    add_article(indexed.news, "Guest returns", NOW, people=[(indexed.guest, Role.GUEST, "Adviser")])
    run_worker()
    answer = json.loads(client.get("/search/suggest/", {"q": "taras"}).content)
    assert (answer["people"][0]["appearances"], answer["people"][0]["credentials"]) == (
        2,
        "Adviser",
    )


class _Down:
    """A search backend whose cluster refuses every connection."""

    def search(self, *args, **kwargs):
        return self

    def __getitem__(self, item):
        from opensearchpy.exceptions import ConnectionError as ClusterDown

        raise ClusterDown("N/A", "Connection refused", None)


def test_a_cluster_that_does_not_answer_is_a_503_that_says_so(client, indexed, monkeypatch):
    monkeypatch.setattr(queries, "get_search_backend", _Down)
    response = client.get("/search/", {"q": "diplomacy"})
    assert response.status_code == 503
    assert "private" in response["Cache-Control"]
    alert = BeautifulSoup(response.content, "html.parser").select_one("main [role=alert]")
    assert alert.get_text(" ", strip=True).startswith("Search is not available")


def test_direction_overrides_are_dropped_and_the_echo_is_isolated(client, indexed):
    soup = page(client, q="\u202eturbines")
    heading = soup.select_one("#search-results-heading")
    assert heading.get_text() == "No articles found"
    echoed = soup.select_one(".search-results p bdi")
    assert echoed.get_text() == "turbines"
