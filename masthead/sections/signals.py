from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from wagtail.signals import page_published, page_unpublished, post_page_move

from masthead.caching.fragments import invalidate

from .models import SectionPage
from .navigation import FRAGMENT


@receiver(page_published, sender=SectionPage)
@receiver(page_unpublished, sender=SectionPage)
@receiver(post_delete, sender=SectionPage)
@receiver(post_save, sender=SectionPage)
def section_changed(**kwargs) -> None:
    invalidate(FRAGMENT)


@receiver(post_page_move)
def page_moved(**kwargs) -> None:
    # Moving any page may move a section along with it; moves are rare, so forget the menu.
    invalidate(FRAGMENT)
