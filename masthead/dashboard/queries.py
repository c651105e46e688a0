"""What each dashboard panel shows, each from a fixed, small number of queries whatever the size
of the newsroom: the panels (``panels.py``) call one function each."""

from __future__ import annotations

import datetime as dt
import zoneinfo
from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType
from django.db.models import IntegerField, OuterRef, Subquery
from django.db.models.functions import Cast
from django.http import HttpRequest
from django.utils import timezone
from django_tasks_db.models import DBTaskResult
from wagtail.models import Page, PageLogEntry, Revision, WorkflowState

from masthead.articles.models import ArticlePage, Correction
from masthead.editions.current import DEFAULT_TIME_ZONE, edition_for_request
from masthead.forecasts.reminders import due
from masthead.scheduling.models import Heartbeat
from masthead.scheduling.tasks import BACKEND, sweep_interval

# A go-live this long past that has not happened is missed: the worker takes well under a second.
MISSED_AFTER = dt.timedelta(seconds=10)
# The heartbeat is stale after this many sweeps have not come.
STALE_AFTER_SWEEPS = 3
# The most rows a panel lists; its counts are of every row.
LISTED = 20
# At most this many of the day's articles are read to group them by section.
PUBLISHED_READ = 500
LISTED_PER_SECTION = 8


def edition_time_zone(request: HttpRequest) -> zoneinfo.ZoneInfo:
    """The clock of the edition the admin is reached at (``Edition.time_zone``)."""
    edition = edition_for_request(request)
    return edition.time_zone if edition else zoneinfo.ZoneInfo(DEFAULT_TIME_ZONE)


def today(time_zone: zoneinfo.ZoneInfo) -> tuple[dt.datetime, dt.datetime]:
    """The start of today and of tomorrow in ``time_zone`` (a day of 23 or 25 hours when the
    clocks change)."""
    date = timezone.localtime(timezone.now(), time_zone).date()
    start = dt.datetime.combine(date, dt.time(), time_zone)
    end = dt.datetime.combine(date + dt.timedelta(days=1), dt.time(), time_zone)
    return start, end


@dataclass(frozen=True)
class Item:
    """One line of a panel: what it is, when, and the admin page to open it at."""

    title: str
    at: dt.datetime
    page_id: int | None = None
    missed: bool = False


def _page_ids(revisions) -> set[str]:
    page_type = ContentType.objects.get_for_model(Page)  # cached by Django after the first
    return {r.object_id for r in revisions if r.base_content_type_id == page_type.pk}


def _revision_item(revision: Revision, page_ids: set[str], missed: bool) -> Item:
    page_id = int(revision.object_id) if revision.object_id in page_ids else None
    return Item(revision.object_str, revision.approved_go_live_at, page_id, missed)


# --- Missed go-lives and expiries --------------------------------------------------------------


@dataclass(frozen=True)
class Missed:
    go_lives: list[Item]
    expiries: list[Item]

    def __bool__(self) -> bool:
        return bool(self.go_lives or self.expiries)


def missed() -> Missed:
    """Revisions past their go-live still not published, and pages past their expiry still live
    (two queries)."""
    cutoff = timezone.now() - MISSED_AFTER
    revisions = list(
        Revision.objects.filter(approved_go_live_at__lt=cutoff)
        .order_by("approved_go_live_at")
        .only("object_str", "approved_go_live_at", "object_id", "base_content_type_id")[:LISTED]
    )
    page_ids = _page_ids(revisions)
    expiries = [
        Item(title, expire_at, pk, missed=True)
        for pk, title, expire_at in Page.objects.filter(live=True, expire_at__lt=cutoff)
        .order_by("expire_at")
        .values_list("pk", "title", "expire_at")[:LISTED]
    ]
    return Missed([_revision_item(r, page_ids, True) for r in revisions], expiries)


# --- Scheduled for today -----------------------------------------------------------------------


@dataclass(frozen=True)
class Today:
    start: dt.datetime
    going_live: list[Item]
    gone_live: list[Item]
    expiring: list[Item]


def scheduled_today(time_zone: zoneinfo.ZoneInfo) -> Today:
    """Today's go-lives still to come (or missed), those the worker has made, and the expiries
    still to come (or missed), in the edition's day (three queries)."""
    start, end = today(time_zone)
    cutoff = timezone.now() - MISSED_AFTER
    revisions = list(
        Revision.objects.filter(approved_go_live_at__gte=start, approved_go_live_at__lt=end)
        .order_by("approved_go_live_at")
        .only("object_str", "approved_go_live_at", "object_id", "base_content_type_id")[:LISTED]
    )
    page_ids = _page_ids(revisions)
    going_live = [
        _revision_item(r, page_ids, missed=r.approved_go_live_at < cutoff) for r in revisions
    ]
    gone_live = [
        Item(title, at, page_id)
        for page_id, title, at in PageLogEntry.objects.filter(
            action="wagtail.publish.scheduled", timestamp__gte=start, timestamp__lt=end
        )
        .order_by("timestamp")
        .values_list("page_id", "label", "timestamp")[:LISTED]
    ]
    expiring = [
        Item(title, at, pk, missed=at < cutoff)
        for pk, title, at in Page.objects.filter(live=True, expire_at__gte=start, expire_at__lt=end)
        .order_by("expire_at")
        .values_list("pk", "title", "expire_at")[:LISTED]
    ]
    return Today(start, going_live, gone_live, expiring)


# --- Awaiting review ---------------------------------------------------------------------------


@dataclass(frozen=True)
class InReview:
    title: str
    page_id: int | None
    task: str
    requested_by: str
    since: dt.datetime


@dataclass(frozen=True)
class AwaitingReview:
    count: int
    listed: list[InReview]


def awaiting_review() -> AwaitingReview:
    """Pages in a workflow in progress, the longest waiting first (two queries: the count, the
    list)."""
    in_progress = WorkflowState.objects.filter(
        status=WorkflowState.STATUS_IN_PROGRESS,
        base_content_type=ContentType.objects.get_for_model(Page),
    )
    # object_id is text (a generic relation); cast, as Wagtail's own dashboard does, only for
    # pages, whose keys are integers.
    page = Page.objects.filter(pk=Cast(OuterRef("object_id"), output_field=IntegerField()))
    states = (
        in_progress.select_related("current_task_state__task", "requested_by")
        .annotate(page_title=Subquery(page.values("draft_title")[:1]))
        .annotate(page_id=Subquery(page.values("pk")[:1]))
        .order_by("current_task_state__started_at", "pk")[:LISTED]
    )
    listed = [
        InReview(
            title=state.page_title or "(untitled)",
            page_id=state.page_id,
            task=state.current_task_state.task.name if state.current_task_state else "",
            requested_by=(
                state.requested_by.get_full_name() or state.requested_by.get_username()
                if state.requested_by
                else ""
            ),
            since=(
                state.current_task_state.started_at
                if state.current_task_state
                else state.created_at
            ),
        )
        for state in states
    ]
    return AwaitingReview(in_progress.count(), listed)


# --- Published in the last 24 hours, by section ------------------------------------------------


@dataclass
class SectionDay:
    title: str
    page_id: int | None
    count: int = 0
    articles: list[Item] = field(default_factory=list)  # the newest LISTED_PER_SECTION


def published_by_section(hours: int = 24) -> list[SectionDay]:
    """Live articles published in the last ``hours``, grouped by their section, the busiest
    first (two queries: the articles, their sections)."""
    now = timezone.now()
    rows = list(
        ArticlePage.objects.filter(
            live=True, published_at__gt=now - dt.timedelta(hours=hours), published_at__lte=now
        )
        .order_by("-published_at", "-pk")
        .values_list("pk", "title", "published_at", "path")[:PUBLISHED_READ]
    )
    step = Page.steplen
    parents = {path[:-step] for *_, path in rows}
    sections = {
        path: SectionDay(title, pk)
        for pk, title, path in Page.objects.filter(path__in=parents).values_list(
            "pk", "title", "path"
        )
    }
    for pk, title, published_at, path in rows:
        section = sections.setdefault(path[:-step], SectionDay("(no section)", None))
        section.count += 1
        if len(section.articles) < LISTED_PER_SECTION:
            section.articles.append(Item(title, published_at, pk))
    return sorted(sections.values(), key=lambda s: (-s.count, s.title))


# --- Corrections ---------------------------------------------------------------------------------

NEWEST_CORRECTIONS = 8


@dataclass(frozen=True)
class CorrectionItem:
    item: Item  # the corrected article, at the time of the correction
    text: str
    live: bool  # whether readers see it (the article is live)


def newest_corrections(limit: int = NEWEST_CORRECTIONS) -> list[CorrectionItem]:
    """The newest corrections written into articles, with their article (one query). A
    correction is a row once its article is published with it, so drafts' are not here."""
    rows = Correction.objects.order_by("-noted_at", "-pk").values_list(
        "noted_at", "text", "article_id", "article__title", "article__live"
    )[:limit]
    return [
        CorrectionItem(Item(title, noted_at, article_id), text, live)
        for noted_at, text, article_id, title, live in rows
    ]


# --- The worker --------------------------------------------------------------------------------


@dataclass(frozen=True)
class WorkerState:
    last_run_at: dt.datetime | None
    published: int
    unpublished: int
    failed: int
    waiting: int  # tasks due and not yet taken by the worker
    stale: bool
    stale_after: dt.timedelta


def worker_state() -> WorkerState:
    """The heartbeat of the sweep and how many due tasks wait for the worker (two queries)."""
    heartbeat = Heartbeat.read()
    stale_after = STALE_AFTER_SWEEPS * sweep_interval()
    last = heartbeat.last_run_at if heartbeat else None
    waiting = DBTaskResult.objects.ready().filter(backend_name=BACKEND).count()
    return WorkerState(
        last_run_at=last,
        published=heartbeat.published if heartbeat else 0,
        unpublished=heartbeat.unpublished if heartbeat else 0,
        failed=heartbeat.failed if heartbeat else 0,
        waiting=waiting,
        stale=last is None or timezone.now() - last > stale_after,
        stale_after=stale_after,
    )


# --- Forecasts due ---------------------------------------------------------------------------

DUE_FORECASTS = 10


@dataclass(frozen=True)
class DueForecast:
    pk: int
    person: str
    words: str
    due: dt.date
    marked_by_you: bool


def due_forecasts(user, limit: int = DUE_FORECASTS) -> tuple[list[DueForecast], int]:
    """The forecasts whose horizon has passed, unresolved, the longest overdue first, and how
    many there are (two queries)."""
    waiting = due()
    rows = waiting.values_list("pk", "person__name", "words", "horizon_latest", "marked_by_id")
    found = [
        DueForecast(pk, person, words, when, marked_by == user.pk)
        for pk, person, words, when, marked_by in rows[:limit]
    ]
    return found, waiting.count() if len(found) == limit else len(found)
