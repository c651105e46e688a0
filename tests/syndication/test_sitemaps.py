"""The sitemaps, validated with lxml against the sitemaps.org schemas (../shared/xsd/) and the
image and news extensions' schemas written from Google's documentation (xsd/ beside this file),
and robots.txt, which names them."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import RequestFactory
from lxml import etree

from masthead.articles.models import ArticlePage, Role
from masthead.caching import keys
from masthead.demo.bulk_news import generate_news
from masthead.people.models import Person
from masthead.policies.models import PolicyPage
from masthead.syndication import sitemaps, views
from tests.conftest import NOW, add_article
from tests.syndication import schemas
from tests.syndication.conftest import body_of, declared_keys
from tests.syndication.schemas import NS, locations, valid


@pytest.fixture(scope="module")
def urlset_schema() -> etree.XMLSchema:
    return schemas.urlset_schema()


@pytest.fixture(scope="module")
def index_schema() -> etree.XMLSchema:
    return schemas.index_schema()


def by_location(document: etree._Element) -> dict[str, etree._Element]:
    """Each ``<url>`` of a urlset by its ``<loc>``."""
    return {url.findtext("s:loc", namespaces=NS): url for url in document.iterfind("s:url", NS)}


def article_url(article: ArticlePage) -> str:
    return "http://testserver" + article.url


def test_index_names_the_pages_and_news_sitemaps_and_every_month(client, newsroom, index_schema):
    document = valid(index_schema, client.get("/sitemap.xml"))
    assert locations(document) == [
        "http://testserver/sitemaps/pages.xml",
        "http://testserver/sitemaps/news.xml",
        "http://testserver/sitemaps/articles-2024-09.xml",
        "http://testserver/sitemaps/articles-2023-05.xml",
    ]
    lastmods = document.xpath("//s:sitemap/s:lastmod/text()", namespaces=NS)
    assert lastmods == ["2024-09-20T18:00:00+03:00", "2023-05-28T12:00:00+03:00"]


def test_a_month_lists_its_articles_oldest_first_with_their_pictures(
    client, newsroom, picture, urlset_schema
):
    pictured = add_article(
        newsroom.news, "Pictured", NOW - dt.timedelta(minutes=5), main_image=picture
    )
    document = valid(urlset_schema, client.get("/sitemaps/articles-2024-09.xml"))
    expected = sorted([*newsroom.items, pictured], key=lambda a: a.published_at)
    assert locations(document) == [article_url(article) for article in expected]
    entry = by_location(document)[article_url(pictured)]
    [image] = entry.xpath("image:image/image:loc/text()", namespaces=NS)
    assert image.startswith("http://testserver/media/images/")
    assert image.endswith(".fill-1200x675-c80.format-jpeg.jpg")
    lastmods = document.xpath("//s:url/s:lastmod/text()", namespaces=NS)
    assert lastmods[-1] == "2024-09-20T18:00:00+03:00"
    assert {dt.datetime.fromisoformat(m).utcoffset() for m in lastmods} == {dt.timedelta(hours=3)}


def test_lastmod_follows_an_update(client, newsroom, urlset_schema):
    article = newsroom.items[5]
    article.updated_at = NOW + dt.timedelta(hours=1)
    article.save_revision().publish()
    document = valid(urlset_schema, client.get("/sitemaps/articles-2024-09.xml"))
    lastmod = by_location(document)[article_url(article)].findtext("s:lastmod", namespaces=NS)
    assert dt.datetime.fromisoformat(lastmod) == NOW + dt.timedelta(hours=1)


def test_a_month_too_large_for_one_sitemap_is_split_into_parts(
    client, newsroom, monkeypatch, urlset_schema, index_schema
):
    monkeypatch.setattr(sitemaps, "PART_SIZE", 5)
    index = locations(valid(index_schema, client.get("/sitemap.xml")))
    assert index[2:] == [
        "http://testserver/sitemaps/articles-2024-09.xml",
        "http://testserver/sitemaps/articles-2024-09-2.xml",
        "http://testserver/sitemaps/articles-2024-09-3.xml",
        "http://testserver/sitemaps/articles-2023-05.xml",
    ]
    parts = [
        locations(valid(urlset_schema, client.get(url.removeprefix("http://testserver"))))
        for url in index[2:5]
    ]
    assert [len(part) for part in parts] == [5, 5, 2]
    assert [url for part in parts for url in part] == [
        article_url(a) for a in reversed(newsroom.items)
    ]
    assert client.get("/sitemaps/articles-2024-09-4.xml").status_code == 404


@pytest.mark.parametrize(
    "name",
    [
        "articles-2024-08",  # no articles that month
        "articles-2024-13",
        "articles-2024-09-1",  # the first part has no number
        "articles-24-09",
        "whatever",
    ],
)
def test_a_sitemap_that_lists_nothing_is_a_404(client, newsroom, name):
    assert client.get(f"/sitemaps/{name}.xml").status_code == 404


def test_months_are_counted_in_utc(client, newsroom, urlset_schema):
    # 00:30 on 1 October in Kyiv is still September in UTC.
    late = add_article(newsroom.news, "Late", dt.datetime(2024, 9, 30, 21, 30, tzinfo=dt.UTC))
    september = locations(valid(urlset_schema, client.get("/sitemaps/articles-2024-09.xml")))
    assert september[-1] == article_url(late)


def test_pages_sitemap_lists_every_page_but_the_articles(client, newsroom, urlset_schema):
    home = newsroom.news.get_parent()
    home.add_child(instance=PolicyPage(title="Ethics policy", slug="ethics"))
    PolicyPage.objects.get().save_revision().publish()
    Person.objects.create(name="Not Yet Seen", slug="not-yet-seen")  # on no public article
    draft = ArticlePage(title="Draft", slug="draft", published_at=NOW, live=False)
    newsroom.news.add_child(instance=draft)
    draft.tags.add("embargoed")
    draft.save()
    document = valid(urlset_schema, client.get("/sitemaps/pages.xml"))
    assert locations(document) == [
        "http://testserver/",
        "http://testserver/news/",
        "http://testserver/politics/",
        "http://testserver/ethics/",
        "http://testserver/programmes/evening-studio/",
        "http://testserver/people/maria-writer/",
        "http://testserver/people/oksana-host/",
        "http://testserver/people/taras-guest/",
        "http://testserver/tags/diplomacy/",
        "http://testserver/tags/security/",
    ]


def test_pages_sitemap_stops_at_the_protocols_limit(client, newsroom, monkeypatch, caplog):
    monkeypatch.setattr(sitemaps, "URL_LIMIT", 4)
    document = etree.fromstring(body_of(client.get("/sitemaps/pages.xml")))
    assert len(locations(document)) == 4
    assert "more than 4 URLs" in caplog.text


def test_news_sitemap_lists_the_last_two_days(client, newsroom, urlset_schema):
    older = add_article(newsroom.news, "Three days old", NOW - dt.timedelta(days=3))
    just_in = add_article(
        newsroom.news, "Just in", NOW - dt.timedelta(days=2) + dt.timedelta(minutes=1)
    )
    document = valid(urlset_schema, client.get("/sitemaps/news.xml"))
    listed = locations(document)
    assert listed == [article_url(a) for a in [*newsroom.items, just_in]]
    assert article_url(older) not in listed
    assert article_url(newsroom.interview) not in listed
    [first] = document.xpath("//s:url[1]/news:news", namespaces=NS)
    assert first.xpath("news:publication/news:name/text()", namespaces=NS) == ["Masthead. Global"]
    assert first.xpath("news:publication/news:language/text()", namespaces=NS) == ["en"]
    assert first.xpath("news:title/text()", namespaces=NS) == ["News item number 0"]
    assert first.xpath("news:publication_date/text()", namespaces=NS) == [
        "2024-09-20T18:00:00+03:00"
    ]


def test_news_sitemap_lists_at_most_a_thousand(client, newsroom, urlset_schema):
    generate_news(1_010, until=NOW - dt.timedelta(minutes=1), per_day=2_000)
    document = valid(urlset_schema, client.get("/sitemaps/news.xml"))
    assert len(locations(document)) == sitemaps.NEWS_LIMIT == 1_000
    assert locations(document)[0] == article_url(newsroom.items[0])
    dates = document.xpath("//news:publication_date/text()", namespaces=NS)
    assert all(dt.datetime.fromisoformat(d) >= NOW - dt.timedelta(days=2) for d in dates)


def test_robots_txt_names_the_sitemaps_and_keeps_crawlers_out_of_the_admin(client, newsroom):
    response = client.get("/robots.txt")
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    rules = [line.split(": ", 1) for line in response.content.decode().splitlines() if line]
    assert rules == [
        ["User-agent", "*"],
        ["Disallow", "/admin/"],
        ["Disallow", "/_esi/latest-news/"],
        ["Sitemap", "http://testserver/sitemap.xml"],
        ["Sitemap", "http://testserver/sitemaps/news.xml"],
    ]
    for _, url in rules[-2:]:
        assert client.get(url.removeprefix("http://testserver")).status_code == 200


def _declared(view, path: str, **kwargs) -> set[str]:
    with declared_keys() as shown:
        response = view(RequestFactory().get(path), **kwargs)
        assert response.status_code == 200
        body_of(response)
    return shown


def test_sitemaps_declare_the_keys_of_what_they_show(newsroom):
    site = newsroom.news.get_site().pk
    archive = {keys.archive(site), keys.edition(site)}
    assert archive <= _declared(views.sitemap_index, "/sitemap.xml")
    assert archive <= _declared(views.sitemap_news, "/sitemaps/news.xml")
    assert archive <= _declared(
        views.sitemap_month, "/sitemaps/articles-2024-09.xml", name="articles-2024-09"
    )
    pages = _declared(views.sitemap_pages, "/sitemaps/pages.xml")
    assert {keys.PEOPLE, keys.PROGRAMMES, keys.menu(site), *archive} <= pages
    assert keys.section(newsroom.news.pk) in pages
    assert keys.page("frontpage.frontpage", newsroom.news.get_parent().pk) in pages


def test_an_article_filed_with_a_guest_only_names_the_guest_once_published(
    client, newsroom, urlset_schema
):
    newcomer = Person.objects.create(name="First Timer", slug="first-timer")
    article = add_article(newsroom.news, "Debut", NOW, people=[(newcomer, Role.GUEST, "")])
    assert "http://testserver/people/first-timer/" in locations(
        valid(urlset_schema, client.get("/sitemaps/pages.xml"))
    )
    article.unpublish()
    assert "http://testserver/people/first-timer/" not in locations(
        valid(urlset_schema, client.get("/sitemaps/pages.xml"))
    )
