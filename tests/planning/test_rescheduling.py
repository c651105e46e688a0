"""Moving things from the calendar: a plan item's time and a scheduled article's go-live, by
those allowed; refused to others; bad input answered with the reason beside the item."""

import datetime as dt

import lxml.html
import pytest
from django.test import Client
from django.urls import reverse
from wagtail.models import PageLogEntry

from masthead.articles.models import ArticlePage
from tests.planning.conftest import KYIV, has_class, schedule, user_in_group

pytestmark = pytest.mark.django_db

URL = reverse("planning:week")


def move(client, key: str, when: str, **extra):
    return client.post(
        URL, {"move": key, "when": when, "week": "2024-09-16", "by": "section", **extra}
    )


def error_beside(response, key: str) -> str:
    doc = lxml.html.fromstring(response.content)
    (entry,) = doc.xpath(f"//*[@id='entry-{key}']")
    assert entry.xpath(f".//details[{has_class('planning-move')}]")[0].get("open") is not None
    field = entry.xpath('.//input[@name="when"]')[0]
    assert field.get("aria-invalid") == "true"
    (error,) = entry.xpath(f".//*[@id='{field.get('aria-describedby')}']")
    return error.text_content()


def test_an_editor_moves_a_plan_item_to_another_day(client, editor, week_of_plans):
    idea = week_of_plans["idea"]
    client.force_login(editor)
    response = move(client, f"plan-{idea.pk}", "2024-09-24T08:15", by="programme")
    # Back to the week it now sits in, at the item.
    assert response.status_code == 302
    assert response["Location"] == f"{URL}?week=2024-09-23&by=programme#entry-plan-{idea.pk}"
    idea.refresh_from_db()
    assert idea.planned_at == dt.datetime(2024, 9, 24, 8, 15, tzinfo=KYIV)
    doc = lxml.html.fromstring(client.get(response["Location"]).content)
    found = doc.xpath(f"//*[{has_class('messages')}]//li")
    messages = [m.text_content().strip() for m in found if m.text_content().strip()]
    assert messages == [
        "Moved “What the new budget means for schools” to Tuesday 24 September, 08:15."
    ]
    assert doc.xpath(f"//*[@id='entry-plan-{idea.pk}']//time")[0].text_content() == "08:15"


def test_an_editor_moves_a_scheduled_articles_go_live(client, editor, week_of_plans):
    article = week_of_plans["scheduled"]
    client.force_login(editor)
    response = move(client, f"article-{article.pk}", "2024-09-21T07:00")
    assert response.status_code == 302
    article = ArticlePage.objects.get(pk=article.pk)
    when = dt.datetime(2024, 9, 21, 7, 0, tzinfo=KYIV)
    assert article.go_live_at == when
    assert article.status_string == "scheduled" and not article.live
    (revision,) = article.revisions.filter(approved_go_live_at__isnull=False)
    assert revision.approved_go_live_at == when
    # The page's history says who moved it.
    entry = PageLogEntry.objects.filter(page=article, action="wagtail.publish.schedule").latest(
        "pk"
    )
    assert entry.user == editor


def test_a_live_article_with_a_scheduled_revision_stays_live(client, editor, newsroom):
    article = newsroom.items[0]
    article.title = "News item number 0, updated"
    article.go_live_at = dt.datetime(2024, 9, 21, 9, 0, tzinfo=KYIV)
    article.save_revision().publish()
    client.force_login(editor)
    assert move(client, f"article-{article.pk}", "2024-09-22T09:30").status_code == 302
    article = ArticlePage.objects.get(pk=article.pk)
    assert article.live and article.title == "News item number 0"
    (revision,) = article.revisions.filter(approved_go_live_at__isnull=False)
    assert revision.approved_go_live_at == dt.datetime(2024, 9, 22, 9, 30, tzinfo=KYIV)
    assert revision.as_object().title == "News item number 0, updated"


def test_a_reporter_may_move_neither(client, reporter, week_of_plans):
    client.force_login(reporter)
    idea, article = week_of_plans["idea"], week_of_plans["scheduled"]
    assert move(client, f"plan-{idea.pk}", "2024-09-24T08:15").status_code == 403
    assert move(client, f"article-{article.pk}", "2024-09-24T08:15").status_code == 403
    idea.refresh_from_db()
    article.refresh_from_db()
    assert idea.planned_at == dt.datetime(2024, 9, 21, 10, 0, tzinfo=KYIV)
    assert article.go_live_at == dt.datetime(2024, 9, 22, 23, 30, tzinfo=KYIV)


def test_an_editor_without_publishing_may_move_plans_but_not_articles(
    client, django_user_model, week_of_plans
):
    planner = user_in_group(
        django_user_model, "planner", ["planning.change_planitem"], publish=False
    )
    client.force_login(planner)
    article = week_of_plans["scheduled"]
    doc = lxml.html.fromstring(client.get(URL, {"week": "2024-09-16"}).content)
    assert doc.xpath(f"//*[@id='entry-article-{article.pk}']//form") == []
    assert move(client, f"article-{article.pk}", "2024-09-24T08:15").status_code == 403
    assert move(client, f"plan-{week_of_plans['idea'].pk}", "2024-09-24T08:15").status_code == 302


@pytest.mark.parametrize(
    ("when", "message"),
    [
        ("", "Give the new date and time."),
        ("tomorrow at ten", "Give a date and time, e.g. 2024-09-21 10:00."),
        ("2024-13-40T25:00", "Give a date and time, e.g. 2024-09-21 10:00."),
        ("9999-12-31T23:59", "Give a date from 1900 to 9000."),
    ],
)
def test_a_time_that_is_not_one_is_refused_beside_the_item(
    client, editor, week_of_plans, when, message
):
    idea = week_of_plans["idea"]
    client.force_login(editor)
    response = move(client, f"plan-{idea.pk}", when)
    assert response.status_code == 400
    assert error_beside(response, f"plan-{idea.pk}") == message
    idea.refresh_from_db()
    assert idea.planned_at == dt.datetime(2024, 9, 21, 10, 0, tzinfo=KYIV)


def test_a_go_live_in_the_past_is_refused(client, editor, week_of_plans):
    article = week_of_plans["scheduled"]
    client.force_login(editor)
    response = move(client, f"article-{article.pk}", "2024-09-20T17:00")  # an hour ago
    assert response.status_code == 400
    assert error_beside(response, f"article-{article.pk}") == (
        "Choose a time in the future: a scheduled article goes live then."
    )
    article.refresh_from_db()
    assert article.go_live_at == dt.datetime(2024, 9, 22, 23, 30, tzinfo=KYIV)


def test_a_go_live_after_the_expiry_is_refused(client, editor, newsroom):
    article = schedule(
        newsroom.news,
        "A story with an end",
        dt.datetime(2024, 9, 21, 9, 0, tzinfo=KYIV),
        expire_at=dt.datetime(2024, 9, 22, 9, 0, tzinfo=KYIV),
    )
    client.force_login(editor)
    response = move(client, f"article-{article.pk}", "2024-09-23T09:00")
    assert response.status_code == 400
    assert "expires" in error_beside(response, f"article-{article.pk}")


def test_an_article_someone_is_editing_is_not_moved(
    client, editor, django_user_model, week_of_plans
):
    article = week_of_plans["scheduled"]
    article.locked, article.locked_by = True, django_user_model.objects.create_user("other")
    article.save(update_fields=["locked", "locked_by"])
    client.force_login(editor)
    response = move(client, f"article-{article.pk}", "2024-09-23T09:00")
    assert response.status_code == 400
    assert error_beside(response, f"article-{article.pk}") == (
        "“The bridge reopens on Sunday” is locked by someone editing it."
    )


def test_an_article_no_longer_scheduled_is_not_moved(client, editor, week_of_plans):
    article = week_of_plans["scheduled"]
    article.revisions.update(approved_go_live_at=None)
    client.force_login(editor)
    response = move(client, f"article-{article.pk}", "2024-09-23T09:00")
    assert response.status_code == 400
    doc = lxml.html.fromstring(response.content)
    alerts = [a.text_content() for a in doc.xpath('//*[@role="alert"]')]
    assert alerts == [
        "“The bridge reopens on Sunday” is no longer scheduled: it has gone live or been "
        "unscheduled. Reload the week to see where it is now."
    ]


@pytest.mark.parametrize("key", ["", "plan", "plan-x", "page-3", "plan-1-2"])
def test_a_move_of_nothing_is_refused(client, editor, week_of_plans, key):
    client.force_login(editor)
    response = move(client, key, "2024-09-23T09:00")
    assert response.status_code == 400
    doc = lxml.html.fromstring(response.content)
    assert [a.text_content() for a in doc.xpath('//*[@role="alert"]')] == [
        "Nothing to move was named."
    ]


def test_a_move_of_something_gone_is_not_found(client, editor, week_of_plans):
    client.force_login(editor)
    assert move(client, "plan-999999", "2024-09-23T09:00").status_code == 404
    assert move(client, "article-999999", "2024-09-23T09:00").status_code == 404


def test_a_move_needs_the_csrf_token(editor, week_of_plans):
    client = Client(enforce_csrf_checks=True)
    client.force_login(editor)
    assert move(client, f"plan-{week_of_plans['idea'].pk}", "2024-09-23T09:00").status_code == 403
