"""What enqueues scheduled publishing: a revision approved to go live later, a page published
with an expiry, and a migration (which `make demo` and `make serve-production` run before they
start the worker) starting the sweep."""

from __future__ import annotations

from django.db import DEFAULT_DB_ALIAS
from django.db.models.signals import post_save
from django.dispatch import receiver
from django.utils import timezone
from wagtail.models import Revision
from wagtail.signals import page_published

from .tasks import ensure_sweep, publish_at


@receiver(post_save, sender=Revision)
def revision_scheduled(sender, instance: Revision, **kwargs) -> None:
    # Wagtail's publish action (an editor's "Publish", a workflow's approval) sets
    # approved_go_live_at, and saves the revision, when the go-live is in the future.
    go_live = instance.approved_go_live_at
    if go_live is not None and go_live > timezone.now():
        publish_at(go_live)


@receiver(page_published)
def published_with_expiry(sender, instance, **kwargs) -> None:
    if instance.expire_at is not None and instance.expire_at > timezone.now():
        publish_at(instance.expire_at)


def migrated(sender, using: str = DEFAULT_DB_ALIAS, apps=None, **kwargs) -> None:
    """Connected in ``apps.py`` for this app's own post_migrate: after a migration that leaves
    the heartbeat and the task tables in place (not one that unapplies them)."""
    if using != DEFAULT_DB_ALIAS or apps is None:
        return
    try:
        apps.get_model("scheduling", "Heartbeat")
        apps.get_model("django_tasks_database", "DBTaskResult")
    except LookupError:
        return
    ensure_sweep()
