"""The newsroom's roles on forecasts: editors and chief editors mark forecasts, accept or
dismiss what the detector proposes, and resolve them (a resolution is never changed, only
revised by a new one, so nobody may change or delete one). Reporters see them."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

REPORTERS, EDITORS, CHIEF_EDITORS = "Reporters", "Editors", "Chief editors"

_SEE = ("forecasts.view_forecast", "forecasts.view_candidate", "forecasts.view_resolution")
_DESK = (
    *_SEE,
    "forecasts.add_forecast",
    "forecasts.change_forecast",
    "forecasts.delete_forecast",
    "forecasts.change_candidate",
    "forecasts.add_resolution",
)
GRANTS = {REPORTERS: _SEE, EDITORS: _DESK, CHIEF_EDITORS: _DESK}


def grant(apps, schema_editor) -> None:
    using = schema_editor.connection.alias
    app_config = apps.get_app_config("forecasts")
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
    dependencies = [("newsroom", "0003_desk_permissions"), ("forecasts", "0001_forecasts")]
    operations = [migrations.RunPython(grant, revoke)]
