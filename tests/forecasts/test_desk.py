"""Forecasts on the desk: marking, resolving and revising (never silently), the detector's
candidates accepted or dismissed, reminders, the dashboard, words kept in step with the article,
and the open data (masthead/forecasts/)."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth.models import Group
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from masthead.articles.models import Appearance, Role
from masthead.forecasts import reminders
from masthead.forecasts.models import Candidate, CandidateState, Forecast, Resolution, Status
from masthead.people.models import Person
from tests.conftest import publish
from tests.emitted import recording

PREDICTION = "The grid will hold through the winter, and by next spring it will be stronger."


def member(django_user_model, name: str, group: str):
    user = django_user_model.objects.create_user(name, f"{name}@example.org", "pw")
    user.groups.add(Group.objects.get(name=group))
    return user


@pytest.fixture
def editor(django_user_model):
    return member(django_user_model, "desk", "Editors")


@pytest.fixture
def interview(newsroom):
    article = newsroom.interview
    article.body = json.dumps(
        [
            {"type": "paragraph", "value": f"<p>{PREDICTION} That is my view.</p>", "id": "p1"},
            {"type": "pull_quote", "value": {"quote": PREDICTION, "person": None}, "id": "q1"},
        ]
    )
    return publish(article)


@pytest.fixture
def forecast(interview, newsroom, editor):
    return Forecast.objects.create(
        article=interview,
        person=newsroom.guest,
        credentials="Former adviser",
        words="The grid will hold through the winter, and by next spring it will be stronger.",
        block_id="p1",
        horizon_latest=dt.date(2024, 6, 1),
        horizon_text="by next spring",
        marked_by=editor,
    )


def resolve(client, forecast, **data):
    url = reverse("wagtailsnippets_forecasts_forecast:resolve", args=[forecast.pk])
    return client.post(url, data)


def test_resolving_needs_evidence_and_records_who_and_why(client, forecast, editor):
    client.force_login(editor)
    refused = resolve(client, forecast, outcome="came_true", resolved_on="2024-06-02",
                      explanation="It held.", evidence="")  # fmt: skip
    assert refused.status_code == 200
    errors = BeautifulSoup(refused.content, "html.parser").select(".error-message")
    assert "needs at least one link" in errors[0].get_text()
    bad_link = resolve(client, forecast, outcome="came_true", resolved_on="2024-06-02",
                       explanation="It held.", evidence="not a link")  # fmt: skip
    assert "Line 1 is not a link" in bad_link.content.decode()
    assert not Resolution.objects.exists()
    evidence = "https://example.org/grid\n/news/x/"
    with recording() as emitted:
        done = resolve(client, forecast, outcome="came_true", resolved_on="2024-06-02",
                       explanation="It held.", evidence=evidence)  # fmt: skip
    assert done.status_code == 302
    forecast.refresh_from_db()
    assert (forecast.status, forecast.resolved_on) == (Status.CAME_TRUE, dt.date(2024, 6, 2))
    resolution = forecast.current_resolution
    assert resolution.editor == editor
    assert resolution.evidence_links == ["https://example.org/grid", "/news/x/"]
    assert {f"article-{forecast.article_id}", f"person-{forecast.person_id}", "forecasts"} <= (
        emitted
    )


def test_a_revision_keeps_the_earlier_resolution(client, forecast, editor):
    client.force_login(editor)
    resolve(client, forecast, outcome="came_true", resolved_on="2024-06-02",
            explanation="It held.", evidence="https://example.org/a")  # fmt: skip
    why = "Revised: two regions lost power."
    resolve(client, forecast, outcome="partly", resolved_on="2024-06-20",
            explanation=why, evidence="https://example.org/b")  # fmt: skip
    forecast.refresh_from_db()
    assert forecast.status == Status.PARTLY
    history = [r.outcome for r in forecast.resolutions.order_by("recorded_at", "pk")]
    assert history == ["came_true", "partly"]
    page = client.get(reverse("wagtailsnippets_forecasts_forecast:resolve", args=[forecast.pk]))
    shown = BeautifulSoup(page.content, "html.parser").select(".forecast-history > li")
    assert [li.strong.get_text() for li in shown] == ["Partly came true", "Came true"]


def test_a_resolution_is_never_changed_in_place(forecast, editor):
    resolution = Resolution.objects.create(
        forecast=forecast, outcome="did_not", explanation="No.", editor=editor
    )
    resolution.explanation = "Quietly changed."
    with pytest.raises(ValidationError):
        resolution.save()


def test_a_reporter_cannot_resolve(client, forecast, django_user_model):
    client.force_login(member(django_user_model, "cub", "Reporters"))
    url = reverse("wagtailsnippets_forecasts_forecast:resolve", args=[forecast.pk])
    assert client.get(url).status_code in (302, 403)
    assert resolve(client, forecast, outcome="did_not", explanation="x").status_code in (302, 403)
    assert not Resolution.objects.exists()


def test_the_detector_proposes_once_and_a_dismissed_sentence_never_again(client, interview, editor):
    out = io.StringIO()
    call_command("suggest_forecasts", "--json", stdout=out)
    found = [json.loads(line) for line in out.getvalue().splitlines()]
    assert found and {item["article"] for item in found} == {interview.pk}
    assert {"sentence", "trigger", "horizon", "person"} <= found[0].keys()
    assert found[0]["url"] == interview.get_full_url()
    assert found[0]["url"].startswith("http://")
    candidate = Candidate.objects.filter(state=CandidateState.PROPOSED).first()
    client.force_login(editor)
    url = reverse("wagtailsnippets_forecasts_candidate:decide", args=[candidate.pk, "dismiss"])
    assert client.get(url).status_code == 200
    assert client.post(url).status_code == 302
    candidate.refresh_from_db()
    assert candidate.state == CandidateState.DISMISSED and candidate.decided_by == editor
    again = io.StringIO()
    call_command("suggest_forecasts", "--json", stdout=again)
    assert again.getvalue() == ""


def form_values(response) -> dict:
    """What the form would send as it stands: its inputs' values and checked radios."""
    form = BeautifulSoup(response.content, "html.parser").select_one("main form")
    values = {}
    for field in form.select("input[name], select[name], textarea[name]"):
        if field.get("type") == "radio":
            if field.has_attr("checked"):
                values[field["name"]] = field["value"]
        elif field.name == "select":
            chosen = field.select_one("option[selected]")
            values[field["name"]] = chosen["value"] if chosen else ""
        elif field.name == "textarea":
            values[field["name"]] = field.get_text()
        else:
            values[field["name"]] = field.get("value", "")
    return values


def test_accepting_a_candidate_marks_the_forecast_with_the_guests_credentials(
    client, interview, editor, newsroom
):
    call_command("suggest_forecasts", stdout=io.StringIO())
    candidate = Candidate.objects.get(sentence=PREDICTION)  # in the paragraph and the quote
    client.force_login(editor)
    url = reverse("wagtailsnippets_forecasts_candidate:decide", args=[candidate.pk, "accept"])
    asked = form_values(client.get(url))
    # The one guest and the horizon the detector read are filled in for the editor.
    assert int(asked["person"]) == newsroom.guest.pk
    assert asked["horizon_latest"] == candidate.horizon_latest.isoformat()
    response = client.post(url, asked)
    forecast = Forecast.objects.get()
    assert response.url == reverse("wagtailsnippets_forecasts_forecast:edit", args=[forecast.pk])
    assert (forecast.person, forecast.credentials) == (newsroom.guest, "Former adviser")
    assert (forecast.marked_by, forecast.words) == (editor, candidate.sentence)
    assert forecast.horizon_latest == candidate.horizon_latest


def test_accepting_asks_for_what_the_text_does_not_say(client, interview, editor, newsroom):
    """No horizon is invented, and nobody outside the article is credited."""
    candidate = Candidate.objects.create(
        article=interview, sentence="The grid will hold.", trigger="will", fingerprint="x" * 40
    )
    client.force_login(editor)
    url = reverse("wagtailsnippets_forecasts_candidate:decide", args=[candidate.pk, "accept"])
    asked = form_values(client.get(url))
    assert asked["horizon_latest"] == ""
    refused = client.post(url, asked)
    errors = BeautifulSoup(refused.content, "html.parser").select(".error-message")
    assert [e.get_text() for e in errors] == [
        "Say who made the forecast.",
        "Give the date it can be checked: the text names none.",
    ]
    outsider = Person.objects.create(name="Nobody Here", slug="nobody-here")
    stranger = client.post(url, {**asked, "person": outsider.pk, "horizon_latest": "2025-06-01"})
    assert stranger.status_code == 200
    assert not Forecast.objects.exists()
    candidate.refresh_from_db()
    assert candidate.state == CandidateState.PROPOSED
    done = client.post(url, {**asked, "person": newsroom.guest.pk, "horizon_latest": "2025-06-01"})
    assert done.status_code == 302
    assert Forecast.objects.get().horizon_latest == dt.date(2025, 6, 1)


def test_an_edited_sentence_is_followed(forecast, interview):
    interview.body = json.dumps(
        [
            {
                "type": "paragraph",
                "value": "<p>The grid will hold through this winter, and by next spring it "
                "will be stronger still. That is my view.</p>",
                "id": "p1",
            }
        ]
    )
    publish(interview)
    forecast.refresh_from_db()
    assert forecast.words == (
        "The grid will hold through this winter, and by next spring it will be stronger still."
    )


def test_the_marking_editor_is_reminded_once_when_it_falls_due(forecast, time_machine):
    time_machine.move_to(dt.datetime(2024, 5, 1, tzinfo=dt.UTC), tick=False)
    assert reminders.remind_due() == 0  # not due yet
    time_machine.move_to(dt.datetime(2024, 6, 2, 9, tzinfo=dt.UTC), tick=False)
    assert reminders.remind_due() == 1
    assert reminders.remind_due() == 0
    (message,) = mail.outbox
    assert message.to == ["desk@example.org"]
    assert forecast.words in message.body


def test_the_dashboard_lists_what_is_due_and_who_marked_it(client, forecast, editor):
    client.force_login(editor)
    soup = BeautifulSoup(client.get(reverse("wagtailadmin_home")).content, "html.parser")
    panel = soup.select_one("#newsroom-forecasts-due-section")
    assert panel is not None
    item = panel.select_one("ul.newsroom-forecasts-due li")
    assert "marked by you" in item.get_text()


def test_the_open_data_holds_public_forecasts_with_stable_ids(client, forecast, editor, newsroom):
    Resolution.objects.create(
        forecast=forecast, outcome="came_true", explanation="Held.", editor=editor,
        evidence="https://example.org/a", resolved_on=dt.date(2024, 6, 2),
    )  # fmt: skip
    data = json.loads(client.get("/forecasts/data.json").content)
    (row,) = data["forecasts"]
    assert row["id"] == str(forecast.uid)
    assert (row["person"], row["status"], row["horizon_latest"]) == (
        "Taras Guest",
        "came_true",
        "2024-06-01",
    )
    assert row["resolutions"][0]["evidence"] == ["https://example.org/a"]
    table = list(csv.DictReader(io.StringIO(client.get("/forecasts/data.csv").content.decode())))
    assert [r["id"] for r in table] == [str(forecast.uid)]
    resolutions = list(
        csv.DictReader(io.StringIO(client.get("/forecasts/resolutions.csv").content.decode()))
    )
    assert resolutions[0]["forecast_id"] == str(forecast.uid)
    revision = Resolution.objects.create(
        forecast=forecast, outcome="partly", explanation="Two regions failed.", editor=editor,
        evidence="/news/x/", resolved_on=dt.date(2024, 6, 9),
    )  # fmt: skip
    first, second = json.loads(client.get("/forecasts/data.json").content)["forecasts"][0][
        "resolutions"
    ]
    # Each judgement under its own identifier, the revision naming what it revises.
    assert (second["id"], second["revises"], first["revises"]) == (
        str(revision.uid),
        first["id"],
        "",
    )
    assert second["evidence"] == ["http://testserver/news/x/"]
    forecast.article.unpublish()
    assert json.loads(client.get("/forecasts/data.json").content)["forecasts"] == []


def test_a_resolution_is_dated_between_the_forecast_and_today(client, forecast, editor):
    client.force_login(editor)
    url = reverse("wagtailsnippets_forecasts_forecast:resolve", args=[forecast.pk])
    outcomes = BeautifulSoup(client.get(url).content, "html.parser").select("input[name=outcome]")
    assert [o["value"] for o in outcomes] == ["came_true", "partly", "did_not", "unresolvable"]
    made = forecast.made_on
    for day, complaint in (
        ("2024-09-21", "in the future"),  # the tests' today is 20 September 2024
        ((made - dt.timedelta(days=1)).isoformat(), "before the forecast was made"),
    ):
        refused = resolve(client, forecast, outcome="did_not", resolved_on=day,
                          explanation="No.", evidence="https://example.org/a")  # fmt: skip
        errors = BeautifulSoup(refused.content, "html.parser").select(".error-message")
        assert complaint in " ".join(e.get_text() for e in errors)
    assert not Resolution.objects.exists()
    accepted = resolve(client, forecast, outcome="did_not", resolved_on=made.isoformat(),
                       explanation="No.", evidence="https://example.org/a")  # fmt: skip
    assert accepted.status_code == 302


def test_with_two_guests_each_sentence_is_credited_to_its_speaker(client, editor, newsroom):
    """Answers labelled with their speaker's name are theirs; an unlabelled one is nobody's
    until the editor says whose."""
    second = Person.objects.create(name="Mariia Second", slug="mariia-second")
    article = newsroom.interview
    Appearance.objects.create(article=article, person=second, role=Role.GUEST)
    article.body = json.dumps(
        [
            {"type": "paragraph", "id": "a",
             "value": "<p><b>Mariia Second:</b> The ferry will run again by next summer.</p>"},
            {"type": "paragraph", "id": "b",
             "value": "<p>The bridge will be finished by the end of next year.</p>"},
        ]
    )  # fmt: skip
    publish(article)
    call_command("suggest_forecasts", stdout=io.StringIO())
    credited = dict(Candidate.objects.values_list("block_id", "person_id"))
    assert credited == {"a": second.pk, "b": second.pk}  # "b" continues her answer
    article.body = json.dumps(
        [
            {"type": "question", "id": "q", "value": {"question": "And the bridge?"}},
            {"type": "paragraph", "id": "c",
             "value": "<p>The tunnel will be dug by the end of next year.</p>"},
        ]
    )  # fmt: skip
    publish(article)
    call_command("suggest_forecasts", stdout=io.StringIO())
    unknown = Candidate.objects.get(block_id="c")
    assert unknown.person_id is None
    client.force_login(editor)
    url = reverse("wagtailsnippets_forecasts_candidate:decide", args=[unknown.pk, "accept"])
    soup = BeautifulSoup(client.get(url).content, "html.parser")
    options = {o.get_text() for o in soup.select("select[name=person] option")}
    assert {"Taras Guest", "Mariia Second", "Choose who said it"} <= options
    assert soup.select_one("select[name=person] option[selected]")["value"] == ""  # nobody chosen


def test_the_desks_list_shows_the_due_date_as_a_date(client, forecast, editor):
    client.force_login(editor)
    soup = BeautifulSoup(
        client.get(reverse("wagtailsnippets_forecasts_forecast:list")).content, "html.parser"
    )
    listing = soup.select_one("table.listing")
    headers = [th.get_text(" ", strip=True) for th in listing.select("thead th")]
    due = headers.index("Due")
    cells = [c.get_text(" ", strip=True) for c in listing.select("tbody tr")[0].select("td, th")]
    assert cells[due] == "1 Jun 2024"


def test_a_stated_probability_is_kept_as_a_number_and_words_as_words():
    from decimal import Decimal

    from masthead.forecasts.marking import stated

    assert stated("0.7") == ("", Decimal("0.7"))
    assert stated("likely") == ("likely", None)
    assert stated("") == ("", None)
    assert stated("7") == ("7", None)  # not a share of one: left as said


def test_a_forecast_is_never_due_before_it_was_made(client, interview, editor, newsroom):
    made = timezone.localdate(interview.published_at)
    early = (made - dt.timedelta(days=1)).isoformat()
    candidate = Candidate.objects.create(
        article=interview, sentence="The grid will hold.", trigger="will", fingerprint="y" * 40
    )
    client.force_login(editor)
    url = reverse("wagtailsnippets_forecasts_candidate:decide", args=[candidate.pk, "accept"])
    refused = client.post(
        url, {"person": newsroom.guest.pk, "horizon_kind": "date", "horizon_latest": early}
    )
    errors = BeautifulSoup(refused.content, "html.parser").select(".error-message")
    assert [e.get_text() for e in errors] == [
        f"It cannot be due before it was made ({made.day} {made:%B %Y})."
    ]
    assert not Forecast.objects.exists()
    forecast = Forecast(
        article=interview, person=newsroom.guest, words=PREDICTION, horizon_latest=early
    )
    with pytest.raises(ValidationError, match="due before it was made"):
        forecast.full_clean()


@pytest.mark.parametrize("link", ["//elsewhere.example/x", "/ not a path", "/back\\slash"])
def test_evidence_on_this_site_is_a_path_here(client, forecast, editor, link):
    client.force_login(editor)
    refused = resolve(client, forecast, outcome="did_not", resolved_on="2024-06-02",
                      explanation="No.", evidence=link)  # fmt: skip
    errors = BeautifulSoup(refused.content, "html.parser").select(".error-message")
    assert "Line 1 is not a link" in errors[0].get_text()
    assert not Resolution.objects.exists()
