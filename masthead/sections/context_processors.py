from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject
from django.utils.safestring import mark_safe

from masthead.editions.current import edition_for_request

from .navigation import sections_menu_html


def sections_menu(request: HttpRequest) -> dict:
    def items():
        edition = edition_for_request(request)
        return sections_menu_html(edition) if edition else mark_safe("")

    # Lazy, like Django's ``user``: built (or read from the cache) only by pages that show it.
    return {"sections_menu": SimpleLazyObject(items)}
