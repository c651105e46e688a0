"""The newsroom's roles: exactly three groups, and what each may do, action by action, asked of
Wagtail's own permission policies, with some of the cells also tried through the admin."""

from __future__ import annotations

import datetime as dt

import lxml.html
import pytest
from django.contrib.auth.models import AbstractBaseUser, Group
from django.urls import reverse
from wagtail.images.models import Image
from wagtail.models import GroupPagePermission, Page, Revision
from wagtail.permissions import policy_registry

from masthead.articles.models import ArticlePage
from masthead.editions.models import Edition
from masthead.newsroom.roles import NewsroomRole, can_delete_page
from masthead.people.models import Person
from masthead.policies.models import TrustPolicies
from masthead.programmes.models import Programme
from tests.conftest import NOW, add_article

from .admin_forms import page_form_data
from .conftest import Staff, add_draft, fresh, staff_member

Y, N = True, False
ROLES = (NewsroomRole.REPORTER, NewsroomRole.EDITOR, NewsroomRole.CHIEF_EDITOR)

# What each role may do: (reporter, editor, chief editor). Any change to a cell fails the test.
MATRIX: dict[str, tuple[bool, bool, bool]] = {
    "create": (Y, Y, Y),
    "edit own": (Y, Y, Y),
    "edit others'": (N, Y, Y),
    "submit": (Y, Y, Y),
    "approve": (N, Y, Y),
    "publish": (N, Y, Y),
    "schedule": (N, Y, Y),
    "unpublish": (N, Y, Y),
    "delete": (N, N, Y),
    "manage people": (N, Y, Y),
    "delete people": (N, N, Y),
    "manage programmes": (N, Y, Y),
    "upload images": (Y, Y, Y),
    "manage settings": (N, N, Y),
    "access admin": (Y, Y, Y),
}


def abilities(
    user: AbstractBaseUser,
    own: ArticlePage,
    others: ArticlePage,
    in_review: ArticlePage,
) -> dict[str, bool]:
    """What ``user`` may do, each asked the way the admin asks it. ``own`` is the user's draft,
    ``others`` a colleague's live article, ``in_review`` a colleague's article awaiting review."""
    user = fresh(user)
    own_page, others_page = own.permissions_for_user(user), others.permissions_for_user(user)
    section = own.get_parent().specific
    task = in_review.current_workflow_task
    people = policy_registry.get_by_type(Person)
    programmes = policy_registry.get_by_type(Programme)
    return {
        "create": section.permissions_for_user(user).can_add_subpage()
        and ArticlePage.can_create_at(section),
        "edit own": own_page.can_edit(),
        "edit others'": others_page.can_edit(),
        "submit": own_page.can_edit() and own_page.can_submit_for_moderation(),
        "approve": task.user_can_access_editor(in_review, user)
        and "approve" in {name for name, _, _ in task.get_actions(in_review, user)},
        "publish": own_page.can_publish(),
        # Wagtail schedules by publishing with a go-live in the future (tried over HTTP below).
        "schedule": own_page.can_publish() and own_page.can_unschedule(),
        "unpublish": others_page.can_unpublish(),
        "delete": can_delete_page(user, own) or can_delete_page(user, others),
        "manage people": people.user_has_permission(user, "add")
        and people.user_has_permission(user, "change"),
        "delete people": people.user_has_permission(user, "delete"),
        "manage programmes": programmes.user_has_permission(user, "add")
        and programmes.user_has_permission(user, "change"),
        "upload images": policy_registry.get_by_type(Image).user_has_permission(user, "add"),
        "manage settings": all(
            policy_registry.get_by_type(model).user_has_permission(user, "change")
            for model in (Edition, TrustPolicies)
        ),
        "access admin": user.has_perm("wagtailadmin.access_admin"),
    }


def test_a_fresh_install_has_exactly_the_newsroom_roles(db):
    assert set(Group.objects.values_list("name", flat=True)) == {role.value for role in ROLES}
    # Every page permission is granted on the root of the tree, so it covers every edition.
    assert set(GroupPagePermission.objects.values_list("page__depth", flat=True)) == {1}


def test_every_role_can_do_what_the_matrix_says_and_nothing_else(staff: Staff, section):
    colleague = staff_member("colleague", NewsroomRole.REPORTER)
    others = add_article(section, "A colleague's story", NOW - dt.timedelta(hours=3))
    others.owner = colleague
    others.save(update_fields=["owner"])
    in_review = add_draft(section, colleague, "A colleague's story for review")
    in_review.get_workflow().start(in_review, colleague)
    in_review.refresh_from_db()

    found = {action: [] for action in MATRIX}
    for role in ROLES:
        user = staff.of(role)
        own = add_draft(section, user, f"Draft by {user.get_username()}")
        for action, allowed in abilities(user, own, others, in_review).items():
            found[action].append(allowed)

    assert {action: tuple(cells) for action, cells in found.items()} == MATRIX


def _edit(client, user, page: Page, **changes: str):
    client.force_login(user)
    url = reverse("wagtailadmin_pages:edit", args=[page.pk])
    form = page_form_data(client.get(url).content, "page-edit-form", **changes)
    return client.post(url, form)


def _saved_lead(page: Page) -> str:
    return page.get_latest_revision_as_object().lead


@pytest.mark.parametrize(
    ("role", "publishes"),
    [(NewsroomRole.REPORTER, False), (NewsroomRole.EDITOR, True)],
)
def test_publishing_over_http(client, staff: Staff, section, role, publishes):
    user = staff.of(role)
    draft = add_draft(section, user, "A story to publish")

    response = _edit(client, user, draft, lead="Checked and ready.", **{"action-publish": "1"})

    assert response.status_code == 302
    draft.refresh_from_db()
    assert _saved_lead(draft) == "Checked and ready."  # the form was saved either way
    assert draft.live is publishes


@pytest.mark.parametrize(
    ("role", "schedules"),
    [(NewsroomRole.REPORTER, False), (NewsroomRole.EDITOR, True)],
)
def test_scheduling_over_http(client, staff: Staff, section, role, schedules, frozen_now):
    user = staff.of(role)
    draft = add_draft(section, user, "A story for next month")
    # A month ahead, so the admin's time zone cannot make it the past.
    go_live = (frozen_now + dt.timedelta(days=30)).strftime("%Y-%m-%d %H:%M")

    response = _edit(
        client, user, draft, lead="For next month.", go_live_at=go_live, **{"action-publish": "1"}
    )

    assert response.status_code == 302
    draft.refresh_from_db()
    assert _saved_lead(draft) == "For next month."
    assert not draft.live
    scheduled = Revision.page_revisions.filter(
        object_id=str(draft.pk), approved_go_live_at__isnull=False
    )
    assert scheduled.exists() is schedules


def test_a_reporter_cannot_unpublish_over_http(client, staff: Staff, section):
    article = add_article(section, "A live story", NOW - dt.timedelta(hours=1))
    client.force_login(staff.reporter)

    client.post(reverse("wagtailadmin_pages:unpublish", args=[article.pk]))

    article.refresh_from_db()
    assert article.live


@pytest.mark.parametrize(
    ("role", "opens"),
    [
        (NewsroomRole.REPORTER, False),
        (NewsroomRole.EDITOR, True),
        (NewsroomRole.CHIEF_EDITOR, True),
    ],
)
def test_who_opens_the_people_add_form(client, staff: Staff, role, opens):
    client.force_login(staff.of(role))

    response = client.get(reverse("wagtailsnippets_people_person:add"))

    assert (response.status_code == 200) is opens
    if opens:
        form = lxml.html.fromstring(response.content).xpath("//form[@method='POST']//*[@name]")
        assert "name" in {field.get("name") for field in form}


def test_an_editor_adds_a_guest_over_http(client, staff: Staff):
    client.force_login(staff.editor)

    response = client.post(
        reverse("wagtailsnippets_people_person:add"),
        {"name": "Iryna Guest", "slug": "iryna-guest", "description": "Economist"},
    )

    assert response.status_code == 302, response.content[:2000]
    assert Person.objects.filter(slug="iryna-guest").exists()


@pytest.mark.parametrize("setting", [("editions", "edition"), ("policies", "trustpolicies")])
@pytest.mark.parametrize(
    ("role", "opens"),
    [(NewsroomRole.EDITOR, False), (NewsroomRole.CHIEF_EDITOR, True)],
)
def test_who_opens_the_edition_settings(client, staff: Staff, role, opens, setting):
    # Refused on every database, not a 500 (masthead/editions/site_settings.py).
    client.force_login(staff.of(role))

    response = client.get(reverse("wagtailsettings:edit", args=list(setting)), follow=True)

    assert response.status_code == 200
    # Refused, the admin sends them to its home page with a message.
    assert (response.resolver_match.view_name == "wagtailsettings:edit") is opens
