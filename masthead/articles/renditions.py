"""The image renditions public pages use, made when an image or article is saved, never while a
reader waits."""

import logging
from collections.abc import Iterable
from functools import cache

from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from wagtail.images import get_image_model
from wagtail.images.models import AbstractImage, Filter

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
    rendition_model = image.get_rendition_model()
    try:
        rendition = image.find_existing_rendition(_filter(use))
    except rendition_model.DoesNotExist:
        logger.warning("No %s rendition of image %s; run create_renditions", use, image.pk)
        return mark_safe("")
    if not getattr(rendition, "_from_cache", False):
        # Found in the database: keep it in Wagtail's rendition cache, as ``get_rendition`` would
        # (``find_existing_rendition`` only reads that cache), so the next reader needs no query.
        rendition_model.cache_backend.set(
            rendition_model.construct_cache_key(
                image, rendition.focal_point_key, rendition.filter_spec
            ),
            rendition,
        )
    return format_html(
        '<img src="{}" width="{}" height="{}" alt="{}" loading="{}" decoding="async">',
        rendition.url,
        rendition.width,
        rendition.height,
        alt or getattr(image, "description", "") or image.title,
        loading,
    )


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
