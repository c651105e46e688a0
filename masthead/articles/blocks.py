"""The blocks an article body is made of."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from wagtail import blocks
from wagtail.images.blocks import ImageChooserBlock
from wagtail.snippets.blocks import SnippetChooserBlock

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


class ReadAlsoBlock(blocks.StructBlock):
    heading = blocks.CharBlock(default="Read also:", required=False)
    links = blocks.ListBlock(
        blocks.PageChooserBlock(page_type=["articles.ArticlePage", "sections.SectionPage"]),
        min_num=1,
    )

    class Meta:
        icon = "link"
        template = "articles/blocks/read_also.html"
        label = "Read also"


class ArticleBodyBlock(blocks.StreamBlock):
    paragraph = blocks.RichTextBlock(
        features=["bold", "italic", "link", "ol", "ul"], template="articles/blocks/paragraph.html"
    )
    heading = blocks.CharBlock(
        form_classname="title", icon="title", template="articles/blocks/heading.html"
    )
    pull_quote = PullQuoteBlock()
    question = QuestionBlock()
    image = ImageBlock()
    video = VideoBlock()
    read_also = ReadAlsoBlock()
