"""The demo newsroom's outputs for machines, read by the parsers the issue names: its feeds by
feedparser (``bozo == 0``), its sitemaps by lxml against the sitemaps.org schemas and the image
and news extensions', and its pages' structured data and Open Graph tags by extruct.

The full newsroom (seed 1) is built once for the module, as in ``test_demo_newsroom.py``; the
clock is the demo's, so that the news sitemap has its last two days.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from urllib.parse import urlsplit

import extruct
import pytest
from bs4 import BeautifulSoup
from django.db import transaction
from django.db.models import Count
from taggit.models import Tag

from masthead.articles.models import ArticlePage
from masthead.articles.renditions import RENDITION_FILTERS
from masthead.demo.content.outlet import BRAND
from masthead.frontpage.models import FrontPage
from masthead.people.models import Person
from masthead.policies.models import INDICATORS
from masthead.programmes.models import Programme
from masthead.sections.models import SectionPage
from tests.demo.test_demo_newsroom import NOW_AT, demo_newsroom
from tests.syndication.conftest import parsed_feed
from tests.syndication.schemas import index_schema, locations, urlset_schema, valid

BASE = "http://testserver"
LEAD = RENDITION_FILTERS["lead"]


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker) -> Iterator[None]:
    """The full demo newsroom (seed 1), built once for the module and rolled back after it."""
    with django_db_blocker.unblock(), transaction.atomic():
        demo_newsroom("--seed", "1")
        yield
        transaction.set_rollback(True)


@pytest.fixture
def newsroom(demo, db, time_machine) -> None:
    time_machine.move_to(NOW_AT, tick=False)


def path(page) -> str:
    return "/" + page.url_path.removeprefix(FrontPage.objects.get().url_path)


def busiest_person() -> Person:
    return Person.objects.annotate(n=Count("appearances")).order_by("-n", "slug").first()


def busiest_tag() -> Tag:
    return Tag.objects.annotate(n=Count("articles_articletag_items")).order_by("-n", "slug").first()


def feeds() -> list[str]:
    """The edition's feeds and one feed of each page family, each in RSS and Atom."""
    family = {
        "sections": "news",
        "tags": busiest_tag().slug,
        "people": busiest_person().slug,
        "programmes": Programme.objects.order_by("slug").first().slug,
    }
    return [
        "/feeds/rss/",
        "/feeds/atom/",
        "/feeds/rss/?full=1",
        *(
            f"/feeds/{name}/{slug}/{fmt}/"
            for name, slug in family.items()
            for fmt in ("rss", "atom")
        ),
    ]


# ---------------------------------------------------------------------------------------------
# Feeds


def test_every_feed_reads_cleanly_in_feedparser(client, newsroom):
    for url in feeds():
        feed = parsed_feed(client, url)  # bozo == 0
        assert feed.feed.title and feed.feed.link.startswith(BASE + "/"), url
        assert feed.entries, url
        for entry in feed.entries:
            assert entry.title and entry.link.startswith(BASE + "/") and entry.id, url


def test_the_json_feed_is_json_feed_1_1(client, newsroom):
    feed = client.get("/feeds/json/").json()
    assert feed["version"] == "https://jsonfeed.org/version/1.1"
    assert feed["title"] == BRAND
    assert feed["items"]
    assert all(item["id"] and item["url"].startswith(BASE + "/") for item in feed["items"])


def test_the_feeds_are_the_ones_the_pages_name(client, newsroom):
    named = set()
    for url in ["/", "/news/", f"/people/{busiest_person().slug}/"]:
        head = BeautifulSoup(client.get(url).content, "html.parser").head
        named |= {link["href"] for link in head.find_all("link", rel="alternate", type=True)}
    assert {"/feeds/rss/", "/feeds/atom/", "/feeds/json/", "/feeds/sections/news/rss/"} <= named
    assert f"/feeds/people/{busiest_person().slug}/atom/" in named


# ---------------------------------------------------------------------------------------------
# Sitemaps


def test_the_sitemap_index_and_every_sitemap_are_valid(client, newsroom):
    children = locations(valid(index_schema(), client.get("/sitemap.xml")))
    assert f"{BASE}/sitemaps/pages.xml" in children and f"{BASE}/sitemaps/news.xml" in children
    listed = []
    for child in children:
        listed += locations(valid(urlset_schema(), client.get(urlsplit(child).path)))
    articles = ArticlePage.objects.count()
    assert len(set(listed)) >= articles  # every article, in its month (and the news sitemap)
    for url in [f"{BASE}/", f"{BASE}/news/", f"{BASE}/ethics/", f"{BASE}/people/yaryna-bilous/"]:
        assert url in listed


def test_the_news_sitemap_lists_the_last_two_days(client, newsroom):
    news = locations(valid(urlset_schema(), client.get("/sitemaps/news.xml")))
    assert 20 <= len(news) <= 1000


def test_robots_txt_names_the_sitemaps(client, newsroom):
    lines = client.get("/robots.txt").content.decode().splitlines()
    assert f"Sitemap: {BASE}/sitemap.xml" in lines
    assert f"Sitemap: {BASE}/sitemaps/news.xml" in lines


# ---------------------------------------------------------------------------------------------
# Structured data and link previews


def extracted(client, url: str) -> dict[str, list]:
    response = client.get(url)
    assert response.status_code == 200, url
    html = response.content.decode()
    return extruct.extract(html, base_url=BASE + url, syntaxes=["json-ld", "opengraph"])


def of_type(items: list[dict], schema_type: str) -> dict:
    [found] = [item for item in items if item.get("@type") == schema_type]
    return found


def open_graph(found: dict[str, list]) -> dict[str, str]:
    [graph] = found["opengraph"]
    return dict(graph["properties"])


def assert_answers(client, url: str) -> None:
    """A URL the structured data names is a page of the demo."""
    assert url.startswith(BASE + "/"), url
    assert client.get(urlsplit(url).path).status_code == 200, url


def assert_organisation(client, organisation: dict) -> None:
    assert organisation["@type"] == "NewsMediaOrganization"
    assert organisation["name"] == BRAND
    assert organisation["url"] == f"{BASE}/"
    logo = organisation["logo"]
    assert logo["@type"] == "ImageObject" and logo["width"] == logo["height"] == 512
    for indicator in INDICATORS:
        assert_answers(client, organisation[indicator.schema_property])


def test_the_home_page_is_the_website_and_its_organisation(client, newsroom):
    found = extracted(client, "/")
    website = of_type(found["json-ld"], "WebSite")
    assert (website["name"], website["url"]) == (BRAND, f"{BASE}/")
    assert website["description"]
    organisation = of_type(found["json-ld"], "NewsMediaOrganization")
    assert website["publisher"] == {"@id": organisation["@id"]}
    assert_organisation(client, organisation)
    graph = open_graph(found)
    assert graph["og:type"] == "website" and graph["og:site_name"] == BRAND
    assert graph["og:url"] == f"{BASE}/"


def assert_news_article(client, url: str, schema_type: str = "NewsArticle") -> dict:
    found = extracted(client, url)
    article = of_type(found["json-ld"], schema_type)
    for required in ("headline", "datePublished", "dateModified", "author", "publisher"):
        assert article[required], (url, required)
    assert article["url"] == article["mainEntityOfPage"]["@id"] == BASE + url
    assert_organisation(client, article["publisher"])
    trail = of_type(found["json-ld"], "BreadcrumbList")["itemListElement"]
    assert [crumb["position"] for crumb in trail] == [1, 2, 3]
    assert trail[-1]["item"] == BASE + url
    for crumb in trail[:-1]:
        assert_answers(client, crumb["item"])
    graph = open_graph(found)
    assert graph["og:type"] == "article" and graph["og:title"] == article["headline"]
    assert graph["og:url"] == BASE + url
    return article


def test_an_interview_is_a_news_article_about_its_guest(client, newsroom):
    interview = ArticlePage.objects.filter(kind="interview").order_by("path").first()
    article = assert_news_article(client, path(interview))
    [author] = article["author"]
    assert author["@type"] == "Person"
    assert_answers(client, author["url"])
    assert [guest["@type"] for guest in article["about"]] == ["Person"]
    assert article["about"][0]["jobTitle"]
    [image] = article["image"]
    assert (image["width"], image["height"]) == (1200, 675)
    assert image["url"] == BASE + interview.main_image.get_rendition(LEAD).url
    assert article["articleSection"] and article["keywords"]


def test_a_news_item_is_a_news_article(client, newsroom):
    item = ArticlePage.objects.filter(kind="news").order_by("path").first()
    article = assert_news_article(client, path(item))
    assert article["headline"] == item.title


@pytest.mark.parametrize(
    ("kind", "schema_type"),
    [("analysis", "AnalysisNewsArticle"), ("opinion", "OpinionNewsArticle")],
)
def test_analyses_and_columns_have_their_own_types(client, newsroom, kind, schema_type):
    article = ArticlePage.objects.filter(kind=kind).order_by("path").first()
    assert_news_article(client, path(article), schema_type)


def test_a_section_page_carries_its_breadcrumbs(client, newsroom):
    section = SectionPage.objects.get(slug="war")
    trail = of_type(extracted(client, path(section))["json-ld"], "BreadcrumbList")
    assert [crumb["name"] for crumb in trail["itemListElement"]] == [BRAND, "War"]
    assert trail["itemListElement"][1]["item"] == f"{BASE}/war/"


def test_a_person_page_is_their_profile(client, newsroom):
    host = Person.objects.get(slug="yaryna-bilous")
    found = extracted(client, f"/people/{host.slug}/")
    profile = of_type(found["json-ld"], "ProfilePage")
    person = profile["mainEntity"]
    assert (person["@type"], person["name"]) == ("Person", host.name)
    assert person["url"] == profile["url"] == f"{BASE}/people/{host.slug}/"
    assert person["jobTitle"] == host.description and person["description"] == host.bio
    assert person["sameAs"] == host.same_as != []
    assert person["image"]["width"] == person["image"]["height"] == 240
    graph = open_graph(found)
    assert graph["og:type"] == "profile" and graph["og:image"] == person["image"]["url"]


def test_every_page_of_the_demo_has_one_script_of_structured_data_at_most_and_it_parses(
    client, newsroom
):
    for url in ["/", "/news/", "/latest/", f"/tags/{busiest_tag().slug}/", "/ethics/"]:
        soup = BeautifulSoup(client.get(url).content, "html.parser")
        scripts = soup.find_all("script", type="application/ld+json")
        assert len(scripts) <= 1, url
        for script in scripts:
            json.loads(script.string)


def test_the_front_page_says_what_kind_of_work_each_story_is(client, newsroom):
    stories = BeautifulSoup(client.get("/").content, "html.parser").select(".stories .story")
    kinds = [story.select_one(".kind").get_text() for story in stories]
    assert len(kinds) == 7 and set(kinds) <= {"Interview", "Analysis", "Opinion", "News"}
