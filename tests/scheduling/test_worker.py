"""End to end: the task worker exactly as ``make serve`` starts it, beside ``runserver``, against
a file database. An article scheduled a few seconds ahead is not live before its time and is
live, on its page and in the feed, within moments after; several processes asking for the sweep
at once leave one pending."""

from __future__ import annotations

import datetime as dt
import os
import shlex
import signal
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import lxml.html
import pytest

ROOT = Path(__file__).resolve().parents[2]
# Seconds from its go-live within which a scheduled article must be live: the worker polls every
# half second; the rest is room for a busy machine.
GO_LIVE_DEADLINE = 2.0

SCHEDULE = """
import datetime as dt
from django.utils import timezone
from masthead.articles.models import ArticlePage
from tests.conftest import add_section

news = add_section("News")
go_live = timezone.now() + dt.timedelta(seconds={ahead})
article = ArticlePage(title="A story on the hour", slug="a-story-on-the-hour", published_at=go_live)
news.add_child(instance=article)
article.go_live_at = go_live
article.save_revision().publish()
article.refresh_from_db()
assert not article.live
print(go_live.timestamp())
"""

ENSURE_AT = """
import time
from masthead.scheduling.tasks import ensure_sweep
time.sleep(max(0.0, {start} - time.time()))
print(ensure_sweep())
"""


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def worker_arguments() -> list[str]:
    """The worker's arguments in the ``serve`` recipe of the Makefile, so this test runs what
    ``make serve`` (and ``make demo``) run."""
    for line in (ROOT / "Makefile").read_text().splitlines():
        if "manage.py db_worker" in line:
            command = line.split("manage.py", 1)[1].split("&", 1)[0]
            return shlex.split(command)
    raise AssertionError("the Makefile starts no db_worker")


def manage(environment: dict[str, str], *arguments: str) -> str:
    done = subprocess.run(
        [sys.executable, "manage.py", *arguments],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=240,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


def status(url: str) -> int:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def pending_sweeps(database: Path) -> int:
    with sqlite3.connect(database) as connection:
        (count,) = connection.execute(
            "SELECT count(*) FROM django_tasks_database_dbtaskresult "
            "WHERE task_path = 'masthead.scheduling.tasks.sweep' AND status = 'READY'"
        ).fetchone()
    return count


@pytest.fixture(scope="module")
def development(tmp_path_factory) -> dict[str, str]:
    """A fresh development checkout's environment: its own SQLite file and cache folder."""
    work = tmp_path_factory.mktemp("scheduling")
    environment = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "DATABASE_", "REDIS_", "TEST_", "MASTHEAD_"))
    }
    environment.update(
        DJANGO_SETTINGS_MODULE="masthead.settings.dev",
        DATABASE_URL=f"sqlite:///{work / 'masthead.sqlite3'}",
        CACHE_DIR=str(work / "cache"),
        MEDIA_ROOT=str(work / "media"),
        PYTHONUNBUFFERED="1",
    )
    manage(environment, "migrate", "--no-input", "-v0")
    return environment


def database(environment: dict[str, str]) -> Path:
    return Path(environment["DATABASE_URL"].removeprefix("sqlite:///"))


def start(environment: dict[str, str], log: Path, *arguments: str) -> subprocess.Popen:
    with log.open("wb") as output:
        return subprocess.Popen(
            [sys.executable, "manage.py", *arguments],
            cwd=ROOT,
            env=environment,
            stdin=subprocess.DEVNULL,
            stdout=output,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # its own group: the worker's reloader has a child
        )


def stop(process: subprocess.Popen) -> None:
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(timeout=15)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=5)


def test_processes_asking_for_the_sweep_at_once_leave_one_pending(development):
    path = database(development)
    with sqlite3.connect(path) as connection:
        connection.execute(
            "DELETE FROM django_tasks_database_dbtaskresult "
            "WHERE task_path = 'masthead.scheduling.tasks.sweep'"
        )
    assert pending_sweeps(path) == 0
    start_at = time.time() + 6  # after every process has started Django
    script = ENSURE_AT.format(start=start_at)
    processes = [
        subprocess.Popen(
            [sys.executable, "manage.py", "shell", "-c", script],
            cwd=ROOT,
            env=development,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(4)
    ]
    answers = []
    for process in processes:
        out, err = process.communicate(timeout=120)
        assert process.returncode == 0, err
        answers.append(out.split()[-1])
    assert sorted(answers) == ["False", "False", "False", "True"]
    assert pending_sweeps(path) == 1


@pytest.fixture(scope="module")
def running(development, tmp_path_factory) -> Iterator[tuple[str, Path]]:
    """``runserver`` and the worker as ``make serve`` starts them."""
    logs = tmp_path_factory.mktemp("logs")
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    server = start(development, logs / "server.log", "runserver", "--noreload", f"127.0.0.1:{port}")
    worker = start(development, logs / "worker.log", *worker_arguments())
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                if status(base + "/") == 200:
                    break
            except (urllib.error.URLError, ConnectionError):
                pass
            if server.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError("runserver did not start")
            time.sleep(0.2)
        assert worker.poll() is None, (logs / "worker.log").read_text()
        yield base, logs
    finally:
        stop(worker)
        stop(server)


def test_the_worker_runs_the_sweep_and_records_its_heartbeat(development, running):
    deadline = time.monotonic() + 30
    while True:
        with sqlite3.connect(database(development)) as connection:
            row = connection.execute("SELECT last_run_at FROM scheduling_heartbeat").fetchone()
        if row and row[0]:
            break
        assert time.monotonic() < deadline, (running[1] / "worker.log").read_text()
        time.sleep(0.2)
    assert pending_sweeps(database(development)) == 1


def test_a_scheduled_article_goes_live_on_time_with_the_worker(development, running):
    base, logs = running
    go_live = float(manage(development, "shell", "-c", SCHEDULE.format(ahead=6)).split()[-1])
    url = base + "/news/a-story-on-the-hour/"

    early = []
    while time.time() < go_live - 0.3:
        early.append(status(url))
        time.sleep(0.2)
    assert early and set(early) == {404}, early

    while (code := status(url)) != 200:
        late = time.time() - go_live
        assert late < GO_LIVE_DEADLINE, (code, late, (logs / "worker.log").read_text())
        time.sleep(0.1)
    assert time.time() >= go_live

    with urllib.request.urlopen(base + "/latest/", timeout=10) as response:
        feed = lxml.html.fromstring(response.read())
    headlines = [link.text_content().strip() for link in feed.iter("a")]
    assert "A story on the hour" in headlines
    assert dt.datetime.fromtimestamp(go_live, dt.UTC) <= dt.datetime.now(dt.UTC)
