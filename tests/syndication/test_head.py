"""The head of every reader page, parsed as crawlers and link previews read it: one meta
description, the canonical address, Open Graph and Twitter card tags, hreflang alternates,
the icons, the feeds it follows, and its structured data (extracted with extruct)."""

from __future__ import annotations

import datetime as dt

import extruct
import pytest
from bs4 import BeautifulSoup
from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.cache import cache
from django.test import override_settings
from wagtail.models import Locale, Site

from masthead.articles.models import ArticlePage
from masthead.editions.models import Edition
from masthead.feed.cursor import Cursor
from masthead.frontpage.models import FrontPage
from masthead.people.models import Person
from masthead.policies.models import PolicyPage, TrustPolicies
from masthead.syndication.icons import APPLE_TOUCH_ICON, FAVICON
from tests.conftest import NOW, add_article, publish
from tests.syndication.conftest import parsed_feed

BASE = "http://testserver"
INTERVIEW = "/politics/the-guest-explains-the-week/"
PAGES = {
    "front page": "/",
    "section": "/news/",
    "interview": INTERVIEW,
    "news item": "/news/news-item-number-0/",
    "person": "/people/taras-guest/",
    "programme": "/programmes/evening-studio/",
    "tag": "/tags/diplomacy/",
    "latest": "/latest/",
    "people": "/people/",
    "programmes": "/programmes/",
}
EDITION_FEEDS = [
    ("application/rss+xml", "/feeds/rss/"),
    ("application/atom+xml", "/feeds/atom/"),
    ("application/feed+json", "/feeds/json/"),
]


def head_of(client, url: str) -> BeautifulSoup:
    response = client.get(url)
    assert response.status_code == 200, url
    return BeautifulSoup(response.content, "html.parser").head


def meta(head: BeautifulSoup, **attrs: str) -> str:
    """The content of the one ``<meta>`` with these attributes."""
    [found] = head.find_all("meta", attrs=attrs)
    return found["content"]


def items_of(client, url: str) -> list[dict]:
    """The JSON-LD items of the page, as extruct finds them."""
    html = client.get(url).content.decode()
    return extruct.extract(html, base_url=BASE + url, syntaxes=["json-ld"])["json-ld"]


def of_type(items: list[dict], schema_type: str) -> dict:
    [found] = [item for item in items if item.get("@type") == schema_type]
    return found


def test_every_reader_page_is_given_its_head():
    [jinja2] = [engine for engine in settings.TEMPLATES if engine["BACKEND"].endswith("Jinja2")]
    processors = jinja2["OPTIONS"]["context_processors"]
    assert "masthead.syndication.context_processors.head" in processors, (
        "add masthead.syndication.context_processors.head to the Jinja2 engine's context "
        "processors (masthead/settings/base.py)"
    )


# ---------------------------------------------------------------------------------------------
# Description, canonical address, link previews


@pytest.mark.parametrize("name", list(PAGES))
def test_every_page_has_one_description_a_canonical_address_and_a_preview(client, newsroom, name):
    url = PAGES[name]
    head = head_of(client, url)
    description = meta(head, name="description")
    assert description.strip()
    [canonical] = head.find_all("link", rel="canonical")
    assert canonical["href"] == BASE + url
    assert meta(head, property="og:url") == BASE + url
    assert meta(head, property="og:site_name") == "Masthead. Global"
    assert meta(head, property="og:description") == description
    assert meta(head, property="og:locale") == "en"
    assert meta(head, property="og:title")
    assert meta(head, property="og:image").startswith(BASE + "/")
    assert int(meta(head, property="og:image:width")) > 0
    assert int(meta(head, property="og:image:height")) > 0
    assert meta(head, name="twitter:card") in {"summary", "summary_large_image"}


def test_a_page_describes_itself_and_the_edition_stands_in_for_the_rest(client, newsroom):
    assert meta(head_of(client, INTERVIEW), name="description") == newsroom.interview.lead
    # The front page says nothing of its own: the edition's tagline, else its brand.
    assert meta(head_of(client, "/"), name="description") == "Masthead. Global"
    edition = Edition.for_site(Site.objects.get(is_default_site=True))
    edition.tagline = "News around the clock."
    edition.save()
    assert meta(head_of(client, "/"), name="description") == "News around the clock."
    # An editor's search description wins over the lead.
    article = ArticlePage.objects.get(pk=newsroom.interview.pk)
    article.search_description = "What the guest said about the week."
    publish(article)
    assert meta(head_of(client, INTERVIEW), name="description") == article.search_description


def test_an_article_is_previewed_with_its_lead_picture(client, newsroom, picture):
    article = ArticlePage.objects.get(pk=newsroom.interview.pk)
    article.main_image = picture
    article.main_image_caption = "In the studio"
    publish(article)
    head = head_of(client, INTERVIEW)
    assert meta(head, property="og:type") == "article"
    assert meta(head, property="og:title") == "The guest explains the week"
    assert meta(head, property="og:image").startswith(f"{BASE}/media/images/")
    assert meta(head, property="og:image:width") == "1200"
    assert meta(head, property="og:image:height") == "675"
    assert meta(head, property="og:image:alt") == "In the studio"
    assert meta(head, name="twitter:card") == "summary_large_image"
    published = dt.datetime.fromisoformat(meta(head, property="article:published_time"))
    assert published == newsroom.interview.published_at


def test_a_page_without_a_picture_is_previewed_with_the_logo(client, newsroom):
    head = head_of(client, "/news/")
    assert meta(head, property="og:type") == "website"
    assert meta(head, property="og:title") == "News"
    assert meta(head, property="og:image") == f"{BASE}/static/masthead/logo.png"
    assert (meta(head, property="og:image:width"), meta(head, property="og:image:height")) == (
        "512",
        "512",
    )
    assert meta(head, name="twitter:card") == "summary"


def test_a_deeper_page_of_a_listing_is_its_own_canonical_page_and_other_queries_are_not(
    client, newsroom
):
    item = newsroom.items[5]
    older = f"?before={Cursor(item.published_at, item.pk)}"
    head = head_of(client, "/news/" + older + "&utm_source=newsletter")
    assert head.find("link", rel="canonical")["href"] == BASE + "/news/" + older
    tracked = head_of(client, INTERVIEW + "?utm_source=newsletter&full=1")
    assert tracked.find("link", rel="canonical")["href"] == BASE + INTERVIEW


def test_a_page_not_found_names_no_canonical_address(client, newsroom):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    head = BeautifulSoup(response.content, "html.parser").head
    assert head.find("link", rel="canonical") is None
    assert meta(head, name="description")


# ---------------------------------------------------------------------------------------------
# Icons and feeds


def test_every_page_names_its_icons_and_the_sitemap(client, newsroom):
    head = head_of(client, "/")
    assert head.find("link", rel="sitemap")["href"] == "/sitemap.xml"
    assert head.find("link", rel="icon")["href"] == "/static/" + FAVICON
    assert head.find("link", rel="apple-touch-icon")["href"] == "/static/" + APPLE_TOUCH_ICON
    assert finders.find(FAVICON) and finders.find(APPLE_TOUCH_ICON)


def test_the_favicon_answers_at_the_root_and_may_be_cached(client, db):
    response = client.get("/favicon.ico")
    assert response.status_code == 200
    assert response["Content-Type"] == "image/vnd.microsoft.icon"
    with open(finders.find(FAVICON), "rb") as icon:
        assert response.content == icon.read()
    assert response.content[:4] == b"\x00\x00\x01\x00"  # an ICO file's header
    assert "public" in response["Cache-Control"]


def feed_links(head: BeautifulSoup) -> list[tuple[str, str]]:
    return [(link["type"], link["href"]) for link in head.find_all("link", rel="alternate")]


@pytest.mark.parametrize(
    ("url", "own"),
    [
        ("/", []),
        ("/latest/", []),
        (INTERVIEW, []),
        ("/news/", ["/feeds/sections/news/rss/", "/feeds/sections/news/atom/"]),
        ("/tags/diplomacy/", ["/feeds/tags/diplomacy/rss/", "/feeds/tags/diplomacy/atom/"]),
        (
            "/people/taras-guest/",
            ["/feeds/people/taras-guest/rss/", "/feeds/people/taras-guest/atom/"],
        ),
        (
            "/programmes/evening-studio/",
            ["/feeds/programmes/evening-studio/rss/", "/feeds/programmes/evening-studio/atom/"],
        ),
    ],
)
def test_every_page_leads_to_the_editions_feeds_and_its_own(client, newsroom, url, own):
    found = feed_links(head_of(client, url))
    assert found == [
        *EDITION_FEEDS,
        *(
            ("application/rss+xml" if f.endswith("/rss/") else "application/atom+xml", f)
            for f in own
        ),
    ]
    titles = [link["title"] for link in head_of(client, url).find_all("link", rel="alternate")]
    assert all(title.endswith(("(RSS)", "(Atom)", "(JSON Feed)")) for title in titles)
    for kind, href in found:
        if kind == "application/feed+json":
            assert client.get(href).json()["version"].startswith("https://jsonfeed.org/")
        else:
            assert parsed_feed(client, href).entries


# ---------------------------------------------------------------------------------------------
# Translations


@pytest.fixture
def translated(newsroom):
    """The edition's home page, both sections and the interview translated into Ukrainian and
    published; a news item translated but never published."""
    ukrainian = Locale.objects.get(language_code="uk")
    publish(FrontPage.objects.get().copy_for_translation(ukrainian))
    publish(newsroom.politics.copy_for_translation(ukrainian))
    publish(newsroom.news.copy_for_translation(ukrainian))
    interview_uk = newsroom.interview.copy_for_translation(ukrainian)
    interview_uk.slug = "gist-poyasnyuye-tyzhden"
    publish(interview_uk)
    newsroom.items[0].copy_for_translation(ukrainian)  # a draft
    cache.clear()  # the editions snapshot, now with the Ukrainian home page
    return interview_uk


def hreflangs(head: BeautifulSoup) -> dict[str, str]:
    return {link["hreflang"]: link["href"] for link in head.find_all("link", hreflang=True)}


def test_a_translated_page_names_every_version_and_the_default(client, translated):
    # At the addresses Wagtail gives them (the links inside articles use the same).
    assert hreflangs(head_of(client, INTERVIEW)) == {
        "en": BASE + INTERVIEW,
        "uk": f"{BASE}/politics/gist-poyasnyuye-tyzhden/",
        "x-default": BASE + INTERVIEW,
    }
    assert translated.get_full_url() == "http://localhost/politics/gist-poyasnyuye-tyzhden/"


def test_pages_without_a_live_translation_name_none(client, translated):
    assert hreflangs(head_of(client, "/news/news-item-number-0/")) == {}  # a draft only
    assert hreflangs(head_of(client, "/people/taras-guest/")) == {}  # not a page of the tree


def test_an_edition_without_translations_asks_nothing_for_them(
    built_pages, client, newsroom, django_assert_num_queries
):
    with override_settings(MASTHEAD_FRAGMENT_CACHE=True):
        client.get("/news/")
        with django_assert_num_queries(2):  # the route and the listing, as before
            assert hreflangs(head_of(client, "/news/")) == {}


# ---------------------------------------------------------------------------------------------
# Structured data in the pages


@pytest.fixture
def policies(newsroom) -> dict[str, PolicyPage]:
    home = FrontPage.objects.get()
    ethics = publish(home.add_child(instance=PolicyPage(title="Ethics", slug="ethics")))
    corrections = publish(home.add_child(instance=PolicyPage(title="Fixes", slug="corrections")))
    TrustPolicies.objects.create(
        site=Site.objects.get(is_default_site=True),
        ethics_policy=ethics,
        corrections_policy=corrections,
    )
    return {"ethicsPolicy": ethics, "correctionsPolicy": corrections}


@pytest.mark.parametrize("cached", [False, True], ids=["built", "from the cache"])
def test_an_article_page_carries_its_news_article_and_breadcrumbs(
    client, newsroom, policies, cached
):
    with override_settings(MASTHEAD_FRAGMENT_CACHE=cached):
        client.get(INTERVIEW)
        items = items_of(client, INTERVIEW)
    article = of_type(items, "NewsArticle")
    assert article["headline"] == "The guest explains the week"
    assert article["url"] == BASE + INTERVIEW
    assert article["articleSection"] == "Politics"
    assert article["keywords"] == ["diplomacy", "security"]
    assert [guest["name"] for guest in article["about"]] == ["Taras Guest"]
    assert article["publisher"]["ethicsPolicy"] == f"{BASE}/ethics/"
    assert article["publisher"]["correctionsPolicy"] == f"{BASE}/corrections/"
    trail = of_type(items, "BreadcrumbList")["itemListElement"]
    assert [(crumb["name"], crumb["item"]) for crumb in trail] == [
        ("Masthead. Global", f"{BASE}/"),
        ("Politics", f"{BASE}/politics/"),
        ("The guest explains the week", BASE + INTERVIEW),
    ]


@pytest.mark.parametrize(
    ("kind", "schema_type"),
    [
        ("news", "NewsArticle"),
        ("opinion", "OpinionNewsArticle"),
        ("analysis", "AnalysisNewsArticle"),
    ],
)
def test_each_kind_of_article_page_has_its_type(client, newsroom, kind, schema_type):
    add_article(newsroom.news, f"A {kind} piece", NOW, kind=kind)
    article = of_type(items_of(client, f"/news/a-{kind}-piece/"), schema_type)
    assert article["headline"] == f"A {kind} piece"


def test_the_front_page_is_the_website_and_its_publisher(client, newsroom, policies):
    items = items_of(client, "/")
    website = of_type(items, "WebSite")
    publisher = of_type(items, "NewsMediaOrganization")
    assert website["url"] == f"{BASE}/"
    assert website["publisher"] == {"@id": publisher["@id"]}
    assert publisher["ethicsPolicy"] == f"{BASE}/ethics/"
    assert publisher["correctionsPolicy"] == f"{BASE}/corrections/"
    assert "diversityPolicy" not in publisher  # no page chosen for it


def test_a_section_page_carries_its_breadcrumbs(client, newsroom):
    trail = of_type(items_of(client, "/news/"), "BreadcrumbList")["itemListElement"]
    assert [(crumb["position"], crumb["name"], crumb["item"]) for crumb in trail] == [
        (1, "Masthead. Global", f"{BASE}/"),
        (2, "News", f"{BASE}/news/"),
    ]


def test_a_person_page_is_their_profile_with_their_profiles_elsewhere(client, newsroom):
    guest = Person.objects.get(pk=newsroom.guest.pk)
    guest.profiles = (
        "https://example.org/@taras\n\n  https://taras.example/  \nnot an address\n"
        "https://example.org/@taras\n"
    )
    guest.save()
    assert guest.same_as == ["https://example.org/@taras", "https://taras.example/"]
    profile = of_type(items_of(client, "/people/taras-guest/"), "ProfilePage")
    assert profile["url"] == f"{BASE}/people/taras-guest/"
    assert profile["mainEntity"]["name"] == "Taras Guest"
    assert profile["mainEntity"]["sameAs"] == guest.same_as
    head = head_of(client, "/people/taras-guest/")
    assert meta(head, property="og:type") == "profile"


def test_a_person_without_profiles_has_no_same_as(client, newsroom):
    profile = of_type(items_of(client, "/people/maria-writer/"), "ProfilePage")
    assert "sameAs" not in profile["mainEntity"]


def test_editors_write_a_persons_profiles_in_the_admin(admin_client, newsroom):
    response = admin_client.get(f"/admin/snippets/people/person/edit/{newsroom.guest.pk}/")
    assert response.status_code == 200
    form = BeautifulSoup(response.content, "html.parser")
    assert form.find("textarea", attrs={"name": "profiles"}) is not None


# ---------------------------------------------------------------------------------------------
# What the structured data shows, kept up to date. The rendered article (its structured data
# included) is kept until its own key or its edition's changes; these changes need the
# invalidation map (masthead/serving/invalidation.py) to emit those keys.


def publisher_in(client, url: str, schema_type: str = "NewsArticle") -> dict:
    found = of_type(items_of(client, url), schema_type)
    return found if schema_type == "NewsMediaOrganization" else found["publisher"]


def test_choosing_another_policy_page_shows_in_every_page(client, newsroom, policies):
    for url, schema_type in [(INTERVIEW, "NewsArticle"), ("/", "NewsMediaOrganization")]:
        assert publisher_in(client, url, schema_type)["ethicsPolicy"] == f"{BASE}/ethics/"
    setting = TrustPolicies.objects.get()
    setting.ethics_policy = policies["correctionsPolicy"]
    setting.save()
    for url, schema_type in [(INTERVIEW, "NewsArticle"), ("/", "NewsMediaOrganization")]:
        assert publisher_in(client, url, schema_type)["ethicsPolicy"] == f"{BASE}/corrections/"


def test_a_policy_page_that_goes_shows_in_every_article(client, newsroom, policies):
    assert publisher_in(client, INTERVIEW)["ethicsPolicy"] == f"{BASE}/ethics/"
    policies["ethicsPolicy"].unpublish()
    assert "ethicsPolicy" not in publisher_in(client, INTERVIEW)


def test_renaming_a_section_shows_in_its_articles_breadcrumbs(client, newsroom):
    article = of_type(items_of(client, INTERVIEW), "NewsArticle")
    assert article["articleSection"] == "Politics"
    newsroom.politics.title = "Government"
    publish(newsroom.politics)
    article = of_type(items_of(client, INTERVIEW), "NewsArticle")
    assert article["articleSection"] == "Government"


def test_an_articles_corrections_and_credits_by_role_are_in_its_structured_data(client, newsroom):
    from masthead.articles.models import Appearance, Correction, Role

    translator = Person.objects.create(name="Lesia Words", slug="lesia-words")
    photographer = Person.objects.create(name="Petro Lens", slug="petro-lens")
    interview = newsroom.interview
    interview.appearances.add(Appearance(person=translator, role=Role.TRANSLATOR))
    interview.appearances.add(Appearance(person=newsroom.author, role=Role.EDITOR))
    interview.appearances.add(Appearance(person=photographer, role=Role.PHOTO))
    noted = dt.datetime(2024, 9, 21, 11, 32, tzinfo=dt.UTC)
    interview.corrections.add(Correction(noted_at=noted, text="The guest's title was wrong."))
    publish(interview)
    article = of_type(items_of(client, INTERVIEW), "NewsArticle")
    people = {
        prop: [(p["@type"], p["name"], p["url"]) for p in article[prop]]
        for prop in ("author", "translator", "editor", "contributor")
    }
    assert people == {
        "author": [("Person", "Maria Writer", f"{BASE}/people/maria-writer/")],
        "translator": [("Person", "Lesia Words", f"{BASE}/people/lesia-words/")],
        "editor": [("Person", "Maria Writer", f"{BASE}/people/maria-writer/")],
        "contributor": [("Person", "Petro Lens", f"{BASE}/people/petro-lens/")],
    }
    (correction,) = article["correction"]
    assert correction["@type"] == "CorrectionComment"
    assert correction["text"] == "The guest's title was wrong."
    assert dt.datetime.fromisoformat(correction["datePublished"]) == noted


def test_an_article_without_corrections_has_no_correction_property(client, newsroom):
    assert "correction" not in of_type(items_of(client, INTERVIEW), "NewsArticle")
