from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from masthead.editions.current import edition_for_request

from .navigation import section_links


def sections_menu(request: HttpRequest) -> dict:
    def links():
        edition = edition_for_request(request)
        return section_links(edition) if edition else []

    return {"sections_menu": SimpleLazyObject(links)}
