"""What readers see of forecasts: marked in the article with their status, a page each with
ClaimReview once resolved, the index with its filters and feed, and a person's track record
(masthead/forecasts/marks.py, queries.py, views.py, record.py)."""

from __future__ import annotations

import datetime as dt
import json
import re
from decimal import Decimal

import extruct
import feedparser
import pytest
from bs4 import BeautifulSoup
from django.conf import settings
from taggit.models import Tag

from masthead.forecasts.models import Forecast, Resolution
from tests.conftest import publish
from tests.edge.test_middleware import cache_control
from tests.emitted import recording

SAID = "Prices will fall by the end of next year."


@pytest.fixture
def interview(newsroom):
    article = newsroom.interview
    article.body = json.dumps(
        [{"type": "paragraph", "value": f"<p>It is hard now. {SAID} Then we rebuild.</p>",
          "id": "p1"}]
    )  # fmt: skip
    return publish(article)


def make(interview, person, words=SAID, **fields) -> Forecast:
    fields.setdefault("horizon_latest", dt.date(2025, 12, 31))
    forecast = Forecast.objects.create(
        article=interview, person=person, words=words, block_id="p1", **fields
    )
    return forecast


def resolve(forecast, outcome, **fields) -> Resolution:
    fields.setdefault("explanation", "Checked against the statistics office.")
    fields.setdefault("evidence", "https://example.org/prices")
    return Resolution.objects.create(forecast=forecast, outcome=outcome, **fields)


def soup(client, url) -> BeautifulSoup:
    response = client.get(url)
    assert response.status_code == 200, url
    return BeautifulSoup(response.content, "html.parser")


def test_the_article_marks_a_pending_forecast_and_links_its_page(client, interview, newsroom):
    forecast = make(interview, newsroom.guest)
    page = soup(client, interview.url)
    (marked,) = page.select(".article-body mark.forecast")
    assert marked.a.get_text() == SAID
    assert marked.a["href"] == f"/forecasts/{forecast.uid}/"
    assert "forecast-pending" in marked["class"]
    note = page.select_one(".article-body .forecast-note").get_text(" ", strip=True)
    assert note.startswith("This forecast by Taras Guest is pending")


def test_once_resolved_the_article_shows_the_outcome_and_evidence(client, interview, newsroom):
    forecast = make(interview, newsroom.guest)
    soup(client, interview.url)  # rendered and kept, then the resolution makes it stale
    resolve(forecast, "did_not")
    page = soup(client, interview.url)
    assert "forecast-did_not" in page.select_one("mark.forecast")["class"]
    note = page.select_one(".forecast-note")
    assert note.strong.get_text() == "Did not come true"
    evidence = note.select("a")[0]
    assert (evidence["href"], evidence.get_text()) == ("https://example.org/prices", "example.org")


def test_the_forecast_page_carries_claimreview_only_once_resolved(client, interview, newsroom):
    forecast = make(interview, newsroom.guest, credentials="Former adviser")
    url = f"/forecasts/{forecast.uid}/"
    pending = client.get(url).content.decode()
    assert not [d for d in extruct.extract(pending, syntaxes=["json-ld"])["json-ld"]
                if d.get("@type") == "ClaimReview"]  # fmt: skip
    assert BeautifulSoup(pending, "html.parser").select_one(".forecast-pending")
    resolve(forecast, "came_true")
    html = client.get(url).content.decode()
    (review,) = [
        d for d in extruct.extract(html, syntaxes=["json-ld"])["json-ld"]
        if d.get("@type") == "ClaimReview"
    ]  # fmt: skip
    assert review["claimReviewed"] == SAID
    assert review["itemReviewed"]["author"]["name"] == "Taras Guest"
    assert review["itemReviewed"]["author"]["jobTitle"] == "Former adviser"
    assert review["itemReviewed"]["appearance"]["headline"] == interview.title
    assert review["reviewRating"] == {
        "@type": "Rating", "alternateName": "Came true",
        "ratingValue": 3, "worstRating": 1, "bestRating": 3,
    }  # fmt: skip


def test_a_revision_shows_the_earlier_resolution(client, interview, newsroom):
    forecast = make(interview, newsroom.guest)
    resolve(forecast, "came_true", explanation="First reading.")
    resolve(forecast, "partly", explanation="Revised after the final figures.")
    page = soup(client, f"/forecasts/{forecast.uid}/")
    assert page.select_one(".forecast-outcome h2").get_text() == "Partly came true"
    earlier = page.select(".forecast-history li")
    assert len(earlier) == 1 and "First reading." in earlier[0].get_text()


def test_a_forecast_in_a_draft_is_not_shown(client, interview, newsroom):
    forecast = make(interview, newsroom.guest)
    interview.unpublish()
    assert client.get(f"/forecasts/{forecast.uid}/").status_code == 404
    assert json.loads(client.get("/forecasts/data.json").content)["forecasts"] == []


def test_unpublishing_or_moving_an_article_with_forecasts_emits_the_forecasts_and_the_record(
    interview, newsroom
):
    forecast = make(interview, newsroom.guest)
    shown = {"forecasts", f"person-{forecast.person_id}", f"article-{interview.pk}"}

    with recording() as unpublished:
        interview.unpublish()
    with recording() as republished:
        publish(interview)
    with recording() as moved:
        interview.move(newsroom.news, pos="last-child")

    assert shown <= unpublished and shown <= republished and shown <= moved


def test_renaming_a_forecasts_subject_emits_the_forecasts_and_the_record(interview, newsroom):
    forecast = make(interview, newsroom.guest)
    subject = Tag.objects.create(name="prices", slug="prices")
    forecast.subjects.add(subject)
    forecast.save()

    with recording() as emitted:
        subject.name = "Prices and wages"
        subject.save()

    assert {"forecasts", f"person-{forecast.person_id}", f"article-{interview.pk}"} <= emitted


def test_renaming_a_person_with_forecasts_emits_the_forecasts(client, interview, newsroom):
    make(interview, newsroom.guest)

    with recording() as emitted:
        newsroom.guest.name = "Taras Guest-Renamed"
        newsroom.guest.save()

    assert {"forecasts", f"person-{newsroom.guest.pk}"} <= emitted
    index = soup(client, "/forecasts/")
    assert "Taras Guest-Renamed" in index.select_one("ol.forecasts li").get_text()


def test_the_index_filters_by_subject_and_status_and_has_a_feed(client, interview, newsroom):
    prices = make(interview, newsroom.guest)
    prices.subjects.add(Tag.objects.create(name="prices", slug="prices"))
    prices.save()
    other = make(interview, newsroom.guest, words="Then we rebuild.")
    resolve(other, "unresolvable", evidence="")

    def listed(**params):
        query = "&".join(f"{k}={v}" for k, v in params.items())
        page = soup(client, f"/forecasts/?{query}")
        return [a["href"] for a in page.select("ol.forecasts a")]

    assert set(listed()) == {f"/forecasts/{prices.uid}/", f"/forecasts/{other.uid}/"}
    assert listed(subject="prices") == [f"/forecasts/{prices.uid}/"]
    assert listed(status="unresolvable") == [f"/forecasts/{other.uid}/"]
    feed = feedparser.parse(client.get("/forecasts/feed/").content)
    (resolution,) = other.resolutions.all()
    assert {entry.id for entry in feed.entries} == {
        f"urn:uuid:{prices.uid}", f"urn:uuid:{other.uid}", f"urn:uuid:{resolution.uid}"
    }  # fmt: skip


def test_the_track_record_counts_everything_and_scores_only_from_five(client, interview, newsroom):
    outcomes = ["came_true", "came_true", "did_not", "partly", None, "unresolvable"]
    for i, outcome in enumerate(outcomes):
        forecast = make(interview, newsroom.guest, words=f"Claim {i}", confidence_text="likely")
        if outcome:
            resolve(forecast, outcome, evidence="" if outcome == "unresolvable" else "https://e.x/")
    page = soup(client, "/people/taras-guest/")
    record = page.select_one("#track-record")
    first = [td.get_text() for td in record.select("table.record tbody tr")[0].select("td")]
    assert first == ["6", "2", "1", "1", "1", "1"]  # made, true, partly, not, cannot, pending
    calibration = [td.get_text() for td in record.select("table.calibration tbody td")]
    assert calibration == ["75%", "4", "62%"]  # (1 + 1 + 0 + 0.5) / 4
    assert record.select_one(".brier").get_text().startswith("No Brier score")
    fifth = make(interview, newsroom.guest, words="Claim 6", confidence=Decimal("0.9"))
    resolve(fifth, "came_true")
    brier = soup(client, "/people/taras-guest/").select_one("#track-record .brier").get_text()
    # ((0.75-1)² + (0.75-1)² + (0.75-0)² + (0.75-0.5)² + (0.9-1)²) / 5
    assert brier.startswith("Brier score 0.152 over 5 forecasts")  # 0.76 / 5


def test_the_kept_track_record_follows_its_forecasts_articles(client, interview, newsroom):
    def made() -> list[str]:
        record = soup(client, "/people/taras-guest/").select_one("#track-record")
        rows = record.select("table.record tbody tr") if record else []
        return [tr.select("td")[0].get_text() for tr in rows[:1]]

    forecast = make(interview, newsroom.guest)
    assert made() == ["1"]
    make(interview, newsroom.guest, words="Then we rebuild.")
    assert made() == ["2"]
    resolve(forecast, "came_true")
    interview.unpublish()
    assert made() == []
    publish(interview)
    assert made() == ["2"]


# A valid <time datetime>: a date, or a time to the second with its offset (the Nu checker
# refuses microseconds).
VALID_DATETIME = re.compile(r"\d{4}-\d\d-\d\d(T\d\d:\d\d:\d\d(Z|[+-]\d\d:\d\d))?")
PRECISE = dt.datetime(2023, 5, 28, 9, 0, 0, 123456, tzinfo=dt.UTC)


def test_each_forecast_page_has_an_h1_and_valid_times(client, interview, newsroom):
    interview.published_at = PRECISE
    publish(interview)
    pending = make(interview, newsroom.guest)
    resolved = make(interview, newsroom.guest, words="Then we rebuild.")
    resolve(resolved, "came_true", recorded_at=PRECISE + dt.timedelta(days=400))
    resolve(resolved, "partly", recorded_at=PRECISE + dt.timedelta(days=401))
    for forecast, status in [(pending, "Pending"), (resolved, "Partly came true")]:
        page = soup(client, f"/forecasts/{forecast.uid}/")
        (h1,) = page.find_all("h1")
        assert h1.get_text() == f"Forecast by Taras Guest: {status}"
        times = [time["datetime"] for time in page.select("main time")]
        assert times and all(VALID_DATETIME.fullmatch(value) for value in times), times
    (index_h1,) = soup(client, "/forecasts/").find_all("h1")
    assert index_h1.get_text() == "Forecasts"


def test_every_page_links_the_index_and_a_track_record_links_the_persons(
    client, interview, newsroom
):
    mine = make(interview, newsroom.guest)
    make(interview, newsroom.host, words="Then we rebuild.")
    front = soup(client, "/")
    assert front.select_one('.site-footer a[href="/forecasts/"]').get_text() == "Forecasts"
    person = soup(client, "/people/taras-guest/")
    (link,) = [a for a in person.select("#track-record a") if a["href"].startswith("/forecasts/?")]
    assert link.get_text() == "All forecasts by Taras Guest"
    assert link["href"] == "/forecasts/?person=taras-guest"
    index = soup(client, link["href"])
    assert index.h1.get_text() == "Forecasts by Taras Guest"
    assert [a["href"] for a in index.select("ol.forecasts a")] == [f"/forecasts/{mine.uid}/"]


@pytest.mark.parametrize(
    ("query", "named"),
    [
        ("subject=no-such-subject", "no-such-subject"),
        ("status=no-such-status", "no-such-status"),
        ("person=nobody-at-all", "nobody-at-all"),
        ("page=99", "99"),
        ("page=first", "first"),
    ],
)
@pytest.mark.parametrize("path", ["/forecasts/", "/forecasts/feed/"])
def test_an_unknown_filter_is_a_404_that_names_it(client, interview, newsroom, path, query, named):
    make(interview, newsroom.guest).subjects.add(Tag.objects.create(name="prices", slug="prices"))
    if path.endswith("feed/") and query.startswith("page"):
        pytest.skip("the feed has no pages")
    response = client.get(f"{path}?{query}")
    assert response.status_code == 404
    page = BeautifulSoup(response.content, "html.parser")
    assert f"“{named}”" in page.main.get_text()


def test_a_subject_of_no_public_forecast_is_unknown_too(client, interview, newsroom):
    Tag.objects.create(name="weather", slug="weather")  # a tag, but of no forecast
    make(interview, newsroom.guest)
    assert client.get("/forecasts/?subject=weather").status_code == 404
    assert client.get("/forecasts/?subject=weather&status=pending").status_code == 404


def pull_quoted(interview, newsroom, quote: str) -> Forecast:
    interview.body = json.dumps(
        [{"type": "pull_quote", "value": {"quote": quote, "person": newsroom.guest.pk},
          "id": "q1"},
         {"type": "paragraph", "value": f"<p>She said: “{SAID}” Then we rebuild.</p>",
          "id": "p1"}]
    )  # fmt: skip
    publish(interview)
    Forecast.objects.create(
        article=interview, person=newsroom.guest, words=quote, block_id="q1",
        horizon_latest=dt.date(2025, 12, 31),
    )  # fmt: skip
    return make(interview, newsroom.guest)


def test_the_status_follows_the_closing_quotation_mark(client, interview, newsroom):
    quote = "The harbour will reopen before the spring."
    pull_quoted(interview, newsroom, quote)
    page = soup(client, interview.url)
    pull = page.select_one(".pull-quote blockquote p")
    assert pull.get_text() == f"“{quote}” (forecast: Pending)"
    paragraph = page.select_one(".article-body > p:has(mark.forecast)")
    assert f"“{SAID}” (forecast: Pending) Then" in paragraph.get_text()
    for marked in page.select("mark.forecast"):
        # Heard by a screen reader: plain text of the mark, after the words and their quotes.
        status = marked.select_one(".forecast-status")
        assert status.get_text() == " (forecast: Pending)"
        assert not status.find_parents(attrs={"aria-hidden": True})
        assert status.find_previous_sibling(string=True) == "”"
        assert marked.a.get_text() in {quote, SAID}


def test_an_apostrophe_is_not_taken_for_a_closing_quotation_mark():
    from markupsafe import Markup

    from masthead.articles.queries import TextMark, mark

    seen = []
    text_mark = TextMark("the ministers", lambda o, w, c: seen.append((o, w, c)) or Markup("X"))
    assert mark("<p>So the ministers' plan fails.</p>", [text_mark]) == "<p>So X' plan fails.</p>"
    assert mark("<p>He said \u2018the ministers\u2019.</p>", [text_mark]) == "<p>He said X.</p>"
    assert seen == [("", "the ministers", ""), ("\u2018", "the ministers", "\u2019")]


def test_a_pending_forecast_says_whether_it_is_due(client, interview, newsroom):
    waiting = make(interview, newsroom.guest)  # due 31 December 2025; today 20 September 2024
    due = make(interview, newsroom.guest, horizon_latest=dt.date(2024, 9, 1))
    said = {
        f: soup(client, f"/forecasts/{f.uid}/").select_one("p.forecast-pending").get_text()
        for f in (waiting, due)
    }
    assert said[waiting].startswith("Pending: it can be checked from 31 December 2025")
    assert said[due].startswith("Pending: due since 1 September 2024")


def test_a_pending_forecast_is_kept_no_longer_than_until_it_falls_due(client, interview, newsroom):
    """It says "due since" from the day it falls due, which no change announces: an edge, and
    the kept pages, may keep its page until that day starts and no longer."""
    tomorrow = make(interview, newsroom.guest, horizon_latest=dt.date(2024, 9, 21))
    due = make(interview, newsroom.guest, horizon_latest=dt.date(2024, 9, 1))
    configured = settings.MASTHEAD_HTTP_CACHE["SHARED_SECONDS"]
    until_due = int(cache_control(client.get(f"/forecasts/{tomorrow.uid}/"))["s-maxage"])
    assert 0 < until_due < 24 * 60 * 60 <= configured
    assert int(cache_control(client.get(f"/forecasts/{due.uid}/"))["s-maxage"]) == configured


def test_evidence_is_named_by_its_site_or_as_our_report(client, interview, newsroom):
    forecast = make(interview, newsroom.guest)
    resolve(forecast, "came_true", evidence="https://www.example.org/prices\n/news/later/")
    page = soup(client, f"/forecasts/{forecast.uid}/")
    links = [(a["href"], a.get_text()) for a in page.select(".forecast-outcome ul a")]
    assert links == [
        ("https://www.example.org/prices", "example.org"),
        ("/news/later/", "our report"),
    ]
