"""The image renditions public pages use, made when an image or article is saved, never while a
reader waits."""

import logging
from collections.abc import Iterable
from functools import cache

from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from wagtail.images import get_image_model
from wagtail.images.models import AbstractImage, AbstractRendition, Filter

from masthead.caching.compiled import CompiledIdQuery

logger = logging.getLogger(__name__)

# One name per use on the reader site; templates ask for these names only.
RENDITION_FILTERS: dict[str, str] = {
    "lead": "fill-1200x675-c80|format-jpeg",
    "card": "fill-480x270-c80|format-jpeg",
    "body": "max-960x960|format-jpeg",
    "portrait": "fill-240x240-c80|format-jpeg",
}


@cache
def _filter(use: str) -> Filter:
    # Parsing a filter spec into its operations costs more than finding the rendition; parse once.
    return Filter(spec=RENDITION_FILTERS[use])


@cache
def _public_renditions() -> CompiledIdQuery:
    rendition_model = get_image_model().get_rendition_model()
    specs = list(RENDITION_FILTERS.values())
    return CompiledIdQuery(
        lambda ids: rendition_model.objects.filter(image_id__in=ids, filter_spec__in=specs)
    )


def attach_public_renditions(images: Iterable[AbstractImage | None]) -> None:
    """Fetch the public renditions of all these images in one query and hand each image its
    own, so that ``picture`` finds them without a query or a cache read of its own."""
    images = [image for image in images if image is not None]
    by_image: dict[int, list] = {image.pk: [] for image in images}
    for rendition in _public_renditions().fetch(list(by_image)):
        by_image[rendition.image_id].append(rendition)
    for image in images:
        # Wagtail's own place for renditions fetched ahead (``Prefetch(to_attr=...)``).
        image.prefetched_renditions = by_image[image.pk]


def picture(
    image: AbstractImage | None, use: str, alt: str = "", loading: str = "lazy"
) -> SafeString:
    """An ``<img>`` of an existing rendition. It never makes one: renditions are made when
    images and articles are saved, so a missing one is logged and the image left out."""
    if image is None:
        return mark_safe("")
    try:
        rendition = _existing_rendition(image, _filter(use))
    except image.get_rendition_model().DoesNotExist:
        logger.warning("No %s rendition of image %s; run create_renditions", use, image.pk)
        return mark_safe("")
    return format_html(
        '<img src="{}" width="{}" height="{}" alt="{}" loading="{}" decoding="async">',
        rendition.url,
        rendition.width,
        rendition.height,
        alt or getattr(image, "description", "") or image.title,
        loading,
    )


def _existing_rendition(image: AbstractImage, rendition_filter: Filter) -> AbstractRendition:
    """The rendition Wagtail's ``get_rendition`` would find, never made here: from the renditions
    fetched ahead, else Wagtail's rendition cache, else the database. One found in the database
    is kept in that cache, once, so that the next reader needs no query; one found in the cache
    is not written back (``find_existing_rendition`` does not tell which it found, hence the
    cache read of our own)."""
    if getattr(image, "prefetched_renditions", None) is not None:
        # Fetched ahead (``attach_public_renditions`` or Wagtail's ``prefetch_renditions()``):
        # Wagtail looks nowhere else, and neither do we.
        return image.find_existing_rendition(rendition_filter)
    rendition_model = image.get_rendition_model()
    key = rendition_model.construct_cache_key(
        image, rendition_filter.get_cache_key(image), rendition_filter.spec
    )
    rendition = rendition_model.cache_backend.get(key)
    if rendition is not None:
        # As Wagtail does with a cached rendition: it belongs to this image instance.
        rendition.image = image
        return rendition
    # Not cached: Wagtail looks in its cache again (a miss) and then in the database.
    rendition = image.find_existing_rendition(rendition_filter)
    rendition_model.cache_backend.set(key, rendition)
    return rendition


def create_renditions(images: Iterable[AbstractImage]) -> None:
    """Make every public rendition of these images that does not exist yet."""
    for image in images:
        if image is not None and image.file:
            image.get_renditions(*RENDITION_FILTERS.values())


def images_in_article(article) -> list[AbstractImage]:
    ids = {article.main_image_id} if article.main_image_id else set()
    for block in article.body.raw_data:
        if block["type"] == "image" and block["value"].get("image"):
            ids.add(block["value"]["image"])
    return list(get_image_model().objects.filter(id__in=ids))
