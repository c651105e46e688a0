"""The newsroom's published standards: a page per policy, and which page answers each of the
Trust Project's indicators, per edition."""

from __future__ import annotations

from dataclasses import dataclass

from django.db import models
from django.http import HttpRequest
from wagtail.admin.panels import FieldPanel, MultiFieldPanel, PageChooserPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index

from masthead.editions.site_settings import EditionSettingPermissionPolicy
from masthead.editions.visibility import RoutedPage

from .queries import policy_page_context


class PolicyPage(RoutedPage, Page):
    """A standard the newsroom publishes: its ethics policy, how it corrects errors, who owns
    and funds it … Linked from every page's structured data through ``TrustPolicies``."""

    intro = models.TextField(blank=True, help_text="One or two sentences under the title.")
    body = RichTextField(features=["h2", "h3", "bold", "italic", "link", "ol", "ul"], blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("body")]
    search_fields = [*Page.search_fields, index.SearchField("intro"), index.SearchField("body")]
    parent_page_types = ["frontpage.FrontPage"]
    subpage_types: list[str] = []
    page_description = "A published standard: ethics, corrections, ownership and funding, …"

    class Meta:
        verbose_name = "policy page"

    def get_context(self, request: HttpRequest, *args, **kwargs) -> dict:
        context = super().get_context(request, *args, **kwargs)
        context.update(policy_page_context(request, self))
        return context


@dataclass(frozen=True)
class Indicator:
    """One of the Trust Project's indicators: the field of ``TrustPolicies`` that names its
    page, and the schema.org property of a NewsMediaOrganization that links to it."""

    field: str
    schema_property: str


# The order editors see them in, and the order they are written in structured data.
INDICATORS: tuple[Indicator, ...] = (
    Indicator("publishing_principles", "publishingPrinciples"),
    Indicator("corrections_policy", "correctionsPolicy"),
    Indicator("ethics_policy", "ethicsPolicy"),
    Indicator("masthead_page", "masthead"),
    Indicator("ownership_funding", "ownershipFundingInfo"),
    Indicator("actionable_feedback_policy", "actionableFeedbackPolicy"),
    Indicator("diversity_policy", "diversityPolicy"),
    Indicator("verification_policy", "verificationFactCheckingPolicy"),
    Indicator("unnamed_sources_policy", "unnamedSourcesPolicy"),
    Indicator("no_bylines_policy", "noBylinesPolicy"),
)


def _policy(label: str) -> models.ForeignKey:
    return models.ForeignKey(
        PolicyPage,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=label,
    )


@register_setting(icon="doc-full")
class TrustPolicies(BaseSiteSetting):
    """Which policy page answers each Trust Project indicator on this edition. An indicator left
    empty, or whose page is not live, is left out of the structured data."""

    @classmethod
    def get_permission_policy(cls) -> EditionSettingPermissionPolicy:
        return EditionSettingPermissionPolicy(cls)

    publishing_principles = _policy("Publishing principles")
    corrections_policy = _policy("Corrections policy")
    ethics_policy = _policy("Ethics policy")
    masthead_page = _policy("Masthead (who we are)")
    ownership_funding = _policy("Ownership and funding")
    actionable_feedback_policy = _policy("Actionable feedback")
    diversity_policy = _policy("Diversity policy")
    verification_policy = _policy("Verification and fact-checking")
    unnamed_sources_policy = _policy("Unnamed sources")
    no_bylines_policy = _policy("Stories without bylines")

    panels = [
        MultiFieldPanel(
            [PageChooserPanel(i.field, "policies.PolicyPage") for i in INDICATORS],
            heading="Trust Project indicators",
            help_text="The page that answers each indicator; search engines read these links.",
        )
    ]

    class Meta:
        verbose_name = "trust policies"
        verbose_name_plural = "trust policies"
