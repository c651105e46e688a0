"""Tests: every outside service swapped for a fast local one."""

from .base import *  # noqa: F403
from .base import BASE_DIR, database, env, shared_cache

DEBUG = False
ALLOWED_HOSTS = ["*"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
MEDIA_ROOT = BASE_DIR / "var" / "test-media"
# The PostgreSQL run of the suite also sets TEST_REDIS_URL, to test against the production cache.
TEST_REDIS_URL = env.str("TEST_REDIS_URL", default="")
CACHES = {"default": shared_cache(TEST_REDIS_URL, prefix="masthead-test")}
# The PostgreSQL run of the suite sets TEST_DATABASE_URL; the default is in-memory SQLite.
_TEST_DATABASE_URL = env.str("TEST_DATABASE_URL", default="sqlite://:memory:")
DATABASES = {
    "default": database(_TEST_DATABASE_URL)
    if _TEST_DATABASE_URL.startswith("postgres")
    else env.db_url_config(_TEST_DATABASE_URL)
}
MASTHEAD_READ_REPLICAS: list[str] = []  # tests/serving/test_replicas.py turns "replica" on
DATABASE_ROUTERS: list[str] = []
if _TEST_DATABASE_URL.startswith("postgres"):
    # A second PostgreSQL database standing in for a read replica. Django sets it up as a
    # mirror of the test database; tests/serving/test_replicas.py points it at a copy of that
    # database instead, as a replica is, so that a test can tell where a read went.
    DATABASES["replica"] = {**DATABASES["default"], "TEST": {"MIRROR": "default"}}
    DATABASE_ROUTERS = ["masthead.serving.replicas.ReplicaRouter"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
