"""HTTP caching for every response: what shared caches, browsers and the edge may keep, for how
long, and under which keys they are purged (docs/edge.md has the contract with the VCL)."""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils.cache import patch_cache_control
from django.utils.http import http_date, parse_http_date_safe

from masthead.caching import keys
from masthead.caching.fragments import changed_at, generations

from .esi import CAPABILITY, INCLUDE_KEYS_HEADER, include_keys, includes_anything
from .lifetime import shared_seconds

# Statuses a shared cache may keep (RFC 9111's "heuristically cacheable" ones we answer with).
CACHEABLE = {200, 203, 301, 404, 410}


def is_anonymous_read(request: HttpRequest) -> bool:
    """Whether this request may be answered with what any reader is given: a GET or HEAD with
    nothing personal (a session or CSRF cookie, credentials) outside the admin."""
    if request.method not in ("GET", "HEAD") or "Authorization" in request.headers:
        return False
    if (
        settings.SESSION_COOKIE_NAME in request.COOKIES
        or settings.CSRF_COOKIE_NAME in request.COOKIES
    ):
        return False
    return not request.path.startswith(settings.MASTHEAD_PRIVATE_PATHS)


def is_public(request: HttpRequest, response: HttpResponse) -> bool:
    """Whether any reader may be given this response as it is: anything personal (see
    ``is_anonymous_read``, a cookie being set, a preview) or already told otherwise is not."""
    if not is_anonymous_read(request) or response.status_code not in CACHEABLE:
        return False
    if response.has_header("Cache-Control") or response.cookies:
        return False
    return not getattr(request, "is_preview", False)


class EdgeCacheMiddleware:
    """Public responses get ``Cache-Control`` for shared caches (``s-maxage``) and browsers
    (a short ``max-age``), with ``stale-while-revalidate`` and ``stale-if-error``; the keys of
    what they show (declared while they were built) in ``xkey`` (Varnish), ``Surrogate-Key``
    (Fastly) and ``Cache-Tag`` (Cloudflare); and ``Last-Modified`` from when those keys last
    changed. Everything else is ``private``. ETags and 304s are Django's
    ``ConditionalGetMiddleware``, which must come before this one in ``MIDDLEWARE``; this one
    must come after ``SharedValuesMiddleware`` so that its reads join the request's."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        with keys.collecting() as shown:
            response = self.get_response(request)
            if is_public(request, response):
                self.share(request, response, shown)
            elif not response.has_header("Cache-Control"):
                patch_cache_control(response, private=True, no_cache=True, max_age=0)
        return response

    def share(self, request: HttpRequest, response: HttpResponse, shown: set[str]) -> None:
        policy = settings.MASTHEAD_HTTP_CACHE
        patch_cache_control(
            response,
            public=True,
            max_age=policy["BROWSER_SECONDS"],
            s_maxage=shared_seconds(request),  # less for content that goes stale with time
            stale_while_revalidate=policy["STALE_WHILE_REVALIDATE"],
            stale_if_error=policy["STALE_IF_ERROR"],
        )
        if response.status_code == 404:
            shown.add(keys.NOT_FOUND)
        elif response.status_code == 301:
            shown.add(keys.REDIRECTS)  # Wagtail's redirects, purged when one changes
        changed = [moment for g in generations(shown).values() if (moment := changed_at(g))]
        own = response.get("Last-Modified")
        if own and (moment := parse_http_date_safe(own)):
            changed.append(moment)
        if changed:
            response["Last-Modified"] = http_date(max(changed))
        shown.add(keys.release_key())
        ordered = sorted(shown)
        response["xkey"] = " ".join(ordered)
        response["Surrogate-Key"] = " ".join(ordered)
        response["Cache-Tag"] = ",".join(ordered)
        if includes_anything(request):
            response["Surrogate-Control"] = f'content="{CAPABILITY}"'
            response[INCLUDE_KEYS_HEADER] = " ".join(sorted(include_keys(request) - shown))
