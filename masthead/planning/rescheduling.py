"""Moving things on the calendar: a plan item's planned time, and a scheduled article's go-live.

A scheduled article is moved the way Wagtail schedules one: its scheduled revision gets the new
go-live and is published again, which (the time being in the future) schedules it instead, sets
``approved_go_live_at`` and the page's ``go_live_at`` and writes the page's history."""

from __future__ import annotations

import datetime as dt
import json

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.utils import timezone

from masthead.articles.models import ArticlePage

from .models import PlanItem
from .permissions import may_move_plan_items


class CannotMove(Exception):
    """The move was not made; the message says why, in words for the editor."""


def move_plan_item(user, item: PlanItem, when: dt.datetime) -> None:
    if not may_move_plan_items(user):
        raise PermissionDenied("You may not change plan items.")
    item.planned_at = when
    item.save(update_fields=["planned_at"])


def move_scheduled_article(user, article: ArticlePage, when: dt.datetime) -> None:
    permissions = article.permissions_for_user(user)
    if not permissions.can_publish():
        raise PermissionDenied("You may not publish this article.")
    revision = article.scheduled_revision
    if revision is None:
        raise CannotMove(
            f"“{article.draft_title}” is no longer scheduled: it has gone live or been "
            "unscheduled. Reload the week to see where it is now."
        )
    # A scheduled page is always "locked" to Wagtail (its schedule is the lock being changed
    # here); what stops a move is someone holding the page to edit it.
    if article.locked and (
        getattr(settings, "WAGTAILADMIN_GLOBAL_EDIT_LOCK", False) or article.locked_by_id != user.pk
    ):
        raise CannotMove(f"“{article.draft_title}” is locked by someone editing it.")
    if when <= timezone.now():
        raise CannotMove("Choose a time in the future: a scheduled article goes live then.")
    expires = revision.content.get("expire_at")
    if expires and dt.datetime.fromisoformat(expires) <= when:
        raise CannotMove("That is after the article expires; change its expiry first.")
    # The revision's copy of the page is what Wagtail schedules from.
    with transaction.atomic():
        revision.content["go_live_at"] = json.loads(json.dumps(when, cls=DjangoJSONEncoder))
        revision.save(update_fields=["content"])
        revision.publish(user=user, changed=False)
