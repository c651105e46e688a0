"""Flags for the breaking-news tests, on the small newsroom of ``tests/conftest.py``."""

from __future__ import annotations

import datetime as dt

import pytest
from bs4 import BeautifulSoup
from django.test import Client
from wagtail.models import Site

from masthead.articles.models import ArticlePage
from masthead.breaking.models import BreakingNews

NOWHERE = "/no-such-page/"  # an address with no page, whose 404 shows the banner too


def site_id() -> int:
    return Site.objects.get(is_default_site=True).pk


def flag(article: ArticlePage, *, hours: float = 2, text: str = "") -> BreakingNews:
    """An article flagged as an editor does: validated, then saved."""
    found = BreakingNews(
        site_id=site_id(),
        article=article,
        text=text,
        expires_at=dt.datetime.now(dt.UTC) + dt.timedelta(hours=hours),
    )
    found.full_clean()
    found.save()
    return found


def banners(html: bytes) -> list[tuple[str, str]]:
    """The breaking-news banners in a page: (link text, address)."""
    page = BeautifulSoup(html, "html.parser")
    return [(a.get_text(), a["href"]) for a in page.select("aside.breaking[aria-label] a")]


def banners_on(client: Client, url: str, **headers: str) -> list[tuple[str, str]]:
    """The banners on the page at ``url`` (every address answers but the one with no page)."""
    response = client.get(url, **headers)
    assert response.status_code == (404 if url == NOWHERE else 200), url
    return banners(response.content)


@pytest.fixture
def item(newsroom) -> ArticlePage:
    return newsroom.items[0]
