"""The relevance report (``test_relevance.py``) shown at the end of the run: tests may not
print (``tests/no_printing.py``), so the test leaves its report in the run's stash and this hook
writes it to the terminal summary."""

from __future__ import annotations

import pytest

RELEVANCE_REPORT = pytest.StashKey[str]()


def pytest_terminal_summary(terminalreporter, exitstatus, config) -> None:
    report = config.stash.get(RELEVANCE_REPORT, None)
    if report:
        terminalreporter.write_sep("-", "search relevance (tests/search/judged.py)")
        terminalreporter.write_line(report)
