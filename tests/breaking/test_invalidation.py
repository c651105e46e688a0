"""The breaking-news part of the invalidation map (masthead/serving/invalidation.py): exactly the
banner's key when a flag is raised, edited, cleared or deleted, and when its article is changed,
unpublished, moved or deleted while flagged; nothing of the banner's for any other article."""

from __future__ import annotations

import datetime as dt

from masthead.breaking.models import BreakingNews
from tests.breaking.conftest import flag, site_id
from tests.conftest import publish
from tests.serving.test_invalidation import recording


def banner() -> str:
    return f"breaking-{site_id()}"


def test_flagging_an_article_emits_exactly_the_banner(newsroom):
    with recording() as emitted:
        flag(newsroom.items[0])
    assert emitted == {banner()}


def test_flagging_another_emits_exactly_the_banner_once_more(newsroom):
    flag(newsroom.items[0])
    with recording() as emitted:
        flag(newsroom.items[1])
    assert emitted == {banner()}
    assert [f.is_active() for f in BreakingNews.objects.all()] == [True, False]


def test_editing_clearing_and_deleting_a_flag_each_emit_exactly_the_banner(newsroom):
    flagged = flag(newsroom.items[0])
    for change in (
        lambda: setattr(flagged, "text", "New words") or flagged.save(),
        flagged.clear,
        flagged.delete,
    ):
        with recording() as emitted:
            change()
        assert emitted == {banner()}


def test_unpublishing_the_flagged_article_also_emits_the_banner(newsroom):
    flag(newsroom.items[0])
    with recording() as emitted:
        newsroom.items[0].unpublish()
    assert banner() in emitted


def test_republishing_the_flagged_article_also_emits_the_banner(newsroom):
    flag(newsroom.items[0])
    with recording() as emitted:
        publish(newsroom.items[0])
    assert banner() in emitted


def test_deleting_the_flagged_article_also_emits_the_banner(newsroom):
    flag(newsroom.items[0])
    with recording() as emitted:
        newsroom.items[0].delete()
    assert banner() in emitted


def test_moving_the_flagged_article_also_emits_the_banner(newsroom):
    flag(newsroom.items[0])
    with recording() as emitted:
        newsroom.items[0].move(newsroom.politics, pos="last-child")
    assert banner() in emitted


def test_other_articles_never_emit_the_banner(newsroom):
    flag(newsroom.items[0])
    with recording() as emitted:
        newsroom.items[1].unpublish()
        publish(newsroom.items[2])
        newsroom.items[3].delete()
    assert banner() not in emitted


def test_an_expired_or_cleared_flags_article_never_emits_the_banner(newsroom, time_machine):
    flag(newsroom.items[0], hours=1)
    flag(newsroom.items[1]).clear()
    time_machine.shift(dt.timedelta(hours=1))
    with recording() as emitted:
        newsroom.items[0].unpublish()
        newsroom.items[1].unpublish()
    assert banner() not in emitted
