"""Programmes in the admin: a slug made from the title, and a title with a stated limit."""

from __future__ import annotations

import pytest

from masthead.programmes.models import Programme
from tests.editing.admin_forms import error_banner, form_values, page_of

pytestmark = pytest.mark.django_db

ADD = "/admin/snippets/programmes/programme/add/"


def add_programme(admin_client, **changes):
    form = admin_client.get(ADD)
    changes = {"hosts-TOTAL_FORMS": "0", **changes}
    return admin_client.post(ADD, form_values(form, "w-editor-form", **changes))


@pytest.mark.parametrize(
    ("title", "slug"),
    [("Evening Studio", "evening-studio"), ("Вечірня студія", "вечірня-студія")],
)
def test_a_slug_left_empty_is_made_from_the_title(admin_client, title, slug):
    assert add_programme(admin_client, title=title, slug="").status_code == 302
    programme = Programme.objects.get()
    assert programme.slug == slug
    assert admin_client.get(programme.get_absolute_url()).status_code == 200


def test_a_slug_made_from_the_title_is_unique(admin_client):
    Programme.objects.create(title="Evening Studio", slug="evening-studio")
    assert add_programme(admin_client, title="Evening Studio", slug="").status_code == 302
    assert Programme.objects.filter(slug="evening-studio-2").exists()


def test_the_title_fills_the_slug_and_is_counted(admin_client):
    title = page_of(admin_client.get(ADD)).get_element_by_id("id_title")
    assert title.get("data-controller").split() == ["masthead-character-count", "w-sync"]
    assert title.get("data-masthead-character-count-limit-value") == "120"
    assert title.get("maxlength") is None


def test_a_title_over_the_limit_is_refused_with_the_limit_named(admin_client):
    response = add_programme(admin_client, title="t" * 150, slug="")
    assert response.status_code == 200
    assert not Programme.objects.exists()
    assert error_banner(response) == [
        "Title: The title is 150 characters long; the limit is 120. Shorten the title."
    ]
