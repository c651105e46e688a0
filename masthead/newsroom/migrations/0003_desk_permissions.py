"""The newsroom's roles on the desk's own models: the breaking-news flag and the planning
calendar.

Editors and chief editors raise, clear and remove a breaking-news flag. Everyone plans: a
reporter adds ideas and sees the calendar; editors and chief editors move and change plan
items (rescheduling from the calendar) and remove them.
"""

from django.db import migrations

from masthead.newsroom.grants import granting

REPORTERS, EDITORS, CHIEF_EDITORS = "Reporters", "Editors", "Chief editors"

_PLANNING_REPORTERS = ("planning.view_planitem", "planning.add_planitem")
_PLANNING_EDITORS = (*_PLANNING_REPORTERS, "planning.change_planitem", "planning.delete_planitem")
_BREAKING = (
    "breaking.view_breakingnews",
    "breaking.add_breakingnews",
    "breaking.change_breakingnews",
    "breaking.delete_breakingnews",
)
GRANTS = {
    REPORTERS: _PLANNING_REPORTERS,
    EDITORS: (*_PLANNING_EDITORS, *_BREAKING),
    CHIEF_EDITORS: (*_PLANNING_EDITORS, *_BREAKING),
}


class Migration(migrations.Migration):
    dependencies = [
        ("newsroom", "0002_editor_review"),
        ("planning", "0001_initial"),
        ("breaking", "0001_initial"),
    ]
    operations = [migrations.RunPython(*granting(("planning", "breaking"), GRANTS))]
