"""The newsroom's people at work: one user per role, a section, and drafts owned by each."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser, Group
from django.utils.text import slugify

from masthead.articles.models import ArticlePage
from masthead.newsroom.roles import NewsroomRole
from masthead.sections.models import SectionPage
from tests.conftest import NOW, add_section


@dataclass
class Staff:
    reporter: AbstractBaseUser
    editor: AbstractBaseUser
    chief: AbstractBaseUser

    def of(self, role: NewsroomRole) -> AbstractBaseUser:
        return {
            NewsroomRole.REPORTER: self.reporter,
            NewsroomRole.EDITOR: self.editor,
            NewsroomRole.CHIEF_EDITOR: self.chief,
        }[role]


def staff_member(username: str, role: NewsroomRole) -> AbstractBaseUser:
    user = get_user_model().objects.create_user(
        username, f"{username}@example.com", "pw", first_name=username.title()
    )
    user.groups.add(Group.objects.get(name=role.value))
    return user


def fresh(user: AbstractBaseUser) -> AbstractBaseUser:
    """The user read again, without the permissions Django and Wagtail cache on the object."""
    return get_user_model().objects.get(pk=user.pk)


def add_draft(section: SectionPage, owner: AbstractBaseUser, title: str, **fields) -> ArticlePage:
    """An article as a reporter leaves it: saved, never published."""
    article = ArticlePage(
        title=title,
        slug=slugify(title),
        live=False,
        owner=owner,
        published_at=fields.pop("published_at", NOW - dt.timedelta(hours=1)),
        **fields,
    )
    section.add_child(instance=article)
    article.save_revision(user=owner)
    article.refresh_from_db()
    return article


@pytest.fixture
def staff(db) -> Staff:
    return Staff(
        reporter=staff_member("roma", NewsroomRole.REPORTER),
        editor=staff_member("edyta", NewsroomRole.EDITOR),
        chief=staff_member("chrystia", NewsroomRole.CHIEF_EDITOR),
    )


@pytest.fixture
def section(db) -> SectionPage:
    return add_section("News")
