""" "Import transcript" in the admin, through the test client as a logged-in editor: the
transcript, then its speakers, then the draft opened in the editor; and a bad file, which shows
the line it fails on and makes nothing."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from masthead.articles.models import ArticlePage, Role
from masthead.newsroom.roles import NewsroomRole
from masthead.planning.models import ExpectedPerson, PlanItem, PlanKind
from tests.transcripts import samples

URL = "/admin/transcripts/import/"
HEADLINE = "The bridge at Verkhnie will carry trams again"


def _member(username: str, role: NewsroomRole):
    user = get_user_model().objects.create_user(username, f"{username}@example.com", "pw")
    user.groups.add(Group.objects.get(name=role.value))
    return user


@pytest.fixture
def editor(client, db):
    user = _member("edyta", NewsroomRole.EDITOR)
    client.force_login(user)
    return user


def _soup(response) -> BeautifulSoup:
    return BeautifulSoup(response.content, "html.parser")


def _errors(response) -> list[str]:
    box = _soup(response).select_one("[data-transcript-errors]")
    return [" ".join(li.get_text().split()) for li in box.select("li")] if box else []


def _step_two_fields(response) -> dict[str, str]:
    """What the browser would send back from step 2 as the page shows it."""
    form = _soup(response).select_one("form[data-transcript-step=speakers]")
    data: dict[str, str] = {}
    for field in form.select("input[name]"):
        data[field["name"]] = field.get("value", "")
    for select in form.select("select[name]"):
        chosen = select.select_one("option[selected]")
        data[select["name"]] = chosen["value"] if chosen else ""
    return data


def _menu(response) -> dict[str, str]:
    """The sidebar's menu items, label to address: JSON in the page (Wagtail's telepath)."""
    items: dict[str, str] = {}

    def walk(value) -> None:
        if isinstance(value, dict):
            if isinstance(value.get("label"), str) and isinstance(value.get("url"), str):
                items[value["label"]] = value["url"]
            for child in value.values():
                walk(child)
        elif isinstance(value, list):
            for child in value:
                walk(child)

    for script in _soup(response).select("script[type='application/json']"):
        walk(json.loads(script.get_text()))
    return items


def test_the_menu_offers_it_to_editors_and_reporters(client, editor):
    assert _menu(client.get("/admin/"))["Import transcript"] == URL
    reporter = _member("roma", NewsroomRole.REPORTER)
    client.force_login(reporter)
    assert _menu(client.get("/admin/"))["Import transcript"] == URL
    assert client.get(URL).status_code == 200


def test_users_who_may_add_no_page_are_refused(client, db):
    nobody = get_user_model().objects.create_user("nobody", "n@example.com", "pw")
    nobody.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(nobody)
    before = ArticlePage.objects.count()
    assert "Import transcript" not in _menu(client.get("/admin/"))
    # Wagtail's answer to a refusal in its admin: back to the dashboard.
    response = client.get(URL)
    assert response.status_code == 302 and response["Location"] == reverse("wagtailadmin_home")
    response = client.post(URL, {"step": "transcript", "text": samples.PLAIN_INTERVIEW})
    assert response.status_code == 302
    assert ArticlePage.objects.count() == before


def test_paste_map_and_create_a_draft(client, newsroom, editor):
    before = ArticlePage.objects.count()
    step_one = client.post(
        URL,
        {
            "step": "transcript",
            "text": samples.WEBVTT_INTERVIEW,
            "title": HEADLINE,
            "section": newsroom.politics.pk,
            "programme": newsroom.programme.pk,
        },
    )
    assert step_one.status_code == 200, _errors(step_one)
    soup = _soup(step_one)
    assert [f["data-speaker"] for f in soup.select("fieldset[data-speaker]")] == [
        "Oksana Host",
        "Taras Guest",
    ]
    sent = _step_two_fields(step_one)
    # Guessed from the names and the programme's hosts, for the editor to check.
    assert (sent["person_0"], sent["role_0"]) == (str(newsroom.host.pk), Role.HOST)
    assert (sent["person_1"], sent["role_1"]) == (str(newsroom.guest.pk), Role.GUEST)
    assert sent["credentials_1"] == "Former adviser"
    assert ArticlePage.objects.count() == before  # nothing yet

    sent["credentials_1"] = "Bridge engineer"
    step_two = client.post(URL, sent)
    article = ArticlePage.objects.get(title=HEADLINE)
    assert step_two.status_code == 302
    assert step_two["Location"] == reverse("wagtailadmin_pages:edit", args=[article.pk])
    assert not article.live
    assert article.owner == editor
    assert article.latest_revision.user == editor
    assert [(a.person, a.role, a.credentials) for a in article.appearances.all()] == [
        (newsroom.guest, Role.GUEST, "Bridge engineer"),
        (newsroom.host, Role.HOST, ""),
    ]
    assert [b.block_type for b in article.body].count("question") == 2

    edit = client.get(step_two["Location"])
    assert edit.status_code == 200
    messages = [" ".join(li.get_text().split()) for li in _soup(edit).select(".messages li")]
    assert any(
        m.startswith(f"Draft “{HEADLINE}” made from the transcript: 2 questions") for m in messages
    )


def test_upload_an_srt_file_and_map_by_hand(client, newsroom, editor):
    upload = SimpleUploadedFile(
        "studio.srt", samples.SRT_INTERVIEW.encode(), "application/x-subrip"
    )
    step_one = client.post(
        URL,
        {
            "step": "transcript",
            "upload": upload,
            "title": "Money for towers",
            "section": newsroom.news.pk,
        },
    )
    assert step_one.status_code == 200, _errors(step_one)
    sent = _step_two_fields(step_one)
    # "OKSANA HOST" is Oksana Host whatever the case; with no programme the roles are the
    # editor's to pick.
    assert (sent["person_0"], sent["person_1"]) == (str(newsroom.host.pk), str(newsroom.guest.pk))
    sent.update(role_0=Role.HOST, role_1=Role.GUEST)
    assert client.post(URL, sent).status_code == 302
    article = ArticlePage.objects.get(title="Money for towers")
    assert article.programme is None
    assert [b.block_type for b in article.body] == ["question", "paragraph", "pull_quote"]


def test_a_bad_file_shows_its_line_and_nothing_is_made(client, newsroom, editor):
    before = ArticlePage.objects.count()
    upload = SimpleUploadedFile("studio.vtt", samples.BAD_TIMESTAMP_VTT.encode(), "text/vtt")
    response = client.post(
        URL,
        {
            "step": "transcript",
            "upload": upload,
            "title": HEADLINE,
            "section": newsroom.politics.pk,
        },
    )
    assert response.status_code == 400
    assert _errors(response) == [
        "Transcript file: Line 6: “00:00:0x.500” is not a timestamp "
        "(hours:minutes:seconds.milliseconds, e.g. 00:01:02.500)."
    ]
    assert ArticlePage.objects.count() == before


def test_a_binary_file_is_refused_with_its_line(client, newsroom, editor):
    upload = SimpleUploadedFile("clip.vtt", b"WEBVTT\n\n\x89PNG\xff\xd8\x00\x00", "video/mp4")
    response = client.post(
        URL,
        {"step": "transcript", "upload": upload, "title": HEADLINE, "section": newsroom.news.pk},
    )
    assert response.status_code == 400
    (error,) = _errors(response)
    assert error.startswith("Transcript file: Line 3: this is not text in UTF-8")


def test_an_unmatched_speaker_is_asked_for_and_nothing_is_made(client, newsroom, editor):
    step_one = client.post(
        URL,
        {
            "step": "transcript",
            "text": samples.PLAIN_INTERVIEW,
            "title": "Wells",
            "section": newsroom.news.pk,
        },
    )
    sent = _step_two_fields(step_one)
    sent["person_1"] = ""
    response = client.post(URL, sent)
    assert response.status_code == 400
    assert _errors(response) == ["“Taras Guest” is: This field is required."]
    assert not ArticlePage.objects.filter(title="Wells").exists()


def test_a_tampered_transcript_is_refused(client, newsroom, editor):
    step_one = client.post(
        URL,
        {
            "step": "transcript",
            "text": samples.PLAIN_INTERVIEW,
            "title": "W",
            "section": newsroom.news.pk,
        },
    )
    sent = _step_two_fields(step_one)
    sent["carried"] = sent["carried"][:-3] + "abc"
    response = client.post(URL, sent)
    assert response.status_code == 400
    assert _errors(response) == ["Line 1: the transcript was lost on the way; upload it again."]
    assert not ArticlePage.objects.filter(title="W").exists()


def test_from_a_broadcast_the_form_is_filled_and_the_plan_gets_its_article(
    client, newsroom, editor
):
    broadcast = PlanItem(
        kind=PlanKind.BROADCAST,
        title="Evening Studio: the wells",
        programme=newsroom.programme,
        section=newsroom.politics,
        planned_at=dt.datetime(2024, 9, 20, 16, 0, tzinfo=dt.UTC),
    )
    broadcast.people = [ExpectedPerson(person=newsroom.guest, role="guest")]
    broadcast.save()
    page = _soup(client.get(f"{URL}?broadcast={broadcast.pk}"))
    assert page.select_one("#id_title")["value"] == "Evening Studio: the wells"
    assert page.select_one("#id_programme option[selected]")["value"] == str(newsroom.programme.pk)
    assert page.select_one("#id_section option[selected]")["value"] == str(newsroom.politics.pk)
    assert page.select_one("input[name=broadcast]")["value"] == str(broadcast.pk)

    step_one = client.post(
        URL,
        {
            "step": "transcript",
            "text": samples.PLAIN_INTERVIEW,
            "title": "Evening Studio: the wells",
            "section": newsroom.politics.pk,
            "programme": newsroom.programme.pk,
            "broadcast": broadcast.pk,
        },
    )
    assert client.post(URL, _step_two_fields(step_one)).status_code == 302
    broadcast.refresh_from_db()
    assert broadcast.article.title == "Evening Studio: the wells"
    assert not broadcast.article.live


def test_broadcasts_and_programmes_link_to_it(client, newsroom, editor):
    broadcast = PlanItem.objects.create(
        kind=PlanKind.BROADCAST,
        title="Evening Studio: the harbour",
        programme=newsroom.programme,
        planned_at=dt.datetime(2024, 9, 21, 16, 0, tzinfo=dt.UTC),
    )
    PlanItem.objects.create(  # a story: no link
        title="A story, not a broadcast", planned_at=dt.datetime(2024, 9, 21, 9, 0, tzinfo=dt.UTC)
    )
    plans = _soup(client.get("/admin/snippets/planning/planitem/"))
    links = {
        a["href"] for a in plans.select("a[href]") if a.get_text(strip=True) == "Import transcript"
    }
    assert links == {f"{URL}?broadcast={broadcast.pk}"}
    programmes = _soup(client.get("/admin/snippets/programmes/programme/"))
    links = {
        a["href"]
        for a in programmes.select("a[href]")
        if a.get_text(strip=True) == "Import transcript"
    }
    assert links == {f"{URL}?programme={newsroom.programme.pk}"}
