"""Reader search on PostgreSQL over 100,000 generated articles, through gunicorn (issue 18).

Prepares a PostgreSQL database of its own (``masthead_bench_search``: migrated, the demo
newsroom, ``generate_news --count 100000``, ``rebuild_search``; kept and reused while it holds the
archive, rebuilt with ``--fresh``), starts gunicorn with production settings on a free loopback
port, warms it, and measures a fixed mix of searches: one at a time for latency (p50/p95) and
with a few concurrent clients for throughput, the article page beside them in the same run.
Everything runs on 127.0.0.1, every loop is bounded, and the server is stopped on the way out.
See docs/performance.md, "Search".
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import secrets
import shutil
import socket
import statistics
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from pathlib import Path

import database
import entry
import servers
from run import BenchError, bench_env, hold_lock, redis_ready

ROOT = Path(__file__).resolve().parent.parent
WORK = ROOT / "bench" / ".work" / "search"
VENV_BIN = Path(sys.executable).parent
DOCS = ROOT / "docs" / "performance.md"
SERVER = "postgres://postgres@127.0.0.1:5432/postgres"
DATABASE = "masthead_bench_search"
REDIS_URL = "redis://127.0.0.1:6379/13"
ARCHIVE = 100_000
# The archive's newest item and the demo's week end at one fixed moment, so every run searches
# the same documents.
UNTIL = database.DEMO_NOW


@dataclass(frozen=True)
class Case:
    name: str
    path: str
    description: str


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description="Reader search latency (see module doc)")
    parser.add_argument(
        "--server",
        default=os.environ.get("DATABASE_URL") or SERVER,
        help="a PostgreSQL URL on this machine, only used to connect (default: %(default)s)",
    )
    parser.add_argument("--fresh", action="store_true", help="drop and rebuild the database")
    parser.add_argument("--count", type=int, default=ARCHIVE, help="articles to generate")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers")
    parser.add_argument("--requests", type=int, default=40, help="sequential requests per case")
    parser.add_argument("--clients", type=int, default=4, help="concurrent clients")
    parser.add_argument("--seconds", type=float, default=4, help="concurrent run per case")
    parser.add_argument("--timeout", type=float, default=20, help="seconds per request at most")
    parser.add_argument("--prepare-only", action="store_true", help="stop after preparing")
    parser.add_argument("--no-docs", action="store_true", help="leave docs/performance.md alone")
    parser.add_argument("--max-minutes", type=float, default=10, help="measuring stops after this")
    args = parser.parse_args(argv)
    if not 1 <= args.workers <= 16 or not 5 <= args.requests <= 1000:
        parser.error("--workers must be 1..16 and --requests 5..1000")
    if not 1 <= args.clients <= 32 or not 1 <= args.seconds <= 60:
        parser.error("--clients must be 1..32 and --seconds 1..60")
    if not 1_000 <= args.count <= 1_000_000:
        parser.error("--count must be 1,000..1,000,000")
    return args


# --- The database ----------------------------------------------------------------------------


def _sql(url: str, query: str, *params) -> list[tuple]:
    import psycopg  # a project dependency

    with psycopg.connect(url, connect_timeout=10, autocommit=True) as connection:
        cursor = connection.execute(query, params)
        return cursor.fetchall() if cursor.description else []


def _exists(server_url: str, name: str) -> bool:
    return bool(_sql(server_url, "SELECT 1 FROM pg_database WHERE datname = %s", name))


def archive_size(url: str) -> tuple[int, int]:
    """Live articles and search documents in the bench database (0, 0 when it is not ready)."""
    try:
        rows = _sql(
            url,
            "SELECT (SELECT count(*) FROM articles_articlepage a JOIN wagtailcore_page p "
            "ON p.id = a.page_ptr_id WHERE p.live), "
            "(SELECT count(*) FROM reader_search_searchdocument)",
        )
    except Exception:  # no tables yet, or another schema: prepare again
        return 0, 0
    return rows[0][0], rows[0][1]


def sizes(url: str) -> dict[str, int]:
    """Bytes on disk: the database, the search index (Wagtail's database backend keeps one
    table of entries for every indexed model: the reader's documents and, for the admin, the
    pages) and the search documents."""
    row = _sql(
        url,
        "SELECT pg_database_size(current_database()), "
        "pg_total_relation_size('wagtailsearch_indexentry'), "
        "pg_total_relation_size('reader_search_searchdocument'), "
        "(SELECT count(*) FROM wagtailsearch_indexentry e JOIN django_content_type t "
        "ON t.id = e.content_type_id WHERE t.app_label = 'reader_search'), "
        "(SELECT count(*) FROM wagtailsearch_indexentry)",
    )[0]
    return {
        "database": row[0],
        "index_entries": row[1],
        "documents": row[2],
        "document_entries": row[3],
        "entries": row[4],
    }


def prepare(args, db: database.BenchDatabase, env: dict) -> dict:
    """The bench database, prepared now or earlier: what it holds and how long each step took."""
    state_file = WORK / "prepared.json"
    try:
        state = json.loads(state_file.read_text())
    except (OSError, ValueError):
        state = {}
    if not args.fresh and _exists(args.server, db.name):
        articles, documents = archive_size(db.url)
        if articles >= args.count and documents >= args.count:
            print(f"reusing {db.label}: {articles:,} live articles, {documents:,} documents")
            # The code may be newer than the database: its migrations (indexes) first.
            database.manage(ROOT, env, "migrate", "--no-input", "-v0", timeout=600)
            if state.get("url") != db.url:  # prepared by hand, or by a run that stopped early
                state = {"url": db.url, "prepared": "unknown", "steps": {}}
            state.update(articles=articles, documents=documents, sizes=sizes(db.url))
            state_file.write_text(json.dumps(state, indent=2))
            return {**state, "reused": True}
    print(f"preparing {db.label} ({args.count:,} generated articles)")
    state_file.unlink(missing_ok=True)
    shutil.rmtree(WORK / "media", ignore_errors=True)
    shutil.rmtree(WORK / "cache", ignore_errors=True)
    database.recreate(db, args.server, WORK)
    steps: dict[str, float] = {}

    def step(name: str, *command: str, timeout: float) -> list[str]:
        started = time.monotonic()
        lines = database.manage(ROOT, env, *command, timeout=timeout)
        steps[name] = round(time.monotonic() - started, 1)
        return lines

    step("migrate", "migrate", "--no-input", "-v0", timeout=600)
    step("demo_newsroom", "demo_newsroom", "--seed", "1", "--now", UNTIL, timeout=900)
    step(
        "generate_news",
        "generate_news",
        "--count",
        str(args.count),
        "--seed",
        "1",
        "--until",
        UNTIL,
        timeout=3600,
    )
    lines = step("rebuild_search", "rebuild_search", timeout=3600)
    step("collectstatic", "collectstatic", "--no-input", "-v0", timeout=600)
    database.analyze(db.url)  # as autovacuum would, before anyone searches
    articles, documents = archive_size(db.url)
    state = {
        "url": db.url,
        "prepared": dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "count": args.count,
        "articles": articles,
        "documents": documents,
        "steps": steps,
        "rebuild_line": lines[-1] if lines else "",
        "sizes": sizes(db.url),
    }
    state_file.write_text(json.dumps(state, indent=2))
    return {**state, "reused": False}


# --- What is searched --------------------------------------------------------------------------

# Fixed words, chosen against the generated archive (counts from its headlines); the table says
# what each page showed, so a change of the demo's headlines shows there.
COMMON = "region"  # the commonest word of the generated headlines: in 18,804 of 100,000
RARE = "patience"  # in two headlines
TWO_WORDS = "power repair"  # in some 3,000 headlines each, together in fewer
PHRASE = '"air raid alert"'  # some 2,300 headlines
MISSPELT = "evacuaton"  # corrected to "evacuation" (3,868 headlines)
PREFIXES = ("so", "de", "zel", "hryt", "kyi", "al", "mar", "ener")


def _query(path: str, **params: str) -> str:
    return f"{path}?{urllib.parse.urlencode(params)}"


def cases(db_url: str) -> list[Case]:
    """The fixed mix, with what in it depends on the data (a person, a section, a deep cursor,
    an article) read from the bench database."""
    person = _sql(
        db_url,
        "SELECT p.name FROM people_person p JOIN articles_appearance a ON a.person_id = p.id "
        "GROUP BY p.id ORDER BY count(*) DESC, p.name LIMIT 1",
    )[0][0]
    section = _sql(
        db_url,
        "SELECT p.slug FROM sections_sectionpage s JOIN wagtailcore_page p ON p.id = s.page_ptr_id "
        "WHERE p.slug = 'war' OR p.depth = 3 ORDER BY p.slug <> 'war', p.path LIMIT 1",
    )[0][0]
    # Half-way back through the archive, newest first: a cursor a reader reaches by paging on.
    when, pk = _sql(
        db_url,
        "SELECT published_at, article_id FROM reader_search_searchdocument "
        "ORDER BY published_at DESC, article_id DESC "
        "OFFSET (SELECT count(*) / 2 FROM reader_search_searchdocument) LIMIT 1",
    )[0]
    article = _sql(
        db_url,
        "SELECT p.url_path FROM articles_articlepage a JOIN wagtailcore_page p "
        "ON p.id = a.page_ptr_id WHERE p.live AND a.kind <> 'news' "
        "ORDER BY length(a.body::text) DESC, p.id LIMIT 1",
    )[0][0]
    article_path = "/" + article.split("/", 2)[2] if article.count("/") > 2 else article
    deep = f"t{when.isoformat()}_{pk}"
    search = "/search/"
    return [
        Case("article", article_path, "the longest demo article (for comparison)"),
        Case("rare", _query(search, q=RARE), f"a rare word: {RARE}"),
        Case("rare newest", _query(search, q=RARE, sort="newest"), f"{RARE}, newest first"),
        Case("common", _query(search, q=COMMON), f"a common word: {COMMON}"),
        Case("two words", _query(search, q=TWO_WORDS), f"two words: {TWO_WORDS}"),
        Case("phrase", _query(search, q=PHRASE), f"a phrase: {PHRASE}"),
        Case("person", _query(search, q=person), f"a person's name: {person}"),
        Case("misspelt", _query(search, q=MISSPELT), f"a misspelling, corrected: {MISSPELT}"),
        Case(
            "filtered",
            _query(
                search,
                q=COMMON,
                kind="news",
                section=section,
                since="2024-06-01",
                until="2024-08-31",
            ),
            f"{COMMON}, news in /{section}/, June to August 2024",
        ),
        Case("newest", _query(search, q=COMMON, sort="newest"), f"{COMMON}, newest first"),
        Case(
            "deep newest",
            _query(search, q=COMMON, sort="newest", cursor=deep),
            f"{COMMON}, newest first, from half-way back in the archive",
        ),
        # Its cursor is found by following "More results" once the server is up (see last_page).
        Case("relevance last", _query(search, q=COMMON), f"{COMMON}, the last page by relevance"),
        *[
            Case("suggest", _query("/search/suggest/", q=prefix), "autocomplete, 2 to 4 letters")
            for prefix in PREFIXES
        ],
    ]


def grouped(found: list[Case]) -> dict[str, list[Case]]:
    groups: dict[str, list[Case]] = {}
    for case in found:
        groups.setdefault(case.name, []).append(case)
    return groups


# --- The client ------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind((servers.HOST, 0))
        return probe.getsockname()[1]


def fetch(base: str, path: str, timeout: float) -> tuple[int, bytes, float]:
    """One GET on a fresh connection: status, body and milliseconds to the last byte."""
    started = time.perf_counter()
    try:
        with urllib.request.urlopen(base + path, timeout=timeout) as response:
            body, status = response.read(), response.status
    except urllib.error.HTTPError as exc:
        body, status = exc.read(), exc.code
    return status, body, (time.perf_counter() - started) * 1000


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    rank = max(0, min(len(ordered) - 1, round(share * (len(ordered) - 1))))
    return ordered[rank]


def last_page(base: str, case: Case, timeout: float, hops: int = 30) -> Case:
    """The case with its path moved to the last page its "More results" links reach."""
    from bs4 import BeautifulSoup

    path, pages = case.path, 1
    for _ in range(hops):
        status, body, _ms = fetch(base, path, timeout)
        following = BeautifulSoup(body, "html.parser").select_one("nav.pager a[rel=next]")
        if status != 200 or following is None:
            break
        path, pages = "/search/" + following["href"], pages + 1
    return Case(case.name, path, f"{case.description} (page {pages})")


def check(case: Case, body: bytes) -> str:
    """What the answer shows, read from it: how many results, a correction, a next page."""
    if case.name == "suggest":
        answer = json.loads(body)
        return f"{len(answer['people'])} people, {len(answer['tags'])} tags"
    if case.name == "article":
        return f"{len(body):,} bytes"
    from bs4 import BeautifulSoup  # a test dependency, installed with the project

    page = BeautifulSoup(body, "html.parser")
    shown = len(page.select("ol.results > li"))
    notes = [f"{shown} results"]
    if page.select_one("p.search-note"):
        notes.append("corrected to " + page.select_one("p.search-note strong").get_text())
    if page.select_one("nav.pager a[rel=next]"):
        notes.append("more")
    return ", ".join(notes)


def sequential(base: str, paths: list[str], requests: int, budget: float, timeout: float):
    """Latencies of one request at a time, rotating through ``paths``, for at most ``budget``
    seconds."""
    timings = []
    deadline = time.monotonic() + budget
    for number in range(requests):
        status, _body, ms = fetch(base, paths[number % len(paths)], timeout)
        if status != 200:
            raise BenchError(f"{paths[number % len(paths)]} answered {status}")
        timings.append(ms)
        if time.monotonic() > deadline:
            break
    return timings


def concurrent(base: str, paths: list[str], clients: int, seconds: float, timeout: float):
    """Answers a second with ``clients`` clients asking one after another for ``seconds``."""
    done: list[float] = []
    errors: list[str] = []
    stop = time.monotonic() + seconds
    lock = threading.Lock()

    def client(offset: int) -> None:
        number = offset
        while time.monotonic() < stop:
            try:
                status, _body, ms = fetch(base, paths[number % len(paths)], timeout)
            except OSError as exc:
                errors.append(str(exc))
                return
            if status != 200:
                errors.append(f"HTTP {status}")
                return
            with lock:
                done.append(ms)
            number += 1

    started = time.monotonic()
    threads = [threading.Thread(target=client, args=(i,), daemon=True) for i in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(seconds + timeout + 5)
    elapsed = time.monotonic() - started
    if errors:
        raise BenchError(f"concurrent run of {paths[0]} failed: {errors[0]}")
    return len(done) / elapsed, done


# --- The report ------------------------------------------------------------------------------


def _mb(size: int) -> str:
    return f"{size / 1024 / 1024:,.0f} MB"


def table(rows: list[dict]) -> list[str]:
    lines = [
        "| query | p50 | p95 | max | requests | req/s, {c} clients | what it showed |",
        "|---|---|---|---|---|---|---|",
    ]
    clients = rows[0]["clients"] if rows else 0
    lines[0] = lines[0].format(c=clients)
    for row in rows:
        lines.append(
            f"| {row['name']} ({row['description']}) | {row['p50']:.1f} ms | {row['p95']:.1f} ms "
            f"| {row['max']:.0f} ms | {row['requests']} | {row['rate']:.1f} | {row['shows']} |"
        )
    return lines


def markdown(results: dict) -> str:
    prepared = results["prepared"]
    size = prepared["sizes"]
    steps = prepared["steps"]
    lines = [
        "<!-- bench:search -->",
        "<!-- Written by bench/search.py; edits here are replaced. -->",
        "",
        f"{results['finished']}: {prepared['documents']:,} search documents "
        f"({prepared['articles']:,} live articles) on {results['database']}; gunicorn, "
        f"{results['workers']} workers, production settings, Redis cache; "
        f"{results['requests']} sequential requests a query (fewer for slow ones: "
        f"{results['budget']:g} s each at most), then {results['clients']} clients for "
        f"{results['seconds']:g} s. Machine: {results['cpus']} CPUs.",
        "",
        "Planner: random_page_cost {random_page_cost}, plan_cache_mode {plan_cache_mode}, "
        "max_parallel_workers_per_gather {max_parallel_workers_per_gather}, shared_buffers "
        "{shared_buffers}; indexes: {names}.".format(
            **results["planner"], names=", ".join(results["planner"]["indexes"])
        ),
        "",
        *table(results["rows"]),
        "",
        "| preparing (once; reused by later runs) | |",
        "|---|---|",
        *(f"| {name} | {seconds:.1f} s |" for name, seconds in steps.items()),
        f"| database | {_mb(size['database'])} |",
        f"| wagtailsearch_indexentry (table, TOAST and indexes; {size['entries']:,} entries, "
        f"{size['document_entries']:,} of them reader documents) | {_mb(size['index_entries'])} |",
        f"| reader_search_searchdocument (table, TOAST and indexes) | {_mb(size['documents'])} |",
        "<!-- /bench:search -->",
    ]
    return "\n".join(lines)


def update_docs(text: str) -> str:
    current = DOCS.read_text()
    begin, end = "<!-- bench:search -->", "<!-- /bench:search -->"
    if begin in current and end in current:
        head, rest = current.split(begin, 1)
        DOCS.write_text(head + text + rest.split(end, 1)[1])
        return f"rewrote the search results in {DOCS}"
    return f"no '{begin}' section in {DOCS}: add one to have the results written there"


def measure(args, base: str, found: list[Case], budget: float, deadline: float) -> list[dict]:
    rows = []
    groups = grouped(found)
    for name, members in groups.items():
        if time.monotonic() > deadline:
            print(f"  out of time: {name} and after it not measured")
            break
        paths = [case.path for case in members]
        status, body, _ms = fetch(base, paths[0], args.timeout)
        if status != 200:
            raise BenchError(f"{paths[0]} answered {status}")
        shows = check(members[0], body)
        timings = sequential(base, paths, args.requests, budget, args.timeout)
        rate, _ = concurrent(base, paths, args.clients, args.seconds, args.timeout)
        row = {
            "name": name,
            "description": members[0].description,
            "paths": paths,
            "p50": statistics.median(timings),
            "p95": percentile(timings, 0.95),
            "max": max(timings),
            "requests": len(timings),
            "rate": rate,
            "clients": args.clients,
            "shows": shows,
        }
        rows.append(row)
        print(
            f"  {name:<14} p50 {row['p50']:8.1f} ms  p95 {row['p95']:8.1f} ms  "
            f"{rate:7.1f} req/s  ({len(timings)} sequential; {shows})"
        )
    return rows


def planner(url: str) -> dict:
    """What the searches were planned with: settings that change the plans, and the indexes of
    the two tables a search reads (so a run with an index added by hand says so)."""
    settings = _sql(
        url,
        "SELECT current_setting('random_page_cost'), current_setting('plan_cache_mode'), "
        "current_setting('max_parallel_workers_per_gather'), current_setting('shared_buffers')",
    )[0]
    indexes = _sql(
        url,
        "SELECT indexname FROM pg_indexes WHERE tablename IN "
        "('wagtailsearch_indexentry', 'reader_search_searchdocument') ORDER BY indexname",
    )
    return {
        "random_page_cost": settings[0],
        "plan_cache_mode": settings[1],
        "max_parallel_workers_per_gather": settings[2],
        "shared_buffers": settings[3],
        "indexes": [row[0] for row in indexes],
    }


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    WORK.mkdir(parents=True, exist_ok=True)
    lock = hold_lock(WORK / "run.lock")  # noqa: F841 - held until the process ends
    db = database.choose(args.server, WORK, DATABASE)
    if db.vendor != "postgresql":
        raise BenchError(f"--server must name PostgreSQL, not {args.server}")
    env = bench_env(
        db.url,
        secrets.token_urlsafe(50),
        "masthead.settings.production",
        work=WORK,
        redis_url=REDIS_URL,
    )
    prepared = prepare(args, db, env)
    if args.prepare_only:
        print(json.dumps(prepared, indent=2))
        return 0
    started = time.monotonic()
    deadline = started + args.max_minutes * 60
    registry = servers.Registry(WORK / "servers.json")
    registry.stop_leftovers()
    redis_ready(REDIS_URL)
    found = cases(db.url)
    server = registry.add(
        servers.gunicorn(
            "Masthead",
            VENV_BIN,
            ROOT,
            free_port(),
            args.workers,
            env,
            WORK / "logs" / "gunicorn.log",
        )
    )
    try:
        server.start()
        registry.save()
        server.wait_until_answering("/")
        registry.save()
        found = [
            last_page(server.base_url, c, args.timeout) if c.name == "relevance last" else c
            for c in found
        ]
        print(f"warming {server.base_url} ({len(found)} addresses, every worker)")
        for case in found:
            concurrent(server.base_url, [case.path], args.workers * 2, 0.5, args.timeout)
        print(f"measuring: {args.requests} sequential requests, then {args.clients} clients")
        # A slow query gets a share of the time left, not all of it: the run stays bounded.
        budget = max(5.0, (deadline - time.monotonic()) / len(grouped(found)) - args.seconds)
        budget = min(budget, 30.0)
        rows = measure(args, server.base_url, found, budget, deadline)
    finally:
        registry.stop_all()
    results = {
        "finished": dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "took": round(time.monotonic() - started),
        "database": database.server_version(db).split(" (")[0],
        "workers": args.workers,
        "requests": args.requests,
        "budget": budget,
        "clients": args.clients,
        "seconds": args.seconds,
        "cpus": len(os.sched_getaffinity(0)),
        "prepared": prepared,
        "planner": planner(db.url),
        "rows": rows,
    }
    (WORK / "results.json").write_text(json.dumps(results, indent=2, default=str))
    text = markdown(results)
    print()
    print(text)
    if not args.no_docs:
        print(update_docs(text))
    return 0


if __name__ == "__main__":
    entry.run_main(
        main,
        lambda: (
            BenchError,
            database.PrepareError,
            servers.ServerError,
        ),
        "bench-search",
    )
