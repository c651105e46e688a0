"""Which parts of the page tree are view-restricted, read once for a sitemap.

A sitemap reads a whole month, or every person and tag of the archive, not a page of forty
items; asking for each row whether a restriction covers it (``editions.visibility``'s
correlated subquery) makes SQLite scan the page tree once per row. Restrictions are few, so
their paths are read first (one query) and each becomes a ``path`` prefix left out.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Q, QuerySet
from wagtail.models import PageViewRestriction

from masthead.editions.visibility import under_view_restriction

# Beyond this many restricted pages, the query names none and asks the database row by row.
MOST_LISTED = 200


@dataclass(frozen=True)
class Restrictions:
    """The tree paths of the view-restricted pages (each covers its descendants too), or None
    when there are too many to list."""

    paths: tuple[str, ...] | None

    @classmethod
    def read(cls) -> Restrictions:
        """Every restricted page's path (one query)."""
        paths = PageViewRestriction.objects.values_list("page__path", flat=True)
        found = tuple(sorted(set(paths[: MOST_LISTED + 1])))
        return cls(found if len(found) <= MOST_LISTED else None)

    def outside(self, pages: QuerySet) -> QuerySet:
        """``pages`` less those a restriction covers."""
        if self.paths is None:
            return pages.exclude(under_view_restriction())
        if not self.paths:
            return pages
        covered = Q()
        for path in self.paths:
            covered |= Q(path__startswith=path)
        return pages.exclude(covered)
