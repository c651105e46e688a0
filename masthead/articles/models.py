"""Articles: news items, interviews, opinion columns and analyses, and who appears in them."""

from django.db import models
from django.utils import timezone
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from masthead.editions.visibility import RoutedPage

from .appearances import Appearance, Role
from .blocks import ArticleBodyBlock
from .queries import article_html

# Appearance and Role live in their own module; they are re-exported here, where the rest of the
# project looks for an article's models.
__all__ = ["Appearance", "ArticleKind", "ArticlePage", "ArticleTag", "Role"]


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
    published_at = models.DateTimeField(
        default=timezone.now, help_text="Shown in the dateline and orders the news feed."
    )
    updated_at = models.DateTimeField(
        null=True, blank=True, help_text="Set when the story is substantially updated."
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
        FieldPanel("title", heading="Headline"),
        FieldPanel("lead"),
        MultiFieldPanel(
            [FieldPanel("kind"), FieldPanel("published_at"), FieldPanel("updated_at")],
            heading="Kind and dates",
        ),
        InlinePanel("appearances", heading="People", label="Person"),
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

    @property
    def headline(self) -> str:
        return self.title

    def get_context(self, request, *args, **kwargs) -> dict:
        context = super().get_context(request, *args, **kwargs)
        context["article_html"] = article_html(request, self)
        return context
