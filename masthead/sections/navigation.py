"""The sections menu shown on every page."""

from dataclasses import dataclass

from masthead.caching.fragments import cached_fragment
from masthead.editions.current import CurrentEdition

from .models import SectionPage

FRAGMENT = "sections-menu"


@dataclass(frozen=True)
class SectionLink:
    title: str
    url: str


def section_links(edition: CurrentEdition) -> list[SectionLink]:
    """Live sections of the edition marked "show in menus", in page-tree order."""

    def build() -> list[SectionLink]:
        rows = (
            SectionPage.objects.live()
            .filter(url_path__startswith=edition.root_path(), show_in_menus=True)
            .order_by("path")
            .values_list("title", "url_path")
        )
        return [SectionLink(title, edition.relative_url(url_path)) for title, url_path in rows]

    return cached_fragment(FRAGMENT, edition, build)
