"""How long shared caches may keep a response whose content goes stale with time alone, with no
change to purge it: a breaking-news banner until it comes down, the news sitemap as articles turn
two days old, a forecast until it falls due. The edge and the kept pages (``kept.py``) both keep
a response no longer than its ``s-maxage``, which this sets."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest

_LIMIT = "edge_shared_seconds"


def keep_at_most(request: HttpRequest, seconds: int) -> None:
    """Say that the response being built for ``request`` may be kept ``seconds`` at most."""
    limit = request.__dict__.get(_LIMIT)
    request.__dict__[_LIMIT] = max(1, seconds if limit is None else min(limit, seconds))


def shared_seconds(request: HttpRequest) -> int:
    """The response's ``s-maxage``: the configured lifetime, or less when its content says so."""
    configured = settings.MASTHEAD_HTTP_CACHE["SHARED_SECONDS"]
    return min(configured, request.__dict__.get(_LIMIT, configured))
