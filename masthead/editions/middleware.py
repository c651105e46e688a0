from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.utils import timezone

from .current import edition_for_request


class EditionMiddleware:
    """Resolves the edition from the cached snapshot before any view asks Wagtail for the site,
    and shows times on the edition's clock.

    It must come after Django's CommonMiddleware (settings.MIDDLEWARE), which validates the host
    against ALLOWED_HOSTS first."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        edition = edition_for_request(request)
        if edition is None:
            return self.get_response(request)
        timezone.activate(edition.time_zone)
        try:
            return self.get_response(request)
        finally:
            timezone.deactivate()
