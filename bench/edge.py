"""`make bench-edge`: Masthead behind Varnish against nginx serving the same bytes, and a
publishing storm.

Prepares its own bench database (a fresh SQLite file under bench/.work/edge/, or
``masthead_bench_edge`` on the PostgreSQL server DATABASE_URL names) as `make bench` does, then
starts the production stack on 127.0.0.1 as `make serve-production` does: gunicorn with
production settings purging Varnish, the edge task worker, Varnish with
deploy/varnish/masthead.vcl in front, and an nginx serving the exact gzip bytes Varnish sends for
the article (pre-compressed, ``gzip_static``). Then:

1. **The cached article**: wrk on nginx and on Varnish in alternating rounds, the same
   -t/-c/-d and ``Accept-Encoding: gzip`` on both; Varnish's rate as a share of nginx's in each
   round, and their median.
2. **A publishing storm**: readers (wrk with a Lua script rotating over the home, the article
   and a section page, counting ``X-Cache`` answers) while one long-lived Django process
   publishes a news item every few seconds and watchers poll ``/``, ``/_esi/latest-news/``
   and the section page through Varnish to note when each headline first shows; Varnish's
   requests to its application backend and gunicorn's access log count the origin renders.

Everything runs on 127.0.0.1, every wait is bounded, and every process started here is stopped on
the way out. See docs/performance.md ("The edge").
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import gzip
import http.client
import json
import math
import os
import re
import secrets
import select
import shutil
import socket
import statistics
import subprocess
import sys
import threading
import time
import zlib
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from urllib.parse import urlsplit

import database
import entry
import load
import pages
import report
import run
import servers

ROOT = run.ROOT
WORK = run.WORK / "edge"
DOCS = run.DOCS
CAPTURE = run.CAPTURE
VENV_BIN = run.VENV_BIN
# Its own Redis database and PostgreSQL database: the storm publishes into the database, which
# `make bench --reuse-database` must not measure afterwards.
REDIS_URL = "redis://127.0.0.1:6379/13"
DATABASE_NAME = "masthead_bench_edge"
DOCS_NAME = "bench-edge:results"
GZIP = "Accept-Encoding: gzip"
ESI_PATH = "/_esi/latest-news/"
INSTALL_VARNISH = "apt-get install -y varnish varnish-modules"
# The targets.
TARGET_SHARE = 0.7  # Varnish's rate on the cached article, as a share of nginx's
GOAL_SHARE = 0.8
TARGET_HIT_SHARE = 0.99  # of the storm's reader requests answered from Varnish's cache
TARGET_VISIBLE_SECONDS = 1.0  # publish-to-visible p95

STORM_LUA = """\
-- Rotates over the storm's pages and counts how Varnish answered each request (X-Cache).
local paths = {paths}
local threads = {{}}

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  turn = 0
  hit, miss, pass, other, failed = 0, 0, 0, 0, 0
end

function request()
  turn = turn + 1
  return wrk.format("GET", paths[(turn % #paths) + 1])
end

function response(status, headers, body)
  local answer = headers["X-Cache"] or headers["x-cache"]
  if answer == "HIT" then hit = hit + 1
  elseif answer == "MISS" then miss = miss + 1
  elseif answer == "PASS" then pass = pass + 1
  else other = other + 1 end
  if status >= 400 then failed = failed + 1 end
end

function done(summary, latency, requests)
  local total = {{hit = 0, miss = 0, pass = 0, other = 0, failed = 0}}
  for _, thread in ipairs(threads) do
    for name, _ in pairs(total) do
      total[name] = total[name] + thread:get(name)
    end
  end
  io.write(string.format("x-cache: HIT %d MISS %d PASS %d other %d failed %d\\n",
    total.hit, total.miss, total.pass, total.other, total.failed))
end
"""


class BenchError(RuntimeError):
    pass


# --- Arguments ---------------------------------------------------------------------------------


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description="Masthead behind Varnish against nginx, and a publishing storm (see the "
        "module's docstring and docs/performance.md)"
    )
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers")
    parser.add_argument(
        "--rounds", type=int, default=5, help="alternating rounds (≥ 3; the median is taken)"
    )
    parser.add_argument("--seconds", type=float, default=5, help="length of each wrk run")
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--storm-seconds", type=float, default=60, help="length of the storm")
    parser.add_argument(
        "--storm-connections", type=int, default=32, help="the storm's readers (connections)"
    )
    parser.add_argument(
        "--publish-every", type=float, default=5, help="seconds between publishes in the storm"
    )
    parser.add_argument(
        "--poll-ms", type=float, default=20, help="the watcher's interval per page (ms)"
    )
    parser.add_argument(
        "--quick",
        action="store_true",
        help="for development: 1 round of 3 s runs and a 10 s storm (overrides those options)",
    )
    parser.add_argument(
        "--port-base",
        type=int,
        default=19000,
        help="gunicorn on +1, Varnish on +2, nginx on +80 (127.0.0.1 only)",
    )
    parser.add_argument(
        "--reuse-database",
        action="store_true",
        help="skip preparing: use the database the previous run prepared (and published into)",
    )
    parser.add_argument("--no-docs", action="store_true", help="do not rewrite docs/performance.md")
    parser.add_argument(
        "--quiet-wait",
        type=float,
        default=60,
        help="seconds to wait at most for other processes to leave the CPU (0: do not wait)",
    )
    parser.add_argument("--max-minutes", type=float, default=8, help="give up after this long")
    args = parser.parse_args(argv)
    if args.quick:
        args.rounds, args.seconds, args.storm_seconds = 1, 3, 10
    if not 1 <= args.rounds <= 20 or not 1 <= args.workers <= 16:
        parser.error("--rounds must be 1..20 and --workers 1..16")
    if not 1 <= args.seconds <= 60:
        parser.error("wrk runs must last 1..60 seconds")
    if not 5 <= args.storm_seconds <= 300 or not 1 <= args.publish_every <= args.storm_seconds:
        parser.error("--storm-seconds must be 5..300 and --publish-every 1..storm-seconds")
    if not 1 <= args.storm_connections <= 256 or not 5 <= args.poll_ms <= 1000:
        parser.error("--storm-connections must be 1..256 and --poll-ms 5..1000")
    if not 0 <= args.quiet_wait <= 600:
        parser.error("--quiet-wait must be 0..600 seconds")
    if not 1024 < args.port_base < 65000:
        parser.error("--port-base must be between 1025 and 64999")
    return args


# --- Tools, database, environment --------------------------------------------------------------


def varnish_launcher() -> ModuleType:
    """masthead.edge.varnish, the launcher `make serve-production` and the tests use."""
    if str(ROOT) not in sys.path:
        sys.path.insert(1, str(ROOT))
    from masthead.edge import varnish

    return varnish


def ensure_varnish() -> str:
    """varnishd (with the xkey vmod) from Debian; installed here when missing and we are root."""
    launcher = varnish_launcher()
    try:
        launcher.compile_vcl()
        return launcher.find_program("varnishd")
    except launcher.VarnishError as exc:
        print(f"{exc}\nInstall Varnish and its modules with:\n  {INSTALL_VARNISH}")
        if os.geteuid() != 0:
            raise BenchError(f"run `{INSTALL_VARNISH}` as root, then again") from exc
    install = ["apt-get", "install", "-y", "-q", "varnish", "varnish-modules"]
    print(f"running it now (as root): {' '.join(install)}")
    if subprocess.run(install, timeout=600, check=False).returncode != 0:
        subprocess.run(["apt-get", "update", "-q"], timeout=600, check=False)
        subprocess.run(install, timeout=600, check=False)
    try:
        launcher.compile_vcl()
    except launcher.VarnishError as exc:
        raise BenchError(f"Varnish is still not usable: {exc}") from exc
    return launcher.find_program("varnishd")


def prepare(args: argparse.Namespace, bench_db: database.BenchDatabase, env: dict) -> str | None:
    """Fill a fresh bench database as `make bench` does; the seed article's path."""
    state = WORK / "prepared.json"
    if args.reuse_database:
        try:
            prepared = json.loads(state.read_text())
        except (OSError, ValueError) as exc:
            raise BenchError("--reuse-database: no prepared database; run without it") from exc
        if prepared.get("database") != bench_db.url:
            raise BenchError("--reuse-database: the prepared database is another one")
        print("using the database prepared earlier (with the news items earlier runs published)")
        return prepared.get("seed_path")
    print(f"preparing the bench database: {bench_db.label}")
    state.unlink(missing_ok=True)
    shutil.rmtree(WORK / "cache", ignore_errors=True)
    shutil.rmtree(WORK / "media", ignore_errors=True)
    database.recreate(bench_db, os.environ.get("DATABASE_URL"), WORK)
    seed_path = database.fill(ROOT, env, CAPTURE)
    state.write_text(json.dumps({"database": bench_db.url, "seed_path": seed_path}))
    return seed_path


def edge_env(env: dict, varnish_port: int) -> dict:
    """The bench's production environment, with purges sent to our Varnish, as
    `make serve-production` sets it (no TLS in front, so no redirect to https and no HSTS)."""
    return {
        **env,
        "MASTHEAD_FRAGMENT_CACHE": "1",
        "EDGE_PURGE": "varnish",
        "VARNISH_PURGE_URLS": f"http://{servers.HOST}:{varnish_port}",
        "SECURE_SSL_REDIRECT": "0",
        "SECURE_HSTS_SECONDS": "0",
    }


# --- HTTP as a reader sends it -----------------------------------------------------------------


@dataclass(frozen=True)
class Answer:
    status: int
    headers: dict[str, str]  # names in lower case
    body: bytes  # as sent (gzip when Content-Encoding says so)


def get(
    base_url: str, path: str, timeout: float = 10, headers: dict[str, str] | None = None
) -> Answer:
    """GET ``path`` with ``Accept-Encoding: gzip``, as a browser asks (and ``headers``)."""
    parts = urlsplit(base_url)
    if parts.hostname != servers.HOST:
        raise BenchError(f"refusing to fetch anything but {servers.HOST}: {base_url}")
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=timeout)
    try:
        connection.request("GET", path, headers={"Accept-Encoding": "gzip", **(headers or {})})
        response = connection.getresponse()
        body = response.read()
        received = {name.lower(): value for name, value in response.getheaders()}
        return Answer(response.status, received, body)
    except (OSError, http.client.HTTPException) as exc:
        raise BenchError(f"{base_url}{path} failed: {exc}") from exc
    finally:
        connection.close()


def origin_keys(app_url: str, path: str) -> list[str]:
    """The keys the application names for ``path`` when Varnish asks (it strips them)."""
    answer = get(app_url, path, headers={"Surrogate-Capability": 'varnish="ESI/1.0"'})
    return answer.headers.get("xkey", "").split()


def warmed_through(edge_url: str, path: str) -> Answer:
    """``path`` through Varnish after two requests: cached, if it is cacheable at all."""
    for _ in range(2):
        get(edge_url, path)
    answer = get(edge_url, path)
    if answer.status != 200:
        raise BenchError(f"Varnish answered {answer.status} for {path}")
    return answer


# --- Varnish's processes and counters ----------------------------------------------------------


def record(registry: servers.Registry, name: str, pid: int, log: Path) -> servers.Server:
    """Note a process started elsewhere (Varnish, the publisher) in the registry, so that a run
    killed outright has it stopped by the next one; stopping it stays its owner's job."""
    entry = registry.add(servers.Server(name, [], 0, log))
    entry.remember(pid)
    for child in servers.children(pid):
        entry.remember(child)
    registry.save()
    return entry


def origin_change(before: dict[str, int], after: dict[str, int]) -> int:
    """Requests Varnish sent the application between two readings of its counters (its outer
    tier's fetches from the inner tier are not the application's)."""
    launcher = varnish_launcher()
    return launcher.origin_requests(after) - launcher.origin_requests(before)


def counter_change(before: dict[str, int], after: dict[str, int], name: str) -> int:
    return after.get(name, 0) - before.get(name, 0)


_ACCESS_LINE = re.compile(r'"([A-Z]+) (\S+) HTTP/[\d.]+" (\d{3}) ')


def origin_requests(access_log: Path, offset: int) -> list[tuple[str, int]]:
    """(path, status) of each request gunicorn logged after ``offset`` bytes of its log."""
    try:
        with access_log.open("rb") as log:
            log.seek(offset)
            text = log.read().decode("utf-8", "replace")
    except OSError:
        return []
    return [(m.group(2), int(m.group(3))) for m in _ACCESS_LINE.finditer(text)]


def log_size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


# --- The cached article: Varnish against nginx -------------------------------------------------


def same_bytes_for_nginx(edge_url: str, compared: pages.Page, webroot: Path) -> Answer:
    """Save the gzip bytes Varnish sends for ``compared`` (and their plain form) for nginx's
    ``gzip_static``; Varnish must have answered from its cache."""
    answer = warmed_through(edge_url, compared.path)
    if answer.headers.get("x-cache") != "HIT":
        raise BenchError(
            f"the warmed {compared.description} is not a hit in Varnish "
            f"(X-Cache: {answer.headers.get('x-cache')})"
        )
    if answer.headers.get("content-encoding") != "gzip":
        raise BenchError(f"Varnish did not send the {compared.description} gzipped")
    pages.save_web_root([(compared, gzip.decompress(answer.body))], webroot)
    packed = webroot / f"{compared.name}.html.gz"
    packed.write_bytes(answer.body)
    packed.chmod(0o644)
    return answer


def chunks_sent(base_url: str, path: str, timeout: float = 10) -> list[int] | None:
    """The sizes of the chunks ``path`` arrives in with ``Accept-Encoding: gzip`` (None when it
    comes with a Content-Length). Varnish 7.1 writes each chunk of an ESI page to the socket on
    its own: their number is what an answer costs in writes, and wakes the reader as often."""
    parts = urlsplit(base_url)
    if parts.hostname != servers.HOST:
        raise BenchError(f"refusing to fetch anything but {servers.HOST}: {base_url}")
    request = (
        f"GET {path} HTTP/1.1\r\nHost: {parts.netloc}\r\nAccept-Encoding: gzip\r\n"
        "Connection: close\r\n\r\n"
    ).encode()
    received = bytearray()
    try:
        with socket.create_connection((parts.hostname, parts.port), timeout=timeout) as sock:
            sock.sendall(request)
            while block := sock.recv(65536):
                received += block
                if len(received) > 16 * 1024 * 1024:
                    raise BenchError(f"{path}: an answer over 16 MiB")
    except OSError as exc:
        raise BenchError(f"{base_url}{path} failed: {exc}") from exc
    head, _, body = bytes(received).partition(b"\r\n\r\n")
    if not re.search(rb"(?im)^transfer-encoding:\s*chunked\s*$", head):
        return None
    sizes = []
    while True:
        line, _, body = body.partition(b"\r\n")
        size = int(line.split(b";")[0], 16)
        if size == 0:
            return sizes
        if len(body) < size + 2:
            raise BenchError(f"{path}: a truncated chunked answer")
        sizes.append(size)
        body = body[size + 2 :]


def compare_rounds(
    args: argparse.Namespace,
    wrk: str,
    urls: dict[str, str],
    objects: list[pages.Page],
    pids: list[int],
    server_pids: dict[str, list[int]],
    varnish,
    check_time,
) -> list[dict]:
    """Alternating rounds of the same wrk run on nginx and on Varnish, for each object."""
    rows = []
    for number in range(1, args.rounds + 1):
        order = ("nginx", "varnish") if number % 2 else ("varnish", "nginx")
        for compared in objects:
            rates = {}
            for target in order:
                check_time()
                path = compared.static_path if target == "nginx" else compared.path
                before = varnish.counters()
                with load.CpuMeter(pids, server_pids[target]) as meter:
                    result = load.run_wrk(
                        wrk,
                        urls[target] + path,
                        threads=args.threads,
                        connections=args.connections,
                        seconds=args.seconds,
                        headers=(GZIP,),
                    )
                after = varnish.counters()
                if result.non_2xx_3xx or result.socket_errors:
                    raise BenchError(
                        f"{target} answered {result.non_2xx_3xx} requests for {path} with an "
                        f"error status and had {result.socket_errors} socket errors"
                    )
                rows.append(
                    {
                        "round": number,
                        "object": compared.name,
                        "target": target,
                        **result.as_dict(),
                        "foreign_cpu": round(meter.foreign_share, 3),
                        "server_cpu_ms": round(
                            meter.measured_seconds * 1000 / max(result.requests, 1), 4
                        ),
                        "backend_requests": origin_change(before, after),
                        "esi_requests": counter_change(before, after, "MAIN.esi_req"),
                        "client_requests": counter_change(before, after, "MAIN.client_req"),
                    }
                )
                rates[target] = result.requests_per_second
            share = rates["varnish"] / rates["nginx"] if rates["nginx"] else 0.0
            others = max(row["foreign_cpu"] for row in rows[-2:])
            print(
                f"  round {number}/{args.rounds} {compared.name:<8} nginx {rates['nginx']:>8,.0f}"
                f"  Varnish {rates['varnish']:>8,.0f} req/s  Varnish/nginx {share:.2f}  "
                f"[others {others:.0%} CPU]"
            )
    return rows


def summarise_comparison(rows: list[dict], name: str) -> dict:
    """Medians over rounds of one object's runs, and Varnish/nginx taken in each round."""
    mine = [row for row in rows if row["object"] == name]
    by_round: dict[int, dict[str, dict]] = {}
    for row in mine:
        by_round.setdefault(row["round"], {})[row["target"]] = row
    shares = [
        r["varnish"]["requests_per_second"] / r["nginx"]["requests_per_second"]
        for _, r in sorted(by_round.items())
        if r.get("nginx", {}).get("requests_per_second") and "varnish" in r
    ]
    summary: dict = {"shares": [round(x, 3) for x in shares]}
    for target in ("nginx", "varnish"):
        runs = [row for row in mine if row["target"] == target]
        summary[target] = {
            "rps": statistics.median(r["requests_per_second"] for r in runs),
            "p50_ms": statistics.median(r["p50_ms"] for r in runs),
            "p99_ms": statistics.median(r["p99_ms"] for r in runs),
            "cpu_ms": statistics.median(r["server_cpu_ms"] for r in runs),
        }
    on_varnish = [row for row in mine if row["target"] == "varnish"]
    summary["backend_requests"] = sum(r["backend_requests"] for r in on_varnish)
    # Both from Varnish's counters, which its threads publish in batches: their ratio is
    # steadier than either against wrk's count.
    answers = sum(r["client_requests"] for r in on_varnish)
    summary["esi_per_answer"] = (
        round(sum(r["esi_requests"] for r in on_varnish) / answers, 2) if answers else None
    )
    median = statistics.median(shares) if shares else 0.0
    summary["share"] = round(median, 3)
    summary["target_met"] = median >= TARGET_SHARE
    summary["goal_met"] = median >= GOAL_SHARE
    return summary


# --- The publishing storm ----------------------------------------------------------------------


def headline(token: str, number: int) -> str:
    """The storm's n-th headline: plain words and digits, so it reads the same in the HTML."""
    return f"Storm bulletin {number} {token}"


class Publisher:
    """The long-lived Django process that publishes the storm's news items (this file with
    ``--publisher``), driven one JSON line at a time over its stdin and stdout."""

    def __init__(self, env: dict, section_path: str, token: str, log: Path):
        self.log = log
        log.parent.mkdir(parents=True, exist_ok=True)
        with log.open("ab") as errors:
            self.process = subprocess.Popen(
                [sys.executable, str(Path(__file__).resolve()), "--publisher", section_path, token],
                cwd=ROOT,
                env=env,
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=errors,
                text=True,
                bufsize=1,
                start_new_session=True,
            )

    @property
    def pid(self) -> int:
        return self.process.pid

    def read(self, timeout: float) -> dict:
        assert self.process.stdout is not None
        ready, _, _ = select.select([self.process.stdout], [], [], timeout)
        line = self.process.stdout.readline() if ready else ""
        if not line:
            tail = "\n".join(self.log.read_text(errors="replace").splitlines()[-20:])
            state = "exited" if self.process.poll() is not None else "did not answer in time"
            raise BenchError(f"the publisher {state}; its log ({self.log}) ends:\n{tail}")
        return json.loads(line)

    def ask(self, command: str, timeout: float = 30) -> dict:
        assert self.process.stdin is not None
        self.process.stdin.write(command + "\n")
        self.process.stdin.flush()
        return self.read(timeout)

    def stop(self) -> None:
        if self.process.poll() is None:
            with contextlib.suppress(OSError):
                assert self.process.stdin is not None
                self.process.stdin.write("quit\n")
                self.process.stdin.close()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=5)
        for stream in (self.process.stdin, self.process.stdout):
            with contextlib.suppress(OSError, ValueError):
                if stream is not None:
                    stream.close()


class Watcher(threading.Thread):
    """Polls one page through Varnish, as a reader does, and notes when each of the storm's
    headlines first shows in an answer (time.time() once the answer is read)."""

    def __init__(self, edge_url: str, path: str, headlines: dict[int, str], interval: float):
        super().__init__(name=f"watcher {path}", daemon=True)
        self.edge_url = edge_url
        self.path = path
        self.headlines = headlines
        self.interval = interval
        self.first_seen: dict[int, float] = {}
        self.requests = 0
        self.errors = 0
        self.halt = threading.Event()

    def run(self) -> None:
        parts = urlsplit(self.edge_url)
        wanted = {n: title.encode() for n, title in self.headlines.items()}
        connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=5)
        while not self.halt.is_set():
            began = time.monotonic()
            try:
                connection.request("GET", self.path, headers={"Accept-Encoding": "gzip"})
                response = connection.getresponse()
                body = response.read()
                seen = time.time()
                if response.getheader("Content-Encoding") == "gzip":
                    body = gzip.decompress(body)
                self.requests += 1
                if response.status >= 400:
                    self.errors += 1
                for number, title in wanted.items():
                    if number not in self.first_seen and title in body:
                        self.first_seen[number] = seen
            except (OSError, http.client.HTTPException, EOFError, zlib.error):
                self.errors += 1
                connection.close()
                connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=5)
            self.halt.wait(max(0.0, self.interval - (time.monotonic() - began)))
        connection.close()

    def seen_all(self, numbers: list[int]) -> bool:
        return all(number in self.first_seen for number in numbers)


def publish_times(every: float, seconds: float) -> list[float]:
    """Offsets of the publishes from the storm's start: half a period in, then every period,
    all inside the storm."""
    count = max(1, math.floor((seconds - every / 2) / every) + 1)
    return [every / 2 + k * every for k in range(count)]


def storm(
    args: argparse.Namespace,
    wrk: str,
    env: dict,
    edge_url: str,
    storm_paths: dict[str, str],
    section_path: str,
    section_keys: list[str],
    varnish,
    access_log: Path,
    registry: servers.Registry,
    pid_list,
) -> dict:
    """Readers on the storm's pages while a news item is published every ``--publish-every``
    seconds; what they were answered, when each item showed, what reached the application."""
    token = secrets.token_hex(4)
    offsets = publish_times(args.publish_every, args.storm_seconds)
    numbers = list(range(1, len(offsets) + 1))
    headlines = {n: headline(token, n) for n in numbers}
    script = WORK / "storm.lua"
    lua_paths = "{" + ", ".join(json.dumps(p) for p in storm_paths.values()) + "}"
    script.write_text(STORM_LUA.format(paths=lua_paths))

    publisher = Publisher(env, section_path, token, WORK / "logs" / "publisher.log")
    # The home page and the block are what the targets name; the section page the items go
    # into is watched too, for the record.
    watched = ("/", ESI_PATH, section_path)
    watchers = [Watcher(edge_url, path, headlines, args.poll_ms / 1000) for path in watched]
    targeted = watchers[:2]
    readers: subprocess.Popen | None = None
    try:
        record(registry, "publisher", publisher.pid, publisher.log)
        ready = publisher.read(timeout=120)
        if not ready.get("ready"):
            raise BenchError(f"the publisher did not start: {ready}")
        tasks_since = time.time()

        before = varnish.counters()
        log_offset = log_size(access_log)
        readers_url = edge_url + "/"  # the script picks each request's path
        command = load.wrk_command(
            wrk,
            readers_url,
            threads=args.threads,
            connections=args.storm_connections,
            seconds=args.storm_seconds,
            headers=(GZIP,),
            script=script,
        )
        published: list[dict] = []
        with load.CpuMeter(pid_list()) as meter:
            for watcher in watchers:
                watcher.start()
            started = time.monotonic()
            readers = subprocess.Popen(
                command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
            )
            for number, offset in zip(numbers, offsets, strict=True):
                time.sleep(max(0.0, started + offset - time.monotonic()))
                reply = publisher.ask(f"publish {number}")
                published.append(reply)
                state = (
                    f"committed in {1000 * (reply['committed'] - reply['started']):.0f} ms"
                    if "committed" in reply
                    else f"FAILED: {reply.get('error')}"
                )
                print(f"  t={time.monotonic() - started:5.1f} s  published item {number}, {state}")
            try:
                text, errors = readers.communicate(timeout=args.storm_seconds + 30)
            except subprocess.TimeoutExpired as exc:
                raise BenchError("the storm's wrk did not finish in time") from exc
            storm_seconds = time.monotonic() - started
            # Items published near the end may show after the readers stop: wait for them a
            # little, as the watchers go on polling.
            committed = [r["n"] for r in published if "committed" in r]
            deadline = time.monotonic() + 5
            while time.monotonic() < deadline and not all(w.seen_all(committed) for w in targeted):
                time.sleep(0.05)
        for watcher in watchers:
            watcher.halt.set()
        for watcher in watchers:
            watcher.join(timeout=10)
        tasks = publisher.ask(f"tasks {tasks_since}").get("tasks", [])
        after = varnish.counters()
    finally:
        for watcher in watchers:
            watcher.halt.set()
        if readers is not None and readers.poll() is None:
            readers.kill()
            readers.wait(timeout=10)
        publisher.stop()
    if readers.returncode != 0:
        raise BenchError(f"the storm's wrk failed ({readers.returncode}): {errors}")
    result = load.parse_wrk(readers_url, args.storm_connections, args.storm_seconds, text)
    summary = summarise_storm(
        args,
        result,
        text,
        published,
        watchers,
        tasks,
        origin_requests(access_log, log_offset),
        {name: counter_change(before, after, name) for name in after},
        meter.foreign_share,
        storm_seconds,
        storm_paths,
    )
    summary["section_keys"] = section_keys
    summary["purged_keys"] = next((t["keys"] for t in tasks if t.get("keys")), [])
    return summary


def _nearest_rank(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[max(0, math.ceil(share * len(ordered)) - 1)]


def _spread(values: list[float]) -> dict:
    if not values:
        return {"n": 0, "p50": None, "p95": None, "max": None}
    return {
        "n": len(values),
        "p50": round(statistics.median(values), 3),
        "p95": round(_nearest_rank(values, 0.95), 3),
        "max": round(max(values), 3),
    }


def summarise_storm(
    args: argparse.Namespace,
    result: load.WrkResult,
    text: str,
    published: list[dict],
    watchers: list[Watcher],
    tasks: list[dict],
    origin: list[tuple[str, int]],
    counters: dict[str, int],
    foreign_share: float,
    seconds: float,
    storm_paths: dict[str, str],
) -> dict:
    found = re.search(r"x-cache: HIT (\d+) MISS (\d+) PASS (\d+) other (\d+) failed (\d+)", text)
    if found is None:
        raise BenchError(f"the storm's Lua script wrote no counts:\n{text}")
    hit, miss, passed, other, failed = (int(n) for n in found.groups())
    answered = hit + miss + passed + other
    committed = [r for r in published if "committed" in r]
    visible: dict[str, dict] = {}
    for watcher in watchers:
        delays = [
            watcher.first_seen[r["n"]] - r["committed"]
            for r in committed
            if r["n"] in watcher.first_seen
        ]
        never = [r["n"] for r in committed if r["n"] not in watcher.first_seen]
        visible[watcher.path] = {
            **_spread(delays),
            "delays": [round(d, 3) for d in delays],
            "never_seen": never,
            "requests": watcher.requests,
            "errors": watcher.errors,
        }
    # Each publish's purge task, matched by when it was enqueued (inside the publish).
    stages = []
    for reply in committed:
        mine = [
            t
            for t in tasks
            if t.get("enqueued") is not None
            and reply["started"] - 0.5 <= t["enqueued"] <= reply["committed"] + 0.5
        ]
        if mine and mine[0].get("started") and mine[0].get("finished"):
            stages.append(
                {
                    "publish": reply["committed"] - reply["started"],
                    "pick_up": mine[0]["started"] - reply["committed"],
                    "purge": mine[0]["finished"] - mine[0]["started"],
                }
            )
    by_path: dict[str, int] = {}
    for path, _status in origin:
        by_path[path] = by_path.get(path, 0) + 1
    publishes = len(committed)
    backend_requests = varnish_launcher().origin_requests(counters)
    errors = result.socket_errors + result.non_2xx_3xx + sum(w.errors for w in watchers)
    errors += len(published) - publishes
    hit_share = hit / answered if answered else 0.0
    targeted = [visible["/"], visible[ESI_PATH]]
    worst_p95 = max((v["p95"] for v in targeted if v["p95"] is not None), default=None)
    all_seen = all(not v["never_seen"] for v in targeted)
    return {
        "seconds": round(seconds, 1),
        "connections": args.storm_connections,
        "publish_every": args.publish_every,
        "paths": storm_paths,
        "reader_requests": result.requests,
        "reader_rps": result.requests_per_second,
        "reader_p50_ms": result.p50_ms,
        "reader_p99_ms": result.p99_ms,
        "x_cache": {"HIT": hit, "MISS": miss, "PASS": passed, "other": other},
        "hit_share": round(hit_share, 5),
        "errors": errors,
        "error_detail": {
            "socket": result.socket_errors,
            "status": result.non_2xx_3xx,
            "lua_status_4xx_5xx": failed,
            "watchers": sum(w.errors for w in watchers),
            "failed_publishes": len(published) - publishes,
        },
        "publishes": publishes,
        "publish_ms": _spread([1000 * s["publish"] for s in stages]),
        "pick_up_ms": _spread([1000 * s["pick_up"] for s in stages]),
        "purge_ms": _spread([1000 * s["purge"] for s in stages]),
        "visible": visible,
        "backend_requests": backend_requests,
        "origin_requests": len(origin),
        "origin_by_path": dict(sorted(by_path.items(), key=lambda kv: (-kv[1], kv[0]))),
        "renders_per_publish": round(backend_requests / publishes, 2) if publishes else None,
        "foreign_cpu": round(foreign_share, 3),
        "hit_met": hit_share >= TARGET_HIT_SHARE,
        "errors_met": errors == 0,
        "visible_met": worst_p95 is not None and worst_p95 < TARGET_VISIBLE_SECONDS and all_seen,
    }


# --- The publisher process (``--publisher SECTION_PATH TOKEN``) --------------------------------


def publisher_main(argv: list[str]) -> int:
    """Publish a news item into the section at SECTION_PATH on each ``publish N`` line read,
    as an editor does (a draft, then its revision published, in one transaction), and answer
    with the commit's time. Runs with the bench's production settings."""
    parser = argparse.ArgumentParser(prog="edge.py --publisher")
    parser.add_argument("section_path")
    parser.add_argument("token")
    options = parser.parse_args(argv)
    # Our answers go to the real stdout; anything Django or Wagtail prints goes to the log.
    answers = os.fdopen(os.dup(sys.stdout.fileno()), "w", buffering=1)
    sys.stdout = sys.stderr
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.db import transaction
    from django.utils import timezone
    from django_tasks_db.models import DBTaskResult

    from masthead.articles.models import ArticlePage
    from masthead.sections.models import SectionPage

    sections = [
        s for s in SectionPage.objects.live() if s.get_url_parts()[2] == options.section_path
    ]
    if len(sections) != 1:
        answers.write(json.dumps({"ready": False, "sections": len(sections)}) + "\n")
        return 1
    section_pk = sections[0].pk

    def publish(number: int) -> dict:
        title = headline(options.token, number)
        started = time.time()
        with transaction.atomic():
            section = SectionPage.objects.get(pk=section_pk)  # fresh: treebeard counts children
            item = ArticlePage(
                title=title,
                slug=f"storm-bulletin-{options.token}-{number}",
                kind="news",
                published_at=timezone.now(),
                lead=f"{title}: what the newsroom knows so far.",
                body=json.dumps(
                    [{"type": "paragraph", "value": "<p>More follows as the story develops.</p>"}]
                ),
                live=False,
            )
            section.add_child(instance=item)
            item.save_revision().publish()
        committed = time.time()
        return {"n": number, "title": title, "started": started, "committed": committed}

    def tasks(since: float) -> list[dict]:
        moment = dt.datetime.fromtimestamp(since, dt.UTC)
        rows = DBTaskResult.objects.filter(backend_name="edge", enqueued_at__gte=moment)
        return [
            {
                "enqueued": row.enqueued_at.timestamp(),
                "started": row.started_at.timestamp() if row.started_at else None,
                "finished": row.finished_at.timestamp() if row.finished_at else None,
                "status": row.status,
                "keys": (row.args_kwargs.get("args") or [[]])[0],
            }
            for row in rows.order_by("enqueued_at")
        ]

    answers.write(json.dumps({"ready": True}) + "\n")
    for line in sys.stdin:
        command = line.split()
        if not command or command[0] == "quit":
            break
        try:
            if command[0] == "publish":
                reply = publish(int(command[1]))
            elif command[0] == "tasks":
                reply = {"tasks": tasks(float(command[1]))}
            else:
                reply = {"error": f"unknown command {command[0]!r}"}
        except Exception as exc:  # the bench reports it; the next publish may still go
            reply = {"n": int(command[1]) if command[0] == "publish" else None, "error": repr(exc)}
        answers.write(json.dumps(reply) + "\n")
    return 0


# --- Report ------------------------------------------------------------------------------------


def _seconds(value: float | None) -> str:
    return "—" if value is None else f"{value:.2f} s"


def _met(flag: bool) -> str:
    return "met" if flag else "NOT met"


def _ms(value: float | None) -> str:
    return "—" if value is None else f"{value:.0f} ms"


def _us(ms: float) -> str:
    return f"{ms * 1000:.0f} µs"


def _chunk_words(chunks: list[int] | None) -> str:
    """How an answer went out on the wire, from :func:`chunks_sent`."""
    if chunks is None:
        return "one piece with a Content-Length"
    sizes = ", ".join(f"{size:,}" for size in chunks)
    return f"{len(chunks)} chunks ({sizes} bytes), each written to the socket on its own"


def last_line(results: dict) -> str:
    c, s = results["comparison"], results["storm"]
    home, block = s["visible"]["/"], s["visible"][ESI_PATH]
    return (
        f"cached article through Varnish: {c['share']:.2f} of nginx (target ≥ {TARGET_SHARE}: "
        f"{_met(c['target_met'])}, goal {GOAL_SHARE}: {_met(c['goal_met'])}); storm: "
        f"{s['hit_share']:.3%} of reader requests from Varnish (target ≥ 99%: "
        f"{_met(s['hit_met'])}), {s['errors']} errors (target 0: {_met(s['errors_met'])}), "
        f"publish-to-visible p95 {_seconds(home['p95'])} home, {_seconds(block['p95'])} "
        f"latest-news block (target < 1 s: {_met(s['visible_met'])}); "
        f"{s['renders_per_publish']} origin renders per publish"
    )


def shortfalls(results: dict) -> list[str]:
    """Plain words for each target not met (and anything else the run found wrong), with what
    the run measured about why."""
    c, b, s = results["comparison"], results["block"], results["storm"]
    others = results["others_cpu"]
    rounds_busy = (
        f" Other processes took a median {others['median']:.0%} of the CPU during these runs "
        f"(at most {others['max']:.0%} in one): rerun on a quiet machine if that is above 10 %."
        if others["max"] > 0.10
        else ""
    )
    storm_busy = (
        f" Other processes took {s['foreign_cpu']:.0%} of the CPU during the storm."
        if s["foreign_cpu"] > 0.10
        else ""
    )
    words = []
    if not c["goal_met"]:
        missed = (
            f"the target ({TARGET_SHARE}) and the goal ({GOAL_SHARE})"
            if not c["target_met"]
            else f"the goal ({GOAL_SHARE})"
        )
        if c["esi_per_answer"]:
            limit = (
                "What limits it is ESI at delivery: every answer is "
                f"{1 + c['esi_per_answer']:.0f} cache lookups (`MAIN.esi_req` per answer: "
                f"{c['esi_per_answer']}), each with its own pass through the VCL, and the page "
                "is stitched from their gzip streams (the CRC of the whole recomputed from the "
                f"parts on every answer) and sent in {_chunk_words(c.get('chunks'))}: is the "
                'stitched copy being kept (docs/edge.md, "Stitching once")?'
            )
        else:
            limit = (
                "Each answer is one stored object, stitched once (`MAIN.esi_req` per answer: "
                f"{c['esi_per_answer']}; sent in {_chunk_words(c.get('chunks'))}), so what "
                "limits it is what Varnish spends on any object, as the block alone shows"
            )
        words.append(
            f"**Not met: the cached article through Varnish reaches {c['share']:.2f} of nginx, "
            f"short of {missed}.** {limit}. Varnish spent "
            f"{_us(c['varnish']['cpu_ms'])} of CPU per article answer, against "
            f"{_us(b['varnish']['cpu_ms'])} for the block alone (one object, no ESI), which "
            f"reaches {b['share']:.2f} of nginx serving its bytes; nginx spent "
            f"{_us(c['nginx']['cpu_ms'])} per answer. wrk, which loads both, shares the same two "
            "cores." + rounds_busy
        )
    if not s["hit_met"]:
        words.append(
            f"**Not met: {s['hit_share']:.3%} of the storm's reader requests were Varnish "
            f"hits** ({s['x_cache']['MISS']} MISS, {s['x_cache']['PASS']} PASS): each publish "
            "purges the objects that show the new item, and a reader arriving while one is "
            "refetched is a miss."
        )
    if not s["errors_met"]:
        words.append(f"**Not met: the storm had {s['errors']} errors** ({s['error_detail']}).")
    if not s["visible_met"]:
        p = s["pick_up_ms"]
        words.append(
            "**Not met: publish-to-visible p95 under 1 s.** After each commit the task worker "
            f"picked the purge up after a median {_ms(p['p50'])} (p95 {_ms(p['p95'])}; it polls "
            f"every 0.1 s) and sent it in {_ms(s['purge_ms']['p50'])}; the rest is the refetch "
            "and the watcher's next poll, on two busy cores." + storm_busy
        )
    section = s["visible"].get(s["paths"]["section"])
    if section and section["never_seen"]:
        words.append(
            f"**Found: the section page `{s['paths']['section']}` never showed the items "
            f"published into it** ({len(section['never_seen'])} of {s['publishes']} unseen "
            "through Varnish): its response names the keys "
            f"`{' '.join(s['section_keys']) or '(none)'}`, while each publish purged "
            f"`{' '.join(s['purged_keys'])}`; without its section's listing key it stays stale "
            "at the edge until its `s-maxage` runs out."
        )
    return words


def _compared_rows(results: dict) -> list[str]:
    rows = [
        "| object | nginx req/s | Varnish req/s | Varnish / nginx (median) | per round | "
        "p50 / p99 ms (nginx · Varnish) | server CPU per answer (nginx · Varnish) |",
        "|---|--:|--:|--:|---|---|---|",
    ]
    for key, label in (("comparison", "**the article**"), ("block", "the block alone")):
        e = results[key]
        n, v = e["nginx"], e["varnish"]
        rows.append(
            f"| {label} ({e['bytes']:,} bytes gzipped) | {n['rps']:,.0f} | {v['rps']:,.0f} | "
            f"**{e['share']:.2f}** | {', '.join(f'{x:.2f}' for x in e['shares'])} | "
            f"{n['p50_ms']:.2f} / {n['p99_ms']:.2f} · {v['p50_ms']:.2f} / {v['p99_ms']:.2f} | "
            f"{_us(n['cpu_ms'])} · {_us(v['cpu_ms'])} |"
        )
    return rows


def markdown(results: dict) -> str:
    m, v, cfg = results["machine"], results["versions"], results["config"]
    c, s = results["comparison"], results["storm"]
    start, end = report.markers("sqlite", DOCS_NAME)
    lines = [
        start,
        "<!-- Written by bench/edge.py on each `make bench-edge`; edits here are replaced. -->",
        "",
        f"Latest run: {results['finished']} (`make bench-edge`, {results['seconds']} s in all"
        + (", `--quick`" if cfg["quick"] else "")
        + f"), gunicorn `--workers {cfg['workers']}` (sync), database: {cfg['database']}, "
        f"code: {results['source']}.",
        "",
        f"Machine: {m['nproc']} CPUs ({m['cpu_model']}), {m['memory_gib']} GiB memory, "
        f"{m['os']}, Linux {m['kernel']}. Software: Python {v['python']}, Django {v['django']}, "
        f"Wagtail {v['wagtail']}, gunicorn {v['gunicorn']}, Varnish {v['varnish']}, nginx "
        f"{v['nginx']}, wrk {v['wrk']}, {v['database']}, Redis {v['redis']}.",
        "",
        f"**The cached article** `{cfg['article']}`: {cfg['rounds']} rounds of "
        f"`wrk -t{cfg['threads']} -c{cfg['connections']} -d{cfg['seconds']:g}s --latency "
        "-H 'Accept-Encoding: gzip'` on nginx and on Varnish, back to back, the order "
        "alternating; nginx serves the exact gzip bytes Varnish sent (saved pre-compressed, "
        "`gzip_static on`; checked identical), Varnish answers from its cache (`X-Cache: HIT` "
        f"checked first; {c['backend_requests']} requests to the application during its "
        "runs). The article's includes (the latest-news block and the breaking-news banner) are "
        'stitched into it once and the stitched copy is kept ("Stitching once" in '
        "`deploy/varnish/masthead.vcl`): includes looked up per answer (`MAIN.esi_req`): "
        f"{c['esi_per_answer']}. The latest-news block alone, measured the same way, is a "
        "second object for comparison.",
        "",
        *_compared_rows(results),
        "",
        f"Target ≥ {TARGET_SHARE} of nginx: **{_met(c['target_met'])}**; goal {GOAL_SHARE}: "
        f"**{_met(c['goal_met'])}**.",
        "",
        f"**The publishing storm**: `wrk -t{cfg['threads']} -c{s['connections']} "
        f"-d{cfg['storm_seconds']:g}s -H 'Accept-Encoding: gzip'` with a Lua script rotating "
        "over "
        + ", ".join(f"`{p}`" for p in s["paths"].values())
        + f" and counting `X-Cache`, while one Django process published a news item into "
        f"`{s['paths']['section']}` every {s['publish_every']:g} s ({s['publishes']} publishes, "
        f"each a draft and its revision published in one transaction); watchers polled `/`, "
        f"`{ESI_PATH}` and `{s['paths']['section']}` through Varnish every {cfg['poll_ms']:g} ms "
        "each.",
        "",
        "| reader requests | req/s | answered by Varnish (HIT) | MISS | PASS | errors |",
        "|--:|--:|--:|--:|--:|--:|",
        f"| {s['reader_requests']:,} | {s['reader_rps']:,.0f} | **{s['hit_share']:.3%}** | "
        f"{s['x_cache']['MISS']} | {s['x_cache']['PASS']} | **{s['errors']}** |",
        "",
        "| publish-to-visible: commit → first answer showing it | p50 | p95 | max | seen |",
        "|---|--:|--:|--:|--:|",
    ]
    labels = {"/": "home page `/`", ESI_PATH: "latest-news block"}
    for path, e in s["visible"].items():
        label = labels.get(path, f"section page `{path}` (not a target)")
        strong = path in labels
        p95 = f"**{_seconds(e['p95'])}**" if strong else _seconds(e["p95"])
        lines.append(
            f"| {label} | {_seconds(e['p50'])} | {p95} | {_seconds(e['max'])} | "
            f"{e['n']} of {s['publishes']} |"
        )
    by_path = ", ".join(f"`{p}` {n}" for p, n in s["origin_by_path"].items())
    lines += [
        "",
        f"p95 by nearest rank over {s['publishes']} publishes. Per publish (medians): the "
        f"transaction took {_ms(s['publish_ms']['p50'])} to commit; the task worker picked its "
        f"purge up {_ms(s['pick_up_ms']['p50'])} after the commit (p95 "
        f"{_ms(s['pick_up_ms']['p95'])}; it polls every 0.1 s) and sent it in "
        f"{_ms(s['purge_ms']['p50'])}.",
        "",
        f"Origin renders: **{s['renders_per_publish']} per publish** ({s['backend_requests']} "
        f"backend requests in Varnish during the storm; gunicorn logged "
        f"{s['origin_requests']}: {by_path or 'none'}).",
        "",
        f"Other processes' share of the CPU: median {results['others_cpu']['median']:.0%} (max "
        f"{results['others_cpu']['max']:.0%}) during the comparison runs, "
        f"{s['foreign_cpu']:.0%} during the storm"
        + (
            " — **a busy machine: rerun when it is quiet**."
            if results["others_cpu"]["busy"]
            else "."
        ),
        "",
    ]
    for sentence in results["shortfalls"]:
        lines += [sentence, ""]
    lines += [f"**{results['last_line']}**", "", end]
    return "\n".join(lines)


def print_report(results: dict) -> None:
    s = results["storm"]
    print()
    for key, label in (("comparison", "the article"), ("block", "the block alone")):
        e = results[key]
        print(
            f"{label:<16} nginx {e['nginx']['rps']:>8,.0f} req/s, Varnish "
            f"{e['varnish']['rps']:>8,.0f} req/s: Varnish/nginx {e['share']:.2f} (rounds "
            + ", ".join(f"{x:.2f}" for x in e["shares"])
            + f"); CPU per answer nginx {_us(e['nginx']['cpu_ms'])}, Varnish "
            f"{_us(e['varnish']['cpu_ms'])}"
        )
    print(
        f"storm: {s['reader_requests']:,} reader requests in {s['seconds']:g} s "
        f"({s['reader_rps']:,.0f}/s): HIT {s['x_cache']['HIT']:,} ({s['hit_share']:.3%}), MISS "
        f"{s['x_cache']['MISS']}, PASS {s['x_cache']['PASS']}; errors {s['errors']} "
        f"{s['error_detail']}"
    )
    for path, e in s["visible"].items():
        print(
            f"  publish-to-visible {path:<20} p50 {_seconds(e['p50'])}  p95 {_seconds(e['p95'])}"
            f"  max {_seconds(e['max'])}  ({e['n']} of {s['publishes']} seen; {e['requests']} "
            "polls)"
        )
    print(
        f"  per publish (medians): commit {_ms(s['publish_ms']['p50'])}, worker pick-up "
        f"{_ms(s['pick_up_ms']['p50'])} (p95 {_ms(s['pick_up_ms']['p95'])}), purge "
        f"{_ms(s['purge_ms']['p50'])}"
    )
    print(
        f"  origin: {s['backend_requests']} backend requests ({s['renders_per_publish']} per "
        f"publish); gunicorn logged {s['origin_requests']}: {s['origin_by_path']}"
    )
    others = results["others_cpu"]
    print(
        f"other processes' share of the CPU: median {others['median']:.0%}, max "
        f"{others['max']:.0%} in the comparison runs; {s['foreign_cpu']:.0%} in the storm"
        + ("  — WARNING: a busy machine; rerun when it is quiet" if others["busy"] else "")
    )
    for sentence in results["shortfalls"]:
        print(f"note: {sentence.replace('**', '')}")
    print(results["last_line"])


# --- The run -----------------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    started = time.monotonic()
    deadline = started + args.max_minutes * 60

    def check_time() -> None:
        if time.monotonic() > deadline:
            raise BenchError(f"the run took longer than --max-minutes {args.max_minutes:g}")

    WORK.mkdir(parents=True, exist_ok=True)
    for directory in (WORK.parent, WORK):  # varnishd and nginx drop to users who must enter
        directory.chmod(0o755)
    lock = run.hold_lock(WORK / "run.lock")  # noqa: F841 - held until the process ends
    nginx_bin, wrk = run.ensure_tools()
    varnishd = ensure_varnish()
    registry = servers.Registry(WORK / "servers.json")
    registry.stop_leftovers()
    redis_version = run.redis_ready(REDIS_URL)

    bench_db = database.choose(os.environ.get("DATABASE_URL"), WORK, DATABASE_NAME)
    settings = "masthead.settings.production"
    base_env = run.bench_env(
        bench_db.url, secrets.token_urlsafe(50), settings, work=WORK, redis_url=REDIS_URL
    )
    ports = {
        "gunicorn": args.port_base + 1,
        "varnish": args.port_base + 2,
        "nginx": args.port_base + 80,
    }
    env = edge_env(base_env, ports["varnish"])
    # Prepared without the edge: purges queued then would reach this run's Varnish as retries,
    # in the middle of its measurements.
    seed_path = prepare(args, bench_db, base_env)
    check_time()
    quiet_before = run.wait_for_quiet(args.quiet_wait)

    logs = WORK / "logs"
    shutil.rmtree(logs, ignore_errors=True)
    shutil.rmtree(WORK / "varnish", ignore_errors=True)
    access_log = logs / "gunicorn-access.log"
    helpers = bench_db.name if bench_db.vendor == "postgresql" else None
    launcher = varnish_launcher()
    with contextlib.ExitStack() as stack:
        stack.callback(registry.stop_all)
        # Every server starts from empty caches: the steady state is what is measured.
        run.redis_ready(REDIS_URL)
        shutil.rmtree(WORK / "cache", ignore_errors=True)
        app = registry.add(
            servers.gunicorn(
                "Masthead",
                VENV_BIN,
                ROOT,
                ports["gunicorn"],
                args.workers,
                env,
                logs / "gunicorn.log",
                access_log,
            )
        )
        # As `make serve-production` runs it: it polls often, since readers wait for the purge.
        worker = registry.add(
            servers.Server(
                "task worker",
                [
                    str(VENV_BIN / "python"),
                    "manage.py",
                    "db_worker",
                    "--backend",
                    "edge",
                    "--interval",
                    "0.1",
                    "--no-startup-delay",
                ],
                0,
                logs / "db_worker.log",
                env=env,
                cwd=ROOT,
            )
        )
        app.start()
        registry.save()
        app.wait_until_answering("/")
        edge = launcher.Varnish(
            f"{servers.HOST}:{ports['varnish']}",
            f"{servers.HOST}:{ports['gunicorn']}",
            work_dir=WORK / "varnish",
        )
        stack.enter_context(edge)
        assert edge.pid is not None and edge.work_dir is not None
        edge_record = record(registry, "Varnish", edge.pid, edge.work_dir / "varnishd.log")
        # Once Varnish is up, so that any purge left queued is sent now, not retried later.
        worker.start()
        registry.save()
        time.sleep(2)
        if worker.process is None or worker.process.poll() is not None:
            raise BenchError(f"the task worker exited:\n{worker.log_tail()}")
        check_time()

        home = pages.fetch(app.base_url, "/").decode("utf-8", "replace")
        section_path = pages.section_path(home)
        if section_path is None:
            raise BenchError("the home page's sections menu links no section")
        article_path = seed_path or first_news_path(app.base_url)
        storm_paths = {"home": "/", "article": article_path, "section": section_path}
        objects = [
            pages.Page("article", article_path, "article (its latest-news block by ESI)"),
            pages.Page("block", ESI_PATH, "latest-news block alone (one object, no ESI)"),
        ]

        webroot = WORK / "www"
        shutil.rmtree(webroot, ignore_errors=True)
        sent = {o.name: same_bytes_for_nginx(edge.url, o, webroot) for o in objects}
        blocked = pages.unreadable_ancestor(webroot)
        if blocked is not None:
            raise BenchError(f"nginx's workers (nobody) cannot enter {blocked}; chmod o+x it")
        static = registry.add(
            servers.nginx(
                nginx_bin, WORK / "nginx", webroot, ports["nginx"], http_extra="gzip_static on;"
            )
        )
        static.start()
        registry.save()
        static.wait_until_answering("/article.html")
        for compared in objects:
            served = get(static.base_url, compared.static_path)
            if (
                served.headers.get("content-encoding") != "gzip"
                or served.body != sent[compared.name].body
            ):
                raise BenchError(
                    f"nginx does not serve the gzip bytes Varnish sent for the {compared.name}"
                )
        for name, path in storm_paths.items():
            answer = warmed_through(edge.url, path)
            if answer.headers.get("x-cache") != "HIT":
                raise BenchError(f"the {name} page {path} is not cached by Varnish")
        print("pages (through Varnish, cached):")
        for name, path in storm_paths.items():
            print(f"  {name:<8} {path}")
        for compared in objects:
            print(
                f"{compared.name}: {len(sent[compared.name].body):,} bytes gzipped, X-Cache: HIT; "
                "nginx sends the same bytes"
            )

        urls = {"nginx": static.base_url, "varnish": edge.url}
        for compared in objects:
            for target, path in (("nginx", compared.static_path), ("varnish", compared.path)):
                load.run_wrk(
                    wrk, urls[target] + path, threads=2, connections=4, seconds=1, headers=(GZIP,)
                )
        edge_record.remember(edge.pid)
        for child in servers.children(edge.pid):
            edge_record.remember(child)
        registry.save()

        def pid_list() -> list[int]:
            return registry.pids() + servers.supporting_processes(helpers)

        server_pids = {"nginx": list(static.seen), "varnish": list(edge_record.seen)}
        print(f"cached objects, Varnish against nginx ({args.rounds} rounds):")
        rows = compare_rounds(args, wrk, urls, objects, pid_list(), server_pids, edge, check_time)
        comparison = summarise_comparison(rows, "article")
        comparison["bytes"] = len(sent["article"].body)
        comparison["chunks"] = chunks_sent(edge.url, article_path)
        block = summarise_comparison(rows, "block")
        block["bytes"] = len(sent["block"].body)
        block["chunks"] = chunks_sent(edge.url, ESI_PATH)
        check_time()

        print(
            f"the publishing storm: {args.storm_connections} readers for {args.storm_seconds:g} "
            f"s, a news item into {section_path} every {args.publish_every:g} s:"
        )
        storm_result = storm(
            args,
            wrk,
            env,
            edge.url,
            storm_paths,
            section_path,
            origin_keys(app.base_url, section_path),
            edge,
            access_log,
            registry,
            pid_list,
        )
        varnish_version = report._first_line([varnishd, "-V"], r"varnish-(\S+)")

    shares = [row["foreign_cpu"] for row in rows]
    results = {
        "finished": dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "seconds": round(time.monotonic() - started),
        "source": source_state(),
        "machine": report.machine(),
        "versions": {
            **report.versions(nginx_bin, wrk, database.server_version(bench_db), redis_version),
            "varnish": varnish_version,
        },
        "config": {
            "workers": args.workers,
            "rounds": args.rounds,
            "seconds": args.seconds,
            "connections": args.connections,
            "threads": args.threads,
            "storm_seconds": args.storm_seconds,
            "poll_ms": args.poll_ms,
            "database": bench_db.label,
            "vendor": bench_db.vendor,
            "ports": ports,
            "article": article_path,
            "section": section_path,
            "quick": args.quick,
        },
        "comparison": comparison,
        "block": block,
        "runs": rows,
        "storm": storm_result,
        "others_cpu": {
            "before": round(quiet_before, 3),
            "median": round(statistics.median(shares), 3) if shares else 0.0,
            "max": round(max(shares, default=0.0), 3),
            "busy": (statistics.median(shares) if shares else 0.0) > 0.10
            or storm_result["foreign_cpu"] > 0.10,
        },
    }
    results["shortfalls"] = shortfalls(results)
    results["last_line"] = last_line(results)
    report.write_json(WORK / "results.json", results)
    report.write_json(WORK / f"results-{bench_db.vendor}.json", results)
    print_report(results)
    if not args.no_docs:
        print(report.update_docs(DOCS, markdown(results), bench_db.vendor, DOCS_NAME))
    print(f"results: {WORK / 'results.json'}  ({results['seconds']} s)")
    return 0


def first_news_path(base_url: str) -> str:
    """Without the seed capture: the newest item in the latest-news block."""
    block = pages.fetch(base_url, ESI_PATH).decode("utf-8", "replace")
    for href, _rel in pages.links(block).links:
        path = pages.local_path(href, "/")
        if path and path.count("/") >= 3:
            return path
    raise BenchError("no seed capture and no article in the latest-news block")


def source_state() -> str:
    """report.source_state, with git told not to refresh its index (read only, truly)."""
    os.environ["GIT_OPTIONAL_LOCKS"] = "0"
    return report.source_state(ROOT)


if __name__ == "__main__":
    if sys.argv[1:2] == ["--publisher"]:
        sys.exit(publisher_main(sys.argv[2:]))
    entry.run_main(
        main,
        lambda: (
            BenchError,
            database.PrepareError,
            servers.ServerError,
            pages.PageError,
            load.WrkError,
            run.BenchError,
            varnish_launcher().VarnishError,
        ),
        "bench-edge",
    )
