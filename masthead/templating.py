"""The Jinja2 environment that reader pages are rendered with.

Reader templates live in each app's ``jinja2/`` folder (and ``masthead/jinja2/`` for the
shared ones). Jinja2 compiles a template to a Python function once per process, and renders
our pages faster than Django's template language (docs/performance.md), which the admin keeps.
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache

from django.conf import settings
from django.templatetags.static import static as static_url
from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils import timezone
from django.utils.text import Truncator, capfirst
from jinja2 import Environment

from masthead.articles.renditions import picture
from masthead.articles.video import video_embed


# Every page asks for the same few URLs and the stylesheet's hashed name; work them out once
# per process (per script prefix and static URL, which a deployment may set).
@lru_cache(maxsize=4096)
def _reverse(name: str, args: tuple, prefix: str, urlconf: str | None) -> str:
    return reverse(name, args=args)


def url(name: str, *args: object) -> str:
    """``{% url %}``: the path of a named URL."""
    return _reverse(name, args, get_script_prefix(), get_urlconf() or settings.ROOT_URLCONF)


@lru_cache(maxsize=256)
def _static(path: str, static_root_url: str) -> str:
    return static_url(path)


def static(path: str) -> str:
    """``{% static %}``: the URL of a static file (its hashed name in production)."""
    return _static(path, settings.STATIC_URL)


def iso(value: dt.datetime | dt.date | None) -> str:
    """A date or time for ``<time datetime>``, on the edition's clock (Django's ``date:'c'``), to
    the second: HTML allows at most three digits of a second's fraction."""
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        if timezone.is_aware(value):
            value = timezone.localtime(value)
        return value.isoformat(timespec="seconds")
    return value.isoformat()


@lru_cache(maxsize=1024)
def truncatechars(value: str, length: int) -> str:
    return Truncator(value).chars(length)


def truncatewords(value: str, length: int) -> str:
    return Truncator(value).words(length, truncate=" …")


def environment(**options: object) -> Environment:
    env = Environment(extensions=["wagtail.jinja2tags.core"], **options)
    env.globals.update(url=url, static=static, picture=picture, video_embed=video_embed)
    env.filters.update(
        iso=iso, truncatechars=truncatechars, truncatewords=truncatewords, capfirst=capfirst
    )
    return env
