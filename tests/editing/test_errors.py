"""The error banner of the admin's edit forms names each error's field and tab."""

from __future__ import annotations

import datetime as dt

import pytest
from django import forms
from lxml import html

from masthead.editing.errors import FieldError, form_errors
from masthead.editing.templatetags.editing_banner import _without_error_list
from tests.conftest import add_article, add_section
from tests.editing.admin_forms import error_banner, form_values

pytestmark = pytest.mark.django_db

NOW = dt.datetime(2024, 9, 20, 15, 0, tzinfo=dt.UTC)


@pytest.fixture
def news():
    return add_section("News")


def post_article(admin_client, section, **changes):
    url = f"/admin/pages/add/articles/articlepage/{section.pk}/"
    data = form_values(
        admin_client.get(url),
        "page-edit-form",
        **{"body-count": "0", "action-publish": "action-publish"},
        **changes,
    )
    return admin_client.post(url, data)


def test_an_error_on_another_tab_is_named_with_its_tab(admin_client, news):
    add_article(news, "The vote", NOW, slug="the-vote")
    response = post_article(admin_client, news, title="The vote", slug="the-vote")
    assert response.status_code == 200
    assert error_banner(response) == [
        "Slug (Promote tab): The slug 'the-vote' is already in use within the parent page."
    ]


def test_every_error_is_listed_in_the_order_of_the_form(admin_client, news):
    response = post_article(
        admin_client,
        news,
        title="",
        video_url="not an address",
        **{
            "corrections-TOTAL_FORMS": "1",
            "corrections-0-noted_at": "2024-09-20 10:00",
            "corrections-0-text": "",
        },
    )
    assert error_banner(response) == [
        "Headline (Content tab): This field is required.",
        "Video url (Content tab): Enter a valid URL.",
        "Corrections, Correction 1, Text (Corrections tab): This field is required.",
    ]


def test_a_form_without_tabs_names_the_field(admin_client):
    url = "/admin/snippets/people/person/add/"
    data = form_values(admin_client.get(url), "w-editor-form", name="n" * 121)
    response = admin_client.post(url, data)
    assert response.status_code == 200
    assert error_banner(response) == [
        "Name: The name is 121 characters long; the limit is 120. Shorten the name."
    ]


class Signup(forms.Form):
    name = forms.CharField()

    def clean(self):
        raise forms.ValidationError("The form as a whole is wrong.")


def test_errors_of_the_form_as_a_whole_come_without_a_field():
    form = Signup(data={"name": ""})
    errors = form_errors(form, None)
    assert errors == [
        FieldError("Name", None, "This field is required."),
        FieldError(None, None, "The form as a whole is wrong."),
    ]
    assert [str(e) for e in errors] == [
        "Name: This field is required.",
        "The form as a whole is wrong.",
    ]


def test_wagtails_own_list_gives_way_to_the_one_with_tabs():
    wagtail_message = (
        'The page could not be saved due to validation errors<span class="buttons"></span>'
        '<ul class="errorlist"><li>Slug: taken</li></ul>'
    )
    summary = html.fromstring(f"<div>{_without_error_list(wagtail_message)}</div>")
    assert summary.xpath("//ul") == []
    assert summary.xpath("//span/@class") == ["buttons"]
    assert summary.text_content() == "The page could not be saved due to validation errors"


def test_text_of_the_message_stays_text():
    summary = _without_error_list("Fish & <chips>")
    assert html.fromstring(f"<div>{summary}</div>").text_content() == "Fish & <chips>"
