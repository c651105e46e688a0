"""Marking a forecast: a candidate the detector proposed, accepted by an editor. The forecast
belongs to someone who appears in the article and is due on a date the editor or the text gave;
nothing is invented (no guessed horizon, no speaker taken for another)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.db import transaction
from django.utils import timezone

from masthead.articles.appearances import Appearance

from .models import Candidate, CandidateState, Forecast, HorizonKind, day_said, horizon_errors


class MarkingError(ValueError):
    """The candidate cannot be marked as asked; nothing was written."""


@dataclass(frozen=True)
class Horizon:
    latest: dt.date
    kind: str = HorizonKind.DATE
    earliest: dt.date | None = None
    text: str = ""


def horizon_of(candidate: Candidate) -> Horizon | None:
    """The horizon the detector read from the sentence, if it read one."""
    if candidate.horizon_latest is None:
        return None
    return Horizon(
        latest=candidate.horizon_latest,
        kind=candidate.horizon_kind or HorizonKind.DATE,
        earliest=candidate.horizon_earliest,
        text=candidate.horizon_text,
    )


def stated(confidence: str) -> tuple[str, Decimal | None]:
    """The confidence as the detector read it: a stated probability ("seventy percent", read
    as "0.7") as the number, or the words ("likely") as words."""
    try:
        number = Decimal(confidence)
    except InvalidOperation:
        return confidence[:100], None
    return ("", number) if 0 <= number <= 1 else (confidence[:100], None)


def speakers(candidate: Candidate) -> list[int]:
    """Who in the article may have said the candidate: the person the text names, else everyone
    appearing on air or in the byline (the editor picks)."""
    people = list(
        Appearance.objects.filter(article_id=candidate.article_id)
        .order_by("sort_order", "pk")
        .values_list("person_id", flat=True)
        .distinct()
    )
    return [candidate.person_id] if candidate.person_id in people else people


def accept(
    candidate: Candidate,
    user,
    *,
    person_id: int | None = None,
    horizon: Horizon | None = None,
) -> Forecast:
    """The candidate made a forecast by ``person_id`` (default: the person the detector read
    as the speaker), due by ``horizon`` (default: the one read from the sentence), with the
    credentials the person held in the article. Raises MarkingError when either is unknown or
    the person does not appear in the article."""
    person_id = person_id or candidate.person_id
    if person_id is None:
        raise MarkingError("Say who made the forecast: the text does not.")
    appearances = Appearance.objects.filter(article_id=candidate.article_id, person_id=person_id)
    if not appearances.exists():
        raise MarkingError("The forecast's person does not appear in its article.")
    horizon = horizon or horizon_of(candidate)
    if horizon is None:
        raise MarkingError("Give the forecast's horizon: the sentence names none.")
    errors = horizon_errors(day_said(candidate.article), horizon.latest, horizon.earliest)
    if errors:
        raise MarkingError(" ".join(errors.values()))
    credentials = (
        appearances.exclude(credentials="").values_list("credentials", flat=True).first() or ""
    )
    confidence_text, confidence = stated(candidate.confidence_text)
    with transaction.atomic():
        forecast = Forecast.objects.create(
            article_id=candidate.article_id,
            person_id=person_id,
            credentials=credentials,
            words=candidate.sentence,
            block_id=candidate.block_id,
            horizon_kind=horizon.kind,
            horizon_earliest=horizon.earliest if horizon.kind == HorizonKind.WINDOW else None,
            horizon_latest=horizon.latest,
            horizon_text=horizon.text[:200],
            confidence_text=confidence_text,
            confidence=confidence,
            marked_by=user,
        )
        candidate.state, candidate.forecast = CandidateState.ACCEPTED, forecast
        candidate.decided_by, candidate.decided_at = user, timezone.now()
        candidate.save()
    return forecast
