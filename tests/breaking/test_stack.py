"""The banner behind a real Varnish, in the production stack of ``tests/edge/test_stack.py``
(gunicorn, the task worker sending purges, Varnish including the banner by ESI): flagged in
another process, it shows in an already cached page within a second of the commit, and is gone
as fast once cleared, while the page itself is never asked of the application again (only the
banner and the stitched copy were purged).

Skipped where varnishd or the xkey vmod is missing (failed under CI), as the other Varnish tests.
"""

from __future__ import annotations

import subprocess
import time

import pytest
import requests
from bs4 import BeautifulSoup

from tests.edge import test_stack as edge_stack
from tests.edge.conftest import varnish_installed  # noqa: F401 (a fixture)
from tests.edge.test_stack import BIN, ROOT, Stack, through_edge

# The production stack of tests/edge/test_stack.py, started once for this module.
stack = edge_stack.stack

pytestmark = pytest.mark.usefixtures("varnish_installed")

PAGE = "/news/stack-story-2/"
# The target, from the commit to the first reader answer that shows the change.
VISIBLE_WITHIN = 1.0

FLAG = """
import time
from masthead.articles.models import ArticlePage
from masthead.breaking.models import BreakingNews

flag = BreakingNews(article=ArticlePage.objects.get(slug="stack-story-0"), text="Stack alert")
flag.full_clean()
flag.save()
print("committed", time.time())
"""

CLEAR = """
import time
from masthead.breaking.models import BreakingNews

BreakingNews.objects.active().get().clear()
print("committed", time.time())
"""


def banner(response: requests.Response) -> list[tuple[str, str]]:
    html = BeautifulSoup(response.content, "html.parser")
    assert html.find_all("esi:include") == []  # Varnish put the banner (or nothing) in its place
    return [(a.get_text(), a["href"]) for a in html.select("aside.breaking a")]


def visible_after(stack: Stack, script: str, wanted: list) -> float:
    """Run ``script`` in a process of its own (as an editor's request would) while a reader
    keeps asking for PAGE; seconds from its commit to the first answer showing ``wanted``."""
    editor = subprocess.Popen(
        [str(BIN / "python"), "manage.py", "shell", "-c", script],
        cwd=ROOT,
        env=stack.environment,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    rendered = stack.origin_requests(PAGE)
    answers: list[tuple[float, str, list]] = []  # when, X-Cache, banner
    deadline = time.monotonic() + 60
    try:
        # The editor's process takes a while to exit after its commit: read on until it has.
        while editor.poll() is None or answers[-1][2] != wanted:
            assert time.monotonic() < deadline, (answers[-5:], stack.logs())
            response = through_edge(stack, PAGE)
            answers.append((time.time(), response.headers["X-Cache"], banner(response)))
            time.sleep(0.02)
    finally:
        if editor.poll() is None:
            editor.kill()
        output, errors = editor.communicate(timeout=30)
    assert editor.returncode == 0, f"{output}\n{errors}"
    (line,) = [line for line in output.splitlines() if line.startswith("committed ")]
    committed = float(line.split()[1])
    assert all(shown != wanted for when, _, shown in answers if when < committed)
    # The page was stitched again with the banner, from the page Varnish kept: only the banner
    # (and the stitched copy) was purged, never the page.
    assert stack.origin_requests(PAGE) == rendered
    assert {cache for _, cache, _ in answers} <= {"HIT", "MISS"}
    return next(when for when, _, shown in answers if shown == wanted) - committed


def test_a_flag_shows_in_a_cached_page_within_a_second_and_clearing_takes_it_down(stack):
    through_edge(stack, PAGE)
    cached = through_edge(stack, PAGE)
    assert cached.headers["X-Cache"] == "HIT"
    assert banner(cached) == []

    flagged = visible_after(stack, FLAG, [("Stack alert", "/news/stack-story-0/")])
    cleared = visible_after(stack, CLEAR, [])
    assert (flagged < VISIBLE_WITHIN, cleared < VISIBLE_WITHIN) == (True, True), (flagged, cleared)
