"""The tests' window on the invalidation map: every key it emits while a block runs."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from masthead.serving.invalidation import keys_changed


@contextmanager
def recording() -> Iterator[set[str]]:
    """Every key the invalidation map emits inside the block."""
    emitted: set[str] = set()

    def record(sender, keys: frozenset[str], **kwargs) -> None:
        assert isinstance(keys, frozenset)
        emitted.update(keys)

    keys_changed.connect(record, weak=False)
    try:
        yield emitted
    finally:
        keys_changed.disconnect(record)
