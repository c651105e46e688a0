"""Edge purges (masthead/edge/purging.py): recorded as a task with the change that asks for them,
sent by the task worker after the commit, and retried, with a growing delay, until they go."""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any, ClassVar

import pytest
from django.db import transaction
from django.test import override_settings
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from masthead.articles.models import ArticlePage
from masthead.edge.backends import KeyPurgingBackend, PurgeError
from masthead.edge.purging import purge_keys, purge_later, retry_delay
from masthead.serving.invalidation import keys_changed
from tests.conftest import NOW
from tests.worker import run_worker

RECORDING = f"{__name__}.RecordingEdge"
KEYS = ["article-12", "latest-news-1", "section-3-listing"]


class RecordingEdge(KeyPurgingBackend):
    """An edge that records the keys it is asked to purge; the first ``FAILURES`` purges fail,
    as they do while the edge is down."""

    purged: ClassVar[list[list[str]]] = []
    attempts: ClassVar[int] = 0

    def __init__(self, params: dict[str, Any]) -> None:
        self.failures = params.pop("FAILURES", 0)
        super().__init__(params)

    def purge_keys(self, keys) -> None:
        RecordingEdge.attempts += 1
        if RecordingEdge.attempts <= self.failures:
            raise PurgeError([f"http://edge.invalid: down (attempt {RecordingEdge.attempts})"])
        RecordingEdge.purged.append(list(keys))

    def purge_batch(self, urls) -> None:
        pass


@contextmanager
def edge(failures: int = 0) -> Iterator[type[RecordingEdge]]:
    """A recording edge configured as the only one."""
    RecordingEdge.purged, RecordingEdge.attempts = [], 0
    config = {"recording": {"BACKEND": RECORDING, "FAILURES": failures}}
    with override_settings(WAGTAILFRONTENDCACHE=config):
        yield RecordingEdge


def attempt(task: DBTaskResult) -> int:
    args = task.args_kwargs["args"]
    return args[1] if len(args) > 1 else 1


def queued() -> list[DBTaskResult]:
    """Every purge task on the edge backend, by attempt."""
    tasks = DBTaskResult.objects.filter(backend_name="edge", task_path=purge_keys.module_path)
    return sorted(tasks, key=attempt)


def waiting() -> list[DBTaskResult]:
    return [task for task in queued() if task.status == "READY"]


class Rollback(Exception):
    pass


def test_a_purge_is_written_with_the_change_and_goes_with_its_rollback(db):
    with edge() as recording, pytest.raises(Rollback), transaction.atomic():
        purge_later(["section-3-listing", "article-12", "article-12"])
        # In the change's own transaction: a worker sees it exactly when the change commits.
        (task,) = queued()
        assert task.args_kwargs == {"args": [["article-12", "section-3-listing"]], "kwargs": {}}
        assert task.status == "READY"
        assert recording.purged == []  # sent by the worker, never by the change itself
        raise Rollback
    assert queued() == []


def test_a_change_enqueues_exactly_the_keys_it_emits_and_never_waits_for_the_edge(newsroom):
    emitted: set[str] = set()

    def record(sender, keys, **kwargs) -> None:
        emitted.update(keys)

    keys_changed.connect(record, weak=False)
    try:
        with edge(failures=100) as recording:
            item = ArticlePage.objects.get(pk=newsroom.items[0].pk)
            item.title = "A corrected headline"
            item.save_revision().publish()  # the edge is down: the editor is not told
    finally:
        keys_changed.disconnect(record)
    assert f"article-{item.pk}" in emitted
    purged = {key for task in queued() for key in task.args_kwargs["args"][0]}
    assert purged == emitted
    assert recording.attempts == 0


def test_the_worker_purges_the_queued_keys(db):
    with edge() as recording:
        purge_later(KEYS)
        run_worker()
    assert recording.purged == [KEYS]
    (task,) = queued()
    assert task.status == "SUCCESSFUL"


def test_a_failed_purge_is_logged_and_retried_later_until_it_goes(db, time_machine, caplog):
    time_machine.move_to(NOW, tick=False)
    with edge(failures=2) as recording, caplog.at_level(logging.ERROR, "masthead.edge.purging"):
        purge_later(KEYS)
        run_worker()  # attempt 1 fails

        (first, retry) = queued()
        assert first.status == "SUCCESSFUL"  # it handed the purge on
        assert retry.status == "READY"
        assert retry.args_kwargs == {"args": [KEYS, 2], "kwargs": {}}
        assert retry.run_after == timezone.now() + dt.timedelta(seconds=retry_delay(1))
        (record,) = caplog.records
        assert record.levelno == logging.ERROR
        # "edge purge of %d keys failed (attempt %d), retrying in %d s: %s"
        count, number, delay, error = record.args
        assert (count, number, delay) == (len(KEYS), 1, retry_delay(1))
        assert error.failures == ["[recording] http://edge.invalid: down (attempt 1)"]

        run_worker()  # not yet due
        assert recording.attempts == 1

        time_machine.shift(retry_delay(1))
        run_worker()  # attempt 2 fails
        (again,) = waiting()
        assert again.args_kwargs == {"args": [KEYS, 3], "kwargs": {}}
        assert again.run_after == timezone.now() + dt.timedelta(seconds=retry_delay(2))
        assert [r.args[1:3] for r in caplog.records] == [(1, retry_delay(1)), (2, retry_delay(2))]

        time_machine.shift(retry_delay(2))
        run_worker()  # the edge is back
    assert recording.purged == [KEYS]
    assert recording.attempts == 3
    assert waiting() == []
    assert len(queued()) == 3


def test_the_retry_delay_doubles_and_then_stays_at_five_minutes():
    delays = [retry_delay(attempt) for attempt in range(1, 13)]
    assert delays == [2, 4, 8, 16, 32, 64, 128, 256, 300, 300, 300, 300]
    assert retry_delay(10_000) == 300


def test_nothing_is_enqueued_without_an_edge(newsroom):
    with override_settings(WAGTAILFRONTENDCACHE={}):
        purge_later(KEYS)
        item = ArticlePage.objects.get(pk=newsroom.items[0].pk)
        item.title = "A corrected headline"
        item.save_revision().publish()
    assert queued() == []


def test_with_a_backend_that_runs_tasks_at_once_the_purge_waits_for_the_commit(
    db, django_capture_on_commit_callbacks
):
    immediate = {"edge": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    with edge() as recording, override_settings(TASKS=immediate):
        with django_capture_on_commit_callbacks(execute=True):
            purge_later(KEYS)
            assert recording.purged == []  # the edge would fetch the old page again
        assert recording.purged == [KEYS]
    assert queued() == []
