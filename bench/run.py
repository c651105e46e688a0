"""`make bench`: Masthead's pages side by side with nginx serving the same bytes.

Prepares a bench database (fresh SQLite under bench/.work/, or a dedicated ``masthead_bench``
database when DATABASE_URL names PostgreSQL), starts two gunicorn servers of Masthead (shared
fragments rendered on every request, and cached in Redis) and one nginx serving the pages' saved
HTML, loads each page on each server with wrk in alternating rounds, and reports each page's rate
as a share of nginx's rate in the same round. Everything runs on 127.0.0.1, every loop is
bounded, and every process started here is stopped on the way out. See docs/performance.md.
"""

from __future__ import annotations

import argparse
import datetime as dt
import fcntl
import json
import os
import secrets
import shutil
import subprocess
import sys
import time
from pathlib import Path

import database
import entry
import load
import pages
import report
import servers

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "bench"
WORK = BENCH / ".work"
VENV_BIN = Path(sys.executable).parent
CAPTURE = ROOT.parent / "shared" / "seed" / "article-capture.txt"
DOCS = ROOT / "docs" / "performance.md"
REDIS_URL = "redis://127.0.0.1:6379/14"
INSTALL_LINE = "apt-get install -y nginx wrk"
QUIET_SHARE = 0.15  # others' share of the CPU above which a run is repeated (once) or flagged
# Variables that would change what the servers run; the bench sets its own.
STRIPPED_ENV = {
    "DJANGO_SETTINGS_MODULE",
    "DATABASE_URL",
    "DATABASE_CONN_MAX_AGE",
    "REDIS_URL",
    "MASTHEAD_FRAGMENT_CACHE",
    "MASTHEAD_KEPT_PAGES",
    "DEBUG",
    "SECRET_KEY",
    "ALLOWED_HOSTS",
    "SECURE_COOKIES",
    "MEDIA_ROOT",
    "CACHE_DIR",
    "GUNICORN_CMD_ARGS",
    "WEB_CONCURRENCY",
    "DATABASE_REPLICA_URLS",
    "MASTHEAD_ONE_PROCESS",
    "MASTHEAD_RELEASE",
    "VARNISH_PURGE_URLS",
    "EDGE_PURGE",
    "SECURE_HSTS_SECONDS",
    "SECURE_SSL_REDIRECT",
}


class BenchError(RuntimeError):
    pass


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description="Masthead's pages against nginx (see module doc)")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers per server")
    parser.add_argument("--rounds", type=int, default=3, help="alternating rounds (≥ 3)")
    parser.add_argument("--seconds", type=float, default=3, help="length of each wrk run")
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--single-seconds", type=float, default=2, help="one-connection runs")
    parser.add_argument("--profile-requests", type=int, default=50)
    parser.add_argument(
        "--port-base",
        type=int,
        default=18000,
        help="uncached on +1, cached on +2, nginx on +80 (127.0.0.1 only)",
    )
    parser.add_argument(
        "--reuse-database",
        action="store_true",
        help="skip preparing: use the bench database the previous run prepared",
    )
    parser.add_argument("--no-docs", action="store_true", help="do not rewrite docs/performance.md")
    parser.add_argument(
        "--no-kept-pages",
        action="store_true",
        help="the cached server keeps shared values only, no whole pages (MASTHEAD_KEPT_PAGES=0)",
    )
    parser.add_argument(
        "--settings",
        default="masthead.settings.production",
        help="Django settings module for every step (default: production)",
    )
    parser.add_argument(
        "--pages",
        help="only these pages, comma-separated (article,home,section,person,latest,latest-last)",
    )
    parser.add_argument(
        "--quiet-wait",
        type=float,
        default=60,
        help="seconds to wait at most for other processes to leave the CPU (0: do not wait)",
    )
    parser.add_argument("--max-minutes", type=float, default=15, help="give up after this long")
    args = parser.parse_args(argv)
    if not 1 <= args.rounds <= 20 or not 1 <= args.workers <= 16:
        parser.error("--rounds must be 1..20 and --workers 1..16")
    if not 1 <= args.seconds <= 60 or not 1 <= args.single_seconds <= 60:
        parser.error("wrk runs must last 1..60 seconds")
    if not 0 <= args.quiet_wait <= 600:
        parser.error("--quiet-wait must be 0..600 seconds")
    if not 1024 < args.port_base < 65000:
        parser.error("--port-base must be between 1025 and 64999")
    return args


def hold_lock(path: Path):
    """One run at a time per work tree: two would share ports, the database and the record of
    processes to stop. The lock goes with the process, however it ends."""
    handle = path.open("a+")
    try:
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        handle.seek(0)
        holder = handle.read().strip() or "?"
        handle.close()
        raise BenchError(
            f"another bench run (pid {holder}) is using {path.parent}; wait for it to finish"
        ) from None
    handle.seek(0)
    handle.truncate()
    handle.write(str(os.getpid()))
    handle.flush()
    return handle


def find_tool(name: str) -> str | None:
    found = shutil.which(name)
    if found:
        return found
    for directory in ("/usr/sbin", "/usr/bin", "/usr/local/sbin", "/usr/local/bin"):
        candidate = Path(directory) / name
        if os.access(candidate, os.X_OK):
            return str(candidate)
    return None


def ensure_tools() -> tuple[str, str]:
    """nginx and wrk from Debian; installed here when missing and we are root."""
    tools = {name: find_tool(name) for name in ("nginx", "wrk")}
    missing = [name for name, path in tools.items() if path is None]
    if missing:
        print(f"missing: {', '.join(missing)}. Install them with:\n  {INSTALL_LINE}")
        if os.geteuid() != 0:
            raise BenchError(f"run `{INSTALL_LINE}` as root (after `apt-get update`), then again")
        print(f"running it now (as root): {INSTALL_LINE}")
        install = ["apt-get", "install", "-y", "-q", "nginx", "wrk"]
        if subprocess.run(install, timeout=600, check=False).returncode != 0:
            subprocess.run(["apt-get", "update", "-q"], timeout=600, check=False)
            subprocess.run(install, timeout=600, check=False)
        tools = {name: find_tool(name) for name in ("nginx", "wrk")}
        if None in tools.values():
            raise BenchError(f"could not install nginx and wrk; run `{INSTALL_LINE}` by hand")
    return tools["nginx"], tools["wrk"]


def redis_ready(url: str = REDIS_URL) -> str:
    """Flush the bench's Redis database (14, or the one ``url`` names) and return the server's
    version."""
    import redis  # a project dependency

    try:
        client = redis.Redis.from_url(url, socket_timeout=5, socket_connect_timeout=5)
        client.flushdb()
        return str(client.info("server").get("redis_version", "unknown"))
    except redis.RedisError as exc:
        raise BenchError(f"Redis at {url} is not usable ({exc}); is redis-server up?") from exc


def bench_env(
    database_url: str,
    secret: str,
    settings: str,
    *,
    work: Path = WORK,
    redis_url: str = REDIS_URL,
) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in STRIPPED_ENV}
    env.update(
        DJANGO_SETTINGS_MODULE=settings,
        SECRET_KEY=secret,
        ALLOWED_HOSTS="127.0.0.1,localhost",
        SECURE_COOKIES="0",
        # Plain HTTP on loopback: no TLS proxy in front to redirect to.
        SECURE_SSL_REDIRECT="0",
        SECURE_HSTS_SECONDS="0",
        DATABASE_URL=database_url,
        MEDIA_ROOT=str(work / "media"),
        CACHE_DIR=str(work / "cache"),
        # Production needs a cache every process shares; "uncached" only turns the shared
        # fragments off (Wagtail's own cache reads still go to Redis, as in production).
        REDIS_URL=redis_url,
    )
    return env


def uncached_env(env: dict) -> dict:
    return {**env, "MASTHEAD_FRAGMENT_CACHE": "0"}


def cached_env(env: dict, kept_pages: bool = True) -> dict:
    return {
        **env,
        "MASTHEAD_FRAGMENT_CACHE": "1",
        "MASTHEAD_KEPT_PAGES": "1" if kept_pages else "0",
    }


def prepare(args, bench_db: database.BenchDatabase, env: dict) -> tuple[str | None, str | None]:
    """The seed article's path and the slug of a person with articles."""
    state = WORK / "prepared.json"
    if args.reuse_database:
        try:
            prepared = json.loads(state.read_text())
        except (OSError, ValueError) as exc:
            raise BenchError(
                "--reuse-database: no prepared bench database; run without it"
            ) from exc
        if prepared.get("database") != bench_db.url:
            raise BenchError("--reuse-database: the prepared database is another one")
        print("using the bench database prepared earlier")
        return prepared.get("seed_path"), prepared.get("person")
    print(f"preparing the bench database: {bench_db.label}")
    state.unlink(missing_ok=True)
    shutil.rmtree(WORK / "cache", ignore_errors=True)
    shutil.rmtree(WORK / "media", ignore_errors=True)  # else each run's images pile up
    database.recreate(bench_db, os.environ.get("DATABASE_URL"), WORK)
    seed_path = database.fill(ROOT, env, CAPTURE)
    person = database.busiest_person(ROOT, env)
    state.write_text(
        json.dumps({"database": bench_db.url, "seed_path": seed_path, "person": person})
    )
    return seed_path, person


def discover_pages(
    base_url: str, seed_path: str | None, person_slug: str | None
) -> list[pages.Page]:
    home = pages.fetch(base_url, "/").decode("utf-8", "replace")
    found = []
    if seed_path:
        found.append(pages.Page("article", seed_path, "the seed article (import_capture)"))
    found.append(pages.Page("home", "/", "the home page"))
    section = pages.section_path(home)
    if section is None:
        raise BenchError("the home page's sections menu links no section")
    found.append(pages.Page("section", section, "a section page"))
    person_path = f"/people/{person_slug}/" if person_slug else pages.person_path_from(home)
    if person_path is None:
        raise BenchError("found no person with articles")
    found.append(pages.Page("person", person_path, "the person with the most articles"))
    found.append(pages.Page("latest", "/latest/", '"More news", page 1'))
    deepest, count = pages.deepest_older_page(base_url, "/latest/")
    if deepest != "/latest/":
        found.append(
            pages.Page("latest-last", deepest, f'"More news", its last page ({count} of {count})')
        )
    return found


def one_round(
    args,
    wrk: str,
    page: pages.Page,
    order: tuple[str, ...],
    urls: dict,
    pids: list[int],
    server_pids: dict[str, list[int]],
) -> list[dict]:
    rows = []
    for target in order:
        path = page.static_path if target == "nginx" else page.path
        with load.CpuMeter(pids, server_pids[target]) as meter:
            result = load.run_wrk(
                wrk,
                urls[target] + path,
                threads=args.threads,
                connections=args.connections,
                seconds=args.seconds,
            )
        if result.non_2xx_3xx:
            raise BenchError(
                f"{target} answered {result.non_2xx_3xx} requests for {path} with an error status"
            )
        rows.append(
            {
                "page": page.name,
                "target": target,
                "kind": "load",
                **result.as_dict(),
                "foreign_cpu": round(meter.foreign_share, 3),
                # CPU the server itself spent per answer: robust to a busy machine.
                "server_cpu_ms": round(meter.measured_seconds * 1000 / max(result.requests, 1), 3),
            }
        )
    return rows


def _share(nginx_rate: float, rate: float) -> str:
    return f"1/{nginx_rate / rate:.0f}" if rate > 0 else "no answer in time"


def wait_for_quiet(limit: float, label: str = "") -> float:
    """Wait (at most ``limit`` seconds) while other processes use much of the CPU; the share
    they used in the last sample."""
    deadline = time.monotonic() + limit
    share = load.foreign_cpu_share(2)
    if share > QUIET_SHARE and limit > 0:
        print(
            f"{label}other processes use {share:.0%} of the CPU; waiting up to {limit:.0f} s "
            "for a quieter machine"
        )
    while share > QUIET_SHARE and time.monotonic() < deadline:
        share = load.foreign_cpu_share(3)
    if share > QUIET_SHARE:
        print(f"{label}still {share:.0%} of the CPU used by others; measuring anyway")
    return share


def run_profile(env: dict, variant: str, measured: list[pages.Page], requests: int) -> dict:
    out = WORK / "profile" / f"{variant}.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    command = [
        sys.executable,
        str(BENCH / "profiling.py"),
        "--requests",
        str(requests),
        "--top",
        "12",
        "--json",
        str(out),
        "--stats-dir",
        str(WORK / "profile" / variant),
        "--quiet",
    ]
    for page in measured:
        command += ["--page", f"{page.name}={page.path}"]
    done = subprocess.run(
        command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=600, check=False
    )
    if done.returncode != 0:
        raise BenchError(f"profiling failed:\n{done.stderr[-3000:]}")
    return {"variant": variant, "requests": requests, "pages": json.loads(out.read_text())}


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    started_at = dt.datetime.now(dt.UTC)
    started = time.monotonic()
    deadline = started + args.max_minutes * 60

    def check_time() -> None:
        if time.monotonic() > deadline:
            raise BenchError(f"the run took longer than --max-minutes {args.max_minutes:g}")

    WORK.mkdir(parents=True, exist_ok=True)
    WORK.chmod(0o755)
    lock = hold_lock(WORK / "run.lock")  # noqa: F841 - held until the process ends
    nginx_bin, wrk = ensure_tools()
    registry = servers.Registry(WORK / "servers.json")
    registry.stop_leftovers()
    redis_version = redis_ready()

    bench_db = database.choose(os.environ.get("DATABASE_URL"), WORK)
    env = bench_env(bench_db.url, secrets.token_urlsafe(50), args.settings)
    seed_path, person_slug = prepare(args, bench_db, env)
    seed_missing = None if seed_path else f"no seed capture at {CAPTURE}"
    check_time()

    quiet_before = wait_for_quiet(args.quiet_wait)
    ports = {"uncached": args.port_base + 1, "cached": args.port_base + 2}
    ports["nginx"] = args.port_base + 80
    logs = WORK / "logs"
    shutil.rmtree(logs, ignore_errors=True)
    runs: list[dict] = []
    memory: dict[str, list[int]] = {}
    try:
        # Both servers start from empty caches (Redis database 14 and the file cache). What the
        # preparing commands cached would expire after Django's default 300 s anyway; the
        # steady state is what we measure.
        redis_ready()
        shutil.rmtree(WORK / "cache", ignore_errors=True)
        uncached = registry.add(
            servers.gunicorn(
                "Masthead uncached",
                VENV_BIN,
                ROOT,
                ports["uncached"],
                args.workers,
                uncached_env(env),
                logs / "gunicorn-uncached.log",
            )
        )
        cached = registry.add(
            servers.gunicorn(
                "Masthead cached",
                VENV_BIN,
                ROOT,
                ports["cached"],
                args.workers,
                cached_env(env, not args.no_kept_pages),
                logs / "gunicorn-cached.log",
            )
        )
        for server in (uncached, cached):
            server.start()
        registry.save()
        for server in (uncached, cached):
            server.wait_until_answering("/")
        registry.save()

        measured = discover_pages(cached.base_url, seed_path, person_slug)
        if args.pages:
            wanted = set(args.pages.split(","))
            measured = [page for page in measured if page.name in wanted]
            if not measured:
                raise BenchError(f"--pages {args.pages} names none of the pages")
        bodies = []
        for page in measured:
            body = pages.fetch(cached.base_url, page.path)
            if pages.fetch(uncached.base_url, page.path) != body:
                print(f"note: {page.name} differs between the uncached and the cached server")
            bodies.append((page, body))
        webroot = WORK / "www"
        pages.save_web_root(bodies, webroot)
        blocked = pages.unreadable_ancestor(webroot)
        if blocked is not None:
            raise BenchError(f"nginx's workers (nobody) cannot enter {blocked}; chmod o+x it")
        static = registry.add(servers.nginx(nginx_bin, WORK / "nginx", webroot, ports["nginx"]))
        static.start()
        registry.save()
        static.wait_until_answering(measured[0].static_path)
        registry.save()
        for page, body in bodies:
            if pages.fetch(static.base_url, page.static_path) != body:
                raise BenchError(f"nginx does not serve the saved bytes of {page.name}")

        print("pages:")
        for page, body in bodies:
            print(f"  {page.name:<12} {page.path}  ({len(body):,} bytes; {page.description})")
        urls = {"nginx": static.base_url, "uncached": uncached.base_url}
        urls["cached"] = cached.base_url
        for page in measured:  # warm every worker of both Masthead servers on every page
            for target in report.MASTHEAD:
                load.run_wrk(wrk, urls[target] + page.path, threads=2, connections=4, seconds=1)
        registry.save()

        helpers = database.BENCH_DATABASE if bench_db.vendor == "postgresql" else None
        registry.pids()  # notes every worker
        server_pids = {
            "nginx": list(static.seen),
            "uncached": list(uncached.seen),
            "cached": list(cached.seen),
        }
        orders = [report.TARGETS[i:] + report.TARGETS[:i] for i in range(len(report.TARGETS))]
        retries = 3  # repeats allowed for runs disturbed by other processes
        wait_budget = args.quiet_wait  # seconds, in all, to wait for them before a repeat
        for number in range(1, args.rounds + 1):
            order = orders[(number - 1) % len(orders)]
            print(f"round {number}/{args.rounds} (order: {', '.join(order)})")
            for page in measured:
                check_time()
                pids = registry.pids() + servers.supporting_processes(helpers)
                rows = one_round(args, wrk, page, order, urls, pids, server_pids)
                busy = max(row["foreign_cpu"] for row in rows)
                if busy > QUIET_SHARE and retries > 0:
                    retries -= 1
                    label = f"  {page.name:<12} "
                    print(f"{label}others used {busy:.0%} of the CPU: once more")
                    started_waiting = time.monotonic()
                    wait_for_quiet(min(20.0, max(0.0, wait_budget)), label)
                    wait_budget -= time.monotonic() - started_waiting
                    rows = one_round(args, wrk, page, order, urls, pids, server_pids)
                for row in rows:
                    row["round"] = number
                runs.extend(rows)
                rate = {row["target"]: row["requests_per_second"] for row in rows}
                busy = max(row["foreign_cpu"] for row in rows)
                print(
                    f"  {page.name:<12} nginx {rate['nginx']:>9,.0f}  uncached "
                    f"{rate['uncached']:>6,.0f} ({_share(rate['nginx'], rate['uncached'])})  "
                    f"cached {rate['cached']:>6,.0f} ({_share(rate['nginx'], rate['cached'])}) "
                    f"req/s  [others {busy:.0%} CPU]"
                )
        print("one connection:")
        for page in measured:
            check_time()
            single = {}
            for target in report.TARGETS:
                path = page.static_path if target == "nginx" else page.path
                result = load.run_wrk(
                    wrk, urls[target] + path, threads=1, connections=1, seconds=args.single_seconds
                )
                runs.append(
                    {
                        "page": page.name,
                        "target": target,
                        "kind": "single",
                        "round": 0,
                        **result.as_dict(),
                    }
                )
                single[target] = result.p50_ms
            print(
                f"  {page.name:<12} p50 nginx {single['nginx']:.2f} ms, uncached "
                f"{single['uncached']:.2f} ms, cached {single['cached']:.2f} ms"
            )
        for key, server in (("uncached", uncached), ("cached", cached)):
            memory[key] = [kib for pid in server.workers() if (kib := servers.resident_kib(pid))]
            if len(memory[key]) != args.workers:
                print(f"note: {server.name} has {len(memory[key])} workers, not {args.workers}")
    finally:
        registry.stop_all()

    summary = report.summarise(runs, [p.name for p in measured], args.rounds)
    missed = [
        (page.name, target)
        for page in measured
        for target in report.MASTHEAD
        if summary[page.name][target].get("met") is False
    ]
    print(f"profiling {len(measured)} pages in-process ({args.profile_requests} requests each)")
    profile = run_profile(uncached_env(env), "uncached", measured, args.profile_requests)
    cached_profile = None
    if any(target == "cached" for _page, target in missed):
        article = [p for p in measured if p.name == "article"]
        cached_profile = run_profile(
            cached_env(env, not args.no_kept_pages), "cached", article, args.profile_requests
        )
    missed_pages = {name for name, _target in missed} or {"article"}
    for profiled in profile["pages"]:
        if profiled["name"] not in missed_pages:
            profiled["top"] = []

    finished_at = dt.datetime.now(dt.UTC)
    results = {
        "started": started_at.isoformat(timespec="seconds"),
        "finished": finished_at.strftime("%Y-%m-%d %H:%M UTC"),
        "seconds": round(time.monotonic() - started),
        "source": report.source_state(ROOT),
        "machine": report.machine(),
        "versions": report.versions(
            nginx_bin, wrk, database.server_version(bench_db), redis_version
        ),
        "config": {
            "workers": args.workers,
            "rounds": args.rounds,
            "seconds": args.seconds,
            "connections": args.connections,
            "threads": args.threads,
            "single_seconds": args.single_seconds,
            "settings": args.settings,
            "kept_pages": not args.no_kept_pages,
            "database": bench_db.label,
            "vendor": bench_db.vendor,
            "ports": ports,
            "seed": str(CAPTURE) if seed_path else None,
        },
        "pages": [{"name": p.name, "path": p.path, "description": p.description} for p in measured],
        "runs": runs,
        "summary": summary,
        "memory": memory,
        "others_cpu": report.interference(runs, quiet_before),
        "profile": profile,
        "cached_profile": cached_profile,
    }
    if seed_missing is None and not any(page.name == "article" for page in measured):
        seed_missing = "left out by --pages"
    results["last_line"] = report.last_line(summary, seed_missing)
    report.write_json(WORK / "results.json", results)
    report.write_json(WORK / f"results-{bench_db.vendor}.json", results)

    print()
    for profiled in profile["pages"]:
        print(
            f"profile {profiled['name']:<12} {profiled['ms_per_request']:6.2f} ms/request "
            "in-process, "
            f"{profiled['queries']:>2} queries, SQL {profiled['sql_ms']:.2f} ms, templates "
            f"{profiled['template_ms']:.2f} ms, news feed {profiled['feed_ms']:.2f} ms (profiled)"
        )
    for variant in (profile, cached_profile or {"pages": []}):
        for profiled in variant["pages"]:
            if profiled.get("top"):
                print(f"\ntop cumulative costs, {profiled['name']} page ({variant['variant']}):")
                print("\n".join(profiled["top"]))
    if not args.no_docs:
        marker_note = report.update_docs(DOCS, report.markdown(results), bench_db.vendor)
        print(f"\n{marker_note}")
    print(f"\nresults: {WORK / 'results.json'}  ({results['seconds']} s)\n")
    print(report.text_table(results["pages"], summary))
    others = results["others_cpu"]
    print(
        f"other processes' share of the CPU during the load runs: median {others['median']:.0%}, "
        f"max {others['max']:.0%}"
        + ("  — WARNING: a busy machine; rerun when it is quiet" if others["busy"] else "")
    )
    memory_line = "; ".join(
        f"{report.LABELS[k]} " + ", ".join(f"{kib / 1024:.0f}" for kib in v) + " MiB"
        for k, v in memory.items()
    )
    print(f"worker memory (VmRSS after the load): {memory_line}")
    print(results["last_line"])
    return 0


if __name__ == "__main__":
    entry.run_main(
        main,
        lambda: (
            BenchError,
            database.PrepareError,
            servers.ServerError,
            pages.PageError,
            load.WrkError,
        ),
        "bench",
    )
