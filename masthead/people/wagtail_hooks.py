from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import Person


class PersonViewSet(SnippetViewSet):
    model = Person
    icon = "user"
    menu_label = "People"
    menu_order = 200
    add_to_admin_menu = True
    list_display = ["name", "description", "slug", "user"]
    # No ``search_fields`` here: the listing and the chooser search Person.search_fields through
    # Wagtail's search backend. Fields named here are handed to that backend as columns, which
    # its SQLite full-text table does not have ("no such column: name").


register_snippet(PersonViewSet)
