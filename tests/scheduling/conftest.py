"""The scheduling queue's worker, run in the test's own process and transaction."""

from __future__ import annotations

import io
import logging
import signal
from unittest import mock

import pytest
from django.core.management import call_command
from django_tasks_db.models import DBTaskResult


def run_worker() -> None:
    """What the worker of ``make serve`` runs, once: every ready task, then exit
    (``--batch``). Its connection recycling is held off (it would end the test's transaction on
    PostgreSQL) and the signal handlers and log levels it sets are put back."""
    handlers = {sig: signal.getsignal(sig) for sig in (signal.SIGINT, signal.SIGTERM)}
    loggers = [logging.getLogger(name) for name in ("django_tasks", "django_tasks_db")]
    levels = [logger.level for logger in loggers]
    try:
        with mock.patch("django_tasks_db.management.commands.db_worker.close_old_connections"):
            call_command(
                "db_worker",
                "--backend",
                "edge",
                "--queue-name",
                "default,scheduling",
                "--batch",
                "--no-startup-delay",
                verbosity=0,
                stdout=io.StringIO(),
                stderr=io.StringIO(),
            )
    finally:
        for sig, handler in handlers.items():
            signal.signal(sig, handler)
        for logger, level in zip(loggers, levels, strict=True):
            logger.setLevel(level)


@pytest.fixture
def no_tasks(db) -> None:
    """Start with no task rows (the test database's migration enqueued the first sweep)."""
    DBTaskResult.objects.all().delete()
