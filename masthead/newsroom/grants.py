"""Granting and revoking roles' permissions from a data migration, with the migration's own
app registry: the one way each later migration of this app gives the desk its new rights.

Kept stable on purpose: the migrations that import it are history and must keep running."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping

from django.contrib.auth.management import create_permissions

Grants = Mapping[str, Iterable[str]]  # group name → "app_label.codename" permissions


def create_app_permissions(apps, using: str, app_labels: Iterable[str]) -> None:
    """Django creates permissions after the last migration; a migration granting them needs
    them now."""
    for label in app_labels:
        app_config = apps.get_app_config(label)
        # A migration's app registry has no models module, which create_permissions reads as
        # "this app has no models".
        app_config.models_module = True
        try:
            create_permissions(app_config, verbosity=0, using=using, apps=apps)
        finally:
            del app_config.models_module


def _each(apps, using: str, grants: Grants):
    Group = apps.get_model("auth", "Group")
    for name, labels in grants.items():
        group = Group.objects.using(using).get(name=name)
        for label in labels:
            app_label, codename = label.split(".")
            yield group, app_label, codename


def granting(app_labels: Iterable[str], grants: Grants) -> tuple[Callable, Callable]:
    """The (forwards, backwards) functions of a RunPython giving ``grants`` to their groups,
    the permissions of ``app_labels`` created first."""

    def grant(apps, schema_editor) -> None:
        using = schema_editor.connection.alias
        create_app_permissions(apps, using, app_labels)
        Permission = apps.get_model("auth", "Permission")
        for group, app_label, codename in _each(apps, using, grants):
            group.permissions.add(
                Permission.objects.using(using).get(
                    content_type__app_label=app_label, codename=codename
                )
            )

    def revoke(apps, schema_editor) -> None:
        for group, app_label, codename in _each(apps, schema_editor.connection.alias, grants):
            group.permissions.remove(
                *group.permissions.filter(content_type__app_label=app_label, codename=codename)
            )

    return grant, revoke
