"""The seed capture, imported and rendered, reads back in a real browser part for part."""

from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command

from tests.browser.conftest import LIVE_DB

pytestmark = [pytest.mark.browser, LIVE_DB]

SEED = Path(__file__).resolve().parents[2].parent / "shared" / "seed" / "article-capture.txt"


def capture_parts() -> list[str]:
    """Every non-blank line of the capture, as a reader sees it (list bullets are drawn by the
    browser, not part of the text)."""
    lines = SEED.read_text(encoding="utf-8").splitlines()
    return [line.strip().removeprefix("• ").strip() for line in lines if line.strip()]


def test_seed_capture_round_trips_through_the_browser(live_server, page):
    if not SEED.exists():
        pytest.skip(f"{SEED} is absent: ../shared/seed is needed for the round trip")
    out = StringIO()
    call_command("import_capture", str(SEED), "--now", "2024-09-20T18:00+03:00", stdout=out)
    path = out.getvalue().strip().splitlines()[-1]
    assert path.startswith("/") and path.endswith("/")

    response = page.goto(live_server.url + path)
    assert response.status == 200
    text = page.inner_text("body")

    parts = capture_parts()
    assert len(parts) >= 70  # brand … 40 headlines, "More news"
    position = 0
    for number, part in enumerate(parts, start=1):
        found = text.find(part, position)
        assert found >= 0, f"capture part {number} missing or out of order: {part[:80]!r}"
        position = found + len(part)

    # The parts the issue names, in their formats.
    assert page.inner_text(".brand") == parts[0]
    assert page.inner_text("h1") == parts[1]
    assert page.inner_text(".dateline") == "28 May, 2023 Sunday"
    assert len(page.query_selector_all(".pull-quote blockquote")) == 5
    assert len(page.query_selector_all(".question")) == 1
    assert page.inner_text(".read-also a") == "News"
    assert len(page.query_selector_all(".latest-news .feed-items a")) == 40
    assert [h.inner_text().split("\n") for h in page.query_selector_all(".feed-day")] == [
        ["2024, Friday", "20 September"],
        ["2024, Thursday", "19 September"],
    ]
    # The stylesheet is applied (the page is not just unstyled text).
    border = "getComputedStyle(document.querySelector('.masthead')).borderBottomWidth"
    assert page.evaluate(border) == "3px"
    page.click("text=More news")
    assert page.url == live_server.url + "/latest/"
