"""Planning in the admin: plan items as snippets, the week view with its menu item, and the
dashboard's "What is planned"."""

from django.urls import include, path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from . import views
from .models import PlanItem
from .panels import WhatIsPlannedPanel
from .permissions import may_open_calendar


class PlanItemViewSet(SnippetViewSet):
    model = PlanItem
    icon = "tasks"
    menu_label = "Plan items"
    menu_order = 190
    add_to_admin_menu = True
    list_display = ["title", "kind", "planned_at", "status", "section", "programme", "article"]
    list_filter = ["kind", "status", "programme", "section"]
    list_per_page = 50
    ordering = ["planned_at", "pk"]
    # Plain ORM lookups (icontains), not a search index: the same on SQLite and PostgreSQL, and
    # nothing to rebuild.
    search_fields = ["title", "notes"]
    search_backend_name = None


register_snippet(PlanItemViewSet)


class CalendarMenuItem(MenuItem):
    def is_shown(self, request) -> bool:
        return may_open_calendar(request.user)


@hooks.register("register_admin_urls")
def calendar_urls():
    urls = [path("week/", views.week, name="week")]
    return [path("planning/", include((urls, "planning"), namespace="planning"))]


@hooks.register("register_admin_menu_item")
def calendar_menu_item() -> MenuItem:
    return CalendarMenuItem("Calendar", reverse("planning:week"), icon_name="date", order=185)


@hooks.register("construct_homepage_panels")
def what_is_planned(request, panels) -> None:
    panels.append(WhatIsPlannedPanel())
