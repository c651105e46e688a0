"""The week view in the admin: the calendar, and the moves made from it (a POST to the same
address, so that an error is shown beside the thing that could not move)."""

from __future__ import annotations

import datetime as dt
import zoneinfo
from urllib.parse import urlencode

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.dateformat import format as format_date
from django.views.decorators.http import require_http_methods

from masthead.articles.models import ArticlePage
from masthead.editions.current import DEFAULT_TIME_ZONE, edition_for_request

from .forms import YEARS, MoveForm
from .models import PlanItem
from .permissions import may_move_article, may_move_plan_items, may_open_calendar
from .rescheduling import CannotMove, move_plan_item, move_scheduled_article
from .week import EntryKind, Grouping, Week, calendar_week, monday_of

MOVED_FORMAT = "l j F, H:i"


@require_http_methods(["GET", "HEAD", "POST"])
def week(request: HttpRequest) -> HttpResponse:
    if not may_open_calendar(request.user):
        raise PermissionDenied
    time_zone = _time_zone(request)
    grouping = _grouping(request.GET.get("by") or request.POST.get("by"))
    today = timezone.now().astimezone(time_zone).date()
    asked = request.GET.get("week") or request.POST.get("week")
    start, problem = monday_of(today), ""
    if asked:
        try:
            day = dt.date.fromisoformat(asked)
        except ValueError:
            problem = f"“{asked[:40]}” is not a date (YYYY-MM-DD); here is this week."
        else:
            if day.year in YEARS:
                start = monday_of(day)
            else:
                problem = (
                    f"The calendar runs from {YEARS.start} to {YEARS.stop - 1}; here is this week."
                )
    if request.method == "POST":
        return _move(request, start, grouping, time_zone)
    return _render(
        request, start, grouping, time_zone, problem=problem, status=400 if problem else 200
    )


def week_url(start: dt.date, grouping: Grouping, anchor: str = "") -> str:
    query = urlencode({"week": start.isoformat(), "by": grouping.value})
    return f"{reverse('planning:week')}?{query}" + (f"#{anchor}" if anchor else "")


def _move(
    request: HttpRequest, start: dt.date, grouping: Grouping, time_zone: zoneinfo.ZoneInfo
) -> HttpResponse:
    form = MoveForm(request.POST)
    with timezone.override(time_zone):
        valid = form.is_valid()
    if not valid and "move" in form.errors:
        return _render(
            request, start, grouping, time_zone, problem="Nothing to move was named.", status=400
        )
    key = form.data["move"]
    if not valid:
        return _render(
            request, start, grouping, time_zone, errors={key: form.errors["when"][0]}, status=400
        )
    kind, pk = form.target()
    when = form.cleaned_data["when"]
    try:
        if kind == "plan":
            item = get_object_or_404(PlanItem, pk=pk)
            title = item.title
            move_plan_item(request.user, item, when)
        else:
            article = get_object_or_404(ArticlePage, pk=pk)
            title = article.draft_title
            move_scheduled_article(request.user, article, when)
    except CannotMove as error:
        return _render(request, start, grouping, time_zone, errors={key: str(error)}, status=400)
    except PermissionDenied as refused:
        # Said on the calendar itself, not by Wagtail's redirect to the dashboard.
        return _render(request, start, grouping, time_zone, errors={key: str(refused)}, status=403)
    local = when.astimezone(time_zone)
    messages.success(request, f"Moved “{title}” to {format_date(local, MOVED_FORMAT)}.")
    return HttpResponseRedirect(week_url(monday_of(local.date()), grouping, f"entry-{key}"))


def _render(
    request: HttpRequest,
    start: dt.date,
    grouping: Grouping,
    time_zone: zoneinfo.ZoneInfo,
    *,
    problem: str = "",
    errors: dict[str, str] | None = None,
    status: int = 200,
) -> HttpResponse:
    shown = calendar_week(start, time_zone, grouping, timezone.now())
    _mark_movable(request.user, shown)
    errors = errors or {}
    placed = set()
    for entry in shown.entries:
        if entry.can_move and entry.move_key in errors:
            entry.error = errors[entry.move_key]
            placed.add(entry.move_key)
    context = {
        "week": shown,
        "time_zone_name": str(time_zone),
        "problem": problem,
        # Errors about something not shown with its form here (moved away, or not the user's).
        "unplaced_errors": [message for key, message in errors.items() if key not in placed],
        "groupings": [
            {
                "label": f"By {choice.value}",
                "url": week_url(start, choice),
                "current": choice == grouping,
            }
            for choice in Grouping
        ],
        "previous_url": week_url(shown.previous, grouping),
        "next_url": week_url(shown.next, grouping),
        "this_week_url": week_url(monday_of(timezone.now().astimezone(time_zone).date()), grouping),
        "add_url": reverse("wagtailsnippets_planning_planitem:add"),
        "page_title": "Planning calendar",
        "header_title": "Planning calendar",
        "header_icon": "date",
        "breadcrumbs_items": [
            {"url": reverse("wagtailadmin_home"), "label": "Home"},
            {"url": "", "label": "Planning calendar"},
        ],
    }
    return TemplateResponse(request, "planning/week.html", context, status=status)


def _mark_movable(user, shown: Week) -> None:
    plans = may_move_plan_items(user)
    for entry in shown.entries:
        if entry.kind in (EntryKind.PLAN, EntryKind.BROADCAST):
            entry.can_move = plans
        elif entry.kind == EntryKind.SCHEDULED:
            entry.can_move = may_move_article(user, entry.target)


def _time_zone(request: HttpRequest) -> zoneinfo.ZoneInfo:
    edition = edition_for_request(request)
    return edition.time_zone if edition else zoneinfo.ZoneInfo(DEFAULT_TIME_ZONE)


def _grouping(value: str | None) -> Grouping:
    try:
        return Grouping(value)
    except ValueError:
        return Grouping.SECTION
