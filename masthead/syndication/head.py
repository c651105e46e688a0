"""What the head of every reader page tells machines about it: its canonical address, its
preview for link sharing (Open Graph and Twitter card), its translations (hreflang), the feeds
that follow it, and its structured data.

Templates reach it as ``head`` (``context_processors.py``) and only print what it gives. What
reads the database is kept: the structured data as shared values (``masthead.caching.fragments``)
or inside the rendered article, the pictures in Wagtail's rendition cache. Only a page's
translations are read for every response, and only on an edition that has any.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING
from urllib.parse import urlencode

from django.conf import settings
from django.http import HttpRequest
from django.templatetags.static import static
from django.urls import reverse
from django.utils.html import format_html_join
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import to_locale
from wagtail.models import Page

from masthead.caching.fragments import cached_fragment
from masthead.editions.current import CurrentEdition, all_editions, edition_for_request
from masthead.editions.visibility import under_view_restriction

from . import queries, structured_data
from .channels import Picture, picture_of
from .icons import LOGO, LOGO_SIZE

if TYPE_CHECKING:
    from taggit.models import Tag
    from wagtail.images.models import AbstractImage

    from masthead.articles.models import ArticlePage
    from masthead.articles.queries import ArticleCredits, ShownCorrection
    from masthead.people.models import Person

# The listing's cursors: a deeper page of a listing is a page of its own, so its canonical
# address keeps them; every other parameter (campaign tags, ``?full=1`` …) is dropped.
CURSORS = ("before", "after")
FEEDS = (
    ("feed_rss", "RSS", "application/rss+xml"),
    ("feed_atom", "Atom", "application/atom+xml"),
    ("feed_json", "JSON Feed", "application/feed+json"),
)
# Each page family's feeds: its URL names, by the family's part of the address.
FAMILY_FEEDS = ("rss", "RSS", "application/rss+xml"), ("atom", "Atom", "application/atom+xml")
FAMILIES = ("sections", "tags", "people", "programmes")
HOME_STRUCTURED_DATA = "home-structured-data"


@dataclass(frozen=True)
class Preview:
    """What a shared link shows of the page: its picture, and the Twitter card to show it in
    (the large one for a page's own landscape picture, the summary beside the logo)."""

    picture: Picture
    twitter_card: str


@dataclass(frozen=True)
class Alternate:
    """A translation of the page: its language (BCP 47, or ``x-default``) and absolute URL."""

    hreflang: str
    href: str


class PageHead:
    """The machine-readable parts of one request's page."""

    def __init__(self, request: HttpRequest):
        self.request = request

    @cached_property
    def edition(self) -> CurrentEdition | None:
        return edition_for_request(self.request)

    @cached_property
    def base_url(self) -> str:
        return queries.base_url(self.request)

    @cached_property
    def canonical_url(self) -> str:
        """The page's absolute address with no query but a listing's cursor."""
        kept = [(name, self.request.GET[name]) for name in CURSORS if name in self.request.GET]
        query = f"?{urlencode(kept)}" if kept else ""
        return self.request.build_absolute_uri(self.request.path) + query

    @cached_property
    def og_locale(self) -> str:
        """The edition's language as Open Graph writes it (``en``, ``uk_UA``)."""
        return to_locale(self.edition.language_code if self.edition else settings.LANGUAGE_CODE)

    # --- The preview of a shared link ----------------------------------------------------------

    def preview(
        self, image: AbstractImage | None = None, use: str = "lead", alt: str = ""
    ) -> Preview:
        """The preview of a shared link: the rendition ``use`` of ``image`` (no query while
        Wagtail's rendition cache keeps it), else the edition's logo."""
        found = picture_of(self.request, image, alt, use=use) if image is not None else None
        if found is not None:
            wide = found.width > found.height
            return Preview(found, "summary_large_image" if wide else "summary")
        brand = self.edition.brand if self.edition else ""
        logo = Picture(self.base_url + static(LOGO), LOGO_SIZE, LOGO_SIZE, "image/png", brand)
        return Preview(logo, "summary")

    # --- Links to other versions of the page ---------------------------------------------------

    def feed_links(self, family: str = "", slug: str = "", name: str = "") -> SafeString:
        """``<link rel="alternate">``, each on a line of its own, to the edition's feeds, or
        with ``family`` (``sections``, ``tags``, ``people``, ``programmes``) to the feeds of the
        page ``slug`` called ``name``."""
        brand = self.edition.brand if self.edition else ""
        if family:
            if family not in FAMILIES:
                raise ValueError(f"no feeds for {family!r}")
            links = [
                (kind, f"{name} — {brand} ({label})", reverse(f"feed_{family}_{fmt}", args=[slug]))
                for fmt, label, kind in FAMILY_FEEDS
            ]
        else:
            links = [(kind, f"{brand} ({label})", reverse(url)) for url, label, kind in FEEDS]
        return format_html_join(
            "", '\n<link rel="alternate" type="{}" title="{}" href="{}">', links
        )

    def alternate_links(self, page: Page | None = None) -> SafeString:
        """``<link rel="alternate" hreflang>``, each on a line of its own, to the page's live,
        public translations, itself included, and ``x-default``; none without translations."""
        alternates = self.alternates(page)
        return format_html_join(
            "",
            '\n<link rel="alternate" hreflang="{}" href="{}">',
            ((alternate.hreflang, alternate.href) for alternate in alternates),
        )

    def alternates(self, page: Page | None) -> list[Alternate]:
        """The page's translations as ``alternate_links`` writes them, at the addresses Wagtail
        gives them (one query; none on an edition whose home page has no live translation, as
        then none of its pages has one)."""
        edition = self.edition
        if page is None or edition is None or len(edition.root_paths) < 2:
            return []
        rows = (
            Page.objects.filter(translation_key=page.translation_key, live=True)
            .exclude(under_view_restriction())
            .values_list("pk", "locale__language_code", "url_path")
        )
        found = []
        for pk, language, url_path in rows:
            if pk == page.pk:
                found.append(Alternate(language, self.canonical_url))
            elif (href := self._url_of(url_path)) is not None:
                found.append(Alternate(language, href))
        if len(found) < 2:
            return []
        found.sort(key=lambda alternate: alternate.hreflang)
        default = next((a for a in found if a.hreflang == settings.LANGUAGE_CODE), None)
        return [*found, Alternate("x-default", default.href)] if default else found

    def _url_of(self, url_path: str) -> str | None:
        """A page's absolute URL as Wagtail's ``get_full_url`` makes it: on this edition when it
        is under one of its home pages (in any language), else on the edition it is under;
        None outside every edition."""
        for edition in [self.edition, *all_editions()]:  # this edition first, as Wagtail does
            if any(url_path.startswith(root) for root in edition.root_paths.values()):
                base = self.base_url if edition == self.edition else edition.as_site().root_url
                return base + edition.relative_url(url_path)
        return None

    # --- Structured data (schema.org JSON-LD) -------------------------------------------------

    def home_json_ld(self) -> SafeString:
        """The home page's WebSite and organisation, kept per edition and address (one query
        when built). The trust policies it links to are the edition's own: a change to them
        makes every value of the edition stale (the invalidation map emits the edition's key)."""
        edition = self.edition
        if edition is None:
            return mark_safe("")

        def build() -> str:
            return queries.home_structured_data(self.request, edition)

        return mark_safe(cached_fragment(HOME_STRUCTURED_DATA, edition, build, (), self.base_url))

    def section_json_ld(self, page: Page) -> SafeString:
        """A section's breadcrumbs: the home page, then the section (no query)."""
        if self.edition is None:
            return mark_safe("")
        trail = [
            (self.edition.brand, self.base_url + "/"),
            (page.title, self.base_url + self.edition.relative_url(page.url_path)),
        ]
        return structured_data.json_ld_script(structured_data.breadcrumbs(trail))

    def article_json_ld(
        self,
        page: ArticlePage,
        credits: ArticleCredits,
        tags: Iterable[Tag] = (),
        corrections: Iterable[ShownCorrection] = (),
    ) -> SafeString:
        """The article's NewsArticle (or the type its kind calls for) and breadcrumbs (one query:
        its section with the trust policies). Printed inside the rendered article, it is kept
        with it."""
        if self.edition is None:
            return mark_safe("")
        names = [tag.name for tag in tags]
        return queries.article_structured_data(
            self.request, self.edition, page, credits, names, list(corrections)
        )

    def person_json_ld(self, person: Person) -> SafeString:
        """A person's ProfilePage, with their profiles elsewhere (no query while their
        portrait's rendition is cached)."""
        return queries.person_structured_data(self.request, person, person.same_as)
