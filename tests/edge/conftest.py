"""A scripted application server and a real varnishd in front of it, both on free loopback ports.

``ScriptedApp`` is a threading ``http.server`` whose answer for each path a test sets
(status, headers, body) and which counts the requests it receives, so a test can tell a cache
hit (the application was not asked) from a miss. ``edge`` is one varnishd per test module,
started through ``masthead.edge.varnish.Varnish``; tests that share it use their own paths.

Without varnishd or the xkey vmod the Varnish tests are skipped, except under CI, where they
fail: CI must install them.
"""

from __future__ import annotations

import contextlib
import os
import socket
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
import requests

from masthead.edge.varnish import INSTALL_HINT, Varnish, VarnishError, compile_vcl

# Small thread pools: the defaults (2 pools of 100 threads) only slow each start down here.
TEST_PARAMETERS = {"thread_pools": "1", "thread_pool_min": "10", "thread_pool_max": "100"}
# The TTL a test's error pages get, short enough to wait for.
ERROR_TTL = 1

PUBLIC = "public, max-age=1, s-maxage=60, stale-while-revalidate=30, stale-if-error=600"


@dataclass
class Reply:
    """What the application answers on one path."""

    status: int = 200
    headers: dict[str, str] = field(
        default_factory=lambda: {"Content-Type": "text/html; charset=utf-8"}
    )
    body: bytes = b""


@dataclass
class Received:
    """One request the application received."""

    method: str
    path: str
    headers: dict[str, str]


class ScriptedApp:
    """A stand-in for the Django application, scripted per path by the tests."""

    def __init__(self) -> None:
        self.replies: dict[str, Reply | Callable[[], Reply]] = {}
        self.received: list[Received] = []
        self._lock = threading.Lock()
        self._connections: set[socket.socket] = set()
        app = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"  # keep-alive, as Varnish expects of a backend
            # Headers and body are separate writes: without this each miss waits out Nagle's
            # algorithm against a delayed ACK (40 ms).
            disable_nagle_algorithm = True

            def setup(self) -> None:
                super().setup()
                with app._lock:
                    app._connections.add(self.connection)

            def finish(self) -> None:
                with app._lock:
                    app._connections.discard(self.connection)
                super().finish()

            def do_GET(self) -> None:
                app._answer(self)

            do_HEAD = do_POST = do_GET

            def log_message(self, format: str, *args: object) -> None:
                pass  # tests must not print

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self._thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self._thread.start()

    @property
    def address(self) -> str:
        host, port = self.server.server_address[:2]
        return f"{host}:{port}"

    def page(self, path: str, body: str, keys: str = "", cache_control: str = PUBLIC, **headers):
        """Answer ``path`` with an HTML page naming ``keys`` in all three key headers."""
        reply_headers = {"Content-Type": "text/html; charset=utf-8", "Cache-Control": cache_control}
        if keys:
            reply_headers["xkey"] = keys
            reply_headers["Surrogate-Key"] = keys
            reply_headers["Cache-Tag"] = ",".join(keys.split())
        reply_headers.update({name.replace("_", "-"): value for name, value in headers.items()})
        self.replies[path] = Reply(200, reply_headers, body.encode())

    def hits(self, path: str) -> int:
        """How many requests the application received for ``path`` (with its query)."""
        with self._lock:
            return sum(1 for request in self.received if request.path == path)

    def requests_for(self, path: str) -> list[Received]:
        with self._lock:
            return [request for request in self.received if request.path == path]

    def _answer(self, handler: BaseHTTPRequestHandler) -> None:
        length = int(handler.headers.get("Content-Length") or 0)
        if length:
            handler.rfile.read(length)
        with self._lock:
            self.received.append(Received(handler.command, handler.path, dict(handler.headers)))
        reply = self.replies.get(handler.path, Reply(404, body=b"not found"))
        if callable(reply):
            reply = reply()
        handler.send_response(reply.status)
        for name, value in reply.headers.items():
            handler.send_header(name, value)
        handler.send_header("Content-Length", str(len(reply.body)))
        handler.end_headers()
        if handler.command != "HEAD":
            handler.wfile.write(reply.body)

    def stop(self) -> None:
        """Stop answering, as a crashed application would: no new connections, and the ones
        Varnish keeps alive are cut."""
        self.server.shutdown()
        self.server.server_close()
        with self._lock:
            for connection in self._connections:
                with contextlib.suppress(OSError):
                    connection.shutdown(socket.SHUT_RDWR)


def _varnish_missing() -> str | None:
    try:
        compile_vcl()
    except VarnishError as error:
        return str(error)
    return None


def require_varnish() -> None:
    """Skip the calling test when varnishd or the xkey vmod is missing; fail it under CI,
    which must install them."""
    reason = _varnish_missing()
    if reason is None:
        return
    message = f"Varnish with the xkey vmod is needed ({INSTALL_HINT}): {reason}"
    if os.environ.get("CI"):
        pytest.fail(message)
    pytest.skip(message)


@pytest.fixture(scope="session")
def varnish_installed() -> None:
    require_varnish()


@pytest.fixture(scope="module")
def app() -> Iterator[ScriptedApp]:
    server = ScriptedApp()
    yield server
    server.stop()


def start_edge(app: ScriptedApp, **options) -> Varnish:
    """A running varnishd in front of ``app`` (stop it yourself)."""
    edge = Varnish(
        "127.0.0.1:0",
        app.address,
        error_ttl=options.pop("error_ttl", ERROR_TTL),
        storage="malloc,32m",
        parameters=TEST_PARAMETERS,
        **options,
    )
    edge.start()
    return edge


@pytest.fixture(scope="module")
def edge(varnish_installed, app) -> Iterator[Varnish]:
    varnish = start_edge(app)
    yield varnish
    varnish.stop()


@pytest.fixture
def reader(edge) -> Callable[..., requests.Response]:
    """``reader(path, **headers)``: a GET through Varnish, on a fresh connection."""

    def get(path: str, method: str = "GET", **headers: str) -> requests.Response:
        return requests.request(
            method,
            edge.url + path,
            headers={name.replace("_", "-"): value for name, value in headers.items()},
            timeout=10,
            allow_redirects=False,
        )

    return get


def wait_for(condition: Callable[[], bool], timeout: float = 5) -> bool:
    """Poll ``condition`` until it holds (True) or ``timeout`` passes (False)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.05)
    return condition()


def purge(edge: Varnish, *, method: str = "PURGE", path: str = "/", **headers: str):
    """Send a purge to ``edge`` and return the response."""
    return requests.request(
        method,
        edge.url + path,
        headers={name.replace("_", "-"): value for name, value in headers.items()},
        timeout=10,
    )
