"""The demo's one user per role (masthead/demo/users.py)."""

from __future__ import annotations

from django.contrib.auth import get_user_model

from masthead.demo.users import DEMO_USERS, DemoLogin, ensure_newsroom_users
from masthead.newsroom.roles import NewsroomRole


def test_one_user_per_role_who_can_log_in(db, client):
    logins = ensure_newsroom_users()

    assert logins == [
        DemoLogin("reporter", "masthead-reporter", "Reporter"),
        DemoLogin("editor", "masthead-editor", "Editor"),
        DemoLogin("chief", "masthead-chief", "Chief editor"),
    ]
    users = get_user_model().objects.in_bulk(
        [d.username for d in DEMO_USERS], field_name="username"
    )
    for demo in DEMO_USERS:
        assert list(users[demo.username].groups.values_list("name", flat=True)) == [demo.role]
    assert {demo.role for demo in DEMO_USERS} == set(NewsroomRole)
    assert client.login(username="editor", password="masthead-editor")
    assert client.get("/admin/").status_code == 200


def test_run_again_it_changes_no_password(db):
    ensure_newsroom_users()
    editor = get_user_model().objects.get(username="editor")
    editor.set_password("chosen-by-the-editor")
    editor.save()
    stored = editor.password

    logins = ensure_newsroom_users()

    editor.refresh_from_db()
    assert editor.password == stored
    assert DemoLogin("editor", None, "Editor") in logins
    assert (
        get_user_model().objects.filter(username__in=["reporter", "editor", "chief"]).count() == 3
    )
