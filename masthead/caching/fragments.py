"""Values shared by every reader (the news feed, the sections menu, a rendered article, the
editions snapshot), built once per change instead of once per reader.

Each name has a *generation* in the shared cache. A change gives the name a new generation, at
once and again when its transaction commits, so a value built from data read before the commit
is never served after it. A value is stored with the generation it was built for, and each
process also keeps the values it has used in memory: while their generation is current, a
request serves them without fetching or unpickling anything.

A request reads the generations of every name it may need in one round trip, at its first use
(see ``middleware.py``); outside a request each use reads its own.

Stored values carry the release in their key (``release.py``), so a deploy never serves what the
old code built, and expire after ``MASTHEAD_SHARED_VALUE_TTL`` seconds; generations expire too,
later, and a generation that is gone only makes its values stale.

A shared cache that fails, or holds an entry an older release wrote, is a miss: the reader gets
a freshly built value. Only invalidation is strict, so that no reader is ever served stale
content once the cache answers again.
"""

from __future__ import annotations

import logging
import secrets
from collections import OrderedDict
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import TYPE_CHECKING, TypeVar

from django.conf import settings
from django.core.cache import cache
from django.db import transaction

from .release import release

if TYPE_CHECKING:
    from masthead.editions.current import CurrentEdition

T = TypeVar("T")
logger = logging.getLogger(__name__)

# Values this process has read or built, with their generation, most recently used last.
_LOCAL_LIMIT = 1000
_local: OrderedDict[str, tuple[str, object]] = OrderedDict()
# Every name this process has used: a request reads all their generations at once.
_names: set[str] = set()
# The generations read during the current request; None outside a request.
_request_generations: ContextVar[dict[str, str] | None] = ContextVar(
    "request_generations", default=None
)


def _value_ttl() -> int:
    return settings.MASTHEAD_SHARED_VALUE_TTL


def _generation_ttl() -> int:
    # Longer than any value lives: a generation that expired before its values would let a
    # value built for it be taken for current if the same token were drawn again (never, with
    # random tokens), and costs only a rebuild.
    return 4 * settings.MASTHEAD_SHARED_VALUE_TTL


def _generation_key(name: str) -> str:
    return f"masthead:generation:{name}"


def _new_generation() -> str:
    # Random rather than counted, so a generation lost with a flushed cache never comes back and
    # makes an old value look current.
    return secrets.token_hex(8)


def _read_generations(names: Iterable[str]) -> dict[str, str]:
    """The current generation of each name, starting one for names that have none. A name
    whose generation cannot be read is left out: its value must be built afresh."""
    keys = {_generation_key(name): name for name in names}
    try:
        found = cache.get_many(list(keys))
    except Exception:
        logger.warning("shared cache unreadable; building shared values afresh", exc_info=True)
        return {}
    generations = {keys[key]: value for key, value in found.items()}
    for key, name in keys.items():
        if name in generations:
            continue
        generation = _new_generation()
        try:
            if not cache.add(key, generation, _generation_ttl()):
                generation = cache.get(key)
        except Exception:
            logger.warning("shared cache unwritable", exc_info=True)
            continue
        if generation is not None:
            generations[name] = generation
    return generations


def _generation(name: str) -> str | None:
    _names.add(name)
    generations = _request_generations.get()
    if generations is None:
        return _read_generations([name]).get(name)
    if name not in generations:
        generations.update(_read_generations(_names - generations.keys()))
    return generations.get(name)


@contextmanager
def one_read_per_request() -> Iterator[None]:
    """Within this block, each name's generation is read at most once, all in one round trip."""
    token = _request_generations.set({})
    try:
        yield
    finally:
        _request_generations.reset(token)


def _stored(key: str):
    try:
        return cache.get(key)
    except Exception:  # unreachable, or pickled by a release whose classes have changed
        logger.warning("shared cache entry %s unreadable; building it afresh", key, exc_info=True)
        return None


def _store(key: str, value) -> None:
    try:
        cache.set(key, value, _value_ttl())
    except Exception:
        logger.warning("shared cache entry %s not stored", key, exc_info=True)


def cached_value(name: str, variant: str, build: Callable[[], T]) -> T:
    """The value ``variant`` of ``name``: from this process's memory while its generation is
    current, else from the shared cache, else built now and kept."""
    generation = _generation(name)
    if generation is None:
        return build()
    key = f"masthead:value:{release()}:{name}:{variant}"
    local = _local.get(key)
    if local is not None and local[0] == generation:
        _local.move_to_end(key)
        return local[1]
    stored = _stored(key)
    if isinstance(stored, tuple) and len(stored) == 2 and stored[0] == generation:
        value = stored[1]
    else:
        value = build()
        _store(key, (generation, value))
    _local[key] = (generation, value)
    if len(_local) > _LOCAL_LIMIT:
        _local.popitem(last=False)
    return value


def cached_fragment(
    name: str, edition: CurrentEdition, build: Callable[[], T], variant: str = ""
) -> T:
    """A part of the pages of one edition (``variant`` names which, e.g. an article's), kept
    like ``cached_value``; built for every request when ``MASTHEAD_FRAGMENT_CACHE`` is off."""
    if not settings.MASTHEAD_FRAGMENT_CACHE:
        return build()
    return cached_value(name, f"{edition.site_id}:{edition.root_path()}:{variant}", build)


def _bump(name: str) -> None:
    generation = _new_generation()
    cache.set(_generation_key(name), generation, _generation_ttl())
    generations = _request_generations.get()
    if generations is not None:
        generations[name] = generation


def invalidate(name: str) -> None:
    """Make every value of ``name`` stale, now and once the current transaction commits. A
    failure is raised: the change that asked for it must not go through unseen."""
    _bump(name)
    transaction.on_commit(lambda: _bump(name))
