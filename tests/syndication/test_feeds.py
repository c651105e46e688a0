"""The feeds, read by feedparser (RSS 2.0 and Atom) and as JSON (JSON Feed 1.1): what they list,
in which order, with which dates, authors, pictures and full text (their query budgets are in
test_budgets.py)."""

from __future__ import annotations

import datetime as dt
import email.utils
import json

import pytest
from bs4 import BeautifulSoup
from django.test import RequestFactory
from taggit.models import Tag
from wagtail.models import PageViewRestriction

from masthead.articles.models import ArticlePage, Role
from masthead.caching import keys
from masthead.demo.bulk_news import generate_news
from masthead.people.models import Person
from masthead.syndication import channels, feeds
from tests.conftest import NOW, add_article
from tests.syndication.conftest import body_of, declared_keys, parsed_feed

KYIV_OFFSET = dt.timedelta(hours=3)  # the edition's clock on NOW (summer time)

EDITION_FEEDS = ["/feeds/rss/", "/feeds/atom/"]


def text_of(html: str) -> str:
    return BeautifulSoup(html, "html.parser").get_text()


def html_contents(entry) -> list[str]:
    """The entry's full texts (feedparser also lists a picture's description as content)."""
    return [c["value"] for c in entry.get("content", []) if c["type"] == "text/html"]


def html_content(entry) -> str:
    [content] = html_contents(entry)
    return content


def newest_titles(newsroom) -> list[str]:
    return [item.title for item in newsroom.items]


@pytest.fixture
def pictured(newsroom, picture) -> ArticlePage:
    """A news item with a lead, a main picture and a body that names a page, a picture, the
    guest and the host."""
    return add_article(
        newsroom.news,
        "Pictured story",
        NOW - dt.timedelta(minutes=30),
        lead="Smoke & mirrors <in> the studio",
        main_image=picture,
        main_image_caption="The studio at night",
        people=[
            (newsroom.author, Role.AUTHOR, "Staff writer"),
            (newsroom.guest, Role.AUTHOR, ""),
            (newsroom.host, Role.HOST, ""),
        ],
        body=[
            {
                "type": "paragraph",
                "value": f'<p>See <a linktype="page" id="{newsroom.politics.pk}">politics</a>.</p>',
            },
            {"type": "heading", "value": "What was said"},
            {"type": "pull_quote", "value": {"quote": "A line", "person": newsroom.guest.pk}},
            {"type": "question", "value": {"question": "And then?", "speaker": None}},
            {"type": "image", "value": {"image": picture.pk, "caption": "Inside", "credit": "Us"}},
            {"type": "read_also", "value": {"heading": "Read also:", "links": [newsroom.news.pk]}},
        ],
    )


@pytest.mark.parametrize("url", EDITION_FEEDS)
def test_edition_feed_lists_the_newest_public_articles_newest_first(client, newsroom, url):
    feed = parsed_feed(client, url)
    assert feed.feed.title == "Masthead. Global"
    assert feed.feed.link == "http://testserver/"
    assert feed.feed.language == "en"
    titles = [entry.title for entry in feed.entries]
    assert titles == [*newest_titles(newsroom), "The guest explains the week"]
    links = [entry.link for entry in feed.entries]
    assert links[0] == "http://testserver/news/news-item-number-0/"
    assert links[-1] == "http://testserver/politics/the-guest-explains-the-week/"


def test_rss_and_atom_give_each_article_the_same_stable_guid(client, newsroom):
    rss, atom = (parsed_feed(client, url) for url in EDITION_FEEDS)
    first = newsroom.items[0]
    expected = f"tag:localhost,{NOW:%Y-%m-%d}:article:{first.pk}"
    assert rss.entries[0].id == atom.entries[0].id == expected
    assert rss.entries[0].guidislink is False  # not the article's address
    assert [e.id for e in rss.entries] == [e.id for e in atom.entries]


def test_guid_survives_an_edit_and_a_slug_change(client, newsroom):
    article = newsroom.items[0]
    before = {e.title: e.id for e in parsed_feed(client, "/feeds/rss/").entries}
    article.title = "A corrected headline"
    article.slug = "a-corrected-headline"
    article.updated_at = NOW
    article.save_revision().publish()
    after = parsed_feed(client, "/feeds/rss/").entries[0]
    assert after.title == "A corrected headline"
    assert after.link == "http://testserver/news/a-corrected-headline/"
    assert after.id == before["News item number 0"]


def test_rss_dates_carry_the_editions_offset(client, newsroom):
    entry = parsed_feed(client, "/feeds/rss/").entries[0]
    published = email.utils.parsedate_to_datetime(entry.published)
    assert published == NOW
    assert published.utcoffset() == KYIV_OFFSET


def test_atom_dates_carry_the_editions_offset_and_the_update(client, newsroom):
    article = newsroom.items[1]
    article.updated_at = NOW + dt.timedelta(minutes=20)
    article.save_revision().publish()
    entry = parsed_feed(client, "/feeds/atom/").entries[1]
    published = dt.datetime.fromisoformat(entry.published)
    updated = dt.datetime.fromisoformat(entry.updated)
    assert published == newsroom.items[1].published_at
    assert updated == NOW + dt.timedelta(minutes=20)
    assert published.utcoffset() == updated.utcoffset() == KYIV_OFFSET


@pytest.mark.parametrize("url", EDITION_FEEDS)
def test_authors_are_named_and_the_edition_signs_the_rest(client, pictured, url):
    entries = {e.title: e for e in parsed_feed(client, url).entries}
    assert [a["name"] for a in entries["Pictured story"].authors] == [
        "Maria Writer",
        "Taras Guest",
    ]
    assert entries["News item number 0"].author == "Maria Writer"
    assert entries["News item number 1"].author == "Masthead. Global"


def test_atom_authors_link_to_their_pages(client, pictured):
    entry = parsed_feed(client, "/feeds/atom/").entries[1]
    assert [a.get("href") for a in entry.authors] == [
        "http://testserver/people/maria-writer/",
        "http://testserver/people/taras-guest/",
    ]


@pytest.mark.parametrize("url", EDITION_FEEDS)
def test_summary_is_the_lead(client, pictured, url):
    entries = {e.title: e for e in parsed_feed(client, url).entries}
    assert text_of(entries["Pictured story"].summary) == "Smoke & mirrors <in> the studio"
    interview = entries["The guest explains the week"]
    assert text_of(interview.summary) == (
        "Taras Guest told Evening Studio host Oksana Host about the week."
    )


def test_rss_carries_the_main_picture_as_media_content(client, pictured):
    entry = parsed_feed(client, "/feeds/rss/").entries[1]
    [media] = entry.media_content
    assert media["url"].startswith("http://testserver/media/images/")
    assert media["medium"] == "image"
    assert media["type"] == "image/jpeg"
    assert (media["width"], media["height"]) == ("1200", "675")
    assert "media_content" not in parsed_feed(client, "/feeds/rss/").entries[0]


def test_atom_carries_the_main_picture_as_an_enclosure(client, pictured):
    entry = parsed_feed(client, "/feeds/atom/").entries[1]
    [enclosure] = entry.enclosures
    assert enclosure["href"].startswith("http://testserver/media/images/")
    assert enclosure["type"] == "image/jpeg"


@pytest.mark.parametrize("url", EDITION_FEEDS)
def test_full_text_only_when_asked(client, pictured, url):
    assert html_contents(parsed_feed(client, url).entries[1]) == []
    full = parsed_feed(client, url + "?full=1")
    assert [link.href for link in full.feed.links if link.rel == "self"] == [
        f"http://testserver{url}?full=1"
    ]
    body = BeautifulSoup(html_content(full.entries[1]), "html.parser")
    assert body.find("a")["href"] == "http://testserver/politics/"
    assert body.find("h2").get_text() == "What was said"
    assert body.select_one("figure blockquote").get_text() == "“A line”"
    assert body.select_one("figure figcaption").get_text() == "Taras Guest"
    # A question with no speaker is the host's, as on the page.
    assert [p.get_text() for p in body.find_all("p")][-2:] == ["Oksana Host asks:", "And then?"]
    image = body.select_one("figure img")
    assert image["src"].startswith("http://testserver/media/images/")
    assert image["alt"] == "Inside"
    assert "Read also:" not in body.get_text()


def test_full_text_names_whom_a_quote_names_though_the_article_does_not_credit_them(
    client, newsroom
):
    quoted = Person.objects.create(name="Quoted Once", slug="quoted-once")
    add_article(
        newsroom.news,
        "Quoted",
        NOW + dt.timedelta(minutes=1),
        body=[{"type": "pull_quote", "value": {"quote": "Words", "person": quoted.pk}}],
    )
    entry = parsed_feed(client, "/feeds/atom/?full=1").entries[0]
    body = BeautifulSoup(html_content(entry), "html.parser")
    assert body.select_one("figure figcaption").get_text() == "Quoted Once"


def test_full_text_leaves_out_an_empty_body(client, pictured):
    entry = parsed_feed(client, "/feeds/rss/?full=1").entries[0]
    assert html_contents(entry) == []


def test_section_feeds_list_the_sections_articles(client, newsroom):
    for url in ["/feeds/sections/news/rss/", "/feeds/sections/news/atom/"]:
        feed = parsed_feed(client, url)
        assert feed.feed.title == "News — Masthead. Global"
        assert feed.feed.link == "http://testserver/news/"
        assert [e.title for e in feed.entries] == newest_titles(newsroom)
    politics = parsed_feed(client, "/feeds/sections/politics/rss/")
    assert [e.title for e in politics.entries] == ["The guest explains the week"]
    assert politics.entries[0].tags[0]["term"] == "Politics"


@pytest.mark.parametrize("form", ["rss", "atom"])
def test_tag_person_and_programme_feeds_list_their_pages_articles(client, newsroom, form):
    tagged = [f"News item number {i}" for i in range(0, 12, 3)]
    by_author = [f"News item number {i}" for i in range(0, 12, 2)]
    interview = "The guest explains the week"
    expected = {
        f"/feeds/tags/diplomacy/{form}/": [*tagged, interview],
        f"/feeds/tags/security/{form}/": [interview],
        f"/feeds/people/maria-writer/{form}/": [*by_author, interview],
        f"/feeds/people/taras-guest/{form}/": [interview],
        f"/feeds/programmes/evening-studio/{form}/": [interview],
    }
    for url, titles in expected.items():
        assert [e.title for e in parsed_feed(client, url).entries] == titles, url
    assert parsed_feed(client, f"/feeds/people/oksana-host/{form}/").feed.link == (
        "http://testserver/people/oksana-host/"
    )


@pytest.mark.parametrize(
    "url",
    [
        "/feeds/sections/nowhere/rss/",
        "/feeds/sections/news-item-number-0/rss/",  # an article, not a section
        "/feeds/tags/nothing/atom/",
        "/feeds/people/nobody/rss/",
        "/feeds/programmes/no-show/atom/",
    ],
)
def test_a_feed_of_nothing_is_a_404(client, newsroom, url):
    assert client.get(url).status_code == 404


def test_a_restricted_sections_feed_is_a_404(client, newsroom):
    PageViewRestriction.objects.create(page=newsroom.politics, restriction_type="login")
    assert client.get("/feeds/sections/politics/rss/").status_code == 404


def test_feed_size_is_bounded(client, newsroom):
    generate_news(channels.FEED_SIZE + 10, until=NOW - dt.timedelta(days=1), per_day=100)
    feed = parsed_feed(client, "/feeds/rss/")
    assert len(feed.entries) == channels.FEED_SIZE
    assert [e.title for e in feed.entries][:12] == newest_titles(newsroom)


def test_json_feed_is_json_feed_1_1(client, pictured):
    response = client.get("/feeds/json/")
    assert response["Content-Type"].split(";")[0] == "application/feed+json"
    document = json.loads(body_of(response))
    assert document["version"] == "https://jsonfeed.org/version/1.1"
    assert document["title"] == "Masthead. Global"
    assert document["home_page_url"] == "http://testserver/"
    assert document["feed_url"] == "http://testserver/feeds/json/"
    assert document["language"] == "en"
    assert document["icon"] == "http://testserver/static/masthead/logo.png"
    rss = parsed_feed(client, "/feeds/rss/")
    assert [item["id"] for item in document["items"]] == [e.id for e in rss.entries]
    assert [item["url"] for item in document["items"]] == [e.link for e in rss.entries]
    for item in document["items"]:
        assert isinstance(item["id"], str) and item["id"]
        assert "content_html" in item or "content_text" in item
        assert dt.datetime.fromisoformat(item["date_published"]).utcoffset() == KYIV_OFFSET
    story = document["items"][1]
    assert story["title"] == "Pictured story"
    assert story["summary"] == "Smoke & mirrors <in> the studio"
    assert story["image"].startswith("http://testserver/media/images/")
    assert story["authors"] == [
        {"name": "Maria Writer", "url": "http://testserver/people/maria-writer/"},
        {"name": "Taras Guest", "url": "http://testserver/people/taras-guest/"},
    ]
    assert document["items"][0]["authors"] == [
        {"name": "Maria Writer", "url": "http://testserver/people/maria-writer/"}
    ]
    full = json.loads(body_of(client.get("/feeds/json/?full=1")))
    assert BeautifulSoup(full["items"][1]["content_html"], "html.parser").find("h2")


@pytest.mark.parametrize("url", [*EDITION_FEEDS, "/feeds/json/", "/feeds/sections/news/rss/"])
def test_feeds_answer_a_conditional_get_with_304(client, newsroom, url):
    response = client.get(url)
    last_modified = response["Last-Modified"]
    assert email.utils.parsedate_to_datetime(last_modified) >= NOW
    assert client.get(url, HTTP_IF_MODIFIED_SINCE=last_modified).status_code == 304
    assert client.get(url, HTTP_IF_NONE_MATCH=response["ETag"]).status_code == 304


def _declared(view, path: str, **kwargs) -> set[str]:
    with declared_keys() as shown:
        response = view(RequestFactory().get(path), **kwargs)
        assert response.status_code == 200
    return shown


def test_feeds_declare_the_keys_of_what_they_show(newsroom, pictured):
    site = newsroom.news.get_site().pk
    items = {keys.article(article.pk) for article in [*newsroom.items, newsroom.interview]}
    edition = _declared(feeds.ArticleFeed(channels.edition_channel), "/feeds/rss/")
    assert {keys.archive(site), keys.edition(site)} <= edition
    assert items | {keys.article(pictured.pk), keys.image(pictured.main_image_id)} <= edition
    assert keys.person(newsroom.author.pk) in edition
    assert _declared(feeds.json_feed, "/feeds/json/") == edition

    section = _declared(
        feeds.AtomArticleFeed(channels.section_channel),
        "/feeds/sections/politics/atom/",
        slug="politics",
    )
    politics = keys.section(newsroom.politics.pk)
    assert {politics, keys.listing(politics), keys.article(newsroom.interview.pk)} <= section
    assert keys.article(newsroom.items[0].pk) not in section
    for channel, slug, key in [
        (channels.tag_channel, "security", keys.tag(Tag.objects.get(slug="security").pk)),
        (channels.person_channel, "taras-guest", keys.person(newsroom.guest.pk)),
        (channels.programme_channel, "evening-studio", keys.programme(newsroom.programme.pk)),
    ]:
        shown = _declared(feeds.ArticleFeed(channel), "/feeds/x/", slug=slug)
        assert {key, keys.listing(key), keys.article(newsroom.interview.pk)} <= shown


@pytest.mark.parametrize("url", ["/feeds/rss/", "/feeds/atom/"])
def test_reporters_are_authors_and_other_credits_contributors(client, newsroom, url):
    reporter = Person.objects.create(name="Iryna Reporter", slug="iryna-reporter")
    translator = Person.objects.create(name="Lesia Words", slug="lesia-words")
    add_article(
        newsroom.news,
        "Credited by role",
        NOW + dt.timedelta(minutes=5),
        people=[
            (reporter, Role.REPORTER, ""),
            (reporter, Role.TRANSLATOR, ""),
            (translator, Role.TRANSLATOR, ""),
            (newsroom.author, Role.PHOTO, ""),
        ],
    )
    feed = parsed_feed(client, url)
    assert feed.bozo == 0
    (entry,) = [e for e in feed.entries if e.title == "Credited by role"]
    assert [a["name"] for a in entry.authors] == ["Iryna Reporter"]
    assert [c["name"] for c in entry.contributors] == [
        "Iryna Reporter",
        "Lesia Words",
        "Maria Writer",
    ]
