"""What the forecasts' reader pages show: one forecast with its history, the index by subject
and status, and a person's track record."""

from __future__ import annotations

import datetime as dt
import json
import math
from dataclasses import dataclass
from urllib.parse import urlencode

from django.core.paginator import InvalidPage, Paginator
from django.db.models import OuterRef, Q, QuerySet, Subquery
from django.http import Http404, HttpRequest
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.text import Truncator
from markupsafe import Markup
from taggit.models import Tag

from masthead.caching import keys
from masthead.edge.lifetime import keep_at_most
from masthead.editions.current import CurrentEdition, edition_for_request
from masthead.people.models import Person

from .models import Forecast, Outcome, Resolution, Status
from .record import public_forecasts

PAGE_SIZE = 40
# ClaimReview's rating of each outcome, worst 1 to best 3 (schema.org Rating).
RATINGS = {Outcome.DID_NOT: 1, Outcome.PARTLY: 2, Outcome.CAME_TRUE: 3}


def edition_of(request: HttpRequest) -> CurrentEdition:
    edition = edition_for_request(request)
    if edition is None:
        raise Http404("No edition answers at this address.")
    return edition


def public(edition: CurrentEdition) -> QuerySet[Forecast]:
    """Forecasts whose article readers may see, in this edition."""
    return public_forecasts(edition.root_tree_path())


def forecast_page(request: HttpRequest, uid) -> dict:
    edition = edition_of(request)
    forecast = (
        public(edition)
        .select_related("article", "person")
        .prefetch_related("subject_items__tag")
        .filter(uid=uid)
        .first()
    )
    if forecast is None:
        raise Http404("No public forecast has this identifier.")
    keys.declare(*forecast.keys())
    if forecast.status == Status.PENDING and not forecast.is_due:
        # It says "due since" from the day it falls due, which no change announces.
        keep_at_most(request, seconds_until(forecast.horizon_latest))
    history = list(forecast.resolutions.select_related("editor").order_by("recorded_at", "pk"))
    article_url = edition.relative_url(forecast.article.url_path)
    current = history[-1] if history else None
    return {
        "forecast": forecast,
        "subjects": [item.tag for item in forecast.subject_items.all()],
        "history": history,
        "current": current,
        "article_url": article_url,
        "claim_review": claim_review(request, forecast, current, article_url),
    }


def seconds_until(day: dt.date) -> int:
    """Seconds from now until ``day`` starts on the clock of the page (the edition's)."""
    start = dt.datetime.combine(day, dt.time(0), tzinfo=timezone.get_current_timezone())
    return math.ceil((start - timezone.now()).total_seconds())


def claim_review(request: HttpRequest, forecast: Forecast, current, article_url: str):
    """ClaimReview JSON-LD for a resolved forecast; none while it is pending (never rated)."""
    if current is None:
        return None
    rating = {"@type": "Rating", "alternateName": current.get_outcome_display()}
    if current.outcome in RATINGS:
        rating |= {"ratingValue": RATINGS[current.outcome], "worstRating": 1, "bestRating": 3}
    data = {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "url": request.build_absolute_uri(),
        "datePublished": current.recorded_at.date().isoformat(),
        "claimReviewed": forecast.words,
        "author": {"@type": "NewsMediaOrganization", "name": edition_of(request).brand},
        "itemReviewed": {
            "@type": "Claim",
            "author": {
                "@type": "Person",
                "name": forecast.person.name,
                "url": request.build_absolute_uri(forecast.person.get_absolute_url()),
                **({"jobTitle": forecast.credentials} if forecast.credentials else {}),
            },
            "appearance": {
                "@type": "NewsArticle",
                "headline": forecast.article.title,
                "url": request.build_absolute_uri(article_url),
                **(
                    {"datePublished": forecast.article.published_at.isoformat()}
                    if forecast.article.published_at
                    else {}
                ),
            },
        },
        "reviewRating": rating,
    }
    text = json.dumps(data, ensure_ascii=False).replace("<", "\\u003c")
    return Markup('<script type="application/ld+json">{}</script>').format(Markup(text))


class NotFound(Http404):
    """A filter of the index or the feed names nothing there is: its page says what."""


@dataclass(frozen=True)
class Filters:
    """The index's filters as read from the query string, each checked against what there is."""

    subject: Tag | None = None
    status: str = ""
    person: Person | None = None

    def narrow(self, forecasts: QuerySet[Forecast]) -> QuerySet[Forecast]:
        if self.subject is not None:
            forecasts = forecasts.filter(subject_items__tag=self.subject)
        if self.status:
            forecasts = forecasts.filter(status=self.status)
        if self.person is not None:
            forecasts = forecasts.filter(person=self.person)
        return forecasts

    @property
    def query(self) -> str:
        """The filters as a query string (``""`` for none), for the pager and the feed."""
        chosen = {
            "subject": self.subject.slug if self.subject else "",
            "status": self.status,
            "person": self.person.slug if self.person else "",
        }
        return urlencode({name: value for name, value in chosen.items() if value})

    def url(self, base: str) -> str:
        """``base`` with the filters' query string, when there are any."""
        return f"{base}?{self.query}" if self.query else base

    @property
    def described(self) -> str:
        """``by Taras Guest, on prices, came true``: what the filters keep, for titles."""
        parts = [f"by {self.person.name}" if self.person else ""]
        parts.append(f"on {self.subject.name}" if self.subject else "")
        parts.append(Status(self.status).label.lower() if self.status else "")
        return ", ".join(part for part in parts if part)


def read_filters(
    request: HttpRequest, edition: CurrentEdition, subjects: list[Tag] | None = None
) -> Filters:
    """The filters of ``request``; ``NotFound`` naming the first that matches no public forecast.
    The index passes the subjects it lists, so a subject costs no query there; a person costs one
    wherever it is asked for."""
    subject_slug = request.GET.get("subject", "")
    status = request.GET.get("status", "")
    person_slug = request.GET.get("person", "")
    subject = person = None
    if subject_slug:
        if subjects is None:
            subjects = list(
                Tag.objects.filter(
                    slug=subject_slug,
                    forecasts_forecastsubject_items__content_object__in=public(edition),
                ).distinct()
            )
        subject = next((tag for tag in subjects if tag.slug == subject_slug), None)
        if subject is None:
            raise NotFound(f"No forecast has the subject “{subject_slug}”.")
    if status and status not in Status.values:
        raise NotFound(f"There is no status “{status}”: a forecast is pending or resolved.")
    if person_slug:
        found = public(edition).filter(person__slug=person_slug).select_related("person").first()
        if found is None:
            raise NotFound(f"No forecast is by “{person_slug}”.")
        person = found.person
    return Filters(subject, status, person)


def public_subjects(edition: CurrentEdition) -> QuerySet[Tag]:
    return (
        Tag.objects.filter(forecasts_forecastsubject_items__content_object__in=public(edition))
        .distinct()
        .order_by("name")
    )


def index_page(request: HttpRequest) -> dict:
    edition = edition_of(request)
    keys.declare(keys.FORECASTS)
    subjects = list(public_subjects(edition))
    filters = read_filters(request, edition, subjects)
    forecasts = filters.narrow(public(edition).select_related("person", "article"))
    paginator = Paginator(forecasts.order_by("-marked_at", "-pk"), PAGE_SIZE)
    number = request.GET.get("page") or 1
    try:
        page = paginator.page(number)
    except InvalidPage:
        raise NotFound(f"There is no page “{number}” of these forecasts.") from None
    return {
        "page_of": page,
        "subjects": subjects,
        "statuses": Status.choices,
        "filters": filters,
        "subject": filters.subject.slug if filters.subject else "",
        "status": filters.status,
        "person": filters.person,
        "query": filters.query,
        "feed_url": filters.url(reverse("forecasts_feed")),
        "due_text": lambda f: date_format(f.horizon_latest, "j F Y"),
    }


@dataclass(frozen=True)
class FeedItem:
    """One entry of the feed: a forecast marked, or a resolution recorded (a revision too)."""

    guid: str
    title: str
    description: str
    link: str
    pubdate: dt.datetime


def first_words(words: str, count: int = 8) -> str:
    return Truncator(words).words(count, truncate="…")


def feed_items(edition: CurrentEdition, filters: Filters, limit: int = 50) -> list[FeedItem]:
    """The latest markings and resolutions of the forecasts ``filters`` keep, newest first (two
    queries): each forecast and each of its resolutions is news of its own."""
    kept = filters.narrow(public(edition))
    marked = kept.select_related("person", "article").order_by("-marked_at", "-pk")[:limit]
    earlier = Resolution.objects.filter(forecast_id=OuterRef("forecast_id")).filter(
        Q(recorded_at__lt=OuterRef("recorded_at"))
        | Q(recorded_at=OuterRef("recorded_at"), pk__lt=OuterRef("pk"))
    )
    resolved = (
        Resolution.objects.filter(forecast__in=kept.values("pk"))
        .select_related("forecast__person")
        .annotate(was=Subquery(earlier.order_by("-recorded_at", "-pk").values("outcome")[:1]))
        .order_by("-recorded_at", "-pk")[:limit]
    )
    items = [_marking(forecast) for forecast in marked]
    items += [_resolution(resolution) for resolution in resolved]
    items.sort(key=lambda item: item.pubdate, reverse=True)
    return items[:limit]


def _marking(forecast: Forecast) -> FeedItem:
    due = date_format(forecast.horizon_latest, "j F Y")
    return FeedItem(
        guid=f"urn:uuid:{forecast.uid}",
        title=f"Forecast — {forecast.person.name}: “{first_words(forecast.words)}”, due {due}",
        description=(
            f"{forecast.person.name} in “{forecast.article.title}”: “{forecast.words}” "
            f"It can be checked from {due}."
        ),
        link=reverse("forecast", kwargs={"uid": forecast.uid}),
        pubdate=forecast.marked_at,
    )


def _resolution(resolution: Resolution) -> FeedItem:
    forecast = resolution.forecast
    outcome = resolution.get_outcome_display()
    if resolution.was:
        was = Outcome(resolution.was).label.lower()
        verdict = f"Revised to {outcome.lower()} (was {was})"
    else:
        verdict = outcome
    resolved = date_format(resolution.resolved_on, "j F Y")
    return FeedItem(
        guid=f"urn:uuid:{resolution.uid}",
        title=f"{verdict} — {forecast.person.name}: “{first_words(forecast.words)}”",
        description=(
            f"{verdict}, resolved on {resolved}: {resolution.explanation} "
            f"The forecast: “{forecast.words}”"
        ),
        link=reverse("forecast", kwargs={"uid": forecast.uid}),
        pubdate=resolution.recorded_at,
    )
