"""Which release of the code is running, so that no value one release built is served by another.

A deploy that changes a template or the code that builds a shared value must never serve what the
old code built. Every stored value's key carries the release: set ``MASTHEAD_RELEASE`` (e.g. the
commit being deployed), or leave it empty and the release is a digest of the code and templates
themselves, worked out once per process, which also tells a server restarted on edited files
apart from the one before.
"""

from __future__ import annotations

import hashlib
from functools import cache
from pathlib import Path

import django
import wagtail
from django.conf import settings

_SOURCE = Path(__file__).resolve().parent.parent  # the masthead package
_SUFFIXES = {".py", ".html", ".txt", ".xml", ".css", ".js", ".svg", ".vcl"}


@cache
def release() -> str:
    """A short name for the running code: ``MASTHEAD_RELEASE``, else a digest of its files."""
    configured = getattr(settings, "MASTHEAD_RELEASE", "")
    if configured:
        return configured
    digest = hashlib.blake2b(digest_size=6)
    digest.update(f"django {django.__version__} wagtail {wagtail.__version__}".encode())
    for path in sorted(_SOURCE.rglob("*")):
        if path.suffix in _SUFFIXES and "__pycache__" not in path.parts:
            digest.update(str(path.relative_to(_SOURCE)).encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()
