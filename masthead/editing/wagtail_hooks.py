from django.templatetags.static import static
from django.utils.html import format_html
from wagtail import hooks


@hooks.register("insert_editor_js")
def character_count() -> str:
    """The live count of a headline's or a name's characters (masthead/editing/forms.py)."""
    return format_html('<script src="{}"></script>', static("editing/character_count.js"))
