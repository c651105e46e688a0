"""A page deep in a million-article archive costs what its first page costs.

Run against a database filled by ``manage.py generate_news`` (docs/performance.md says how):

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/masthead_generate \\
        .venv/bin/python bench/deep_pages.py

For "More news" (/latest/) and the biggest section's listing it times the first page and the
deepest one (the page holding the oldest articles, reached by its cursor address), in process
through Django's test client with production settings and nothing cached between requests,
counts each one's queries, and reports the deep page's time as a multiple of the first's
(target: at most 1.5 times). It also reports the database's and the listing indexes' sizes. Bounded:
a fixed number of requests per page; it only reads.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
DOCS = ROOT / "docs" / "performance.md"
START, END = "<!-- bench:deep-pages -->", "<!-- /bench:deep-pages -->"
TARGET = 1.5


def setup_django() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "masthead.settings.production")
    os.environ.setdefault("SECRET_KEY", "bench-deep-pages-" + "x" * 40)
    os.environ.setdefault("ALLOWED_HOSTS", "testserver,127.0.0.1,localhost")
    os.environ.setdefault("MASTHEAD_ONE_PROCESS", "true")
    os.environ.setdefault("CACHE_DIR", str(ROOT / "bench" / ".work" / "deep-cache"))
    os.environ.setdefault("SECURE_SSL_REDIRECT", "0")
    os.environ.setdefault("MASTHEAD_FRAGMENT_CACHE", "0")  # every request builds its listing
    import django

    django.setup()


def deepest_cursor(articles) -> str:
    """The address of the page whose items are the oldest: "before" the 41st oldest item."""
    from masthead.feed.cursor import Cursor
    from masthead.feed.listing import PAGE_SIZE

    oldest = list(
        articles.order_by("published_at", "page_ptr_id").values_list("published_at", "pk")[
            : PAGE_SIZE + 1
        ]
    )
    moment, pk = oldest[-1]
    return "?before=" + str(Cursor(moment, pk))


def timed(client, url: str, requests: int) -> tuple[float, int, int]:
    """Median milliseconds of ``requests`` GETs of ``url``, its query count and status."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get(url)  # warm: compiled queries, the editions snapshot
    times = []
    for _ in range(requests):
        started = time.perf_counter()
        response = client.get(url)
        times.append((time.perf_counter() - started) * 1000)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    return statistics.median(times), len(queries), response.status_code


def sizes() -> list[tuple[str, str]]:
    from django.db import connection

    if connection.vendor != "postgresql":
        return []
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_size_pretty(pg_database_size(current_database()))")
        found = [("database", cursor.fetchone()[0])]
        for table in ("wagtailcore_page", "articles_articlepage"):
            cursor.execute(
                "SELECT pg_size_pretty(pg_relation_size(%s)), pg_size_pretty(pg_indexes_size(%s))",
                [table, table],
            )
            heap, indexes = cursor.fetchone()
            found.append((f"{table} (heap / indexes)", f"{heap} / {indexes}"))
        for index in ("article_latest", "masthead_page_url_path"):
            cursor.execute("SELECT pg_size_pretty(pg_relation_size(%s::regclass))", [index])
            found.append((f"index {index}", cursor.fetchone()[0]))
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=30)
    parser.add_argument("--no-docs", action="store_true")
    args = parser.parse_args(argv)
    setup_django()
    from django.db import connection
    from django.test import Client

    from masthead.articles.models import ArticlePage
    from masthead.sections.models import SectionPage

    total = ArticlePage.objects.filter(live=True).count()
    sections = {s.pk: s for s in SectionPage.objects.live()}
    counts = {
        pk: ArticlePage.objects.filter(live=True, path__startswith=s.path).count()
        for pk, s in sections.items()
    }
    biggest = sections[max(counts, key=counts.get)]
    section_url = "/" + biggest.url_path.split("/", 2)[2]
    client = Client()
    rows = []
    for name, url, articles in (
        ("More news (/latest/)", "/latest/", ArticlePage.objects.filter(live=True)),
        (
            f"section {section_url} ({counts[biggest.pk]:,} articles)",
            section_url,
            ArticlePage.objects.filter(live=True, path__startswith=biggest.path),
        ),
    ):
        first = timed(client, url, args.requests)
        deep = timed(client, url + deepest_cursor(articles), args.requests)
        rows.append((name, first, deep))
    lines = [
        START,
        "<!-- Written by bench/deep_pages.py; edits here are replaced. -->",
        "",
        f"{total:,} live articles, {connection.vendor}; median of {args.requests} requests each, "
        "in process, production settings, shared values off (each listing is built).",
        "",
        "| listing | first page | deepest page | deep / first | queries (first, deep) |",
        "|---|---|---|---|---|",
    ]
    verdicts = []
    for name, (first_ms, first_q, first_status), (deep_ms, deep_q, deep_status) in rows:
        ratio = deep_ms / first_ms
        verdicts.append(ratio <= TARGET and first_status == deep_status == 200)
        lines.append(
            f"| {name} | {first_ms:.1f} ms | {deep_ms:.1f} ms | {ratio:.2f}x | "
            f"{first_q}, {deep_q} |"
        )
    found = sizes()
    if found:
        lines += ["", "| size | |", "|---|---|"] + [f"| {k} | {v} |" for k, v in found]
    verdict = "met" if all(verdicts) else "NOT met"
    lines += ["", f"Deep page within {TARGET} times the first: {verdict}.", END]
    text = "\n".join(lines)
    print(text)
    if not args.no_docs:
        docs = DOCS.read_text()
        if START in docs:
            before, rest = docs.split(START, 1)
            docs = before + text + rest.split(END, 1)[1]
        else:
            docs = docs.rstrip() + "\n\n## A million articles\n\n" + text + "\n"
        DOCS.write_text(docs)
    return 0 if all(verdicts) else 1


if __name__ == "__main__":
    sys.exit(main())
