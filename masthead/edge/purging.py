"""Edge purges: sent by the task worker once the change that asks for them commits, retried
until they go.

``purge_later(keys)`` records a purge of ``keys`` as a task on the ``edge`` task backend
(``TASKS`` in settings). With the database backend (django-tasks-db, the default) the task row
is written in the same transaction as the change itself: it exists exactly when the change does,
and a worker (``manage.py db_worker --backend edge``) sends it after the commit. A purge that
fails is logged and enqueued again with a growing delay, so it is never lost and never blocks
the editor who made the change.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Iterable

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django_tasks import task, task_backends
from django_tasks_db import DatabaseBackend

from .backends import PurgeError, purge_keys_from_cache

logger = logging.getLogger(__name__)

BACKEND = "edge"
# Seconds before the n-th retry: 2, 4, 8 … up to five minutes, for as long as it takes.
_LONGEST_WAIT = 300


def retry_delay(attempt: int) -> int:
    return min(2**attempt, _LONGEST_WAIT)


@task(backend=BACKEND)
def purge_keys(keys: list[str], attempt: int = 1) -> int:
    """Purge ``keys`` from every configured edge; on failure, enqueue the same purge again."""
    try:
        purge_keys_from_cache(keys)
    except PurgeError as error:
        delay = retry_delay(attempt)
        logger.error(
            "edge purge of %d keys failed (attempt %d), retrying in %d s: %s",
            len(keys),
            attempt,
            delay,
            error,
        )
        purge_keys.using(run_after=timezone.now() + dt.timedelta(seconds=delay)).enqueue(
            keys, attempt + 1
        )
    return len(keys)


def edges_configured() -> bool:
    return bool(getattr(settings, "WAGTAILFRONTENDCACHE", None))


def purge_later(keys: Iterable[str]) -> None:
    """Purge ``keys`` from the edge once the current transaction commits (nothing to do when no
    edge is configured)."""
    found = sorted(set(keys))
    if not found or not edges_configured():
        return
    if isinstance(task_backends[BACKEND], DatabaseBackend):
        # Written with the change: the worker cannot see it before the commit, and it is gone
        # with a rollback.
        purge_keys.enqueue(found)
    else:
        # A backend that runs tasks at once must wait for the commit, or the edge would fetch
        # the old page again before the change is visible.
        transaction.on_commit(lambda: purge_keys.enqueue(found))
