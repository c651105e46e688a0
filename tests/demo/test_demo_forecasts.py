"""The demo's forecasts make a track record a newsroom could believe: older appearances whose
horizons have passed, each resolution citing its own later evidence, confidences only where the
words state them, one revision, one forecast due; and tonight's broadcast drafted with the
editor's comments on its proposed pull quotes.

The small newsroom (the archive is the same at every size) is built once for the module inside
a transaction rolled back at the end.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from decimal import Decimal
from io import StringIO
from urllib.parse import urlsplit

import pytest
from bs4 import BeautifulSoup
from django.core.management import call_command
from django.db import transaction
from wagtail.models import Comment

from masthead.articles.models import ArticlePage
from masthead.demo.content.forecast_archive import APPEARANCES, EVIDENCE, JUDGEMENTS
from masthead.demo.forecasts import ZONE, archive_year, moment
from masthead.editions.current import all_editions
from masthead.forecasts import detection
from masthead.forecasts.models import Forecast, Outcome, Resolution, Status
from masthead.forecasts.record import MIN_SCORED, track_record
from masthead.planning.models import PlanItem, PlanKind

NOW = "2024-09-20T15:00:00+00:00"
NOW_AT = dt.datetime.fromisoformat(NOW)
TODAY = NOW_AT.astimezone(ZONE).date()


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker) -> Iterator[None]:
    with django_db_blocker.unblock(), transaction.atomic():
        call_command(
            "demo_newsroom", "--now", NOW, "--seed", "1", "--size", "small", stdout=StringIO()
        )
        yield
        transaction.set_rollback(True)


def forecasts():
    return Forecast.objects.select_related("article", "person").order_by("pk")


def article_at(link: str) -> ArticlePage | None:
    """The article a local evidence link names, by its path on the edition."""
    (edition,) = [e for e in all_editions() if e.language_code == "en"]
    paths = {
        edition.relative_url(url_path): pk
        for pk, url_path in ArticlePage.objects.values_list("pk", "url_path")
    }
    pk = paths.get(link)
    return ArticlePage.objects.get(pk=pk) if pk else None


def test_every_resolution_cites_its_own_later_evidence(demo, db, client):
    resolutions = list(Resolution.objects.select_related("forecast__article"))
    assert len(resolutions) >= 9
    cited = set()
    for resolution in resolutions:
        forecast = resolution.forecast
        links = resolution.evidence_links
        assert links, resolution
        local = [link for link in links if link.startswith("/")]
        assert local, "each cites at least one of our own later articles"
        for link in links:
            if not link.startswith("/"):
                parts = urlsplit(link)
                assert parts.scheme == "https" and parts.hostname == "example.org", link
                continue
            article = article_at(link)
            assert article is not None and article.live, link
            assert article.published_at > forecast.article.published_at, link
            # Written once the horizon had passed, before the resolution.
            assert timezone_date(article.published_at) > forecast.horizon_latest, link
            assert timezone_date(article.published_at) <= resolution.resolved_on, link
            page = BeautifulSoup(client.get(link).content, "html.parser")
            assert page.h1.get_text(strip=True) == article.title
        cited.add(tuple(local))
    # Not one link for all: the judgements cite at least as many pieces of evidence as there
    # are judged forecasts less the one winter review cited twice.
    assert len({link for links in cited for link in links}) >= len(resolutions) - 2
    explanations = [r.explanation for r in resolutions]
    assert len(set(explanations)) == len(explanations)


def timezone_date(moment_: dt.datetime) -> dt.date:
    return moment_.astimezone(ZONE).date()


def test_confidences_are_only_what_the_words_state(demo, db):
    stated = 0
    for forecast in forecasts():
        found = detection.is_forecast(forecast.words, forecast.made_on)
        assert found is not None, forecast.words
        if forecast.confidence is not None:
            # A number said in words: the stated probability, and no word invented beside it.
            assert Decimal(found.confidence) == forecast.confidence
            assert forecast.confidence_text == ""
        else:
            assert forecast.confidence_text == found.confidence, forecast.words
        stated += bool(forecast.confidence_text or forecast.confidence is not None)
    assert stated >= 5
    spoken = {f.words: f.confidence for f in forecasts() if f.confidence is not None}
    assert set(spoken.values()) == {Decimal("0.7"), Decimal("0.8")}
    assert all("percent" in words for words in spoken)


def test_one_expert_has_a_scored_track_record(demo, db):
    people = {f.person for f in forecasts()}
    scored = {person: track_record(Forecast.objects.filter(person=person)) for person in people}
    best = max(scored.values(), key=lambda record: record.scored)
    assert best.scored >= MIN_SCORED
    assert best.brier is not None and 0 <= best.brier <= 1
    assert len(best.calibration) >= 3  # certain, likely, and the stated numbers


def test_outcomes_of_every_kind_and_one_revised_later(demo, db):
    outcomes = set(Resolution.objects.values_list("outcome", flat=True))
    assert outcomes == set(Outcome.values)
    (revised,) = [f for f in forecasts() if f.resolutions.count() > 1]
    first, second = revised.resolutions.order_by("recorded_at")
    assert second.recorded_at > first.recorded_at and second.resolved_on > first.resolved_on
    assert second.outcome != first.outcome and revised.status == second.outcome
    assert second.explanation.startswith("Revised:")
    unresolvable = Resolution.objects.get(outcome=Outcome.UNRESOLVABLE)
    assert unresolvable.explanation  # with its reason


def test_resolutions_fall_between_the_forecast_and_today(demo, db):
    for resolution in Resolution.objects.select_related("forecast__article"):
        assert resolution.forecast.made_on <= resolution.resolved_on <= TODAY
        assert resolution.recorded_at <= NOW_AT
        resolution.full_clean()  # the model's own rule agrees


def test_one_forecast_is_due_from_its_own_date(demo, db):
    due = [f for f in forecasts() if f.status == Status.PENDING and f.horizon_latest < TODAY]
    assert len(due) == 1
    (forecast,) = due
    assert not forecast.resolutions.exists()
    # Its horizon is the one its words give on the day it was said, not rewritten.
    found = detection.is_forecast(forecast.words, forecast.made_on)
    assert found.horizon.latest == forecast.horizon_latest
    assert 365 <= (TODAY - forecast.made_on).days <= 3 * 366


def test_the_archive_is_one_to_three_years_old_and_this_week_stays_pending(demo, db):
    week = NOW_AT - dt.timedelta(days=7)
    for forecast in forecasts():
        if forecast.article.published_at >= week:
            assert forecast.status == Status.PENDING and forecast.horizon_latest > TODAY
        else:
            assert 365 <= (TODAY - forecast.made_on).days <= 3 * 366, forecast.words
    # Every archived forecast was marked from the pull quote it is in.
    assert forecasts().filter(article__published_at__lt=week).count() == len(JUDGEMENTS)


@pytest.mark.parametrize("days", range(0, 4 * 366, 23))
def test_the_archive_fits_any_clock(days):
    """Whatever the demo's clock, the appearances are one to three years old and every
    resolution falls after its evidence and before now."""
    now = dt.datetime(2025, 1, 1, 12, tzinfo=dt.UTC) + dt.timedelta(days=days)
    today = now.astimezone(ZONE).date()
    made = {a.key: moment(a.when, now, weekday=bool(a.programme)) for a in APPEARANCES}
    for key, when in made.items():
        assert 365 <= (today - when.astimezone(ZONE).date()).days <= 3 * 366, (key, now)
    published = {e.key: moment(e.when, now) for e in EVIDENCE}
    for judgement in JUDGEMENTS:
        if judgement.outcome is None:
            continue
        newest = max(published[key] for key in judgement.evidence)
        resolved = newest.astimezone(ZONE).date() + dt.timedelta(days=judgement.after)
        assert made[judgement.appearance] < newest and resolved <= today, (judgement, now)
    assert archive_year(now) in (today.year - 2, today.year - 3)


def test_the_broadcast_draft_asks_the_editor_about_each_proposed_quote(demo, db):
    broadcast = PlanItem.objects.get(kind=PlanKind.BROADCAST, article__isnull=False)
    draft = broadcast.article.get_latest_revision_as_object()
    proposed = [b.id for b in draft.body if b.block_type == "pull_quote" and b.value["proposed"]]
    assert proposed
    comments = Comment.objects.filter(page=broadcast.article).select_related("user")
    assert {c.contentpath for c in comments} == {f"body.{pk}.quote" for pk in proposed}
    assert {c.user.username for c in comments} == {"chief"}
