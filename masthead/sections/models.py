"""Sections (News, Politics, War, …): the pages articles are filed under, each listing them."""

from django.db import models
from django.http import HttpRequest
from wagtail.admin.panels import FieldPanel
from wagtail.models import Page
from wagtail.search import index

from masthead.editions.visibility import RoutedPage

from .queries import section_listing


class SectionPage(RoutedPage, Page):
    intro = models.CharField(max_length=300, blank=True, help_text="One line under the name.")

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    search_fields = [*Page.search_fields, index.SearchField("intro")]
    parent_page_types = ["frontpage.FrontPage"]
    subpage_types = ["articles.ArticlePage"]
    page_description = "A section of the site; its articles are filed under it."

    class Meta:
        verbose_name = "section"

    def get_context(self, request: HttpRequest, *args, **kwargs) -> dict:
        context = super().get_context(request, *args, **kwargs)
        context["listing"] = section_listing(request, self)
        return context
