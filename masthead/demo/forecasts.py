"""The demo newsroom's forecasts: the detector run over its interviews and columns, the first
candidates of each accepted by the chief editor with the article's tags as subjects, a few
resolved against the demo week's later news, one of them revised, and one due; and a broadcast
whose transcript became a draft interview. Deterministic for a seed, like the rest of the demo."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.utils import timezone

from masthead.articles.models import ArticleKind, ArticlePage
from masthead.editions.current import all_editions
from masthead.forecasts import suggestions
from masthead.forecasts.admin_views import accept
from masthead.forecasts.models import Candidate, Outcome, Resolution
from masthead.people.models import Person
from masthead.planning.models import PlanItem, PlanKind
from masthead.programmes.models import Programme
from masthead.sections.models import SectionPage
from masthead.transcripts.drafting import draft_interview
from masthead.transcripts.parsing import read_transcript

from .content.transcript import BROADCAST_TITLE, GUEST, HOST, TRANSCRIPT

# At most this many forecasts accepted from one article.
PER_ARTICLE = 2
# The resolutions, by the order of the accepted forecasts: (outcome, why, revised outcome).
# The next forecast is left pending past its horizon (due), the rest pending.
RESOLVED = (
    (Outcome.CAME_TRUE, "Later that week the figures showed it had happened.", None),
    (Outcome.DID_NOT, "The week's news showed the opposite.", None),
    (Outcome.CAME_TRUE, "At first it looked so.", Outcome.PARTLY),
)
STATED = ("likely", "certain", "possible", "", "likely", "0.8")


def add_forecasts(now: dt.datetime) -> int:
    """Mark, resolve and make due the demo's forecasts; returns how many were marked."""
    chief = get_user_model().objects.filter(username="chief").first()
    articles = suggestions.articles_since(None).filter(
        kind__in=(ArticleKind.INTERVIEW, ArticleKind.OPINION, ArticleKind.ANALYSIS)
    )
    suggestions.store(suggestions.find(articles))
    taken: dict[int, int] = {}
    marked = []
    for candidate in Candidate.objects.select_related("article").order_by("article_id", "pk"):
        if taken.get(candidate.article_id, 0) >= PER_ARTICLE or not _plainly_forecast(candidate):
            continue
        taken[candidate.article_id] = taken.get(candidate.article_id, 0) + 1
        forecast = accept(candidate, chief)
        forecast.subjects.add(*candidate.article.tags.all()[:2])
        stated = STATED[len(marked) % len(STATED)]
        if stated.replace(".", "").isdigit():
            forecast.confidence = Decimal(stated)
        else:
            forecast.confidence_text = forecast.confidence_text or stated
        forecast.save()
        marked.append(forecast)
    evidence = _later_news(now)
    for forecast, (outcome, why, revised) in zip(marked, RESOLVED, strict=False):
        links = "" if outcome == Outcome.UNRESOLVABLE else evidence
        Resolution.objects.create(
            forecast=forecast, outcome=outcome, explanation=why, evidence=links, editor=chief,
            resolved_on=now.date(), recorded_at=now - dt.timedelta(hours=2),
        )  # fmt: skip
        if revised:
            Resolution.objects.create(
                forecast=forecast, outcome=revised, editor=chief, evidence=links,
                explanation="Revised: the final figures came in lower.", resolved_on=now.date(),
                recorded_at=now - dt.timedelta(hours=1),
            )  # fmt: skip
    if len(marked) > len(RESOLVED):
        # One pending forecast whose horizon has passed: the dashboard's "due for resolution".
        due = marked[len(RESOLVED)]
        due.horizon_latest = (now - dt.timedelta(days=1)).date()
        due.save(update_fields=["horizon_latest"])
    return len(marked)


def _plainly_forecast(candidate: Candidate) -> bool:
    """What the demo's chief editor accepts: pull quotes that say "will" or name a horizon (the
    detector also proposes weaker sentences, which a real desk would dismiss)."""
    quotes = {b.get("id") for b in candidate.article.body.raw_data if b.get("type") == "pull_quote"}
    return candidate.block_id in quotes and (
        "will" in candidate.trigger.lower() or candidate.horizon_latest is not None
    )


def _later_news(now: dt.datetime) -> str:
    """The address of the week's newest news item, on the edition: the evidence cited."""
    edition = all_editions()[0]
    newest = ArticlePage.objects.filter(live=True, kind=ArticleKind.NEWS, published_at__lte=now)
    url_path = newest.order_by("-published_at").values_list("url_path", flat=True).first()
    return edition.relative_url(url_path) if url_path else ""


def add_transcribed_broadcast(now: dt.datetime) -> ArticlePage:
    """Tonight's Evening Dialogue as a broadcast on the calendar, its transcript read into a
    draft interview for the desk (never published by the demo)."""
    programme = Programme.objects.get(slug="evening-dialogue")
    host, guest = Person.objects.get(slug=HOST), Person.objects.get(slug=GUEST)
    section = SectionPage.objects.get(slug="economy")
    transcript = read_transcript(TRANSCRIPT, "evening-dialogue.vtt")
    names = {host.name: (host, "host"), guest.name: (guest, "guest")}
    draft = draft_interview(transcript, names, programme, section, BROADCAST_TITLE)
    PlanItem.objects.create(
        kind=PlanKind.BROADCAST,
        title=BROADCAST_TITLE,
        programme=programme,
        section=section,
        planned_at=timezone.localtime(now).replace(hour=20, minute=0, second=0, microsecond=0),
        article=draft,
    )
    return draft
