"""Start and stop a ``varnishd`` running Masthead's VCL in front of the application.

``deploy/varnish/masthead.vcl`` holds every caching rule; what differs between one Varnish and
another (the backend's address, who may purge, two durations) is a small ``masthead-site.vcl``
that this module writes and the main VCL includes (varnishd has no VCL variables).
``deploy/varnish/masthead-site.vcl`` is what it writes for its defaults.

The same launcher serves ``make serve-production``, the tests and the benchmark::

    with Varnish(listen="127.0.0.1:8000", backend="127.0.0.1:8001") as edge:
        requests.get(edge.url + "/")

    python -m masthead.edge.varnish --listen 127.0.0.1:8000 --backend 127.0.0.1:8001

Each instance has its own working directory (``-n``), removed when it stops unless the caller
gave one. Run as root, varnishd drops its privileges to the ``varnish``/``vcache`` users, so the
VCL is copied into a directory they can read. A listen port of 0 lets the kernel choose one;
:attr:`Varnish.address` then says which.
"""

from __future__ import annotations

import argparse
import ipaddress
import json
import logging
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from types import TracebackType

logger = logging.getLogger(__name__)

VCL_DIR = Path(__file__).resolve().parents[2] / "deploy" / "varnish"
MAIN_VCL = VCL_DIR / "masthead.vcl"
SITE_VCL_NAME = "masthead-site.vcl"
# The inner tier's listener (masthead.vcl, "Stitching once"), a Unix socket in the instance's
# working directory; what deploy/varnish/masthead-site.vcl names for a varnishd run by hand.
STITCH_SOCKET_NAME = "stitch.sock"
DEFAULT_STITCH_SOCKET = "/run/masthead-varnish/" + STITCH_SOCKET_NAME
# sun_path is 108 bytes on Linux, with its terminating NUL.
_MAX_SOCKET_PATH = 107
PUBLIC_LISTENER, STITCH_LISTENER = "public", "stitch"  # local.socket in the VCL
ORIGIN_BACKEND = "default"  # the application, in masthead-site.vcl; "stitcher" is the inner tier
DEFAULT_PURGERS = ("127.0.0.1", "::1")
# Debian installs varnishd in /usr/sbin, which is not on a non-root user's PATH.
SEARCH_PATH = os.pathsep.join([os.environ.get("PATH", ""), "/usr/sbin", "/usr/local/sbin"])
INSTALL_HINT = "apt-get install -y varnish varnish-modules"

_HOSTNAME = re.compile(r"^[A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?$")

SITE_VCL_TEMPLATE = """\
vcl 4.1;
#
# What differs between one Varnish and another, included by masthead.vcl (found through the
# vcl_path parameter). masthead.edge.varnish writes this file for each instance it starts;
# deploy/varnish/masthead-site.vcl is what it writes for its defaults
# (`python -m masthead.edge.varnish --print-site-vcl`).

backend default {{
    .host = "{host}";
    .port = "{port}";
    # Fail fast when the application is down, so readers get the stale copy without waiting.
    .connect_timeout = 2s;
    .first_byte_timeout = 30s;
    .between_bytes_timeout = 10s;
}}

# The inner tier: this same varnishd over the private listener it opens with
#   -a stitch={stitch_socket},mode=666
# The outer tier fetches stitched pages from it (masthead.vcl, "Stitching once").
backend stitcher {{
    .path = "{stitch_socket}";
}}

# Who may send PURGE: the application's purge task runs beside Varnish.
acl purge {{
{purgers}}}

# How long a 404 or an error page is cached (and served stale while it refetches).
sub masthead_error_ttl {{
    set beresp.ttl = {error_ttl};
    set beresp.grace = {error_ttl};
}}

# How long an object may be served stale when its Cache-Control names no stale-* window.
sub masthead_default_grace {{
    set beresp.grace = {default_grace};
}}
"""


def origin_requests(counters: Mapping[str, int]) -> int:
    """How many requests Varnish sent the application (not its outer tier's to the inner),
    from :meth:`Varnish.counters`: ``VBE.<vcl>.default.req`` summed over loaded VCLs."""
    return sum(
        value
        for name, value in counters.items()
        if name.startswith("VBE.") and name.endswith(f".{ORIGIN_BACKEND}.req")
    )


class VarnishError(RuntimeError):
    """varnishd is missing, refused the VCL, or did not start or stop in time."""


@dataclass(frozen=True)
class HostPort:
    """A host (name, IPv4 or IPv6 address) and a TCP port."""

    host: str
    port: int

    @classmethod
    def parse(cls, text: str) -> HostPort:
        """Read ``host:port`` or ``[ipv6]:port``."""
        match = re.fullmatch(r"\[([0-9A-Fa-f:.]+)\]:(\d+)|([^:\[\]]+):(\d+)", text.strip())
        if not match:
            raise ValueError(f"expected HOST:PORT or [IPV6]:PORT, got {text!r}")
        host = match.group(1) or match.group(3)
        port = int(match.group(2) or match.group(4))
        if not 0 <= port <= 65535:
            raise ValueError(f"port out of range in {text!r}")
        try:
            ipaddress.ip_address(host)
        except ValueError:
            if not _HOSTNAME.match(host):
                raise ValueError(f"not a host name or address: {host!r}") from None
        return cls(host, port)

    def __str__(self) -> str:
        return f"[{self.host}]:{self.port}" if ":" in self.host else f"{self.host}:{self.port}"


@dataclass(frozen=True)
class SiteSettings:
    """What ``masthead-site.vcl`` says: the backend, the inner tier's socket, who may purge,
    and two durations (s)."""

    backend: HostPort = field(default_factory=lambda: HostPort("127.0.0.1", 8001))
    purgers: Sequence[str] = DEFAULT_PURGERS
    error_ttl: float = 15
    default_grace: float = 6 * 3600
    stitch_socket: str = DEFAULT_STITCH_SOCKET


def site_vcl(site: SiteSettings) -> str:
    """The text of ``masthead-site.vcl`` for ``site``."""
    entries = []
    for purger in site.purgers:
        network = ipaddress.ip_network(purger, strict=False)  # refuses anything but an address
        if network.prefixlen == network.max_prefixlen:
            entries.append(f'    "{network.network_address}";\n')
        else:
            entries.append(f'    "{network.network_address}"/{network.prefixlen};\n')
    socket = site.stitch_socket
    if not socket.startswith("/") or len(socket.encode()) > _MAX_SOCKET_PATH or '"' in socket:
        raise ValueError(
            f"the inner tier's socket must be an absolute path of at most {_MAX_SOCKET_PATH} "
            f"bytes: {socket!r}"
        )
    return SITE_VCL_TEMPLATE.format(
        stitch_socket=socket,
        host=site.backend.host,
        port=site.backend.port,
        purgers="".join(entries),
        error_ttl=_vcl_duration(site.error_ttl),
        default_grace=_vcl_duration(site.default_grace),
    )


def _vcl_duration(seconds: float) -> str:
    if seconds < 0:
        raise ValueError("a duration cannot be negative")
    if seconds >= 3600 and seconds % 3600 == 0:
        return f"{int(seconds // 3600)}h"
    return f"{seconds:g}s"


def find_program(name: str) -> str | None:
    """The path of a Varnish program (``varnishd``, ``varnishadm``), or None."""
    return shutil.which(name, path=SEARCH_PATH)


def _write_vcl(directory: Path, site: SiteSettings) -> Path:
    """Copy the main VCL and write the site VCL into ``directory``, readable by the users
    varnishd drops its privileges to. Returns the main VCL's path."""
    directory.mkdir(parents=True, exist_ok=True)
    directory.chmod(0o755)
    main = directory / MAIN_VCL.name
    shutil.copyfile(MAIN_VCL, main)
    (directory / SITE_VCL_NAME).write_text(site_vcl(site))
    for path in (main, directory / SITE_VCL_NAME):
        path.chmod(0o644)
    return main


def compile_vcl(site: SiteSettings | None = None) -> None:
    """Compile the VCL with ``varnishd -C`` (so the xkey vmod must be installed too); raise
    :class:`VarnishError` with the compiler's message if it fails."""
    varnishd = find_program("varnishd")
    if varnishd is None:
        raise VarnishError(f"varnishd is not installed ({INSTALL_HINT})")
    with tempfile.TemporaryDirectory(prefix="masthead-vcl-") as scratch:
        root = Path(scratch)
        root.chmod(0o755)
        main = _write_vcl(root / "vcl", site or SiteSettings())
        result = subprocess.run(
            [
                *(varnishd, "-C", "-n", str(root / "varnishd")),
                *("-p", f"vcl_path={main.parent}", "-f", str(main)),
            ],
            capture_output=True,
            text=True,
            timeout=60,
        )
    if result.returncode != 0:
        message = "\n".join(
            line for line in result.stderr.splitlines() if not line.startswith("Could not delete")
        )
        raise VarnishError(f"the VCL does not compile:\n{message.strip()}")


class Varnish:
    """A varnishd serving ``listen`` from the application at ``backend``, with Masthead's VCL.

    Use it as a context manager, or call :meth:`start` and :meth:`stop`. ``parameters`` are
    extra ``-p name=value`` run-time parameters (e.g. a small ``thread_pool_min`` for tests).
    """

    def __init__(
        self,
        listen: str,
        backend: str,
        *,
        purgers: Sequence[str] = DEFAULT_PURGERS,
        error_ttl: float = 15,
        default_grace: float = 6 * 3600,
        storage: str = "malloc,256m",
        work_dir: Path | str | None = None,
        parameters: Mapping[str, str] | None = None,
    ) -> None:
        self.listen = HostPort.parse(listen)
        self.site = SiteSettings(
            backend=HostPort.parse(backend),
            purgers=tuple(purgers),
            error_ttl=error_ttl,
            default_grace=default_grace,
        )
        site_vcl(self.site)  # refuse bad settings now, not when the process starts
        self.storage = storage
        self.parameters = dict(parameters or {})
        self._given_work_dir = Path(work_dir) if work_dir is not None else None
        self.work_dir: Path | None = None
        self.address: HostPort | None = None
        self._process: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        """``http://host:port`` of the running instance."""
        if self.address is None:
            raise VarnishError("varnishd is not running")
        return f"http://{self.address}"

    @property
    def pid(self) -> int | None:
        """The varnishd manager's process id while it runs."""
        return self._process.pid if self._process else None

    def start(self, timeout: float = 30) -> None:
        """Start varnishd and return once it answers; raise :class:`VarnishError` if it
        cannot start (its log is in the message)."""
        if self._process is not None:
            raise VarnishError("varnishd is already running")
        varnishd = find_program("varnishd")
        if varnishd is None:
            raise VarnishError(f"varnishd is not installed ({INSTALL_HINT})")
        if self._given_work_dir is not None:
            self.work_dir = self._given_work_dir
            self.work_dir.mkdir(parents=True, exist_ok=True)
        else:
            self.work_dir = Path(tempfile.mkdtemp(prefix="masthead-varnish-"))
        self.work_dir.chmod(0o755)
        self.site = replace(self.site, stitch_socket=str(self.work_dir / STITCH_SOCKET_NAME))
        try:
            main = _write_vcl(self.work_dir / "vcl", self.site)
        except ValueError as error:
            self.stop()
            raise VarnishError(f"{error} (give a shorter working directory)") from None
        command = [
            varnishd,
            "-F",  # in the foreground, so that this process owns it and sees it exit
            "-n",
            str(self._instance_dir),
            "-a",
            f"{PUBLIC_LISTENER}={self.listen}",
            # Anyone on this host may connect (the users varnishd runs as must): it answers
            # what the public listener does, and refuses PURGE (its peers are 0.0.0.0).
            "-a",
            f"{STITCH_LISTENER}={self.site.stitch_socket},mode=666",
            "-T",
            "127.0.0.1:0",  # the admin port: any free one, found by varnishadm through -n
            "-s",
            self.storage,
            "-p",
            f"vcl_path={main.parent}",
            "-f",
            str(main),
        ]
        for name, value in self.parameters.items():
            command += ["-p", f"{name}={value}"]
        log = (self.work_dir / "varnishd.log").open("wb")
        try:
            # Its own process group, so stop() can end the worker child too if the manager
            # will not exit by itself.
            self._process = subprocess.Popen(
                command,
                stdin=subprocess.DEVNULL,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        finally:
            log.close()
        try:
            self.address = self._wait_until_running(timeout)
        except BaseException:
            self.stop()
            raise
        logger.info("Varnish on http://%s in front of %s", self.address, self.site.backend)

    @property
    def _instance_dir(self) -> Path:
        # A directory varnishd creates itself, owned by the users it drops privileges to.
        assert self.work_dir is not None
        return self.work_dir / "varnishd"

    def _admin(self, *command: str) -> subprocess.CompletedProcess[str]:
        varnishadm = find_program("varnishadm")
        if varnishadm is None:
            raise VarnishError(f"varnishadm is not installed ({INSTALL_HINT})")
        return subprocess.run(
            [varnishadm, "-n", str(self._instance_dir), "-t", "2", *command],
            capture_output=True,
            text=True,
            timeout=10,
        )

    def _wait_until_running(self, timeout: float) -> HostPort:
        assert self._process is not None
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self._process.poll() is not None:
                raise VarnishError(f"varnishd exited with {self._process.returncode}:\n{self.log}")
            status = self._admin("status")
            if status.returncode == 0 and "running" in status.stdout:
                listening = self._admin("debug.listen_address")
                # "public 127.0.0.1 8000": a listener's name, its address and its port, a line
                # each ("stitch /path/stitch.sock -" for the inner tier's).
                for line in listening.stdout.splitlines() if listening.returncode == 0 else ():
                    fields = line.split()
                    if len(fields) >= 3 and fields[0] == PUBLIC_LISTENER:
                        return HostPort(fields[1], int(fields[2]))
            time.sleep(0.1)
        raise VarnishError(f"varnishd did not start within {timeout:g} s:\n{self.log}")

    def counters(self) -> dict[str, int]:
        """Varnish's counters (``varnishstat -1 -j``) as name → value."""
        varnishstat = find_program("varnishstat")
        if varnishstat is None:
            raise VarnishError(f"varnishstat is not installed ({INSTALL_HINT})")
        done = subprocess.run(
            [varnishstat, "-n", str(self._instance_dir), "-1", "-j"],
            capture_output=True,
            text=True,
            timeout=20,
            check=False,
        )
        if done.returncode != 0:
            raise VarnishError(f"varnishstat failed: {done.stderr.strip()}")
        found = json.loads(done.stdout)
        counters = found.get("counters", found)  # 7.x nests them; 6.x does not
        return {
            name: entry["value"]
            for name, entry in counters.items()
            if isinstance(entry, dict) and "value" in entry
        }

    @property
    def log(self) -> str:
        """What varnishd has written to its standard output and error."""
        if self.work_dir is None or not (self.work_dir / "varnishd.log").exists():
            return ""
        return (self.work_dir / "varnishd.log").read_text(errors="replace")

    def poll(self) -> int | None:
        """varnishd's exit status if it has exited, None while it runs."""
        if self._process is None:
            raise VarnishError("varnishd is not running")
        return self._process.poll()

    def wait(self) -> int:
        """Wait for varnishd to exit and return its exit status."""
        if self._process is None:
            raise VarnishError("varnishd is not running")
        return self._process.wait()

    def stop(self, timeout: float = 10) -> None:
        """Stop varnishd (SIGTERM, then SIGKILL to its process group after ``timeout``) and
        remove the working directory unless the caller gave it."""
        process, self._process = self._process, None
        if process is not None and process.poll() is None:
            process.terminate()
            try:
                process.wait(timeout)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait(timeout)
        self.address = None
        if self.work_dir is not None and self._given_work_dir is None:
            shutil.rmtree(self.work_dir, ignore_errors=True)
            self.work_dir = None

    def __enter__(self) -> Varnish:
        self.start()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.stop()


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m masthead.edge.varnish",
        description="Run Varnish with Masthead's VCL in the foreground until SIGTERM or Ctrl-C.",
    )
    parser.add_argument("--listen", default="127.0.0.1:8000", help="HOST:PORT readers reach")
    parser.add_argument("--backend", default="127.0.0.1:8001", help="HOST:PORT of the app")
    parser.add_argument(
        "--purger",
        action="append",
        help="an address or network allowed to PURGE (repeatable; default: loopback)",
    )
    parser.add_argument("--storage", default="malloc,256m", help="varnishd -s (storage)")
    parser.add_argument("--error-ttl", type=float, default=15, help="seconds a 404/error stays")
    parser.add_argument(
        "--default-grace", type=float, default=6 * 3600, help="seconds stale is served at most"
    )
    parser.add_argument("--work-dir", type=Path, help="varnishd's working directory (kept)")
    parser.add_argument(
        "--print-site-vcl", action="store_true", help="print masthead-site.vcl and exit"
    )
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run varnishd in the foreground until SIGTERM or SIGINT; exit with its status if it
    stops by itself."""
    options = _parser().parse_args(argv)
    purgers = tuple(options.purger) if options.purger else DEFAULT_PURGERS
    if options.print_site_vcl:
        site = SiteSettings(
            backend=HostPort.parse(options.backend),
            purgers=purgers,
            error_ttl=options.error_ttl,
            default_grace=options.default_grace,
        )
        sys.stdout.write(site_vcl(site))
        return 0
    logging.basicConfig(level=logging.INFO, format="%(message)s", stream=sys.stderr)
    edge = Varnish(
        options.listen,
        options.backend,
        purgers=purgers,
        error_ttl=options.error_ttl,
        default_grace=options.default_grace,
        storage=options.storage,
        work_dir=options.work_dir,
    )
    stopping = threading.Event()

    def request_stop(signum: int, frame: object) -> None:
        stopping.set()

    previous = {sig: signal.signal(sig, request_stop) for sig in (signal.SIGTERM, signal.SIGINT)}
    try:
        edge.start()
        while not stopping.is_set():
            status = edge.poll()
            if status is not None:
                logger.error("varnishd stopped by itself (%s):\n%s", status, edge.log)
                return status or 1
            stopping.wait(0.5)
        return 0
    except VarnishError as error:
        logger.error("%s", error)
        return 1
    finally:
        edge.stop()
        for sig, handler in previous.items():
            signal.signal(sig, handler)


if __name__ == "__main__":
    sys.exit(main())
