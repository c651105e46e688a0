"""The edition's home page: the editors' top stories beside the latest-news feed."""

from django.db import models
from django.http import HttpRequest
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel
from wagtail.models import Orderable, Page

from masthead.editions.visibility import RoutedPage

from .queries import top_stories_html


class FrontPage(RoutedPage, Page):
    content_panels = [*Page.content_panels, InlinePanel("top_stories", label="Top story")]
    parent_page_types = ["wagtailcore.Page"]
    subpage_types = ["sections.SectionPage", "policies.PolicyPage"]
    page_description = "The home page of an edition."

    class Meta:
        verbose_name = "front page"

    def get_context(self, request: HttpRequest, *args, **kwargs) -> dict:
        context = super().get_context(request, *args, **kwargs)
        context["top_stories_html"] = top_stories_html(request, self)
        return context


class TopStory(Orderable):
    """An article the editors put on the front page, in their order."""

    page = ParentalKey(FrontPage, on_delete=models.CASCADE, related_name="top_stories")
    article = models.ForeignKey(
        "articles.ArticlePage", on_delete=models.CASCADE, related_name="top_story_placements"
    )

    panels = [FieldPanel("article")]
