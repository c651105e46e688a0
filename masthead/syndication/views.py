"""The views of the sitemaps, robots.txt and the favicon. Sitemaps are streamed: each response
writes its XML a few hundred URLs at a time as it reads its query (see ``sitemaps.py``)."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from functools import cache
from pathlib import Path

from django.contrib.staticfiles import finders
from django.http import Http404, HttpRequest, HttpResponse, StreamingHttpResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.http import http_date

from masthead.caching import keys
from masthead.edge.lifetime import keep_at_most
from masthead.editions.current import CurrentEdition, edition_for_request

from . import sitemaps
from .icons import FAVICON
from .restrictions import Restrictions

XML = "application/xml; charset=utf-8"
NEWS_SITEMAP_SECONDS = 10 * 60
_MONTH = re.compile(r"^articles-(\d{4})-(\d{2})(?:-([2-9]|[1-9]\d+))?$")


def _edition(request: HttpRequest) -> CurrentEdition:
    edition = edition_for_request(request)
    if edition is None:
        raise Http404("No edition answers at this address.")
    return edition


def _streamed(chunks: Iterator[str], lastmod=None) -> StreamingHttpResponse:
    response = StreamingHttpResponse(chunks, content_type=XML)
    if lastmod is not None:
        response.headers["Last-Modified"] = http_date(lastmod.timestamp())
    return response


def _absolute(request: HttpRequest) -> Callable[[str], str]:
    return request.build_absolute_uri


def sitemap_index(request: HttpRequest) -> StreamingHttpResponse:
    """``/sitemap.xml``: the pages sitemap, the news sitemap and every month's (two queries:
    the restrictions, the months)."""
    edition = _edition(request)
    months = sitemaps.article_months(edition, Restrictions.read())
    keys.declare(keys.edition(edition.site_id), keys.archive(edition.site_id))
    absolute = _absolute(request)
    children = [
        (absolute(reverse("sitemap_pages")), None),
        (absolute(reverse("sitemap_news")), None),
        *((absolute(month.path), month.lastmod) for month in months),
    ]
    lastmod = max((month.lastmod for month in months), default=None)
    return _streamed(sitemaps.write_index(children), lastmod)


def sitemap_month(request: HttpRequest, name: str) -> StreamingHttpResponse:
    """One month's articles (or a part of a month) with their lead images (two queries: the
    restrictions, the articles); 404 for a month or part without articles."""
    match = _MONTH.match(name)
    if not match or not 1 <= int(match[2]) <= 12:
        raise Http404("No such sitemap.")
    edition = _edition(request)
    year, month, part = int(match[1]), int(match[2]), int(match[3] or 1)
    rows = sitemaps.month_rows(edition, Restrictions.read(), year, month, part)
    # The first row is read now: an empty month is a 404, not an empty (invalid) urlset.
    first = next(rows, None)
    if first is None:
        raise Http404("No articles in this month.")
    keys.declare(keys.edition(edition.site_id), keys.archive(edition.site_id))

    def all_rows() -> Iterator[tuple]:
        yield first
        yield from rows

    urls = sitemaps.month_urls(edition, all_rows(), _absolute(request))
    return _streamed(sitemaps.write_urlset(urls))


def sitemap_pages(request: HttpRequest) -> StreamingHttpResponse:
    """The home page, sections and other pages, programmes, people and tags (five queries: the
    restrictions, then one for each)."""
    edition = _edition(request)
    restricted = Restrictions.read()
    pages = sitemaps.tree_pages(edition, restricted)
    keys.declare(
        keys.edition(edition.site_id),
        keys.archive(edition.site_id),  # people and tags come with the articles they are on
        keys.menu(edition.site_id),
        keys.PEOPLE,
        keys.PROGRAMMES,
        *(keys.page(page.label, page.pk) for page in pages),
    )
    urls = sitemaps.page_urls(edition, restricted, pages, _absolute(request))
    return _streamed(sitemaps.write_urlset(sitemaps.at_most(urls, sitemaps.URL_LIMIT, "pages")))


def sitemap_news(request: HttpRequest) -> StreamingHttpResponse:
    """The Google News sitemap: the last two days' articles, at most 1,000 (two queries: the
    restrictions, the articles)."""
    edition = _edition(request)
    urls = sitemaps.news_urls(edition, Restrictions.read(), timezone.now(), _absolute(request))
    keys.declare(keys.edition(edition.site_id), keys.archive(edition.site_id))
    lastmod = max((url.news_published for url in urls), default=None)
    publication = (edition.brand, edition.language_code)
    # Articles leave it as they turn two days old, which no change announces: kept briefly.
    keep_at_most(request, NEWS_SITEMAP_SECONDS)
    return _streamed(sitemaps.write_urlset(urls, publication=publication), lastmod)


def robots_txt(request: HttpRequest) -> HttpResponse:
    """Everything may be crawled but the admin and the edge's fragments; the sitemaps are named
    with absolute addresses, as the protocol asks."""
    lines = [
        "User-agent: *",
        f"Disallow: {reverse('wagtailadmin_home')}",
        f"Disallow: {reverse('latest_news_block')}",
        "",
        f"Sitemap: {request.build_absolute_uri(reverse('sitemap_index'))}",
        f"Sitemap: {request.build_absolute_uri(reverse('sitemap_news'))}",
        "",
    ]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")


@cache
def _favicon() -> bytes:
    return Path(finders.find(FAVICON)).read_bytes()


def favicon(request: HttpRequest) -> HttpResponse:
    """``/favicon.ico``, where browsers and crawlers look for the icon whatever a page's head
    names: the static file's bytes, read once per process (it changes only with a release,
    whose key every response carries)."""
    return HttpResponse(_favicon(), content_type="image/vnd.microsoft.icon")
