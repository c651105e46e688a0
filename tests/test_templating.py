"""The helpers reader templates use behave as Django's own tags and filters do."""

import datetime as dt
import zoneinfo

import pytest
from django.test import override_settings
from django.urls import NoReverseMatch, set_script_prefix
from django.utils import timezone

from masthead.templating import iso, truncatechars, truncatewords, url


def test_iso_shows_a_moment_on_the_active_clock():
    moment = dt.datetime(2024, 9, 20, 15, 0, tzinfo=dt.UTC)
    with timezone.override(zoneinfo.ZoneInfo("Europe/Kyiv")):
        assert iso(moment) == "2024-09-20T18:00:00+03:00"
    assert iso(dt.date(2024, 9, 20)) == "2024-09-20"
    # A valid HTML datetime: no microseconds, which HTML does not allow.
    with timezone.override("Europe/Kyiv"):
        assert iso(moment.replace(microsecond=123456)) == "2024-09-20T18:00:00+03:00"
    assert iso(None) == ""


def test_url_follows_the_script_prefix_and_urlconf():
    assert url("person", "maria-writer") == "/people/maria-writer/"
    set_script_prefix("/edition/")
    try:
        assert url("latest") == "/edition/latest/"
    finally:
        set_script_prefix("/")
    assert url("latest") == "/latest/"
    url("masthead_serve", "news/")  # remembered for this urlconf only
    with (
        override_settings(ROOT_URLCONF="tests.serving.wagtail_urls"),
        pytest.raises(NoReverseMatch),
    ):
        url("masthead_serve", "news/")


def test_truncation_matches_django():
    text = "Putin can no longer rule directly: power slips out of his hands"
    assert truncatechars(text, 20) == "Putin can no longer…"
    assert truncatewords(text, 3) == "Putin can no …"
