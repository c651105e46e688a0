"""Structured data (schema.org JSON-LD) for search engines and link previews: pure functions
over what a page has already fetched, and ``json_ld_script`` to put it in a page safely.

- An article is a NewsArticle, OpinionNewsArticle or AnalysisNewsArticle by its kind. News
  items are NewsArticle: ReportageNewsArticle would claim the newsroom's own reporting, which an
  article does not record (a news item may be rewritten from the wires). An interview is a
  NewsArticle that names its guests in ``about`` and ``mentions``.
- Its authors are Persons with their page and the credentials they held in that appearance as
  ``jobTitle``; with no author, the edition itself is the author.
- The publisher is a NewsMediaOrganization with its logo and the Trust Project's indicators as
  links to the policy pages the editors chose (``masthead.policies``).
- Also: a BreadcrumbList (home → section → article), a ProfilePage for a person, and WebSite
  with the organisation for the home page.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.urls import reverse
from django.utils.safestring import SafeString, mark_safe

from masthead.articles.dateline import dateline
from masthead.articles.models import ArticleKind
from masthead.editions.current import CurrentEdition

from .channels import Picture
from .icons import LOGO_SIZE

if TYPE_CHECKING:
    from masthead.articles.models import ArticlePage
    from masthead.articles.queries import ArticleCredits, Credit, ShownCorrection
    from masthead.people.models import Person

CONTEXT = "https://schema.org"

ARTICLE_TYPES: dict[str, str] = {
    ArticleKind.NEWS: "NewsArticle",
    ArticleKind.INTERVIEW: "NewsArticle",
    ArticleKind.OPINION: "OpinionNewsArticle",
    ArticleKind.ANALYSIS: "AnalysisNewsArticle",
}


@dataclass(frozen=True)
class Publisher:
    """The edition as a news organisation: all its addresses absolute."""

    name: str
    url: str  # the home page
    logo_url: str
    policies: Mapping[str, str] = field(default_factory=dict)  # schema.org property → URL
    same_as: Sequence[str] = ()

    @property
    def id(self) -> str:
        return f"{self.url}#publisher"


def article_schema_type(kind: str) -> str:
    """The schema.org type of an article of ``kind``."""
    return ARTICLE_TYPES.get(kind, "NewsArticle")


def organization(publisher: Publisher) -> dict[str, Any]:
    """The NewsMediaOrganization with its logo and Trust Project indicators."""
    data: dict[str, Any] = {
        "@type": "NewsMediaOrganization",
        "@id": publisher.id,
        "name": publisher.name,
        "url": publisher.url,
        "logo": {
            "@type": "ImageObject",
            "url": publisher.logo_url,
            "width": LOGO_SIZE,
            "height": LOGO_SIZE,
        },
    }
    data.update(publisher.policies)
    if publisher.same_as:
        data["sameAs"] = list(publisher.same_as)
    return data


def _person(person: Person, base_url: str, job_title: str = "") -> dict[str, Any]:
    data: dict[str, Any] = {
        "@type": "Person",
        "name": person.name,
        "url": base_url + reverse("person", kwargs={"slug": person.slug}),
    }
    if job_title:
        data["jobTitle"] = job_title
    return data


def _credited(credits: Sequence[Credit], base_url: str) -> list[dict[str, Any]]:
    # The credentials held in this appearance, not the person's present description.
    return [_person(credit.person, base_url, credit.credentials) for credit in credits]


def image_object(picture: Picture) -> dict[str, Any]:
    data: dict[str, Any] = {
        "@type": "ImageObject",
        "url": picture.url,
        "width": picture.width,
        "height": picture.height,
        "encodingFormat": picture.mime_type,
    }
    if picture.caption:
        data["caption"] = picture.caption
    return data


def news_article(
    article: ArticlePage,
    credits: ArticleCredits,
    edition: CurrentEdition,
    *,
    base_url: str,
    publisher: Publisher,
    section: str = "",
    image: Picture | None = None,
    tags: Sequence[str] = (),
    corrections: Sequence[ShownCorrection] = (),
) -> dict[str, Any]:
    """The article as a NewsArticle (or the subtype its kind calls for). ``base_url`` is the
    scheme and host (``https://example.com``); ``section`` the title of its section."""
    url = base_url + edition.relative_url(article.url_path)
    published = article.published_at.astimezone(edition.time_zone)
    modified = max(article.published_at, article.updated_at or article.published_at)
    data: dict[str, Any] = {
        "@context": CONTEXT,
        "@type": article_schema_type(article.kind),
        "@id": f"{url}#article",
        "url": url,
        "mainEntityOfPage": {"@type": "WebPage", "@id": url},
        "headline": article.title,
        "datePublished": published.isoformat(),
        "dateModified": modified.astimezone(edition.time_zone).isoformat(),
        "dateline": dateline(article.published_at, edition.time_zone, edition.language_code),
        "inLanguage": edition.language_code,
        "author": _credited(credits.authors, base_url) or [organization(publisher)],
        "publisher": organization(publisher),
    }
    if article.lead:
        data["description"] = article.lead
    if image is not None:
        data["image"] = [image_object(image)]
    if section:
        data["articleSection"] = section
    if tags:
        data["keywords"] = list(tags)
    if article.kind == ArticleKind.INTERVIEW and credits.guests:
        guests = _credited(credits.guests, base_url)
        data["about"] = guests
        data["mentions"] = guests
    for credited, schema_property in (
        (credits.translators, "translator"),
        (credits.editors, "editor"),
        (credits.media, "contributor"),
    ):
        if credited:
            data[schema_property] = _credited(credited, base_url)
    if corrections:
        data["correction"] = [
            {
                "@type": "CorrectionComment",
                "text": correction.text,
                "datePublished": correction.noted_at.astimezone(edition.time_zone).isoformat(),
            }
            for correction in corrections
        ]
    return data


def breadcrumbs(trail: Sequence[tuple[str, str]]) -> dict[str, Any]:
    """A BreadcrumbList of (name, absolute URL) from the home page to the page itself."""
    return {
        "@context": CONTEXT,
        "@type": "BreadcrumbList",
        "itemListElement": [
            {"@type": "ListItem", "position": position, "name": name, "item": url}
            for position, (name, url) in enumerate(trail, start=1)
        ],
    }


def profile_page(
    person: Person,
    *,
    base_url: str,
    image: Picture | None = None,
    same_as: Sequence[str] = (),
) -> dict[str, Any]:
    """A person's page: a ProfilePage whose main entity is the Person, with the profiles
    elsewhere that are known to be theirs in ``sameAs``."""
    url = base_url + reverse("person", kwargs={"slug": person.slug})
    someone = _person(person, base_url, person.description)
    if person.bio:
        someone["description"] = person.bio
    if image is not None:
        someone["image"] = image_object(image)
    if same_as:
        someone["sameAs"] = list(same_as)
    return {"@context": CONTEXT, "@type": "ProfilePage", "url": url, "mainEntity": someone}


def home_page(edition: CurrentEdition, publisher: Publisher) -> list[dict[str, Any]]:
    """The home page: the WebSite, published by the organisation."""
    website: dict[str, Any] = {
        "@context": CONTEXT,
        "@type": "WebSite",
        "@id": f"{publisher.url}#website",
        "name": edition.brand,
        "url": publisher.url,
        "inLanguage": edition.language_code,
        "publisher": {"@id": publisher.id},
    }
    if edition.tagline:
        website["description"] = edition.tagline
    return [website, {"@context": CONTEXT, **organization(publisher)}]


# Characters that could end the script element or start markup inside it, and the two line
# separators JavaScript once refused in strings: written as JSON escapes, which mean the same.
_SCRIPT_SAFE = str.maketrans(
    {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"}
)


def json_ld_script(data: Mapping[str, Any] | Sequence[Mapping[str, Any]]) -> SafeString:
    """``data`` in a ``<script type="application/ld+json">``, safe inside HTML whatever its text
    holds (``</script>``, ``<!--``, U+2028 …)."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":")).translate(_SCRIPT_SAFE)
    return mark_safe(f'<script type="application/ld+json">{text}</script>')
