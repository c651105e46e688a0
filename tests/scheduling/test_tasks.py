"""The sweep keeps itself going on the worker, one pending at most, and records its heartbeat;
a migration starts it."""

from __future__ import annotations

import datetime as dt

from django.core.management import call_command
from django.test import override_settings
from django_tasks_db.models import DBTaskResult

from masthead.scheduling.models import Heartbeat
from masthead.scheduling.tasks import ensure_sweep, pending_sweeps, sweep, sweep_interval
from tests.conftest import NOW

from .conftest import run_worker


def test_the_sweep_enqueues_the_next_one_and_records_its_run(no_tasks, time_machine):
    time_machine.move_to(NOW, tick=False)
    assert ensure_sweep()
    run_worker()
    (pending,) = pending_sweeps()
    assert pending.run_after == NOW + sweep_interval()
    assert Heartbeat.read().last_run_at == NOW

    run_worker()  # not due yet
    assert Heartbeat.read().last_run_at == NOW

    time_machine.shift(sweep_interval())
    run_worker()
    assert Heartbeat.read().last_run_at == NOW + sweep_interval()
    (pending,) = pending_sweeps()
    assert pending.run_after == NOW + 2 * sweep_interval()
    done = DBTaskResult.objects.filter(task_path=sweep.module_path, status="SUCCESSFUL")
    assert done.count() == 2


def test_the_interval_is_a_setting(no_tasks):
    with override_settings(MASTHEAD_SCHEDULING_SWEEP_SECONDS=5):
        assert sweep_interval() == dt.timedelta(seconds=5)
    assert sweep_interval() == dt.timedelta(seconds=30)


def test_asking_for_a_sweep_again_and_again_leaves_one_pending(no_tasks):
    assert ensure_sweep()
    assert not any(ensure_sweep() for _ in range(5))
    assert pending_sweeps().count() == 1


def test_a_failing_sweep_has_already_enqueued_the_next(no_tasks, time_machine, monkeypatch):
    time_machine.move_to(NOW, tick=False)

    def broken():
        raise RuntimeError("the database went away")

    monkeypatch.setattr("masthead.scheduling.tasks.publish_due", broken)
    ensure_sweep()
    run_worker()
    assert DBTaskResult.objects.get(task_path=sweep.module_path, status="FAILED")
    (pending,) = pending_sweeps()
    assert pending.run_after == NOW + sweep_interval()


def test_a_migration_starts_the_sweep_once(no_tasks):
    call_command("migrate", "scheduling", verbosity=0)
    call_command("migrate", "scheduling", verbosity=0)
    assert pending_sweeps().count() == 1
