"""The scheduling queue's worker, run in the test's own process and transaction."""

from __future__ import annotations

import pytest
from django_tasks_db.models import DBTaskResult

from tests import worker


def run_worker() -> None:
    """What the worker of ``make serve`` runs, once: every ready task of its queues."""
    worker.run_worker("default", "scheduling")


@pytest.fixture
def no_tasks(db) -> None:
    """Start with no task rows (the test database's migration enqueued the first sweep)."""
    DBTaskResult.objects.all().delete()
