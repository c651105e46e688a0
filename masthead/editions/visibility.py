"""Which pages a reader may see without logging in, decided inside the listing's own query."""

from django.db.models import CharField, Exists, ExpressionWrapper, F, OuterRef
from django.db.models.lookups import StartsWith
from wagtail.models import Page, PageViewRestriction


def _outer_path() -> ExpressionWrapper:
    return ExpressionWrapper(OuterRef("path"), output_field=CharField())


def under_view_restriction() -> Exists:
    """True for a page that a view restriction on it or on an ancestor covers (Wagtail's
    ``get_view_restrictions``, as an expression over the outer query's ``path``)."""
    return Exists(PageViewRestriction.objects.filter(StartsWith(_outer_path(), F("page__path"))))


def under_alias() -> Exists:
    """True for a page that is, or descends from, an alias (whose restrictions are its source's)."""
    return Exists(Page.objects.filter(StartsWith(_outer_path(), F("path")), alias_of__isnull=False))
