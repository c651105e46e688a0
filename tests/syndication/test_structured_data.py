"""Structured data as search engines read it: each page's JSON-LD is put in a page with
``json_ld_script`` and extracted with extruct, then checked property by property."""

from __future__ import annotations

import datetime as dt
import json

import extruct
import pytest
from bs4 import BeautifulSoup
from django.core.management import call_command
from django.test import RequestFactory
from wagtail.models import Page, PageViewRestriction

from masthead.articles.models import ArticlePage, Role
from masthead.articles.queries import article_credits
from masthead.editions.current import edition_for_request
from masthead.policies.models import INDICATORS, PolicyPage, TrustPolicies
from masthead.syndication import queries, structured_data
from tests.conftest import NOW, add_article

BASE = "http://testserver"
POLICY_PROPERTIES = [
    "publishingPrinciples",
    "correctionsPolicy",
    "ethicsPolicy",
    "masthead",
    "ownershipFundingInfo",
    "actionableFeedbackPolicy",
    "diversityPolicy",
    "verificationFactCheckingPolicy",
    "unnamedSourcesPolicy",
    "noBylinesPolicy",
]


def extracted(script: str) -> list[dict]:
    """The JSON-LD items extruct finds in a page whose head holds ``script``."""
    page = f"<!doctype html><html><head><title>t</title>{script}</head><body><p>x</p></body></html>"
    return extruct.extract(page, base_url=BASE + "/", syntaxes=["json-ld"])["json-ld"]


def of_type(items: list[dict], schema_type: str) -> dict:
    [found] = [item for item in items if item.get("@type") == schema_type]
    return found


def reader_request():
    request = RequestFactory().get("/")
    return request, edition_for_request(request)


def add_policy(home: Page, title: str, slug: str) -> PolicyPage:
    page = PolicyPage(title=title, slug=slug, intro=f"How we handle {title.lower()}.")
    home.add_child(instance=page)
    page.save_revision().publish()
    page.refresh_from_db()
    return page


@pytest.fixture
def policies(newsroom) -> dict[str, PolicyPage]:
    """A policy page for every indicator, chosen in the edition's trust policies."""
    home = newsroom.news.get_parent()
    site = home.get_site()
    chosen = {
        indicator.schema_property: add_policy(home, indicator.field.replace("_", " "), slug)
        for indicator, slug in zip(INDICATORS, [f"policy-{i}" for i in range(10)], strict=True)
    }
    TrustPolicies.objects.create(
        site=site,
        **{i.field: chosen[i.schema_property] for i in INDICATORS},
    )
    return chosen


def article_items(article: ArticlePage, tags=()) -> list[dict]:
    request, edition = reader_request()
    article = ArticlePage.objects.select_related("main_image").get(pk=article.pk)
    script = queries.article_structured_data(
        request, edition, article, article_credits(article), tags
    )
    return extracted(script)


def test_an_interview_is_a_news_article_about_its_guest(newsroom, picture, policies):
    interview = newsroom.interview
    interview.main_image = picture
    interview.main_image_caption = "In the studio"
    interview.save_revision().publish()
    items = article_items(interview, tags=["diplomacy", "security"])
    article = of_type(items, "NewsArticle")
    url = f"{BASE}/politics/the-guest-explains-the-week/"

    assert article["@context"] == "https://schema.org"
    assert article["headline"] == "The guest explains the week"
    assert article["description"] == interview.lead
    assert article["url"] == url
    assert article["mainEntityOfPage"] == {"@type": "WebPage", "@id": url}
    assert article["datePublished"] == "2023-05-28T12:00:00+03:00"
    assert dt.datetime.fromisoformat(article["dateModified"]) >= interview.published_at
    assert article["dateline"] == "28 May, 2023 Sunday"
    assert article["articleSection"] == "Politics"
    assert article["inLanguage"] == "en"
    assert article["keywords"] == ["diplomacy", "security"]

    [image] = article["image"]
    assert image["@type"] == "ImageObject"
    assert image["url"].startswith(f"{BASE}/media/images/")
    assert (image["width"], image["height"]) == (1200, 675)
    assert image["caption"] == "In the studio"

    [author] = article["author"]
    assert author == {
        "@type": "Person",
        "name": "Maria Writer",
        "url": f"{BASE}/people/maria-writer/",
    }
    guest = {
        "@type": "Person",
        "name": "Taras Guest",
        "url": f"{BASE}/people/taras-guest/",
        "jobTitle": "Former adviser",  # held in this appearance, not his present "Analyst"
    }
    assert article["about"] == [guest]
    assert article["mentions"] == [guest]

    publisher = article["publisher"]
    assert publisher["@type"] == "NewsMediaOrganization"
    assert publisher["name"] == "Masthead. Global"
    assert publisher["url"] == f"{BASE}/"
    assert publisher["logo"] == {
        "@type": "ImageObject",
        "url": f"{BASE}/static/masthead/logo.png",
        "width": 512,
        "height": 512,
    }
    for name in POLICY_PROPERTIES:
        assert publisher[name] == f"{BASE}{policies[name].url}", name


def test_breadcrumbs_lead_from_home_to_section_to_article(newsroom):
    trail = of_type(article_items(newsroom.interview), "BreadcrumbList")["itemListElement"]
    assert trail == [
        {"@type": "ListItem", "position": 1, "name": "Masthead. Global", "item": f"{BASE}/"},
        {"@type": "ListItem", "position": 2, "name": "Politics", "item": f"{BASE}/politics/"},
        {
            "@type": "ListItem",
            "position": 3,
            "name": "The guest explains the week",
            "item": f"{BASE}/politics/the-guest-explains-the-week/",
        },
    ]


@pytest.mark.parametrize(
    ("kind", "schema_type"),
    [
        ("news", "NewsArticle"),
        ("opinion", "OpinionNewsArticle"),
        ("analysis", "AnalysisNewsArticle"),
        ("interview", "NewsArticle"),
    ],
)
def test_each_kind_of_article_has_its_type(newsroom, kind, schema_type):
    article = add_article(
        newsroom.news,
        f"A {kind}",
        NOW,
        kind=kind,
        people=[(newsroom.author, Role.AUTHOR, "Columnist")],
    )
    found = of_type(article_items(article), schema_type)
    assert found["author"][0]["jobTitle"] == "Columnist"
    assert "about" not in found  # an interview without a guest names nobody


def test_an_article_without_a_byline_is_the_editions_own(newsroom):
    found = of_type(article_items(newsroom.items[1]), "NewsArticle")
    [author] = found["author"]
    assert author["@type"] == "NewsMediaOrganization"
    assert author["name"] == "Masthead. Global"
    assert "description" not in found  # no lead
    assert "image" not in found


def test_a_person_page_is_a_profile_page(newsroom, picture):
    guest = newsroom.guest
    guest.photo = picture
    guest.bio = "Taras studies wars."
    guest.save()
    request, _ = reader_request()
    same_as = ["https://example.org/@taras"]
    profile = of_type(
        extracted(queries.person_structured_data(request, guest, same_as)), "ProfilePage"
    )
    assert profile["url"] == f"{BASE}/people/taras-guest/"
    person = profile["mainEntity"]
    assert person["@type"] == "Person"
    assert person["name"] == "Taras Guest"
    assert person["jobTitle"] == "Analyst"
    assert person["description"] == "Taras studies wars."
    assert person["sameAs"] == same_as
    assert person["image"]["@type"] == "ImageObject"
    assert person["image"]["url"].startswith(f"{BASE}/media/images/")
    assert person["image"]["width"] == 240


def test_the_home_page_is_the_website_and_its_organisation(newsroom, policies):
    request, edition = reader_request()
    items = extracted(queries.home_structured_data(request, edition))
    website = of_type(items, "WebSite")
    organisation = of_type(items, "NewsMediaOrganization")
    assert website["name"] == "Masthead. Global"
    assert website["url"] == f"{BASE}/"
    assert website["publisher"] == {"@id": organisation["@id"]}
    assert organisation["logo"]["@type"] == "ImageObject"
    assert set(POLICY_PROPERTIES) <= set(organisation)


def test_json_ld_script_is_safe_inside_html():
    hostile = {"headline": "</script><script>alert(1)</script> <!-- & \u2028 \u2029 >"}
    html = f"<html><head>{structured_data.json_ld_script(hostile)}</head><body></body></html>"
    scripts = BeautifulSoup(html, "html.parser").find_all("script")
    assert len(scripts) == 1
    assert scripts[0]["type"] == "application/ld+json"
    text = scripts[0].string
    assert "</" not in text and "<!--" not in text
    assert "\u2028" not in text and "\u2029" not in text
    assert json.loads(text) == hostile
    assert extracted(structured_data.json_ld_script(hostile)) == [hostile]


# ---------------------------------------------------------------------------------------------
# The publisher links only to policy pages readers can see.


def _unpublish(page: PolicyPage) -> None:
    page.unpublish()


def _draft(page: PolicyPage) -> None:
    PolicyPage.objects.filter(pk=page.pk).update(live=False, has_unpublished_changes=True)


def _schedule(page: PolicyPage) -> None:
    page.unpublish()
    page.go_live_at = NOW + dt.timedelta(days=1)
    page.save_revision().publish()


def _expire(page: PolicyPage) -> None:
    PolicyPage.objects.filter(pk=page.pk).update(expire_at=NOW - dt.timedelta(minutes=1))
    call_command("publish_scheduled", verbosity=0)


def _restrict(page: PolicyPage) -> None:
    PageViewRestriction.objects.create(page=page, restriction_type="login")


@pytest.mark.parametrize(
    "hide",
    [_unpublish, _draft, _schedule, _expire, _restrict],
    ids=["unpublished", "draft", "scheduled", "expired", "restricted"],
)
def test_a_policy_page_readers_cannot_see_is_not_linked(newsroom, policies, hide):
    hidden = policies["ethicsPolicy"]
    hide(hidden)
    assert (
        not PolicyPage.objects.filter(pk=hidden.pk, live=True)
        .exclude(view_restrictions__isnull=False)
        .exists()
    )
    request, edition = reader_request()
    organisation = of_type(
        extracted(queries.home_structured_data(request, edition)), "NewsMediaOrganization"
    )
    assert "ethicsPolicy" not in organisation
    assert organisation["correctionsPolicy"] == f"{BASE}{policies['correctionsPolicy'].url}"


# ---------------------------------------------------------------------------------------------
# Query budgets


def test_structured_data_costs_a_fixed_number_of_queries(
    newsroom, picture, policies, django_assert_num_queries
):
    newsroom.interview.main_image = picture
    newsroom.interview.save_revision().publish()
    request, edition = reader_request()
    interview = ArticlePage.objects.select_related("main_image").get(pk=newsroom.interview.pk)
    credits = article_credits(interview)
    # The section, and the trust policies' pages, read once and kept under the edition's key;
    # the lead rendition comes from Wagtail's rendition cache, which keeps it from when it was
    # made.
    with django_assert_num_queries(2):
        queries.article_structured_data(request, edition, interview, credits)
    with django_assert_num_queries(1):  # the section
        queries.article_structured_data(request, edition, interview, credits)
    with django_assert_num_queries(0):
        queries.home_structured_data(request, edition)
    with django_assert_num_queries(0):
        queries.person_structured_data(request, newsroom.guest)
