"""The admin's "Import transcript": its address, its menu item, and a link from each broadcast
and programme in their listings, for whoever may add pages."""

from urllib.parse import urlencode

from django.urls import include, path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.widgets.button import Button

from masthead.planning.models import PlanItem, PlanKind
from masthead.programmes.models import Programme

from . import views


class ImportTranscriptMenuItem(MenuItem):
    def is_shown(self, request) -> bool:
        return views.may_import(request.user)


@hooks.register("register_admin_urls")
def transcript_urls():
    urls = [path("import/", views.import_transcript, name="import")]
    return [path("transcripts/", include((urls, "transcripts"), namespace="transcripts"))]


@hooks.register("register_admin_menu_item")
def import_transcript_menu_item() -> MenuItem:
    return ImportTranscriptMenuItem(
        "Import transcript", reverse("transcripts:import"), icon_name="doc-full", order=186
    )


@hooks.register("register_snippet_listing_buttons")
def import_from_here(snippet, user, next_url=None) -> list[Button]:
    """ "Import transcript" in the "More" menu of a broadcast (its programme, section and working
    title filled in, and the draft linked to it) and of a programme."""
    if isinstance(snippet, PlanItem) and snippet.kind == PlanKind.BROADCAST:
        query = {"broadcast": snippet.pk}
    elif isinstance(snippet, Programme):
        query = {"programme": snippet.pk}
    else:
        return []
    if not views.may_import(user):
        return []
    url = f"{reverse('transcripts:import')}?{urlencode(query)}"
    return [Button("Import transcript", url, icon_name="doc-full", priority=60)]
