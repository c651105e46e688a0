"""HTTP caching headers (masthead/edge/middleware.py): what shared caches and browsers may keep,
the keys each public response carries for the edge, conditional GETs, private responses, and the
latest-news block by ESI behind Varnish (docs/edge.md has the contract)."""

from __future__ import annotations

import datetime as dt
import time

import pytest
from bs4 import BeautifulSoup
from django.conf import settings
from django.http import HttpResponse
from django.test import Client
from django.utils.cache import cc_delim_re
from django.utils.http import http_date, parse_http_date
from taggit.models import Tag
from wagtail.contrib.redirects.models import Redirect
from wagtail.models import Site

from masthead.articles.models import ArticlePage
from masthead.caching.release import release
from tests.breaking.conftest import flag
from tests.conftest import NOW, Newsroom, publish

ARTICLE = "/politics/the-guest-explains-the-week/"
KEY_HEADERS = ("xkey", "Surrogate-Key", "Cache-Tag")
ESI_EDGE = {"HTTP_SURROGATE_CAPABILITY": 'varnish="ESI/1.0"'}  # what the VCL adds
BLOCK = "/_esi/latest-news/"
BANNER = "/_esi/breaking-news/"

PUBLIC_PAGES = [
    ARTICLE,
    "/",
    "/news/",
    "/news/news-item-number-0/",
    "/tags/diplomacy/",
    "/people/",
    "/people/taras-guest/",
    "/programmes/",
    "/programmes/evening-studio/",
    "/latest/",
    BLOCK,
]


def cache_control(response: HttpResponse) -> dict[str, str | bool]:
    """The response's Cache-Control directives, by lower-case name (True for a bare one)."""
    directives: dict[str, str | bool] = {}
    for directive in cc_delim_re.split(response.get("Cache-Control", "")):
        name, has_value, value = directive.partition("=")
        if name.strip():
            directives[name.strip().lower()] = value.strip().strip('"') if has_value else True
    return directives


def response_keys(response: HttpResponse) -> set[str]:
    """The keys the response carries; its three key headers must name the same ones."""
    xkey = response["xkey"].split(" ")
    surrogate = response["Surrogate-Key"].split(" ")
    cache_tag = response["Cache-Tag"].split(",")
    assert len(set(xkey)) == len(xkey)  # no duplicates, no empty tokens
    assert set(xkey) == set(surrogate) == set(cache_tag)
    assert "" not in xkey
    return set(xkey)


def parsed(response: HttpResponse) -> BeautifulSoup:
    return BeautifulSoup(response.content, "html.parser")


def site_id() -> int:
    return Site.objects.get(is_default_site=True).pk


def everywhere() -> set[str]:
    """The keys every reader page with the site's chrome shows: its edition, its menu, the
    release that rendered it."""
    return {f"edition-{site_id()}", f"menu-{site_id()}", f"release-{release()}"}


def assert_private(response: HttpResponse) -> None:
    directives = cache_control(response)
    assert "private" in directives or "no-store" in directives, directives
    assert "public" not in directives and "s-maxage" not in directives, directives
    for header in (*KEY_HEADERS, "Surrogate-Control"):
        assert header not in response, header


# --- Public responses ---------------------------------------------------------------------------


@pytest.mark.parametrize("url", PUBLIC_PAGES)
def test_a_public_page_is_kept_long_by_shared_caches_and_briefly_by_browsers(client, newsroom, url):
    response = client.get(url)
    assert response.status_code == 200
    policy = settings.MASTHEAD_HTTP_CACHE
    assert cache_control(response) == {
        "public": True,
        "max-age": str(policy["BROWSER_SECONDS"]),
        "s-maxage": str(policy["SHARED_SECONDS"]),
        "stale-while-revalidate": str(policy["STALE_WHILE_REVALIDATE"]),
        "stale-if-error": str(policy["STALE_IF_ERROR"]),
    }
    assert policy["BROWSER_SECONDS"] < policy["SHARED_SECONDS"]


def test_a_public_page_has_an_etag_and_a_last_modified_date_not_in_the_future(client, newsroom):
    response = client.get(ARTICLE)
    assert response["ETag"].startswith('"') and response["ETag"].endswith('"')
    last_modified = parse_http_date(response["Last-Modified"])  # an RFC 9110 date, or ValueError
    assert last_modified <= time.time()
    assert http_date(last_modified) == response["Last-Modified"]


def test_last_modified_moves_on_when_what_the_page_shows_changes(client, newsroom, time_machine):
    before = parse_http_date(client.get(ARTICLE)["Last-Modified"])
    later = NOW + dt.timedelta(hours=1)
    time_machine.move_to(later, tick=False)
    interview = ArticlePage.objects.get(pk=newsroom.interview.pk)
    interview.title = "The guest explains the month"
    publish(interview)

    response = client.get(ARTICLE)

    assert parse_http_date(response["Last-Modified"]) == later.timestamp() > before
    # A cache holding the copy from before is sent the whole page, not a 304.
    stale = client.get(ARTICLE, HTTP_IF_MODIFIED_SINCE=http_date(before))
    assert stale.status_code == 200
    assert parsed(stale).select_one("main h1").get_text() == "The guest explains the month"


def test_a_conditional_get_with_the_etag_is_answered_304(client, newsroom):
    etag = client.get(ARTICLE)["ETag"]
    response = client.get(ARTICLE, HTTP_IF_NONE_MATCH=etag)
    assert response.status_code == 304
    assert response.content == b""
    assert client.get(ARTICLE, HTTP_IF_NONE_MATCH='"something-else"').status_code == 200


def test_a_conditional_get_with_if_modified_since_is_answered_304(client, newsroom):
    last_modified = client.get(ARTICLE)["Last-Modified"]
    response = client.get(ARTICLE, HTTP_IF_MODIFIED_SINCE=last_modified)
    assert response.status_code == 304
    assert response.content == b""


def test_the_key_headers_name_the_same_keys_in_each_edges_form(client, newsroom):
    response = client.get(ARTICLE)
    # Space-separated for Varnish and Fastly, comma-separated for Cloudflare.
    assert " " not in response["Cache-Tag"] and "," not in response["xkey"]
    assert len(response_keys(response)) > 1


def test_an_article_carries_its_own_keys(client, newsroom):
    keys = response_keys(client.get(ARTICLE))
    assert keys >= {
        f"article-{newsroom.interview.pk}",
        f"latest-news-{site_id()}",
        *everywhere(),
    }


def _listing_page_keys(page: str, n: Newsroom) -> tuple[str, set[str]]:
    """A reader page and the keys of what it shows."""
    s = site_id()
    diplomacy = Tag.objects.get(name="diplomacy")
    front_page = Site.objects.get(pk=s).root_page_id
    return {
        "front page": ("/", {f"front-page-{front_page}", f"latest-news-{s}"}),
        "section": ("/news/", {f"section-{n.news.pk}", f"section-{n.news.pk}-listing"}),
        "tag": ("/tags/diplomacy/", {f"tag-{diplomacy.pk}", f"tag-{diplomacy.pk}-listing"}),
        "person": (
            "/people/taras-guest/",
            {f"person-{n.guest.pk}", f"person-{n.guest.pk}-listing"},
        ),
        "programme": (
            "/programmes/evening-studio/",
            {f"programme-{n.programme.pk}", f"programme-{n.programme.pk}-listing"},
        ),
        "people": ("/people/", {"people"}),
        "programmes": ("/programmes/", {"programmes"}),
        "archive": ("/latest/", {f"archive-{s}"}),
    }[page]


@pytest.mark.parametrize(
    "page",
    [
        "front page",
        "section",
        "tag",
        "person",
        "programme",
        "people",
        "programmes",
        "archive",
    ],
)
def test_each_reader_page_carries_the_keys_of_what_it_shows(client, newsroom, page):
    url, own = _listing_page_keys(page, newsroom)
    response = client.get(url)
    assert response.status_code == 200
    assert response_keys(response) >= own | everywhere()


def test_a_404_is_public_and_carries_not_found(client, newsroom):
    response = client.get("/no-such-story/")
    assert response.status_code == 404
    assert cache_control(response)["public"] is True
    assert response_keys(response) >= {"not-found", *everywhere()}


def test_a_redirect_carries_the_redirects_key(client, newsroom):
    Redirect.objects.create(
        old_path="/old-story", redirect_page=newsroom.items[0], site_id=site_id()
    )
    response = client.get("/old-story/")
    assert response.status_code == 301
    assert cache_control(response)["public"] is True
    assert "redirects" in response_keys(response)


# --- Private responses --------------------------------------------------------------------------


@pytest.mark.parametrize("cookie", ["sessionid", "csrftoken"])
def test_a_request_with_a_session_or_csrf_cookie_is_answered_privately(client, newsroom, cookie):
    client.cookies[cookie] = "x" * 32
    response = client.get(ARTICLE)
    assert response.status_code == 200
    assert_private(response)


def test_another_cookie_leaves_a_page_public(client, newsroom):
    client.cookies["consent"] = "yes"
    assert cache_control(client.get(ARTICLE))["public"] is True


@pytest.fixture
def editor(client: Client, newsroom, django_user_model) -> Client:
    user = django_user_model.objects.create_superuser("editor", "editor@example.com", "pw")
    client.force_login(user)
    return client


def test_a_logged_in_editor_is_answered_privately(editor):
    for url in (ARTICLE, "/", "/news/", "/tags/diplomacy/"):
        response = editor.get(url)
        assert response.status_code == 200, url
        assert_private(response)


@pytest.mark.parametrize("logged_in", [False, True])
def test_the_admin_is_private(client, newsroom, django_user_model, logged_in):
    if logged_in:
        user = django_user_model.objects.create_superuser("editor", "editor@example.com", "pw")
        client.force_login(user)
    response = client.get("/admin/")
    assert response.status_code == (200 if logged_in else 302)
    assert_private(response)


def test_a_preview_of_a_draft_in_the_admin_is_private(editor, newsroom):
    item = ArticlePage.objects.get(pk=newsroom.items[0].pk)
    item.title = "A draft headline"
    item.save_revision()
    response = editor.get(f"/admin/pages/{item.pk}/view_draft/")
    assert response.status_code == 200
    assert parsed(response).select_one("main h1").get_text() == "A draft headline"
    assert_private(response)


def test_a_preview_is_private_even_without_a_cookie(newsroom):
    """Wagtail renders a preview through the middleware with a request of its own, at the page's
    public address."""
    item = ArticlePage.objects.get(pk=newsroom.items[0].pk)
    item.title = "A draft headline"
    response = item.make_preview_request()
    assert response.status_code == 200
    assert parsed(response).select_one("main h1").get_text() == "A draft headline"
    assert_private(response)


def test_a_draft_is_not_public(client, newsroom):
    item = ArticlePage(title="Not yet", slug="not-yet", published_at=NOW, live=False, body="[]")
    newsroom.news.add_child(instance=item)
    response = client.get("/news/not-yet/")
    assert response.status_code == 404
    assert f"article-{item.pk}" not in response_keys(response)


# --- The latest-news block by ESI ----------------------------------------------------------------


def test_behind_an_esi_edge_a_page_includes_the_block_and_does_not_carry_its_key(client, newsroom):
    response = client.get(ARTICLE, **ESI_EDGE)
    html = parsed(response)
    includes = html.find_all("esi:include")
    # The breaking-news banner (empty while nothing is flagged) and the latest-news block.
    assert [include["src"] for include in includes] == [BANNER, BLOCK]
    assert includes[1].find_parent("aside")["aria-label"] == "Latest news"
    assert html.select("section.latest-news") == []
    assert response["Surrogate-Control"] == 'content="ESI/1.0"'
    keys = response_keys(response)
    assert f"latest-news-{site_id()}" not in keys
    assert keys >= {f"article-{newsroom.interview.pk}", *everywhere()}


@pytest.mark.parametrize("flagged", [False, True], ids=["quiet", "breaking"])
@pytest.mark.parametrize("url", [url for url in PUBLIC_PAGES if url != BLOCK])
def test_a_page_names_every_key_its_includes_are_purged_by(client, newsroom, url, flagged):
    # Varnish keeps the stitched page under the page's keys and these: a key an include carries
    # that the page did not name would leave the stitched copy stale when it is purged.
    if flagged:
        flag(newsroom.items[0])
    page = client.get(url, **ESI_EDGE)
    named = response_keys(page) | set(page["xkey-includes"].split())

    for include in parsed(page).find_all("esi:include"):
        included = client.get(include["src"], **ESI_EDGE)
        assert included.status_code == 200
        assert response_keys(included) <= named, include["src"]
    assert f"latest-news-{site_id()}" not in response_keys(page)


def test_a_response_without_includes_names_no_include_keys(client, newsroom):
    assert "xkey-includes" not in client.get(BLOCK, **ESI_EDGE)
    assert "xkey-includes" not in client.get(ARTICLE)


def test_a_page_without_the_block_includes_only_the_banner(client, newsroom):
    response = client.get("/news/", **ESI_EDGE)
    assert [i["src"] for i in parsed(response).find_all("esi:include")] == [BANNER]
    assert response["Surrogate-Control"] == 'content="ESI/1.0"'


def test_a_response_without_any_include_is_not_marked_for_esi(client, newsroom):
    response = client.get("/_esi/latest-news/", **ESI_EDGE)
    assert parsed(response).find_all("esi:include") == []
    assert "Surrogate-Control" not in response


def test_the_block_at_its_own_address_carries_its_key(client, newsroom):
    response = client.get(BLOCK, **ESI_EDGE)
    assert response.status_code == 200
    html = parsed(response)
    (block,) = html.select("section.latest-news")
    assert block.select(".feed-items a")[0].get_text() == "News item number 0"
    assert html.find_all("esi:include") == []
    assert "Surrogate-Control" not in response
    assert response_keys(response) >= {f"latest-news-{site_id()}", f"edition-{site_id()}"}


def test_without_an_esi_edge_the_block_is_in_the_page_and_the_page_carries_its_key(
    client, newsroom
):
    response = client.get(ARTICLE)
    html = parsed(response)
    assert html.find_all("esi:include") == []
    (block,) = html.select("aside section.latest-news")
    assert block.select(".feed-items a")[0].get_text() == "News item number 0"
    assert "Surrogate-Control" not in response
    assert f"latest-news-{site_id()}" in response_keys(response)
