"""An editor at the admin's home page, and what the dashboard's tests schedule."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.contrib.auth.models import Group, Permission
from wagtail.models import GroupApprovalTask, Workflow, WorkflowTask

from masthead.articles.models import ArticlePage
from tests.conftest import add_article


@pytest.fixture
def editor(db, django_user_model):
    """A member of the Editors group, which may use the admin."""
    group, _ = Group.objects.get_or_create(name="Editors")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    user = django_user_model.objects.create_user(
        username="desk", password="desk", first_name="Desk", last_name="Editor"
    )
    user.groups.add(group)
    return user


@pytest.fixture
def review_workflow(db) -> Workflow:
    workflow = Workflow.objects.create(name="Desk review")
    task = GroupApprovalTask.objects.create(name="Desk check")
    task.groups.set(Group.objects.filter(name="Editors"))
    WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    return workflow


def scheduled(section, title: str, go_live: dt.datetime) -> ArticlePage:
    """A draft approved to go live at ``go_live``, as an editor's "Publish" leaves it."""
    article = add_article(section, title, go_live)
    article.unpublish()
    article.refresh_from_db()
    article.go_live_at = go_live
    article.save_revision().publish()
    return article


def overdue(section, title: str, go_live: dt.datetime) -> ArticlePage:
    """A draft scheduled an hour before ``go_live``, whose go-live has passed since without the
    worker (it was not running)."""
    with time_machine.travel(go_live - dt.timedelta(hours=1), tick=False):
        return scheduled(section, title, go_live)
