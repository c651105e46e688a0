"""The article's form in the admin: a headline with a stated limit, a live counter and a clear
error rather than a cut; a slug made from the headline on the server when the browser sent none;
the publication time set at the first publish."""

from __future__ import annotations

import datetime as dt

import pytest

from masthead.articles.models import HEADLINE_MAX_LENGTH, ArticlePage
from tests.conftest import add_article, add_section
from tests.editing.admin_forms import error_banner, form_values, page_of

pytestmark = pytest.mark.django_db

NOW = dt.datetime(2024, 9, 20, 15, 0, tzinfo=dt.UTC)
PUBLISH = {"action-publish": "action-publish", "body-count": "0"}


@pytest.fixture
def news():
    return add_section("News")


def add_url(section) -> str:
    return f"/admin/pages/add/articles/articlepage/{section.pk}/"


def create(admin_client, section, **changes):
    form = admin_client.get(add_url(section))
    return admin_client.post(add_url(section), form_values(form, "page-edit-form", **changes))


def test_the_headline_states_its_limit_and_is_counted_not_cut(admin_client, news):
    document = page_of(admin_client.get(add_url(news)))
    title = document.get_element_by_id("id_title")
    assert title.get("maxlength") is None  # a browser would cut a paste there without a word
    assert title.get("data-controller").split() == ["masthead-character-count", "w-sync"]
    assert title.get("data-masthead-character-count-limit-value") == str(HEADLINE_MAX_LENGTH)
    assert "input->masthead-character-count#update" in title.get("data-action").split()
    help_text = document.get_element_by_id(title.get("aria-describedby"))
    assert f"Up to {HEADLINE_MAX_LENGTH} characters" in help_text.text_content()
    scripts = document.xpath("//script/@src")
    assert any(src.endswith("editing/character_count.js") for src in scripts)


def test_a_headline_over_the_limit_is_refused_with_the_limit_named(admin_client, news):
    response = create(admin_client, news, title="x" * 2000, **PUBLISH)
    assert response.status_code == 200
    assert not ArticlePage.objects.exists()
    message = "The headline is 2000 characters long; the limit is 255. Shorten the headline."
    field_errors = page_of(response).get_element_by_id("panel-child-content-child-title-errors")
    shown = field_errors.xpath(".//*[contains(@class, 'error-message')]")
    assert [" ".join(e.text_content().split()) for e in shown] == [message]
    assert error_banner(response) == [f"Headline (Content tab): {message}"]


def test_a_headline_at_the_limit_is_taken_whole(admin_client, news):
    response = create(admin_client, news, title="y" * 255, **PUBLISH)
    assert response.status_code == 302
    assert len(ArticlePage.objects.get().title) == 255


@pytest.mark.parametrize(
    ("headline", "slug"),
    [
        ("Parliament passes the budget", "parliament-passes-the-budget"),
        ("Парламент ухвалив бюджет", "парламент-ухвалив-бюджет"),
        ("!!!", "article"),  # a headline that gives no slug still saves
    ],
)
def test_a_slug_left_empty_is_made_from_the_headline(admin_client, news, headline, slug):
    response = create(admin_client, news, title=headline, slug="", **PUBLISH)
    assert response.status_code == 302
    assert ArticlePage.objects.get().slug == slug


def test_a_slug_made_from_the_headline_is_unique_among_its_siblings(admin_client, news):
    add_article(news, "The vote", NOW, slug="the-vote")
    add_article(news, "The vote again", NOW, slug="the-vote-2")
    politics = add_section("Politics")
    add_article(politics, "The vote", NOW, slug="the-vote-3")  # another parent: no matter
    response = create(admin_client, news, title="The vote", slug="", **PUBLISH)
    assert response.status_code == 302
    slugs = ArticlePage.objects.child_of(news).values_list("slug", flat=True)
    assert sorted(slugs) == ["the-vote", "the-vote-2", "the-vote-3"]


def test_the_first_save_of_a_draft_needs_no_slug(admin_client, news):
    response = create(admin_client, news, title="A first draft", slug="", **{"body-count": "0"})
    assert response.status_code == 302
    draft = ArticlePage.objects.get()
    assert (draft.slug, draft.live, draft.published_at) == ("a-first-draft", False, None)


def test_publication_time_is_the_first_publish_not_the_opening_of_the_form(
    admin_client, news, time_machine
):
    time_machine.move_to(NOW, tick=False)
    form = admin_client.get(add_url(news))
    time_machine.move_to(NOW + dt.timedelta(minutes=25), tick=False)
    data = form_values(form, "page-edit-form", title="Filed and published", **PUBLISH)
    assert data.get("published_at", "") == ""  # the form no longer fills it in
    assert admin_client.post(add_url(news), data).status_code == 302
    assert ArticlePage.objects.get().published_at == NOW + dt.timedelta(minutes=25)


def test_corrections_have_their_own_tab(admin_client, news):
    document = page_of(admin_client.get(add_url(news)))
    tabs = [tab.text.strip() for tab in document.xpath("//a[@role='tab']")]
    assert tabs[:3] == ["Content", "Corrections", "Promote"]
    assert document.xpath("//input[@name='corrections-TOTAL_FORMS']")
