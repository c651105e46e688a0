from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import Programme


class ProgrammeViewSet(SnippetViewSet):
    model = Programme
    icon = "media"
    menu_label = "Programmes"
    menu_order = 210
    add_to_admin_menu = True
    list_display = ["title", "schedule", "slug"]
    search_fields = ["title"]


register_snippet(ProgrammeViewSet)
