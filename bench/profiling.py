"""Where a page's time goes: cProfile over N in-process requests through ``django.test.Client``.

run.py starts this in a subprocess with the same environment as a benchmark server (production
settings, the bench database, fragment cache on or off), so the numbers are the same code path
minus gunicorn and the network. Usable alone too:

    .venv/bin/python bench/profiling.py --page article=/news/some-story/ --requests 200

(with DJANGO_SETTINGS_MODULE, SECRET_KEY, DATABASE_URL, … set as run.py sets them).
"""

from __future__ import annotations

import argparse
import cProfile
import importlib
import io
import json
import pstats
import sys
import sysconfig
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# Frames that wrap the whole request; listing them says nothing about where the time goes.
WRAPPER_SHARE = 0.97
# Framework functions that mark a stage of a request, listed beside Masthead's own code.
STAGES = {
    ("django/template/response.py", "rendered_content"),  # the page template, all of it
    ("django/db/models/sql/compiler.py", "as_sql"),  # building SQL from querysets
    ("django/db/models/sql/compiler.py", "execute_sql"),
    ("django/db/backends/utils.py", "_execute"),  # the database itself
    ("django/db/models/query.py", "_fetch_all"),
    ("wagtail/models/pages.py", "serve"),
    ("wagtail/templatetags/wagtailcore_tags.py", "render"),  # {% include_block %}: body blocks
    ("django/template/loader.py", "render_to_string"),
    ("django_redis/client/default.py", "get_many"),  # the shared cache (django-redis)
    ("django/core/cache/backends/filebased.py", "get"),
}


def _key(function) -> tuple[str, int, str] | None:
    code = getattr(function, "__code__", None)
    return None if code is None else (code.co_filename, code.co_firstlineno, code.co_name)


def _optional(module: str, name: str):
    """A function of the app's, or None once it has moved: the profile still runs."""
    try:
        return getattr(importlib.import_module(module), name)
    except (ImportError, AttributeError):
        return None


def _short(filename: str) -> str:
    for prefix in (sysconfig.get_paths()["purelib"], str(ROOT), sysconfig.get_paths()["stdlib"]):
        if filename.startswith(prefix + "/"):
            return filename[len(prefix) + 1 :]
    return filename


def _label(key: tuple[str, int, str]) -> str:
    filename, line, name = key
    if filename == "~":
        return name
    return f"{_short(filename)}:{line}({name})"


def _cumulative(stats: pstats.Stats, predicate) -> float:
    return sum(row[3] for key, row in stats.stats.items() if predicate(key))


def measure(client, name: str, path: str, requests: int, top: int, stats_dir: Path | None):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from jinja2 import Template  # reader pages are Jinja2 (masthead/templating.py)

    latest_news_html = _optional("masthead.feed.fragment", "latest_news_html")
    section_links = _optional("masthead.sections.navigation", "sections_menu_html")

    def get():
        response = client.get(path)
        if response.status_code != 200:
            raise SystemExit(f"{name}: {path} answered {response.status_code}")
        return response

    for _ in range(5):
        get()
    with CaptureQueriesContext(connection) as captured:
        get()
    queries = len(captured)  # now: later requests reset the log it reads from
    started = time.perf_counter()
    for _ in range(requests):
        get()
    ms_per_request = (time.perf_counter() - started) * 1000 / requests

    profiler = cProfile.Profile()
    profiler.enable()
    for _ in range(requests):
        get()
    profiler.disable()
    stats = pstats.Stats(profiler)

    def per_request(seconds: float) -> float:
        return seconds * 1000 / requests

    def is_sql(key) -> bool:
        filename, _line, function = key
        if filename.endswith("django/db/backends/utils.py") and function == "_execute":
            return True
        if filename == "~" and "sqlite3.Cursor" in function and "fetch" in function:
            return True
        return "psycopg" in filename and function.startswith("fetch")

    total = max(row[3] for row in stats.stats.values())
    project = str(ROOT / "masthead") + "/"
    cumulative = sorted(
        (row[3], row[2], row[1], key)
        for key, row in stats.stats.items()
        if row[3] < total * WRAPPER_SHARE
        and (key[0].startswith(project) or (_short(key[0]), key[2]) in STAGES)
    )[::-1]
    own = sorted((row[2], row[3], row[1], key) for key, row in stats.stats.items())[::-1]
    lines = [f"{'cum ms':>8} {'own ms':>7} {'calls':>6}  Masthead's code and the main stages"]
    lines += [
        f"{per_request(cum):8.2f} {per_request(tt):7.2f} {calls / requests:6.0f}  {_label(key)}"
        for cum, tt, calls, key in cumulative[:top]
    ]
    lines += [f"{'own ms':>8} {'cum ms':>7} {'calls':>6}  most time of their own"]
    lines += [
        f"{per_request(tt):8.2f} {per_request(cum):7.2f} {calls / requests:6.0f}  {_label(key)}"
        for tt, cum, calls, key in own[: max(5, top // 2)]
    ]
    if stats_dir is not None:
        stats_dir.mkdir(parents=True, exist_ok=True)
        text = io.StringIO()
        full = pstats.Stats(profiler, stream=text)
        full.sort_stats("cumulative").print_stats(60)
        full.sort_stats("tottime").print_stats(30)
        (stats_dir / f"{name}.txt").write_text(text.getvalue())
    return {
        "name": name,
        "path": path,
        "queries": queries,
        "ms_per_request": ms_per_request,
        "profiled_ms_per_request": per_request(total),
        "sql_ms": per_request(_cumulative(stats, is_sql)),
        "template_ms": per_request(_cumulative(stats, lambda k: k == _key(Template.render))),
        "feed_ms": per_request(_cumulative(stats, lambda k: k == _key(latest_news_html))),
        "menu_ms": per_request(_cumulative(stats, lambda k: k == _key(section_links))),
        "top": lines,
    }


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--page", action="append", required=True, help="name=path, repeatable")
    parser.add_argument("--requests", type=int, default=100)
    parser.add_argument("--top", type=int, default=15)
    parser.add_argument("--json", type=Path, help="write the results here")
    parser.add_argument("--stats-dir", type=Path, help="write each page's full pstats here")
    parser.add_argument("--quiet", action="store_true", help="print nothing, only --json")
    args = parser.parse_args(argv)
    if not 1 <= args.requests <= 5000:
        parser.error("--requests must be between 1 and 5000")

    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.test import Client

    client = Client(HTTP_HOST="127.0.0.1")
    results = []
    for spec in args.page:
        name, _, path = spec.partition("=")
        entry = measure(client, name, path, args.requests, args.top, args.stats_dir)
        results.append(entry)
        if not args.quiet:
            print(
                f"{name} {path}: {entry['ms_per_request']:.2f} ms/request in-process, "
                f"{entry['queries']} queries"
            )
            print("\n".join(entry["top"]))
            print()
    if args.json:
        args.json.write_text(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
