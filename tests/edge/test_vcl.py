"""deploy/varnish/masthead.vcl in a real varnishd, in front of a scripted application.

Most tests share one varnishd (module scope) and so use their own paths and keys; the
application's request counts tell a cache hit from a miss.
"""

from __future__ import annotations

import gzip
import http.client
import json
import time

import pytest
from bs4 import BeautifulSoup

from tests.edge.conftest import ERROR_TTL, PUBLIC, Reply, ScriptedApp, purge, start_edge, wait_for

pytestmark = pytest.mark.usefixtures("varnish_installed")

KEY_HEADERS = ("xkey", "Surrogate-Key", "Cache-Tag", "Surrogate-Control")
# Which software answered: the application (http.server's "BaseHTTP/0.6 Python/3") and Varnish.
SOFTWARE_HEADERS = ("Server", "Via", "X-Varnish")
# Expires after a second, then may be served stale for ten minutes.
SHORT = "public, max-age=1, s-maxage=1, stale-while-revalidate=600, stale-if-error=600"


def text(response) -> str:
    """The visible text of an HTML response's body."""
    return BeautifulSoup(response.content, "html.parser").get_text(strip=True)


def test_a_public_page_is_a_miss_then_a_hit_and_its_keys_never_reach_the_reader(app, reader):
    app.page("/hit/", "<p>Story</p>", keys="article-1 section-1 latest-news release-abc")

    first, second = reader("/hit/"), reader("/hit/")

    assert (first.status_code, first.headers["X-Cache"]) == (200, "MISS")
    assert (second.status_code, second.headers["X-Cache"]) == (200, "HIT")
    assert text(first) == text(second) == "Story"
    assert app.hits("/hit/") == 1
    for response in (first, second):
        for header in (*KEY_HEADERS, *SOFTWARE_HEADERS):
            assert header not in response.headers
        # The reader's browser still gets what the application said.
        assert response.headers["Cache-Control"] == PUBLIC


@pytest.mark.parametrize(
    ("path", "cache_control", "cookie"),
    [
        ("/strip/editor/", PUBLIC, "sessionid=abc123"),
        ("/strip/private/", "private, no-cache", ""),
        ("/strip/expired/", "public, max-age=0, s-maxage=0", ""),
    ],
)
def test_what_varnish_does_not_keep_carries_no_cache_header_either(
    app, reader, path, cache_control, cookie
):
    # The key headers leave what the outer tier is given, not each answer: an answer that is
    # never stored must lose them on the way too.
    app.page(path, "<p>Story</p>", keys="strip-article", cache_control=cache_control)

    answers = [reader(path, **({"Cookie": cookie} if cookie else {})) for _ in range(2)]

    assert app.hits(path) == 2
    for answer in answers:
        assert (answer.status_code, answer.headers["X-Cache"]) == (200, "PASS")
        for header in (*KEY_HEADERS, *SOFTWARE_HEADERS):
            assert header not in answer.headers


def test_a_key_purge_refetches_exactly_the_pages_that_carry_the_key(app, reader, edge):
    app.page("/keys/a/", "<p>A one</p>", keys="kp-article-12 kp-section-3")
    app.page("/keys/b/", "<p>B</p>", keys="kp-article-13 kp-section-3")
    app.page("/keys/c/", "<p>C</p>", keys="kp-article-14")
    for path in ("/keys/a/", "/keys/b/", "/keys/c/"):
        reader(path)
    app.page("/keys/a/", "<p>A two</p>", keys="kp-article-12 kp-section-3")

    answer = purge(edge, xkey_purge="kp-article-12")

    # Each page is held twice: by the inner tier as sent, by the outer tier as served.
    assert answer.status_code == 200
    assert answer.json() == {"status": 200, "purged": 2}
    assert answer.headers["X-Purged"] == "2"
    refetched = reader("/keys/a/")
    assert (refetched.headers["X-Cache"], text(refetched)) == ("MISS", "A two")
    assert reader("/keys/b/").headers["X-Cache"] == "HIT"
    assert reader("/keys/c/").headers["X-Cache"] == "HIT"
    assert [app.hits(path) for path in ("/keys/a/", "/keys/b/", "/keys/c/")] == [2, 1, 1]

    # Several keys in one header: every object carrying any of them.
    answer = purge(edge, xkey_purge="kp-section-3 kp-article-14")

    assert answer.json() == {"status": 200, "purged": 6}
    for path in ("/keys/a/", "/keys/b/", "/keys/c/"):
        assert reader(path).headers["X-Cache"] == "MISS"


def test_a_purge_without_a_key_purges_the_url_as_wagtail_asks(app, reader, edge):
    app.page("/by-url/?page=2", "<p>Page two</p>")
    reader("/by-url/?page=2&utm_medium=email")

    # The purge's URL is normalised as a reader's is.
    answer = purge(edge, path="/by-url/?utm_source=x&page=2")

    assert answer.status_code == 200
    assert answer.json() == {"status": 200, "reason": "Purged"}
    assert reader("/by-url/?page=2").headers["X-Cache"] == "MISS"
    assert app.hits("/by-url/?page=2") == 2


def test_a_soft_purge_serves_the_stale_copy_while_it_refetches(app, reader, edge):
    app.page("/soft/", "<p>Old list</p>", keys="soft-latest")
    reader("/soft/")
    app.page("/soft/", "<p>New list</p>", keys="soft-latest")

    assert purge(edge, xkey_softpurge="soft-latest").json() == {"status": 200, "purged": 2}

    assert text(reader("/soft/")) == "Old list"
    assert wait_for(lambda: text(reader("/soft/")) == "New list")
    assert app.hits("/soft/") == 2


@pytest.mark.parametrize(
    "cookie",
    ["sessionid=abc123", "_ga=GA1.2.3; csrftoken=tok", "consent=yes;sessionid=x"],
    ids=["session", "csrf", "session-last"],
)
def test_a_session_or_csrf_cookie_passes_every_request_to_the_application(
    app, reader, cookie, request
):
    path = f"/cookie/{request.node.callspec.id}/"
    app.page(path, "<p>Hello editor</p>")

    responses = [reader(path, Cookie=cookie) for _ in range(3)]

    assert [response.headers["X-Cache"] for response in responses] == ["PASS"] * 3
    assert [request.headers["Cookie"] for request in app.requests_for(path)] == [cookie] * 3


def test_other_cookies_are_dropped_so_every_reader_shares_one_copy(app, reader):
    app.page("/analytics/", "<p>Story</p>")

    first = reader("/analytics/", Cookie="_ga=GA1.2.3; consent=yes")
    second = reader("/analytics/", Cookie="_gid=other")

    assert [first.headers["X-Cache"], second.headers["X-Cache"]] == ["MISS", "HIT"]
    assert "Cookie" not in app.requests_for("/analytics/")[0].headers


@pytest.mark.parametrize(
    ("path", "method", "headers"),
    [
        ("/admin/pages/", "GET", {}),
        ("/admin", "GET", {}),
        ("/pass/authorization/", "GET", {"Authorization": "Basic ZWQ6cHc="}),
        ("/pass/post/", "POST", {}),
    ],
)
def test_editors_and_writes_pass(app, reader, path, method, headers):
    app.page(path, "<p>Made for one</p>")

    for _ in range(2):
        assert reader(path, method=method, **headers).headers["X-Cache"] == "PASS"

    assert app.hits(path) == 2


@pytest.mark.parametrize(
    "headers",
    [
        {"Cache-Control": "private, no-cache"},
        {"Cache-Control": "private, no-store"},
        {"Cache-Control": "no-store"},
        {"Cache-Control": PUBLIC, "Set-Cookie": "sessionid=new; HttpOnly"},
        # Surrogate-Control would make Varnish's builtin rules ignore Cache-Control: private.
        {"Cache-Control": "private, no-cache", "Surrogate-Control": 'content="ESI/1.0"'},
        {},  # the application marks every public response; an unmarked one is not guessed at
    ],
    ids=["private", "private-no-store", "no-store", "set-cookie", "esi-private", "unmarked"],
)
def test_a_private_response_is_never_cached(app, reader, headers, request):
    path = f"/private/{request.node.callspec.id}/"
    app.replies[path] = Reply(200, {"Content-Type": "text/html", **headers}, b"<p>Draft</p>")

    responses = [reader(path) for _ in range(3)]

    assert all(response.headers["X-Cache"] != "HIT" for response in responses)
    assert app.hits(path) == 3


def test_query_strings_are_normalised_into_one_object(app, reader):
    app.page("/query/?a=1&b=2", "<p>Sorted</p>")
    app.page("/bare/", "<p>Bare</p>")

    variants = ["/query/?b=2&a=1&utm_source=x", "/query/?a=1&b=2", "/query/?fbclid=z&b=2&a=1"]
    caching = [reader(path).headers["X-Cache"] for path in variants]
    bare = [
        reader(path).headers["X-Cache"]
        for path in ["/bare/?", "/bare/", "/bare/?utm_campaign=c&UTM_MEDIUM=m&gclid=g&mc_cid=1"]
    ]

    assert caching == ["MISS", "HIT", "HIT"]
    assert bare == ["MISS", "HIT", "HIT"]
    assert [request.path for request in app.received if request.path.startswith("/query/")] == [
        "/query/?a=1&b=2"
    ]
    assert app.hits("/bare/") == 1


def test_a_tracking_lookalike_parameter_is_kept(app, reader):
    app.page("/lookalike/?fbclidx=1", "<p>Kept</p>")

    assert reader("/lookalike/?fbclidx=1").status_code == 200


def test_a_404_is_cached_only_briefly_whatever_it_says(app, reader):
    # The application's 404 claims a minute; the edge keeps it ERROR_TTL seconds.
    app.replies["/not-yet/"] = Reply(404, {"Cache-Control": PUBLIC}, b"<p>Not found</p>")

    first, second = reader("/not-yet/"), reader("/not-yet/")

    assert [(r.status_code, r.headers["X-Cache"]) for r in (first, second)] == [
        (404, "MISS"),
        (404, "HIT"),
    ]
    app.page("/not-yet/", "<p>Published</p>")
    time.sleep(ERROR_TTL + 0.2)
    assert wait_for(lambda: reader("/not-yet/").status_code == 200, timeout=2 * ERROR_TTL + 2)
    assert app.hits("/not-yet/") == 2


def test_an_expired_page_is_served_stale_while_it_refetches(app, reader):
    app.page("/swr/", "<p>First edition</p>", cache_control=SHORT)
    reader("/swr/")
    app.page("/swr/", "<p>Second edition</p>", cache_control=SHORT)
    time.sleep(1.2)

    stale = reader("/swr/")

    assert (stale.status_code, text(stale)) == (200, "First edition")
    assert wait_for(lambda: text(reader("/swr/")) == "Second edition")


def test_a_failing_application_leaves_readers_the_stale_copy(app, reader):
    app.page("/sie/", "<p>Before the outage</p>", cache_control=SHORT)
    reader("/sie/")
    app.replies["/sie/"] = Reply(503, {"Content-Type": "text/html"}, b"<p>Overloaded</p>")
    time.sleep(1.2)

    served = [reader("/sie/") for _ in range(3)]

    assert [(r.status_code, text(r)) for r in served] == [(200, "Before the outage")] * 3
    assert wait_for(lambda: app.hits("/sie/") >= 2)  # it did try to refetch


def test_a_stopped_application_leaves_readers_the_stale_copy(varnish_installed):
    app = ScriptedApp()
    edge = start_edge(app)
    try:
        app.page("/down/", "<p>Before the outage</p>", cache_control=SHORT)
        connection = http.client.HTTPConnection(edge.address.host, edge.address.port, timeout=10)
        connection.request("GET", "/down/")
        connection.getresponse().read()
        app.stop()
        # Were it still answering, readers would see this.
        app.page("/down/", "<p>After the outage</p>", cache_control=SHORT)
        time.sleep(1.2)

        served = []
        for _ in range(3):
            connection.request("GET", "/down/")
            response = connection.getresponse()
            served.append((response.status, BeautifulSoup(response.read(), "html.parser").text))
        connection.close()

        assert served == [(200, "Before the outage")] * 3
        assert app.hits("/down/") == 1
    finally:
        edge.stop()


def raw_get(edge, path: str, **headers: str) -> tuple[http.client.HTTPResponse, bytes]:
    """A GET without requests' automatic decompression."""
    connection = http.client.HTTPConnection(edge.address.host, edge.address.port, timeout=10)
    connection.request("GET", path, headers={k.replace("_", "-"): v for k, v in headers.items()})
    response = connection.getresponse()
    body = response.read()
    connection.close()
    return response, body


@pytest.mark.parametrize(
    ("content_type", "compressed"),
    [
        ("text/html; charset=utf-8", True),
        ("application/json", True),
        ("application/rss+xml", True),
        ("text/css", True),
        ("image/png", False),
    ],
)
def test_text_is_delivered_gzipped(app, edge, content_type, compressed):
    path = f"/gzip/{content_type.split(';')[0]}/"
    body = b"<p>" + b"A long paragraph of the story. " * 50 + b"</p>"
    app.replies[path] = Reply(200, {"Content-Type": content_type, "Cache-Control": PUBLIC}, body)

    gzipped, gzipped_body = raw_get(edge, path, Accept_Encoding="br, gzip;q=0.9, deflate")
    plain, plain_body = raw_get(edge, path)

    assert gzipped.getheader("Content-Encoding") == ("gzip" if compressed else None)
    assert (gzip.decompress(gzipped_body) if compressed else gzipped_body) == body
    assert plain.getheader("Content-Encoding") is None
    assert plain_body == body
    assert app.requests_for(path)[0].headers["Accept-Encoding"] == "gzip"
    assert app.hits(path) == 1  # one stored copy serves both


def test_esi_includes_a_fragment_that_is_purged_on_its_own(app, reader, edge):
    app.page(
        "/esi/page/",
        '<main><h1>Story</h1><esi:include src="/esi/latest/"/></main>',
        keys="esi-article",
        Surrogate_Control='content="ESI/1.0"',
        xkey_includes="esi-latest-news",
    )
    app.page("/esi/latest/", "<ul><li>First item</li></ul>", keys="esi-latest-news")

    first = reader("/esi/page/")
    app.page("/esi/latest/", "<ul><li>Second item</li></ul>", keys="esi-latest-news")
    # The block and the stitched page; not the page as the application sent it.
    assert purge(edge, xkey_purge="esi-latest-news").json()["purged"] == 2
    second, third = reader("/esi/page/"), reader("/esi/page/")

    for response, item in ((first, "First item"), (second, "Second item"), (third, "Second item")):
        page = BeautifulSoup(response.content, "html.parser")
        assert [li.get_text() for li in page.select("main ul li")] == [item]
        assert page.find("esi:include") is None
        for header in ("Surrogate-Control", "xkey-includes"):
            assert header not in response.headers
    # Stitched again from the page the inner tier kept: the page itself was not refetched.
    assert [r.headers["X-Cache"] for r in (first, second, third)] == ["MISS", "MISS", "HIT"]
    assert (app.hits("/esi/page/"), app.hits("/esi/latest/")) == (1, 2)
    capability = app.requests_for("/esi/page/")[0].headers["Surrogate-Capability"]
    assert capability == 'varnish="ESI/1.0"'


def stitched_page(app, path: str, block: str, item: str, **headers) -> None:
    """A page of ``path`` including the block at ``block`` (key ``block-key-<path>``)."""
    key = "block-key" + path.replace("/", "-")
    app.page(
        path,
        f'<main><h1>Story</h1><esi:include src="{block}"/></main>',
        keys="page-key" + path.replace("/", "-"),
        Surrogate_Control='content="ESI/1.0"',
        **headers,
    )
    app.page(block, f"<ul><li>{item}</li></ul>", keys=key)


def items(response) -> list[str]:
    return [li.get_text() for li in BeautifulSoup(response.content, "html.parser").select("li")]


def test_a_page_with_includes_is_stitched_once_then_served_as_one_object(app, reader, edge):
    stitched_page(app, "/stitch/once/", "/stitch/once-block/", "First", xkey_includes="block-key")
    first = reader("/stitch/once/")

    again = [reader("/stitch/once/") for _ in range(3)]

    assert [items(r) for r in (first, *again)] == [["First"]] * 4
    assert [r.headers["X-Cache"] for r in again] == ["HIT"] * 3
    # One stored object, sent whole with its length; a page stitched as it is sent (ESI at
    # delivery) cannot say its length beforehand and always goes out in chunks.
    for answer in again:
        assert "Content-Length" in answer.headers
        assert "Transfer-Encoding" not in answer.headers
    assert (app.hits("/stitch/once/"), app.hits("/stitch/once-block/")) == (1, 1)


def test_a_purge_of_a_pages_own_key_refetches_the_page_and_not_its_includes(app, reader, edge):
    stitched_page(app, "/stitch/own/", "/stitch/own-block/", "Item", xkey_includes="unrelated")
    reader("/stitch/own/")
    app.page(
        "/stitch/own/",
        '<main><h1>Corrected</h1><esi:include src="/stitch/own-block/"/></main>',
        keys="page-key-stitch-own-",
        Surrogate_Control='content="ESI/1.0"',
        xkey_includes="unrelated",
    )

    assert purge(edge, xkey_purge="page-key-stitch-own-").json()["purged"] == 2
    answer = reader("/stitch/own/")

    assert BeautifulSoup(answer.content, "html.parser").h1.get_text() == "Corrected"
    assert items(answer) == ["Item"]
    assert (app.hits("/stitch/own/"), app.hits("/stitch/own-block/")) == (2, 1)


def test_a_page_that_names_no_include_keys_is_stitched_for_every_answer(app, reader, edge):
    # Nothing says which purges must drop a stitched copy of it: keeping one could go stale.
    stitched_page(app, "/stitch/unnamed/", "/stitch/unnamed-block/", "Old")
    reader("/stitch/unnamed/")
    app.page("/stitch/unnamed-block/", "<ul><li>New</li></ul>", keys="block-key-stitch-unnamed-")

    purge(edge, xkey_purge="block-key-stitch-unnamed-")
    answers = [reader("/stitch/unnamed/") for _ in range(2)]

    assert [items(r) for r in answers] == [["New"], ["New"]]
    assert [r.headers["X-Cache"] for r in answers] == ["HIT", "HIT"]  # the inner tier's page
    assert app.hits("/stitch/unnamed/") == 1


def test_a_reader_cannot_reach_the_inner_tiers_objects(app, reader):
    stitched_page(app, "/stitch/inner/", "/stitch/inner-block/", "Item", xkey_includes="k")
    reader("/stitch/inner/")

    answer = reader("/stitch/inner/", X_Masthead_Purge_Inner="1")

    assert (answer.headers["X-Cache"], items(answer)) == ("HIT", ["Item"])
    assert "xkey-includes" not in answer.headers


def test_the_application_sees_the_readers_address_once(app, reader):
    app.page("/stitch/address/", "<p>Story</p>")
    reader("/stitch/address/")

    (request,) = app.requests_for("/stitch/address/")
    assert request.headers["X-Forwarded-For"] == "127.0.0.1"


def test_an_include_in_an_editors_page_passes_with_the_editors_own_headers(app, reader):
    # Varnish gives each include the reader's request as it arrived (cookies and all), so the
    # rules of vcl_recv must run for includes too, not be skipped to save time.
    app.page(
        "/esi/editor/",
        '<main><esi:include src="/esi/editor-latest/"/></main>',
        Surrogate_Control='content="ESI/1.0"',
    )
    app.page("/esi/editor-latest/", "<ul><li>Draft headline</li></ul>", keys="esi-editor")
    reader("/esi/editor/")  # a reader's visit stores the block

    editors = [reader("/esi/editor/", Cookie="sessionid=abc123") for _ in range(2)]

    for response in editors:
        page = BeautifulSoup(response.content, "html.parser")
        assert [li.get_text() for li in page.select("main ul li")] == ["Draft headline"]
        assert response.headers["X-Cache"] == "PASS"
    included = app.requests_for("/esi/editor-latest/")
    assert len(included) == 3  # the reader's once, then each editor's own
    assert [request.headers.get("Cookie") for request in included] == [
        None,
        "sessionid=abc123",
        "sessionid=abc123",
    ]


def test_a_page_with_includes_is_never_answered_304_and_its_block_stays_current(app, reader, edge):
    validators = {"ETag": '"page-v1"', "Last_Modified": "Mon, 02 Sep 2024 10:00:00 GMT"}
    app.page(
        "/esi/validators/",
        '<main><esi:include src="/esi/validators-latest/"/></main>',
        Surrogate_Control='content="ESI/1.0"',
        xkey_includes="esi-validators",
        **validators,
    )
    app.page("/esi/validators-latest/", "<ul><li>Old item</li></ul>", keys="esi-validators")
    first = reader("/esi/validators/")
    app.page("/esi/validators-latest/", "<ul><li>New item</li></ul>", keys="esi-validators")
    purge(edge, xkey_purge="esi-validators")

    # What a browser holding the first copy would send, with the page's own validators.
    again = reader(
        "/esi/validators/",
        If_None_Match='"page-v1"',
        If_Modified_Since="Mon, 02 Sep 2024 10:00:00 GMT",
    )

    assert "ETag" not in first.headers and "Last-Modified" not in first.headers
    assert again.status_code == 200
    assert "ETag" not in again.headers and "Last-Modified" not in again.headers
    page = BeautifulSoup(again.content, "html.parser")
    assert [li.get_text() for li in page.select("main ul li")] == ["New item"]


def test_a_page_without_includes_keeps_its_validators_and_is_answered_304(app, reader):
    app.page("/validators/", "<p>Story</p>", ETag='"story-v1"')
    reader("/validators/")

    again = reader("/validators/", If_None_Match='"story-v1"')

    assert (again.status_code, again.headers["X-Cache"]) == (304, "HIT")


def test_without_surrogate_control_esi_markup_is_left_alone(app, reader):
    app.page("/no-esi/", '<main><esi:include src="/esi/latest/"/></main>')

    page = BeautifulSoup(reader("/no-esi/").content, "html.parser")

    assert page.find("esi:include")["src"] == "/esi/latest/"


def test_purge_replies_are_json(edge):
    answer = purge(edge, xkey_purge="nothing-carries-this-key")

    assert answer.headers["Content-Type"] == "application/json"
    assert json.loads(answer.content) == {"status": 200, "purged": 0}


@pytest.fixture(scope="module")
def edge_refusing_purges(varnish_installed, app):
    """A varnishd whose purge ACL leaves out this host (127.0.0.1)."""
    varnish = start_edge(app, purgers=["127.0.0.2"])
    yield varnish
    varnish.stop()


@pytest.mark.parametrize("headers", [{"xkey_purge": "acl-article"}, {}], ids=["key", "url"])
def test_a_purge_from_outside_the_acl_is_refused(app, edge_refusing_purges, headers):
    edge = edge_refusing_purges
    path = f"/acl/{len(headers)}/"
    app.page(path, "<p>Story</p>", keys="acl-article")
    raw_get(edge, path)

    answer = purge(edge, path=path, **headers)

    assert answer.status_code == 403
    assert answer.json() == {"status": 403, "reason": "Forbidden"}
    response, _ = raw_get(edge, path)
    assert response.getheader("X-Cache") == "HIT"
    assert app.hits(path) == 1
