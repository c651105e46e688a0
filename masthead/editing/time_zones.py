"""Admin times on the edition's clock for editors who have not chosen a time zone of their own.

Wagtail shows the admin's times, and reads the times typed into its forms, in the zone of the
user's profile or else in settings.TIME_ZONE (UTC). Readers see the edition's time (Kyiv), so an
editor who schedules a story for 09:00 means 09:00 there."""

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from wagtail.users.models import UserProfile

from masthead.editions.current import edition_for_request


class EditionTimeZoneMiddleware:
    """For admin requests of signed-in users whose profile names no time zone, gives that
    profile (in memory, never saved) the zone of the request's edition, which is the zone
    Wagtail then uses. An editor's own choice in Account settings always stands.

    Goes after Django's AuthenticationMiddleware (settings.MIDDLEWARE)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.path.startswith(reverse("wagtailadmin_home")):
            self.use_edition_time_zone(request)
        return self.get_response(request)

    @staticmethod
    def use_edition_time_zone(request: HttpRequest) -> None:
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated:
            return
        profile = getattr(user, "wagtail_userprofile", None)
        if profile is not None and profile.current_time_zone:
            return
        edition = edition_for_request(request)
        if edition is None:
            return
        if profile is None:
            # Unsaved: Wagtail creates a user's profile when it first stores something in it.
            profile = UserProfile(user=user)
            user.wagtail_userprofile = profile
        profile.current_time_zone = edition.time_zone_name
