"""Turning the runs into the ratios, the table, results.json and docs/performance.md."""

from __future__ import annotations

import json
import math
import os
import platform
import re
import statistics
import subprocess
from importlib import metadata
from pathlib import Path

TARGETS = ("nginx", "uncached", "cached")
MASTHEAD = ("uncached", "cached")
LABELS = {"nginx": "nginx", "uncached": "Masthead uncached", "cached": "Masthead cached"}
# A target is "1/N of nginx": Masthead's rate must be at least nginx's divided by N.
# Issue 15: every page type, with nothing cached and with shared values (and kept pages) cached.
TARGET_N = {"uncached": 250, "cached": 100}
DOCS_START = "<!-- bench:results -->"
DOCS_END = "<!-- /bench:results -->"


def target_for(page: str, target: str) -> int | None:
    return TARGET_N.get(target)


def machine() -> dict:
    model = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    memory_kib = 0
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                memory_kib = int(line.split()[1])
    except OSError:
        pass
    return {
        "nproc": len(os.sched_getaffinity(0)),
        "cpu_model": model,
        "memory_gib": round(memory_kib / 1024 / 1024, 1),
        "kernel": platform.release(),
        "os": _os_name(),
    }


def _os_name() -> str:
    try:
        for line in Path("/etc/os-release").read_text().splitlines():
            if line.startswith("PRETTY_NAME="):
                return line.split("=", 1)[1].strip('"')
    except OSError:
        pass
    return platform.system()


def _first_line(command: list[str], pattern: str) -> str:
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=10, check=False)
    except (OSError, subprocess.TimeoutExpired):
        return "unknown"
    found = re.search(pattern, done.stdout + done.stderr)
    return found.group(1) if found else "unknown"


def versions(nginx: str, wrk: str, database: str, redis_version: str) -> dict:
    return {
        "python": platform.python_version(),
        "django": metadata.version("django"),
        "wagtail": metadata.version("wagtail"),
        "gunicorn": metadata.version("gunicorn"),
        "nginx": _first_line([nginx, "-v"], r"nginx/(\S+)"),
        "wrk": _first_line([wrk, "-v"], r"wrk (\S+)"),
        "database": database,
        "redis": redis_version,
    }


def source_state(root: Path) -> str:
    """The commit measured, and whether the work tree had changes (read-only git calls)."""

    def git(*args: str) -> str:
        return subprocess.run(
            ["git", "-C", str(root), *args],
            capture_output=True,
            text=True,
            timeout=10,
            check=False,
        ).stdout.strip()

    try:
        head = git("rev-parse", "--short", "HEAD")
        changes = git("status", "--porcelain", "--untracked-files=no")
    except (OSError, subprocess.TimeoutExpired):
        return "unknown"
    if not head:
        return "no commit"
    return f"{head} with uncommitted changes" if changes else head


def summarise(runs: list[dict], page_names: list[str], rounds: int) -> dict:
    """Per page and target: medians over rounds of req/s and latency, and for Masthead the
    ratio nginx/Masthead taken within each round, then its median."""
    summary: dict = {}
    for page in page_names:
        by_round = {
            (r["round"], r["target"]): r for r in runs if r["page"] == page and r["kind"] == "load"
        }
        summary[page] = {}
        for target in TARGETS:
            rows = [by_round[(n, target)] for n in range(1, rounds + 1) if (n, target) in by_round]
            if not rows:
                continue
            entry = {
                "rps": statistics.median(r["requests_per_second"] for r in rows),
                "p50_ms": statistics.median(r["p50_ms"] for r in rows),
                "p99_ms": statistics.median(r["p99_ms"] for r in rows),
                "errors": sum(r["socket_errors"] + r["non_2xx_3xx"] for r in rows),
                "cpu_ms": statistics.median(r.get("server_cpu_ms", math.nan) for r in rows),
            }
            if target in MASTHEAD:
                ratios = [
                    _ratio(
                        by_round[(n, "nginx")]["requests_per_second"],
                        by_round[(n, target)]["requests_per_second"],
                    )
                    for n in range(1, rounds + 1)
                    if (n, target) in by_round and (n, "nginx") in by_round
                ]
                median = statistics.median(ratios) if ratios else None
                goal = target_for(page, target)
                entry["ratios"] = [round(x, 1) if math.isfinite(x) else None for x in ratios]
                # A median that is infinite means Masthead answered nothing within most runs.
                entry["n"] = median if median is None or math.isfinite(median) else None
                entry["target_n"] = goal
                entry["met"] = None if goal is None or median is None else median <= goal
            single = [
                r
                for r in runs
                if r["page"] == page and r["kind"] == "single" and r["target"] == target
            ]
            if single:
                entry["single_p50_ms"] = single[-1]["p50_ms"]
            summary[page][target] = entry
    return summary


def interference(runs: list[dict], before: float, busy_share: float = 0.10) -> dict:
    """How much CPU other processes took during the load runs (see load.CpuMeter)."""
    shares = [r["foreign_cpu"] for r in runs if r["kind"] == "load" and "foreign_cpu" in r]
    median = statistics.median(shares) if shares else 0.0
    return {
        "before": round(before, 3),
        "median": round(median, 3),
        "max": round(max(shares, default=0.0), 3),
        "busy": median > busy_share,
    }


def _ratio(nginx_rate: float, rate: float) -> float:
    return nginx_rate / rate if rate > 0 else math.inf


def share(n: float | None) -> str:
    return "—" if n is None else f"1/{round(n)}"


def _ms(value: float | None) -> str:
    if value is None or value != value:
        return "—"
    return f"{value:.2f}" if value < 10 else f"{value:.0f}"


def _rps(value: float) -> str:
    return f"{value:,.0f}"


def _verdict(entry: dict) -> str:
    if entry.get("met") is None:
        return ""
    return f" (≤1/{entry['target_n']}: {'met' if entry['met'] else 'NOT met'})"


def text_table(pages: list[dict], summary: dict) -> str:
    """The console table: one row per page."""
    header = (
        f"{'page':<12} {'nginx req/s':>12} {'uncached req/s':>15} {'share':>7} "
        f"{'cached req/s':>13} {'share':>7}   {'p50/p99 ms n · u · c':<28} "
        f"{'1-conn p50 ms n · u · c':<24} {'CPU ms/req u · c':<16}"
    )
    lines = [header, "-" * len(header)]
    for page in pages:
        row = summary.get(page["name"], {})
        if not row:
            continue
        n, u, c = (row.get(t, {}) for t in TARGETS)
        latency = " · ".join(
            f"{_ms(e.get('p50_ms'))}/{_ms(e.get('p99_ms'))}" if e else "—" for e in (n, u, c)
        )
        single = " · ".join(_ms(e.get("single_p50_ms")) if e else "—" for e in (n, u, c))
        cpu = " · ".join(_ms(e.get("cpu_ms")) if e else "—" for e in (u, c))
        lines.append(
            f"{page['name']:<12} {_rps(n.get('rps', 0)):>12} {_rps(u.get('rps', 0)):>15} "
            f"{share(u.get('n')):>7} {_rps(c.get('rps', 0)):>13} {share(c.get('n')):>7}   "
            f"{latency:<28} {single:<24} {cpu:<16}"
        )
    return "\n".join(lines)


def last_line(summary: dict, seed_missing_reason: str | None) -> str:
    """The article's figures, and which pages miss a target."""
    article = summary.get("article")
    if not article or "uncached" not in article or "cached" not in article:
        head = f"article page: not measured ({seed_missing_reason or 'no seed article'})"
    else:
        u, c = article["uncached"], article["cached"]
        head = (
            f"article page: {share(u['n'])} of nginx uncached (target 1/{u['target_n']}), "
            f"{share(c['n'])} with shared values cached (target 1/{c['target_n']})"
        )
    missed = [
        f"{page} {target} {share(entry['n'])}"
        for page, row in summary.items()
        for target, entry in row.items()
        if entry.get("met") is False
    ]
    return head + "; " + ("every target met" if not missed else "not met: " + ", ".join(missed))


def markdown(results: dict) -> str:
    """The generated section of docs/performance.md."""
    m, v, cfg = results["machine"], results["versions"], results["config"]
    summary = results["summary"]
    out = [
        DOCS_START,
        "<!-- Written by bench/report.py on each `make bench`; edits here are replaced. -->",
        "",
        f"Latest run: {results['finished']}, {cfg['rounds']} rounds of "
        f"`wrk -t{cfg['threads']} -c{cfg['connections']} -d{cfg['seconds']:g}s`, "
        f"one-connection runs `wrk -t1 -c1 -d{cfg['single_seconds']:g}s`, gunicorn "
        f"`--workers {cfg['workers']}` (sync), database: {cfg['database']}, cached server: "
        f"{'shared values and kept pages' if cfg.get('kept_pages', True) else 'shared values only'}"
        f", code: {results.get('source', 'unknown')}.",
        "",
        f"Machine: {m['nproc']} CPUs ({m['cpu_model']}), {m['memory_gib']} GiB memory, "
        f"{m['os']}, Linux {m['kernel']}.",
        f"Software: Python {v['python']}, Django {v['django']}, Wagtail {v['wagtail']}, "
        f"gunicorn {v['gunicorn']}, nginx {v['nginx']}, wrk {v['wrk']}, {v['database']}, "
        f"Redis {v['redis']}.",
        "",
        "| page | path | nginx req/s | uncached req/s | share of nginx | cached req/s | "
        "share of nginx | p50 / p99 ms (nginx · uncached · cached) | one-connection p50 ms | "
        "server CPU ms per request (uncached · cached) | queries |",
        "|---|---|--:|--:|--:|--:|--:|---|---|---|--:|",
    ]
    queries = {p["name"]: p.get("queries") for p in results.get("profile", {}).get("pages", [])}
    for page in results["pages"]:
        row = summary.get(page["name"])
        if not row:
            continue
        n, u, c = (row.get(t, {}) for t in TARGETS)
        latency = " · ".join(f"{_ms(e.get('p50_ms'))} / {_ms(e.get('p99_ms'))}" for e in (n, u, c))
        single = " · ".join(_ms(e.get("single_p50_ms")) for e in (n, u, c))
        cpu = " · ".join(_ms(e.get("cpu_ms")) for e in (u, c))
        path = page["path"] if len(page["path"]) <= 40 else page["path"][:37] + "…"
        q = queries.get(page["name"])
        out.append(
            f"| {page['name']} | `{path}` | {_rps(n['rps'])} | {_rps(u['rps'])} | "
            f"**{share(u.get('n'))}**{_verdict(u)} | {_rps(c['rps'])} | "
            f"**{share(c.get('n'))}**{_verdict(c)} | {latency} | {single} | {cpu} | "
            f"{q if q is not None else '—'} |"
        )
    out += [
        "",
        "Shares are medians over rounds of nginx req/s ÷ Masthead req/s measured in the same "
        "round; per-round values: "
        + "; ".join(
            f"{name} {'/'.join(str(x) for x in row['uncached'].get('ratios', []))} uncached, "
            f"{'/'.join(str(x) for x in row['cached'].get('ratios', []))} cached"
            for name, row in summary.items()
            if "uncached" in row and "cached" in row
        )
        + ".",
        "",
    ]
    others = results.get("others_cpu")
    if others:
        out += [
            f"Other processes on the machine used a median {others['median']:.0%} (max "
            f"{others['max']:.0%}) of its CPU during the load runs"
            + (
                " — **a busy machine: these numbers understate Masthead and nginx alike**."
                if others["busy"]
                else "."
            ),
            "",
        ]
    memory = results.get("memory", {})
    if memory:
        parts = [
            f"{LABELS[name]}: " + ", ".join(f"{kib / 1024:.1f} MiB" for kib in values)
            for name, values in memory.items()
        ]
        out += ["Gunicorn worker memory after the load (VmRSS): " + "; ".join(parts) + ".", ""]
    profile = results.get("profile") or {}
    if profile.get("pages"):
        out += [
            f"In-process profile ({profile['variant']}, {profile['requests']} requests per page "
            "through `django.test.Client`, `bench/profiling.py`; the last three columns are "
            "measured under cProfile, which slows Python code more than the database):",
            "",
            "| page | ms/request | queries | SQL ms | template render ms | news-feed fragment ms |",
            "|---|--:|--:|--:|--:|--:|",
        ]
        for entry in profile["pages"]:
            out.append(
                f"| {entry['name']} | {entry['ms_per_request']:.2f} | {entry['queries']} | "
                f"{entry['sql_ms']:.2f} | {entry['template_ms']:.2f} | {entry['feed_ms']:.2f} |"
            )
        out.append("")
    for variant in (profile, results.get("cached_profile") or {}):
        for entry in variant.get("pages", []):
            if entry.get("top"):
                out += [
                    f"Top costs, {entry['name']} page ({variant['variant']}; ms per request "
                    "under cProfile):",
                    "",
                    "```",
                    *entry["top"],
                    "```",
                    "",
                ]
    out += [f"**{results['last_line']}**", "", DOCS_END]
    return "\n".join(out)


def markers(vendor: str, name: str = "bench:results") -> tuple[str, str]:
    """The default (SQLite) run owns ``name`` (``bench:results``); a PostgreSQL run its own
    section."""
    if vendor == "sqlite":
        return f"<!-- {name} -->", f"<!-- /{name} -->"
    return f"<!-- {name}-{vendor} -->", f"<!-- /{name}-{vendor} -->"


def update_docs(path: Path, section: str, vendor: str, name: str = "bench:results") -> str:
    """Replace this database's marked section of ``path`` (``section`` is written between the
    SQLite markers of ``name``); says what it did."""
    start_marker, end_marker = markers(vendor, name)
    default_start, default_end = markers("sqlite", name)
    section = section.replace(default_start, start_marker).replace(default_end, end_marker)
    try:
        text = path.read_text()
    except OSError:
        return f"{path} is missing: not updated"
    start, end = text.find(start_marker), text.find(end_marker)
    if start < 0 or end < start:
        return f"{path} has no {start_marker} … {end_marker} section: not updated"
    path.write_text(text[:start] + section + text[end + len(end_marker) :])
    return f"updated {path.relative_to(path.parent.parent)} ({start_marker})"


def _finite(value):
    """The results with NaN and infinity (wrk runs without answers) as null: strict JSON."""
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if isinstance(value, dict):
        return {k: _finite(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_finite(v) for v in value]
    return value


def write_json(path: Path, results: dict) -> None:
    text = json.dumps(_finite(results), indent=2, ensure_ascii=False, allow_nan=False)
    path.write_text(text + "\n")
