"""Where each Trust Project indicator's page is, for the structured data of every page.

The pages are read as annotations of one page row (``with_policies``), each the chosen page's
url_path, found through the setting's row by primary key, so the query's cost does not grow with
the tree. The answer is kept as a shared value under the edition's key, always, like the editions
snapshot and the breaking-news banner: edition-wide settings that change a few times a year,
which every page links to, and whose every change (the setting, a policy page it names coming,
going or moving, a view restriction) emits the edition's key (``serving/invalidation.py``).
"""

from __future__ import annotations

from collections.abc import Sequence

from django.db.models import QuerySet, Subquery
from wagtail.models import Page

from masthead.caching import keys
from masthead.caching.compiled import CompiledQuery
from masthead.caching.fragments import cached_value
from masthead.editions.current import CurrentEdition
from masthead.editions.visibility import under_view_restriction

from .models import INDICATORS, PolicyPage, TrustPolicies

# The annotations ``with_policies`` adds, in the order of INDICATORS.
POLICY_PATHS: tuple[str, ...] = tuple(f"policy_{indicator.field}" for indicator in INDICATORS)


def with_policies(pages: QuerySet[Page], site_id: int) -> QuerySet[Page]:
    """``pages`` annotated with ``POLICY_PATHS``: the url_path of the page the site's trust
    policies chose for each indicator, or None where none is chosen or it is not live and
    public."""
    setting = TrustPolicies.objects.filter(site_id=site_id)
    return pages.annotate(
        **{
            name: Subquery(
                PolicyPage.objects.filter(
                    pk=Subquery(setting.values(f"{indicator.field}_id")[:1]), live=True
                )
                .exclude(under_view_restriction())
                .order_by()
                .values("url_path")[:1]
            )
            for name, indicator in zip(POLICY_PATHS, INDICATORS, strict=True)
        }
    )


def policy_paths(edition: CurrentEdition, url_paths: Sequence[str | None]) -> dict[str, str]:
    """The path within ``edition`` of each indicator's page by its schema.org property, from
    the values of ``POLICY_PATHS``; pages outside the edition are left out."""
    roots = tuple(edition.root_paths.values())
    return {
        indicator.schema_property: edition.relative_url(url_path)
        for indicator, url_path in zip(INDICATORS, url_paths, strict=False)
        if url_path is not None and url_path.startswith(roots)
    }


SHARED_VALUE = "trust-policies"
# Ten subqueries, each with the view-restriction check, cost Django tens of milliseconds to build
# on PostgreSQL: built and compiled once per process, like the other hot queries.
HOME_POLICIES = CompiledQuery(
    lambda page_id, site_id: (
        with_policies(Page.objects.filter(pk=page_id), site_id)
        .order_by()
        .values_list(*POLICY_PATHS)
    ),
    page_id=-918_273_647,
    site_id=-918_273_648,
)


def trust_policy_paths(edition: CurrentEdition) -> dict[str, str]:
    """The path within ``edition`` of each indicator's page, by its schema.org property
    (``{"ethicsPolicy": "/ethics/"}``), for pages that are live, public and in the edition
    (one query)."""
    rows = HOME_POLICIES.fetch(page_id=edition.root_page_id, site_id=edition.site_id)
    return policy_paths(edition, rows[0] if rows else ())


def kept_trust_policy_paths(edition: CurrentEdition) -> dict[str, str]:
    """``trust_policy_paths``, kept as a shared value until the edition's key changes (no query
    while it is current, whether or not the shared fragments are on)."""
    return cached_value(
        SHARED_VALUE,
        f"{edition.site_id}:{edition.root_path()}",
        lambda: trust_policy_paths(edition),
        (keys.edition(edition.site_id),),
    )
