"""Breaking news in the admin: an editor flags an article (and is named as who did), sees what
is up, and clears it now; someone without the permission cannot."""

from __future__ import annotations

import datetime as dt
import zoneinfo

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth.models import Group, Permission
from django.urls import reverse

from masthead.breaking.models import BreakingNews
from tests.breaking.conftest import banners_on, flag, site_id
from tests.conftest import NOW

# The admin reads and shows times on the edition's clock (masthead/editing/time_zones.py).
KYIV = zoneinfo.ZoneInfo("Europe/Kyiv")

LIST = "wagtailsnippets_breaking_breakingnews:list"
ADD = "wagtailsnippets_breaking_breakingnews:add"
CLEAR = "wagtailsnippets_breaking_breakingnews:clear"


def signed_in(client, django_user_model, *codenames: str):
    """A client signed in as a user whose group has the admin and these permissions."""
    group = Group.objects.create(name="Desk")
    group.permissions.add(
        Permission.objects.get(codename="access_admin"),
        *Permission.objects.filter(content_type__app_label="breaking", codename__in=codenames),
    )
    user = django_user_model.objects.create_user("desk", "desk@example.com", "pw")
    user.groups.add(group)
    client.force_login(user)
    return user


@pytest.fixture
def editor(client, django_user_model):
    return signed_in(
        client,
        django_user_model,
        "add_breakingnews",
        "change_breakingnews",
        "delete_breakingnews",
        "view_breakingnews",
    )


def test_an_editor_flags_an_article_and_is_named_as_who_did(client, newsroom, editor):
    expires = (NOW + dt.timedelta(hours=3)).astimezone(KYIV)
    response = client.post(
        reverse(ADD),
        {
            "article": newsroom.items[0].pk,
            "text": "",
            "expires_at": expires.strftime("%Y-%m-%d %H:%M"),
            "site": site_id(),
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    found = BreakingNews.objects.get()
    assert (found.article_id, found.flagged_by, found.expires_at) == (
        newsroom.items[0].pk,
        editor,
        NOW + dt.timedelta(hours=3),
    )


def test_a_past_expiry_is_refused_beside_its_field(client, newsroom, editor):
    response = client.post(
        reverse(ADD),
        {
            "article": newsroom.items[0].pk,
            "expires_at": NOW.astimezone(KYIV).strftime("%Y-%m-%d %H:%M"),
            "site": site_id(),
        },
    )
    assert response.status_code == 200
    page = BeautifulSoup(response.content, "html.parser")
    field = page.find(attrs={"data-field-wrapper": True, "data-contentpath": "expires_at"})
    field = field or page.select_one("[data-contentpath='expires_at']")
    assert "The expiry must be in the future." in field.get_text()
    assert not BreakingNews.objects.exists()


def test_the_list_offers_clear_now_for_what_is_up(client, newsroom, editor):
    shown, cleared = flag(newsroom.items[0]), flag(newsroom.items[1])
    shown, cleared = cleared, shown  # the newest wins
    page = BeautifulSoup(client.get(reverse(LIST)).content, "html.parser")
    clear_links = {a["href"] for a in page.find_all("a") if a.get_text(strip=True) == "Clear now"}
    assert clear_links == {reverse(CLEAR, args=[shown.pk])}


def test_clear_now_asks_then_takes_the_banner_down(client, newsroom, editor):
    found = flag(newsroom.items[0])
    url = reverse(CLEAR, args=[found.pk])
    page = BeautifulSoup(client.get(url).content, "html.parser")
    assert len(page.select(f'form[action="{url}"][method="POST"]')) == 1
    assert banners_on(client, "/") != []

    response = client.post(url)

    assert response.status_code == 302 and response["Location"] == reverse(LIST)
    found.refresh_from_db()
    assert found.cleared_at == NOW
    client.logout()
    assert banners_on(client, "/") == []


def test_without_the_change_permission_nothing_can_be_cleared(client, newsroom, django_user_model):
    signed_in(client, django_user_model, "view_breakingnews")
    found = flag(newsroom.items[0])
    response = client.post(reverse(CLEAR, args=[found.pk]))
    # Wagtail answers a refused admin view with its "no permission" message at the dashboard.
    assert (response.status_code, response["Location"]) == (302, reverse("wagtailadmin_home"))
    found.refresh_from_db()
    assert found.is_active()
