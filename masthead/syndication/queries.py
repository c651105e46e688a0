"""What the structured data of each page needs, fetched in a fixed number of queries, and the
``<script>`` it goes in. The head of each page (``head.py``) calls these; templates only print
the result."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from django.http import HttpRequest
from django.templatetags.static import static
from django.utils.safestring import SafeString
from wagtail.models import Page

from masthead.caching import keys
from masthead.caching.compiled import CompiledQuery
from masthead.editions.current import CurrentEdition
from masthead.policies.trust import kept_trust_policy_paths

from . import structured_data
from .channels import picture_of
from .icons import LOGO

if TYPE_CHECKING:
    from masthead.articles.models import ArticlePage
    from masthead.articles.queries import ArticleCredits, ShownCorrection
    from masthead.people.models import Person

PORTRAIT_RENDITION = "portrait"


def base_url(request: HttpRequest) -> str:
    """The scheme and host the request came to, e.g. ``https://example.com``."""
    return request.build_absolute_uri("/").removesuffix("/")


def publisher(request: HttpRequest, edition: CurrentEdition) -> structured_data.Publisher:
    """The edition as a news organisation with its Trust Project pages, kept (no query while
    they are current)."""
    base = base_url(request)
    found = kept_trust_policy_paths(edition)
    return structured_data.Publisher(
        name=edition.brand,
        url=base + "/",
        logo_url=base + static(LOGO),
        policies={name: base + path for name, path in found.items()},
    )


# An article's section (its parent page), for its breadcrumbs, compiled once per process.
SECTION = CompiledQuery(
    lambda path: Page.objects.filter(path=path).order_by().values_list("title", "url_path"),
    path="\x00section-path\x00",
)


def article_structured_data(
    request: HttpRequest,
    edition: CurrentEdition,
    article: ArticlePage,
    credits: ArticleCredits,
    tags: Sequence[str] = (),
    corrections: Sequence[ShownCorrection] = (),
) -> SafeString:
    """The article's NewsArticle and breadcrumbs (one query: its section; and its lead
    rendition when Wagtail's rendition cache has not kept it)."""
    base = base_url(request)
    rows = SECTION.fetch(path=article.path[: -Page.steplen])
    section_title, section_url_path = rows[0] if rows else ("", "")
    found = publisher(request, edition)
    keys.declare(keys.edition(edition.site_id))
    article_data = structured_data.news_article(
        article,
        credits,
        edition,
        base_url=base,
        publisher=found,
        section=section_title,
        image=picture_of(request, article.main_image, article.main_image_caption),
        tags=tags,
        corrections=corrections,
    )
    trail = [(edition.brand, found.url)]
    if section_url_path:
        trail.append((section_title, base + edition.relative_url(section_url_path)))
    trail.append((article.title, article_data["url"]))
    return structured_data.json_ld_script([article_data, structured_data.breadcrumbs(trail)])


def person_structured_data(
    request: HttpRequest, person: Person, same_as: Sequence[str] = ()
) -> SafeString:
    """A person's ProfilePage (no query when their portrait's rendition is cached)."""
    return structured_data.json_ld_script(
        structured_data.profile_page(
            person,
            base_url=base_url(request),
            image=picture_of(request, person.photo, person.name, use=PORTRAIT_RENDITION),
            same_as=same_as,
        )
    )


def home_structured_data(request: HttpRequest, edition: CurrentEdition) -> SafeString:
    """The home page's WebSite and organisation (no query while the trust policies are kept)."""
    return structured_data.json_ld_script(
        structured_data.home_page(edition, publisher(request, edition))
    )
