"""Read replicas: readers' queries go to a replica, everything else to the primary.

``MASTHEAD_READ_REPLICAS`` names database aliases (``DATABASE_REPLICA_URLS`` in the
environment); with none, every query goes to ``default`` as before. A request or command that
writes is pinned to the primary for the rest of its work, so it reads what it just wrote rather
than what a replica has not yet replayed; so is every request that is not a reader's (the admin,
anything but GET/HEAD, anyone with a session), and every transaction.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connections
from django.http import HttpRequest, HttpResponse

# True once the current request (or command) must read from the primary.
_pinned: ContextVar[bool] = ContextVar("read_from_primary", default=False)


def pin_to_primary() -> None:
    _pinned.set(True)


@contextmanager
def reader_scope(pinned: bool = False) -> Iterator[None]:
    """One unit of work (a request): its reads may go to a replica until it writes."""
    token = _pinned.set(pinned)
    try:
        yield
    finally:
        _pinned.reset(token)


class ReplicaRouter:
    """Django's database router for ``MASTHEAD_READ_REPLICAS``."""

    def db_for_read(self, model, **hints) -> str:
        replicas = settings.MASTHEAD_READ_REPLICAS
        if not replicas or _pinned.get() or connections[DEFAULT_DB_ALIAS].in_atomic_block:
            return DEFAULT_DB_ALIAS
        return random.choice(replicas)

    def db_for_write(self, model, **hints) -> str:
        pin_to_primary()
        return DEFAULT_DB_ALIAS

    def allow_relation(self, first, second, **hints) -> bool:
        # The replicas hold the primary's rows: an object read from one relates to any other.
        return True


class ReadReplicaMiddleware:
    """Each request is its own unit of work; only readers' requests may read from a replica."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        reader = (
            request.method in ("GET", "HEAD")
            and settings.SESSION_COOKIE_NAME not in request.COOKIES
            and not request.path.startswith(settings.MASTHEAD_PRIVATE_PATHS)
        )
        with reader_scope(pinned=not reader):
            return self.get_response(request)
