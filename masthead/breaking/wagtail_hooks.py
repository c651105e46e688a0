from django.urls import path
from wagtail.admin.ui.tables import BooleanColumn, Column, DateColumn
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .admin_views import ClearView, FlagsView, FlagView
from .models import BreakingNews


class BreakingNewsViewSet(SnippetViewSet):
    """Breaking news in the admin menu: flag an article, see what is up, clear it."""

    model = BreakingNews
    icon = "warning"
    menu_label = "Breaking news"
    menu_order = 150
    add_to_admin_menu = True
    index_view_class = FlagsView
    add_view_class = FlagView
    list_display = [
        "__str__",
        Column("article", label="Article", accessor="article"),
        BooleanColumn("is_active", label="Shown", accessor="is_active"),
        DateColumn("expires_at", label="Expires"),
        Column("flagged_by", label="Flagged by", accessor="flagged_by"),
    ]
    list_filter = ["site"]
    ordering = ["-flagged_at"]

    def get_index_view_kwargs(self, **kwargs):
        return super().get_index_view_kwargs(clear_url_name=self.get_url_name("clear"), **kwargs)

    def get_urlpatterns(self):
        clear = ClearView.as_view(
            clear_url_name=self.get_url_name("clear"), index_url_name=self.get_url_name("list")
        )
        return [*super().get_urlpatterns(), path("clear/<int:pk>/", clear, name="clear")]


register_snippet(BreakingNewsViewSet)
