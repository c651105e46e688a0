"""Who may flag breaking news and work the planning calendar (migration 0003)."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from masthead.planning import permissions as planning

ROLES = ("Reporters", "Editors", "Chief editors")
# (flag breaking news, add a plan item, move a plan item), by role.
EXPECTED = {
    "Reporters": (False, True, False),
    "Editors": (True, True, True),
    "Chief editors": (True, True, True),
}


@pytest.mark.parametrize("role", ROLES)
def test_each_role_on_the_desks_models(db, role):
    user = get_user_model().objects.create_user(f"someone-{role}", password="pw")
    user.groups.add(Group.objects.get(name=role))
    user = get_user_model().objects.get(pk=user.pk)  # no cached permissions
    cells = (
        user.has_perms(["breaking.add_breakingnews", "breaking.change_breakingnews"]),
        user.has_perm("planning.add_planitem"),
        planning.may_move_plan_items(user),
    )
    assert cells == EXPECTED[role]
    assert planning.may_open_calendar(user)
