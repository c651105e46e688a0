"""The public corrections page and its feeds: every correction of the edition's public articles,
newest first, and nothing of drafts, unpublished or restricted articles."""

from __future__ import annotations

import datetime as dt

import pytest
from bs4 import BeautifulSoup
from wagtail.models import PageViewRestriction, Site

from masthead.articles.models import ArticlePage, Correction
from tests.conftest import NOW, publish
from tests.emitted import recording
from tests.syndication.conftest import parsed_feed

FEEDS = ["/feeds/corrections/rss/", "/feeds/corrections/atom/"]


def correct(article: ArticlePage, noted_at: dt.datetime, text: str) -> ArticlePage:
    article.corrections.add(Correction(noted_at=noted_at, text=text))
    return publish(article)


def listed(client, url: str = "/corrections/") -> list[tuple[str, str, str]]:
    response = client.get(url)
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    return [
        (item.h2.a.get_text(), item.h2.a["href"], item.p.get_text())
        for item in soup.select("main ol.corrections-log > li")
    ]


@pytest.fixture
def corrected(newsroom) -> dict[str, ArticlePage]:
    first, second = newsroom.items[0], newsroom.items[1]
    correct(first, NOW + dt.timedelta(hours=1), "The vote was on 12 May.")
    correct(second, NOW + dt.timedelta(hours=2), "The minister is Ivanenko.")
    correct(first, NOW + dt.timedelta(hours=3), "The bridge is 300 m long.")
    return {"first": first, "second": second}


def test_the_corrections_page_lists_every_correction_newest_first(client, corrected):
    first, second = corrected["first"], corrected["second"]
    assert listed(client) == [
        (first.title, first.url, "20 September 2024, 21:00: The bridge is 300 m long."),
        (second.title, second.url, "20 September 2024, 20:00: The minister is Ivanenko."),
        (first.title, first.url, "20 September 2024, 19:00: The vote was on 12 May."),
    ]


def test_an_edition_without_corrections_says_so(client, newsroom):
    soup = BeautifulSoup(client.get("/corrections/").content, "html.parser")
    assert soup.h1.get_text() == "Corrections"
    assert soup.select("ol.corrections-log") == []
    assert soup.select_one("main p:not(.lead)").get_text() == "No corrections yet."


def test_drafts_unpublished_and_restricted_articles_are_left_out(client, corrected, newsroom):
    draft = newsroom.items[2]
    draft.corrections.add(Correction(noted_at=NOW, text="Not yet public."))
    draft.save_revision()
    corrected["second"].unpublish()
    assert [text for *_, text in listed(client)] == [
        "20 September 2024, 21:00: The bridge is 300 m long.",
        "20 September 2024, 19:00: The vote was on 12 May.",
    ]
    PageViewRestriction.objects.create(page=newsroom.news, restriction_type="login")
    assert listed(client) == []
    for url in FEEDS:
        assert parsed_feed(client, url).entries == []


def test_the_page_walks_older_corrections_by_cursor(client, newsroom, settings):
    from masthead.corrections import queries

    article = newsroom.items[0]
    for i in range(queries.PAGE_SIZE + 2):
        article.corrections.add(Correction(noted_at=NOW + dt.timedelta(minutes=i), text=f"Fix {i}"))
    publish(article)
    response = client.get("/corrections/")
    soup = BeautifulSoup(response.content, "html.parser")
    assert len(soup.select("ol.corrections-log > li")) == queries.PAGE_SIZE
    older = soup.select_one('nav.pager a[rel="next"]')["href"]
    rest = [text.split(": ", 1)[1] for *_, text in listed(client, "/corrections/" + older)]
    assert rest == ["Fix 1", "Fix 0"]


@pytest.mark.parametrize("marker", ["nonsense", "20240920T150000.000000Z-", "<script>", "\x00"])
def test_a_malformed_page_marker_is_a_clear_400(client, newsroom, marker):
    response = client.get("/corrections/", {"before": marker})
    assert response.status_code == 400
    assert b"<script>" not in response.content


@pytest.mark.parametrize("url", FEEDS)
def test_the_feeds_carry_each_correction_with_a_stable_guid(client, corrected, url):
    feed = parsed_feed(client, url)
    first = corrected["first"]
    titles = [entry.title for entry in feed.entries]
    assert titles[0] == f"Correction: {first.title}"
    assert len(titles) == 3
    entry = feed.entries[0]
    assert entry.link == f"http://testserver{first.url}#corrections"
    assert dt.datetime(*entry.published_parsed[:6], tzinfo=dt.UTC) == NOW + dt.timedelta(hours=3)
    guid = entry.id
    edited = ArticlePage.objects.get(pk=first.pk)
    edited.title = "A new headline"
    edited.corrections.first().text = "The bridge is 300 metres long."
    publish(edited)
    assert [e.id for e in parsed_feed(client, url).entries if e.id == guid] == [guid]


def test_the_page_links_its_feeds_in_its_head(client, newsroom):
    soup = BeautifulSoup(client.get("/corrections/").content, "html.parser")
    assert "/feeds/corrections/rss/" in [
        link["href"] for link in soup.select('head link[type="application/rss+xml"]')
    ]
    assert "/feeds/corrections/atom/" in [
        link["href"] for link in soup.select('head link[type="application/atom+xml"]')
    ]


def test_a_new_correction_emits_the_list_and_shows_on_the_next_request(client, corrected):
    site_id = Site.objects.get(is_default_site=True).pk
    assert len(listed(client)) == 3
    with recording() as emitted:
        correct(corrected["second"], NOW + dt.timedelta(hours=4), "A fourth fix.")
    assert f"corrections-{site_id}" in emitted
    assert f"article-{corrected['second'].pk}" in emitted
    assert listed(client)[0][2] == "20 September 2024, 22:00: A fourth fix."


def test_the_page_declares_the_list_and_the_articles_it_shows(client, corrected):
    response = client.get("/corrections/")
    shown = set(response["xkey"].split())
    site_id = Site.objects.get(is_default_site=True).pk
    assert {
        f"corrections-{site_id}",
        f"article-{corrected['first'].pk}",
        f"article-{corrected['second'].pk}",
    } <= shown
