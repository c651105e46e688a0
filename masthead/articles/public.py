"""The articles readers may see: the one definition every listing, feed, search index, export
and track record starts from."""

from __future__ import annotations

from django.db.models import QuerySet

from masthead.editions.visibility import under_view_restriction

from .models import ArticlePage


def public_articles_under(root: str) -> QuerySet[ArticlePage]:
    """Live articles under the tree path ``root`` outside any view-restricted part of it."""
    return ArticlePage.objects.filter(live=True, path__startswith=root).exclude(
        under_view_restriction()
    )
