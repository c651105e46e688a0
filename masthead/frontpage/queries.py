from dataclasses import dataclass

from django.http import HttpRequest

from masthead.articles.dateline import dateline
from masthead.articles.models import ArticlePage
from masthead.articles.queries import rendered_page_part
from masthead.articles.renditions import public_renditions
from masthead.editions.current import edition_for_request
from masthead.feed.queries import public_articles

from .models import FrontPage

TOP_STORIES = 7


@dataclass(frozen=True)
class Story:
    article: ArticlePage
    url: str
    dateline: str


def top_stories(request: HttpRequest, front_page: FrontPage) -> list[Story]:
    """The editors' picks that are live and public, in order, with their pictures' renditions
    (two queries); when they have picked none, the newest interviews and analyses stand in."""
    edition = edition_for_request(request)
    articles = (
        public_articles(edition)
        .defer_streamfields()
        .select_related("main_image")
        .prefetch_related(public_renditions("main_image__renditions", "lead", "card"))
    )
    picks = list(
        articles.filter(top_story_placements__page=front_page).order_by(
            "top_story_placements__sort_order"
        )[:TOP_STORIES]
    ) or list(articles.exclude(kind="news").order_by("-published_at", "-page_ptr_id")[:TOP_STORIES])
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
