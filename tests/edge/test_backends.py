"""The key-purging backends: Fastly and Cloudflare against recording fakes (no request leaves
this machine), Varnish against two real varnishd instances."""

from __future__ import annotations

import json
import logging
import socket

import pytest
import requests
from django.core.exceptions import ImproperlyConfigured
from django.test import override_settings
from requests.structures import CaseInsensitiveDict
from wagtail.contrib.frontend_cache.utils import get_backends, purge_url_from_cache

from masthead.edge.backends import (
    PurgeError,
    VarnishXkeyBackend,
    batches,
    clean_keys,
    purge_keys_from_cache,
)
from tests.edge.conftest import start_edge

VARNISH = "masthead.edge.backends.VarnishXkeyBackend"
FASTLY = "masthead.edge.backends.FastlySurrogateKeyBackend"
CLOUDFLARE = "masthead.edge.backends.CloudflareCacheTagBackend"


class RecordingSession:
    """Stands in for ``requests.Session``: records each request and answers from ``answers``
    (a function of the request's number and keyword arguments), 200 with ``{"success": true}``
    by default."""

    def __init__(self, answer=None):
        self.sent: list[dict] = []
        self.answer = answer or (lambda number, sent: (200, {"success": True}))

    def request(self, method, url, **options):
        sent = {"method": method, "url": url, **options}
        self.sent.append(sent)
        status, body = self.answer(len(self.sent), sent)
        response = requests.Response()
        response.status_code = status
        response.reason = "OK" if status < 400 else "Error"
        response.url = url
        response.headers = CaseInsensitiveDict({"Content-Type": "application/json"})
        response._content = json.dumps(body).encode()
        return response

    def post(self, url, **options):
        return self.request("POST", url, **options)


def keys(count: int, prefix: str = "article") -> list[str]:
    return [f"{prefix}-{number}" for number in range(count)]


def loaded(backend_class: str, **backend_settings):
    """The backend as Wagtail's get_backends builds it from WAGTAILFRONTENDCACHE, with a
    recording session."""
    backend = get_backends({"edge": {"BACKEND": backend_class, **backend_settings}})["edge"]
    backend.session = RecordingSession()
    return backend


# Keys ------------------------------------------------------------------------------------------


def test_keys_are_deduplicated_in_their_first_order():
    assert clean_keys(["b", "a", "b", "release-abc", "a"]) == ["b", "a", "release-abc"]


@pytest.mark.parametrize("key", ["", "two words", "a,b", "line\nbreak", "ключ", 12])
def test_a_key_that_cannot_travel_in_a_header_is_refused(key):
    with pytest.raises(ValueError):
        clean_keys(["article-1", key])


def test_batches_respect_the_count_and_the_header_length():
    assert list(batches(keys(5), max_count=2)) == [keys(5)[:2], keys(5)[2:4], keys(5)[4:]]
    by_size = list(batches(["aaaa", "bbbb", "cccc", "toolongforone"], max_count=99, max_bytes=9))
    assert by_size == [["aaaa", "bbbb"], ["cccc"], ["toolongforone"]]


# Fastly ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "backend_settings",
    [{"SERVICE_ID": "svc"}, {"API_TOKEN": "t"}, {"SERVICE_ID": "", "API_TOKEN": "t"}],
)
def test_fastly_needs_a_service_and_a_token(backend_settings):
    with pytest.raises(ImproperlyConfigured):
        get_backends({"fastly": {"BACKEND": FASTLY, **backend_settings}})


def test_fastly_purges_up_to_256_keys_per_request():
    fastly = loaded(FASTLY, SERVICE_ID="SU1Z0isxPaozGVKXdv0eY", API_TOKEN="token", TIMEOUT=3)

    fastly.purge_keys([*keys(600), "article-1"])

    assert [sent["url"] for sent in fastly.session.sent] == [
        "https://api.fastly.com/service/SU1Z0isxPaozGVKXdv0eY/purge"
    ] * 3
    sent_keys = [sent["headers"]["Surrogate-Key"].split(" ") for sent in fastly.session.sent]
    assert sent_keys == [keys(600)[:256], keys(600)[256:512], keys(600)[512:]]
    for sent in fastly.session.sent:
        assert sent["method"] == "POST"
        assert sent["headers"]["Fastly-Key"] == "token"
        assert "Fastly-Soft-Purge" not in sent["headers"]
        assert sent["timeout"] == 3


def test_fastly_soft_purges_when_asked():
    fastly = loaded(FASTLY, SERVICE_ID="svc", API_TOKEN="token", SOFT=True)

    fastly.purge_keys(["latest-news"])

    assert fastly.session.sent[0]["headers"]["Fastly-Soft-Purge"] == "1"


def test_fastly_tries_every_batch_then_raises():
    fastly = loaded(FASTLY, SERVICE_ID="svc", API_TOKEN="token")
    fastly.session.answer = lambda number, sent: (500, {}) if number == 1 else (200, {})

    with pytest.raises(PurgeError) as raised:
        fastly.purge_keys(keys(300))

    assert len(fastly.session.sent) == 2
    assert len(raised.value.failures) == 1


def test_fastly_purges_a_url_and_only_logs_a_failure(caplog):
    fastly = loaded(FASTLY, SERVICE_ID="svc", API_TOKEN="token")
    fastly.session.answer = lambda number, sent: (200, {}) if number == 1 else (403, {})

    with caplog.at_level(logging.ERROR, logger="masthead.edge"):
        fastly.purge_batch(["https://news.example/politics/?page=2", "https://news.example/"])

    assert [sent["url"] for sent in fastly.session.sent] == [
        "https://api.fastly.com/purge/news.example/politics/?page=2",
        "https://api.fastly.com/purge/news.example/",
    ]
    assert [record.getMessage().split(" from ")[0] for record in caplog.records] == [
        "Couldn't purge 'https://news.example/'"
    ]


# Cloudflare ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "backend_settings",
    [{"BEARER_TOKEN": "t"}, {"ZONEID": "zone"}, {"ZONEID": "zone", "EMAIL": "ed@news.example"}],
)
def test_cloudflare_needs_a_zone_and_credentials(backend_settings):
    with pytest.raises(ImproperlyConfigured):
        get_backends({"cloudflare": {"BACKEND": CLOUDFLARE, **backend_settings}})


def test_cloudflare_purges_tags_in_batches_with_a_bearer_token():
    cloudflare = loaded(CLOUDFLARE, ZONEID="023e105f4ecef8ad9ca31a8372d0c353", BEARER_TOKEN="tok")

    cloudflare.purge_keys(keys(250))

    assert [sent["url"] for sent in cloudflare.session.sent] == [
        "https://api.cloudflare.com/client/v4/zones/023e105f4ecef8ad9ca31a8372d0c353/purge_cache"
    ] * 3
    assert [sent["json"] for sent in cloudflare.session.sent] == [
        {"tags": keys(250)[:100]},
        {"tags": keys(250)[100:200]},
        {"tags": keys(250)[200:]},
    ]
    assert cloudflare.session.sent[0]["headers"]["Authorization"] == "Bearer tok"


def test_cloudflare_batch_size_and_global_key_can_be_configured():
    cloudflare = loaded(
        CLOUDFLARE, ZONEID="zone", EMAIL="ed@news.example", API_KEY="key", TAGS_PER_REQUEST=30
    )

    cloudflare.purge_keys(keys(31))

    assert [len(sent["json"]["tags"]) for sent in cloudflare.session.sent] == [30, 1]
    headers = cloudflare.session.sent[0]["headers"]
    assert (headers["X-Auth-Email"], headers["X-Auth-Key"]) == ("ed@news.example", "key")
    assert "Authorization" not in headers


def test_cloudflare_raises_when_it_says_it_failed():
    cloudflare = loaded(CLOUDFLARE, ZONEID="zone", BEARER_TOKEN="tok")
    cloudflare.session.answer = lambda number, sent: (
        200,
        {"success": False, "errors": [{"code": 1134, "message": "Too many tags"}]},
    )

    with pytest.raises(PurgeError, match="Too many tags"):
        cloudflare.purge_keys(["article-1"])


def test_cloudflare_purges_urls_as_wagtail_does():
    cloudflare = loaded(CLOUDFLARE, ZONEID="zone", BEARER_TOKEN="tok")
    urls = [f"https://news.example/story-{number}/" for number in range(31)]

    cloudflare.purge_batch(urls)

    assert [sent["json"] for sent in cloudflare.session.sent] == [
        {"files": urls[:30]},
        {"files": urls[30:]},
    ]


# Varnish ---------------------------------------------------------------------------------------


def test_varnish_needs_a_list_of_locations():
    for bad in (None, [], "http://127.0.0.1:8000", ["127.0.0.1:8000"]):
        with pytest.raises(ImproperlyConfigured):
            get_backends({"varnish": {"BACKEND": VARNISH, "LOCATIONS": bad}})


@pytest.fixture(scope="module")
def two_edges(varnish_installed, app):
    first, second = start_edge(app), start_edge(app)
    yield first, second
    first.stop()
    second.stop()


def fetch(edge, path: str, host: str | None = None) -> str:
    """X-Cache of a GET through ``edge``."""
    headers = {"Host": host} if host else {}
    return requests.get(edge.url + path, headers=headers, timeout=10).headers["X-Cache"]


def closed_port() -> int:
    """A loopback port nothing listens on."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_a_varnish_key_purge_reaches_every_instance(app, two_edges):
    app.page("/vb/story/", "<p>Story</p>", keys="vb-article-1 vb-section-1")
    app.page("/vb/other/", "<p>Other</p>", keys="vb-article-2")
    for edge in two_edges:
        fetch(edge, "/vb/story/"), fetch(edge, "/vb/other/")
    backend = VarnishXkeyBackend({"LOCATIONS": [edge.url for edge in two_edges]})

    backend.purge_keys(["vb-article-1"])

    for edge in two_edges:
        assert (fetch(edge, "/vb/story/"), fetch(edge, "/vb/other/")) == ("MISS", "HIT")


def test_a_long_key_list_is_split_and_every_key_purged(app, two_edges):
    paths = [f"/vb/many/{number}/" for number in range(12)]
    for number, path in enumerate(paths):
        app.page(path, "<p>Item</p>", keys=f"vb-many-item-{number}")
        fetch(two_edges[0], path)
    backend = VarnishXkeyBackend({"LOCATIONS": [two_edges[0].url], "MAX_KEY_BYTES": 40})
    sent = []
    original = backend.session.request

    def record(method, url, **options):
        sent.append(options["headers"]["xkey-purge"])
        return original(method, url, **options)

    backend.session.request = record

    backend.purge_keys([f"vb-many-item-{number}" for number in range(12)])

    assert len(sent) > 1
    assert all(len(header) <= 40 for header in sent)
    assert [fetch(two_edges[0], path) for path in paths] == ["MISS"] * 12


def test_a_varnish_instance_down_fails_the_purge_after_the_others_are_purged(app, two_edges):
    first, second = two_edges
    app.page("/vb/down/", "<p>Story</p>", keys="vb-down-article")
    fetch(first, "/vb/down/"), fetch(second, "/vb/down/")
    down = f"http://127.0.0.1:{closed_port()}"
    # The scripted application does not know PURGE: an HTTP error (501).
    not_varnish = f"http://{app.address}"
    backend = VarnishXkeyBackend({"LOCATIONS": [down, first.url, not_varnish, second.url]})

    with pytest.raises(PurgeError) as raised:
        backend.purge_keys(["vb-down-article"])

    assert [failure.split(": ")[0] for failure in raised.value.failures] == [down, not_varnish]
    assert (fetch(first, "/vb/down/"), fetch(second, "/vb/down/")) == ("MISS", "MISS")


def test_wagtail_url_purges_reach_every_instance_with_the_page_host(app, two_edges):
    app.page("/vb/url/", "<p>Story</p>")
    for edge in two_edges:
        fetch(edge, "/vb/url/", host="news.example")
    backend_settings = {
        "varnish": {"BACKEND": VARNISH, "LOCATIONS": [edge.url for edge in two_edges]}
    }

    # Wagtail's own entry point, as its publish signal handlers call it.
    purge_url_from_cache("https://news.example/vb/url/", backend_settings=backend_settings)

    for edge in two_edges:
        assert fetch(edge, "/vb/url/", host="news.example") == "MISS"


def test_purge_keys_from_cache_uses_every_key_backend_and_names_each_failure(app, two_edges):
    first, second = two_edges
    app.page("/vb/all/", "<p>Story</p>", keys="vb-all-article")
    fetch(first, "/vb/all/"), fetch(second, "/vb/all/")
    down = f"http://127.0.0.1:{closed_port()}"
    frontend_caches = {
        "first": {"BACKEND": VARNISH, "LOCATIONS": [first.url]},
        "broken": {"BACKEND": VARNISH, "LOCATIONS": [down, second.url]},
        # Wagtail's own backends cannot purge by key and are left out.
        "urls": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
            "LOCATION": down,
        },
    }

    with (
        override_settings(WAGTAILFRONTENDCACHE=frontend_caches),
        pytest.raises(PurgeError) as raised,
    ):
        purge_keys_from_cache(["vb-all-article"])

    assert [failure.split(": ")[0] for failure in raised.value.failures] == [f"[broken] {down}"]
    assert (fetch(first, "/vb/all/"), fetch(second, "/vb/all/")) == ("MISS", "MISS")
