"""The dashboard's "What is planned": the next plan items and broadcasts still to happen."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.urls import reverse
from django.utils import timezone
from wagtail.admin.ui.components import Component

from masthead.editions.current import DEFAULT_TIME_ZONE, edition_for_request

from .models import OPEN_STATUSES, PlanItem
from .permissions import may_open_calendar

SHOWN = 8


def next_plan_items(limit: int = SHOWN) -> list[PlanItem]:
    """The next ``limit`` open plan items from now, soonest first: one query."""
    return list(
        PlanItem.objects.filter(planned_at__gte=timezone.now(), status__in=OPEN_STATUSES)
        .select_related("section", "programme")
        .order_by("planned_at", "pk")[:limit]
    )


class WhatIsPlannedPanel(Component):
    name = "what_is_planned"
    template_name = "planning/panel.html"
    order = 150

    def get_context_data(self, parent_context: Mapping[str, Any]) -> Mapping[str, Any]:
        request = parent_context.get("request")
        edition = edition_for_request(request) if request is not None else None
        return {
            "plan_items": next_plan_items(),
            # On the edition's clock, like the calendar.
            "time_zone_name": edition.time_zone_name if edition else DEFAULT_TIME_ZONE,
            "calendar_url": reverse("planning:week"),
            "request": request,
        }

    def render_html(self, parent_context: Mapping[str, Any] | None = None) -> str:
        request = (parent_context or {}).get("request")
        if request is None or not may_open_calendar(request.user):
            return ""
        return super().render_html(parent_context)
