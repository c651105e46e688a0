"""The image renditions public pages use, made when an image or article is saved, never while a
reader waits."""

from collections.abc import Iterable

from django.db.models import Prefetch
from wagtail.images import get_image_model
from wagtail.images.models import AbstractImage

# One name per use on the reader site; templates ask for these names only.
RENDITION_FILTERS: dict[str, str] = {
    "lead": "fill-1200x675-c80|format-jpeg",
    "card": "fill-480x270-c80|format-jpeg",
    "body": "max-960x960|format-jpeg",
    "portrait": "fill-240x240-c80|format-jpeg",
}


def public_renditions(lookup: str, *uses: str) -> Prefetch:
    """Prefetch the renditions for ``uses`` (e.g. ``"card"``) of the images at ``lookup`` (e.g.
    ``"main_image__renditions"``), so a list of pictures costs one query, not one per picture."""
    rendition_model = get_image_model().get_rendition_model()
    specs = [RENDITION_FILTERS[use] for use in uses]
    return Prefetch(lookup, queryset=rendition_model.objects.filter(filter_spec__in=specs))


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
