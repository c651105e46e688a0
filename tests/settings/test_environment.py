"""Settings read from the environment: each module imported in a fresh interpreter with exactly
the variables a test gives it, so nothing from the machine running the suite leaks in."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
# Prints the named settings of a settings module as JSON.
DUMP = """
import importlib, json, sys
module = importlib.import_module(sys.argv[1])
print(json.dumps({name: getattr(module, name) for name in sys.argv[2:]}, default=str))
"""


def import_settings(
    module: str, environment: dict[str, str], *names: str
) -> subprocess.CompletedProcess[str]:
    """Import ``masthead.settings.<module>`` in a new interpreter whose environment is exactly
    ``environment``."""
    return subprocess.run(
        [sys.executable, "-c", DUMP, f"masthead.settings.{module}", *names],
        env=environment,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )


def settings_of(module: str, environment: dict[str, str], *names: str) -> dict:
    done = import_settings(module, environment, *names)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


# What production needs to start: a key, its hosts and a shared cache.
PRODUCTION = {
    "SECRET_KEY": "x",
    "ALLOWED_HOSTS": "news.example",
    "REDIS_URL": "redis://127.0.0.1:6379/3",
}


def test_production_without_allowed_hosts_names_them():
    environment = {k: v for k, v in PRODUCTION.items() if k != "ALLOWED_HOSTS"}
    done = import_settings("production", environment)
    assert done.returncode != 0
    assert done.stderr.strip().splitlines()[-1] == (
        "django.core.exceptions.ImproperlyConfigured: Set the ALLOWED_HOSTS environment variable"
    )


def test_production_passes_the_deploy_checks():
    done = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        env={
            **PRODUCTION,
            "SECRET_KEY": "a-long-production-key-0123456789-abcdefghijklmnopqrstuvwxyz",
            "DJANGO_SETTINGS_MODULE": "masthead.settings.production",
        },
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert "no issues" in done.stdout


def test_media_can_live_in_s3_compatible_storage():
    found = settings_of(
        "production",
        {
            **PRODUCTION,
            "MEDIA_STORAGE": "s3",
            "AWS_STORAGE_BUCKET_NAME": "newsroom-media",
            "AWS_S3_ENDPOINT_URL": "http://127.0.0.1:9000",
        },
        "STORAGES",
    )
    default = found["STORAGES"]["default"]
    assert default["BACKEND"] == "storages.backends.s3.S3Storage"
    assert default["OPTIONS"]["bucket_name"] == "newsroom-media"
    assert default["OPTIONS"]["endpoint_url"] == "http://127.0.0.1:9000"
    assert default["OPTIONS"]["querystring_auth"] is False


def test_unknown_media_storage_is_refused():
    done = import_settings("production", {**PRODUCTION, "MEDIA_STORAGE": "ftp"})
    assert "MEDIA_STORAGE must be 'local' or 's3'" in done.stderr


def test_production_without_a_secret_key_names_it():
    done = import_settings("production", {})
    assert done.returncode != 0
    assert done.stderr.strip().splitlines()[-1] == (
        "django.core.exceptions.ImproperlyConfigured: Set the SECRET_KEY environment variable"
    )


def test_production_without_a_shared_cache_refuses_to_start():
    done = import_settings("production", {"SECRET_KEY": "x", "ALLOWED_HOSTS": "news.example"})
    assert done.returncode != 0
    last = done.stderr.strip().splitlines()[-1]
    assert last.startswith("django.core.exceptions.ImproperlyConfigured: Set the REDIS_URL ")
    assert "MASTHEAD_ONE_PROCESS=true" in last


def test_production_told_it_runs_as_one_process_keeps_files(tmp_path):
    found = settings_of(
        "production",
        {
            "SECRET_KEY": "a-production-key",
            "ALLOWED_HOSTS": "news.example",
            "CACHE_DIR": str(tmp_path),
            "MASTHEAD_ONE_PROCESS": "1",
        },
        "SECRET_KEY",
        "DEBUG",
        "CACHES",
        "SESSION_COOKIE_SECURE",
        "CSRF_COOKIE_SECURE",
    )
    assert found == {
        "SECRET_KEY": "a-production-key",
        "DEBUG": False,
        # Without REDIS_URL, and told so, files: every worker on the machine sees one cache.
        "CACHES": {
            "default": {
                "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
                "LOCATION": str(tmp_path),
            }
        },
        "SESSION_COOKIE_SECURE": True,
        "CSRF_COOKIE_SECURE": True,
    }


def test_secure_cookies_can_be_turned_off_for_a_loopback_server():
    found = settings_of(
        "production",
        {**PRODUCTION, "SECURE_COOKIES": "0"},
        "SESSION_COOKIE_SECURE",
        "CSRF_COOKIE_SECURE",
    )
    assert found == {"SESSION_COOKIE_SECURE": False, "CSRF_COOKIE_SECURE": False}


def test_a_dollar_in_a_secret_key_is_written_escaped():
    # A generated key may start with "$", which django-environ reads as another variable's name.
    found = settings_of(
        "production",
        {**PRODUCTION, "SECRET_KEY": r"\$tart-with-a-dollar"},
        "SECRET_KEY",
    )
    assert found == {"SECRET_KEY": "$tart-with-a-dollar"}


@pytest.mark.parametrize("module", ["base", "production"])
def test_redis_url_gives_the_django_redis_cache(module):
    url = "redis://127.0.0.1:6379/3"
    found = settings_of(module, {**PRODUCTION, "REDIS_URL": url}, "CACHES")
    assert found == {
        "CACHES": {
            "default": {
                "BACKEND": "django_redis.cache.RedisCache",
                "LOCATION": url,
                "KEY_PREFIX": "masthead",
            }
        }
    }


def test_without_redis_url_development_shares_files_between_its_processes():
    # The server, the task worker and a command in another terminal must see one cache.
    found = settings_of("dev", {}, "CACHES")
    assert found == {
        "CACHES": {
            "default": {
                "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
                "LOCATION": str(ROOT / "var" / "cache" / "dev"),
            }
        }
    }


def test_the_test_settings_use_test_redis_url_when_given():
    url = "redis://127.0.0.1:6379/14"
    found = settings_of("test", {"TEST_REDIS_URL": url}, "CACHES")
    assert found["CACHES"]["default"] == {
        "BACKEND": "django_redis.cache.RedisCache",
        "LOCATION": url,
        "KEY_PREFIX": "masthead-test",
    }


def test_allowed_hosts_are_split_on_commas():
    hosts = settings_of(
        "base", {"ALLOWED_HOSTS": "news.example,www.news.example,"}, "ALLOWED_HOSTS"
    )
    default = settings_of("base", {}, "ALLOWED_HOSTS")
    assert hosts == {"ALLOWED_HOSTS": ["news.example", "www.news.example"]}
    assert default == {"ALLOWED_HOSTS": ["127.0.0.1", "localhost"]}


@pytest.mark.parametrize(
    ("environment", "debug"),
    [("base", False), ("dev", True)],
)
def test_debug_defaults_per_module_and_follows_the_variable(environment, debug):
    assert settings_of(environment, {}, "DEBUG") == {"DEBUG": debug}
    assert settings_of(environment, {"DEBUG": str(int(not debug))}, "DEBUG") == {"DEBUG": not debug}


def test_sqlite_is_tuned_for_readers_beside_a_publishing_editor(tmp_path):
    path = tmp_path / "masthead.sqlite3"
    found = settings_of(
        "base",
        {"DATABASE_URL": f"sqlite:///{path}", "DATABASE_CONN_MAX_AGE": "30"},
        "DATABASES",
    )
    default = found["DATABASES"]["default"]
    assert default["ENGINE"] == "django.db.backends.sqlite3"
    assert default["NAME"] == str(path)
    assert default["CONN_MAX_AGE"] == 30
    assert default["CONN_HEALTH_CHECKS"] is True
    assert default["OPTIONS"] == {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
    }


@pytest.mark.parametrize(
    ("threshold", "options"),
    [(None, {"server_side_binding": True, "prepare_threshold": 5}), ("0", None)],
)
def test_postgresql_prepares_statements_unless_turned_off(threshold, options):
    environment = {"DATABASE_URL": "postgres://masthead:secret@db.internal:5432/masthead"}
    if threshold is not None:
        environment["DATABASE_PREPARE_THRESHOLD"] = threshold
    default = settings_of("base", environment, "DATABASES")["DATABASES"]["default"]
    assert {
        key: default[key] for key in ("ENGINE", "NAME", "USER", "PASSWORD", "HOST", "PORT")
    } == {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": "masthead",
        "USER": "masthead",
        "PASSWORD": "secret",
        "HOST": "db.internal",
        "PORT": 5432,
    }
    assert (default["CONN_MAX_AGE"], default["CONN_HEALTH_CHECKS"]) == (600, True)
    assert default.get("OPTIONS") == options


def test_paths_and_levels_come_from_the_environment(tmp_path):
    found = settings_of(
        "base",
        {
            "MEDIA_ROOT": str(tmp_path / "media"),
            "LOG_LEVEL": "INFO",
            "WAGTAILADMIN_BASE_URL": "https://news.example",
            "MASTHEAD_FRAGMENT_CACHE": "off",
        },
        "MEDIA_ROOT",
        "LOGGING",
        "WAGTAILADMIN_BASE_URL",
        "MASTHEAD_FRAGMENT_CACHE",
    )
    assert found["MEDIA_ROOT"] == str(tmp_path / "media")
    assert found["LOGGING"]["root"]["level"] == "INFO"
    assert found["WAGTAILADMIN_BASE_URL"] == "https://news.example"
    assert found["MASTHEAD_FRAGMENT_CACHE"] is False
