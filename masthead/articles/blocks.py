"""The blocks an article body is made of."""

from __future__ import annotations

import copy
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from django.utils.html import format_html
from django.utils.safestring import mark_safe
from wagtail import blocks
from wagtail.images.blocks import ImageChooserBlock
from wagtail.models import Page
from wagtail.rich_text import expand_db_html
from wagtail.snippets.blocks import SnippetChooserBlock

from masthead.caching.compiled import CompiledIdQuery

# People already fetched for the article being rendered, so quotes and questions that name them
# cost no query of their own (see ``queries.article_page_context``).
_known_people: ContextVar[dict | None] = ContextVar("known_people", default=None)


@contextmanager
def people_already_fetched(people: dict) -> Iterator[None]:
    token = _known_people.set(people)
    try:
        yield
    finally:
        _known_people.reset(token)


class PersonChooserBlock(SnippetChooserBlock):
    def __init__(self, **kwargs):
        super().__init__("people.Person", **kwargs)

    def bulk_to_python(self, values):
        values = list(values)
        known = _known_people.get() or {}
        missing = [v for v in values if v is not None and v not in known]
        found = dict(known)
        if missing:
            found.update(self.model_class.objects.in_bulk(missing))
        return [found.get(v) for v in values]


class PullQuoteBlock(blocks.StructBlock):
    quote = blocks.TextBlock(help_text="The words only; quotation marks are added on the page.")
    person = PersonChooserBlock(
        required=False, help_text="Who said it. Left empty, the article's first guest."
    )
    # Set on the quotes a transcript import proposes (masthead/transcripts/drafting.py).
    proposed = blocks.BooleanBlock(
        required=False,
        default=False,
        help_text="Proposed from a transcript: readers do not see it until this is unticked.",
    )

    class Meta:
        icon = "openquote"
        template = "articles/blocks/pull_quote.html"
        label = "Pull quote"


class QuestionBlock(blocks.StructBlock):
    question = blocks.TextBlock()
    speaker = PersonChooserBlock(
        required=False, help_text="Who asks. Left empty, the article's host."
    )

    class Meta:
        icon = "help"
        template = "articles/blocks/question.html"
        label = "Interview question"


class ImageBlock(blocks.StructBlock):
    image = ImageChooserBlock()
    caption = blocks.CharBlock(required=False)
    credit = blocks.CharBlock(required=False)

    class Meta:
        icon = "image"
        template = "articles/blocks/image.html"


class VideoBlock(blocks.StructBlock):
    url = blocks.URLBlock(help_text="A YouTube or Vimeo address.")
    caption = blocks.CharBlock(required=False)

    class Meta:
        icon = "media"
        template = "articles/blocks/video.html"


# The pages a body links to, in one query compiled once per number of links.
_LINKED_PAGES = CompiledIdQuery(lambda ids: Page.objects.filter(id__in=ids))


class LinkedPageBlock(blocks.PageChooserBlock):
    """A page chosen to link to. A body's links are fetched in one query compiled once,
    instead of built by the ORM for every reader."""

    def bulk_to_python(self, values):
        if self.model_class is not Page:
            return super().bulk_to_python(values)
        pages = _LINKED_PAGES.fetch([value for value in values if value is not None])
        by_id = {page.pk: page for page in pages}
        seen: set[int] = set()
        result = []
        for value in values:
            page = by_id.get(value)
            if page is not None and value in seen:
                page = copy.copy(page)  # as Wagtail does: each occurrence its own object
            result.append(page)
            seen.add(value)
        return result


class ReadAlsoBlock(blocks.StructBlock):
    heading = blocks.CharBlock(default="Read also:", required=False)
    links = blocks.ListBlock(
        LinkedPageBlock(page_type=["articles.ArticlePage", "sections.SectionPage"]),
        min_num=1,
    )

    class Meta:
        icon = "link"
        template = "articles/blocks/read_also.html"
        label = "Read also"


class HeadingBlock(blocks.CharBlock):
    # Paragraphs and headings are most of a body; rendering them in Python rather than through a
    # template each saves most of the body's rendering time.
    def render_basic(self, value, context=None):
        return format_html("<h2>{}</h2>", value)

    class Meta:
        icon = "title"
        form_classname = "title"


class ParagraphBlock(blocks.RichTextBlock):
    """Rich text. Its internal links are expanded for the whole body at once (see
    ``expand_paragraphs``); one rendered alone expands its own."""

    def render_basic(self, value, context=None):
        expanded = getattr(value, "expanded_html", None)
        return mark_safe(expanded if expanded is not None else expand_db_html(value.source))


PARAGRAPH_BREAK = "<!--masthead:paragraph-->"


def expand_paragraphs(paragraphs: list) -> None:
    """Expand the internal links of many paragraphs in one pass, so a body full of links to
    pages and documents costs one query per kind of link rather than one per paragraph."""
    sources = [value.source for value in paragraphs]
    if not sources or any(PARAGRAPH_BREAK in source for source in sources):
        return
    expanded = expand_db_html(PARAGRAPH_BREAK.join(sources)).split(PARAGRAPH_BREAK)
    if len(expanded) == len(paragraphs):
        for value, html in zip(paragraphs, expanded, strict=True):
            value.expanded_html = html


class ArticleBodyBlock(blocks.StreamBlock):
    paragraph = ParagraphBlock(features=["bold", "italic", "link", "ol", "ul"])
    heading = HeadingBlock()
    pull_quote = PullQuoteBlock()
    question = QuestionBlock()
    image = ImageBlock()
    video = VideoBlock()
    read_also = ReadAlsoBlock()
