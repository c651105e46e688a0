"""The demo's corrections: a few of its articles corrected after publishing, as a duty editor
would, so that the article pages, the corrections page and its feed have something to show.
The notes are our own words about invented slips."""

from __future__ import annotations

import datetime as dt

from masthead.articles.models import ArticlePage, Correction

from .plan import NewsroomPlan, PageRef

# Which articles are corrected: the newest news item, an older one and the second interview.
NOTES = (
    "An earlier version of this article gave the wrong day for the council's vote. It is on "
    "Thursday, not Wednesday.",
    "An earlier version misspelt the name of the district. It has been put right.",
    "The guest's position was given as it was last year. The credit now names the post they "
    "hold today.",
)


def _chosen(plan: NewsroomPlan) -> list[tuple[PageRef, dt.datetime]]:
    news = sorted(
        (a for a in plan.articles if a.kind == "news"), key=lambda a: a.published_at, reverse=True
    )
    interviews = [a for a in plan.articles if a.kind == "interview"]
    chosen = [*news[:1], *news[5:6], *interviews[1:2]]
    return [(article.ref, article.published_at) for article in chosen]


def add_corrections(plan: NewsroomPlan, pages: dict[PageRef, int]) -> int:
    """Correct the chosen articles, each an hour or two after it was published, and publish the
    correction with the article (a new revision, as the admin does); the number corrected."""
    corrected = 0
    for (ref, published_at), text in zip(_chosen(plan), NOTES, strict=False):
        article = ArticlePage.objects.get(pk=pages[ref])
        noted_at = min(published_at + dt.timedelta(hours=1, minutes=20), plan.now)
        article.corrections.add(Correction(noted_at=noted_at, text=text))
        article.save_revision(clean=False).publish()
        corrected += 1
    return corrected
