"""The processes the benchmark starts: two gunicorn servers of Masthead and one nginx, all on
127.0.0.1, each stopped by its own id (with the workers it was seen to have), never by name."""

from __future__ import annotations

import contextlib
import errno
import json
import os
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

HOST = "127.0.0.1"


class ServerError(RuntimeError):
    pass


def port_is_free(port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        # As the servers do: closed connections in TIME_WAIT do not make a port busy.
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((HOST, port))
        except OSError as exc:
            if exc.errno == errno.EADDRINUSE:
                return False
            raise
    return True


def _start_time(pid: int) -> str | None:
    """The process's start time in clock ticks, to tell it from a later process with its id."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    return stat.rsplit(")", 1)[1].split()[19]


def children(pid: int) -> list[int]:
    """Direct children of ``pid`` (for gunicorn's master: its workers)."""
    try:
        text = Path(f"/proc/{pid}/task/{pid}/children").read_text()
        return [int(p) for p in text.split()]
    except OSError:
        found = []
        for entry in Path("/proc").iterdir():
            if entry.name.isdigit():
                try:
                    stat = (entry / "stat").read_text()
                except OSError:
                    continue
                if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
                    found.append(int(entry.name))
        return found


def resident_kib(pid: int) -> int | None:
    """VmRSS of a process in KiB, from /proc/<pid>/status."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    except OSError:
        return None
    return None


@dataclass
class Server:
    """One server process we started, with its log and the URL it answers on."""

    name: str
    command: list[str]
    port: int
    log: Path
    env: dict[str, str] | None = None
    cwd: Path | None = None
    process: subprocess.Popen | None = None
    seen: dict[int, str | None] = field(default_factory=dict)  # pid -> start time

    @property
    def base_url(self) -> str:
        return f"http://{HOST}:{self.port}"

    def start(self) -> None:
        if self.port and not port_is_free(self.port):  # port 0: a process that listens on none
            raise ServerError(
                f"{self.name}: port {HOST}:{self.port} is already in use; stop what holds it or "
                "run with another --port-base"
            )
        self.log.parent.mkdir(parents=True, exist_ok=True)
        with self.log.open("ab") as log:
            # A session of its own, so a Ctrl-C reaches only run.py, which then stops us in order.
            self.process = subprocess.Popen(
                self.command,
                cwd=self.cwd,
                env=self.env,
                stdin=subprocess.DEVNULL,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        self.remember(self.process.pid)

    def remember(self, pid: int) -> None:
        self.seen.setdefault(pid, _start_time(pid))

    def workers(self) -> list[int]:
        if self.process is None or self.process.poll() is not None:
            return []
        pids = children(self.process.pid)
        for pid in pids:
            self.remember(pid)
        return pids

    def log_tail(self, lines: int = 30) -> str:
        try:
            text = self.log.read_text(errors="replace")
        except OSError:
            return "(no log)"
        return "\n".join(text.splitlines()[-lines:])

    def wait_until_answering(self, path: str = "/", timeout: float = 60.0) -> None:
        """Poll ``path`` until it answers 200, the process dies, or ``timeout`` passes."""
        deadline = time.monotonic() + timeout
        last_error = "no answer yet"
        errors = 0
        while time.monotonic() < deadline:
            if self.process is None or self.process.poll() is not None:
                code = None if self.process is None else self.process.returncode
                raise ServerError(
                    f"{self.name} exited (code {code}) before answering. Its log "
                    f"({self.log}) ends:\n{self.log_tail()}"
                )
            try:
                with urllib.request.urlopen(self.base_url + path, timeout=5) as response:
                    if response.status == 200:
                        self.workers()
                        return
                    last_error = f"HTTP {response.status}"
            except urllib.error.HTTPError as exc:
                last_error = f"HTTP {exc.code}"
                errors += exc.code >= 500
                if errors >= 3:  # it is up, and failing: waiting longer will not help
                    break
            except OSError as exc:
                last_error = str(exc)
            time.sleep(0.2)
        raise ServerError(
            f"{self.name} did not answer {self.base_url}{path} with 200 ({last_error}). "
            f"Its log ({self.log}) ends:\n{self.log_tail()}"
        )

    def stop(self, grace: float = 10.0) -> None:
        """TERM the process, KILL it after ``grace`` seconds, then KILL any of the workers we saw
        that outlived it (only if the id still names the same process)."""
        if self.process is None:
            return
        self.workers()
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=grace)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=5)
        for pid, started in self.seen.items():
            if pid != self.process.pid and started is not None and _start_time(pid) == started:
                with contextlib.suppress(ProcessLookupError):
                    os.kill(pid, signal.SIGKILL)


def gunicorn(
    name: str,
    venv_bin: Path,
    root: Path,
    port: int,
    workers: int,
    env: dict,
    log: Path,
    access_log: Path | None = None,
) -> Server:
    """A gunicorn of ``masthead.wsgi``; with ``access_log``, one line per request there."""
    command = [
        str(venv_bin / "gunicorn"),
        "masthead.wsgi",
        "--bind",
        f"{HOST}:{port}",
        "--workers",
        str(workers),
        "--no-control-socket",
        "--error-logfile",
        "-",  # to our log file; no --access-logfile: gunicorn then writes no access log
        "--log-level",
        "warning",
        "--chdir",
        str(root),
    ]
    if access_log is not None:
        command += ["--access-logfile", str(access_log)]
    return Server(name, command, port, log, env=env, cwd=root)


NGINX_CONF = """\
daemon off;
worker_processes auto;
pid {dir}/nginx.pid;
error_log {dir}/error.log warn;
events {{
    worker_connections 1024;
}}
http {{
    access_log off;
    client_body_temp_path {dir}/temp/client_body;
    proxy_temp_path {dir}/temp/proxy;
    fastcgi_temp_path {dir}/temp/fastcgi;
    uwsgi_temp_path {dir}/temp/uwsgi;
    scgi_temp_path {dir}/temp/scgi;
    keepalive_requests 100000;
    sendfile on;
    tcp_nopush on;
    types {{
        text/html html;
    }}
    default_type application/octet-stream;
{extra}    server {{
        listen {host}:{port};
        server_name localhost;
        root {webroot};
    }}
}}
"""


def nginx(binary: str, directory: Path, webroot: Path, port: int, http_extra: str = "") -> Server:
    """nginx serving ``webroot`` as static files, with every path it writes inside
    ``directory`` (``http_extra``: more directives for its ``http`` block, one per line). Its
    workers run as ``nobody`` when we are root, so the web root must be world-readable."""
    (directory / "temp").mkdir(parents=True, exist_ok=True)
    conf = directory / "nginx.conf"
    extra = "".join(f"    {line.strip()}\n" for line in http_extra.splitlines() if line.strip())
    conf.write_text(
        NGINX_CONF.format(dir=directory, host=HOST, port=port, webroot=webroot, extra=extra)
    )
    base = [binary, "-c", str(conf), "-p", str(directory), "-e", str(directory / "error.log")]
    checked = subprocess.run(
        [*base, "-t", "-q"], capture_output=True, text=True, timeout=30, check=False
    )
    if checked.returncode != 0:
        raise ServerError(f"nginx rejects {conf}:\n{checked.stderr}")
    return Server("nginx", base, port, directory / "nginx.log", cwd=directory)


class Registry:
    """The servers of one run, written to a file so that a run killed outright (SIGKILL) does
    not leave them behind: the next run stops them first, if the ids still name them."""

    def __init__(self, path: Path):
        self.path = path
        self.servers: list[Server] = []

    def add(self, server: Server) -> Server:
        self.servers.append(server)
        return server

    def pids(self) -> list[int]:
        """Every process of every server, as last seen."""
        for server in self.servers:
            server.workers()
        return [pid for server in self.servers for pid in server.seen]

    def save(self) -> None:
        entries = [
            {"pid": pid, "start": started}
            for server in self.servers
            for pid, started in server.seen.items()
        ]
        self.path.write_text(json.dumps(entries))

    def stop_all(self) -> None:
        for server in reversed(self.servers):
            try:
                server.stop()
            except Exception as exc:  # keep stopping the others
                print(f"warning: could not stop {server.name}: {exc}")
        self.path.unlink(missing_ok=True)

    def stop_leftovers(self) -> None:
        """Stop processes a previous, killed run recorded, if they are still the same ones."""
        try:
            entries = json.loads(self.path.read_text())
        except (OSError, ValueError):
            return
        for entry in entries:
            pid, started = entry["pid"], entry["start"]
            if started is not None and _start_time(pid) == started:
                print(f"stopping process {pid} left by an earlier, interrupted run")
                with contextlib.suppress(ProcessLookupError):
                    os.kill(pid, signal.SIGKILL)
        self.path.unlink(missing_ok=True)


def supporting_processes(database_name: str | None) -> list[int]:
    """The Redis server and the PostgreSQL backends of the bench database: they work for the
    servers under test, so their CPU is counted as ours, not as other processes'."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            command = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
        except OSError:
            continue
        if command.startswith("redis-server ") or (
            database_name and command.startswith("postgres: ") and f" {database_name} " in command
        ):
            found.append(int(entry.name))
    return found
