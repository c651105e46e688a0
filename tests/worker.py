"""The task worker, run in the test's own process and transaction."""

from __future__ import annotations

import io
import logging
import signal
from unittest import mock

from django.core.management import call_command


def run_worker(*queues: str) -> None:
    """``manage.py db_worker --backend edge --batch`` (over ``queues``, when given; else the
    default queue): every ready task, then exit. Its connection recycling is held off (it
    would end the test's transaction on PostgreSQL) and the signal handlers and log levels it
    sets are put back."""
    handlers = {sig: signal.getsignal(sig) for sig in (signal.SIGINT, signal.SIGTERM)}
    loggers = [logging.getLogger(name) for name in ("django_tasks", "django_tasks_db")]
    levels = [logger.level for logger in loggers]
    queue_args = ["--queue-name", ",".join(queues)] if queues else []
    try:
        with mock.patch("django_tasks_db.management.commands.db_worker.close_old_connections"):
            call_command(
                "db_worker",
                "--backend",
                "edge",
                *queue_args,
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
