"""People in the admin: a slug made from the name (the browser as the editor types, the server
when it is left empty), Cyrillic names kept, and an admin account linked to its person."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model

from masthead.people.models import Person, unique_slug
from tests.editing.admin_forms import form_values, page_of

pytestmark = pytest.mark.django_db

ADD = "/admin/snippets/people/person/add/"


def add_person(admin_client, **changes):
    return admin_client.post(ADD, form_values(admin_client.get(ADD), "w-editor-form", **changes))


@pytest.mark.parametrize(
    ("name", "slug"),
    [
        ("Oksana Host", "oksana-host"),
        ("Олена Гостя", "олена-гостя"),
        ("???", "person"),  # a name that gives no slug still saves
    ],
)
def test_a_slug_left_empty_is_made_from_the_name(admin_client, name, slug):
    response = add_person(admin_client, name=name, slug="")
    assert response.status_code == 302
    person = Person.objects.get()
    assert person.slug == slug
    assert admin_client.get(person.get_absolute_url()).status_code == 200


def test_a_slug_made_from_the_name_is_unique(admin_client):
    Person.objects.create(name="Taras Guest", slug="taras-guest")
    Person.objects.create(name="Taras Guest", slug="")  # saved in code, no slug given
    assert add_person(admin_client, name="Taras Guest", slug="").status_code == 302
    slugs = Person.objects.order_by("pk").values_list("slug", flat=True)
    assert list(slugs) == ["taras-guest", "taras-guest-2", "taras-guest-3"]


def test_a_long_name_gives_a_slug_that_fits():
    long_name = "Name " * 40
    Person.objects.create(name=long_name[:120], slug="")
    second = unique_slug(Person, long_name, "person")
    assert len(second) <= 120 and second.endswith("-2")


def test_the_name_fills_the_slug_while_the_person_is_new(admin_client):
    name = page_of(admin_client.get(ADD)).get_element_by_id("id_name")
    assert "w-sync" in name.get("data-controller").split()
    assert name.get("data-w-sync-target-value") == "#id_slug"
    assert "keyup->w-sync#apply" in name.get("data-action").split()


def test_a_saved_persons_slug_no_longer_follows_the_name(admin_client):
    person = Person.objects.create(name="Oksana Host", slug="oksana-host")
    document = page_of(admin_client.get(f"/admin/snippets/people/person/edit/{person.pk}/"))
    actions = (document.get_element_by_id("id_name").get("data-action") or "").split()
    assert not [action for action in actions if "w-sync" in action]


def test_a_person_needs_no_account_and_one_who_has_one_is_linked(admin_client, admin_user):
    guest = Person.objects.create(name="Taras Guest", slug="taras-guest")
    assert guest.user is None
    reporter = Person.objects.create(name="Iryna Reporter", slug="iryna-reporter")
    url = f"/admin/snippets/people/person/edit/{reporter.pk}/"
    form = admin_client.get(url)
    accounts = page_of(form).xpath("//select[@name='user']/option/@value")
    assert str(admin_user.pk) in accounts
    data = form_values(form, "w-editor-form", user=str(admin_user.pk))
    assert admin_client.post(url, data).status_code == 302
    assert get_user_model().objects.get(pk=admin_user.pk).person == reporter


def test_the_listing_shows_the_account(admin_client, admin_user):
    Person.objects.create(name="Iryna Reporter", slug="iryna-reporter", user=admin_user)
    document = page_of(admin_client.get("/admin/snippets/people/person/"))
    headings = [" ".join(th.text_content().split()) for th in document.xpath("//thead//th")]
    assert "Admin account" in headings
    cells = [" ".join(td.text_content().split()) for td in document.xpath("//tbody/tr/td")]
    assert admin_user.get_username() in cells
