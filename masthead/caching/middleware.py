from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

from .fragments import one_read_per_request


class SharedValuesMiddleware:
    """Reads the generations of the shared values a request uses in one cache round trip where
    it can, instead of one per value: those every page uses, and those its address used last
    time (see ``fragments.py``)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        with one_read_per_request(request.path):
            return self.get_response(request)
