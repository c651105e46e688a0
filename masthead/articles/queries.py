"""Everything an article page shows, fetched in a fixed number of queries."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.http import HttpRequest
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe
from taggit.models import Tag

from masthead.caching import keys
from masthead.caching.compiled import CompiledQuery
from masthead.caching.fragments import cached_fragment
from masthead.editions.current import CurrentEdition, edition_for_request
from masthead.people.models import Person

from .appearances import Appearance, Role
from .blocks import expand_paragraphs, people_already_fetched
from .dateline import dateline

if TYPE_CHECKING:
    from .models import ArticlePage


@dataclass(frozen=True)
class Credit:
    person: Person
    role: str
    credentials: str


@dataclass(frozen=True)
class ArticleCredits:
    authors: list[Credit]
    hosts: list[Credit]
    guests: list[Credit]

    @property
    def host(self) -> Person | None:
        return self.hosts[0].person if self.hosts else None

    @property
    def guest(self) -> Person | None:
        return self.guests[0].person if self.guests else None


# Stand-in for the article's id in the compiled queries below.
_ARTICLE = -918_273_645

CREDITS = CompiledQuery(
    lambda article_id: (
        Appearance.objects.filter(article_id=article_id)
        .select_related("person", "person__photo")
        .order_by("sort_order", "id")
    ),
    article_id=_ARTICLE,
)
TAGS = CompiledQuery(
    lambda article_id: Tag.objects.filter(
        articles_articletag_items__content_object_id=article_id
    ).order_by("name"),
    article_id=_ARTICLE,
)


def article_credits(article: ArticlePage) -> ArticleCredits:
    """Authors, hosts and guests in their editorial order (one query)."""
    rows = CREDITS.fetch(article_id=article.pk)
    by_role: dict[str, list[Credit]] = {Role.AUTHOR: [], Role.HOST: [], Role.GUEST: []}
    for row in rows:
        by_role[row.role].append(Credit(row.person, row.role, row.credentials))
    return ArticleCredits(by_role[Role.AUTHOR], by_role[Role.HOST], by_role[Role.GUEST])


def load_body(article: ArticlePage, people: dict[int, Person]) -> list:
    """The body's blocks, with people named in quotes and questions taken from ``people``
    rather than fetched again; one query per other kind of chosen object (pages, images)."""
    with people_already_fetched(people):
        blocks = list(article.body)
    expand_paragraphs([block.value for block in blocks if block.block_type == "paragraph"])
    return blocks


def article_page_context(request: HttpRequest, article: ArticlePage) -> dict:
    edition: CurrentEdition | None = edition_for_request(request)
    credits = article_credits(article)
    people = {c.person.pk: c.person for c in credits.authors + credits.hosts + credits.guests}
    context = {
        "credits": credits,
        "body_blocks": load_body(article, people),
        "tags": TAGS.fetch(article_id=article.pk),
    }
    if edition is not None:
        context["dateline"] = dateline(
            article.published_at, edition.time_zone, edition.language_code
        )
        if article.updated_at:
            context["updated_line"] = dateline(
                article.updated_at, edition.time_zone, edition.language_code
            )
    return context


PAGE_PARTS = "page-part"


def rendered_page_part(
    request: HttpRequest, page, template: str, context: Callable[[], dict]
) -> str:
    """``template`` rendered for a published page, kept once per published revision until the
    page's key goes stale (``masthead/serving/invalidation.py`` emits it when anything the page
    shows changes); previews always render the draft afresh."""

    def build() -> str:
        return render_to_string(template, context(), request=request)

    edition = edition_for_request(request)
    if edition is None or getattr(request, "is_preview", False):
        return mark_safe(build())
    variant = f"{template}:{page.pk}:{page.live_revision_id}"
    page_key = keys.page(page._meta.label_lower, page.pk)
    return mark_safe(cached_fragment(PAGE_PARTS, edition, build, (page_key,), variant))


def article_html(request: HttpRequest, article: ArticlePage) -> str:
    """The rendered article, headline to credits."""
    return rendered_page_part(
        request,
        article,
        "articles/includes/article.html",
        lambda: {"page": article, **article_page_context(request, article)},
    )
