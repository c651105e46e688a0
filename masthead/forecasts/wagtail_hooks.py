"""Forecasts and the detector's candidates in the admin menu."""

from django.urls import path
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .admin_views import CandidatesView, DecideView, ForecastsView, ResolveView
from .models import Candidate, Forecast


class ForecastViewSet(SnippetViewSet):
    model = Forecast
    icon = "time"
    menu_label = "Forecasts"
    index_view_class = ForecastsView
    list_display = [
        "__str__",
        Column("article", label="Article", accessor="article"),
        DateColumn("horizon_latest", label="Due"),
        Column("status", label="Status", accessor="get_status_display"),
    ]
    list_filter = ["status", "horizon_kind"]
    ordering = ["horizon_latest"]

    def get_index_view_kwargs(self, **kwargs):
        return super().get_index_view_kwargs(
            resolve_url_name=self.get_url_name("resolve"), **kwargs
        )

    def get_urlpatterns(self):
        resolve = ResolveView.as_view(edit_url_name=self.get_url_name("edit"))
        return [*super().get_urlpatterns(), path("resolve/<int:pk>/", resolve, name="resolve")]


class CandidateViewSet(SnippetViewSet):
    model = Candidate
    icon = "search"
    menu_label = "Proposed forecasts"
    index_view_class = CandidatesView
    list_display = [
        "__str__",
        Column("trigger", label="Trigger"),
        Column("horizon_text", label="Horizon"),
        Column("article", label="Article", accessor="article"),
    ]
    ordering = ["-found_at"]
    inspect_view_enabled = False

    def get_index_view_kwargs(self, **kwargs):
        return super().get_index_view_kwargs(decide_url_name=self.get_url_name("decide"), **kwargs)

    def get_urlpatterns(self):
        decide = DecideView.as_view(
            list_url_name=self.get_url_name("list"),
            forecast_edit_url_name=ForecastViewSet().get_url_name("edit"),
        )
        return [
            *super().get_urlpatterns(),
            path("decide/<int:pk>/<str:decision>/", decide, name="decide"),
        ]


class ForecastsGroup(SnippetViewSetGroup):
    items = (ForecastViewSet, CandidateViewSet)
    menu_icon = "time"
    menu_label = "Forecasts"
    menu_order = 160
    add_to_admin_menu = True


register_snippet(ForecastsGroup)
