"""Where each Trust Project indicator's page is, for the structured data of every page."""

from __future__ import annotations

from masthead.editions.current import CurrentEdition
from masthead.editions.visibility import under_view_restriction

from .models import INDICATORS, PolicyPage, TrustPolicies


def trust_policy_paths(edition: CurrentEdition) -> dict[str, str]:
    """The path within ``edition`` of each indicator's page, by its schema.org property
    (``{"ethicsPolicy": "/ethics/"}``), for pages that are live, public and in the edition
    (two queries; one when no indicator is set)."""
    fields = [f"{indicator.field}_id" for indicator in INDICATORS]
    row = TrustPolicies.objects.filter(site_id=edition.site_id).values_list(*fields).first()
    chosen = [pk for pk in row or () if pk is not None]
    if not chosen:
        return {}
    url_paths = dict(
        PolicyPage.objects.filter(pk__in=chosen, live=True)
        .exclude(under_view_restriction())
        .values_list("pk", "url_path")
    )
    roots = tuple(edition.root_paths.values())
    return {
        indicator.schema_property: edition.relative_url(url_paths[pk])
        for indicator, pk in zip(INDICATORS, row, strict=True)
        if pk in url_paths and url_paths[pk].startswith(roots)
    }
