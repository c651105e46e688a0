"""The calendar's week: plan items, broadcasts, scheduled articles, articles in review and
published articles of seven days in the edition's time zone, arranged by day and grouped by
section or by programme. A fixed number of queries whatever the week holds."""

from __future__ import annotations

import datetime as dt
import zoneinfo
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import StrEnum

from django.contrib.contenttypes.models import ContentType
from django.db.models import Prefetch
from django.urls import reverse
from wagtail.models import Page, Revision, WorkflowState

from masthead.articles.models import ArticlePage

from .models import ExpectedPerson, PlanItem, PlanKind

DAYS_IN_WEEK = 7


class Grouping(StrEnum):
    SECTION = "section"
    PROGRAMME = "programme"


class EntryKind(StrEnum):
    BROADCAST = "broadcast"
    PLAN = "plan"
    SCHEDULED = "scheduled"
    IN_REVIEW = "in_review"
    PUBLISHED = "published"


# Within a day and a group, at the same time: the broadcast first, then what is written about it.
_KIND_ORDER = {kind: number for number, kind in enumerate(EntryKind)}


@dataclass(frozen=True)
class Group:
    key: str  # "section-3", "programme-2", or "none"
    title: str


@dataclass
class Entry:
    """One thing on the calendar. ``target`` is what a move changes: the plan item, or the
    scheduled article; ``move_key`` names it in the move form (``plan-12``, ``article-34``)."""

    kind: EntryKind
    title: str
    at: dt.datetime
    status: str
    section: Group | None
    programme: Group | None
    edit_url: str
    move_key: str
    people: tuple[str, ...] = ()
    article_url: str = ""  # a plan item's article, once it has one
    target: PlanItem | ArticlePage | None = None
    can_move: bool = False
    error: str = ""  # why the last move of it was refused, shown beside it

    @property
    def dom_id(self) -> str:
        return f"entry-{self.move_key}"


@dataclass
class Cell:
    day: dt.date
    entries: list[Entry] = field(default_factory=list)
    # Published articles, shown folded: a busy day publishes dozens.
    published: list[Entry] = field(default_factory=list)


@dataclass
class Row:
    group: Group
    cells: list[Cell]


@dataclass
class Week:
    start: dt.date
    time_zone: zoneinfo.ZoneInfo
    grouping: Grouping
    days: list[dt.date]
    rows: list[Row]
    entries: list[Entry]

    @property
    def previous(self) -> dt.date:
        return self.start - dt.timedelta(days=DAYS_IN_WEEK)

    @property
    def next(self) -> dt.date:
        return self.start + dt.timedelta(days=DAYS_IN_WEEK)

    @property
    def end(self) -> dt.date:
        return self.days[-1]


def monday_of(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=day.weekday())


def day_start(day: dt.date, time_zone: zoneinfo.ZoneInfo) -> dt.datetime:
    """Midnight of ``day`` on the edition's clock (a day may be 23 or 25 hours long)."""
    return dt.datetime.combine(day, dt.time(), tzinfo=time_zone)


def calendar_week(
    start: dt.date, time_zone: zoneinfo.ZoneInfo, grouping: Grouping, now: dt.datetime
) -> Week:
    """The week from ``start`` (a Monday) with everything on it, grouped by ``grouping``."""
    days = [start + dt.timedelta(days=n) for n in range(DAYS_IN_WEEK)]
    begins = day_start(days[0], time_zone)
    ends = day_start(days[-1] + dt.timedelta(days=1), time_zone)
    is_current = begins <= now < ends
    entries = [
        *plan_entries(begins, ends),
        *article_entries(begins, ends, now if is_current else None),
    ]
    for entry in entries:
        entry.at = entry.at.astimezone(time_zone)
    entries.sort(key=lambda e: (e.at, _KIND_ORDER[e.kind], e.title))
    return Week(start, time_zone, grouping, days, arrange(entries, days, grouping), entries)


def plan_entries(begins: dt.datetime, ends: dt.datetime) -> list[Entry]:
    """The plan items and broadcasts planned between ``begins`` and ``ends``: two queries."""
    items = (
        PlanItem.objects.filter(planned_at__gte=begins, planned_at__lt=ends)
        .select_related("section", "programme")
        .prefetch_related(
            Prefetch(
                "people",
                queryset=ExpectedPerson.objects.select_related("person").order_by(
                    "sort_order", "pk"
                ),
            )
        )
    )
    return [
        Entry(
            kind=EntryKind.BROADCAST if item.kind == PlanKind.BROADCAST else EntryKind.PLAN,
            title=item.title,
            at=item.planned_at,
            status=item.get_status_display(),
            section=_group("section", item.section_id, item.section and item.section.title),
            programme=_group(
                "programme", item.programme_id, item.programme and item.programme.title
            ),
            edit_url=reverse("wagtailsnippets_planning_planitem:edit", args=[item.pk]),
            move_key=f"plan-{item.pk}",
            article_url=(
                reverse("wagtailadmin_pages:edit", args=[item.article_id])
                if item.article_id
                else ""
            ),
            people=tuple(
                f"{expected.person.name} ({expected.get_role_display().lower()})"
                for expected in item.people.all()
            ),
            target=item,
        )
        for item in items
    ]


def article_entries(begins: dt.datetime, ends: dt.datetime, now: dt.datetime | None) -> list[Entry]:
    """Articles scheduled to go live, submitted for review and published between ``begins`` and
    ``ends``: five queries. With ``now`` (the week is the current one) an article still in
    review from an earlier week is shown today, so it is not lost from sight."""
    page_type = ContentType.objects.get_for_model(Page)
    article_type = ContentType.objects.get_for_model(ArticlePage)
    scheduled = list(
        Revision.objects.filter(
            base_content_type=page_type,
            content_type=article_type,
            approved_go_live_at__gte=begins,
            approved_go_live_at__lt=ends,
        ).only("object_id", "approved_go_live_at", "content")
    )
    reviews = WorkflowState.objects.filter(
        base_content_type=page_type,
        content_type=article_type,
        status=WorkflowState.STATUS_IN_PROGRESS,
        created_at__lt=ends,
    )
    if now is None:
        reviews = reviews.filter(created_at__gte=begins)
    reviews = list(reviews.only("object_id", "created_at"))
    pages = (
        ArticlePage.objects.select_related("programme")
        .defer("body")
        .in_bulk([int(r.object_id) for r in (*scheduled, *reviews)])
    )
    published = list(
        ArticlePage.objects.filter(live=True, published_at__gte=begins, published_at__lt=ends)
        .order_by("published_at")
        .values("pk", "title", "published_at", "path", "programme_id", "programme__title")
    )
    sections = _sections_of([*(p.path for p in pages.values()), *(a["path"] for a in published)])

    entries = []
    for revision in scheduled:
        page = pages.get(int(revision.object_id))
        if page is not None:
            entries.append(
                _page_entry(
                    EntryKind.SCHEDULED,
                    page,
                    revision.content.get("title") or page.draft_title,
                    revision.approved_go_live_at,
                    "Scheduled",
                    sections,
                )
            )
    for state in reviews:
        page = pages.get(int(state.object_id))
        if page is not None:
            at = state.created_at if state.created_at >= begins or now is None else now
            entries.append(
                _page_entry(EntryKind.IN_REVIEW, page, page.draft_title, at, "In review", sections)
            )
    for article in published:
        entries.append(
            Entry(
                kind=EntryKind.PUBLISHED,
                title=article["title"],
                at=article["published_at"],
                status="Published",
                section=sections.get(_parent_path(article["path"])),
                programme=_group("programme", article["programme_id"], article["programme__title"]),
                edit_url=reverse("wagtailadmin_pages:edit", args=[article["pk"]]),
                move_key=f"article-{article['pk']}",
            )
        )
    return entries


def arrange(entries: Iterable[Entry], days: list[dt.date], grouping: Grouping) -> list[Row]:
    """One row per group that has something this week (sorted by title, the ungrouped last),
    one cell per day."""
    by_group: dict[Group, dict[dt.date, Cell]] = defaultdict(dict)
    ungrouped = Group("none", "No section" if grouping == Grouping.SECTION else "No programme")
    for entry in entries:
        group = (entry.section if grouping == Grouping.SECTION else entry.programme) or ungrouped
        cell = by_group[group].setdefault(entry.at.date(), Cell(entry.at.date()))
        (cell.published if entry.kind == EntryKind.PUBLISHED else cell.entries).append(entry)
    groups = sorted(by_group, key=lambda g: (g == ungrouped, g.title.casefold(), g.key))
    return [Row(group, [by_group[group].get(day) or Cell(day) for day in days]) for group in groups]


def _page_entry(
    kind: EntryKind,
    page: ArticlePage,
    title: str,
    at: dt.datetime,
    status: str,
    sections: dict[str, Group],
) -> Entry:
    return Entry(
        kind=kind,
        title=title,
        at=at,
        status=status,
        section=sections.get(_parent_path(page.path)),
        programme=_group("programme", page.programme_id, page.programme and page.programme.title),
        edit_url=reverse("wagtailadmin_pages:edit", args=[page.pk]),
        move_key=f"article-{page.pk}",
        target=page,
    )


def _group(kind: str, pk: int | None, title: str | None) -> Group | None:
    return Group(f"{kind}-{pk}", title or "") if pk is not None else None


def _parent_path(path: str) -> str:
    return path[: -Page.steplen]


def _sections_of(paths: Iterable[str]) -> dict[str, Group]:
    """The section (the parent page) of each article path, by the parent's path: one query."""
    parents = {_parent_path(path) for path in paths}
    if not parents:
        return {}
    return {
        row["path"]: Group(f"section-{row['pk']}", row["title"])
        for row in Page.objects.filter(path__in=parents).values("pk", "title", "path")
    }
