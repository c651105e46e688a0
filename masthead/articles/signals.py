"""Renditions are made when images and articles are saved, so readers never wait for one. (What
goes stale when is the invalidation map's, masthead/serving/invalidation.py.)"""

from django.db.models.signals import post_save
from django.dispatch import receiver
from wagtail.images import get_image_model
from wagtail.signals import page_published

from .models import ArticlePage
from .renditions import create_renditions, images_in_article


@receiver(post_save, sender=get_image_model())
def image_saved(sender, instance, **kwargs) -> None:
    # The file is already stored when post_save runs; a broken image fails its own save.
    create_renditions([instance])


@receiver(page_published, sender=ArticlePage)
def article_published(sender, instance, **kwargs) -> None:
    create_renditions(images_in_article(instance))
