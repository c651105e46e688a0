"""Issue 18, part 4: reader search's relevance, measured on the judged queries of
``judged.py`` over the full demo newsroom (seed 1).

For each query, the rank (1-based, within the top ``DEPTH``) of every relevant article; then
MRR (the reciprocal rank of the first relevant article, 0 beyond ``DEPTH``), nDCG@``DEPTH``
with graded gains (the first listed relevant article 3, the second 2, the rest 1) and the share
of queries whose first relevant result is in the top three. The report goes to the terminal
summary (``conftest.py``) and to ``var/relevance-<database vendor>.txt``; the test fails when
MRR or nDCG falls below its floor.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from dataclasses import dataclass
from io import StringIO
from pathlib import Path

import pytest
import time_machine
from django.conf import settings
from django.core.management import call_command
from django.db import connection, transaction

from masthead.articles.models import ArticlePage
from masthead.editions.current import all_editions
from masthead.search import queries, suggest
from tests.search.conftest import RELEVANCE_REPORT
from tests.search.judged import JUDGED, Judged

NOW = "2024-09-20T15:00:00+00:00"  # the demo's week ends here, and readers search then
DEPTH = 10
# Floors from the first honest runs (2026-12-02, 57 queries): SQLite MRR 0.935, nDCG@10 0.901;
# PostgreSQL MRR 0.950, nDCG@10 0.926. The lower of each, rounded down to 0.05.
FLOOR_MRR = 0.90
FLOOR_NDCG = 0.90


@dataclass(frozen=True)
class Measured:
    judged: Judged
    ranks: tuple[int | None, ...]  # of each relevant article, in the judged order
    shown: tuple[str, ...]  # the top results' slugs
    corrected: str | None

    @property
    def first(self) -> int | None:
        found = [rank for rank in self.ranks if rank is not None]
        return min(found) if found else None

    @property
    def reciprocal_rank(self) -> float:
        return 1 / self.first if self.first else 0.0

    @property
    def ndcg(self) -> float:
        gains = [_gain(position) for position in range(len(self.ranks))]
        dcg = sum(g / math.log2(r + 1) for g, r in zip(gains, self.ranks, strict=True) if r)
        ideal = sum(g / math.log2(i + 2) for i, g in enumerate(sorted(gains, reverse=True)[:DEPTH]))
        return dcg / ideal


def _gain(position: int) -> int:
    return (3, 2)[position] if position < 2 else 1


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker) -> Iterator[None]:
    """The full demo newsroom (seed 1), built once for the module and rolled back after it."""
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("demo_newsroom", "--now", NOW, "--seed", "1", stdout=StringIO())
        yield
        transaction.set_rollback(True)


def _measure(judged: Judged, edition, slug_of: dict[str, str]) -> Measured:
    form = queries.SearchForm({"q": judged.query})
    assert form.is_valid(), form.errors
    query = queries.parse(form, edition, suggest.directory(edition))
    found = queries.run(query, edition)
    shown = tuple(slug_of[result.url.rstrip("/")] for result in found.results[:DEPTH])
    ranks = tuple(shown.index(s) + 1 if s in shown else None for s in judged.relevant)
    return Measured(judged, ranks, shown, found.corrected)


def _report(measured: list[Measured], mrr: float, ndcg: float, top3: float) -> str:
    lines = [f"database: {connection.vendor}; {len(measured)} judged queries; depth {DEPTH}"]
    for m in measured:
        ranks = ",".join(str(r) if r else "-" for r in m.ranks)
        mark = "   " if m.first and m.first <= 3 else "!! "
        fixed = f" (corrected to {m.corrected!r})" if m.corrected else ""
        lines.append(f"{mark}{m.judged.kind:<11} {m.judged.query!r}{fixed}: ranks {ranks}")
        if mark.strip():
            lines.extend(f"      {i}. {slug}" for i, slug in enumerate(m.shown[:5], 1))
    lines.append(
        f"MRR {mrr:.3f}  nDCG@{DEPTH} (graded 3/2/1) {ndcg:.3f}  first in top 3 {top3:.0%}"
    )
    return "\n".join(lines)


def test_relevance_of_the_judged_queries(demo, db, request):
    (edition,) = [e for e in all_editions() if e.language_code == "en"]
    slug_of = {
        edition.relative_url(url_path).rstrip("/"): slug
        for url_path, slug in ArticlePage.objects.values_list("url_path", "slug")
    }
    with time_machine.travel(NOW, tick=False):
        measured = [_measure(judged, edition, slug_of) for judged in JUDGED]
    count = len(measured)
    mrr = sum(m.reciprocal_rank for m in measured) / count
    ndcg = sum(m.ndcg for m in measured) / count
    top3 = sum(1 for m in measured if m.first and m.first <= 3) / count
    report = _report(measured, mrr, ndcg, top3)
    request.config.stash[RELEVANCE_REPORT] = report
    out = Path(settings.BASE_DIR) / "var" / f"relevance-{connection.vendor}.txt"
    out.parent.mkdir(exist_ok=True)
    out.write_text(report + "\n")
    assert mrr >= FLOOR_MRR, report
    assert ndcg >= FLOOR_NDCG, report
