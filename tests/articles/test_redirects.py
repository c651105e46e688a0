"""Stable URLs: changing an article's slug, moving it to another section or renaming its section
leaves a permanent redirect from every address it had to the one it has now (Wagtail's redirects
app, ``WAGTAILREDIRECTS_AUTO_CREATE``)."""

from __future__ import annotations

import pytest
from wagtail.contrib.redirects.models import Redirect

from masthead.articles.models import ArticlePage
from tests.conftest import publish

INTERVIEW = "/politics/the-guest-explains-the-week/"


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """Run what waits for the transaction's commit (Wagtail sends ``page_slug_changed``, which
    makes the redirects, only once the change is committed)."""

    def change(page) -> None:
        with django_capture_on_commit_callbacks(execute=True):
            publish(page)

    return change


def assert_moved_permanently(client, old: str, new: str) -> None:
    response = client.get(old)
    assert response.status_code == 301, old
    assert response["Location"] == new
    assert client.get(new).status_code == 200, new


def rename(page, slug: str):
    page = type(page).objects.get(pk=page.pk)
    page.slug = slug
    return page


def test_a_new_slug_leaves_a_permanent_redirect_from_the_old_address(client, newsroom, committed):
    assert client.get(INTERVIEW).status_code == 200
    committed(rename(newsroom.interview, "the-week-explained"))
    assert_moved_permanently(client, INTERVIEW, "/politics/the-week-explained/")
    [redirect] = Redirect.objects.filter(old_path=INTERVIEW.rstrip("/"))
    assert redirect.is_permanent and redirect.automatically_created
    assert redirect.redirect_page_id == newsroom.interview.pk


def test_moving_an_article_to_another_section_leaves_a_permanent_redirect(client, newsroom):
    ArticlePage.objects.get(pk=newsroom.interview.pk).move(newsroom.news, pos="last-child")
    assert_moved_permanently(client, INTERVIEW, "/news/the-guest-explains-the-week/")


def test_every_old_address_leads_to_the_newest(client, newsroom, committed):
    committed(rename(newsroom.interview, "the-week-explained"))
    ArticlePage.objects.get(pk=newsroom.interview.pk).move(newsroom.news, pos="last-child")
    committed(rename(newsroom.interview, "what-the-week-meant"))
    newest = "/news/what-the-week-meant/"
    for old in [INTERVIEW, "/politics/the-week-explained/", "/news/the-week-explained/"]:
        assert_moved_permanently(client, old, newest)


def test_a_sections_new_slug_leaves_a_redirect_for_every_article_in_it(client, newsroom, committed):
    committed(rename(newsroom.news, "headlines"))
    assert_moved_permanently(client, "/news/", "/headlines/")
    for item in newsroom.items:
        assert_moved_permanently(client, f"/news/{item.slug}/", f"/headlines/{item.slug}/")


def test_a_redirect_is_answered_to_every_reader_alike(client, newsroom, committed):
    committed(rename(newsroom.interview, "the-week-explained"))
    response = client.get(INTERVIEW)
    assert response.status_code == 301
    assert "public" in response["Cache-Control"]
    assert "redirects" in response["xkey"].split()  # purged when a redirect changes
