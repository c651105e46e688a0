"""A plan item's status follows its article: published when the article goes live.

Plan items are never public, so nothing here emits cache keys: the update is a queryset update,
which sends no signals the invalidation map could hear."""

from django.dispatch import receiver
from wagtail.signals import page_published

from masthead.articles.models import ArticlePage

from .models import PlanItem, PlanStatus


@receiver(page_published, sender=ArticlePage)
def article_published(sender, instance: ArticlePage, **kwargs) -> None:
    # Wagtail also sends page_published when it schedules a page that is not live yet.
    if instance.live:
        PlanItem.objects.filter(article_id=instance.pk).exclude(status=PlanStatus.PUBLISHED).update(
            status=PlanStatus.PUBLISHED
        )
