"""An article's body as HTML for a feed reader (RSS ``content:encoded``, Atom ``content``, JSON
Feed ``content_html``): its paragraphs, headings, quotes, questions, pictures and videos with
absolute addresses, without the site's navigation ("Read also").

Rendering the page's own blocks would fetch what each body names article by article; here what
all the bodies of a feed name is fetched at once: their paragraphs' links (one query per kind of
link), the people their quotes and questions name who are not among the articles' people (one
query, when there are any) and their pictures (one query, when there are any; the renditions
come with the feed's main images).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping

from django.http import HttpRequest
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from wagtail.images import get_image_model
from wagtail.images.models import AbstractImage, Filter
from wagtail.rich_text import expand_db_html

from masthead.articles.appearances import Appearance, Role
from masthead.articles.blocks import PARAGRAPH_BREAK
from masthead.articles.models import ArticlePage
from masthead.articles.renditions import RENDITION_FILTERS
from masthead.people.models import Person

BODY_RENDITION = "body"

# A site-relative address in an attribute, as Wagtail writes links and pictures.
_RELATIVE = re.compile(r'(?P<attribute>href|src)="(?P<path>/(?!/)[^"]*)"')


class FullTextSources:
    """What the bodies of a feed's articles name, fetched for all of them at once."""

    def __init__(
        self,
        request: HttpRequest,
        articles: Iterable[ArticlePage],
        appearances: Mapping[int, list[Appearance]],
    ):
        self.request = request
        self.blocks = {article.pk: list(article.body.raw_data) for article in articles}
        self.people: dict[int, Person] = {}
        self.default_speaker: dict[tuple[int, str], Person] = {}
        for article_id, credited in appearances.items():
            for appearance in credited:
                self.people[appearance.person_id] = appearance.person
                self.default_speaker.setdefault((article_id, appearance.role), appearance.person)
        named, image_ids, paragraphs = set(), set(), []
        for article_id, blocks in self.blocks.items():
            for index, block in enumerate(blocks):
                kind, value = block["type"], block["value"]
                if kind == "pull_quote" and value.get("person"):
                    named.add(value["person"])
                elif kind == "question" and value.get("speaker"):
                    named.add(value["speaker"])
                elif kind == "image" and value.get("image"):
                    image_ids.add(value["image"])
                elif kind == "paragraph":
                    paragraphs.append(((article_id, index), value))
        missing = named - set(self.people)
        if missing:
            self.people.update(Person.objects.in_bulk(missing))
        self.images: list[AbstractImage] = (
            list(get_image_model().objects.filter(id__in=image_ids)) if image_ids else []
        )
        self._images_by_id = {image.pk: image for image in self.images}
        self.paragraphs = _expanded(paragraphs)

    def absolute(self, html: str) -> str:
        """``html`` with its site-relative addresses made absolute, as a feed reader needs."""
        return _RELATIVE.sub(
            lambda m: f'{m["attribute"]}="{self.request.build_absolute_uri(m["path"])}"', html
        )

    def image(self, pk: int | None) -> AbstractImage | None:
        return self._images_by_id.get(pk) if pk else None


def _expanded(paragraphs: list[tuple[tuple[int, int], str]]) -> dict[tuple[int, int], str]:
    """Every paragraph's internal links expanded in one pass over all of them."""
    sources = [source for _, source in paragraphs]
    if not sources:
        return {}
    if any(PARAGRAPH_BREAK in source for source in sources):
        expanded = [expand_db_html(source) for source in sources]
    else:
        expanded = expand_db_html(PARAGRAPH_BREAK.join(sources)).split(PARAGRAPH_BREAK)
    return {place: html for (place, _), html in zip(paragraphs, expanded, strict=True)}


def _picture(sources: FullTextSources, value: dict) -> SafeString | str:
    image = sources.image(value.get("image"))
    if image is None:
        return ""
    try:
        rendition = image.find_existing_rendition(Filter(spec=RENDITION_FILTERS[BODY_RENDITION]))
    except image.get_rendition_model().DoesNotExist:
        return ""
    caption = " ".join(part for part in (value.get("caption"), value.get("credit")) if part)
    return format_html(
        '<figure><img src="{}" width="{}" height="{}" alt="{}">{}</figure>',
        sources.request.build_absolute_uri(rendition.url),
        rendition.width,
        rendition.height,
        value.get("caption") or image.title,
        format_html("<figcaption>{}</figcaption>", caption) if caption else "",
    )


def _block_html(
    sources: FullTextSources, article_id: int, index: int, block: dict
) -> SafeString | str:
    kind, value = block["type"], block["value"]
    if kind == "paragraph":
        # The editors' rich text, as Wagtail expanded it for the page.
        return mark_safe(sources.absolute(sources.paragraphs.get((article_id, index), "")))
    if kind == "heading":
        return format_html("<h2>{}</h2>", value)
    if kind == "pull_quote" and value.get("proposed"):
        return ""  # proposed from a transcript, not yet accepted: readers do not see it
    if kind == "pull_quote":
        person = sources.people.get(value.get("person")) or sources.default_speaker.get(
            (article_id, Role.GUEST)
        )
        attribution = format_html("<figcaption>{}</figcaption>", person.name) if person else ""
        return format_html(
            "<figure><blockquote><p>“{}”</p></blockquote>{}</figure>",
            value.get("quote", ""),
            attribution,
        )
    if kind == "question":
        speaker = sources.people.get(value.get("speaker")) or sources.default_speaker.get(
            (article_id, Role.HOST)
        )
        asks = format_html("<p>{} asks:</p>", speaker.name) if speaker else ""
        return format_html("{}<p><strong>{}</strong></p>", asks, value.get("question", ""))
    if kind == "image":
        return _picture(sources, value)
    if kind == "video" and value.get("url"):
        return format_html(
            '<p><a href="{}">{}</a></p>', value["url"], value.get("caption") or "Watch the video"
        )
    return ""  # "Read also" and anything new: the site's own navigation, not the story


def full_text_html(sources: FullTextSources, article: ArticlePage) -> SafeString:
    """The article's body as one HTML string with absolute addresses."""
    blocks = sources.blocks.get(article.pk, [])
    parts = (_block_html(sources, article.pk, index, block) for index, block in enumerate(blocks))
    return mark_safe("\n".join(part for part in parts if part))
