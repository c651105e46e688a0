"""The sitemaps' schemas, for every test that validates a sitemap: the sitemaps.org schemas
(../shared/xsd/) and the image and news extensions' schemas written from Google's documentation
(xsd/ beside this file)."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest
from lxml import etree

from masthead.syndication import sitemaps
from tests.syndication.conftest import body_of

SHARED_XSD = Path(__file__).resolve().parents[2].parent / "shared" / "xsd"
EXTENSIONS = Path(__file__).resolve().parent / "xsd"
NS = {
    "s": sitemaps.SITEMAP_NS,
    "image": sitemaps.IMAGE_NS,
    "news": sitemaps.NEWS_NS,
}


def _shared(name: str) -> Path:
    if not (SHARED_XSD / name).exists():
        pytest.skip("../shared/xsd is absent")
    return SHARED_XSD / name


@cache
def urlset_schema() -> etree.XMLSchema:
    """sitemap.xsd with the image and news extensions loaded beside it: its wildcards are
    strict, so an extension element validates only against its own schema. Skips the test
    when ../shared/xsd is absent."""
    imports = {
        sitemaps.SITEMAP_NS: _shared("sitemap.xsd"),
        sitemaps.IMAGE_NS: EXTENSIONS / "sitemap-image.xsd",
        sitemaps.NEWS_NS: EXTENSIONS / "sitemap-news.xsd",
    }
    xsd = "http://www.w3.org/2001/XMLSchema"
    wrapper = etree.Element(f"{{{xsd}}}schema", nsmap={"xsd": xsd})
    for namespace, location in imports.items():
        etree.SubElement(
            wrapper,
            f"{{{xsd}}}import",
            namespace=namespace,
            schemaLocation=location.as_uri(),
        )
    return etree.XMLSchema(wrapper)


@cache
def index_schema() -> etree.XMLSchema:
    """siteindex.xsd; skips the test when ../shared/xsd is absent."""
    return etree.XMLSchema(file=str(_shared("siteindex.xsd")))


def valid(schema: etree.XMLSchema, response) -> etree._Element:
    """The response's XML, which must be valid by ``schema``."""
    assert response.status_code == 200
    assert response["Content-Type"] == "application/xml; charset=utf-8"
    assert response.streaming
    document = etree.fromstring(body_of(response))
    assert schema.validate(document), schema.error_log
    return document


def locations(document: etree._Element) -> list[str]:
    return document.xpath("//s:loc/text()", namespaces=NS)
