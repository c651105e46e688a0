"""Fragments shared by every page of an edition (the news feed, the sections menu), built once
per change instead of once per reader.

Each fragment name has a generation counter in the shared cache. A change bumps the counter, at
once and again when its transaction commits, so a fragment rendered from data read before the
commit is never served after it. The value is stored with the generation it was built for and
both are read in one round trip.
"""

import secrets
from collections import OrderedDict
from collections.abc import Callable
from typing import TypeVar

from django.conf import settings
from django.core.cache import cache
from django.db import transaction

from masthead.editions.current import CurrentEdition

T = TypeVar("T")


# Fragments this process has read or built, with the generation they belong to: while the
# generation in the shared cache is unchanged, the fragment is served from here after one small
# read, instead of fetching and unpickling its HTML on every request.
_LOCAL_LIMIT = 1000
_local: OrderedDict[str, tuple[str, object]] = OrderedDict()


def _generation_key(name: str) -> str:
    return f"masthead:generation:{name}"


def _new_generation() -> str:
    # Random rather than counted, so a generation lost with a flushed cache never comes back and
    # makes an old fragment look current.
    return secrets.token_hex(8)


def cached_fragment(
    name: str, edition: CurrentEdition, build: Callable[[], T], variant: str = ""
) -> T:
    """The fragment ``name`` (one of its ``variant``s, e.g. an article's) for this edition, from
    the cache or built now and kept."""
    if not settings.MASTHEAD_FRAGMENT_CACHE:
        return build()
    generation_key = _generation_key(name)
    value_key = f"masthead:fragment:{name}:{edition.site_id}:{edition.root_path()}:{variant}"
    local = _local.get(value_key)
    if local is not None:
        generation = cache.get(generation_key)
        if generation == local[0]:
            _local.move_to_end(value_key)
            return local[1]
        stored = cache.get(value_key)
    else:
        found = cache.get_many([generation_key, value_key])
        generation, stored = found.get(generation_key), found.get(value_key)
    if generation is None:
        generation = _new_generation()
        if not cache.add(generation_key, generation, None):
            generation = cache.get(generation_key)
    if stored is not None and stored[0] == generation:
        value = stored[1]
    else:
        value = build()
        cache.set(value_key, (generation, value), None)
    _local[value_key] = (generation, value)
    if len(_local) > _LOCAL_LIMIT:
        _local.popitem(last=False)
    return value


def _bump(name: str) -> None:
    cache.set(_generation_key(name), _new_generation(), None)


def forget_fragment(name: str) -> None:
    """Invalidate ``name`` in every edition, now and once the current transaction commits."""
    _bump(name)
    transaction.on_commit(lambda: _bump(name))
