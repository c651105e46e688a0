import logging

from django import template
from django.utils.html import format_html
from wagtail.images.models import Filter

from masthead.articles.renditions import RENDITION_FILTERS
from masthead.articles.video import video_embed as embed_for

register = template.Library()
logger = logging.getLogger(__name__)


@register.simple_tag
def picture(image, use: str, alt: str = "", loading: str = "lazy"):
    """An ``<img>`` of an existing rendition. It never makes one: renditions are made when
    images and articles are saved, so a missing one is logged and the image left out."""
    if image is None:
        return ""
    rendition_model = image.get_rendition_model()
    try:
        rendition = image.find_existing_rendition(Filter(spec=RENDITION_FILTERS[use]))
    except rendition_model.DoesNotExist:
        logger.warning("No %s rendition of image %s; run create_renditions", use, image.pk)
        return ""
    return format_html(
        '<img src="{}" width="{}" height="{}" alt="{}" loading="{}" decoding="async">',
        rendition.url,
        rendition.width,
        rendition.height,
        alt or getattr(image, "description", "") or image.title,
        loading,
    )


@register.simple_tag
def video_embed(url: str):
    return embed_for(url)
