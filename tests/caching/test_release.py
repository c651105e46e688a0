"""Stored shared values carry the release in their key and expire (masthead/caching/release.py,
masthead/caching/fragments.py)."""

from __future__ import annotations

from unittest import mock

import pytest
from django.core.cache import cache
from django.test import override_settings

from masthead.caching import fragments
from masthead.caching.fragments import cached_value
from masthead.caching.release import release

MENU = ("menu-1",)  # the keys of a shared value in these tests


@pytest.fixture
def fresh_release():
    release.cache_clear()
    yield
    release.cache_clear()


def forget_this_process() -> None:
    """As a newly started process: nothing in memory, everything from the shared cache."""
    fragments._local.clear()


def test_a_value_built_by_one_release_is_not_served_by_the_next(db, fresh_release):
    with override_settings(MASTHEAD_RELEASE="old-release"):
        assert (
            cached_value("menu", "x", lambda: "built by the old code", MENU)
            == "built by the old code"
        )
    release.cache_clear()
    forget_this_process()
    with override_settings(MASTHEAD_RELEASE="new-release"):
        assert (
            cached_value("menu", "x", lambda: "built by the new code", MENU)
            == "built by the new code"
        )


def test_the_release_is_in_the_stored_key(db, fresh_release):
    with override_settings(MASTHEAD_RELEASE="r42"):
        cached_value("menu", "x", lambda: "value", MENU)
        assert cache.get("masthead:value:r42:menu:x")[1] == "value"


def test_without_a_configured_release_it_is_a_digest_of_the_code(fresh_release, tmp_path):
    with override_settings(MASTHEAD_RELEASE=""):
        digest = release()
        assert len(digest) == 12 and int(digest, 16) >= 0
        release.cache_clear()
        assert release() == digest  # the same code, the same release
        (tmp_path / "changed.html").write_text("<p>a template edited by a deploy</p>")
        release.cache_clear()
        with mock.patch("masthead.caching.release._SOURCE", tmp_path):
            assert release() != digest


@override_settings(MASTHEAD_SHARED_VALUE_TTL=120)
def test_stored_values_and_generations_expire(db):
    with (
        mock.patch.object(cache, "set", wraps=cache.set) as stored,
        mock.patch.object(cache, "set_many", wraps=cache.set_many) as bumped,
    ):
        cached_value("menu", "ttl", lambda: "value", MENU)
        fragments.invalidate(*MENU)
    (value_call,) = [c for c in stored.call_args_list if c.args[0].startswith("masthead:value:")]
    assert value_call.args[2] == 120
    assert {c.args[1] for c in bumped.call_args_list} == {480}
