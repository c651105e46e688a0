"""The newsroom's rules in the admin: only chief editors delete pages, whichever way they try."""

from __future__ import annotations

import datetime as dt

import lxml.html
import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from wagtail.models import Page

from masthead.newsroom.roles import NewsroomRole
from masthead.newsroom.wagtail_hooks import NOT_A_CHIEF_EDITOR
from tests.conftest import NOW, add_article

from .conftest import Staff, add_draft


def _told_why(html: bytes) -> bool:
    """Whether the admin's messages say that only chief editors delete (an error message also
    carries Wagtail's "Go to the first error" button)."""
    items = lxml.html.fromstring(html).xpath("//*[@class='messages']//li")
    return any(" ".join(li.text_content().split()).startswith(NOT_A_CHIEF_EDITOR) for li in items)


@pytest.mark.parametrize(
    ("role", "deletes"),
    [
        (NewsroomRole.REPORTER, False),
        (NewsroomRole.EDITOR, False),
        (NewsroomRole.CHIEF_EDITOR, True),
    ],
)
def test_who_deletes_a_page(client, staff: Staff, section, role, deletes):
    user = staff.of(role)
    # Their own draft: Wagtail alone would let even a reporter delete it.
    draft = add_draft(section, user, "A draft to delete")
    client.force_login(user)

    response = client.post(reverse("wagtailadmin_pages:delete", args=[draft.pk]), follow=True)

    assert response.status_code == 200
    assert Page.objects.filter(pk=draft.pk).exists() is not deletes
    assert _told_why(response.content) is not deletes


def test_an_editor_cannot_bulk_delete_pages(client, staff: Staff, section):
    article = add_article(section, "A live story", NOW - dt.timedelta(hours=1))
    client.force_login(staff.editor)
    url = reverse("wagtail_bulk_action", args=["wagtailcore", "page", "delete"])

    response = client.post(f"{url}?id={article.pk}", follow=True)

    assert response.status_code == 200
    assert Page.objects.filter(pk=article.pk).exists()
    assert _told_why(response.content)


def test_the_group_form_shows_who_deletes_pages(admin_client):
    chiefs = Group.objects.get(name=NewsroomRole.CHIEF_EDITOR.value)

    response = admin_client.get(reverse("wagtailusers_groups:edit", args=[chiefs.pk]))

    assert response.status_code == 200
    checked = lxml.html.fromstring(response.content).xpath(
        "//input[@name='permissions'][@checked]/@value"
    )
    delete_pages = chiefs.permissions.get(codename="delete_page")
    assert str(delete_pages.pk) in checked
