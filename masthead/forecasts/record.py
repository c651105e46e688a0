"""A person's track record: every forecast they made in public articles, what became of each,
by subject and by year, and, where confidences were stated, how well they were calibrated.
Nothing is left out: pending and unresolvable forecasts are counted and shown."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import QuerySet

from masthead.articles.public import public_articles_under
from masthead.caching import keys
from masthead.caching.compiled import CompiledQuery
from masthead.caching.fragments import cached_fragment
from masthead.editions.current import CurrentEdition
from masthead.people.models import Person

from .models import Forecast, Status

RECORD = "track-record"
# Fewer resolved forecasts with a stated confidence than this, and no score is shown.
MIN_SCORED = 5
# The stated words, as probabilities, for the calibration table and the Brier score.
STATED = {"certain": 0.95, "likely": 0.75, "possible": 0.5, "unlikely": 0.25}
# What an outcome counts as in the Brier score: partly true is half true.
OBSERVED = {Status.CAME_TRUE: 1.0, Status.PARTLY: 0.5, Status.DID_NOT: 0.0}


@dataclass
class Counts:
    made: int = 0
    pending: int = 0
    came_true: int = 0
    partly: int = 0
    did_not: int = 0
    unresolvable: int = 0

    @property
    def resolved(self) -> int:
        return self.came_true + self.partly + self.did_not + self.unresolvable

    def add(self, status: str) -> None:
        self.made += 1
        setattr(self, status, getattr(self, status) + 1)  # a Status value names its count


@dataclass(frozen=True)
class Shown:
    uid: str
    words: str
    status: str
    status_label: str
    due: object
    year: int
    subjects: tuple[str, ...]


@dataclass(frozen=True)
class CalibrationRow:
    stated: str  # "likely", "70%"
    probability: float
    count: int
    observed: float  # the share that came true (partly counting half)


@dataclass
class TrackRecord:
    total: Counts = field(default_factory=Counts)
    by_subject: list[tuple[str, str, Counts]] = field(default_factory=list)  # name, slug
    by_year: list[tuple[int, Counts]] = field(default_factory=list)
    forecasts: list[Shown] = field(default_factory=list)
    calibration: list[CalibrationRow] = field(default_factory=list)
    scored: int = 0  # resolved forecasts with a stated confidence
    brier: float | None = None  # None below MIN_SCORED
    min_scored: int = MIN_SCORED

    @property
    def is_empty(self) -> bool:
        return not self.total.made


def probability(text: str, number: Decimal | None) -> float | None:
    if number is not None:
        return float(number)
    return STATED.get(text.strip().lower()) if text else None


# A row per forecast and subject, in the order the record lists them.
_COLUMNS = (
    "pk", "uid", "words", "status", "horizon_latest", "article__published_at",
    "confidence_text", "confidence", "subject_items__tag__name", "subject_items__tag__slug",
)  # fmt: skip


def _rows(forecasts: QuerySet[Forecast]) -> QuerySet:
    return forecasts.order_by("horizon_latest", "pk").values_list(*_COLUMNS)


def track_record(forecasts: QuerySet[Forecast]) -> TrackRecord:
    """The record of ``forecasts`` (already narrowed to one person's): one query."""
    return record_from_rows(_rows(forecasts))


def record_from_rows(rows: Iterable[tuple]) -> TrackRecord:
    labels = dict(Status.choices)
    seen: dict[int, dict] = {}
    for pk, uid, words, status, due, made, stated, number, subject, slug in rows:
        entry = seen.setdefault(
            pk,
            {"uid": str(uid), "words": words, "status": status, "due": due,
             "year": made.year if made else due.year, "stated": stated, "number": number,
             "subjects": []},
        )  # fmt: skip
        if subject:
            entry["subjects"].append((subject, slug))
    record = TrackRecord()
    subjects: dict[tuple[str, str], Counts] = defaultdict(Counts)
    years: dict[int, Counts] = defaultdict(Counts)
    scored: list[tuple[str, float, float]] = []
    for entry in seen.values():
        record.total.add(entry["status"])
        years[entry["year"]].add(entry["status"])
        for subject in entry["subjects"]:
            subjects[subject].add(entry["status"])
        record.forecasts.append(
            Shown(entry["uid"], entry["words"], entry["status"], labels[entry["status"]],
                  entry["due"], entry["year"], tuple(name for name, _ in entry["subjects"]))
        )  # fmt: skip
        p = probability(entry["stated"], entry["number"])
        if p is not None and entry["status"] in OBSERVED:
            shown = entry["stated"] or f"{round(p * 100)}%"
            scored.append((shown.lower(), p, OBSERVED[entry["status"]]))
    record.by_subject = sorted(
        ((name, slug, counts) for (name, slug), counts in subjects.items()),
        key=lambda row: (-row[2].made, row[0]),
    )
    record.by_year = sorted(years.items())
    record.scored = len(scored)
    groups: dict[tuple[str, float], list[float]] = defaultdict(list)
    for shown, p, observed in scored:
        groups[(shown, p)].append(observed)
    record.calibration = [
        CalibrationRow(shown, p, len(outcomes), sum(outcomes) / len(outcomes))
        for (shown, p), outcomes in sorted(groups.items(), key=lambda row: -row[0][1])
    ]
    if len(scored) >= MIN_SCORED:
        record.brier = sum((p - observed) ** 2 for _, p, observed in scored) / len(scored)
    return record


def public_forecasts(root: str) -> QuerySet[Forecast]:
    """Forecasts whose article readers may see: live, under the tree path ``root``, outside
    any view restriction."""
    return Forecast.objects.filter(article__in=public_articles_under(root).values("pk"))


# Compiled once per process: building it costs Django more than the database takes to answer.
PUBLIC_RECORD_ROWS = CompiledQuery(
    lambda root, person_id: _rows(public_forecasts(root).filter(person_id=person_id)),
    root="\x00root\x00",
    person_id=-918_273_649,
)


def record_of(edition: CurrentEdition | None, person: Person) -> TrackRecord:
    """A person's track record in this edition's public articles: one query, kept as a shared
    value until one of their forecasts, its resolution or its article changes (each emits the
    person's key: ``masthead/serving/invalidation.py``) or the edition does."""
    if edition is None:
        return TrackRecord()

    def build() -> TrackRecord:
        return record_from_rows(
            PUBLIC_RECORD_ROWS.fetch(root=edition.root_tree_path(), person_id=person.pk)
        )

    return cached_fragment(RECORD, edition, build, (keys.person(person.pk),), str(person.pk))
