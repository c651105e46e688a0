"""The banner coming down at its expiry at an edge that holds it inside every page.

Behind an edge that includes by ESI the banner is an object of its own that the edge keeps no
longer than the banner lasts (``views.py``). An edge that cannot include (a CDN without ESI)
holds it inside every page, for as long as each page may be kept: there, a purge of the
banner's key at the expiry takes it down. It is written with the flag and sent by the task
worker at that time, like every purge (``masthead/edge/purging.py``).
"""

from __future__ import annotations

from django_tasks import task_backends

from masthead.caching import keys
from masthead.edge.purging import BACKEND, edges_configured, purge_keys

from .models import BreakingNews


def purge_at_expiry(flag: BreakingNews) -> None:
    if not flag.is_active() or not edges_configured():
        return
    if not task_backends[BACKEND].supports_defer:
        return  # a backend that runs tasks at once cannot wait; the edge's TTL then decides
    purge_keys.using(run_after=flag.expires_at).enqueue([keys.breaking(flag.site_id)])
