"""Masthead's one-query route must answer every URL exactly as Wagtail's own routing does."""

import datetime as dt

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth.models import Group
from django.test import Client, override_settings
from wagtail import hooks
from wagtail.contrib.redirects.models import Redirect
from wagtail.models import Page, PageViewRestriction

from masthead.editions.current import all_editions
from masthead.serving.routing import route
from tests.conftest import add_article, add_section

WAGTAIL_ONLY = "tests.serving.wagtail_urls"


def headline_of(html: bytes) -> str:
    return BeautifulSoup(html, "html.parser").find("article").h1.get_text()


def answer(client: Client, url: str) -> tuple:
    """What a reader gets: status, redirect target, the page served (as Wagtail's
    ``before_serve_page`` hook sees it), and its bytes when they carry no per-request token."""
    served = []

    def record(page, request, args, kwargs):
        served.append((type(page).__name__, page.pk))

    with hooks.register_temporarily("before_serve_page", record):
        response = client.get(url)
    body = response.content if b"csrfmiddlewaretoken" not in response.content else b"<form>"
    return (response.status_code, response.get("Location"), served, body)


def every_url(extra: list[str]) -> list[str]:
    urls = []
    for page in Page.objects.filter(depth__gt=1):
        path = page.url_path.removeprefix("/home")
        urls += [path, path.rstrip("/"), path + "missing/", path.upper()]
    return sorted(set(urls + extra))


@pytest.fixture
def tricky_site(newsroom):
    """Pages Wagtail treats specially: unpublished, private, under a private section, a
    login-only page, a redirect and a draft."""
    private = add_section("Private", slug="private")
    PageViewRestriction.objects.create(page=private, restriction_type="password", password="x")
    add_article(private, "Hidden story", dt.datetime(2024, 9, 1, tzinfo=dt.UTC))
    members = add_article(newsroom.news, "Members only", dt.datetime(2024, 9, 2, tzinfo=dt.UTC))
    restriction = PageViewRestriction.objects.create(page=members, restriction_type="groups")
    restriction.groups.add(Group.objects.get_or_create(name="Editors")[0])
    add_article(newsroom.news, "Login only", dt.datetime(2024, 9, 3, tzinfo=dt.UTC))
    PageViewRestriction.objects.create(
        page=Page.objects.get(slug="login-only"), restriction_type="login"
    )
    newsroom.items[3].unpublish()
    Redirect.objects.create(old_path="/old-story", redirect_page=newsroom.items[0])
    return newsroom


def test_every_url_is_answered_as_wagtail_answers_it(built_pages, client, tricky_site):
    urls = every_url(["/", "/old-story/", "/old-story", "/nope/", "/news/nope/deeper/"])
    ours = {url: answer(client, url) for url in urls}
    with override_settings(ROOT_URLCONF=WAGTAIL_ONLY):
        theirs = {url: answer(client, url) for url in urls}
    assert len(urls) > 80
    for url in urls:
        assert ours[url] == theirs[url], url
    statuses = {status for status, *_ in ours.values()}
    assert {200, 301, 302, 404} <= statuses
    served = {type_name for _, _, pages, _ in ours.values() for type_name, _ in pages}
    assert {"FrontPage", "SectionPage", "ArticlePage"} <= served


def test_private_pages_stay_protected(client, tricky_site):
    assert b"password" in client.get("/private/hidden-story/").content.lower()
    assert client.get("/news/members-only/").status_code == 302  # to the login page
    assert client.get("/news/login-only/").status_code == 302


def test_route_is_one_query(newsroom, django_assert_num_queries):
    edition = all_editions()[0]
    with django_assert_num_queries(1):
        page = route(edition, "politics/the-guest-explains-the-week/")
    with django_assert_num_queries(0):
        assert page.title == "The guest explains the week"
        assert page.programme.title == "Evening Studio"
        assert page.kind == "interview"
        assert page.lead.startswith("Taras Guest")
    assert type(page).__name__ == "ArticlePage"


def test_route_leaves_unknown_restricted_and_unpublished_pages_to_wagtail(tricky_site):
    edition = all_editions()[0]
    assert route(edition, "nope/") is None
    assert route(edition, "private/hidden-story/") is None
    assert route(edition, "news/members-only/") is None
    assert route(edition, f"news/{tricky_site.items[3].slug}/") is None
    assert route(edition, "news/") is not None


def test_before_serve_page_hooks_still_run(client, newsroom):
    from django.http import HttpResponse

    seen = []

    def hook(page, request, args, kwargs):
        seen.append(page.pk)
        if page.slug == "politics":
            return HttpResponse("intercepted")
        return None

    with hooks.register_temporarily("before_serve_page", hook):
        assert client.get("/news/").status_code == 200
        assert client.get("/politics/").content == b"intercepted"
    assert seen == [newsroom.news.pk, newsroom.politics.pk]


def test_preview_of_a_draft_still_works(admin_client, newsroom):
    article = newsroom.interview
    article.title = "Draft headline"
    article.save_revision()
    response = admin_client.get(f"/admin/pages/{article.pk}/view_draft/")
    assert response.status_code == 200
    assert headline_of(response.content) == "Draft headline"
    # Readers still get the published headline.
    published = Client().get("/politics/the-guest-explains-the-week/").content
    assert headline_of(published) == "The guest explains the week"


def test_fast_route_serves_with_fewer_queries_than_wagtail(
    built_pages, client, newsroom, django_assert_num_queries
):
    url = "/politics/the-guest-explains-the-week/"
    client.get(url)  # warm the editions snapshot, menu, feed and the rendered article
    with django_assert_num_queries(1):  # the route
        client.get(url)
    # Wagtail: site, four levels of routing, view restrictions (two), and Locale lookups.
    with override_settings(ROOT_URLCONF=WAGTAIL_ONLY), django_assert_num_queries(9):
        client.get(url)


def test_pages_are_looked_up_by_an_index_on_their_url_path(db):
    """Without it, every request would scan the page table (see serving/migrations/0001)."""
    from django.db import connection

    with connection.cursor() as cursor:
        constraints = connection.introspection.get_constraints(cursor, "wagtailcore_page")
    assert constraints["masthead_page_url_path"]["columns"] == ["url_path"]
    assert constraints["masthead_page_url_path"]["index"]


def test_on_serve_page_hooks_run_as_wagtail_runs_them(client, newsroom):
    """Wagtail's own serve view runs on the fast path: every on_serve_page hook wraps the
    serving, Wagtail's view-restriction check among them, told by the route that it need not
    ask the database."""
    from wagtail.wagtail_hooks import check_view_restrictions

    served = []

    def wrap(serve):
        def inner(page, request, args, kwargs):
            served.append((type(page).__name__, page.unrestricted_by_route))
            return serve(page, request, args, kwargs)

        return inner

    assert check_view_restrictions in hooks.get_hooks("on_serve_page")
    with hooks.register_temporarily("on_serve_page", wrap):
        assert client.get("/politics/the-guest-explains-the-week/").status_code == 200
        assert client.get("/news/").status_code == 200
        assert client.get("/").status_code == 200
    assert served == [("ArticlePage", True), ("SectionPage", True), ("FrontPage", True)]


def test_a_routed_page_needs_no_query_for_its_view_restrictions(
    tricky_site, django_assert_num_queries
):
    edition = all_editions()[0]
    page = route(edition, "news/")
    with django_assert_num_queries(0):
        assert list(page.get_view_restrictions()) == []
    # A page loaded any other way still asks the database, and finds its restriction.
    members = Page.objects.get(slug="members-only").specific
    assert not members.unrestricted_by_route
    assert [r.restriction_type for r in members.get_view_restrictions()] == ["groups"]
