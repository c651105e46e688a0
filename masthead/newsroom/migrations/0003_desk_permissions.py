"""The newsroom's roles on the desk's own models: the breaking-news flag and the planning
calendar.

Editors and chief editors raise, clear and remove a breaking-news flag. Everyone plans: a
reporter adds ideas and sees the calendar; editors and chief editors move and change plan
items (rescheduling from the calendar) and remove them.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

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


def grant(apps, schema_editor) -> None:
    using = schema_editor.connection.alias
    for label in ("planning", "breaking"):
        app_config = apps.get_app_config(label)
        app_config.models_module = True  # see 0001_roles: needed for create_permissions here
        try:
            create_permissions(app_config, verbosity=0, using=using, apps=apps)
        finally:
            del app_config.models_module
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, labels in GRANTS.items():
        group = Group.objects.using(using).get(name=name)
        for label in labels:
            app_label, codename = label.split(".")
            group.permissions.add(
                Permission.objects.using(using).get(
                    content_type__app_label=app_label, codename=codename
                )
            )


def revoke(apps, schema_editor) -> None:
    using = schema_editor.connection.alias
    Group = apps.get_model("auth", "Group")
    for name, labels in GRANTS.items():
        group = Group.objects.using(using).get(name=name)
        for label in labels:
            app_label, codename = label.split(".")
            group.permissions.remove(
                *group.permissions.filter(content_type__app_label=app_label, codename=codename)
            )


class Migration(migrations.Migration):
    dependencies = [
        ("newsroom", "0002_editor_review"),
        ("planning", "0001_initial"),
        ("breaking", "0001_initial"),
    ]
    operations = [migrations.RunPython(grant, revoke)]
