"""Breaking news behind Varnish: how long from an editor's flag (or clear) committing to the first
reader answer through Varnish that shows the banner (or no longer does), over a number of
flag/clear cycles, on pages Varnish already holds.

Starts the same production stack as `make bench-edge` (bench/edge.py, whose functions it uses):
gunicorn with production settings purging Varnish, the edge task worker, and Varnish with
deploy/varnish/masthead.vcl in front, on bench-edge's database (prepared as it prepares it, or
with ``--small`` a handful of articles, which is all this measures needs). A long-lived Django
process (this file with ``--flagger``) flags the newest article and clears it, one JSON line at a
time, answering with each commit's time; watchers poll the home page, an article and a section
page through Varnish and note when each page's banner changes.

    .venv/bin/python bench/breaking.py [--cycles 10] [--small] [--reuse-database]

Everything runs on 127.0.0.1, every wait is bounded, and every process started here is stopped
on the way out.
"""

from __future__ import annotations

import argparse
import contextlib
import gzip
import http.client
import json
import os
import re
import secrets
import shutil
import subprocess
import sys
import threading
import time
import zlib
from pathlib import Path
from urllib.parse import urlsplit

import database
import edge
import entry
import pages
import run
import servers

WORK = edge.WORK  # bench-edge's database and cache; our own logs, Varnish and registry
LOGS = WORK / "logs-breaking"
TARGET_SECONDS = 1.0  # publish-to-visible, the target
# The banner's markup (masthead/breaking/jinja2/breaking/banner.html): its link's text.
BANNER = re.compile(rb'<aside class="breaking"[^>]*>.*?<a href="[^"]*">(.*?)</a>', re.S)

SMALL_CONTENT = """
import datetime as dt
from django.utils import timezone
from tests.conftest import add_article, add_section

news = add_section("News")
now = timezone.now()
for number in range(6):
    add_article(news, f"Bench story {number}", now - dt.timedelta(minutes=number))
"""


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cycles", type=int, default=10, help="flag/clear cycles (1..50)")
    parser.add_argument("--pause", type=float, default=1.0, help="seconds between changes")
    parser.add_argument("--poll-ms", type=float, default=10, help="each watcher's interval")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers")
    parser.add_argument(
        "--port-base", type=int, default=19100, help="gunicorn on +1, Varnish on +2"
    )
    parser.add_argument(
        "--small",
        action="store_true",
        help="a fresh database of six articles, not the demo's (replaces bench-edge's)",
    )
    parser.add_argument(
        "--reuse-database",
        action="store_true",
        help="use the database bench-edge (or this bench) prepared last",
    )
    parser.add_argument("--max-minutes", type=float, default=10, help="give up after this long")
    args = parser.parse_args(argv)
    if not 1 <= args.cycles <= 50 or not 0.2 <= args.pause <= 30:
        parser.error("--cycles must be 1..50 and --pause 0.2..30 s")
    if not 2 <= args.poll_ms <= 1000 or not 1 <= args.workers <= 16:
        parser.error("--poll-ms must be 2..1000 and --workers 1..16")
    if not 1024 < args.port_base < 65000:
        parser.error("--port-base must be between 1025 and 64999")
    return args


def prepare_small(bench_db: database.BenchDatabase, env: dict) -> None:
    print(f"preparing a small database: {bench_db.label}")
    (WORK / "prepared.json").unlink(missing_ok=True)  # not bench-edge's any more
    shutil.rmtree(WORK / "cache", ignore_errors=True)
    database.recreate(bench_db, os.environ.get("DATABASE_URL"), WORK)
    database.manage(run.ROOT, env, "migrate", "--no-input", "-v0")
    database.manage(run.ROOT, env, "shell", "-c", SMALL_CONTENT)
    database.manage(run.ROOT, env, "collectstatic", "--no-input", "-v0")


# --- The flagger process (``--flagger TOKEN``) -------------------------------------------------


class Flagger(edge.Publisher):
    """The long-lived Django process that flags and clears (this file with ``--flagger``)."""

    def __init__(self, env: dict, token: str, log: Path):
        self.log = log
        log.parent.mkdir(parents=True, exist_ok=True)
        with log.open("ab") as errors:
            self.process = subprocess.Popen(
                [sys.executable, str(Path(__file__).resolve()), "--flagger", token],
                cwd=run.ROOT,
                env=env,
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=errors,
                text=True,
                bufsize=1,
                start_new_session=True,
            )


def banner_text(token: str, number: int) -> str:
    return f"Breaking bulletin {number} {token}"


def flagger_main(argv: list[str]) -> int:
    """``flag N`` flags the newest article with the n-th banner text, as the admin does
    (validated, saved: one transaction); ``clear`` clears it. Each answers with its commit's
    time."""
    token = argv[0]
    answers = os.fdopen(os.dup(sys.stdout.fileno()), "w", buffering=1)
    sys.stdout = sys.stderr
    sys.path.insert(0, str(run.ROOT))
    import django

    django.setup()
    from django.utils import timezone

    from masthead.articles.models import ArticlePage
    from masthead.breaking.models import BreakingNews

    article = ArticlePage.objects.live().order_by("-published_at").first()
    if article is None:
        answers.write(json.dumps({"ready": False}) + "\n")
        return 1
    BreakingNews.objects.active().update(cleared_at=timezone.now())
    answers.write(json.dumps({"ready": True, "article": article.url_path}) + "\n")
    for line in sys.stdin:
        command = line.split()
        if not command or command[0] == "quit":
            break
        started = time.time()
        try:
            if command[0] == "flag":
                flag = BreakingNews(article=article, text=banner_text(token, int(command[1])))
                flag.full_clean()
                flag.save()
            elif command[0] == "clear":
                for flag in BreakingNews.objects.active():
                    flag.clear()
            else:
                raise ValueError(f"unknown command {command[0]!r}")
            reply = {"started": started, "committed": time.time()}
        except Exception as exc:  # the bench reports it
            reply = {"error": repr(exc)}
        answers.write(json.dumps(reply) + "\n")
    return 0


# --- Watching the pages through Varnish --------------------------------------------------------


class BannerWatcher(threading.Thread):
    """Polls one page through Varnish and notes each change of its banner: (time.time() once
    the answer is read, the banner's text or None)."""

    def __init__(self, edge_url: str, path: str, interval: float):
        super().__init__(name=f"watcher {path}", daemon=True)
        self.edge_url, self.path, self.interval = edge_url, path, interval
        self.changes: list[tuple[float, str | None]] = []
        self.answers: dict[str, int] = {}  # X-Cache → count
        self.errors = 0
        self.halt = threading.Event()

    def run(self) -> None:
        parts = urlsplit(self.edge_url)
        connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=5)
        shown: object = ...  # nothing seen yet
        while not self.halt.is_set():
            began = time.monotonic()
            try:
                connection.request("GET", self.path, headers={"Accept-Encoding": "gzip"})
                response = connection.getresponse()
                body = response.read()
                seen = time.time()
                if response.getheader("Content-Encoding") == "gzip":
                    body = gzip.decompress(body)
                cache = response.getheader("X-Cache") or "other"
                self.answers[cache] = self.answers.get(cache, 0) + 1
                if response.status != 200:
                    self.errors += 1
                found = BANNER.search(body)
                now_shown = found.group(1).decode() if found else None
                if now_shown != shown:
                    self.changes.append((seen, now_shown))
                    shown = now_shown
            except (OSError, http.client.HTTPException, EOFError, zlib.error):
                self.errors += 1
                connection.close()
                connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=5)
            self.halt.wait(max(0.0, self.interval - (time.monotonic() - began)))
        connection.close()

    def first(self, shown: str | None, after: float) -> float | None:
        """When the page first showed ``shown`` (a banner's text, or None: no banner) after
        ``after``: the change that took it there, or, had it already, ``after`` itself."""
        before = [text for moment, text in self.changes if moment <= after]
        if before and before[-1] == shown:
            return after
        return next((m for m, text in self.changes if m > after and text == shown), None)


def measure(args, env: dict, edge_url: str, paths: dict[str, str], check_time) -> dict:
    token = secrets.token_hex(4)
    flagger = Flagger(env, token, LOGS / "flagger.log")
    watchers = {name: BannerWatcher(edge_url, p, args.poll_ms / 1000) for name, p in paths.items()}
    changes: list[dict] = []
    try:
        ready = flagger.read(timeout=120)
        if not ready.get("ready"):
            raise edge.BenchError(f"the flagger found no live article: {ready}")
        for watcher in watchers.values():
            watcher.start()
        time.sleep(1)
        for number in range(1, args.cycles + 1):
            for command, shown in ((f"flag {number}", banner_text(token, number)), ("clear", None)):
                check_time()
                reply = flagger.ask(command)
                if "committed" not in reply:
                    raise edge.BenchError(f"{command} failed: {reply.get('error')}")
                changes.append({"command": command.split()[0], "shown": shown, **reply})
                deadline = time.monotonic() + 10
                while time.monotonic() < deadline and any(
                    w.first(shown, reply["committed"]) is None for w in watchers.values()
                ):
                    time.sleep(0.01)
                time.sleep(args.pause)
            print(f"  cycle {number}/{args.cycles} done")
    finally:
        for watcher in watchers.values():
            watcher.halt.set()
        for watcher in watchers.values():
            if watcher.is_alive():
                watcher.join(timeout=10)
        flagger.stop()
    rows = []
    for kind in ("flag", "clear"):
        mine = [c for c in changes if c["command"] == kind]
        for name, watcher in watchers.items():
            delays = [
                moment - c["committed"]
                for c in mine
                if (moment := watcher.first(c["shown"], c["committed"])) is not None
            ]
            rows.append(
                {
                    "change": kind,
                    "page": name,
                    "path": watcher.path,
                    **edge._spread(delays),
                    "never": len(mine) - len(delays),
                }
            )
    commits = [c["committed"] - c["started"] for c in changes]
    return {
        "rows": rows,
        "commit_ms": edge._spread([1000 * s for s in commits]),
        "answers": {name: w.answers for name, w in watchers.items()},
        "errors": sum(w.errors for w in watchers.values()),
        "changes": len(changes),
    }


def print_table(results: dict, cycles: int) -> None:
    print()
    print(f"publish-to-visible through Varnish, {cycles} flag/clear cycles (from the commit):")
    print(f"  {'change':<14} {'page':<8} {'path':<34} {'p50':>7} {'p95':>7} {'max':>7}  seen")
    for row in results["rows"]:
        label = "flag → shown" if row["change"] == "flag" else "clear → gone"
        print(
            f"  {label:<14} {row['page']:<8} {row['path']:<34} "
            f"{edge._seconds(row['p50']):>7} {edge._seconds(row['p95']):>7} "
            f"{edge._seconds(row['max']):>7}  {row['n']}/{row['n'] + row['never']}"
        )
    worst = max((r["p95"] for r in results["rows"] if r["p95"] is not None), default=None)
    met = (
        worst is not None
        and worst < TARGET_SECONDS
        and not any(r["never"] for r in results["rows"])
    )
    print(
        f"  commit (flag or clear) p50 {edge._ms(results['commit_ms']['p50'])}; watcher answers "
        f"{results['answers']}; {results['errors']} errors"
    )
    print(
        f"  Varnish asked the application {results['backend_requests']} times for "
        f"{results['changes']} changes (the banner once per change; the pages never)"
    )
    print(f"worst p95 {edge._seconds(worst)} (target < {TARGET_SECONDS:g} s: {edge._met(met)})")


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    deadline = time.monotonic() + args.max_minutes * 60

    def check_time() -> None:
        if time.monotonic() > deadline:
            raise edge.BenchError(f"the run took longer than --max-minutes {args.max_minutes:g}")

    WORK.mkdir(parents=True, exist_ok=True)
    for directory in (WORK.parent, WORK):  # varnishd drops to users who must enter
        directory.chmod(0o755)
    lock = run.hold_lock(WORK / "run.lock")  # noqa: F841 - bench-edge's too: one at a time
    edge.ensure_varnish()
    registry = servers.Registry(WORK / "servers-breaking.json")
    registry.stop_leftovers()
    run.redis_ready(edge.REDIS_URL)
    bench_db = database.choose(os.environ.get("DATABASE_URL"), WORK, edge.DATABASE_NAME)
    base_env = run.bench_env(
        bench_db.url,
        secrets.token_urlsafe(50),
        "masthead.settings.production",
        work=WORK,
        redis_url=edge.REDIS_URL,
    )
    ports = {"gunicorn": args.port_base + 1, "varnish": args.port_base + 2}
    env = edge.edge_env(base_env, ports["varnish"])
    if args.small:
        prepare_small(bench_db, base_env)
    else:
        edge.prepare(args, bench_db, base_env)
    check_time()

    shutil.rmtree(LOGS, ignore_errors=True)
    shutil.rmtree(WORK / "varnish-breaking", ignore_errors=True)
    with contextlib.ExitStack() as stack:
        stack.callback(registry.stop_all)
        run.redis_ready(edge.REDIS_URL)
        shutil.rmtree(WORK / "cache", ignore_errors=True)
        app = registry.add(
            servers.gunicorn(
                "Masthead",
                run.VENV_BIN,
                run.ROOT,
                ports["gunicorn"],
                args.workers,
                env,
                LOGS / "gunicorn.log",
            )
        )
        worker = registry.add(
            servers.Server(
                "task worker",
                [
                    str(run.VENV_BIN / "python"),
                    "manage.py",
                    "db_worker",
                    "--backend",
                    "edge",
                    "--interval",
                    "0.1",
                    "--no-startup-delay",
                ],
                0,
                LOGS / "db_worker.log",
                env=env,
                cwd=run.ROOT,
            )
        )
        app.start()
        registry.save()
        app.wait_until_answering("/", timeout=120)
        varnish = edge.varnish_launcher().Varnish(
            f"{servers.HOST}:{ports['varnish']}",
            f"{servers.HOST}:{ports['gunicorn']}",
            work_dir=WORK / "varnish-breaking",
        )
        stack.enter_context(varnish)
        assert varnish.pid is not None and varnish.work_dir is not None
        edge.record(registry, "Varnish", varnish.pid, varnish.work_dir / "varnishd.log")
        worker.start()  # once Varnish is up, so that purges left queued are sent now
        registry.save()
        time.sleep(2)
        if worker.process is None or worker.process.poll() is not None:
            raise edge.BenchError(f"the task worker exited:\n{worker.log_tail()}")

        home = pages.fetch(app.base_url, "/").decode("utf-8", "replace")
        section = pages.section_path(home)
        article = edge.first_news_path(app.base_url)
        paths = {"home": "/", "article": article, **({"section": section} if section else {})}
        for name, path in paths.items():
            answer = edge.warmed_through(varnish.url, path)
            if answer.headers.get("x-cache") != "HIT":
                raise edge.BenchError(f"the {name} page {path} is not cached by Varnish")
        print("pages watched (through Varnish, cached): " + ", ".join(paths.values()))
        before = varnish.counters()
        results = measure(args, env, varnish.url, paths, check_time)
        results["backend_requests"] = edge.origin_change(before, varnish.counters())
    print_table(results, args.cycles)
    return 0


if __name__ == "__main__":
    if sys.argv[1:2] == ["--flagger"]:
        sys.exit(flagger_main(sys.argv[2:]))
    entry.run_main(
        main,
        lambda: (
            edge.BenchError,
            database.PrepareError,
            servers.ServerError,
            pages.PageError,
            run.BenchError,
            edge.varnish_launcher().VarnishError,
        ),
        "bench breaking",
    )
