"""axe-core in Chromium finds no serious or critical violation on the main reader pages."""

import pytest

from tests.browser.conftest import LIVE_DB
from tests.conftest import Newsroom

pytestmark = [pytest.mark.browser, LIVE_DB]

PAGES = [
    "/",
    "/politics/the-guest-explains-the-week/",
    "/latest/",
    "/news/",
    "/people/taras-guest/",
    "/programmes/evening-studio/",
    "/no-such-page/",
]


@pytest.fixture
def site(frozen_now):
    return Newsroom(news_items=45)


@pytest.mark.parametrize("path", PAGES)
def test_no_serious_or_critical_violations(site, live_server, page, path):
    from axe_playwright_python.sync_playwright import Axe

    page.goto(live_server.url + path)
    results = Axe().run(page)
    assert results.response["passes"], "axe did not run"
    serious = [
        (v["id"], v["impact"], [n["target"] for n in v["nodes"]][:3])
        for v in results.response["violations"]
        if v["impact"] in {"serious", "critical"}
    ]
    assert serious == [], serious


def test_pages_work_on_a_phone_without_javascript(site, live_server, browser):
    context = browser.new_context(viewport={"width": 375, "height": 740}, java_script_enabled=False)
    page = context.new_page()
    page.goto(live_server.url + "/politics/the-guest-explains-the-week/")
    assert page.inner_text("h1") == "The guest explains the week"
    # Nothing is wider than the phone's screen.
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    page.click("text=More news")
    assert page.url.endswith("/latest/")
    context.close()
