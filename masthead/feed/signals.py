"""Forget the latest-news block whenever anything it may show changes."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from wagtail.models import PageViewRestriction
from wagtail.signals import page_published, page_unpublished, post_page_move

from masthead.articles.models import ArticlePage
from masthead.caching.fragments import invalidate
from masthead.editions.models import Edition

from .fragment import FRAGMENT


@receiver(page_published, sender=ArticlePage)
@receiver(page_unpublished, sender=ArticlePage)
@receiver(post_delete, sender=ArticlePage)
@receiver(post_page_move)
@receiver(post_save, sender=Edition)  # a new time zone regroups the days
@receiver(post_save, sender=PageViewRestriction)
@receiver(post_delete, sender=PageViewRestriction)
def feed_changed(**kwargs) -> None:
    invalidate(FRAGMENT)
