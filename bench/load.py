"""Running wrk against one URL and reading its report."""

from __future__ import annotations

import os
import re
import resource
import subprocess
import time
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path

_UNIT_MS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60_000.0}
_DURATION = r"([\d.]+)(us|ms|s|m)\b"


@dataclass(frozen=True)
class WrkResult:
    url: str
    connections: int
    seconds: float
    requests: int
    requests_per_second: float
    p50_ms: float
    p90_ms: float
    p99_ms: float
    socket_errors: int
    non_2xx_3xx: int

    def as_dict(self) -> dict:
        return asdict(self)


class WrkError(RuntimeError):
    pass


def _ms(value: str, unit: str) -> float:
    return float(value) * _UNIT_MS[unit]


def parse_wrk(url: str, connections: int, seconds: float, text: str) -> WrkResult:
    """Requests/sec, the latency percentiles and the error counts from ``wrk --latency``."""
    rps = re.search(r"^Requests/sec:\s+([\d.]+)", text, re.MULTILINE)
    total = re.search(r"^\s*(\d+) requests in ", text, re.MULTILINE)
    if rps is None or total is None:
        raise WrkError(f"could not read wrk's report for {url}:\n{text}")
    percentiles = {
        int(p): _ms(v, u)
        for p, v, u in re.findall(r"^\s+(50|90|99)(?:\.\d+)?%\s+" + _DURATION, text, re.MULTILINE)
    }
    errors = re.search(
        r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", text
    )
    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", text)
    return WrkResult(
        url=url,
        connections=connections,
        seconds=seconds,
        requests=int(total.group(1)),
        requests_per_second=float(rps.group(1)),
        p50_ms=percentiles.get(50, float("nan")),
        p90_ms=percentiles.get(90, float("nan")),
        p99_ms=percentiles.get(99, float("nan")),
        socket_errors=sum(int(n) for n in errors.groups()) if errors else 0,
        non_2xx_3xx=int(non_2xx.group(1)) if non_2xx else 0,
    )


def run_wrk(
    wrk: str,
    url: str,
    *,
    threads: int,
    connections: int,
    seconds: float,
    headers: Sequence[str] = (),
    script: Path | None = None,
) -> WrkResult:
    """One bounded wrk run (it stops by itself after ``seconds``; we wait a little longer).
    ``headers``: ``"Name: value"`` lines sent with every request; ``script``: a wrk Lua script."""
    return run_wrk_report(
        wrk,
        url,
        threads=threads,
        connections=connections,
        seconds=seconds,
        headers=headers,
        script=script,
    )[0]


def wrk_command(
    wrk: str,
    url: str,
    *,
    threads: int,
    connections: int,
    seconds: float,
    headers: Sequence[str] = (),
    script: Path | None = None,
) -> list[str]:
    """The command line of one bounded wrk run (``--latency``, a 10 s timeout) on 127.0.0.1."""
    if not url.startswith("http://127.0.0.1:"):
        raise WrkError(f"refusing to load anything but 127.0.0.1: {url}")
    command = [
        wrk,
        f"-t{threads}",
        f"-c{connections}",
        f"-d{seconds:g}s",
        "--timeout",
        "10s",
        "--latency",
    ]
    for header in headers:
        command += ["-H", header]
    if script is not None:
        command += ["-s", str(script)]
    command.append(url)
    return command


def run_wrk_report(
    wrk: str,
    url: str,
    *,
    threads: int,
    connections: int,
    seconds: float,
    headers: Sequence[str] = (),
    script: Path | None = None,
) -> tuple[WrkResult, str]:
    """As ``run_wrk``, with wrk's whole report too (where a script's ``done()`` writes)."""
    command = wrk_command(
        wrk,
        url,
        threads=threads,
        connections=connections,
        seconds=seconds,
        headers=headers,
        script=script,
    )
    try:
        done = subprocess.run(
            command, capture_output=True, text=True, timeout=seconds + 20, check=False
        )
    except subprocess.TimeoutExpired as exc:
        raise WrkError(f"wrk did not finish in time: {' '.join(command)}") from exc
    if done.returncode != 0:
        raise WrkError(f"wrk failed ({done.returncode}): {done.stderr or done.stdout}")
    return parse_wrk(url, connections, seconds, done.stdout), done.stdout


CLOCK_TICKS = os.sysconf("SC_CLK_TCK")


def _busy_ticks() -> int:
    """CPU time spent by anything on the machine, from /proc/stat (user … steal, not idle)."""
    fields = [int(x) for x in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:9]]
    return sum(fields) - fields[3] - fields[4]  # less idle and iowait


def _process_ticks(pid: int) -> int | None:
    try:
        stat = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return int(stat[11]) + int(stat[12])  # utime + stime, all threads


def _own_ticks() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF)
    reaped = resource.getrusage(resource.RUSAGE_CHILDREN)  # includes every finished wrk
    seconds = own.ru_utime + own.ru_stime + reaped.ru_utime + reaped.ru_stime
    return seconds * CLOCK_TICKS


@dataclass
class CpuMeter:
    """How much of the machine's CPU went to processes that are not ours while it ran (the
    benchmark shares 2 cores with whatever else runs, and says so rather than hiding it), and
    how much went to the server under test (``measured``, a subset of ``pids``)."""

    pids: list[int]
    measured: list[int] = field(default_factory=list)
    foreign_share: float = 0.0
    measured_seconds: float = 0.0
    _start: tuple = ()

    def __enter__(self) -> CpuMeter:
        self._start = self._snapshot()
        return self

    def __exit__(self, *exc) -> None:
        end = self._snapshot()
        used = {
            pid: end[3][pid] - self._start[3][pid]
            for pid in self._start[3]
            if end[3].get(pid) is not None and self._start[3][pid] is not None
        }
        busy = end[1] - self._start[1]
        ours = end[2] - self._start[2] + sum(used.values())
        capacity = (end[0] - self._start[0]) * CLOCK_TICKS * len(os.sched_getaffinity(0))
        self.foreign_share = max(0.0, (busy - ours) / capacity) if capacity > 0 else 0.0
        self.measured_seconds = sum(used.get(pid, 0) for pid in self.measured) / CLOCK_TICKS

    def _snapshot(self) -> tuple:
        ticks = {pid: _process_ticks(pid) for pid in {*self.pids, *self.measured}}
        return (time.monotonic(), _busy_ticks(), _own_ticks(), ticks)


def foreign_cpu_share(seconds: float = 1.0) -> float:
    """The share of the machine's CPU used by others over ``seconds`` (we idle meanwhile)."""
    with CpuMeter([]) as meter:
        time.sleep(seconds)
    return meter.foreign_share
