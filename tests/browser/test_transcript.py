"""A transcript to a draft in a real browser: an editor pastes a WebVTT transcript, matches its
speakers, and lands in the editor on the new draft, with its questions and paragraphs."""

from __future__ import annotations

import lxml.html
import pytest

from masthead.articles.models import ArticlePage
from masthead.demo.users import ensure_newsroom_users
from masthead.newsroom.roles import NewsroomRole
from masthead.people.models import Person
from masthead.programmes.models import Programme, ProgrammeHost
from tests.browser.conftest import LIVE_DB, logged_in
from tests.conftest import add_section
from tests.transcripts import samples

pytestmark = [pytest.mark.browser, LIVE_DB]

HEADLINE = "The bridge at Verkhnie will carry trams again"


def test_a_pasted_transcript_becomes_a_draft_interview(live_server, browser):
    section = add_section("Politics")
    host = Person.objects.create(name="Oksana Host")
    guest = Person.objects.create(name="Taras Guest", description="Bridge engineer")
    programme = Programme.objects.create(title="Evening Studio")
    ProgrammeHost.objects.create(programme=programme, person=host)
    ensure_newsroom_users()
    base = live_server.url

    editor = logged_in(browser, base, NewsroomRole.EDITOR)
    # The menu leads to it.
    editor.get_by_role("link", name="Import transcript").click()
    editor.wait_for_url(f"{base}/admin/transcripts/import/")

    editor.fill("#id_text", samples.WEBVTT_INTERVIEW)
    editor.fill("#id_title", HEADLINE)
    editor.select_option("#id_section", str(section.pk))
    editor.select_option("#id_programme", str(programme.pk))
    with editor.expect_navigation():
        editor.get_by_role("button", name="Read the transcript").click()

    # Step 2: the speakers, guessed from their names and the programme's host.
    speakers = editor.locator("fieldset[data-speaker]")
    assert speakers.evaluate_all("els => els.map(e => e.dataset.speaker)") == [
        "Oksana Host",
        "Taras Guest",
    ]
    assert editor.input_value("#id_person_0") == str(host.pk)
    assert editor.input_value("#id_role_0") == "host"
    assert editor.input_value("#id_person_1") == str(guest.pk)
    assert editor.input_value("#id_credentials_1") == "Bridge engineer"
    editor.select_option("#id_role_1", "guest")
    with editor.expect_navigation():
        editor.get_by_role("button", name="Create the draft interview").click()

    article = ArticlePage.objects.get(title=HEADLINE)
    assert not article.live
    editor.wait_for_url(f"{base}/admin/pages/{article.pk}/edit/")
    # The editor draws the body's blocks: the host's questions and the guest's paragraphs.
    editor.wait_for_selector("textarea[name$='-value-question']", state="attached")
    questions = editor.locator("textarea[name$='-value-question']").evaluate_all(
        "fields => fields.map(f => f.value)"
    )
    assert questions == [
        "Good evening. Tonight we talk about the bridge at Verkhnie. Why did the works stop?",
        "Who pays for it?",
    ]
    paragraphs = editor.locator("[data-contentpath] .Draftail-Editor").all_inner_texts()
    assert any("The region does." in text for text in paragraphs)
    quotes = editor.locator("textarea[name$='-value-quote']").evaluate_all(
        "fields => fields.map(f => f.value)"
    )
    assert len(quotes) == 2
    tree = lxml.html.fromstring(editor.content())
    messages = [
        " ".join(li.text_content().split()) for li in tree.xpath("//*[@class='messages']//li")
    ]
    assert any(message.startswith(f"Draft “{HEADLINE}” made") for message in messages)
