"""A change made by one process is seen by a server already running in another, with the
settings ``make demo`` uses: the server here is ``runserver``, the change an ``import_capture``
run in a second process, as a new user would do it in a second terminal."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

ROOT = Path(__file__).resolve().parents[2]
HARBOUR = ROOT / "tests" / "importers" / "fixtures" / "harbour-capture.txt"
HARBOUR_NOW = "2024-03-05T09:00+02:00"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def manage(environment: dict[str, str], *args: str) -> str:
    done = subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=240,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


def get(url: str) -> BeautifulSoup:
    with urllib.request.urlopen(url, timeout=30) as response:
        return BeautifulSoup(response.read(), "html.parser")


@pytest.fixture(scope="module")
def development(tmp_path_factory) -> dict[str, str]:
    """The environment of a fresh development checkout: its own SQLite file and cache folder."""
    work = tmp_path_factory.mktemp("development")
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
    )
    manage(environment, "migrate", "--no-input", "-v0")
    return environment


@pytest.fixture(scope="module")
def server(development) -> Iterator[str]:
    """``runserver`` started before any content exists, as in the issue's steps."""
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "manage.py", "runserver", "--noreload", f"127.0.0.1:{port}"],
        cwd=ROOT,
        env=development,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                urllib.request.urlopen(base + "/", timeout=5).close()
                break
            except (urllib.error.URLError, ConnectionError):
                if process.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError("runserver did not start") from None
                time.sleep(0.2)
        yield base
    finally:
        process.terminate()
        process.wait(timeout=10)


def test_an_import_in_another_process_is_seen_on_the_next_request(development, server):
    before = get(server + "/")
    assert before.select_one(".brand").get_text() == "Masthead. Global"

    path = manage(development, "import_capture", str(HARBOUR), "--now", HARBOUR_NOW)
    path = path.strip().splitlines()[-1]

    article = get(server + path)
    assert article.select_one(".brand").get_text() == "Harbour Radio. Global"
    headlines = [a.get_text() for a in article.select(".latest-news .feed-items a")]
    assert len(headlines) >= 3
    assert get(server + "/").select_one(".brand").get_text() == "Harbour Radio. Global"


def test_an_edit_in_another_process_is_seen_on_the_next_request(development, server):
    path = manage(development, "import_capture", str(HARBOUR), "--now", HARBOUR_NOW)
    path = path.strip().splitlines()[-1]
    get(server + path)  # the rendered article and the feed are now in the shared cache
    manage(
        development,
        "shell",
        "-c",
        "from masthead.articles.models import ArticlePage; "
        f"a = ArticlePage.objects.get(url_path__endswith={path!r}); "
        "a.title = 'A headline changed from another process'; "
        "a.save_revision().publish()",
    )
    article = get(server + path)
    assert article.find("article").h1.get_text() == "A headline changed from another process"
