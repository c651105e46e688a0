"""Links to pages inside rich text, expanded for a whole body in one query (two when a linked
page has a translation in the reader's language).

Wagtail's own handler loads the specific pages (two queries) and then asks for the active locale
once per link; an article with thirty links cost thirty-two queries. Ours reads base pages only,
which gives the same links while no page type changes how its URL is made
(``page_urls_are_exact``); when one does, Wagtail's own handler expands the links.
"""

from __future__ import annotations

import inspect
from collections.abc import Iterable
from functools import cache

from django.conf import settings
from django.utils import translation
from django.utils.html import format_html
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Page, get_page_models
from wagtail.rich_text.pages import PageLinkHandler as WagtailPageLinkHandler

# What Wagtail's handler calls on each linked (specific) page: ``page.localized.url``, and what
# that calls in turn in Wagtail 8.0 (the two private ones are Page's site-root-path lookups).
# Page types that keep Page's own versions of all of these get the same URL from a base page.
URL_ATTRIBUTES = (
    "localized",
    "localized_draft",
    "url",
    "get_url",
    "get_url_parts",
    "_get_relevant_site_root_paths",
    "_get_site_root_paths",
)


@cache
def page_urls_are_exact() -> bool:
    """True while no page type overrides how Wagtail makes a page's URL, the only case in which
    a base page's URL and the specific page's could differ (compare
    ``serving.routing.fast_routing_is_exact``)."""
    return all(
        inspect.getattr_static(model, name, None) is inspect.getattr_static(Page, name, None)
        for model in get_page_models()
        for name in URL_ATTRIBUTES
    )


class PageLinkHandler(WagtailPageLinkHandler):
    @classmethod
    def expand_db_attributes_many(cls, attrs_list: list[dict]) -> list[str]:
        if not page_urls_are_exact():
            return super().expand_db_attributes_many(attrs_list)
        ids = [str(attrs.get("id")) for attrs in attrs_list]
        pages = {
            str(page.pk): page
            for page in Page.objects.filter(id__in=[i for i in ids if i.isdigit()])
            .select_related("locale")
            .only("id", "path", "depth", "url_path", "translation_key", "locale__language_code")
        }
        pages.update(_translations(pages.values()))
        return [format_html('<a href="{}">', pages[i].url) if i in pages else "<a>" for i in ids]


def _active_language() -> str:
    """The language of Wagtail's ``Locale.get_active()``, found without its query."""
    try:
        return get_supported_content_language_variant(translation.get_language())
    except LookupError:
        return get_supported_content_language_variant(settings.LANGUAGE_CODE)


def _translations(pages: Iterable[Page]) -> dict[str, Page]:
    """Like ``page.localized``: each linked page's live translation in the active language."""
    if not getattr(settings, "WAGTAIL_I18N_ENABLED", False):
        return {}
    language = _active_language()
    foreign = {p.translation_key: str(p.pk) for p in pages if p.locale.language_code != language}
    if not foreign:
        return {}
    found = Page.objects.filter(
        translation_key__in=foreign, locale__language_code=language, live=True
    ).only("id", "path", "depth", "url_path", "translation_key")
    return {foreign[page.translation_key]: page for page in found}
