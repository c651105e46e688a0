"""Who may see the calendar and move what is on it."""

from __future__ import annotations

from wagtail.permission_policies import ModelPermissionPolicy

from masthead.articles.models import ArticlePage

from .models import PlanItem

plan_items = ModelPermissionPolicy(PlanItem)


def may_open_calendar(user) -> bool:
    """Anyone who may see or work on plan items."""
    return plan_items.user_has_any_permission(user, ["view", "add", "change", "delete"])


def may_move_plan_items(user) -> bool:
    return plan_items.user_has_permission(user, "change")


def may_move_article(user, article: ArticlePage) -> bool:
    """Moving a scheduled article's go-live is scheduling it: publish permission on the page."""
    return article.permissions_for_user(user).can_publish()
