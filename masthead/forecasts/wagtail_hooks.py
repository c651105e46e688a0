"""Forecasts and the detector's candidates in the admin menu."""

from django.contrib import messages
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils.formats import date_format
from wagtail import hooks
from wagtail.admin.ui.tables import Column
from wagtail.models import Page
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .admin_views import CandidatesView, DecideView, ForecastsView, ResolveView
from .models import Candidate, Forecast, Status


class ForecastViewSet(SnippetViewSet):
    model = Forecast
    icon = "time"
    menu_label = "Forecasts"
    index_view_class = ForecastsView
    list_display = [
        "__str__",
        Column("article", label="Article", accessor="article"),
        # A date, not a moment: DateColumn would show "Just now" for today.
        Column("due", label="Due", accessor=lambda f: date_format(f.horizon_latest, "j M Y")),
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


JUDGED_STAYS = (
    "A resolved forecast stays on the public record and cannot be deleted. If it was marked in "
    "error, revise its resolution to “Cannot be resolved” and say why."
)


def _judged(forecasts) -> bool:
    return forecasts.exclude(status=Status.PENDING).exists()


@hooks.register("before_delete_snippet")
def keep_resolved_forecasts(request, instances):
    ids = [item.pk for item in instances if isinstance(item, Forecast)]
    if ids and _judged(Forecast.objects.filter(pk__in=ids)):
        messages.warning(request, JUDGED_STAYS)
        return redirect(ForecastViewSet().get_url_name("list"))
    return None


def _refuse_pages(request, pages: list[Page]):
    for page in pages:
        if _judged(Forecast.objects.filter(article__path__startswith=page.path)):
            messages.warning(
                request,
                f"“{page.title}” holds resolved forecasts, which stay on the public record: "
                "unpublish it instead of deleting it.",
            )
            parent = page.get_parent()
            return redirect(reverse("wagtailadmin_explore", args=[parent.pk]))
    return None


@hooks.register("before_delete_page")
def keep_articles_with_resolved_forecasts(request, page: Page):
    return _refuse_pages(request, [page])


@hooks.register("before_bulk_action")
def keep_articles_with_resolved_forecasts_in_bulk(request, action_type, objects, action):
    if action_type == "delete":
        return _refuse_pages(request, [item for item in objects if isinstance(item, Page)])
    return None
