"""The sections menu shown on every page."""

from django.utils.html import format_html_join
from django.utils.safestring import SafeString, mark_safe

from masthead.caching import keys
from masthead.caching.compiled import CompiledQuery
from masthead.caching.fragments import cached_fragment
from masthead.editions.current import CurrentEdition

from .models import SectionPage

FRAGMENT = "sections-menu"

MENU_SECTIONS = CompiledQuery(
    lambda root: (
        SectionPage.objects.live()
        .filter(url_path__startswith=root, show_in_menus=True)
        .order_by("path")
        .values_list("title", "url_path")
    ),
    root="\x00root\x00",
)


def sections_menu_html(edition: CurrentEdition) -> SafeString:
    """The menu's items: live sections of the edition marked "show in menus", in page-tree
    order, as ``<li>`` links (kept as HTML, so a page only pastes them in)."""

    def build() -> str:
        rows = MENU_SECTIONS.fetch(root=edition.root_path())
        links = ((edition.relative_url(url_path), title) for title, url_path in rows)
        return format_html_join("", '<li><a href="{}">{}</a></li>', links)

    return mark_safe(
        cached_fragment(FRAGMENT, edition, build, (keys.menu(edition.site_id),), everywhere=True)
    )
