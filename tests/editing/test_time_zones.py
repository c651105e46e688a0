"""The admin shows and reads times on the edition's clock (Kyiv) for editors who have not chosen
a time zone of their own; settings.TIME_ZONE is UTC."""

from __future__ import annotations

import datetime as dt

import pytest
from wagtail.users.models import UserProfile

from masthead.articles.models import ArticlePage
from masthead.settings import base as base_settings
from tests.conftest import add_article, add_section
from tests.editing.admin_forms import form_values, page_of

pytestmark = pytest.mark.django_db

MIDDLEWARE = "masthead.editing.time_zones.EditionTimeZoneMiddleware"
PUBLISHED = dt.datetime(2024, 9, 20, 12, 0, tzinfo=dt.UTC)  # 15:00 in Kyiv, 13:00 in London


@pytest.fixture(autouse=True)
def edition_clock(settings):
    """The middleware in place, after Django's authentication (as settings.MIDDLEWARE has it)."""
    if MIDDLEWARE not in settings.MIDDLEWARE:
        middleware = list(settings.MIDDLEWARE)
        after = middleware.index("django.contrib.auth.middleware.AuthenticationMiddleware")
        middleware.insert(after + 1, MIDDLEWARE)
        settings.MIDDLEWARE = middleware


@pytest.fixture
def article():
    return add_article(add_section("News"), "The council votes", PUBLISHED)


def shown_publication_time(admin_client, article) -> str:
    response = admin_client.get(f"/admin/pages/{article.pk}/edit/")
    return page_of(response).get_element_by_id("id_published_at").get("value")


def test_the_middleware_is_in_the_settings():
    middleware = list(base_settings.MIDDLEWARE)  # as every environment has it, not as patched here
    auth = middleware.index("django.contrib.auth.middleware.AuthenticationMiddleware")
    assert middleware.index(MIDDLEWARE) > auth


def test_times_are_shown_on_the_editions_clock(admin_client, article):
    assert shown_publication_time(admin_client, article) == "2024-09-20 15:00"


def test_times_typed_in_are_read_on_the_editions_clock(admin_client, article):
    url = f"/admin/pages/{article.pk}/edit/"
    data = form_values(
        admin_client.get(url),
        "page-edit-form",
        published_at="2024-09-20 09:00",
        **{"body-count": "0", "action-publish": "action-publish"},
    )
    assert admin_client.post(url, data).status_code == 302
    stored = ArticlePage.objects.get(pk=article.pk).published_at
    assert stored == dt.datetime(2024, 9, 20, 6, 0, tzinfo=dt.UTC)


def test_an_editors_own_time_zone_stands(admin_client, admin_user, article):
    UserProfile.objects.create(user=admin_user, current_time_zone="Europe/London")
    assert shown_publication_time(admin_client, article) == "2024-09-20 13:00"


def test_the_editors_profile_is_not_changed(admin_client, admin_user, article):
    shown_publication_time(admin_client, article)
    assert not UserProfile.objects.filter(user=admin_user, current_time_zone__gt="").exists()
