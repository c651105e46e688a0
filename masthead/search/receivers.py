"""What makes search documents stale: the article keys the invalidation map emits, and view
restrictions (which the map answers with whole editions, not articles)."""

from __future__ import annotations

import re

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from wagtail.models import Page, PageViewRestriction

from masthead.articles.models import ArticlePage
from masthead.serving.invalidation import keys_changed

from .tasks import reindex_later

_ARTICLE_KEY = re.compile(r"article-(\d+)")


@receiver(keys_changed)
def article_keys_emitted(sender, keys: frozenset[str], **kwargs) -> None:
    found = {int(m.group(1)) for key in keys if (m := _ARTICLE_KEY.fullmatch(key))}
    reindex_later(found)


@receiver(post_save, sender=PageViewRestriction)
@receiver(post_delete, sender=PageViewRestriction)
def restriction_changed(sender, instance: PageViewRestriction, **kwargs) -> None:
    path = Page.objects.filter(pk=instance.page_id).values_list("path", flat=True).first()
    if path is not None:
        under = ArticlePage.objects.filter(path__startswith=path).values_list("pk", flat=True)
        reindex_later(set(under))
