"""Plan items, a scheduled article, an article in review, and the users who may and may not
move them."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.auth.models import Group, Permission
from django.utils.text import slugify
from wagtail.models import GroupPagePermission, Page, Workflow

from masthead.articles.models import ArticlePage
from masthead.planning.models import ExpectedPerson, ExpectedRole, PlanItem, PlanKind, PlanStatus

KYIV = dt.timezone(dt.timedelta(hours=3))  # Kyiv in September 2024 (EEST)
# The week of the suite's frozen "now" (Friday 20 September 2024, 18:00 in Kyiv).
WEEK = dt.date(2024, 9, 16)


def plan(title: str, at: dt.datetime, **fields) -> PlanItem:
    people = fields.pop("people", [])
    item = PlanItem(title=title, planned_at=at, **fields)
    item.people = [
        ExpectedPerson(person=person, role=role, sort_order=order)
        for order, (person, role) in enumerate(people)
    ]
    item.save()
    return item


def draft(section, title: str, **fields) -> ArticlePage:
    article = ArticlePage(title=title, slug=slugify(title), live=False, **fields)
    section.add_child(instance=article)
    return article


def schedule(section, title: str, go_live_at: dt.datetime, **fields) -> ArticlePage:
    article = draft(section, title, go_live_at=go_live_at, **fields)
    article.save_revision().publish()
    article.refresh_from_db()
    assert article.status_string == "scheduled"
    return article


def submit_for_review(section, title: str, user) -> ArticlePage:
    article = draft(section, title)
    article.save_revision(user=user)
    workflow = article.get_workflow() or Workflow.objects.create(name="Review for tests")
    workflow.start(article, user)
    return article


def user_in_group(django_user_model, username: str, permissions: list[str], publish: bool):
    """A staff member with admin access, the model permissions named (``app.codename``) and,
    with ``publish``, the right to edit and publish every page."""
    group = Group.objects.create(name=f"{username} group")
    codenames = ["wagtailadmin.access_admin", *permissions]
    for name in codenames:
        app_label, codename = name.split(".")
        group.permissions.add(
            Permission.objects.get(content_type__app_label=app_label, codename=codename)
        )
    root = Page.objects.get(depth=1)
    page_codenames = ["add_page", "change_page"] + (["publish_page"] if publish else [])
    for codename in page_codenames:
        GroupPagePermission.objects.create(
            group=group, page=root, permission=Permission.objects.get(codename=codename)
        )
    user = django_user_model.objects.create_user(username, f"{username}@example.com", "pw")
    user.groups.add(group)
    return user


@pytest.fixture
def editor(django_user_model):
    """May change plan items and publish (so schedule) articles."""
    return user_in_group(
        django_user_model,
        "editor",
        ["planning.view_planitem", "planning.add_planitem", "planning.change_planitem"],
        publish=True,
    )


@pytest.fixture
def reporter(django_user_model):
    """May see the calendar but move nothing: no change permission, no publishing."""
    return user_in_group(django_user_model, "reporter", ["planning.view_planitem"], publish=False)


@pytest.fixture
def outsider(django_user_model):
    """Has the admin but no planning permission."""
    return user_in_group(django_user_model, "outsider", [], publish=False)


@pytest.fixture
def week_of_plans(newsroom):
    """A broadcast of Evening Studio and its interview write-up on Thursday, a story idea in
    Politics on Saturday, an article scheduled for Sunday and one in review."""
    n = newsroom
    broadcast = plan(
        "Evening Studio: the guest on the week",
        dt.datetime(2024, 9, 19, 19, 0, tzinfo=KYIV),
        kind=PlanKind.BROADCAST,
        programme=n.programme,
        status=PlanStatus.ASSIGNED,
        people=[(n.guest, ExpectedRole.GUEST), (n.host, ExpectedRole.HOST)],
    )
    write_up = plan(
        "The guest's interview, written up",
        dt.datetime(2024, 9, 19, 21, 30, tzinfo=KYIV),
        section=n.politics,
        programme=n.programme,
        status=PlanStatus.IN_PROGRESS,
        people=[(n.author, ExpectedRole.REPORTER)],
    )
    idea = plan(
        "What the new budget means for schools",
        dt.datetime(2024, 9, 21, 10, 0, tzinfo=KYIV),
        section=n.politics,
    )
    scheduled = schedule(
        n.news, "The bridge reopens on Sunday", dt.datetime(2024, 9, 22, 23, 30, tzinfo=KYIV)
    )
    return {
        "broadcast": broadcast,
        "write_up": write_up,
        "idea": idea,
        "scheduled": scheduled,
    }


def has_class(name: str) -> str:
    """An XPath test for an element with the class ``name``."""
    return f"contains(concat(' ', normalize-space(@class), ' '), ' {name} ')"
