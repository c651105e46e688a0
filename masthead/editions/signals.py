"""Drop the editions snapshot whenever anything it is made of changes."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from wagtail.models import Locale, Page, Site
from wagtail.signals import page_published, page_unpublished, post_page_move

from .current import forget_editions
from .models import Edition


@receiver(post_save, sender=Site)
@receiver(post_delete, sender=Site)
@receiver(post_save, sender=Edition)
@receiver(post_delete, sender=Edition)
@receiver(post_save, sender=Locale)
@receiver(post_delete, sender=Locale)
def site_changed(**kwargs) -> None:
    forget_editions()


@receiver(post_save)
@receiver(page_published)
@receiver(page_unpublished)
@receiver(post_page_move)
def home_page_changed(sender, instance=None, **kwargs) -> None:
    # Only a home page (depth 2) or a translation of one can change a site's root path.
    if isinstance(instance, Page) and instance.depth is not None and instance.depth <= 2:
        forget_editions()
