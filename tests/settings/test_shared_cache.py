"""The one function that configures the shared cache, and the Redis cache it gives, end to end."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.core.cache import caches
from django.core.exceptions import ImproperlyConfigured
from django.test import override_settings
from django_redis.cache import RedisCache

from masthead.settings.base import shared_cache


@pytest.mark.parametrize(
    "url", ["redis://127.0.0.1:6379/0", "rediss://cache.internal:6380/1", "unix:///run/redis.sock"]
)
def test_a_redis_url_gives_django_redis(url):
    assert shared_cache(url, prefix="masthead", directory="/srv/cache") == {
        "BACKEND": "django_redis.cache.RedisCache",
        "LOCATION": url,
        "KEY_PREFIX": "masthead",
    }


def test_without_a_url_a_directory_gives_the_file_cache():
    assert shared_cache("", prefix="masthead", directory="/srv/cache") == {
        "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
        "LOCATION": "/srv/cache",
    }


def test_without_a_url_or_a_directory_the_cache_is_in_memory():
    assert shared_cache("", prefix="masthead-test") == {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "masthead-test",
    }


def test_a_url_that_is_not_redis_is_refused_at_start_up():
    with pytest.raises(ImproperlyConfigured, match="Not a Redis URL"):
        shared_cache("127.0.0.1:6379", prefix="masthead")


ALIAS = "settings-test-redis"
PREFIX = "masthead-settings-test"
KEYS = ["headline", "edition", "missing"]


@pytest.fixture
def redis_cache():
    """A Redis cache at TEST_REDIS_URL, configured by ``shared_cache`` under its own prefix."""
    if not settings.TEST_REDIS_URL:
        pytest.skip("TEST_REDIS_URL is not set (e.g. redis://127.0.0.1:6379/14)")
    configured = {**settings.CACHES, ALIAS: shared_cache(settings.TEST_REDIS_URL, prefix=PREFIX)}
    with override_settings(CACHES=configured):
        cache = caches[ALIAS]
        cache.delete_many(KEYS)
        yield cache
        cache.delete_many(KEYS)


def test_the_redis_cache_stores_and_reads_values(redis_cache):
    assert isinstance(redis_cache, RedisCache)
    headline = {"title": "The guest explains the week", "tags": ["diplomacy"]}
    redis_cache.set("headline", headline, None)  # shared values are kept without expiry
    redis_cache.set("edition", "global", 60)

    assert redis_cache.get("headline") == headline
    assert redis_cache.get_many(KEYS) == {"headline": headline, "edition": "global"}
    assert redis_cache.ttl("headline") is None
    assert 0 < redis_cache.ttl("edition") <= 60
    assert redis_cache.add("edition", "another") is False
    # Keys live under the configured prefix, as Django's own backends write them.
    client = redis_cache.client.get_client()
    assert client.exists(f"{PREFIX}:1:headline") == 1


def test_the_redis_cache_reuses_one_client(redis_cache):
    # What masthead/caching/redis.py once did by hand: one client per server, not per operation.
    redis_cache.get("headline")
    first = redis_cache.client.get_client(write=False)
    redis_cache.set("headline", "again")
    assert redis_cache.client.get_client(write=True) is first
