"""The production stack end to end: Varnish in front of gunicorn, the task worker sending the
purges, all with production settings, on free loopback ports, against a file-based SQLite database
and a file cache shared by every process (MASTHEAD_ONE_PROCESS: one machine).

A change made in another process (``manage.py shell -c``, as an editor's request would be) is seen
through Varnish on the next request, on the article and in the latest-news block that Varnish
includes by ESI, while an unrelated article stays a hit: the edge purged exactly what changed.

Skipped where varnishd or the xkey vmod is missing (failed under CI), as the other Varnish tests.
"""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
import requests
from bs4 import BeautifulSoup

from masthead.edge.varnish import Varnish
from tests.edge.conftest import TEST_PARAMETERS, wait_for

pytestmark = pytest.mark.usefixtures("varnish_installed")

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
KEY_HEADERS = ("xkey", "Surrogate-Key", "Cache-Tag", "Surrogate-Control")
# How long a change may take to reach readers through the worker (it polls every 0.1 s) and
# Varnish: "a second or two", with room for a busy machine.
PURGE_DEADLINE = 5.0

CONTENT = """
import datetime as dt
from django.utils import timezone
from tests.conftest import add_article, add_section

news = add_section("News")
now = timezone.now()
for number in range(4):
    add_article(news, f"Stack story {number}", now - dt.timedelta(minutes=number))
"""

RETITLE = """
from masthead.articles.models import ArticlePage

article = ArticlePage.objects.get(slug="stack-story-0")
article.title = "Stack story 0, corrected"
article.save_revision().publish()
"""


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@dataclass
class Stack:
    """The running stack: where readers reach it, and what each process has logged."""

    directory: Path
    environment: dict[str, str]
    app: str = ""
    edge: Varnish | None = None
    processes: dict[str, subprocess.Popen] = field(default_factory=dict)

    @property
    def url(self) -> str:
        assert self.edge is not None
        return self.edge.url

    def manage(self, *arguments: str, timeout: float = 180) -> None:
        """``manage.py`` in a process of its own; its output is kept in the assertion."""
        done = subprocess.run(
            [str(BIN / "python"), "manage.py", *arguments],
            cwd=ROOT,
            env=self.environment,
            capture_output=True,
            text=True,
            timeout=timeout,
        )
        assert done.returncode == 0, f"manage.py {arguments[0]}:\n{done.stdout}\n{done.stderr}"

    def start(self, name: str, *command: str) -> None:
        log = (self.directory / f"{name}.log").open("wb")
        try:
            self.processes[name] = subprocess.Popen(
                command,
                cwd=ROOT,
                env=self.environment,
                stdin=subprocess.DEVNULL,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,  # its own group, so stop() ends its children too
            )
        finally:
            log.close()

    def running(self) -> bool:
        return all(process.poll() is None for process in self.processes.values())

    def origin_requests(self, path: str) -> int:
        """How many requests for ``path`` reached the application (gunicorn's access log)."""
        log = self.directory / "access.log"
        lines = log.read_text().splitlines() if log.exists() else []
        return sum(1 for line in lines if line == path)

    def logs(self) -> str:
        """The last lines each process wrote, for a failing assertion to show."""
        parts = []
        for name in self.processes:
            text = (self.directory / f"{name}.log").read_text(errors="replace")
            parts.append(f"--- {name} ---\n" + "\n".join(text.splitlines()[-30:]))
        if self.edge is not None:
            parts.append("--- varnishd ---\n" + self.edge.log[-3000:])
        return "\n".join(parts)

    def stop(self) -> None:
        for process in self.processes.values():
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGTERM)
        for process in self.processes.values():
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait(timeout=5)
        if self.edge is not None:
            self.edge.stop()


def production_environment(directory: Path) -> dict[str, str]:
    inherited = {
        name: value
        for name, value in os.environ.items()
        if name not in {"REDIS_URL", "EDGE_PURGE", "VARNISH_PURGE_URLS", "DATABASE_URL"}
    }
    return {
        **inherited,
        "DJANGO_SETTINGS_MODULE": "masthead.settings.production",
        "SECRET_KEY": "stack-test-secret-key-not-for-any-real-site-0123456789",
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "0",
        "SECURE_HSTS_SECONDS": "0",
        "SECURE_COOKIES": "0",
        "MASTHEAD_ONE_PROCESS": "true",
        "CACHE_DIR": str(directory / "cache"),
        "MEDIA_ROOT": str(directory / "media"),
        "DATABASE_URL": f"sqlite:///{directory / 'masthead.sqlite3'}",
        "LOG_LEVEL": "WARNING",
        "PYTHONUNBUFFERED": "1",
    }


@pytest.fixture(scope="module")
def stack(varnish_installed, tmp_path_factory) -> Iterator[Stack]:
    directory = tmp_path_factory.mktemp("stack")
    running = Stack(directory, production_environment(directory))
    try:
        # As `make serve-production` does, before anything serves: the schema, the static files'
        # manifest (the production storage refuses a page whose files it cannot name), content.
        running.manage("migrate", "--no-input", "-v0")
        running.manage("collectstatic", "--no-input", "-v0")
        running.manage("shell", "-c", CONTENT)  # no edge yet: nothing to purge

        app_port = free_port()
        running.app = f"http://127.0.0.1:{app_port}"
        running.edge = Varnish(
            "127.0.0.1:0",
            f"127.0.0.1:{app_port}",
            error_ttl=1,
            storage="malloc,32m",
            parameters=TEST_PARAMETERS,
        )
        running.edge.start()
        running.environment.update(EDGE_PURGE="varnish", VARNISH_PURGE_URLS=running.edge.url)
        running.start(
            "gunicorn",
            str(BIN / "gunicorn"),
            "masthead.wsgi",
            "--bind",
            f"127.0.0.1:{app_port}",
            "--workers",
            "1",
            "--no-control-socket",
            "--access-logfile",
            str(running.directory / "access.log"),
            "--access-logformat",
            "%(U)s",
        )
        running.start(
            "worker",
            str(BIN / "python"),
            "manage.py",
            "db_worker",
            "--backend",
            "edge",
            "--interval",
            "0.1",
            "--no-startup-delay",
        )

        def answers() -> bool:
            assert running.running(), running.logs()
            try:
                return requests.get(running.app + "/", timeout=5).status_code == 200
            except requests.RequestException:  # not up yet, or too slow a first answer
                return False

        assert wait_for(answers, timeout=60), running.logs()
        yield running
    finally:
        running.stop()


def through_edge(stack: Stack, path: str) -> requests.Response:
    """A reader's GET through Varnish, on a fresh connection."""
    response = requests.get(stack.url + path, timeout=10, allow_redirects=False)
    assert response.status_code == 200, f"{path}: {response.status_code}\n{stack.logs()}"
    return response


def headline(response: requests.Response) -> str:
    return BeautifulSoup(response.content, "html.parser").select_one("main h1").get_text()


def latest_news(response: requests.Response) -> list[str]:
    html = BeautifulSoup(response.content, "html.parser")
    assert html.find_all("esi:include") == []  # Varnish put the block in its place
    (block,) = html.select("aside section.latest-news")
    return [a.get_text() for a in block.select(".feed-items a")]


def test_a_page_is_a_hit_the_second_time_and_its_keys_never_reach_the_reader(stack):
    first = through_edge(stack, "/news/stack-story-3/")
    second = through_edge(stack, "/news/stack-story-3/")
    assert (first.headers["X-Cache"], second.headers["X-Cache"]) == ("MISS", "HIT")
    assert headline(first) == headline(second) == "Stack story 3"
    assert latest_news(second)[:4] == [f"Stack story {n}" for n in range(4)]
    for response in (first, second):
        for header in KEY_HEADERS:
            assert header not in response.headers, header
        assert "public" in response.headers["Cache-Control"]


def test_the_application_behind_names_the_keys_varnish_strips(stack):
    """The same page asked of the application directly, as Varnish asks for it."""
    response = requests.get(
        stack.app + "/news/stack-story-3/",
        headers={"Surrogate-Capability": 'varnish="ESI/1.0"'},
        timeout=10,
    )
    keys = set(response.headers["xkey"].split())
    assert any(key.startswith("article-") for key in keys)
    assert response.headers["Surrogate-Control"] == 'content="ESI/1.0"'
    assert not any(key.startswith("latest-news-") for key in keys)  # the include carries it


def test_a_headline_changed_elsewhere_is_shown_at_once_and_only_where_it_shows(stack):
    changed, unrelated = "/news/stack-story-0/", "/news/stack-story-2/"
    for path in (changed, unrelated):
        through_edge(stack, path)
        assert through_edge(stack, path).headers["X-Cache"] == "HIT"
    assert latest_news(through_edge(stack, unrelated))[0] == "Stack story 0"

    rendered = stack.origin_requests(unrelated)
    stack.manage("shell", "-c", RETITLE, timeout=60)
    published = time.monotonic()

    def corrected() -> bool:
        return headline(through_edge(stack, changed)) == "Stack story 0, corrected"

    assert wait_for(corrected, timeout=PURGE_DEADLINE), stack.logs()
    seen_after = time.monotonic() - published

    def block_corrected() -> bool:
        return latest_news(through_edge(stack, unrelated))[0] == "Stack story 0, corrected"

    assert wait_for(block_corrected, timeout=PURGE_DEADLINE), stack.logs()
    page = through_edge(stack, unrelated)
    # Stitched again with the new block, from the page Varnish kept: only the block was purged.
    assert stack.origin_requests(unrelated) == rendered
    assert page.headers["X-Cache"] == "HIT"
    assert headline(page) == "Stack story 2"
    assert seen_after < PURGE_DEADLINE


def child_pids(pid: int) -> list[int]:
    """The processes ``pid`` started (Linux), to end them should it fail to."""
    try:
        return [
            int(child) for child in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
        ]
    except OSError:
        return []


def refuses(port: int) -> bool:
    with socket.socket() as probe:
        return probe.connect_ex(("127.0.0.1", port)) != 0


def test_deploy_stack_serves_through_varnish_and_stops_all_three_on_sigterm(stack):
    """`make serve-production`'s launcher, on the same database and cache."""
    port, app_port = free_port(), free_port()
    environment = {**stack.environment, "VARNISH_PURGE_URLS": f"http://127.0.0.1:{port}"}
    with (stack.directory / "deploy-stack.log").open("wb") as log:
        launcher = subprocess.Popen(
            [
                str(BIN / "python"),
                "deploy/stack.py",
                *("--host", "127.0.0.1", "--port", str(port)),
                *("--app-port", str(app_port), "--workers", "1"),
            ],
            cwd=ROOT,
            env=environment,
            stdin=subprocess.DEVNULL,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
    started: set[int] = set()

    def serving() -> bool:
        assert launcher.poll() is None, (stack.directory / "deploy-stack.log").read_text()
        started.update(child_pids(launcher.pid))
        try:
            return "X-Cache" in requests.get(f"http://127.0.0.1:{port}/", timeout=5).headers
        except requests.ConnectionError:
            return False

    try:
        assert wait_for(serving, timeout=90), (stack.directory / "deploy-stack.log").read_text()
        assert len(started) == 3  # gunicorn, the worker, the Varnish launcher
        path = f"http://127.0.0.1:{port}/news/stack-story-1/"
        requests.get(path, timeout=10)
        assert requests.get(path, timeout=10).headers["X-Cache"] == "HIT"

        launcher.send_signal(signal.SIGTERM)
        assert launcher.wait(timeout=30) == 0
        assert refuses(port) and refuses(app_port)
        assert not any(Path(f"/proc/{pid}").exists() for pid in started)
    finally:
        if launcher.poll() is None:
            launcher.send_signal(signal.SIGTERM)
            try:
                launcher.wait(timeout=30)
            except subprocess.TimeoutExpired:
                # It would not stop its children: end them here, each its own process group.
                launcher.kill()
                launcher.wait(timeout=5)
                for pid in started:
                    with contextlib.suppress(ProcessLookupError):
                        os.killpg(pid, signal.SIGKILL)
