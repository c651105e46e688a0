"""One login per newsroom role for the demo: a reporter, an editor and a chief editor."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import check_password
from django.contrib.auth.models import Group

from masthead.newsroom.roles import NewsroomRole


@dataclass(frozen=True)
class DemoUser:
    username: str
    password: str
    role: NewsroomRole
    first_name: str
    last_name: str


@dataclass(frozen=True)
class DemoLogin:
    """What ``demo_newsroom`` prints for one user; ``password`` is None when someone has changed
    it since the demo made the user."""

    username: str
    password: str | None
    role: str


DEMO_USERS: tuple[DemoUser, ...] = (
    DemoUser("reporter", "masthead-reporter", NewsroomRole.REPORTER, "Roma", "Reporter"),
    DemoUser("editor", "masthead-editor", NewsroomRole.EDITOR, "Edyta", "Editor"),
    DemoUser("chief", "masthead-chief", NewsroomRole.CHIEF_EDITOR, "Chrystia", "Chief"),
)


def ensure_newsroom_users() -> list[DemoLogin]:
    """Create the demo's user for each role unless a user of that name exists, and put each in
    its role's group. An existing user's password is never changed."""
    users = get_user_model()
    logins: list[DemoLogin] = []
    for demo in DEMO_USERS:
        user = users.objects.filter(username=demo.username).first()
        if user is None:
            user = users.objects.create_user(
                demo.username,
                f"{demo.username}@example.com",
                demo.password,
                first_name=demo.first_name,
                last_name=demo.last_name,
            )
        user.groups.add(Group.objects.get(name=demo.role.value))
        # Checked without the upgrade check_password may save: the stored hash stays as it is.
        known = check_password(demo.password, user.password)
        logins.append(DemoLogin(demo.username, demo.password if known else None, demo.role.label))
    return logins
