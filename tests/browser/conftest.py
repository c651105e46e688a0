"""Playwright driving Debian's Chromium (never a downloaded browser) against the live server."""

import os
from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

# Playwright's own sync API runs an event loop; Django must allow ORM calls from the test body.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture
def browser():
    # Per test, not per session: while Playwright's event loop runs, Django hands the main thread
    # a different database connection, one without the serialized data the next test restores.
    if not CHROMIUM.exists():
        if os.environ.get("CI"):
            pytest.fail("/usr/bin/chromium is missing; .ci/run installs it with apt-get")
        pytest.skip("Debian's chromium is not installed (apt-get install -y chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    yield page
    context.close()


# Browser tests need a transactional database the live server's thread can see, with the data
# the migrations made (site, front page, locales) restored for each test.
LIVE_DB = pytest.mark.django_db(transaction=True, serialized_rollback=True)

# How long a step of a logged-in admin session may take on a loaded machine.
ADMIN_TIMEOUT_MS = 15_000


def logged_in(browser, base_url: str, role):
    """A new browser page logged in to the admin as the demo's user of ``role``
    (``masthead.demo.users``: ``ensure_newsroom_users`` must have made them)."""
    from masthead.demo.users import DEMO_USERS

    (demo,) = [demo for demo in DEMO_USERS if demo.role is role]
    page = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
    page.set_default_timeout(ADMIN_TIMEOUT_MS)
    page.goto(f"{base_url}/admin/login/")
    page.fill("#id_username", demo.username)
    page.fill("#id_password", demo.password)
    page.click("button[type=submit]")
    page.wait_for_url(f"{base_url}/admin/")
    return page
