"""Values shared by every reader (the news feed, the sections menu, a rendered article, the
editions snapshot), built once per change instead of once per reader.

A value depends on the keys of what it shows (``keys.py``: ``article-12``, ``edition-1`` …).
Each key has a *generation* in the shared cache, which a change to that content replaces (the
invalidation map, ``masthead/serving/invalidation.py``, says which keys a change makes stale), at
once and again when its transaction commits, so a value built from data read before the commit
is never served after it. A value is stored with the generations of its keys, and is current
while all of them are. Each process also keeps the values it has used in memory: while their
generations are current, a request serves them without fetching or unpickling anything.

A request reads the generations it needs in one round trip where it can: at its first read it
also reads those of the values every page shows (``everywhere``) and those its address needed
last time (see ``middleware.py``); outside a request each use reads its own.

A generation also records when its key last changed, which gives a response's Last-Modified.

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
import time
from collections import OrderedDict
from collections.abc import Callable, Collection, Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, TypeVar

from django.conf import settings
from django.core.cache import cache
from django.db import transaction

from . import keys as content_keys
from .release import release

if TYPE_CHECKING:
    from masthead.editions.current import CurrentEdition

T = TypeVar("T")
logger = logging.getLogger(__name__)

# Values this process has read or built, with their keys' generations, most recently used last.
_LOCAL_LIMIT = 1000
_local: OrderedDict[str, tuple[tuple[str, ...], object]] = OrderedDict()
# Keys of the values every page shows: read with the first read of every request.
_everywhere: set[str] = set()
# The keys each recent address read, read with its first read next time.
_PATHS_LIMIT = 10_000
_keys_by_path: OrderedDict[str, frozenset[str]] = OrderedDict()


@dataclass
class _RequestReads:
    path: str | None
    generations: dict[str, str] = field(default_factory=dict)


# The generations read during the current request; None outside a request.
_request: ContextVar[_RequestReads | None] = ContextVar("request_reads", default=None)


def _value_ttl() -> int:
    return settings.MASTHEAD_SHARED_VALUE_TTL


def _generation_ttl() -> int:
    # Longer than any value lives, so a value always goes stale before its generation expires;
    # an expired generation only costs a rebuild.
    return 4 * settings.MASTHEAD_SHARED_VALUE_TTL


def _generation_key(key: str) -> str:
    return f"masthead:generation:{key}"


def _new_generation() -> str:
    # The time of the change, then random rather than counted, so a generation lost with a
    # flushed cache never comes back and makes an old value look current.
    return f"{time.time():.3f}:{secrets.token_hex(6)}"


def changed_at(generation: str) -> float | None:
    """When the key of this generation last changed (Unix time), if the generation says."""
    try:
        return float(generation.split(":", 1)[0])
    except ValueError:
        return None


def _read_generations(keys: Iterable[str]) -> dict[str, str]:
    """The current generation of each key, starting one for keys that have none. A key whose
    generation cannot be read is left out: its values must be built afresh."""
    stored_keys = {_generation_key(key): key for key in keys}
    if not stored_keys:
        return {}
    try:
        found = cache.get_many(list(stored_keys))
    except Exception:
        logger.warning("shared cache unreadable; building shared values afresh", exc_info=True)
        return {}
    generations = {stored_keys[stored]: value for stored, value in found.items()}
    for stored, key in stored_keys.items():
        if key in generations:
            continue
        generation = _new_generation()
        try:
            if not cache.add(stored, generation, _generation_ttl()):
                generation = cache.get(stored)
        except Exception:
            logger.warning("shared cache unwritable", exc_info=True)
            continue
        if generation is not None:
            generations[key] = generation
    return generations


def generations(keys: Collection[str]) -> dict[str, str]:
    """The generations of ``keys``; within a request, each key is read at most once, and the
    first read also fetches what every page and this address are likely to need."""
    reads = _request.get()
    if reads is None:
        return _read_generations(keys)
    missing = [key for key in keys if key not in reads.generations]
    if missing:
        wanted = set(missing) | _everywhere
        if reads.path is not None:
            wanted |= _keys_by_path.get(reads.path, frozenset())
        reads.generations.update(_read_generations(wanted - reads.generations.keys()))
    return {key: reads.generations[key] for key in keys if key in reads.generations}


@contextmanager
def one_read_per_request(path: str | None = None) -> Iterator[None]:
    """Within this block, each key's generation is read at most once, most in one round trip;
    ``path`` (the request's address) remembers which keys it needed for next time."""
    reads = _RequestReads(path)
    token = _request.set(reads)
    try:
        yield
    finally:
        _request.reset(token)
        if path is not None and reads.generations:
            _keys_by_path[path] = frozenset(reads.generations)
            _keys_by_path.move_to_end(path)
            if len(_keys_by_path) > _PATHS_LIMIT:
                _keys_by_path.popitem(last=False)


def _stored(key: str):
    try:
        return cache.get(key)
    except Exception:  # unreachable, or pickled by a release whose classes have changed
        logger.warning("shared cache entry %s unreadable; building it afresh", key, exc_info=True)
        return None


def _store(key: str, value, ttl: int | None = None) -> None:
    try:
        cache.set(key, value, _value_ttl() if ttl is None else ttl)
    except Exception:
        logger.warning("shared cache entry %s not stored", key, exc_info=True)


def cached_value(
    name: str,
    variant: str,
    build: Callable[[], T],
    keys: Collection[str],
    *,
    everywhere: bool = False,
    shown: bool = True,
) -> T:
    """The value ``variant`` of ``name``, depending on ``keys``: from this process's memory
    while their generations are current, else from the shared cache, else built now and kept.
    ``everywhere`` marks a value nearly every page uses, whose keys every request reads at
    once. Unless ``shown`` is false (machinery such as the editions snapshot), the response
    being built is said to show ``keys``."""
    if shown:
        content_keys.declare(*keys)
    if everywhere:
        _everywhere.update(keys)
    current = generations(keys)
    if len(current) < len(keys):
        return build()
    stamp = tuple(current[key] for key in keys)
    stored_key = _stored_key(name, variant)
    local = _local.get(stored_key)
    if local is not None and local[0] == stamp:
        _local.move_to_end(stored_key)
        return local[1]
    stored = _stored(stored_key)
    if isinstance(stored, tuple) and len(stored) == 2 and stored[0] == stamp:
        value = stored[1]
    else:
        value = build()
        _store(stored_key, (stamp, value))
    _remember(stored_key, (stamp, value))
    return value


def _stored_key(name: str, variant: str) -> str:
    return f"masthead:value:{release()}:{name}:{variant}"


def _remember(stored_key: str, entry: tuple) -> None:
    _local[stored_key] = entry
    _local.move_to_end(stored_key)
    if len(_local) > _LOCAL_LIMIT:
        _local.popitem(last=False)


@dataclass(frozen=True)
class _Learned:
    """A value kept with the keys its build declared, and their generations as read before it
    was built (None: the keys are known, the value is not kept yet)."""

    keys: tuple[str, ...]
    stamp: tuple[str, ...] | None
    value: object = None


def _current(entry: _Learned | None, now: dict[str, str]) -> bool:
    return (
        entry is not None
        and entry.stamp is not None
        and entry.stamp == tuple(now.get(key) for key in entry.keys)
    )


def learned_value(name: str, variant: str) -> tuple[object | None, dict[str, str]]:
    """For a value whose keys are only known once it is built (a whole page): the value
    ``keep_learned`` kept, while the generations of its keys are current, else None; and the
    generations read so far, all before anything of the value is built, which
    ``keep_learned`` stamps it with. Call it before reading what the value is built from."""
    stored_key = _stored_key(name, variant)
    local = _local.get(stored_key)
    entry = local[1] if local is not None and isinstance(local[1], _Learned) else None
    now = generations(entry.keys if entry else ())
    if not _current(entry, now):
        stored = _stored(stored_key)
        entry = stored if isinstance(stored, _Learned) else None
        if entry is not None:
            now = generations(entry.keys)
            _remember(stored_key, (entry.stamp, entry))
    reads = _request.get()
    snapshot = dict(reads.generations) if reads is not None else now
    if _current(entry, now):
        _local.move_to_end(stored_key)
        return entry.value, snapshot
    return None, snapshot


def keep_learned(
    name: str, variant: str, snapshot: dict[str, str], keys: Iterable[str], value, ttl: int
) -> None:
    """Keep ``value``, built after ``learned_value`` gave ``snapshot``, under the ``keys`` its
    build declared, for at most ``ttl`` seconds. When a key's generation was not read before the
    build, a change to it may have been missed: only the keys are kept then, so that the next
    build reads them all first and is kept."""
    ordered = tuple(sorted(set(keys)))
    if all(key in snapshot for key in ordered):
        entry = _Learned(ordered, tuple(snapshot[key] for key in ordered), value)
    else:
        entry = _Learned(ordered, None)
    stored_key = _stored_key(name, variant)
    _store(stored_key, entry, min(ttl, _value_ttl()))
    _remember(stored_key, (entry.stamp, entry))


def cached_fragment(
    name: str,
    edition: CurrentEdition,
    build: Callable[[], T],
    keys: Collection[str],
    variant: str = "",
    *,
    everywhere: bool = False,
) -> T:
    """A part of the pages of one edition (``variant`` names which, e.g. an article's) showing
    ``keys`` and the edition's own, kept like ``cached_value``; built for every request when
    ``MASTHEAD_FRAGMENT_CACHE`` is off (its keys are still declared)."""
    all_keys = (*keys, content_keys.edition(edition.site_id))
    if not settings.MASTHEAD_FRAGMENT_CACHE:
        content_keys.declare(*all_keys)
        return build()
    return cached_value(
        name,
        f"{edition.site_id}:{edition.root_path()}:{variant}",
        build,
        all_keys,
        everywhere=everywhere,
    )


def _bump(keys: Collection[str]) -> None:
    fresh = {key: _new_generation() for key in keys}
    cache.set_many({_generation_key(key): g for key, g in fresh.items()}, _generation_ttl())
    reads = _request.get()
    if reads is not None:
        reads.generations.update(fresh)


def invalidate(*keys: str) -> None:
    """Make every value showing any of ``keys`` stale, now and once the current transaction
    commits. A failure is raised: the change that asked for it must not go through unseen."""
    if not keys:
        return
    _bump(keys)
    transaction.on_commit(lambda: _bump(keys))
