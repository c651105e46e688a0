"""Purge backends for Wagtail's frontend-cache framework that also purge by *key*.

A public response names the content it shows as keys (``article-12 section-3 latest-news``) in
``xkey``, ``Surrogate-Key`` and ``Cache-Tag``; when something changes, the invalidation map says
which keys went stale and :func:`purge_keys_from_cache` asks every configured backend to drop
every object carrying any of them. Each backend is named in ``WAGTAILFRONTENDCACHE`` and loaded
by Wagtail's own ``get_backends``, so Wagtail's URL purges (``purge``/``purge_batch``) keep
working beside the key purges:

- :class:`VarnishXkeyBackend`: ``PURGE`` with ``xkey-purge`` to each of several Varnish
  instances running deploy/varnish/masthead.vcl;
- :class:`FastlySurrogateKeyBackend`: Fastly's batch surrogate-key purge;
- :class:`CloudflareCacheTagBackend`: Cloudflare's purge by cache tag.

Errors: a URL purge logs and carries on, as Wagtail's backends do (it runs while an editor
publishes). A key purge raises :class:`PurgeError` once it has tried every instance and every
batch, so the task that called it can retry: a stale page left behind after a correction is the
failure that matters.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable, Iterator, Mapping
from typing import Any
from urllib.parse import quote, urlsplit, urlunsplit

import requests
from django.core.exceptions import ImproperlyConfigured
from wagtail import __version__ as wagtail_version
from wagtail.contrib.frontend_cache.backends.base import BaseBackend
from wagtail.contrib.frontend_cache.utils import get_backends

logger = logging.getLogger("masthead.edge")

USER_AGENT = f"Masthead-edge (Wagtail-frontendcache/{wagtail_version})"
# A key is one token in a space- or comma-separated header: printable ASCII, no separators.
_KEY = re.compile(r"^[!-+\--~]+$")


class PurgeError(RuntimeError):
    """A key purge did not reach every cache; ``failures`` says where and why."""

    def __init__(self, failures: list[str]) -> None:
        super().__init__("; ".join(failures))
        self.failures = failures


def clean_keys(keys: Iterable[str]) -> list[str]:
    """The keys without duplicates, in their first order; ``ValueError`` for a key that could
    not travel in a header (empty, a space, a comma, a control or non-ASCII character)."""
    seen: dict[str, None] = {}
    for key in keys:
        if not isinstance(key, str) or not _KEY.match(key):
            raise ValueError(f"not a purge key: {key!r}")
        seen.setdefault(key, None)
    return list(seen)


def batches(
    keys: list[str], *, max_count: int, max_bytes: int | None = None
) -> Iterator[list[str]]:
    """Split ``keys`` into runs of at most ``max_count`` keys whose space-separated text is at
    most ``max_bytes`` long (a key longer than that travels alone)."""
    batch: list[str] = []
    size = 0
    for key in keys:
        added = len(key) + (1 if batch else 0)
        if batch and (len(batch) >= max_count or (max_bytes and size + added > max_bytes)):
            yield batch
            batch, size, added = [], 0, len(key)
        batch.append(key)
        size += added
    if batch:
        yield batch


def _setting(params: dict[str, Any], name: str, kind: type, default: Any) -> Any:
    value = params.pop(name, default)
    if kind is float and isinstance(value, int) and not isinstance(value, bool):
        value = float(value)
    if isinstance(value, bool) or not isinstance(value, kind) or value <= 0:
        raise ImproperlyConfigured(
            f"The setting 'WAGTAILFRONTENDCACHE' needs '{name}' to be a positive "
            f"{kind.__name__}, not {value!r}."
        )
    return value


def _required(params: dict[str, Any], name: str) -> str:
    value = params.pop(name, None)
    if not isinstance(value, str) or not value:
        raise ImproperlyConfigured(f"The setting 'WAGTAILFRONTENDCACHE' requires '{name}'.")
    return value


class KeyPurgingBackend(BaseBackend):
    """A Wagtail frontend-cache backend that can also purge by key.

    ``session`` is the ``requests.Session`` every request goes through (tests replace it with a
    recording fake); ``TIMEOUT`` (seconds, default 10) bounds each request.
    """

    def __init__(self, params: dict[str, Any]) -> None:
        super().__init__(params)
        params.pop("HOSTNAMES", None)
        self.timeout: float = _setting(params, "TIMEOUT", float, 10.0)
        self.session = requests.Session()
        self.session.headers["User-Agent"] = USER_AGENT

    def purge(self, url: str) -> None:
        self.purge_batch([url])

    def purge_keys(self, keys: Iterable[str]) -> None:
        """Purge every object carrying any of ``keys``; raise :class:`PurgeError` after trying
        everything if any request failed."""
        raise NotImplementedError


class VarnishXkeyBackend(KeyPurgingBackend):
    """Purges one or more Varnish instances running deploy/varnish/masthead.vcl.

    Settings: ``LOCATIONS`` (each instance's ``http://host:port``), ``TIMEOUT``, ``SOFT``
    (``xkey-softpurge``: readers keep the stale copy while it refetches; default False, see the
    VCL), ``MAX_KEY_BYTES`` (the longest ``xkey-purge`` header sent, default 4000: Varnish
    refuses a header over ``http_req_hdr_len``, 8 KiB by default).
    """

    MAX_KEYS_PER_REQUEST = 1000

    def __init__(self, params: dict[str, Any]) -> None:
        super().__init__(params)
        locations = params.pop("LOCATIONS", None)
        if (
            not isinstance(locations, list | tuple)
            or not locations
            or not all(isinstance(location, str) for location in locations)
        ):
            raise ImproperlyConfigured(
                "The setting 'WAGTAILFRONTENDCACHE' requires 'LOCATIONS', a list of Varnish "
                "URLs such as ['http://127.0.0.1:8000']."
            )
        self.locations: list[str] = []
        for location in locations:
            parts = urlsplit(location)
            if parts.scheme not in ("http", "https") or not parts.netloc:
                raise ImproperlyConfigured(f"Not a Varnish URL in 'LOCATIONS': {location!r}")
            self.locations.append(urlunsplit((parts.scheme, parts.netloc, "", "", "")))
        self.soft: bool = bool(params.pop("SOFT", False))
        self.max_key_bytes: int = _setting(params, "MAX_KEY_BYTES", int, 4000)

    def purge_keys(self, keys: Iterable[str]) -> None:
        header = "xkey-softpurge" if self.soft else "xkey-purge"
        failures = []
        for batch in batches(
            clean_keys(keys), max_count=self.MAX_KEYS_PER_REQUEST, max_bytes=self.max_key_bytes
        ):
            for location in self.locations:
                try:
                    response = self.session.request(
                        "PURGE",
                        location + "/",
                        headers={header: " ".join(batch)},
                        timeout=self.timeout,
                    )
                    response.raise_for_status()
                except requests.RequestException as error:
                    failures.append(f"{location}: {error}")
                    continue
                logger.info(
                    "Varnish %s purged %s objects for %d keys",
                    location,
                    response.headers.get("X-Purged", "?"),
                    len(batch),
                )
        if failures:
            raise PurgeError(failures)

    def purge_batch(self, urls: Iterable[str]) -> None:
        # Wagtail's HTTPBackend, for each instance: PURGE the URL's path with its Host header.
        for url in urls:
            parts = urlsplit(url)
            for location in self.locations:
                try:
                    response = self.session.request(
                        "PURGE",
                        location + (parts.path or "/") + (f"?{parts.query}" if parts.query else ""),
                        headers={"Host": parts.netloc} if parts.netloc else {},
                        timeout=self.timeout,
                    )
                    response.raise_for_status()
                except requests.RequestException as error:
                    logger.error("Couldn't purge '%s' from Varnish %s: %s", url, location, error)


class FastlySurrogateKeyBackend(KeyPurgingBackend):
    """Purges a Fastly service by surrogate key, and by URL.

    Settings: ``SERVICE_ID``, ``API_TOKEN`` (sent as ``Fastly-Key``; it needs the
    ``purge_select`` scope), ``SOFT`` (``Fastly-Soft-Purge: 1``: objects are marked stale, not
    dropped, so Fastly can still serve them while it refetches or the origin is down; default
    False), ``TIMEOUT``.
    """

    API = "https://api.fastly.com"
    # Fastly's API reference (bulk_purge_tag, POST /service/{service_id}/purge): "Up to 256
    # surrogate keys can be purged in one batch request", keys listed in a Surrogate-Key header.
    MAX_KEYS_PER_REQUEST = 256

    def __init__(self, params: dict[str, Any]) -> None:
        super().__init__(params)
        self.service_id = _required(params, "SERVICE_ID")
        self.api_token = _required(params, "API_TOKEN")
        self.soft: bool = bool(params.pop("SOFT", False))

    def _headers(self) -> dict[str, str]:
        headers = {"Fastly-Key": self.api_token, "Accept": "application/json"}
        if self.soft:
            headers["Fastly-Soft-Purge"] = "1"
        return headers

    def purge_keys(self, keys: Iterable[str]) -> None:
        url = f"{self.API}/service/{quote(self.service_id, safe='')}/purge"
        failures = []
        for batch in batches(clean_keys(keys), max_count=self.MAX_KEYS_PER_REQUEST):
            try:
                response = self.session.post(
                    url,
                    headers={**self._headers(), "Surrogate-Key": " ".join(batch)},
                    timeout=self.timeout,
                )
                response.raise_for_status()
            except requests.RequestException as error:
                failures.append(f"Fastly, {len(batch)} keys from {batch[0]!r}: {error}")
                continue
            logger.info("Fastly purged %d keys", len(batch))
        if failures:
            raise PurgeError(failures)

    def purge_batch(self, urls: Iterable[str]) -> None:
        # Fastly purges one URL per call: POST /purge/{host}{path}.
        for url in urls:
            parts = urlsplit(url)
            target = parts.netloc + (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
            try:
                response = self.session.post(
                    f"{self.API}/purge/{target}", headers=self._headers(), timeout=self.timeout
                )
                response.raise_for_status()
            except requests.RequestException as error:
                logger.error("Couldn't purge '%s' from Fastly: %s", url, error)


class CloudflareCacheTagBackend(KeyPurgingBackend):
    """Purges a Cloudflare zone by cache tag, and by URL.

    Settings as Wagtail's own ``CloudflareBackend``: ``ZONEID`` and either ``BEARER_TOKEN`` (an
    API token with the Cache Purge permission) or ``EMAIL`` with ``API_KEY``; ``TIMEOUT``;
    ``TAGS_PER_REQUEST``.
    """

    # Cloudflare's "Purge cache" limits (developers.cloudflare.com/cache/how-to/purge-cache/):
    # "Max operations per request: 100" on every plan (it was 30 tags until 2025), with a rate
    # limit per request (5 a minute on the Free plan), so fuller requests are better.
    # TAGS_PER_REQUEST can lower it.
    TAGS_PER_REQUEST = 100
    # As Wagtail's CloudflareBackend.
    URLS_PER_REQUEST = 30

    def __init__(self, params: dict[str, Any]) -> None:
        super().__init__(params)
        self.zone_id = _required(params, "ZONEID")
        self.bearer_token = params.pop("BEARER_TOKEN", None)
        self.email = params.pop("EMAIL", None)
        self.api_key = params.pop("API_KEY", None)
        if not self.bearer_token and not (self.email and self.api_key):
            raise ImproperlyConfigured(
                "The setting 'WAGTAILFRONTENDCACHE' requires 'BEARER_TOKEN', or both 'EMAIL' "
                "and 'API_KEY', for Cloudflare."
            )
        self.tags_per_request: int = _setting(
            params, "TAGS_PER_REQUEST", int, self.TAGS_PER_REQUEST
        )
        self.purge_url = (
            f"https://api.cloudflare.com/client/v4/zones/{quote(self.zone_id, safe='')}/purge_cache"
        )

    def _post(self, body: Mapping[str, list[str]]) -> None:
        headers = {"Content-Type": "application/json"}
        if self.bearer_token:
            headers["Authorization"] = f"Bearer {self.bearer_token}"
        else:
            headers["X-Auth-Email"] = self.email
            headers["X-Auth-Key"] = self.api_key
        response = self.session.post(
            self.purge_url, json=dict(body), headers=headers, timeout=self.timeout
        )
        try:
            answer = response.json()
        except ValueError:
            answer = None
        if not response.ok or not isinstance(answer, dict) or answer.get("success") is not True:
            errors = answer.get("errors") if isinstance(answer, dict) else None
            messages = ", ".join(str(error.get("message", error)) for error in errors or [])
            raise requests.HTTPError(
                f"{response.status_code} {messages or response.reason}", response=response
            )

    def purge_keys(self, keys: Iterable[str]) -> None:
        failures = []
        for batch in batches(clean_keys(keys), max_count=self.tags_per_request):
            try:
                self._post({"tags": batch})
            except requests.RequestException as error:
                failures.append(f"Cloudflare, {len(batch)} tags from {batch[0]!r}: {error}")
                continue
            logger.info("Cloudflare purged %d tags", len(batch))
        if failures:
            raise PurgeError(failures)

    def purge_batch(self, urls: Iterable[str]) -> None:
        for batch in batches(list(urls), max_count=self.URLS_PER_REQUEST):
            try:
                self._post({"files": batch})
            except requests.RequestException as error:
                for url in batch:
                    logger.error("Couldn't purge '%s' from Cloudflare: %s", url, error)


def purge_keys_from_cache(
    keys: Iterable[str],
    backend_settings: Mapping[str, Any] | None = None,
    backends: Iterable[str] | None = None,
) -> None:
    """Purge ``keys`` from every configured backend that purges by key (the others are
    skipped), trying each even if one fails; then raise :class:`PurgeError` naming every
    failure. Arguments as Wagtail's ``purge_urls_from_cache``."""
    keys = clean_keys(keys)
    if not keys:
        return
    configured = get_backends(
        dict(backend_settings) if backend_settings is not None else None,
        list(backends) if backends is not None else None,
    )
    failures = []
    for name, backend in configured.items():
        if not isinstance(backend, KeyPurgingBackend):
            continue
        try:
            backend.purge_keys(keys)
        except PurgeError as error:
            failures += [f"[{name}] {failure}" for failure in error.failures]
    if failures:
        raise PurgeError(failures)
