"""Tests: every outside service swapped for a fast local one."""

import os

import dj_database_url

from .base import *  # noqa: F403
from .base import BASE_DIR, database

DEBUG = False
ALLOWED_HOSTS = ["*"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
MEDIA_ROOT = BASE_DIR / "var" / "test-media"
# The PostgreSQL run of the suite also sets TEST_REDIS_URL, to test against the production cache.
if os.environ.get("TEST_REDIS_URL"):
    CACHES = {
        "default": {
            "BACKEND": "masthead.caching.redis.RedisCache",
            "LOCATION": os.environ["TEST_REDIS_URL"],
            "KEY_PREFIX": "masthead-test",
        }
    }
else:
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "tests"}
    }
# The PostgreSQL run of the suite sets TEST_DATABASE_URL; the default is in-memory SQLite.
_TEST_DATABASE_URL = os.environ.get("TEST_DATABASE_URL", "sqlite://:memory:")
DATABASES = {
    "default": database(_TEST_DATABASE_URL)
    if _TEST_DATABASE_URL.startswith("postgres")
    else dj_database_url.parse(_TEST_DATABASE_URL)
}
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
