"""Scheduled publishing run by the task worker that already sends the edge purges.

Two kinds of task, on the ``scheduling`` queue of the ``edge`` task backend (``TASKS`` in
settings; ``make serve`` and ``make serve-production`` run one ``db_worker`` for both queues):

- ``publish_on_time``: enqueued when something is scheduled (``receivers.py``), to run at its
  go-live or expiry, so it happens within the worker's polling interval of its time;
- ``sweep``: the safety net, every ``sweep_interval()``: publishes and unpublishes anything due
  (whatever its way of being scheduled) and records the heartbeat the dashboard shows. Each sweep
  enqueues the next before it starts its work, so the worker keeps it going with no cron, and a
  sweep that fails or a worker killed mid-sweep leaves the next one waiting. ``ensure_sweep``
  keeps one sweep pending at most, whoever calls it and from however many processes.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django_tasks import task
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from masthead.forecasts.reminders import remind_due

from .models import Heartbeat
from .publishing import Outcome, publish_due

BACKEND = "edge"
QUEUE = "scheduling"
# Ahead of purges waiting on the same worker: the purges a go-live makes come after it.
PRIORITY = 10


def sweep_interval() -> dt.timedelta:
    """How often the sweep runs (``MASTHEAD_SCHEDULING_SWEEP_SECONDS``, 30 s by default)."""
    return dt.timedelta(seconds=getattr(settings, "MASTHEAD_SCHEDULING_SWEEP_SECONDS", 30))


@task(backend=BACKEND, queue_name=QUEUE, priority=PRIORITY)
def publish_on_time() -> dict[str, int]:
    """Publish and unpublish whatever is due; enqueued to run at a go-live or an expiry."""
    return _as_result(publish_due())


@task(backend=BACKEND, queue_name=QUEUE, priority=PRIORITY)
def sweep() -> dict[str, int]:
    """Enqueue the next sweep, publish and unpublish whatever is due, record the heartbeat."""
    ensure_sweep(after=timezone.now() + sweep_interval())
    outcome = publish_due()
    remind_due()  # forecasts that fell due, to the editors who marked them
    Heartbeat.objects.update_or_create(
        pk=Heartbeat.ROW,
        defaults={
            "last_run_at": timezone.now(),
            "published": outcome.published,
            "unpublished": outcome.unpublished,
            "failed": outcome.failed,
        },
    )
    return _as_result(outcome)


def _as_result(outcome: Outcome) -> dict[str, int]:
    return {
        "published": outcome.published,
        "unpublished": outcome.unpublished,
        "failed": outcome.failed,
    }


def pending_sweeps() -> QuerySet[DBTaskResult]:
    return DBTaskResult.objects.filter(
        backend_name=BACKEND, task_path=sweep.module_path, status=TaskResultStatus.READY
    )


def ensure_sweep(after: dt.datetime | None = None) -> bool:
    """Enqueue a sweep (to run at ``after``, or at once) unless one is already pending; True if
    this call enqueued it. The heartbeat row is locked while it looks, so two processes asking
    at once enqueue one sweep between them (SQLite's IMMEDIATE transactions do the same)."""
    with transaction.atomic():
        Heartbeat.locked()
        if pending_sweeps().exists():
            return False
        sweep.using(run_after=after).enqueue()
        return True


def publish_at(when: dt.datetime) -> None:
    """Run ``publish_on_time`` at ``when`` (written with the change that schedules it), and
    make sure the sweep is going."""
    publish_on_time.using(run_after=when).enqueue()
    ensure_sweep()
