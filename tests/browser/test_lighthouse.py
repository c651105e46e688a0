"""Lighthouse's SEO and best-practices audits score 100 on the demo newsroom's home, article,
section and person pages, served by the live server and read by Debian's Chromium.

Lighthouse is an npm package: ``CHROMEDRIVER_SKIP_DOWNLOAD=true npm install --no-save
lighthouse@12`` in the checkout puts it in ``node_modules/`` (``LIGHTHOUSE`` may name another
copy). Without it the test is skipped, unless ``CI`` is set.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.test import override_settings
from django.urls import re_path
from django.views.static import serve

from masthead.articles.models import ArticlePage
from masthead.frontpage.models import FrontPage
from masthead.people.models import Person
from masthead.sections.models import SectionPage
from masthead.urls import urlpatterns as site_urlpatterns
from tests.browser.conftest import CHROMIUM, LIVE_DB

pytestmark = [pytest.mark.browser, LIVE_DB]

PROJECT = Path(__file__).resolve().parents[2]
CATEGORIES = ("seo", "best-practices")
CHROME_FLAGS = "--headless=new --no-sandbox --disable-gpu --disable-quic --no-first-run"


@pytest.fixture
def lighthouse() -> str:
    """The Lighthouse command line: ``LIGHTHOUSE``, else the checkout's ``node_modules``; and
    Debian's Chromium for it to drive."""
    if not CHROMIUM.exists():
        pytest.skip("Debian's chromium is not installed (apt-get install -y chromium)")
    found = os.environ.get("LIGHTHOUSE") or shutil.which(
        "lighthouse", path=str(PROJECT / "node_modules" / ".bin")
    )
    if found:
        return found
    install = "CHROMEDRIVER_SKIP_DOWNLOAD=true npm install --no-save lighthouse@12"
    if os.environ.get("CI"):
        pytest.fail(f"Lighthouse is missing; install it in the checkout with `{install}`")
    pytest.skip(f"Lighthouse is not installed (`{install}` in the checkout)")


def media(request, path: str):
    """The pictures, which the live server does not serve by itself (DEBUG is off)."""
    return serve(request, path, document_root=settings.MEDIA_ROOT)


# The site's URLs and the pictures, for the live server (ROOT_URLCONF is this module).
urlpatterns = [re_path(r"^media/(?P<path>.*)$", media), *site_urlpatterns]


@pytest.fixture
def demo(tmp_path):
    """The small demo newsroom, its pictures in files the live server can serve."""
    storages = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    }
    with override_settings(STORAGES=storages, MEDIA_ROOT=tmp_path, ROOT_URLCONF=__name__):
        call_command(
            "demo_newsroom",
            "--seed",
            "1",
            "--size",
            "small",
            "--now",
            "2024-09-20T15:00:00+00:00",
            stdout=StringIO(),
        )
        yield


def pages() -> dict[str, str]:
    root = FrontPage.objects.get().url_path

    def path(page) -> str:
        return "/" + page.url_path.removeprefix(root)

    return {
        "home": "/",
        "article": path(ArticlePage.objects.filter(kind="interview").order_by("path").first()),
        "section": path(SectionPage.objects.get(slug="news")),
        "person": f"/people/{Person.objects.order_by('slug').first().slug}/",
    }


def audit(lighthouse: str, url: str) -> dict:
    """Lighthouse's report on ``url`` (its SEO and best-practices categories only)."""
    command = [
        lighthouse,
        url,
        "--output=json",
        "--output-path=stdout",
        "--quiet",
        f"--only-categories={','.join(CATEGORIES)}",
        f"--chrome-flags={CHROME_FLAGS}",
    ]
    done = subprocess.run(
        command,
        capture_output=True,
        text=True,
        timeout=180,
        env={**os.environ, "CHROME_PATH": str(CHROMIUM)},
        check=False,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    return json.loads(done.stdout)


def failures(report: dict) -> list[str]:
    """The scored audits that did not pass, with what they found."""
    found = []
    for category in report["categories"].values():
        for ref in category["auditRefs"]:
            result = report["audits"][ref["id"]]
            if ref["weight"] and result["score"] is not None and result["score"] < 1:
                items = result.get("details", {}).get("items", [])
                found.append(f"{ref['id']}: {result['title']} {json.dumps(items)[:300]}")
    return found


def test_seo_and_best_practices_score_100_on_every_kind_of_page(lighthouse, live_server, demo):
    for name, path in pages().items():
        report = audit(lighthouse, live_server.url + path)
        scores = {key: report["categories"][key]["score"] for key in CATEGORIES}
        assert scores == dict.fromkeys(CATEGORIES, 1), (name, path, failures(report))
