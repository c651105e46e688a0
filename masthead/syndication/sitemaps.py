"""Sitemaps: what each lists, read in a fixed number of queries, and written as XML a few
hundred URLs at a time while the query is read, so that memory never grows with a sitemap and
a child's time grows only with its own URLs (at most ``PART_SIZE``), not with the archive.

- The index (``/sitemap.xml``) names the pages sitemap, the Google News sitemap and one sitemap
  per month that has articles (one aggregate query, one pass over the archive's index: about a
  tenth of a second for 100,000 articles on SQLite). A month of more than ``PART_SIZE``
  articles is split into parts, so no child exceeds the protocol's 50,000 URLs or 50 MB.
- A month (``/sitemaps/articles-2024-09.xml``, its second part ``…-2024-09-2.xml``) lists its
  articles oldest first with their lead image (one query on the range of ``published_at``,
  read as it is written). Its ``lastmod`` is the later of published and updated.
- The pages sitemap lists the home page, the sections and the other pages of the tree, the
  programmes, and the people and tags that appear on public articles (four queries), at most
  50,000 URLs.
- The Google News sitemap lists the articles of the last two days, at most 1,000 (one query).

Each also reads the view restrictions first (one query, see ``restrictions.py``).

Months are calendar months in UTC, so that an article's month never depends on a setting.
"""

from __future__ import annotations

import datetime as dt
import io
import logging
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from math import ceil

from django.db.models import CharField, Count, Exists, Func, Max, OuterRef, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils.xmlutils import SimplerXMLGenerator
from taggit.models import Tag
from wagtail.images import get_image_model
from wagtail.images.models import get_rendition_storage
from wagtail.models import Page

from masthead.articles.models import ArticlePage
from masthead.articles.renditions import RENDITION_FILTERS
from masthead.editions.current import CurrentEdition
from masthead.people.models import Person
from masthead.programmes.models import Programme, ProgrammeHost

from .channels import LEAD_RENDITION
from .restrictions import Restrictions

logger = logging.getLogger(__name__)

SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
IMAGE_NS = "http://www.google.com/schemas/sitemap-image/1.1"
NEWS_NS = "http://www.google.com/schemas/sitemap-news/0.9"

URL_LIMIT = 50_000  # the protocol's limit of URLs in one sitemap
# Articles in one child sitemap: under the protocol's limit, and at about 600 bytes an article
# with its image far under its 50 MB.
PART_SIZE = 40_000
NEWS_WINDOW = dt.timedelta(days=2)  # Google News lists articles of the last two days …
NEWS_LIMIT = 1_000  # … at most this many
WRITE_EVERY = 500  # URLs written between two chunks of the response


@dataclass(frozen=True)
class MonthSitemap:
    """One child sitemap of articles: a month, or a part of a month too large for one."""

    year: int
    month: int
    part: int
    lastmod: dt.datetime

    @property
    def name(self) -> str:
        suffix = f"-{self.part}" if self.part > 1 else ""
        return f"articles-{self.year:04d}-{self.month:02d}{suffix}"

    @property
    def path(self) -> str:
        return reverse("sitemap_month", kwargs={"name": self.name})


@dataclass(frozen=True)
class SitemapUrl:
    """A ``<url>`` of a sitemap; ``news_title`` marks an entry of the Google News sitemap."""

    loc: str
    lastmod: dt.datetime | None = None
    image: str | None = None
    news_title: str | None = None
    news_published: dt.datetime | None = None


def month_range(year: int, month: int) -> tuple[dt.datetime, dt.datetime]:
    """The first moment of the month and of the next, in UTC."""
    start = dt.datetime(year, month, 1, tzinfo=dt.UTC)
    end = dt.datetime(year + month // 12, month % 12 + 1, 1, tzinfo=dt.UTC)
    return start, end


class MonthInUTC(Func):
    """A moment's month in UTC as text, ``2024-09``. Django's ``TruncMonth`` runs a Python
    function per row on SQLite (a million rows take seconds); SQLite keeps datetimes as UTC text,
    whose first seven characters are the month, and PostgreSQL formats it natively."""

    output_field = CharField()
    template = "TO_CHAR(%(expressions)s AT TIME ZONE 'UTC', 'YYYY-MM')"

    def as_sqlite(self, compiler, connection, **extra):
        return self.as_sql(compiler, connection, template="SUBSTR(%(expressions)s, 1, 7)", **extra)


def _public(edition: CurrentEdition, restricted: Restrictions) -> QuerySet[ArticlePage]:
    """The edition's live articles outside any restricted part of the tree: what the listing
    primitive lists, with the restrictions read beforehand (see ``restrictions.py``)."""
    articles = ArticlePage.objects.filter(live=True, path__startswith=edition.root_tree_path())
    return restricted.outside(articles)


def article_months(edition: CurrentEdition, restricted: Restrictions) -> list[MonthSitemap]:
    """Every month that has public articles, newest first, each in as many parts as it needs
    (one aggregate query)."""
    months = (
        _public(edition, restricted)
        .annotate(month=MonthInUTC("published_at"))
        .values("month")
        .annotate(count=Count("pk"), lastmod=Max(Coalesce("updated_at", "published_at")))
        .order_by("-month")
    )
    found = []
    for row in months:
        year, month = (int(number) for number in row["month"].split("-"))
        lastmod = row["lastmod"].astimezone(edition.time_zone)
        for part in range(1, ceil(row["count"] / PART_SIZE) + 1):
            found.append(MonthSitemap(year, month, part, lastmod))
    return found


def _lead_rendition_file() -> Subquery:
    rendition_model = get_image_model().get_rendition_model()
    return Subquery(
        rendition_model.objects.filter(
            image_id=OuterRef("main_image_id"), filter_spec=RENDITION_FILTERS[LEAD_RENDITION]
        )
        .order_by("-id")
        .values("file")[:1]
    )


def month_rows(
    edition: CurrentEdition, restricted: Restrictions, year: int, month: int, part: int
) -> Iterator[tuple]:
    """A month's (or a part's) public articles, oldest first, as (url_path, published_at,
    updated_at, lead rendition file), read from one query as they are consumed."""
    start, end = month_range(year, month)
    offset = (part - 1) * PART_SIZE
    rows = (
        _public(edition, restricted)
        .filter(published_at__gte=start, published_at__lt=end)
        .annotate(lead_file=_lead_rendition_file())
        .order_by("published_at", "page_ptr_id")
        .values_list("url_path", "published_at", "updated_at", "lead_file")
    )
    return rows[offset : offset + PART_SIZE].iterator(chunk_size=2_000)


def month_urls(edition: CurrentEdition, rows: Iterable[tuple], absolute) -> Iterator[SitemapUrl]:
    """The month's rows as sitemap URLs; ``absolute`` makes a path an absolute URL."""
    storage = get_rendition_storage()
    for url_path, published_at, updated_at, lead_file in rows:
        modified = max(published_at, updated_at or published_at)
        yield SitemapUrl(
            absolute(edition.relative_url(url_path)),
            modified.astimezone(edition.time_zone),
            absolute(storage.url(lead_file)) if lead_file else None,
        )


def news_urls(
    edition: CurrentEdition, restricted: Restrictions, now: dt.datetime, absolute
) -> list[SitemapUrl]:
    """The articles of the last two days, newest first, at most 1,000 (one query, a range of
    the ``article_latest`` index)."""
    rows = (
        _public(edition, restricted)
        .filter(published_at__gte=now - NEWS_WINDOW)
        .order_by("-published_at", "-page_ptr_id")
        .values_list("title", "url_path", "published_at")[:NEWS_LIMIT]
    )
    return [
        SitemapUrl(
            absolute(edition.relative_url(url_path)),
            news_title=title,
            news_published=published_at.astimezone(edition.time_zone),
        )
        for title, url_path, published_at in rows
    ]


def _appear_on(edition: CurrentEdition, restricted: Restrictions, **condition: object) -> Exists:
    return Exists(_public(edition, restricted).filter(**condition))


@dataclass(frozen=True)
class TreePage:
    """A page of the edition's tree that is not an article: the home page, a section, a
    policy page …"""

    pk: int
    label: str  # its model's ``_meta.label_lower``, which names its key
    url_path: str
    last_published_at: dt.datetime | None


def tree_pages(edition: CurrentEdition, restricted: Restrictions) -> list[TreePage]:
    """The edition's live, public pages but its articles (which the months list), in tree
    order (one query). A few dozen, read whole, so the response can name their keys."""
    pages = Page.objects.filter(live=True, path__startswith=edition.root_tree_path())
    pages = (
        restricted.outside(pages.filter(alias_of__isnull=True, articlepage__isnull=True))
        .order_by("path")
        .values_list(
            "pk", "content_type__app_label", "content_type__model", "url_path", "last_published_at"
        )
    )
    return [
        TreePage(pk, f"{app_label}.{model}", url_path, published)
        for pk, app_label, model, url_path, published in pages
    ]


def page_urls(
    edition: CurrentEdition, restricted: Restrictions, pages: list[TreePage], absolute
) -> Iterator[SitemapUrl]:
    """The tree's ``pages``, then the programmes, then the people and the tags that appear on
    the edition's public articles (three more queries, each run when the one before is
    written)."""
    for page in pages:
        published = page.last_published_at
        yield SitemapUrl(
            absolute(edition.relative_url(page.url_path)),
            published.astimezone(edition.time_zone) if published else None,
        )
    for slug in Programme.objects.order_by("title").values_list("slug", flat=True).iterator():
        yield SitemapUrl(absolute(reverse("programme", kwargs={"slug": slug})))
    people = Person.objects.filter(
        _appear_on(edition, restricted, appearances__person_id=OuterRef("pk"))
        | Exists(ProgrammeHost.objects.filter(person_id=OuterRef("pk")))
    )
    for slug in people.order_by("name", "pk").values_list("slug", flat=True).iterator():
        yield SitemapUrl(absolute(reverse("person", kwargs={"slug": slug})))
    tags = Tag.objects.filter(_appear_on(edition, restricted, tagged_items__tag_id=OuterRef("pk")))
    for slug in tags.order_by("name", "pk").values_list("slug", flat=True).iterator():
        yield SitemapUrl(absolute(reverse("tag", kwargs={"slug": slug})))


def at_most(urls: Iterable[SitemapUrl], limit: int, name: str) -> Iterator[SitemapUrl]:
    """The first ``limit`` of ``urls``; more is logged, never written past the protocol's
    limit."""
    for count, url in enumerate(urls):
        if count == limit:
            logger.warning("sitemap %s has more than %s URLs; the rest are left out", name, limit)
            return
        yield url


# ---------------------------------------------------------------------------------------------
# Writing


class _Chunks:
    """An XML writer whose output is taken a chunk at a time."""

    def __init__(self) -> None:
        self.buffer = io.StringIO()
        self.xml = SimplerXMLGenerator(self.buffer, "utf-8", short_empty_elements=True)

    def take(self) -> str:
        text = self.buffer.getvalue()
        self.buffer.seek(0)
        self.buffer.truncate()
        return text


def _w3c(moment: dt.datetime) -> str:
    return moment.isoformat(timespec="seconds")


def write_index(sitemaps: Iterable[tuple[str, dt.datetime | None]]) -> Iterator[str]:
    """A ``<sitemapindex>`` of (absolute URL, last modified) pairs, a chunk at a time."""
    out = _Chunks()
    out.xml.startDocument()
    out.xml.startElement("sitemapindex", {"xmlns": SITEMAP_NS})
    for count, (loc, lastmod) in enumerate(sitemaps, start=1):
        out.xml.startElement("sitemap", {})
        out.xml.addQuickElement("loc", loc)
        if lastmod is not None:
            out.xml.addQuickElement("lastmod", _w3c(lastmod))
        out.xml.endElement("sitemap")
        if count % WRITE_EVERY == 0:
            yield out.take()
    out.xml.endElement("sitemapindex")
    out.xml.endDocument()
    yield out.take()


def write_urlset(
    urls: Iterable[SitemapUrl], *, publication: tuple[str, str] | None = None
) -> Iterator[str]:
    """A ``<urlset>`` of ``urls`` with their images, a chunk at a time; ``publication`` (name,
    language) makes it a Google News sitemap."""
    out = _Chunks()
    out.xml.startDocument()
    namespaces = {"xmlns": SITEMAP_NS, "xmlns:image": IMAGE_NS}
    if publication is not None:
        namespaces["xmlns:news"] = NEWS_NS
    out.xml.startElement("urlset", namespaces)
    for count, url in enumerate(urls, start=1):
        out.xml.startElement("url", {})
        out.xml.addQuickElement("loc", url.loc)
        if url.lastmod is not None:
            out.xml.addQuickElement("lastmod", _w3c(url.lastmod))
        if publication is not None and url.news_title is not None:
            _write_news(out.xml, url, publication)
        if url.image is not None:
            out.xml.startElement("image:image", {})
            out.xml.addQuickElement("image:loc", url.image)
            out.xml.endElement("image:image")
        out.xml.endElement("url")
        if count % WRITE_EVERY == 0:
            yield out.take()
    out.xml.endElement("urlset")
    out.xml.endDocument()
    yield out.take()


def _write_news(xml: SimplerXMLGenerator, url: SitemapUrl, publication: tuple[str, str]) -> None:
    name, language = publication
    xml.startElement("news:news", {})
    xml.startElement("news:publication", {})
    xml.addQuickElement("news:name", name)
    xml.addQuickElement("news:language", language)
    xml.endElement("news:publication")
    xml.addQuickElement("news:publication_date", _w3c(url.news_published))
    xml.addQuickElement("news:title", url.news_title)
    xml.endElement("news:news")
