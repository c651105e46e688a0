"""Policy pages (the newsroom's published standards) and the trust policies that say which page
answers each Trust Project indicator."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup
from django.test import RequestFactory
from wagtail.models import Page, Site

from masthead.editions.current import edition_for_request
from masthead.frontpage.models import FrontPage
from masthead.policies.models import INDICATORS, PolicyPage, TrustPolicies
from masthead.policies.trust import kept_trust_policy_paths, trust_policy_paths
from tests.conftest import publish


def add_policy(home: Page, title: str, slug: str, **fields) -> PolicyPage:
    page = PolicyPage(title=title, slug=slug, **fields)
    home.add_child(instance=page)
    return publish(page)


@pytest.fixture
def home(newsroom) -> FrontPage:
    return FrontPage.objects.get()


@pytest.fixture
def ethics(home, newsroom) -> PolicyPage:
    return add_policy(
        home,
        "Ethics policy",
        "ethics",
        intro="What we will and will not do to get a story.",
        body=(
            "<h2>Sources</h2>"
            f'<p>See our <a linktype="page" id="{newsroom.politics.pk}">politics desk</a>.</p>'
        ),
    )


def edition():
    return edition_for_request(RequestFactory().get("/"))


def test_a_policy_page_is_served_at_its_address(client, ethics):
    response = client.get("/ethics/")
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    assert soup.title.get_text() == "Ethics policy — Masthead. Global"
    assert soup.find("meta", attrs={"name": "description"})["content"] == ethics.intro
    policy = soup.select_one("main article.policy")
    assert policy.h1.get_text() == "Ethics policy"
    assert policy.select_one(".lead").get_text() == ethics.intro
    assert policy.select_one(".policy-body h2").get_text() == "Sources"
    assert policy.select_one(".policy-body a")["href"] == "/politics/"
    updated = policy.select_one(".dateline time")
    assert updated["datetime"] == "2024-09-20T18:00:00+03:00"
    assert updated.get_text() == "20 September, 2024 Friday"


def test_a_policy_page_query_budget(built_pages, client, ethics, django_assert_num_queries):
    client.get("/ethics/")
    # The route and the page its body links to; the sections menu is a shared value, kept.
    with django_assert_num_queries(2):
        assert client.get("/ethics/").status_code == 200


def test_policy_pages_live_under_the_front_page_and_have_no_children():
    assert PolicyPage.parent_page_types == ["frontpage.FrontPage"]
    assert PolicyPage.subpage_types == []
    assert PolicyPage.allowed_subpage_models() == []


def test_indicators_name_every_field_of_the_setting_once():
    fields = {
        f.name for f in TrustPolicies._meta.get_fields() if f.is_relation and f.name != "site"
    }
    assert [i.field for i in INDICATORS] == [
        "publishing_principles",
        "corrections_policy",
        "ethics_policy",
        "masthead_page",
        "ownership_funding",
        "actionable_feedback_policy",
        "diversity_policy",
        "verification_policy",
        "unnamed_sources_policy",
        "no_bylines_policy",
    ]
    assert fields == {i.field for i in INDICATORS}


def test_trust_policy_paths_name_the_chosen_pages(home, ethics, django_assert_num_queries):
    corrections = add_policy(home, "Corrections", "corrections")
    TrustPolicies.objects.create(
        site=Site.objects.get(is_default_site=True),
        ethics_policy=ethics,
        corrections_policy=corrections,
        no_bylines_policy=corrections,
    )
    current = edition()
    with django_assert_num_queries(1):  # the setting and its pages, as annotations of one row
        paths = trust_policy_paths(current)
    assert list(paths.items()) == [
        ("correctionsPolicy", "/corrections/"),
        ("ethicsPolicy", "/ethics/"),
        ("noBylinesPolicy", "/corrections/"),
    ]


def test_no_trust_policies_yet(newsroom, django_assert_num_queries):
    current = edition()
    with django_assert_num_queries(1):
        assert trust_policy_paths(current) == {}


def test_the_trust_policies_are_kept_until_a_change_to_them_or_their_pages(
    home, ethics, django_assert_num_queries
):
    policies = TrustPolicies.objects.create(
        site=Site.objects.get(is_default_site=True), ethics_policy=ethics
    )
    current = edition()
    assert kept_trust_policy_paths(current) == {"ethicsPolicy": "/ethics/"}
    with django_assert_num_queries(0):
        assert kept_trust_policy_paths(current) == {"ethicsPolicy": "/ethics/"}
    policies.corrections_policy = ethics
    policies.save()
    assert kept_trust_policy_paths(current) == {
        "correctionsPolicy": "/ethics/",
        "ethicsPolicy": "/ethics/",
    }
    ethics.unpublish()
    assert kept_trust_policy_paths(current) == {}


def test_a_policy_page_of_another_edition_is_not_linked(home, ethics):
    other_home = Page.get_first_root_node().add_child(
        instance=FrontPage(title="Other edition", slug="other-edition")
    )
    elsewhere = add_policy(other_home, "Their ethics", "their-ethics")
    Site.objects.create(hostname="other.example", root_page=other_home)
    TrustPolicies.objects.create(
        site=Site.objects.get(is_default_site=True),
        ethics_policy=elsewhere,
        corrections_policy=ethics,
    )
    assert trust_policy_paths(edition()) == {"correctionsPolicy": "/ethics/"}


def test_editors_choose_the_pages_in_the_settings(admin_client, home, ethics):
    site = Site.objects.get(is_default_site=True)
    url = f"/admin/settings/policies/trustpolicies/{site.pk}/"
    form = admin_client.get(url)
    assert form.status_code == 200
    soup = BeautifulSoup(form.content, "html.parser")
    assert {f"id_{i.field}" for i in INDICATORS} <= {
        tag.get("id") for tag in soup.find_all("input")
    }
    response = admin_client.post(url, {"ethics_policy": ethics.pk})
    assert response.status_code == 302
    assert TrustPolicies.for_site(site).ethics_policy_id == ethics.pk
