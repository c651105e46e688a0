"""`make serve-production`: the production stack on loopback, with one command.

Starts, against PostgreSQL and Redis (DATABASE_URL, REDIS_URL):

- the application server (gunicorn, production settings) on 127.0.0.1:APP_PORT;
- the task worker (django-tasks-db's ``db_worker``) that sends the edge purges;
- Varnish with deploy/varnish/masthead.vcl on HOST:PORT, in front of the application.

It prints where readers reach it, runs until interrupted (Ctrl-C or SIGTERM), and then stops
all three. If any of them exits, the others are stopped too and the exit is reported.
"""

from __future__ import annotations

import argparse
import os
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent


def wait_for(url: str, processes: list[subprocess.Popen], seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if any(process.poll() is not None for process in processes):
            raise SystemExit(f"a process exited before {url} answered")
        try:
            with urllib.request.urlopen(url, timeout=5):
                return
        except urllib.error.HTTPError:
            return  # it answers
        except OSError:
            time.sleep(0.3)
    raise SystemExit(f"{url} did not answer within {seconds:.0f} s")


def _interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--host", default=os.environ.get("HOST", "127.0.0.1"))
    parser.add_argument("--port", type=int, default=int(os.environ.get("PORT", "8000")))
    parser.add_argument("--app-port", type=int, default=None, help="default: PORT + 1")
    parser.add_argument("--workers", type=int, default=int(os.environ.get("WEB_CONCURRENCY", "2")))
    args = parser.parse_args(argv)
    app_port = args.app_port or args.port + 1
    environment = {**os.environ, "DJANGO_SETTINGS_MODULE": "masthead.settings.production"}
    processes: list[subprocess.Popen] = []

    def start(*command: str) -> subprocess.Popen:
        process = subprocess.Popen(command, cwd=ROOT, env=environment, start_new_session=True)
        processes.append(process)
        return process

    def stop() -> None:
        for process in processes:
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGTERM)
        for process in processes:
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)

    signal.signal(signal.SIGTERM, _interrupt)
    try:
        start(
            str(BIN / "gunicorn"),
            "masthead.wsgi",
            "--bind",
            f"127.0.0.1:{app_port}",
            "--workers",
            str(args.workers),
            "--no-control-socket",
        )
        # The worker polls often: a purge waits for it, and readers for the purge.
        start(
            str(BIN / "python"),
            "manage.py",
            "db_worker",
            "--backend",
            "edge",
            "--queue-name",
            "default,scheduling",
            "--interval",
            "0.1",
            "--no-startup-delay",
        )
        start(
            str(BIN / "python"),
            "-m",
            "masthead.edge.varnish",
            "--listen",
            f"{args.host}:{args.port}",
            "--backend",
            f"127.0.0.1:{app_port}",
        )
        wait_for(f"http://127.0.0.1:{app_port}/", processes)
        wait_for(f"http://{args.host}:{args.port}/", processes)
        print(
            f"Masthead (production settings) at http://{args.host}:{args.port}/ through Varnish; "
            f"the application at http://127.0.0.1:{app_port}/; the task worker is running. "
            "Ctrl-C stops all three.",
            flush=True,
        )
        while all(process.poll() is None for process in processes):
            time.sleep(0.5)
        exited = next(process for process in processes if process.poll() is not None)
        print(f"{exited.args[0]} exited with {exited.returncode}; stopping", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 0
    finally:
        stop()


if __name__ == "__main__":
    sys.exit(main())
