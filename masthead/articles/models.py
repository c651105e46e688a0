"""Articles: news items, interviews, opinion columns and analyses, and who appears in them."""

import functools
import operator

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from taggit.models import TaggedItemBase
from wagtail.admin.panels import (
    FieldPanel,
    InlinePanel,
    MultiFieldPanel,
    ObjectList,
    TabbedInterface,
    TitleFieldPanel,
)
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from masthead.editions.visibility import RoutedPage

from .appearances import Appearance, Role
from .blocks import ArticleBodyBlock
from .corrections import Correction
from .queries import MARKING_MODELS, article_html

# Appearance, Role and Correction live in their own modules; they are re-exported here, where the
# rest of the project (and Django's model registry) looks for an article's models.
__all__ = ["Appearance", "ArticleKind", "ArticlePage", "ArticleTag", "Correction", "Role"]

# The headline is the page's title, whose column holds 255 characters; the form says so, counts
# as the editor types and refuses more (masthead/editing/forms.py), rather than cutting it.
HEADLINE_MAX_LENGTH = 255


class ArticleKind(models.TextChoices):
    NEWS = "news", "News item"
    INTERVIEW = "interview", "Interview"
    OPINION = "opinion", "Opinion / column"
    ANALYSIS = "analysis", "Analysis"


class ArticleTag(TaggedItemBase):
    content_object = ParentalKey(
        "articles.ArticlePage", on_delete=models.CASCADE, related_name="tagged_items"
    )


class ArticlePage(RoutedPage, Page):
    """An article; its headline is the page title and its section is the page it is filed under."""

    kind = models.CharField(max_length=16, choices=ArticleKind.choices, default=ArticleKind.NEWS)
    lead = models.TextField(
        blank=True, help_text="The standfirst under the headline. News items may have none."
    )
    # Empty on a draft that was never published; set when the article first goes live (see
    # save()), so a live article always has one: the feeds and listings order by it.
    published_at = models.DateTimeField(
        null=True,
        blank=True,
        help_text="Shown in the dateline; orders the news feed. Leave it empty and it is set "
        "to the moment the article is first published (or goes live, if scheduled). "
        "Set it only to date a story yourself, e.g. one filed earlier.",
    )
    updated_at = models.DateTimeField(
        "substantive update",
        null=True,
        blank=True,
        help_text="Set it to the time of a substantive update (new facts, a changed "
        "conclusion): readers see “Updated” with this time by the dateline. Leave it as it "
        "is for small fixes; a factual error also needs a note on the Corrections tab.",
    )
    programme = models.ForeignKey(
        "programmes.Programme",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="articles",
        help_text="The TV programme this article comes from.",
    )
    main_image = models.ForeignKey(
        "wagtailimages.Image", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    main_image_caption = models.CharField(max_length=300, blank=True)
    main_image_credit = models.CharField(max_length=160, blank=True)
    video_url = models.URLField(
        blank=True, help_text="A YouTube or Vimeo address of the broadcast."
    )
    body = StreamField(ArticleBodyBlock(), blank=True)
    tags = ClusterTaggableManager(through=ArticleTag, blank=True)

    content_panels = [
        TitleFieldPanel(
            "title",
            heading="Headline",
            placeholder="Headline*",
            help_text=f"Up to {HEADLINE_MAX_LENGTH} characters. The slug (Promote tab) is made "
            "from it until the article is first published.",
        ),
        FieldPanel("lead"),
        MultiFieldPanel(
            [FieldPanel("kind"), FieldPanel("published_at"), FieldPanel("updated_at")],
            heading="Kind and dates",
        ),
        InlinePanel(
            "appearances",
            heading="People",
            label="Person",
            help_text="Everyone credited, each in a role. One person may have several roles, "
            "e.g. reported by and translated by.",
        ),
        FieldPanel("programme"),
        MultiFieldPanel(
            [
                FieldPanel("main_image"),
                FieldPanel("main_image_caption"),
                FieldPanel("main_image_credit"),
                FieldPanel("video_url"),
            ],
            heading="Media",
        ),
        FieldPanel("body"),
        FieldPanel("tags"),
    ]
    corrections_panels = [
        InlinePanel(
            "corrections",
            heading="Corrections",
            label="Correction",
            help_text="A note readers see at the foot of the article, with its time, when the "
            "article got something wrong. Add one for each correction; the article's history "
            "keeps every version.",
        ),
    ]
    edit_handler = TabbedInterface(
        [
            ObjectList(content_panels, heading="Content"),
            ObjectList(corrections_panels, heading="Corrections"),
            ObjectList(Page.promote_panels, heading="Promote"),
            ObjectList(Page.settings_panels, heading="Settings"),
        ]
    )
    search_fields = [
        *Page.search_fields,
        index.SearchField("lead"),
        index.SearchField("body"),
        index.FilterField("kind"),
        index.FilterField("published_at"),
    ]
    parent_page_types = ["sections.SectionPage"]
    subpage_types: list[str] = []
    page_description = "A news item, interview, opinion column or analysis."

    class Meta:
        verbose_name = "article"
        indexes = [models.Index(fields=["-published_at", "-page_ptr"], name="article_latest")]

    # Fetched with the page in the one routing query (see masthead.serving.routing).
    route_select_related = ["programme", "main_image"]

    @staticmethod
    def route_annotations() -> dict[str, models.Expression]:
        # Most articles have no corrections: knowing it from the routing query spares the
        # article's render a query (masthead/articles/queries.py).
        found: dict[str, models.Expression] = {
            "has_corrections": models.Exists(
                Correction.objects.filter(article_id=models.OuterRef("pk"))
            )
        }
        # Likewise whether another app marks its text (forecasts; see queries.TEXT_MARKS).
        marked = [
            models.Exists(model.objects.filter(article_id=models.OuterRef("pk")))
            for model in MARKING_MODELS
        ]
        if marked:
            found["has_marks"] = functools.reduce(operator.or_, marked)
        return found

    @property
    def headline(self) -> str:
        return self.title

    def clean(self) -> None:
        super().clean()
        if self.updated_at and self.published_at and self.updated_at < self.published_at:
            raise ValidationError(
                {"updated_at": "A substantive update comes after the publication time."}
            )

    def save(self, *args, **kwargs):
        # Publishing sets ``live`` (and ``first_published_at``) before it saves: an article that
        # goes live without a publication time of the editor's gets that moment.
        if self.live and self.published_at is None:
            self.published_at = self.first_published_at or timezone.now()
            update_fields = kwargs.get("update_fields")
            if update_fields is not None:
                kwargs["update_fields"] = {*update_fields, "published_at"}
        return super().save(*args, **kwargs)

    def with_content_json(self, content):
        # A revision saved before the first publish holds no publication time; the one the
        # article got when it went live stands (else every later publish would move it).
        article = super().with_content_json(content)
        if article.published_at is None:
            article.published_at = self.published_at
        return article

    def serve_preview(self, request, mode_name):
        # A draft never published is previewed with the time it would get if published now.
        if self.published_at is None:
            self.published_at = timezone.now()
        return super().serve_preview(request, mode_name)

    def get_context(self, request, *args, **kwargs) -> dict:
        context = super().get_context(request, *args, **kwargs)
        context["article_html"] = article_html(request, self)
        return context
