"""The admin's side of breaking news: who flagged it, and "Clear now"."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.widgets.button import Button
from wagtail.snippets.views.snippets import CreateView, IndexView

from .models import BreakingNews


class FlagView(CreateView):
    def form_valid(self, form):
        form.instance.flagged_by = self.request.user
        return super().form_valid(form)


class FlagsView(IndexView):
    clear_url_name: str = ""

    def get_list_buttons(self, instance: BreakingNews) -> list:
        buttons = super().get_list_buttons(instance)
        if instance.is_active() and self.permission_policy.user_has_permission(
            self.request.user, "change"
        ):
            url = reverse(self.clear_url_name, args=[instance.pk])
            buttons.insert(0, Button("Clear now", url=url, icon_name="cross"))
        return buttons


class ClearView(WagtailAdminTemplateMixin, TemplateView):
    """Asks, then takes the banner down at once (POST)."""

    template_name = "breaking/admin/confirm_clear.html"
    clear_url_name: str = ""
    index_url_name: str = ""
    page_title = "Clear breaking news"
    header_icon = "warning"

    def dispatch(self, request, pk: int, *args, **kwargs):
        if not request.user.has_perm("breaking.change_breakingnews"):
            raise PermissionDenied
        self.flag = get_object_or_404(BreakingNews.objects.select_related("article"), pk=pk)
        return super().dispatch(request, *args, **kwargs)

    def get_page_subtitle(self) -> str:
        return str(self.flag)

    def get_context_data(self, **kwargs) -> dict:
        return {
            **super().get_context_data(**kwargs),
            "flag": self.flag,
            "active": self.flag.is_active(),
            "clear_url": reverse(self.clear_url_name, args=[self.flag.pk]),
            "list_url": reverse(self.index_url_name),
        }

    def post(self, request, *args, **kwargs):
        if self.flag.is_active():
            self.flag.clear()
            messages.success(request, f"The breaking-news banner “{self.flag}” is down.")
        else:
            messages.warning(request, f"“{self.flag}” was no longer shown.")
        return redirect(self.index_url_name)
