"""Links to pages inside rich text, expanded for a whole body in one query.

Wagtail's own handler loads the specific pages (two queries) and then asks for the active locale
once per link; an article with thirty links cost thirty-two queries.
"""

from django.conf import settings
from django.utils import translation
from django.utils.html import format_html
from wagtail.models import Page
from wagtail.rich_text.pages import PageLinkHandler as WagtailPageLinkHandler


class PageLinkHandler(WagtailPageLinkHandler):
    @classmethod
    def expand_db_attributes_many(cls, attrs_list: list[dict]) -> list[str]:
        ids = [str(attrs.get("id")) for attrs in attrs_list]
        pages = {
            str(page.pk): page
            for page in Page.objects.filter(id__in=[i for i in ids if i.isdigit()])
            .select_related("locale")
            .only("id", "path", "depth", "url_path", "translation_key", "locale__language_code")
        }
        pages.update(_translations(pages.values()))
        return [format_html('<a href="{}">', pages[i].url) if i in pages else "<a>" for i in ids]


def _translations(pages) -> dict[str, Page]:
    """Like ``page.localized``: each linked page's live translation in the active language."""
    language = translation.get_language()
    if not getattr(settings, "WAGTAIL_I18N_ENABLED", False):
        return {}
    foreign = {p.translation_key: str(p.pk) for p in pages if p.locale.language_code != language}
    if not foreign:
        return {}
    found = Page.objects.filter(
        translation_key__in=foreign, locale__language_code=language, live=True
    ).only("id", "path", "depth", "url_path", "translation_key")
    return {foreign[page.translation_key]: page for page in found}
