"""Edge Side Includes: a part of every page (the latest-news block) fetched by the edge on its
own, so that publishing a news item purges that part and not every page that shows it.

Varnish (deploy/varnish/masthead.vcl) says it can include by sending
``Surrogate-Capability: varnish="ESI/1.0"``; only then does a page carry an ``<esi:include>``
instead of the part itself, and its response says so in ``Surrogate-Control``. It also names
the keys its includes are purged by, in ``xkey-includes``: Varnish stitches a page once and
keeps the stitched copy under the page's keys and those, so that a purge of either drops it.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.http import HttpRequest
from django.utils.html import format_html
from django.utils.safestring import SafeString

CAPABILITY = "ESI/1.0"


def edge_includes(request: HttpRequest) -> bool:
    """Whether the edge in front of this request will carry out ESI includes."""
    return CAPABILITY in request.headers.get("Surrogate-Capability", "")


INCLUDE_KEYS_HEADER = "xkey-includes"
# On the request: the keys of its page's includes, present once the page includes anything.
_INCLUDED = "edge_include_keys"


def include(request: HttpRequest, url: str, keys: Iterable[str]) -> SafeString:
    """The markup that has the edge fetch ``url`` in its place; the response will say so, and
    name ``keys``: those the response at ``url`` is purged by (``tests/edge/test_middleware.py``
    holds each include to them)."""
    request.__dict__.setdefault(_INCLUDED, set()).update(keys)
    return format_html('<esi:include src="{}"/>', url)


def includes_anything(request: HttpRequest) -> bool:
    return _INCLUDED in request.__dict__


def include_keys(request: HttpRequest) -> set[str]:
    """The keys of everything this request's page includes."""
    return request.__dict__.get(_INCLUDED, set())
