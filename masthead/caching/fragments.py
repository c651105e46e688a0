"""Fragments shared by every page of an edition (the news feed, the sections menu), built once
per change instead of once per reader.

Each fragment name has a generation counter in the shared cache. A change bumps the counter, at
once and again when its transaction commits, so a fragment rendered from data read before the
commit is never served after it. The value is stored with the generation it was built for and
both are read in one round trip.
"""

from collections.abc import Callable
from typing import TypeVar

from django.conf import settings
from django.core.cache import cache
from django.db import transaction

from masthead.editions.current import CurrentEdition

T = TypeVar("T")


def _generation_key(name: str) -> str:
    return f"masthead:generation:{name}"


def cached_fragment(name: str, edition: CurrentEdition, build: Callable[[], T]) -> T:
    """The fragment ``name`` for this edition, from the cache or built now and kept."""
    if not settings.MASTHEAD_FRAGMENT_CACHE:
        return build()
    generation_key = _generation_key(name)
    value_key = f"masthead:fragment:{name}:{edition.site_id}:{edition.root_path()}"
    found = cache.get_many([generation_key, value_key])
    generation = found.get(generation_key)
    if generation is None:
        generation = 1
        cache.add(generation_key, generation, None)
    stored = found.get(value_key)
    if stored is not None and stored[0] == generation:
        return stored[1]
    value = build()
    cache.set(value_key, (generation, value), None)
    return value


def _bump(name: str) -> None:
    key = _generation_key(name)
    try:
        cache.incr(key)
    except ValueError:
        cache.set(key, 2, None)


def forget_fragment(name: str) -> None:
    """Invalidate ``name`` in every edition, now and once the current transaction commits."""
    _bump(name)
    transaction.on_commit(lambda: _bump(name))
