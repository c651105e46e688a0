"""Whole public pages kept in the shared cache, under the keys they were sent with: the app's own
edge, for a newsroom with no Varnish or CDN in front, and for each edge's first miss after a
purge when there are several.

A reader's page is kept as the edge would keep it (same address, same headers, the same rules
for what is public: ``middleware.is_public``) and goes stale by the same keys: the invalidation
map's change to any key in its ``xkey`` makes it stale in every process at once, like any shared
value (``masthead/caching/fragments.py``: ``learned_value``). So a change made anywhere is seen
on the next request, and a deploy never serves a page the old code built (the release is in
the stored key). A page is kept no longer than its own ``s-maxage`` (a breaking-news banner's
page until the banner ends); when it is given again its ``Age`` says how old it is, so an edge
or browser in front counts its lifetime from when it was built.

Off with ``MASTHEAD_KEPT_PAGES=0``, and with the shared values (``MASTHEAD_FRAGMENT_CACHE=0``).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils.cache import cc_delim_re, set_response_etag

from masthead.caching.fragments import keep_learned, learned_value

from .esi import edge_includes
from .middleware import is_anonymous_read

NAME = "page"
# The headers a kept page is given again with; the rest are the server's (Date, Server) or
# computed again on the way out (Content-Length).
_SKIPPED = {"date", "server", "content-length", "age"}


@dataclass(frozen=True)
class KeptPage:
    status: int
    headers: tuple[tuple[str, str], ...]
    content: bytes
    built_at: float
    seconds: int

    @classmethod
    def of(cls, response: HttpResponse, now: float) -> KeptPage | None:
        """The response as it may be kept, or None when an edge would not keep it either."""
        if response.status_code != 200 or response.streaming or response.cookies:
            return None
        control = _cache_control(response.get("Cache-Control", ""))
        seconds = _int(control.get("s-maxage"))
        if "public" not in control or not seconds or "xkey" not in response:
            return None
        if response.has_header("Vary"):  # nothing a reader's page varies on is in its address
            return None
        if not response.has_header("ETag"):
            set_response_etag(response)  # what ConditionalGetMiddleware would compute, once
        headers = tuple(
            (name, value) for name, value in response.items() if name.lower() not in _SKIPPED
        )
        return cls(response.status_code, headers, response.content, now, seconds)

    @property
    def keys(self) -> list[str]:
        return next(value.split() for name, value in self.headers if name.lower() == "xkey")

    def response(self, now: float) -> HttpResponse | None:
        age = int(now - self.built_at)
        if age >= self.seconds:
            return None
        response = HttpResponse(self.content, status=self.status)
        for name, value in self.headers:
            response[name] = value
        response["Age"] = str(max(age, 0))
        return response


def _cache_control(value: str) -> dict[str, str | None]:
    directives: dict[str, str | None] = {}
    for part in cc_delim_re.split(value):
        name, _, argument = part.strip().partition("=")
        if name:
            directives[name.lower()] = argument or None
    return directives


def _int(value: str | None) -> int:
    try:
        return max(int(value or 0), 0)
    except ValueError:
        return 0


def enabled() -> bool:
    return settings.MASTHEAD_FRAGMENT_CACHE and settings.MASTHEAD_KEPT_PAGES


def address(request: HttpRequest) -> str:
    """What the kept page depends on: the full address, and whether the edge includes by ESI."""
    includes = "esi" if edge_includes(request) else "inline"
    return f"{includes}:{request.scheme}://{request.get_host()}{request.get_full_path()}"


class KeptPagesMiddleware:
    """Answers an anonymous GET or HEAD with the kept page while it is current, else builds it
    and keeps it. It must come after ``SharedValuesMiddleware`` (its generations are read with
    the request's first read) and before ``EdgeCacheMiddleware``, whose headers it keeps."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not (enabled() and is_anonymous_read(request)):
            return self.get_response(request)
        variant = address(request)
        kept, snapshot = learned_value(NAME, variant)
        if isinstance(kept, KeptPage) and (response := kept.response(time.time())) is not None:
            return response
        response = self.get_response(request)
        if request.method == "GET" and (page := KeptPage.of(response, time.time())) is not None:
            keep_learned(NAME, variant, snapshot, page.keys, page, page.seconds)
        return response
