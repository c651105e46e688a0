"""Open data: every forecast on the edition's public articles and every resolution, as JSON
and CSV, each forecast under its stable identifier (``uid``)."""

from __future__ import annotations

import csv
import io
import json

from django.http import Http404, HttpRequest, HttpResponse

from masthead.caching import keys
from masthead.editions.current import CurrentEdition, edition_for_request

from .models import Forecast
from .record import public_forecasts

FORECAST_COLUMNS = (
    "id", "article_url", "article_headline", "article_published_at", "person", "person_url",
    "credentials", "words", "subjects", "horizon_kind", "horizon_earliest", "horizon_latest",
    "horizon_text", "confidence_stated", "confidence", "status", "resolved_on",
)  # fmt: skip
RESOLUTION_COLUMNS = (
    "id", "forecast_id", "revises", "outcome", "resolved_on", "evidence", "explanation",
    "recorded_at", "current",
)  # fmt: skip


def _edition(request: HttpRequest) -> CurrentEdition:
    edition = edition_for_request(request)
    if edition is None:
        raise Http404("No edition answers at this address.")
    keys.declare(keys.FORECASTS)
    return edition


def exported(edition: CurrentEdition):
    return (
        public_forecasts(edition.root_tree_path())
        .select_related("article", "person")
        .prefetch_related("subject_items__tag", "resolutions")
        .order_by("marked_at", "pk")
    )


def _row(request: HttpRequest, edition: CurrentEdition, forecast: Forecast) -> dict:
    article = forecast.article
    return {
        "id": str(forecast.uid),
        "article_url": request.build_absolute_uri(edition.relative_url(article.url_path)),
        "article_headline": article.title,
        "article_published_at": article.published_at.isoformat() if article.published_at else "",
        "person": forecast.person.name,
        "person_url": request.build_absolute_uri(forecast.person.get_absolute_url()),
        "credentials": forecast.credentials,
        "words": forecast.words,
        "subjects": [item.tag.name for item in forecast.subject_items.all()],
        "horizon_kind": forecast.horizon_kind,
        "horizon_earliest": forecast.horizon_earliest.isoformat()
        if forecast.horizon_earliest
        else "",
        "horizon_latest": forecast.horizon_latest.isoformat(),
        "horizon_text": forecast.horizon_text,
        "confidence_stated": forecast.confidence_text,
        "confidence": float(forecast.confidence) if forecast.confidence is not None else None,
        "status": forecast.status,
        "resolved_on": forecast.resolved_on.isoformat() if forecast.resolved_on else "",
    }


def _resolutions(request: HttpRequest, forecast: Forecast) -> list[dict]:
    """Its resolutions, oldest first, each naming the one it revises; evidence on this site as
    full addresses."""
    history = sorted(forecast.resolutions.all(), key=lambda r: (r.recorded_at, r.pk))
    return [
        {
            "id": str(r.uid),
            "forecast_id": str(forecast.uid),
            "revises": str(history[i - 1].uid) if i else "",
            "outcome": r.outcome,
            "resolved_on": r.resolved_on.isoformat(),
            "evidence": [request.build_absolute_uri(link) for link in r.evidence_links],
            "explanation": r.explanation,
            "recorded_at": r.recorded_at.isoformat(),
            "current": r is history[-1],
        }
        for i, r in enumerate(history)
    ]


def forecasts_json(request: HttpRequest) -> HttpResponse:
    edition = _edition(request)
    data = [
        {**_row(request, edition, f), "resolutions": _resolutions(request, f)}
        for f in exported(edition)
    ]
    body = json.dumps({"forecasts": data}, ensure_ascii=False, indent=1)
    return HttpResponse(body, content_type="application/json; charset=utf-8")


def _csv(rows: list[dict], columns: tuple[str, ...], name: str) -> HttpResponse:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=columns, extrasaction="ignore")
    writer.writeheader()
    for row in rows:
        writer.writerow({k: "; ".join(v) if isinstance(v, list) else v for k, v in row.items()})
    response = HttpResponse(out.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{name}"'
    return response


def forecasts_csv(request: HttpRequest) -> HttpResponse:
    edition = _edition(request)
    rows = [_row(request, edition, f) for f in exported(edition)]
    return _csv(rows, FORECAST_COLUMNS, "forecasts.csv")


def resolutions_csv(request: HttpRequest) -> HttpResponse:
    edition = _edition(request)
    rows = [r for f in exported(edition) for r in _resolutions(request, f)]
    return _csv(rows, RESOLUTION_COLUMNS, "resolutions.csv")
