"""Which pages a reader may see without logging in, decided inside the listing's own query."""

from django.db.models import CharField, Exists, ExpressionWrapper, F, OuterRef, Subquery
from django.db.models.lookups import StartsWith
from wagtail.models import Page, PageViewRestriction


def _outer_path() -> ExpressionWrapper:
    return ExpressionWrapper(OuterRef("path"), output_field=CharField())


def under_view_restriction() -> Exists:
    """True for a page that a view restriction on it or on an ancestor covers (Wagtail's
    ``get_view_restrictions``, as an expression over the outer query's ``path``).

    The restricted page's path is a subquery by its primary key rather than a join: SQLite
    otherwise plans the join by scanning every page once per row of the outer query (3 s for a
    listing of 100,000 articles, against 1 ms), where this walks the few restrictions."""
    restricted_path = Subquery(Page.objects.filter(pk=OuterRef("page_id")).values("path")[:1])
    return Exists(
        PageViewRestriction.objects.annotate(restricted_path=restricted_path).filter(
            StartsWith(_outer_path(), F("restricted_path"))
        )
    )


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
