"""Editor review in a real browser: a reporter files a story, an editor sends it back with a
comment, the reporter reads it and resubmits, the editor approves, and a reader gets the story."""

from __future__ import annotations

import lxml.html
import pytest
from playwright.sync_api import Page

from masthead.articles.models import ArticlePage
from masthead.demo.users import ensure_newsroom_users
from masthead.newsroom.roles import NewsroomRole
from tests.browser.conftest import LIVE_DB, logged_in
from tests.conftest import add_section

pytestmark = [pytest.mark.browser, LIVE_DB]

HEADLINE = "Night trains return to the western line"
SLUG = "night-trains-return"
COMMENT = "Which operator runs them? Name it in the lead."
LEAD = "The state operator runs three night trains a week from Monday."


def _more_actions(page: Page) -> None:
    """Opens the drop-down of the edit form's footer, where all but the first action sit."""
    page.locator("footer [data-w-dropdown-target='toggle']").last.click()


def _workflow_action(page: Page, label: str, comment: str | None = None) -> None:
    """Runs a reviewer's action from the edit form: the admin's modal asks for the comment."""
    _more_actions(page)
    if comment is None:
        with page.expect_navigation():
            page.get_by_role("button", name=label, exact=True).click()
        return
    page.get_by_role("button", name=label, exact=True).click()
    page.locator("textarea[name=comment]").fill(comment)
    with page.expect_navigation():
        page.locator(".modal form button[type=submit]").click()


def _messages(page: Page) -> list[str]:
    tree = lxml.html.fromstring(page.content())
    return [" ".join(li.text_content().split()) for li in tree.xpath("//*[@class='messages']//li")]


def test_a_story_goes_through_review_and_reaches_readers(live_server, browser):
    section = add_section("Travel")
    ensure_newsroom_users()
    base = live_server.url

    # The reporter files the story and submits it.
    reporter = logged_in(browser, base, NewsroomRole.REPORTER)
    reporter.goto(f"{base}/admin/pages/add/articles/articlepage/{section.pk}/")
    reporter.fill("#id_title", HEADLINE)
    # The slug is made from the headline as it is typed, or else set here (it is on a tab).
    slug = reporter.locator("#id_slug")
    if not slug.input_value():
        slug.evaluate("(field, value) => { field.value = value; }", SLUG)
    _more_actions(reporter)
    with reporter.expect_navigation():
        reporter.get_by_role("button", name="Submit to Editor review").click()
    article = ArticlePage.objects.get(title=HEADLINE)
    assert article.workflow_in_progress and not article.live
    edit_url = f"{base}/admin/pages/{article.pk}/edit/"

    # The editor sends it back with a comment.
    editor = logged_in(browser, base, NewsroomRole.EDITOR)
    editor.goto(edit_url)
    _workflow_action(editor, "Request changes", comment=COMMENT)
    article.refresh_from_db()
    assert article.current_workflow_state.status == "needs_changes"

    # The reporter reads why, adds what was asked for and resubmits.
    reporter.goto(edit_url)
    assert f"Sent back by Edyta Editor: “{COMMENT}” Workflow history" in _messages(reporter)
    reporter.fill("#id_lead", LEAD)
    _more_actions(reporter)
    with reporter.expect_navigation():
        reporter.get_by_role("button", name="Resubmit to Editor review").click()
    article.refresh_from_db()
    assert article.current_workflow_state.status == "in_progress"

    # The editor approves, which publishes it.
    editor.goto(edit_url)
    _workflow_action(editor, "Approve and Publish")
    article.refresh_from_db()
    assert article.live

    # A reader, logged in as no one, gets the story.
    reader = browser.new_context().new_page()
    response = reader.goto(base + article.url)
    assert response.status == 200
    tree = lxml.html.fromstring(reader.content())
    assert [" ".join(h1.text_content().split()) for h1 in tree.xpath("//h1")] == [HEADLINE]
    assert LEAD in [" ".join(p.text_content().split()) for p in tree.xpath("//main//p")]
