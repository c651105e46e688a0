"""What the front page shows: the editors' top stories."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db.models import QuerySet
from django.http import HttpRequest

from masthead.articles.dateline import dateline
from masthead.articles.models import ArticlePage
from masthead.articles.public import public_articles_under
from masthead.articles.queries import rendered_page_part
from masthead.articles.renditions import attach_public_renditions
from masthead.caching.compiled import CompiledQuery
from masthead.editions.current import edition_for_request

if TYPE_CHECKING:
    from .models import FrontPage

TOP_STORIES = 7
# What a story on the front page shows of its article.
_STORY_FIELDS = ("title", "url_path", "published_at", "lead", "kind", "main_image")


@dataclass(frozen=True)
class Story:
    article: ArticlePage
    url: str
    dateline: str


def _stories(root: str) -> QuerySet[ArticlePage]:
    return public_articles_under(root).select_related("main_image").only(*_STORY_FIELDS)


# The editors' picks in their order, and the newest interviews and analyses standing in for
# them, each compiled once per process (see ``masthead.caching.compiled``).
PICKS = CompiledQuery(
    lambda root, front_page_id: (
        _stories(root)
        .filter(top_story_placements__page_id=front_page_id)
        .order_by("top_story_placements__sort_order")[:TOP_STORIES]
    ),
    root="\x00root\x00",
    front_page_id=-918_273_646,
)
NEWEST_FEATURES = CompiledQuery(
    lambda root: (
        _stories(root).exclude(kind="news").order_by("-published_at", "-page_ptr_id")[:TOP_STORIES]
    ),
    root="\x00root\x00",
)


def top_stories(request: HttpRequest, front_page: FrontPage) -> list[Story]:
    """The editors' picks that are live and public, in order, with their pictures' renditions
    (three queries at most); the slots they left empty (fewer picks than ``TOP_STORIES``, or a
    pick unpublished since) are filled by the newest interviews, columns and analyses."""
    edition = edition_for_request(request)
    root = edition.root_tree_path()
    picks = PICKS.fetch(root=root, front_page_id=front_page.pk)
    if len(picks) < TOP_STORIES:
        picked = {article.pk for article in picks}
        newest = [a for a in NEWEST_FEATURES.fetch(root=root) if a.pk not in picked]
        picks = [*picks, *newest[: TOP_STORIES - len(picks)]]
    attach_public_renditions(article.main_image for article in picks)
    return [
        Story(
            article,
            edition.relative_url(article.url_path),
            dateline(article.published_at, edition.time_zone, edition.language_code),
        )
        for article in picks
    ]


def top_stories_html(request: HttpRequest, front_page: FrontPage) -> str:
    """The rendered top stories, kept like a rendered article."""
    return rendered_page_part(
        request,
        front_page,
        "frontpage/includes/top_stories.html",
        lambda: {"top_stories": top_stories(request, front_page)},
    )
