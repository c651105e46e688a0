"""Which edition answers a request, resolved without touching the database.

Wagtail looks the site up with a query on every request; an outlet has a handful of sites that
change a few times a year, so we keep a snapshot of all of them in the shared cache and drop it
whenever a site, an edition setting or a home page changes (see ``signals.py``).
"""

from __future__ import annotations

import zoneinfo
from dataclasses import dataclass, field
from functools import cached_property

from django.conf import settings
from django.core.exceptions import DisallowedHost
from django.db import router
from django.http import HttpRequest
from django.http.request import split_domain_port
from django.utils import translation
from wagtail.models import Page, Site

from masthead.caching import keys
from masthead.caching.fragments import cached_value

from .wagtail_request import remember_site

# The name of the editions snapshot among the shared values; a new format needs a new name.
SNAPSHOT = "editions-v3"
DEFAULT_BRAND = "Masthead. Global"
DEFAULT_TIME_ZONE = "Europe/Kyiv"


@dataclass(frozen=True)
class CurrentEdition:
    site_id: int
    hostname: str
    port: int
    is_default_site: bool
    site_name: str
    root_page_id: int
    brand: str
    tagline: str
    time_zone_name: str
    language_code: str
    # url_path of the home page for each language that has a live translation of it
    root_paths: dict[str, str] = field(default_factory=dict)
    # the same home pages' tree paths, which listings filter on (they are indexed)
    root_tree_paths: dict[str, str] = field(default_factory=dict)

    @cached_property
    def time_zone(self) -> zoneinfo.ZoneInfo:
        return zoneinfo.ZoneInfo(self.time_zone_name)

    def root_path(self, language_code: str | None = None) -> str:
        """The home page's url_path for a language (Wagtail's ``root_page.localized``)."""
        code = language_code or translation.get_language() or self.language_code
        return self.root_paths.get(code) or self.root_paths[self.language_code]

    def root_tree_path(self, language_code: str | None = None) -> str:
        code = language_code or translation.get_language() or self.language_code
        return self.root_tree_paths.get(code) or self.root_tree_paths[self.language_code]

    def relative_url(self, url_path: str) -> str:
        """A page's URL within this edition, from its url_path, with no query."""
        for root in self.root_paths.values():
            if url_path.startswith(root):
                return "/" + url_path[len(root) :]
        return url_path

    def as_site(self) -> Site:
        """The edition's Site as if just read from the database (``Model.from_db``), so that
        Wagtail's code finds the site without a query."""
        values = {
            "id": self.site_id,
            "hostname": self.hostname,
            "port": self.port,
            "site_name": self.site_name,
            "root_page_id": self.root_page_id,
            "is_default_site": self.is_default_site,
        }
        # from_db takes the values in the model's field order; a field we do not keep is deferred.
        names = [f.attname for f in Site._meta.concrete_fields if f.attname in values]
        return Site.from_db(router.db_for_read(Site), names, [values[name] for name in names])


def load_editions() -> list[CurrentEdition]:
    """Read every site with its edition settings and home page translations (three queries)."""
    from .models import Edition

    editions_by_site = {e.site_id: e for e in Edition.objects.all()}
    sites = list(Site.objects.select_related("root_page", "root_page__locale"))
    translation_keys = {s.root_page.translation_key for s in sites}
    translations: dict = {}
    if getattr(settings, "WAGTAIL_I18N_ENABLED", False):
        # Like Wagtail's ``root_page.localized``: only live translations take over.
        for page in Page.objects.filter(
            translation_key__in=translation_keys, live=True
        ).select_related("locale"):
            translations.setdefault(page.translation_key, {})[page.locale.language_code] = (
                page.url_path,
                page.path,
            )
    result = []
    for site in sites:
        edition = editions_by_site.get(site.id)
        language = site.root_page.locale.language_code
        paths = dict(translations.get(site.root_page.translation_key, {}))
        paths[language] = (site.root_page.url_path, site.root_page.path)
        result.append(
            CurrentEdition(
                site_id=site.id,
                hostname=site.hostname,
                port=site.port,
                is_default_site=site.is_default_site,
                site_name=site.site_name,
                root_page_id=site.root_page_id,
                brand=edition.brand if edition else DEFAULT_BRAND,
                tagline=edition.tagline if edition else "",
                time_zone_name=edition.time_zone if edition else DEFAULT_TIME_ZONE,
                language_code=language,
                root_paths={code: url_path for code, (url_path, _) in paths.items()},
                root_tree_paths={code: tree_path for code, (_, tree_path) in paths.items()},
            )
        )
    return result


def all_editions() -> list[CurrentEdition]:
    # Stale when any site, edition setting, locale or home page changes (keys.EDITIONS, emitted
    # by the invalidation map); what pages show of an edition is each edition's own key.
    return cached_value(
        SNAPSHOT, "all", load_editions, (keys.EDITIONS,), everywhere=True, shown=False
    )


def edition_for_host(hostname: str, port: int) -> CurrentEdition | None:
    """The same choice as Wagtail's ``get_site_for_hostname``, made in memory."""
    editions = all_editions()
    by_host = [e for e in editions if e.hostname == hostname]
    for e in by_host:
        if e.port == port:
            return e
    for e in by_host:
        if e.is_default_site:
            return e
    if len(by_host) == 1:
        return by_host[0]
    for e in editions:
        if e.is_default_site:
            return e
    return None


def edition_for_request(request: HttpRequest) -> CurrentEdition | None:
    """The edition for this request, remembered on it; also primes Wagtail's site lookup."""
    if not hasattr(request, "edition"):
        edition = _edition_for(request)
        request.edition = edition
        if edition is not None:
            remember_site(request, edition.as_site())
            # Every page of an edition shows its brand, clock and language.
            keys.declare(keys.edition(edition.site_id))
    return request.edition


def _edition_for(request: HttpRequest) -> CurrentEdition | None:
    try:
        # CommonMiddleware, which runs before EditionMiddleware (settings.MIDDLEWARE), has already
        # asked for the host, so a reader's request with a host outside ALLOWED_HOSTS never gets
        # here.
        host = request.get_host()
    except DisallowedHost:
        # A request made in code (a dummy request for a site whose host is not allowed): Wagtail
        # still finds it a site, by the host as sent, and so do we, with Wagtail's own lookup.
        site = Site.find_for_request(request)
        return next((e for e in all_editions() if site and e.site_id == site.pk), None)
    try:
        port = int(request.get_port())
    except ValueError:
        port = 80
    return edition_for_host(split_domain_port(host)[0], port)
