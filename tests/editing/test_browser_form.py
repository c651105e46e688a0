"""The article's form in a real browser: the headline's live count, a pasted headline kept whole
and refused with the limit named, and the slug made from a Cyrillic headline as it is typed."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from playwright.sync_api import expect

from tests.browser.conftest import LIVE_DB, browser, page  # noqa: F401 (fixtures)
from tests.conftest import add_section
from tests.editing.admin_forms import error_banner

pytestmark = [pytest.mark.browser, LIVE_DB]

TIMEOUT_MS = 15_000
PASSWORD = "a-long-test-password"


def logged_in(page, base_url: str):  # noqa: F811
    get_user_model().objects.create_superuser("chief", "chief@example.com", PASSWORD)
    page.set_default_timeout(TIMEOUT_MS)
    page.goto(f"{base_url}/admin/login/")
    page.fill("#id_username", "chief")
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(f"{base_url}/admin/")
    return page


class Response:
    """What error_banner reads, from the browser's page."""

    def __init__(self, content: str):
        self.content = content.encode()

    def get(self, name: str, default: str = "") -> str:
        return default


def test_the_headline_is_counted_kept_whole_and_refused_with_its_limit(live_server, page):  # noqa: F811
    section = add_section("News")
    editor = logged_in(page, live_server.url)
    editor.goto(f"{live_server.url}/admin/pages/add/articles/articlepage/{section.pk}/")
    count = editor.locator("#id_title-character-count")
    expect(count).to_have_text("0 of 255 characters")

    editor.locator("#id_title").press_sequentially("Парламент ухвалив")
    expect(count).to_have_text("17 of 255 characters")
    expect(editor.locator("#id_slug")).to_have_value("парламент-ухвалив")

    editor.locator("#id_title").fill("x" * 2000)  # as a paste: the whole text goes in
    assert len(editor.locator("#id_title").input_value()) == 2000
    expect(count).to_have_text("2,000 of 255 characters: 1,745 too many")

    with editor.expect_navigation():
        editor.locator("footer button[type=submit]").first.click()
    assert error_banner(Response(editor.content())) == [
        "Headline (Content tab): The headline is 2000 characters long; the limit is 255. "
        "Shorten the headline."
    ]
