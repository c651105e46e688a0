from bs4 import BeautifulSoup
from django.core.cache import cache
from django.test import override_settings
from wagtail.images.models import Image
from wagtail.images.tests.utils import get_test_image_file

from masthead.frontpage.models import FrontPage, TopStory


def stories(client) -> list[str]:
    soup = BeautifulSoup(client.get("/").content, "html.parser")
    return [a.get_text() for a in soup.select(".stories h3 a")]


def test_without_picks_the_newest_interviews_lead(client, newsroom):
    assert stories(client) == ["The guest explains the week"]


def test_editors_picks_in_their_order_and_only_live_ones(client, newsroom):
    front = FrontPage.objects.get()
    for order, article in enumerate([newsroom.items[2], newsroom.interview, newsroom.items[5]]):
        TopStory.objects.create(page=front, article=article, sort_order=order)
    front.save_revision().publish()  # as an editor does, with the picks in the page's panel
    assert stories(client) == [
        "News item number 2",
        "The guest explains the week",
        "News item number 5",
    ]
    newsroom.items[5].unpublish()
    assert stories(client) == ["News item number 2", "The guest explains the week"]


def test_slots_the_editors_left_empty_are_filled_by_the_newest_features(client, newsroom):
    import datetime as dt

    from tests.conftest import NOW, add_article

    analysis = add_article(newsroom.news, "A fresh analysis", NOW, kind="analysis")
    front = FrontPage.objects.get()
    TopStory.objects.create(page=front, article=newsroom.items[3], sort_order=0)
    front.save_revision().publish()
    # The pick first, then the newest features the editors did not pick.
    assert stories(client) == [
        "News item number 3",
        "A fresh analysis",
        "The guest explains the week",
    ]
    # A feature published later takes an empty slot on the next request.
    add_article(newsroom.news, "A new column", NOW + dt.timedelta(hours=1), kind="opinion")
    assert stories(client)[:2] == ["News item number 3", "A new column"]
    assert analysis.pk


def test_a_new_feature_emits_the_front_page_only_while_a_slot_is_empty(newsroom):
    import datetime as dt

    from masthead.frontpage.queries import TOP_STORIES
    from tests.conftest import NOW, add_article
    from tests.emitted import recording

    front = FrontPage.objects.get()
    with recording() as emitted:
        add_article(newsroom.news, "Feature one", NOW, kind="analysis")
        assert f"front-page-{front.pk}" in emitted
        for order, article in enumerate(newsroom.items[:TOP_STORIES]):
            TopStory.objects.create(page=front, article=article, sort_order=order)
        emitted.clear()
        add_article(newsroom.news, "Feature two", NOW + dt.timedelta(minutes=1), kind="analysis")
        assert f"front-page-{front.pk}" not in emitted
        newsroom.items[0].unpublish()  # a pick gone: its slot is empty again
        emitted.clear()
        add_article(newsroom.news, "Feature three", NOW + dt.timedelta(minutes=2), kind="analysis")
        assert f"front-page-{front.pk}" in emitted


def test_front_page_shows_the_feed_and_keeps_its_budget(
    built_pages, client, newsroom, django_assert_num_queries
):
    front = FrontPage.objects.get()
    for order, article in enumerate(newsroom.items[:7]):
        article.main_image = Image.objects.create(
            title=f"Picture {order}", file=get_test_image_file(size=(1300, 800))
        )
        article.save_revision().publish()
        TopStory.objects.create(page=front, article=article, sort_order=order)
    front.save_revision().publish()
    with override_settings(MASTHEAD_FRAGMENT_CACHE=False):
        cache.clear()
        client.get("/")  # the editions snapshot and the trust policies (kept: edition settings)
        # The route, top stories, their renditions, the menu, the feed.
        with django_assert_num_queries(5):
            response = client.get("/")
    client.get("/")
    with django_assert_num_queries(1):  # the route; top stories, menu and feed are cached
        assert client.get("/").content == response.content
    soup = BeautifulSoup(response.content, "html.parser")
    assert soup.select_one(".latest-news .more-news a")["href"] == "/latest/"
    assert len(soup.select(".stories img")) == len(soup.find_all("img")) == 7
