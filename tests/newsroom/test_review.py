"""Editor review, through the admin: a reporter submits, an editor approves (which publishes, or
schedules a future go-live) or sends the story back with a comment the reporter then reads."""

from __future__ import annotations

import datetime as dt

import lxml.html
from django.urls import reverse
from wagtail.models import Page, TaskState, Workflow, WorkflowState

from masthead.newsroom.roles import REVIEW_WORKFLOW, REVIEWERS
from tests.conftest import add_section

from .admin_forms import page_form_data
from .conftest import Staff, add_draft

COMMENT = "Name the second source, please."


def _submit(client, staff: Staff, page: Page, **changes: str) -> None:
    client.force_login(staff.reporter)
    url = reverse("wagtailadmin_pages:edit", args=[page.pk])
    form = page_form_data(client.get(url).content, "page-edit-form", **changes)
    response = client.post(url, {**form, "action-submit": "1"})
    assert response.status_code == 302


def _review(client, staff: Staff, page: Page, action: str, comment: str = "") -> None:
    client.force_login(staff.editor)
    task_state = page.current_workflow_task_state
    url = reverse("wagtailadmin_pages:workflow_action", args=[page.pk, action, task_state.pk])
    response = client.post(url, {"comment": comment})
    assert response.status_code == 302


def _messages(html: bytes) -> list[str]:
    tree = lxml.html.fromstring(html)
    return [
        " ".join(item.text_content().split()) for item in tree.xpath("//*[@class='messages']//li")
    ]


def test_every_page_goes_through_editor_review_even_pages_made_later(db, staff, section):
    (workflow,) = Workflow.objects.all()
    assert (workflow.name, workflow.active) == (REVIEW_WORKFLOW, True)
    (task,) = [task.specific for task in workflow.tasks]
    assert set(task.groups.values_list("name", flat=True)) == {role.value for role in REVIEWERS}

    later = add_section("Business")
    draft = add_draft(later, staff.reporter, "Made after the migration")

    assert draft.get_workflow() == workflow
    assert Page.objects.get(depth=1).get_workflow() == workflow


def test_a_reporter_submits_and_an_editor_approves_which_publishes(client, staff, section):
    draft = add_draft(section, staff.reporter, "The council votes")

    _submit(client, staff, draft, lead="The council votes on the budget tonight.")

    draft.refresh_from_db()
    assert draft.workflow_in_progress and not draft.live
    task = draft.current_workflow_task
    assert task.get_task_states_user_can_moderate(staff.editor).filter(
        pk=draft.current_workflow_task_state.pk
    )
    assert not task.get_task_states_user_can_moderate(staff.reporter).exists()

    _review(client, staff, draft, "approve")

    draft.refresh_from_db()
    assert draft.live
    assert draft.lead == "The council votes on the budget tonight."
    assert WorkflowState.objects.get().status == WorkflowState.STATUS_APPROVED


def test_approving_a_future_go_live_schedules_instead_of_publishing(
    client, staff, section, frozen_now
):
    draft = add_draft(section, staff.reporter, "Tomorrow's results")
    # A day ahead, so the admin's time zone cannot make it the past.
    go_live = (frozen_now + dt.timedelta(days=2)).strftime("%Y-%m-%d %H:%M")

    _submit(client, staff, draft, go_live_at=go_live)
    _review(client, staff, draft, "approve")

    draft.refresh_from_db()
    assert not draft.live
    scheduled = draft.scheduled_revision
    assert scheduled is not None
    assert scheduled.approved_go_live_at > frozen_now
    assert WorkflowState.objects.get().status == WorkflowState.STATUS_APPROVED


def test_an_editor_sends_it_back_and_the_reporter_reads_why(client, staff, section):
    draft = add_draft(section, staff.reporter, "Sources say")
    _submit(client, staff, draft)

    _review(client, staff, draft, "reject", comment=COMMENT)

    draft.refresh_from_db()
    state = draft.current_workflow_state
    assert state.status == WorkflowState.STATUS_NEEDS_CHANGES
    assert state.current_task_state.status == TaskState.STATUS_REJECTED
    assert not draft.live

    # The reporter opens the story again: the comment is at the top of the edit form …
    client.force_login(staff.reporter)
    edit = client.get(reverse("wagtailadmin_pages:edit", args=[draft.pk]))
    assert edit.status_code == 200
    assert f"Sent back by Edyta: “{COMMENT}” Workflow history" in _messages(edit.content)
    # … and in the workflow's history, which the message links to.
    history_url = reverse("wagtailadmin_pages:workflow_history_detail", args=[draft.pk, state.pk])
    history = client.get(history_url)
    assert history.status_code == 200
    quoted = lxml.html.fromstring(history.content).xpath("//p[b]/b/text()")
    assert f'"{COMMENT}"' in quoted
    links = lxml.html.fromstring(edit.content).xpath("//*[@class='messages']//a/@href")
    assert history_url in links


def test_resubmitted_after_changes_then_approved(client, staff, section):
    draft = add_draft(section, staff.reporter, "A story sent back")
    _submit(client, staff, draft)
    _review(client, staff, draft, "reject", comment=COMMENT)

    _submit(client, staff, draft, lead="Both sources named.")

    draft.refresh_from_db()
    assert draft.current_workflow_state.status == WorkflowState.STATUS_IN_PROGRESS
    assert not draft.live

    _review(client, staff, draft, "approve")

    draft.refresh_from_db()
    assert draft.live and draft.lead == "Both sources named."


def test_a_reporter_cannot_approve_their_own_story(client, staff, section):
    draft = add_draft(section, staff.reporter, "Self approved")
    _submit(client, staff, draft)
    task_state = draft.current_workflow_task_state

    url = reverse("wagtailadmin_pages:workflow_action", args=[draft.pk, "approve", task_state.pk])
    response = client.post(url, {"comment": ""})

    # Refused: the admin sends whoever is refused to its home page with a message.
    assert (response.status_code, response.url) == (302, reverse("wagtailadmin_home"))
    draft.refresh_from_db()
    assert not draft.live and draft.workflow_in_progress
