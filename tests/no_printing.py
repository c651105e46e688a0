"""A test that prints fails: output belongs in assertions or logs, and a stray ``print`` is
usually a debugging leftover that hides what the test should have checked. (Log records go to
stderr through the logging handlers and are left alone; tests check them with ``caplog``.)"""

import pytest


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    if report.when == "call" and report.passed and report.capstdout:
        report.outcome = "failed"
        report.longrepr = f"the test printed (tests must not print):\n{report.capstdout}"
