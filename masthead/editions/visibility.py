"""Which pages a reader may see without logging in, decided inside the listing's own query."""

from django.db import DEFAULT_DB_ALIAS, connections
from django.db.models import CharField, Exists, ExpressionWrapper, F, OuterRef, Subquery
from django.db.models.lookups import StartsWith
from wagtail.models import Page, PageViewRestriction


def _outer_path() -> ExpressionWrapper:
    return ExpressionWrapper(OuterRef("path"), output_field=CharField())


def under_view_restriction() -> Exists:
    """True for a page that a view restriction on it or on an ancestor covers (Wagtail's
    ``get_view_restrictions``, as an expression over the outer query's ``path``).

    Written for each database's planner: PostgreSQL answers the join of restrictions to their
    pages at once, where SQLite plans it as a scan of every page per row of the outer query (3 s
    for a listing of 100,000 articles); SQLite is given the restricted page's path as a subquery
    by primary key instead (1 ms), which PostgreSQL in turn plans badly inside the route's query
    (90 ms against 2 ms)."""
    if connections[DEFAULT_DB_ALIAS].vendor == "sqlite":
        restricted = Subquery(Page.objects.filter(pk=OuterRef("page_id")).values("path")[:1])
        return Exists(
            PageViewRestriction.objects.annotate(restricted_path=restricted).filter(
                StartsWith(_outer_path(), F("restricted_path"))
            )
        )
    return Exists(PageViewRestriction.objects.filter(StartsWith(_outer_path(), F("page__path"))))


def under_alias() -> Exists:
    """True for a page that is, or descends from, an alias (whose restrictions are its source's)."""
    return Exists(Page.objects.filter(StartsWith(_outer_path(), F("path")), alias_of__isnull=False))


class RoutedPage:
    """Mixed into the page types that Masthead's one-query route serves.

    The routing query already asks whether any view restriction covers the page. When it found
    none, the route sets ``unrestricted_by_route`` on the page it hands to Wagtail's own ``serve``
    view, and Wagtail's ``check_view_restrictions`` hook, which calls ``get_view_restrictions``,
    is told so instead of asking the database again (two queries).
    """

    unrestricted_by_route: bool = False

    def get_view_restrictions(self):
        if self.unrestricted_by_route:
            return PageViewRestriction.objects.none()
        return super().get_view_restrictions()
