"""A breaking-news flag: what an editor may flag, for how long, and one banner per edition."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone
from wagtail.models import Page, Site

from masthead.articles.models import ArticlePage
from masthead.breaking.models import BreakingNews
from tests.breaking.conftest import flag, site_id
from tests.conftest import NOW


def errors_of(found: BreakingNews) -> dict[str, list[str]]:
    with pytest.raises(ValidationError) as raised:
        found.full_clean()
    return raised.value.message_dict


def test_a_flag_lasts_two_hours_on_the_default_edition_unless_told(newsroom):
    found = BreakingNews(article=newsroom.items[0])
    found.full_clean()
    assert (found.site_id, found.expires_at) == (site_id(), NOW + dt.timedelta(hours=2))
    assert found.is_active()
    assert found.banner_text == str(found) == "News item number 0"


def test_the_expiry_must_be_in_the_future(newsroom):
    found = BreakingNews(article=newsroom.items[0], expires_at=timezone.now())
    assert errors_of(found) == {"expires_at": ["The expiry must be in the future."]}


def test_only_a_published_article_can_be_flagged(newsroom):
    newsroom.items[0].unpublish()
    found = BreakingNews(article=ArticlePage.objects.get(pk=newsroom.items[0].pk))
    assert errors_of(found) == {"article": ["Only a published article can be flagged as breaking."]}


def test_the_article_must_be_in_the_chosen_edition(newsroom):
    other_home = Page.get_first_root_node().add_child(instance=Page(title="Other", slug="other"))
    other = Site.objects.create(hostname="other.example", root_page=other_home)
    found = BreakingNews(site=other, article=newsroom.items[0])
    assert errors_of(found) == {"article": ["This article is not part of the chosen edition."]}


def test_the_banner_text_has_a_stated_limit(newsroom):
    found = BreakingNews(article=newsroom.items[0], text="x" * 121)
    assert list(errors_of(found)) == ["text"]


def test_flagging_another_article_clears_the_last(newsroom, time_machine):
    first = flag(newsroom.items[0])
    time_machine.shift(dt.timedelta(minutes=5))
    second = flag(newsroom.items[1])
    first.refresh_from_db()
    assert first.cleared_at == NOW + dt.timedelta(minutes=5)
    assert list(BreakingNews.objects.active()) == [second]


def test_clearing_takes_it_down_once(newsroom, time_machine):
    found = flag(newsroom.items[0])
    found.clear()
    time_machine.shift(dt.timedelta(minutes=1))
    found.clear()
    found.refresh_from_db()
    assert (found.cleared_at, found.is_active()) == (NOW, False)
    assert not BreakingNews.objects.active().exists()


def test_a_flag_is_inactive_from_its_expiry(newsroom, time_machine):
    found = flag(newsroom.items[0], hours=1)
    time_machine.shift(dt.timedelta(hours=1))
    assert not found.is_active()
    assert not BreakingNews.objects.active().exists()
