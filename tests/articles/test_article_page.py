import datetime as dt

import pytest
from bs4 import BeautifulSoup
from django.test import override_settings

from masthead.articles.models import ArticlePage, Role
from tests.conftest import add_article, publish


def visible_parts(html: bytes) -> BeautifulSoup:
    return BeautifulSoup(html, "html.parser")


def test_article_page_shows_every_part_in_order(client, newsroom):
    response = client.get("/politics/the-guest-explains-the-week/")
    assert response.status_code == 200
    soup = visible_parts(response.content)
    article = soup.find("article")
    assert soup.select_one(".brand").get_text() == "Masthead. Global"
    assert article.h1.get_text() == "The guest explains the week"
    assert article.select_one(".dateline time").get_text() == "28 May, 2023 Sunday"
    assert article.select_one(".lead").get_text().startswith("Taras Guest told")
    body = article.select_one(".article-body")
    kinds = [el["class"][0] if el.name != "p" else "p" for el in body.find_all(recursive=False)]
    assert kinds == ["p", "pull-quote", "p", "question", "p", "pull-quote", "read-also"]


def test_a_substantive_update_shows_its_time_by_the_dateline_on_the_edition_clock(client, newsroom):
    published = dt.datetime(2024, 9, 20, 6, 0, tzinfo=dt.UTC)
    article = add_article(newsroom.news, "A developing story", published)
    article.updated_at = dt.datetime(2024, 9, 20, 11, 32, tzinfo=dt.UTC)  # 14:32 in Kyiv
    publish(article)
    dateline = visible_parts(client.get("/news/a-developing-story/").content).select_one(
        "article .dateline"
    )
    updated = dateline.select_one(".updated")
    assert updated.get_text() == "Updated 14:32"
    assert dt.datetime.fromisoformat(updated.time["datetime"]) == article.updated_at


@pytest.mark.parametrize(
    ("kind", "label"),
    [
        ("news", "News"),
        ("interview", "Interview"),
        ("opinion", "Opinion"),
        ("analysis", "Analysis"),
    ],
)
def test_every_article_names_its_type_of_work_above_the_headline(client, newsroom, kind, label):
    add_article(newsroom.news, "A piece of work", dt.datetime(2024, 9, 1, tzinfo=dt.UTC), kind=kind)
    header = visible_parts(client.get("/news/a-piece-of-work/").content).select_one(
        "article .article-header"
    )
    first, heading = header.find_all(recursive=False)[:2]
    assert (first.name, first["class"], first.get_text()) == ("p", ["kind"], label)
    assert heading.name == "h1" and heading.get_text() == "A piece of work"


def test_pull_quotes_are_set_apart_in_curly_quotes_and_attributed(client, newsroom):
    soup = visible_parts(client.get("/politics/the-guest-explains-the-week/").content)
    quotes = soup.select(".pull-quote")
    assert [q.blockquote.get_text() for q in quotes] == [
        "“A quotable line”",
        "“Another quotable line”",
    ]
    # Without a person chosen, a quote is attributed to the article's first guest.
    assert [q.figcaption.get_text() for q in quotes] == ["Taras Guest", "Taras Guest"]


def test_question_is_attributed_to_the_host(client, newsroom):
    soup = visible_parts(client.get("/politics/the-guest-explains-the-week/").content)
    question = soup.select_one(".question")
    assert question.select_one(".speaker").get_text() == "Oksana Host asks:"
    assert question.strong.get_text() == "What happens next?"


def test_read_also_links_to_the_section(client, newsroom):
    soup = visible_parts(client.get("/politics/the-guest-explains-the-week/").content)
    read_also = soup.select_one(".read-also")
    assert read_also.p.get_text() == "Read also:"
    assert [(a.get_text(), a["href"]) for a in read_also.select("a")] == [("News", "/news/")]


def test_credits_show_programme_host_guest_credentials_and_tags(client, newsroom):
    soup = visible_parts(client.get("/politics/the-guest-explains-the-week/").content)
    credits = soup.select_one(".credits")
    assert [p.get_text() for p in credits.select("p.byline")] == ["Written by Maria Writer"]
    people = [
        (dt.get_text(), dd.get_text())
        for dt, dd in zip(credits.select("dt"), credits.select("dd"), strict=True)
    ]
    assert people == [
        ("Programme", "Evening Studio"),
        ("Host", "Oksana Host"),
        ("Guest", "Taras Guest, Former adviser"),
    ]
    assert [a["href"] for a in credits.select(".tags a")] == ["/tags/diplomacy/", "/tags/security/"]


def test_credits_name_each_person_with_everything_they_did(client, newsroom):
    from masthead.people.models import Person

    reporter = Person.objects.create(name="Iryna Reporter", slug="iryna-reporter")
    second = Person.objects.create(name="Olha Second", slug="olha-second")
    photographer = Person.objects.create(name="Petro Lens", slug="petro-lens")
    add_article(
        newsroom.news,
        "Credited by role",
        dt.datetime(2024, 9, 1, tzinfo=dt.UTC),
        people=[
            (reporter, Role.REPORTER, ""),
            (newsroom.author, Role.AUTHOR, ""),
            (reporter, Role.TRANSLATOR, ""),
            (second, Role.AUTHOR, ""),
            (newsroom.author, Role.EDITOR, ""),
            (photographer, Role.PHOTO, ""),
        ],
    )
    credits = visible_parts(client.get("/news/credited-by-role/").content).select_one(".credits")
    bylines = [
        (p.get_text(), [a["href"] for a in p.select("a")]) for p in credits.select("p.byline")
    ]
    assert bylines == [
        ("Reported and translated by Iryna Reporter", ["/people/iryna-reporter/"]),
        ("Written and edited by Maria Writer", ["/people/maria-writer/"]),
        ("Written by Olha Second", ["/people/olha-second/"]),
    ]
    assert [p.get_text() for p in credits.select("p.media-credit")] == ["Photo: Petro Lens"]


def test_people_who_did_the_same_share_one_credit_line(client, newsroom):
    from masthead.people.models import Person

    people = [
        Person.objects.create(name=name, slug=name.lower().replace(" ", "-"))
        for name in ("Anna One", "Borys Two", "Vira Three")
    ]
    add_article(
        newsroom.news,
        "Written by three",
        dt.datetime(2024, 9, 1, tzinfo=dt.UTC),
        people=[(person, Role.AUTHOR, "") for person in people],
    )
    credits = visible_parts(client.get("/news/written-by-three/").content).select_one(".credits")
    assert [p.get_text() for p in credits.select("p.byline")] == [
        "Written by Anna One, Borys Two and Vira Three"
    ]


def test_feed_beside_the_article_is_grouped_by_day_newest_first(client, newsroom):
    soup = visible_parts(client.get("/politics/the-guest-explains-the-week/").content)
    feed = soup.select_one(".latest-news")
    headers = [h.get_text(" ", strip=True) for h in feed.select(".feed-day")]
    assert headers[:2] == ["2024, Friday 20 September", "2024, Thursday 19 September"]
    titles = [a.get_text() for a in feed.select(".feed-items a")]
    assert titles[:12] == [f"News item number {i}" for i in range(12)]
    assert feed.select_one(".more-news a")["href"] == "/latest/"


def correct(article: ArticlePage, *notes: tuple[dt.datetime, str]) -> ArticlePage:
    from masthead.articles.models import Correction

    for noted_at, text in notes:
        article.corrections.add(Correction(noted_at=noted_at, text=text))
    return publish(article)


def test_corrections_are_shown_at_the_foot_of_the_article_oldest_first(client, newsroom):
    article = correct(
        newsroom.items[0],
        (dt.datetime(2024, 9, 21, 11, 32, tzinfo=dt.UTC), "The vote was on 12 May, not 11 May."),
        (dt.datetime(2024, 9, 20, 16, 5, tzinfo=dt.UTC), "The minister's name is spelt Ivanenko."),
    )
    page = visible_parts(client.get(article.url).content)
    section = page.select_one("article section.corrections")
    assert section.h2.get_text() == "Corrections"
    assert section["aria-labelledby"] == section.h2["id"]
    notes = [(li.time.get_text(), li.get_text()) for li in section.select("ol > li")]
    assert notes == [
        (
            "20 September 2024, 19:05",
            "20 September 2024, 19:05: The minister's name is spelt Ivanenko.",
        ),
        (
            "21 September 2024, 14:32",
            "21 September 2024, 14:32: The vote was on 12 May, not 11 May.",
        ),
    ]
    # After the body, before the credits.
    order = [child.name for child in page.find("article").find_all(recursive=False)]
    assert order.index("section") == order.index("div") + 1


def test_an_article_without_corrections_shows_none(client, newsroom):
    assert visible_parts(client.get(newsroom.items[0].url).content).select(".corrections") == []


def test_a_correction_in_a_draft_is_not_shown_until_published(client, newsroom):
    from masthead.articles.models import Correction

    article = newsroom.items[0]
    article.corrections.add(Correction(noted_at=article.published_at, text="Not yet."))
    article.save_revision()
    assert visible_parts(client.get(article.url).content).select(".corrections") == []
    article.get_latest_revision().publish()
    assert len(visible_parts(client.get(article.url).content).select(".corrections li")) == 1


def test_an_article_with_corrections_costs_one_query_more_to_build(
    client, newsroom, django_assert_num_queries
):
    article = newsroom.items[0]
    with override_settings(MASTHEAD_FRAGMENT_CACHE=False):
        client.get(article.url)
        with django_assert_num_queries(6):
            client.get(article.url)
        correct(article, (article.published_at, "A fix."))
        client.get(article.url)
        with django_assert_num_queries(7):
            client.get(article.url)


@pytest.mark.parametrize("cached", [True, False])
def test_article_query_budget_does_not_grow_with_content(
    client, newsroom, django_assert_max_num_queries, cached
):
    """A long body full of quotes, questions and links, many people and tags, and a full feed
    still cost the same few queries."""
    people = [
        (newsroom.guest, "guest", "x"),
        (newsroom.host, "host", ""),
        (newsroom.author, "author", ""),
    ]
    body = []
    for i in range(30):
        body += [
            {"type": "paragraph", "value": f"<p>Paragraph {i}.</p>"},
            {"type": "pull_quote", "value": {"quote": f"Quote {i}", "person": newsroom.guest.pk}},
            {
                "type": "question",
                "value": {"question": f"Question {i}?", "speaker": newsroom.host.pk},
            },
            {"type": "heading", "value": f"Heading {i}"},
            {
                "type": "read_also",
                "value": {"links": [newsroom.news.pk, newsroom.items[i % 12].pk]},
            },
        ]
    add_article(
        newsroom.politics,
        "A long interview",
        dt.datetime(2024, 9, 1, tzinfo=dt.UTC),
        kind="interview",
        people=people,
        tags=[f"tag-{i}" for i in range(15)],
        body=body,
        programme=newsroom.programme,
    )
    with override_settings(MASTHEAD_FRAGMENT_CACHE=cached):
        client.get("/politics/a-long-interview/")  # warm the editions snapshot
        # Cached: the route only (the rendered article, menu and feed come from the cache).
        # Uncached: route, people, read-also pages, tags, the section with the trust policies
        # (the article's structured data), menu, feed.
        with django_assert_max_num_queries(1 if cached else 7):
            response = client.get("/politics/a-long-interview/")
    assert response.status_code == 200
    assert response.content.count(b"pull-quote") == 30


def test_unpublished_article_is_not_found(client, newsroom):
    newsroom.interview.unpublish()
    assert client.get("/politics/the-guest-explains-the-week/").status_code == 404


def test_draft_changes_are_not_shown_until_published(client, newsroom):
    article = ArticlePage.objects.get(pk=newsroom.interview.pk)
    article.title = "A changed headline"
    article.save_revision()
    soup = visible_parts(client.get("/politics/the-guest-explains-the-week/").content)
    assert soup.find("article").h1.get_text() == "The guest explains the week"
    publish(article)
    soup = visible_parts(client.get("/politics/the-guest-explains-the-week/").content)
    assert soup.find("article").h1.get_text() == "A changed headline"


def test_video_url_becomes_an_embedded_player(client, newsroom):
    add_article(
        newsroom.news,
        "With video",
        dt.datetime(2024, 9, 2, tzinfo=dt.UTC),
        video_url="https://youtu.be/abcDEF12345",
        body=[{"type": "video", "value": {"url": "https://vimeo.com/1234567", "caption": "Clip"}}],
    )
    soup = visible_parts(client.get("/news/with-video/").content)
    assert [f["src"] for f in soup.select("iframe")] == [
        "https://www.youtube-nocookie.com/embed/abcDEF12345",
        "https://player.vimeo.com/video/1234567",
    ]


def test_links_inside_paragraphs_cost_one_query_for_the_whole_body(
    client, newsroom, django_assert_num_queries
):
    linked = newsroom.items[:10]
    body = [
        {
            "type": "paragraph",
            "value": f'<p>See <a linktype="page" id="{item.pk}">item {n}</a> and more.</p>',
        }
        for n, item in enumerate(linked * 3)
    ]
    add_article(newsroom.news, "Linked", dt.datetime(2024, 9, 3, tzinfo=dt.UTC), body=body)
    with override_settings(MASTHEAD_FRAGMENT_CACHE=False):
        client.get("/news/linked/")
        # Route, people, tags, linked pages, the section with the trust policies, menu, feed.
        with django_assert_num_queries(7):
            response = client.get("/news/linked/")
    soup = visible_parts(response.content)
    hrefs = [a["href"] for a in soup.select(".article-body a")]
    assert hrefs == [f"/news/{item.slug}/" for item in linked * 3]


def article_h1_and_credits(client) -> tuple[str, str]:
    soup = visible_parts(client.get("/politics/the-guest-explains-the-week/").content)
    return soup.find("article").h1.get_text(), soup.select_one(".credits").get_text()


def test_rendered_article_follows_every_change_it_shows(client, newsroom):
    assert article_h1_and_credits(client)[0] == "The guest explains the week"
    newsroom.guest.name = "Taras Renamed"
    newsroom.guest.save()
    assert "Taras Renamed" in article_h1_and_credits(client)[1]
    newsroom.programme.title = "Morning Studio"
    newsroom.programme.save()
    assert "Morning Studio" in article_h1_and_credits(client)[1]
    article = ArticlePage.objects.get(pk=newsroom.interview.pk)
    article.title = "A republished headline"
    publish(article)
    assert article_h1_and_credits(client)[0] == "A republished headline"
    news = newsroom.news
    news.title = "Headlines"
    publish(news)
    soup = visible_parts(client.get("/politics/the-guest-explains-the-week/").content)
    assert soup.select_one(".read-also a").get_text() == "Headlines"
