"""An edge holding the banner inside its pages is purged at the banner's expiry, by the task
worker, with the flag's own transaction."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import override_settings
from django_tasks_db.models import DBTaskResult

from masthead.edge.purging import purge_keys
from tests.breaking.conftest import flag, site_id
from tests.conftest import NOW

EDGE = {"varnish": {"BACKEND": "masthead.edge.backends.VarnishXkeyBackend", "LOCATIONS": []}}


def purges() -> list[tuple[list[str], dt.datetime | None]]:
    rows = DBTaskResult.objects.filter(task_path=purge_keys.module_path).order_by("enqueued_at")
    return [(row.args_kwargs["args"][0], row.task.run_after) for row in rows]


@pytest.fixture
def edge_configured():
    with override_settings(WAGTAILFRONTENDCACHE=EDGE):
        yield


def test_a_flag_purges_the_banner_now_and_at_its_expiry(newsroom, edge_configured):
    flag(newsroom.items[0], hours=1)
    banner = [f"breaking-{site_id()}"]
    assert [(keys, after) for keys, after in purges() if keys == banner] == [
        (banner, None),
        (banner, NOW + dt.timedelta(hours=1)),
    ]


def test_a_cleared_flag_is_not_purged_again_at_an_expiry(newsroom, edge_configured):
    found = flag(newsroom.items[0], hours=1)
    DBTaskResult.objects.all().delete()
    found.clear()
    assert purges() == [([f"breaking-{site_id()}"], None)]


def test_nothing_is_scheduled_without_an_edge(newsroom):
    flag(newsroom.items[0], hours=1)
    assert purges() == []
