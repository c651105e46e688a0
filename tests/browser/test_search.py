"""Search in Chromium: the header's box suggests people and topics as a reader types, by keyboard
as well as by pointer, axe finds nothing serious with the suggestions open, and the page works
without JavaScript."""

import pytest

from masthead.search import documents
from tests.browser.conftest import LIVE_DB
from tests.conftest import Newsroom

pytestmark = [pytest.mark.browser, LIVE_DB]


@pytest.fixture
def site(frozen_now):
    newsroom = Newsroom(news_items=6)
    documents.rebuild()  # what the task worker does after each publish
    return newsroom


def _serious(page) -> list:
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page)
    assert results.response["passes"], "axe did not run"
    return [
        (v["id"], [n["target"] for n in v["nodes"]][:3])
        for v in results.response["violations"]
        if v["impact"] in {"serious", "critical"}
    ]


def test_suggestions_by_keyboard(site, live_server, page):
    page.goto(live_server.url + "/")
    box = page.get_by_role("combobox", name="Search")
    box.fill("tara")
    listbox = page.get_by_role("listbox", name="Suggested people and topics")
    option = listbox.get_by_role("option").first
    option.wait_for()
    assert option.inner_text().splitlines() == ["Taras Guest", "Former adviser · 1 appearance"]
    assert box.get_attribute("aria-expanded") == "true"
    assert page.get_by_role("status").first.inner_text().startswith("1 suggestion")
    assert _serious(page) == []
    box.press("ArrowDown")
    assert box.get_attribute("aria-activedescendant") == option.get_attribute("id")
    assert option.get_attribute("aria-selected") == "true"
    box.press("Enter")
    page.wait_for_url("**/people/taras-guest/")


def test_escape_closes_and_enter_searches(site, live_server, page):
    page.goto(live_server.url + "/")
    box = page.get_by_role("combobox", name="Search")
    box.fill("diplom")
    page.get_by_role("option").first.wait_for()
    box.press("Escape")
    assert box.get_attribute("aria-expanded") == "false"
    box.press("Enter")
    page.wait_for_url("**/search/?q=diplom")
    assert page.locator("ol.results > li").count() == 3  # the interview and items 0 and 3


def test_the_results_page_without_javascript(site, live_server, browser):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(live_server.url + "/")
    page.fill("header input[name=q]", "quotable")
    page.press("header input[name=q]", "Enter")
    page.wait_for_url("**/search/?q=quotable")
    assert page.locator("ol.results h3").all_inner_texts() == ["The guest explains the week"]
    page.select_option("#search-kind", "news")
    page.click("main button[type=submit]")
    page.wait_for_url("**kind=news**")
    assert page.locator("#search-results-heading").inner_text() == "No articles found"
    context.close()


def test_the_results_page_is_accessible(site, live_server, page):
    page.goto(live_server.url + "/search/?q=guest")
    assert page.locator("ol.results > li").count() >= 1
    assert _serious(page) == []
