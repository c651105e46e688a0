"""Renditions are made when images and articles are saved, so readers never wait for one; and
rendered articles are forgotten whenever anything they show may have changed."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from taggit.models import Tag
from wagtail.images import get_image_model
from wagtail.models import Page
from wagtail.signals import page_published, page_unpublished, post_page_move

from masthead.caching.fragments import invalidate
from masthead.editions.models import Edition
from masthead.people.models import Person
from masthead.programmes.models import Programme, ProgrammeHost

from .models import ArticlePage
from .queries import ARTICLES_FRAGMENT
from .renditions import create_renditions, images_in_article


@receiver(post_save, sender=get_image_model())
def image_saved(sender, instance, **kwargs) -> None:
    # The file is already stored when post_save runs; a broken image fails its own save.
    create_renditions([instance])


@receiver(page_published, sender=ArticlePage)
def article_published(sender, instance, **kwargs) -> None:
    create_renditions(images_in_article(instance))


# An article shows other pages (read-also links, links in its text), people, its programme, tags,
# images and the edition's clock; a change to any of them, rare beside readers' requests, makes
# every article render afresh once.
@receiver(page_published)
@receiver(page_unpublished)
@receiver(post_page_move)
@receiver(post_delete, sender=Page)
@receiver(post_delete, sender=ArticlePage)
@receiver(post_save, sender=Person)
@receiver(post_delete, sender=Person)
@receiver(post_save, sender=Programme)
@receiver(post_delete, sender=Programme)
@receiver(post_save, sender=ProgrammeHost)
@receiver(post_save, sender=Tag)
@receiver(post_delete, sender=Tag)
@receiver(post_save, sender=get_image_model())
@receiver(post_delete, sender=get_image_model())
@receiver(post_save, sender=Edition)
def articles_changed(**kwargs) -> None:
    invalidate(ARTICLES_FRAGMENT)
