"""Go-live and expiry on time, through the worker, on a controlled clock: an article scheduled
for 09:00 Kyiv time is live at 09:00 and not before, with the same signals (and so the same
invalidations and purges) as an editor's own publishing."""

from __future__ import annotations

import datetime as dt
import zoneinfo

import pytest
from django.contrib.auth.models import Group
from django_tasks_db.models import DBTaskResult
from wagtail.models import GroupApprovalTask, PageLogEntry, Revision, Workflow, WorkflowTask

from masthead.articles.models import ArticlePage
from masthead.scheduling.models import Heartbeat
from masthead.scheduling.publishing import publish_due
from masthead.scheduling.tasks import publish_on_time, sweep
from tests.conftest import add_article
from tests.emitted import recording as emitted

from .conftest import run_worker

KYIV = zoneinfo.ZoneInfo("Europe/Kyiv")
NINE = dt.datetime(2024, 9, 21, 9, 0, tzinfo=KYIV)  # 06:00 UTC


def scheduled_article(newsroom, go_live: dt.datetime, **fields) -> ArticlePage:
    article = add_article(newsroom.news, "A story for the morning", go_live, **fields)
    article.unpublish()
    article.refresh_from_db()
    article.go_live_at = go_live
    article.save_revision().publish()  # the editor's "Publish" with a go-live ahead: scheduled
    article.refresh_from_db()
    assert not article.live
    return article


def test_scheduling_enqueues_a_task_for_the_go_live(newsroom, no_tasks, time_machine):
    time_machine.move_to(NINE - dt.timedelta(hours=2), tick=False)
    scheduled_article(newsroom, NINE)
    (on_time,) = DBTaskResult.objects.filter(task_path=publish_on_time.module_path)
    assert on_time.run_after == NINE
    assert on_time.status == "READY"
    assert (on_time.backend_name, on_time.queue_name) == ("edge", "scheduling")
    # and the sweep is going
    assert DBTaskResult.objects.filter(task_path=sweep.module_path).count() == 1


def test_an_article_scheduled_for_nine_in_kyiv_is_live_at_nine_and_not_before(
    newsroom, no_tasks, client, time_machine
):
    time_machine.move_to(NINE - dt.timedelta(hours=2), tick=False)
    article = scheduled_article(newsroom, NINE)
    url = "/news/a-story-for-the-morning/"

    time_machine.move_to(NINE - dt.timedelta(seconds=1), tick=False)
    with emitted() as keys:
        run_worker()
    article.refresh_from_db()
    assert not article.live
    assert f"article-{article.pk}" not in keys
    assert client.get(url).status_code == 404

    time_machine.move_to(NINE + dt.timedelta(milliseconds=500), tick=False)
    with emitted() as keys:
        run_worker()
    article.refresh_from_db()
    assert article.live
    assert article.latest_revision.approved_go_live_at is None
    # the invalidation map saw Wagtail's page_published, as for an editor's own publishing
    assert {f"article-{article.pk}", f"section-{newsroom.news.pk}-listing"} <= keys
    response = client.get(url)
    assert response.status_code == 200
    assert "private" not in response.get("Cache-Control", "")
    # logged as Wagtail's own scheduled publishing is
    assert PageLogEntry.objects.filter(page=article, action="wagtail.publish.scheduled").exists()


def test_an_expiry_unpublishes_on_time(newsroom, no_tasks, client, time_machine):
    time_machine.move_to(NINE - dt.timedelta(hours=1), tick=False)
    article = add_article(newsroom.news, "A story that expires", NINE, expire_at=NINE)
    (on_time,) = DBTaskResult.objects.filter(task_path=publish_on_time.module_path)
    assert on_time.run_after == NINE
    url = "/news/a-story-that-expires/"
    assert client.get(url).status_code == 200

    time_machine.move_to(NINE - dt.timedelta(seconds=1), tick=False)
    run_worker()
    article.refresh_from_db()
    assert article.live

    time_machine.move_to(NINE + dt.timedelta(milliseconds=500), tick=False)
    with emitted() as keys:
        run_worker()
    article.refresh_from_db()
    assert not article.live and article.expired
    assert f"article-{article.pk}" in keys
    assert client.get(url).status_code == 404


def test_a_go_live_missed_by_its_task_is_caught_by_the_sweep(newsroom, no_tasks, time_machine):
    time_machine.move_to(NINE - dt.timedelta(hours=1), tick=False)
    article = scheduled_article(newsroom, NINE)
    DBTaskResult.objects.filter(task_path=publish_on_time.module_path).delete()

    time_machine.move_to(NINE + dt.timedelta(seconds=5), tick=False)
    run_worker()  # the sweep enqueued with the scheduling runs now
    article.refresh_from_db()
    assert article.live
    heartbeat = Heartbeat.read()
    assert heartbeat.last_run_at == NINE + dt.timedelta(seconds=5)
    assert (heartbeat.published, heartbeat.unpublished, heartbeat.failed) == (1, 0, 0)


def test_a_scheduled_update_of_a_live_article_goes_live_on_time(
    newsroom, no_tasks, client, time_machine
):
    time_machine.move_to(NINE - dt.timedelta(hours=1), tick=False)
    article = ArticlePage.objects.get(pk=newsroom.items[0].pk)
    article.title = "An update for nine"
    article.go_live_at = NINE
    article.save_revision().publish()
    article.refresh_from_db()
    assert article.live and article.title == "News item number 0"

    time_machine.move_to(NINE + dt.timedelta(milliseconds=200), tick=False)
    run_worker()
    article.refresh_from_db()
    assert article.title == "An update for nine"


def test_a_rescheduled_article_waits_for_its_new_time(newsroom, no_tasks, time_machine):
    time_machine.move_to(NINE - dt.timedelta(hours=1), tick=False)
    article = scheduled_article(newsroom, NINE)
    article.go_live_at = NINE + dt.timedelta(hours=1)
    article.save_revision().publish()

    time_machine.move_to(NINE + dt.timedelta(seconds=1), tick=False)
    run_worker()  # the first go-live's task runs, and finds nothing due
    article.refresh_from_db()
    assert not article.live

    time_machine.move_to(NINE + dt.timedelta(hours=1, seconds=1), tick=False)
    run_worker()
    article.refresh_from_db()
    assert article.live


def test_one_failing_go_live_does_not_hold_up_the_others(
    newsroom, no_tasks, time_machine, monkeypatch, caplog
):
    time_machine.move_to(NINE - dt.timedelta(hours=1), tick=False)
    first = scheduled_article(newsroom, NINE)
    second = add_article(newsroom.politics, "A second story", NINE)
    second.unpublish()
    second.refresh_from_db()
    second.go_live_at = NINE + dt.timedelta(seconds=1)
    second.save_revision().publish()

    publish = Revision.publish

    def fail_for_the_first(revision, *args, **kwargs):
        if revision.object_id == str(first.pk):
            raise RuntimeError("a broken revision")
        return publish(revision, *args, **kwargs)

    monkeypatch.setattr(Revision, "publish", fail_for_the_first)
    time_machine.move_to(NINE + dt.timedelta(seconds=2), tick=False)
    outcome = publish_due()
    assert (outcome.published, outcome.failed) == (1, 1)
    first.refresh_from_db()
    second.refresh_from_db()
    assert not first.live and second.live
    assert "scheduled go-live of revision" in caplog.records[-1].getMessage()


def test_publishing_what_is_due_twice_publishes_it_once(newsroom, no_tasks, time_machine):
    time_machine.move_to(NINE - dt.timedelta(hours=1), tick=False)
    scheduled_article(newsroom, NINE)
    time_machine.move_to(NINE + dt.timedelta(seconds=1), tick=False)
    assert publish_due().published == 1
    assert publish_due().published == 0


@pytest.mark.parametrize("ahead", [dt.timedelta(seconds=-5), dt.timedelta(0)])
def test_a_go_live_now_or_past_publishes_at_once_and_enqueues_nothing(
    newsroom, no_tasks, frozen_now, ahead
):
    article = ArticlePage.objects.get(pk=newsroom.items[1].pk)
    article.go_live_at = frozen_now + ahead
    article.save_revision().publish()
    article.refresh_from_db()
    assert article.live
    assert not DBTaskResult.objects.filter(queue_name="scheduling").exists()


def test_an_approval_in_review_of_a_scheduled_article_goes_live_on_time(
    newsroom, no_tasks, client, time_machine, django_user_model
):
    time_machine.move_to(NINE - dt.timedelta(hours=2), tick=False)
    editors, _ = Group.objects.get_or_create(name="Editors")
    editor = django_user_model.objects.create_superuser("chief", password="chief")
    workflow = Workflow.objects.create(name="Desk review")
    step = GroupApprovalTask.objects.create(name="Desk check")
    step.groups.set([editors])
    WorkflowTask.objects.create(workflow=workflow, task=step, sort_order=0)

    article = add_article(newsroom.news, "A reviewed story", NINE)
    article.unpublish()
    article.refresh_from_db()
    article.go_live_at = NINE
    article.save_revision(user=editor)
    state = workflow.start(article, editor)
    state.current_task_state.approve(user=editor)  # the last step: Wagtail publishes, scheduled
    article.refresh_from_db()
    assert not article.live
    assert DBTaskResult.objects.get(task_path=publish_on_time.module_path).run_after == NINE

    time_machine.move_to(NINE + dt.timedelta(milliseconds=300), tick=False)
    run_worker()
    article.refresh_from_db()
    assert article.live
    assert client.get("/news/a-reviewed-story/").status_code == 200
