"""Every feed and sitemap costs a fixed number of queries, the same for the small newsroom as
with a hundred more articles (full feeds, longer sitemaps)."""

from __future__ import annotations

import datetime as dt

import pytest

from masthead.articles.models import ArticlePage, Role
from masthead.demo.bulk_news import generate_news
from masthead.syndication import channels
from tests.conftest import NOW, add_article
from tests.syndication.conftest import body_of

BUDGETS = {
    # The listing, the items' own fields, their authors, the renditions of their pictures.
    "/feeds/rss/": 4,
    "/feeds/atom/": 4,
    "/feeds/json/": 4,
    # … after the section, tag, person or programme.
    "/feeds/sections/news/rss/": 5,
    "/feeds/tags/diplomacy/atom/": 5,
    "/feeds/people/maria-writer/rss/": 5,
    "/feeds/programmes/evening-studio/atom/": 5,
    # … with the full text: the pages its paragraphs link to and its pictures (and the people
    # its quotes name whom the articles do not credit, when there are any).
    "/feeds/rss/?full=1": 6,
    "/feeds/sections/news/atom/?full=1": 7,
    # Every sitemap reads the view restrictions first; then the index its months, …
    "/sitemap.xml": 2,
    # … a month its articles with their lead renditions, …
    "/sitemaps/articles-2024-09.xml": 2,
    # … the pages sitemap the tree's pages, the programmes, the people and the tags, …
    "/sitemaps/pages.xml": 5,
    # … the news sitemap the last two days' articles.
    "/sitemaps/news.xml": 2,
    "/robots.txt": 0,
}


@pytest.fixture
def pictured_newsroom(newsroom, picture):
    """The newsroom with a picture on the interview and a news item whose body links to a page
    and shows a picture."""
    newsroom.interview.main_image = picture
    newsroom.interview.save_revision().publish()
    add_article(
        newsroom.news,
        "Pictured",
        NOW - dt.timedelta(minutes=30),
        main_image=picture,
        tags=["diplomacy"],
        programme=newsroom.programme,
        people=[(newsroom.author, Role.AUTHOR, "")],
        body=[
            {
                "type": "paragraph",
                "value": f'<p><a linktype="page" id="{newsroom.news.pk}">N</a></p>',
            },
            {"type": "image", "value": {"image": picture.pk, "caption": "", "credit": ""}},
        ],
    )
    return newsroom


def _more_articles(newsroom, picture) -> None:
    """A hundred more items over a month back (so August has some too), each with a picture,
    fifty of them tagged and signed."""
    generate_news(100, until=NOW - dt.timedelta(hours=1), per_day=4)
    generated = ArticlePage.objects.filter(latest_revision__isnull=True)
    generated.update(main_image=picture, programme=newsroom.programme)
    for article in generated[: channels.FEED_SIZE]:
        article.tags.add("diplomacy")
        article.appearances.create(person=newsroom.author, role=Role.AUTHOR)


@pytest.mark.parametrize("url", list(BUDGETS))
def test_a_feed_or_sitemap_costs_the_same_whatever_it_lists(
    built_pages, client, pictured_newsroom, picture, django_assert_num_queries, url
):
    # The edition's snapshot, read once per process. Streamed bodies are read to the end: an
    # unread one keeps PostgreSQL's server-side cursor open past the test.
    body_of(client.get(url))
    with django_assert_num_queries(BUDGETS[url]):
        few = client.get(url)
        few_bytes = body_of(few)
    _more_articles(pictured_newsroom, picture)
    body_of(client.get(url))  # a bulk run drops the editions' snapshot
    with django_assert_num_queries(BUDGETS[url]):
        many = client.get(url)
        many_bytes = body_of(many)
    assert few.status_code == many.status_code == 200
    if url != "/robots.txt":
        assert len(many_bytes) > len(few_bytes)
