"""What the forecasts' reader pages show: one forecast with its history, the index by subject
and status, and a person's track record."""

from __future__ import annotations

import json

from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import Http404, HttpRequest
from django.utils.formats import date_format
from markupsafe import Markup
from taggit.models import Tag

from masthead.caching import keys
from masthead.editions.current import CurrentEdition, edition_for_request

from .models import Forecast, Outcome, Status
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


def index_page(request: HttpRequest) -> dict:
    edition = edition_of(request)
    keys.declare(keys.FORECASTS)
    forecasts = public(edition).select_related("person", "article")
    subject = request.GET.get("subject", "")
    status = request.GET.get("status", "")
    if status and status not in Status.values:
        raise Http404("No such status.")
    if subject:
        forecasts = forecasts.filter(subject_items__tag__slug=subject)
    if status:
        forecasts = forecasts.filter(status=status)
    page = Paginator(forecasts.order_by("-marked_at", "-pk"), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    subjects = (
        Tag.objects.filter(forecasts_forecastsubject_items__content_object__in=public(edition))
        .distinct()
        .order_by("name")
    )
    return {
        "page_of": page,
        "subjects": list(subjects),
        "statuses": Status.choices,
        "subject": subject,
        "status": status,
        "due_text": lambda f: date_format(f.horizon_latest, "j F Y"),
    }
