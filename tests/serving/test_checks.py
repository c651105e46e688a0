"""Masthead refuses to start on a Django or Wagtail its shortcuts were not verified on."""

import django
import pytest
import wagtail
from django.core import checks
from django.core.management import call_command
from django.core.management.base import SystemCheckError

from masthead.serving import checks as version_checks
from masthead.serving.checks import ERROR_ID, check_verified_versions


def test_the_installed_versions_pass():
    assert check_verified_versions() == []


def test_the_check_runs_with_djangos_checks():
    assert check_verified_versions in checks.registry.registry.get_checks()


@pytest.mark.parametrize(
    ("package", "version", "named"),
    [
        (django, (6, 1, 3, "final", 0), "Django 6.1.3"),
        (django, (6, 0, 10, "final", 0), "Django 6.0.10"),
        (django, (5, 1, 9, "final", 0), "Django 5.1.9"),
        (wagtail, (8, 1, 0, "final", 1), "Wagtail 8.1.0"),
        (wagtail, (7, 2, 1, "final", 1), "Wagtail 7.2.1"),
    ],
)
def test_another_version_is_an_error_that_says_what_to_run(monkeypatch, package, version, named):
    monkeypatch.setattr(package, "VERSION", version)
    (error,) = check_verified_versions()
    assert isinstance(error, checks.Error)
    assert error.id == ERROR_ID
    assert error.msg.startswith(f"{named} is installed")
    for test in ("tests/caching/test_compiled.py", "tests/serving/test_routing.py"):
        assert test in error.hint


def test_both_versions_wrong_are_two_errors(monkeypatch):
    monkeypatch.setattr(
        version_checks,
        "installed_versions",
        lambda: {"Django": (6, 1, 0, "final", 0), "Wagtail": (9, 0, 0, "final", 1)},
    )
    assert [error.id for error in check_verified_versions()] == [ERROR_ID, ERROR_ID]


def test_manage_py_check_fails_on_an_unverified_django(monkeypatch):
    monkeypatch.setattr(django, "VERSION", (6, 1, 3, "final", 0))
    with pytest.raises(SystemCheckError, match=ERROR_ID):
        call_command("check")
