"""Find the page for a URL in one query.

Wagtail's own routing walks the tree a level per query and then checks view restrictions in two
more. A page's ``url_path`` already is the whole walk, so we look it up directly, fetching the
specific page (and the objects its type names in ``route_select_related``) in the same query, and
ask the database whether any view restriction covers it. Anything this lookup cannot answer
exactly as Wagtail would — no page, a restricted page, an alias — goes to Wagtail's own routing.
A page it does answer is marked ``unrestricted_by_route`` (see ``editions.visibility.RoutedPage``),
so that Wagtail's view-restriction hook does not ask the database again.
"""

from __future__ import annotations

from functools import cache

from wagtail.models import Page, get_page_models

from masthead.caching.compiled import CompiledQuery
from masthead.editions.current import CurrentEdition
from masthead.editions.visibility import RoutedPage, under_alias, under_view_restriction


@cache
def specific_relations() -> dict[type[Page], str]:
    """For each page type, its select_related path from the base Page row."""
    relations: dict[type[Page], str] = {}
    for model in get_page_models():
        if model is Page or model._meta.abstract:
            continue
        # The concrete page models between Page and this one (multi-table inheritance), from
        # Options.get_parent_list (undocumented; unchanged in Django 6.0 and 6.1).
        chain = [m for m in model._meta.get_parent_list() if m is not Page and issubclass(m, Page)]
        path = "__".join(m._meta.model_name for m in [*reversed(chain), model])
        relations[model] = path
    return relations


@cache
def select_related_paths() -> tuple[str, ...]:
    paths: list[str] = []
    for model, relation in specific_relations().items():
        paths.append(relation)
        paths.extend(f"{relation}__{name}" for name in getattr(model, "route_select_related", []))
    return tuple(paths)


@cache
def fast_routing_is_exact() -> bool:
    """True while no page type changes how URLs map to pages (e.g. RoutablePageMixin), the only
    case in which a url_path lookup and Wagtail's tree walk could disagree."""
    return all(model.route is Page.route for model in get_page_models())


@cache
def route_annotations() -> dict[str, object]:
    """What page types ask to know of their page in the same query (``route_annotations``: a
    name and an expression on the page's row), e.g. whether an article has corrections to
    fetch at all."""
    found: dict[str, object] = {}
    for model in specific_relations():
        found.update(getattr(model, "route_annotations", lambda: {})())
    return found


def _pages_at(url_path: str):
    return (
        Page.objects.filter(url_path=url_path, live=True)
        .order_by()
        .select_related(*select_related_paths())
        .annotate(restricted=under_view_restriction(), aliased=under_alias())
        .annotate(**route_annotations())
    )


PAGES_AT = CompiledQuery(_pages_at, url_path="\x00url-path\x00")


def route(edition: CurrentEdition, path: str) -> Page | None:
    """The live, unrestricted specific page at ``path`` (e.g. ``"news/some-story/"``), or None
    when Wagtail's own routing must decide."""
    pages = PAGES_AT.fetch(url_path=edition.root_path() + path)
    page = pages[0] if pages else None
    if page is None or page.restricted or page.aliased:
        return None
    model = page.specific_class
    if model is None or model is Page:
        return None
    specific = page
    for name in specific_relations()[model].split("__"):
        specific = getattr(specific, name)
    for name in route_annotations():
        setattr(specific, name, getattr(page, name))
    if isinstance(specific, RoutedPage):
        # The query above found no view restriction on the page or its ancestors.
        specific.unrestricted_by_route = True
    return specific
