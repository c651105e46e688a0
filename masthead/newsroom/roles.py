"""The newsroom's three roles, each a Django group, and the one rule Wagtail's page permissions
cannot say: deleting a page is a chief editor's decision.

The groups and what they may do are created by this app's migrations (``0001_roles``); what
each role may do, action by action, is pinned by ``tests/newsroom/test_roles.py``.
"""

from __future__ import annotations

from enum import StrEnum
from typing import TYPE_CHECKING

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser

if TYPE_CHECKING:
    from wagtail.models import Page

# Django's own "Can delete page" permission, which Wagtail's page permissions leave unused: a
# chief editor holds it. Wagtail lets whoever may edit a page delete it (a reporter their own
# drafts); the newsroom unpublishes instead, and only a chief editor deletes.
DELETE_PAGES = "wagtailcore.delete_page"


class NewsroomRole(StrEnum):
    """A role in the newsroom, by the name of its group."""

    REPORTER = "Reporters"
    EDITOR = "Editors"
    CHIEF_EDITOR = "Chief editors"

    @property
    def label(self) -> str:
        return {"Reporters": "Reporter", "Editors": "Editor", "Chief editors": "Chief editor"}[
            self.value
        ]


# The reviewers of the "Editor review" workflow (migration 0002_editor_review).
REVIEWERS: tuple[NewsroomRole, ...] = (NewsroomRole.EDITOR, NewsroomRole.CHIEF_EDITOR)
REVIEW_WORKFLOW = "Editor review"


def may_delete_pages(user: AbstractBaseUser | AnonymousUser) -> bool:
    """Whether ``user`` deletes pages at all: a chief editor (or a superuser)."""
    return bool(user.is_active and user.has_perm(DELETE_PAGES))


def can_delete_page(user: AbstractBaseUser | AnonymousUser, page: Page) -> bool:
    """Whether ``user`` may delete ``page``: Wagtail's own test of the page tree, and the
    newsroom's rule that only chief editors delete."""
    return may_delete_pages(user) and page.permissions_for_user(user).can_delete()
