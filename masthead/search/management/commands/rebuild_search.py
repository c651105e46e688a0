"""``manage.py rebuild_search``: every public article's search document written again and the
search index brought up to date, after a bulk write (``generate_news``, an import of an archive)
that left the map suspended. Safe to run at any time, also while readers search."""

from __future__ import annotations

import time

from django.core.management.base import BaseCommand

from masthead.caching import keys
from masthead.editions.current import all_editions
from masthead.search import documents
from masthead.serving.invalidation import emit


class Command(BaseCommand):
    help = __doc__

    def handle(self, *args, **options) -> None:
        started = time.perf_counter()
        count = documents.rebuild()
        documents.analyze()
        emit({keys.search(edition.site_id) for edition in all_editions()})
        self.stdout.write(
            f"Wrote {count} search documents in {time.perf_counter() - started:.1f} s."
        )
