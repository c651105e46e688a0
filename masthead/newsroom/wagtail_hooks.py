"""The newsroom's rules in the admin: only chief editors delete pages, and a story sent back
from review shows the reviewer's comment on its edit form."""

from __future__ import annotations

from django.contrib.auth.models import Permission
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from wagtail import hooks
from wagtail.admin import messages
from wagtail.models import Page, WorkflowState

from .roles import DELETE_PAGES, may_delete_pages

NOT_A_CHIEF_EDITOR = "Only chief editors delete pages. Unpublish it to take it off the site."


@hooks.register("register_permissions")
def page_deletion_permission() -> QuerySet[Permission]:
    """Shown with the other object permissions in a group's admin form, so an administrator
    can see and change who deletes pages."""
    app_label, codename = DELETE_PAGES.split(".")
    return Permission.objects.filter(content_type__app_label=app_label, codename=codename)


# Wagtail still shows its Delete button to whoever its page permissions allow (no hook removes
# it from the page header); the delete view is where the rule holds, with a message that says why.
@hooks.register("before_delete_page")
def refuse_deletion_unless_chief(request: HttpRequest, page: Page) -> HttpResponse | None:
    if may_delete_pages(request.user):
        return None
    messages.error(request, NOT_A_CHIEF_EDITOR)
    return redirect("wagtailadmin_pages:edit", page.pk)


@hooks.register("before_bulk_action")
def refuse_bulk_deletion_unless_chief(
    request: HttpRequest, action_type: str, objects: list, action_class_instance
) -> HttpResponse | None:
    if action_type != "delete" or may_delete_pages(request.user):
        return None
    if not any(isinstance(item, Page) for item in objects):
        return None  # snippets, images: their own delete permissions decide
    messages.error(request, NOT_A_CHIEF_EDITOR)
    return redirect("wagtailadmin_explore_root")


@hooks.register("before_edit_page")
def show_why_it_was_sent_back(request: HttpRequest, page: Page) -> None:
    """On opening a page that review sent back, the reviewer's comment, with a link to the
    whole workflow history."""
    if request.method != "GET":
        return
    state = page.current_workflow_state
    if state is None or state.status != WorkflowState.STATUS_NEEDS_CHANGES:
        return
    task_state = state.current_task_state
    if task_state is None or not task_state.comment:
        return
    reviewer = task_state.finished_by
    name = (reviewer.get_full_name() or reviewer.get_username()) if reviewer else "a reviewer"
    history = reverse("wagtailadmin_pages:workflow_history_detail", args=[page.pk, state.pk])
    messages.warning(
        request,
        f"Sent back by {name}: “{task_state.comment}”",
        buttons=[messages.button(history, "Workflow history")],
    )
