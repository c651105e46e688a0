"""The breaking-news banner of an edition: built once per change of its key and shared by every
reader (``masthead/caching/fragments.py``), then checked against the clock on each use, so it
comes down at its expiry with no change to make it stale."""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass

from django.http import HttpRequest
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe

from masthead.articles.models import ArticlePage
from masthead.caching import keys
from masthead.caching.fragments import cached_value
from masthead.edge.lifetime import keep_at_most
from masthead.editions.current import CurrentEdition, edition_for_request
from masthead.editions.visibility import under_view_restriction

from .models import BreakingNews

FRAGMENT = "breaking-news"


@dataclass(frozen=True)
class Banner:
    """The banner as rendered, and when it must stop being shown."""

    html: str
    expires_at: dt.datetime

    def shown(self, at: dt.datetime | None = None) -> bool:
        return self.expires_at > (at or timezone.now())

    def seconds_left(self, at: dt.datetime | None = None) -> int:
        """Whole seconds until it comes down (at least 1): how long a cache may keep it."""
        left = (self.expires_at - (at or timezone.now())).total_seconds()
        return max(1, math.ceil(left))


def flagged(edition: CurrentEdition) -> BreakingNews | None:
    """The edition's active flag, if its article is live, in the edition and open to every
    reader (two queries at most)."""
    flag = (
        BreakingNews.objects.active()
        .filter(site_id=edition.site_id, article__live=True)
        .select_related("article")
        .only("text", "expires_at", "article__title", "article__url_path", "article__path")
        .first()
    )
    if flag is None:
        return None
    if not any(flag.article.path.startswith(root) for root in edition.root_tree_paths.values()):
        return None
    restricted = ArticlePage.objects.filter(pk=flag.article_id).filter(under_view_restriction())
    return None if restricted.exists() else flag


def build_banner(edition: CurrentEdition) -> Banner | None:
    flag = flagged(edition)
    if flag is None:
        return None
    html = render_to_string(
        "breaking/banner.html",
        {"text": flag.banner_text, "url": edition.relative_url(flag.article.url_path)},
    )
    return Banner(html, flag.expires_at)


def banner_for(request: HttpRequest) -> Banner | None:
    """The banner this request's edition shows now, or None; the response shows its key and is
    kept by shared caches no longer than the banner lasts."""
    edition = edition_for_request(request)
    if edition is None:
        return None
    # Always shared, like the editions snapshot, even with the fragment cache off: the flag is
    # edition-wide state that changes a few times a day, and every page would otherwise pay a
    # query for it. Its key and the edition's are declared, so responses still carry them.
    banner = cached_value(
        FRAGMENT,
        f"{edition.site_id}:{edition.root_path()}",
        lambda: build_banner(edition),
        (keys.breaking(edition.site_id), keys.edition(edition.site_id)),
        everywhere=True,
    )
    if banner is None or not banner.shown():
        return None
    keep_at_most(request, banner.seconds_left())  # the page that shows it comes down with it
    return banner


def banner_html(request: HttpRequest) -> SafeString:
    """The banner's markup, or nothing at all when no article is flagged."""
    banner = banner_for(request)
    return mark_safe(banner.html if banner else "")
