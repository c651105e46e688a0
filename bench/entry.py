"""How every bench script runs from the command line: SIGTERM unwinds like Ctrl-C, so every
process the run started is stopped on the way out, and a bench's own failure is one line with
exit status 1, not a traceback."""

from __future__ import annotations

import signal
import sys
from collections.abc import Callable
from typing import NoReturn


def _stop_on_term(signum, frame):
    raise KeyboardInterrupt


def run_main(
    main: Callable[[], int],
    failures: Callable[[], tuple[type[BaseException], ...]],
    name: str = "bench",
) -> NoReturn:
    """Exit with ``main()``'s status. ``failures`` gives the errors that end a run with a
    message; it is called only when one is raised (some are read from modules loaded late)."""
    signal.signal(signal.SIGTERM, _stop_on_term)
    try:
        sys.exit(main())
    except KeyboardInterrupt:
        print("\ninterrupted; every process this run started has been stopped", file=sys.stderr)
        sys.exit(130)
    except Exception as exc:
        if not isinstance(exc, failures()):
            raise
        print(f"\n{name} failed: {exc}", file=sys.stderr)
        sys.exit(1)
