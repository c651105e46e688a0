"""The bench database: a fresh SQLite file by default, or a dedicated ``masthead_bench`` database
on the PostgreSQL server named by ``DATABASE_URL``; filled with the demo newsroom and the seed
article by the project's own management commands."""

from __future__ import annotations

import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

BENCH_DATABASE = "masthead_bench"
LOOPBACK = {"127.0.0.1", "localhost", "::1", ""}
SEED_NOW = "2024-09-20T18:00+03:00"
DEMO_NOW = "2024-09-20T15:00:00+00:00"  # the same moment


class PrepareError(RuntimeError):
    pass


@dataclass(frozen=True)
class BenchDatabase:
    url: str
    vendor: str  # "sqlite" or "postgresql"
    label: str  # for the report, without credentials
    name: str = BENCH_DATABASE  # the PostgreSQL database's name


def _is_postgres(url: str) -> bool:
    return urlsplit(url).scheme in {"postgres", "postgresql", "pgsql", "postgis"}


def choose(environ_url: str | None, work: Path, name: str = BENCH_DATABASE) -> BenchDatabase:
    """PostgreSQL when the environment's DATABASE_URL names it (on this machine), else SQLite
    (a file in ``work``). ``name``: the PostgreSQL database's name."""
    if environ_url and _is_postgres(environ_url):
        parts = urlsplit(environ_url)
        if parts.hostname not in LOOPBACK:
            raise PrepareError(
                f"DATABASE_URL names {parts.hostname}; the benchmark only talks to 127.0.0.1"
            )
        url = urlunsplit(parts._replace(path="/" + name))
        server = f"{parts.hostname or 'localhost'}:{parts.port or 5432}"
        label = f"PostgreSQL at {server}, database {name}"
        return BenchDatabase(url, "postgresql", label, name)
    path = work / "masthead-bench.sqlite3"
    return BenchDatabase(f"sqlite:///{path}", "sqlite", f"SQLite file {path.name} (WAL)")


def recreate(database: BenchDatabase, environ_url: str | None, work: Path) -> None:
    """Start from an empty database: drop and create it, or delete the SQLite file."""
    if database.vendor == "sqlite":
        path = Path(urlsplit(database.url).path)
        for suffix in ("", "-wal", "-shm", "-journal"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
        return
    import psycopg  # installed with the project; imported here so SQLite runs do not need it

    assert environ_url is not None
    with psycopg.connect(environ_url, autocommit=True, connect_timeout=10) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{database.name}" WITH (FORCE)')
        connection.execute(f'CREATE DATABASE "{database.name}"')


def server_version(database: BenchDatabase) -> str:
    if database.vendor == "sqlite":
        import sqlite3

        return f"SQLite {sqlite3.sqlite_version}"
    import psycopg

    with psycopg.connect(database.url, connect_timeout=10) as connection:
        row = connection.execute("SHOW server_version").fetchone()
    return f"PostgreSQL {row[0]}" if row else "PostgreSQL"


def manage(
    root: Path, env: dict, *args: str, timeout: float = 300, quiet: bool = False
) -> list[str]:
    """Run ``manage.py`` with the bench environment; its stdout lines, or a clear failure."""
    command = [sys.executable, str(root / "manage.py"), *args]
    started = time.monotonic()
    try:
        done = subprocess.run(
            command,
            cwd=root,
            env=env,
            capture_output=True,
            text=True,
            timeout=timeout,
            stdin=subprocess.DEVNULL,
            check=False,
        )
    except subprocess.TimeoutExpired as exc:
        raise PrepareError(f"manage.py {' '.join(args)} took longer than {timeout:.0f} s") from exc
    if done.returncode != 0:
        tail = "\n".join((done.stderr or done.stdout).splitlines()[-25:])
        raise PrepareError(f"manage.py {' '.join(args)} failed ({done.returncode}):\n{tail}")
    if not quiet:
        print(f"  manage.py {' '.join(args)}  ({time.monotonic() - started:.1f} s)")
    return [line for line in done.stdout.splitlines() if line.strip()]


def available_commands(root: Path, env: dict) -> set[str]:
    lines = manage(root, env, "help", "--commands", quiet=True)
    return {line.strip() for line in lines}


def fill(root: Path, env: dict, capture: Path) -> str | None:
    """Migrate, load the demo newsroom and import the seed article; the seed article's URL path,
    or None when the seed capture is absent."""
    commands = available_commands(root, env)
    missing = [c for c in ("demo_newsroom", "import_capture") if c not in commands]
    if "demo_newsroom" in missing or ("import_capture" in missing and capture.exists()):
        raise PrepareError(
            "manage.py has no " + " or ".join(missing) + " command yet (masthead/demo/ and "
            "masthead/importers/ provide them); the benchmark needs them to fill its database"
        )
    manage(root, env, "migrate", "--no-input", "-v0")
    # The week ends when the seed capture was made, so every run builds the same pages.
    manage(root, env, "demo_newsroom", "--seed", "1", "--now", DEMO_NOW, timeout=600)
    seed_path = None
    if capture.exists():
        lines = manage(root, env, "import_capture", str(capture), "--now", SEED_NOW, "--keep-brand")
        if not lines or not lines[-1].strip().startswith("/"):
            raise PrepareError(
                "import_capture's last line should be the seed article's URL path, got: "
                + (lines[-1] if lines else "(nothing)")
            )
        seed_path = lines[-1].strip()
    else:
        print(f"  no seed capture at {capture}: measuring the demo pages only")
    manage(root, env, "collectstatic", "--no-input", "-v0")
    analyze(env["DATABASE_URL"])
    return seed_path


def analyze(url: str) -> None:
    """Give PostgreSQL's planner its statistics of the data just loaded, as autovacuum does on
    a production server within a minute of a load (a server with autovacuum off, such as a CI
    machine's, would otherwise plan every query blind)."""
    if not _is_postgres(url):
        return
    import psycopg

    with psycopg.connect(url, autocommit=True, connect_timeout=10) as connection:
        connection.execute("VACUUM ANALYZE")


PERSON_QUERY = """
from django.db.models import Count, Q
from masthead.people.models import Person
person = (
    Person.objects.annotate(n=Count("appearances", filter=Q(appearances__article__live=True)))
    .filter(n__gt=0).order_by("-n", "name").first()
)
print(person.slug if person else "")
"""


def busiest_person(root: Path, env: dict) -> str | None:
    """The slug of the person who appears in the most live articles."""
    lines = manage(root, env, "shell", "--no-imports", "-c", PERSON_QUERY, quiet=True)
    return lines[-1].strip() if lines and lines[-1].strip() else None
