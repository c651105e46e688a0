"""The banner alone: what an edge that does ESI includes in every page."""

from django.http import HttpRequest, HttpResponse

from .banner import banner_for


def banner(request: HttpRequest) -> HttpResponse:
    """The edition's banner, or an empty answer when nothing is flagged. A flag raised or
    cleared purges this one small object; and since the edge may keep it no longer than the
    banner lasts (``banner_for``), it also comes down on time with no purge at all."""
    found = banner_for(request)
    return HttpResponse(found.html if found else "")
