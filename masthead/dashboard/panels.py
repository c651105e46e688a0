"""The newsroom dashboard's panels on Wagtail's admin home, one small class each.

A panel is a ``DashboardPanel``: a ``name`` (its HTML id), a ``heading``, an ``order`` among the
home page's panels, a template that extends ``dashboard/panel.html``, and ``context(request)``,
which returns what the template shows from one function of a ``queries.py`` (a fixed number of
queries). Another app adds its own with its own ``construct_homepage_panels`` hook::

    @hooks.register("construct_homepage_panels")
    def add_plans(request, panels):
        panels.append(PlannedPanel())

The orders, so that panels land where a desk reads them: missed go-lives 10, the worker 20,
scheduled for today 100, awaiting review 110, published in the last 24 hours 120, the newest
corrections 130, forecasts due for resolution 135; Wagtail's own
panels are at 210 and after.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.http import HttpRequest
from django.template.loader import get_template
from django.utils.safestring import SafeString
from wagtail.admin.ui.components import Component

from . import queries


class DashboardPanel(Component):
    """A panel of the newsroom dashboard. Its template receives ``panel``, ``request``,
    ``time_zone`` (the edition's clock, for ``{% timezone %}``) and what ``context`` returns."""

    name: str
    heading: str
    order: int
    template_name: str

    def context(self, request: HttpRequest) -> dict[str, Any]:
        """What the template shows, from a fixed number of queries."""
        raise NotImplementedError

    def is_shown(self, context: Mapping[str, Any]) -> bool:
        """False to leave the panel out (e.g. when it has nothing to say)."""
        return True

    def get_context_data(self, parent_context: Mapping[str, Any] | None = None) -> dict:
        request = parent_context["request"]
        return {
            "panel": self,
            "request": request,
            "time_zone": queries.edition_time_zone(request),
            **self.context(request),
        }

    def render_html(self, parent_context: Mapping[str, Any] | None = None) -> SafeString:
        context = self.get_context_data(parent_context)
        if not self.is_shown(context):
            return SafeString("")
        return get_template(self.template_name).render(context)


class MissedPanel(DashboardPanel):
    """Go-lives and expiries that should have happened and have not: shown only then, loudly."""

    name = "newsroom-missed"
    heading = "Missed: past their time, not done"
    order = 10
    template_name = "dashboard/panels/missed.html"

    def context(self, request: HttpRequest) -> dict[str, Any]:
        return {"missed": queries.missed()}

    def is_shown(self, context: Mapping[str, Any]) -> bool:
        return bool(context["missed"])


class WorkerPanel(DashboardPanel):
    """When the scheduling sweep last ran; flagged when it has stopped."""

    name = "newsroom-worker"
    heading = "Scheduled publishing"
    order = 20
    template_name = "dashboard/panels/worker.html"

    def context(self, request: HttpRequest) -> dict[str, Any]:
        return {"worker": queries.worker_state()}


class ScheduledTodayPanel(DashboardPanel):
    name = "newsroom-today"
    heading = "Scheduled for today"
    order = 100
    template_name = "dashboard/panels/scheduled_today.html"

    def context(self, request: HttpRequest) -> dict[str, Any]:
        return {"today": queries.scheduled_today(queries.edition_time_zone(request))}


class AwaitingReviewPanel(DashboardPanel):
    name = "newsroom-review"
    heading = "Awaiting review"
    order = 110
    template_name = "dashboard/panels/awaiting_review.html"

    def context(self, request: HttpRequest) -> dict[str, Any]:
        return {"review": queries.awaiting_review()}


class PublishedPanel(DashboardPanel):
    name = "newsroom-published"
    heading = "Published in the last 24 hours"
    order = 120
    template_name = "dashboard/panels/published.html"

    def context(self, request: HttpRequest) -> dict[str, Any]:
        return {"sections": queries.published_by_section(hours=24)}


class CorrectionsPanel(DashboardPanel):
    name = "newsroom-corrections"
    heading = "Newest corrections"
    order = 130
    template_name = "dashboard/panels/corrections.html"

    def context(self, request: HttpRequest) -> dict[str, Any]:
        return {"corrections": queries.newest_corrections()}


class DueForecastsPanel(DashboardPanel):
    name = "newsroom-forecasts-due"
    heading = "Forecasts due for resolution"
    order = 135
    template_name = "dashboard/panels/forecasts_due.html"

    def context(self, request: HttpRequest) -> dict[str, Any]:
        forecasts, count = queries.due_forecasts(request.user)
        return {"forecasts": forecasts, "count": count}

    def is_shown(self, context: Mapping[str, Any]) -> bool:
        return bool(context["forecasts"])


NEWSROOM_PANELS: tuple[type[DashboardPanel], ...] = (
    MissedPanel,
    WorkerPanel,
    ScheduledTodayPanel,
    AwaitingReviewPanel,
    PublishedPanel,
    CorrectionsPanel,
    DueForecastsPanel,
)
