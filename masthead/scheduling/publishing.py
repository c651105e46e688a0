"""What is due, published and unpublished: Wagtail's ``publish_scheduled`` made safe to run from
a worker at any moment, in any number of processes.

The same steps as the command, in its order (expiry, then go-live), through the same public
calls (``unpublish(set_expired=True)``, ``Revision.publish``) and log actions, so every go-live
and expiry fires Wagtail's ``page_published``/``page_unpublished`` signals and the invalidation
map purges what it changed. Two differences, both for running unattended: each item is done in
its own transaction, with its row locked and read again, so a second sweep running at the same
time skips it rather than publishing it twice; and one item that fails is logged and counted
rather than stopping every item after it.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from django.apps import apps
from django.db import transaction
from django.db.models import Model
from django.utils import timezone
from wagtail.models import DraftStateMixin, Page, Revision

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Outcome:
    published: int = 0
    unpublished: int = 0
    failed: int = 0


def scheduled_models() -> list[type[Model]]:
    """Pages, and every other model with a live state (snippets), as the command has them."""
    others = [
        model
        for model in apps.get_models()
        if issubclass(model, DraftStateMixin) and not issubclass(model, Page)
    ]
    return [Page, *others]


def _expire(model: type[Model], pk: int) -> bool:
    with transaction.atomic():
        objects = model.objects.select_for_update()
        if model is Page:
            objects = objects.specific()  # the signal's receivers see the article itself
        obj = objects.filter(pk=pk, live=True, expire_at__lte=timezone.now()).first()
        if obj is None:
            return False  # expired already, by another sweep, or its expiry changed
        obj.unpublish(set_expired=True, log_action="wagtail.unpublish.scheduled")
        return True


def _go_live(revision_id: int) -> bool:
    with transaction.atomic():
        revision = (
            Revision.objects.select_for_update()
            .filter(pk=revision_id, approved_go_live_at__lte=timezone.now())
            .first()
        )
        if revision is None:
            return False  # published already, unscheduled, or moved later
        revision.publish(log_action="wagtail.publish.scheduled")
        # Wagtail schedules it again instead when the revision's own go-live is still ahead.
        revision.refresh_from_db(fields=["approved_go_live_at"])
        return revision.approved_go_live_at is None


def publish_due() -> Outcome:
    """Unpublish everything past its expiry, then publish every revision past its go-live."""
    now = timezone.now()
    published = unpublished = failed = 0
    for model in scheduled_models():
        due = model.objects.filter(live=True, expire_at__lte=now).order_by("expire_at")
        for pk in list(due.values_list("pk", flat=True)):
            try:
                unpublished += _expire(model, pk)
            except Exception:
                failed += 1
                logger.exception("scheduled expiry of %s pk=%s failed", model.__name__, pk)
    due_revisions = Revision.objects.filter(approved_go_live_at__lte=now)
    for revision_id in list(
        due_revisions.order_by("approved_go_live_at").values_list("pk", flat=True)
    ):
        try:
            published += _go_live(revision_id)
        except Exception:
            failed += 1
            logger.exception("scheduled go-live of revision %s failed", revision_id)
    return Outcome(published=published, unpublished=unpublished, failed=failed)
