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
    # No ``search_fields``: Programme.search_fields, through Wagtail's search backend (see
    # people.wagtail_hooks).


register_snippet(ProgrammeViewSet)
