"""What each panel shows: missed go-lives and expiries, today's schedule in the edition's clock,
workflows in review, the last 24 hours by section, and the worker's heartbeat."""

from __future__ import annotations

import datetime as dt
import zoneinfo

from django.utils import timezone
from wagtail.models import Page

from masthead.dashboard import queries
from masthead.scheduling.models import Heartbeat
from masthead.scheduling.publishing import publish_due
from masthead.scheduling.tasks import sweep_interval
from tests.conftest import NOW, add_article

from .conftest import overdue, scheduled

KYIV = zoneinfo.ZoneInfo("Europe/Kyiv")  # NOW is 18:00 there, 20 September 2024


def test_a_go_live_past_due_is_missed_and_one_to_come_is_not(newsroom):
    late = overdue(newsroom.news, "A story the worker missed", NOW - dt.timedelta(minutes=5))
    overdue(newsroom.news, "A story due this moment", NOW - dt.timedelta(seconds=2))
    scheduled(newsroom.news, "A story for tonight", NOW + dt.timedelta(hours=3))
    missed = queries.missed()
    assert [(i.title, i.at, i.page_id, i.missed) for i in missed.go_lives] == [
        ("A story the worker missed", NOW - dt.timedelta(minutes=5), late.pk, True)
    ]
    assert missed.expiries == []


def test_a_page_still_live_past_its_expiry_is_missed(newsroom):
    item = newsroom.items[3]
    Page.objects.filter(pk=item.pk).update(expire_at=NOW - dt.timedelta(minutes=1))
    missed = queries.missed()
    assert [(i.page_id, i.at) for i in missed.expiries] == [
        (item.pk, NOW - dt.timedelta(minutes=1))
    ]
    assert bool(missed)


def test_today_is_the_editions_day_not_utcs(newsroom):
    start, end = queries.today(KYIV)
    assert (start, end) == (
        dt.datetime(2024, 9, 20, tzinfo=KYIV),
        dt.datetime(2024, 9, 21, tzinfo=KYIV),
    )
    # 23:30 in Kyiv is today; 01:00 in Kyiv is tomorrow, though still the 20th in UTC.
    scheduled(newsroom.news, "Late tonight", dt.datetime(2024, 9, 20, 23, 30, tzinfo=KYIV))
    scheduled(newsroom.news, "After midnight", dt.datetime(2024, 9, 21, 1, 0, tzinfo=KYIV))
    today = queries.scheduled_today(KYIV)
    assert [i.title for i in today.going_live] == ["Late tonight"]
    assert today.going_live[0].missed is False


def test_a_day_when_the_clocks_change_has_25_hours(db, time_machine):
    time_machine.move_to(dt.datetime(2024, 10, 27, 12, 0, tzinfo=dt.UTC), tick=False)
    start, end = queries.today(KYIV)
    # (aware datetimes of one zone subtract as wall clocks: compare them in UTC)
    assert end.astimezone(dt.UTC) - start.astimezone(dt.UTC) == dt.timedelta(hours=25)


def test_today_lists_what_went_live_on_schedule_and_what_expires(newsroom, time_machine):
    story = scheduled(newsroom.news, "Gone at six", NOW + dt.timedelta(minutes=1))
    item = newsroom.items[2]
    Page.objects.filter(pk=item.pk).update(expire_at=NOW + dt.timedelta(hours=2))
    time_machine.move_to(NOW + dt.timedelta(minutes=2), tick=False)
    publish_due()
    today = queries.scheduled_today(KYIV)
    assert today.going_live == []
    assert [(i.title, i.page_id) for i in today.gone_live] == [("Gone at six", story.pk)]
    assert [(i.page_id, i.missed) for i in today.expiring] == [(item.pk, False)]


def test_in_review_lists_workflows_in_progress(newsroom, editor, review_workflow):
    first, second = newsroom.items[0], newsroom.items[1]
    first.save_revision(user=editor)
    review_workflow.start(first, editor)
    second.title = "A retitled item"
    second.save_revision(user=editor)
    review_workflow.start(second, editor).cancel(user=editor)
    review = queries.awaiting_review()
    assert review.count == 1
    (state,) = review.listed
    assert (state.title, state.page_id, state.task) == (first.title, first.pk, "Desk check")
    assert state.requested_by == "Desk Editor"
    assert state.since == NOW


def test_the_last_24_hours_by_section_busiest_first(newsroom):
    add_article(newsroom.politics, "A vote today", NOW - dt.timedelta(hours=1))
    add_article(newsroom.politics, "A vote last week", NOW - dt.timedelta(days=7))
    add_article(newsroom.politics, "A vote tomorrow", NOW + dt.timedelta(hours=1))
    news, politics = queries.published_by_section(hours=24)
    # the news items are every two hours from now back to 22 hours ago
    assert (news.title, news.page_id, news.count) == ("News", newsroom.news.pk, 12)
    assert len(news.articles) == queries.LISTED_PER_SECTION
    assert news.articles[0].title == "News item number 0"
    assert (politics.title, politics.count) == ("Politics", 1)
    assert [i.title for i in politics.articles] == ["A vote today"]


def test_the_worker_is_stale_until_it_sweeps_and_again_when_it_stops(db, frozen_now):
    assert queries.worker_state().stale
    Heartbeat.objects.update_or_create(pk=Heartbeat.ROW, defaults={"last_run_at": timezone.now()})
    assert not queries.worker_state().stale
    Heartbeat.objects.filter(pk=Heartbeat.ROW).update(
        last_run_at=NOW - queries.STALE_AFTER_SWEEPS * sweep_interval() - dt.timedelta(seconds=1)
    )
    assert queries.worker_state().stale
