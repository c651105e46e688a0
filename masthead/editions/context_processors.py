from django.http import HttpRequest

from .current import edition_for_request


def edition(request: HttpRequest) -> dict:
    return {"edition": edition_for_request(request)}
