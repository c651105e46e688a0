from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

from .fragments import one_read_per_request


class SharedValuesMiddleware:
    """Reads the generations of all shared values a request may use in one cache round trip,
    instead of one per value (see ``fragments.py``)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        with one_read_per_request():
            return self.get_response(request)
