"""The names of what reader pages show: one vocabulary for the shared values kept in the app and
for the edge's purges.

Every public response and every shared value declares the content it shows as keys (an
article, a section's listing, a person, the latest-news block of an edition, the release …).
A change emits the keys it makes stale (``masthead/serving/invalidation.py`` is the one map of
which change emits which keys); the same keys then make the shared values stale and purge every
cached response that carries them, at Varnish or a CDN (``masthead/edge/``).

Keys are short ASCII words without spaces or commas: they travel in the ``xkey``,
``Surrogate-Key`` and ``Cache-Tag`` headers.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from .release import release

# Content of every kind, by its id. A page's key follows its kind (see ``page``).
ARTICLE, SECTION, FRONT_PAGE, PAGE = "article", "section", "front-page", "page"
TAG, PERSON, PROGRAMME, IMAGE, EDITION = "tag", "person", "programme", "image", "edition"

# Wagtail page models by ``_meta.label_lower``, and the key of their kind.
_PAGE_KINDS = {
    "articles.articlepage": ARTICLE,
    "sections.sectionpage": SECTION,
    "frontpage.frontpage": FRONT_PAGE,
}

# Shown on pages of every kind, or lists of everything of a kind.
PEOPLE = "people"  # the people directory
PROGRAMMES = "programmes"  # the programmes directory
EDITIONS = "editions"  # the snapshot of every site and its edition settings
NOT_FOUND = "not-found"  # "no page here", until a page is published at that address
REDIRECTS = "redirects"  # Wagtail's redirects
FORECASTS = "forecasts"  # the forecasts index, its feed and the open-data exports


def of(kind: str, pk: object) -> str:
    """The key of one piece of content, e.g. ``of(PERSON, 3)`` → ``person-3``."""
    return f"{kind}-{pk}"


def article(pk: object) -> str:
    return of(ARTICLE, pk)


def section(pk: object) -> str:
    return of(SECTION, pk)


def tag(pk: object) -> str:
    return of(TAG, pk)


def person(pk: object) -> str:
    return of(PERSON, pk)


def programme(pk: object) -> str:
    return of(PROGRAMME, pk)


def image(pk: object) -> str:
    return of(IMAGE, pk)


def edition(site_id: object) -> str:
    """Everything an edition's pages share: its brand, tagline, clock and language."""
    return of(EDITION, site_id)


def page_kind(label_lower: str) -> str:
    return _PAGE_KINDS.get(label_lower, PAGE)


def page(label_lower: str, pk: object) -> str:
    """A page's key by its model's ``_meta.label_lower``: ``article-12``, ``section-3`` …"""
    return of(page_kind(label_lower), pk)


def listing(key: str) -> str:
    """The list of articles a page of ``key`` shows (its section's, tag's, person's …): stale
    when an article joins or leaves it, or one in it changes what a listing shows of it."""
    return f"{key}-listing"


def with_listing(key: str) -> tuple[str, str]:
    """What a listing page of ``key`` shows: the content itself and its list of articles."""
    return key, listing(key)


def archive(site_id: object) -> str:
    """The edition's whole archive, "More news" (/latest/)."""
    return f"archive-{site_id}"


def latest_news(site_id: object) -> str:
    """The edition's latest-news block, beside every page."""
    return f"latest-news-{site_id}"


def menu(site_id: object) -> str:
    """The edition's sections menu, on every page."""
    return f"menu-{site_id}"


def breaking(site_id: object) -> str:
    """The edition's breaking-news banner, on every page while an article is flagged."""
    return f"breaking-{site_id}"


def corrections(site_id: object) -> str:
    """The edition's public list of corrections (/corrections/) and its feeds."""
    return f"corrections-{site_id}"


def search(site_id: object) -> str:
    """The edition's search results and its autocomplete: stale once the search index of its
    articles changes (``masthead/search/tasks.py``)."""
    return f"search-{site_id}"


def release_key() -> str:
    """Every response carries the release that rendered it, so a deploy can purge the last."""
    return f"release-{release()}"


# The keys of what the current response shows; None outside a response being built.
_response_keys: ContextVar[set[str] | None] = ContextVar("response_keys", default=None)


def declare(*keys: str) -> None:
    """Say that the response being built shows the content of ``keys``."""
    collected = _response_keys.get()
    if collected is not None:
        collected.update(keys)


@contextmanager
def collecting() -> Iterator[set[str]]:
    """Collect the keys declared while building a response (see ``masthead/edge/``)."""
    token = _response_keys.set(set())
    try:
        yield _response_keys.get()
    finally:
        _response_keys.reset(token)
