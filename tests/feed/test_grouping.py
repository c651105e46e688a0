import datetime as dt
from zoneinfo import ZoneInfo

from masthead.feed.grouping import FeedItem, news_feed_by_day

KYIV = ZoneInfo("Europe/Kyiv")


def item(n: int, moment: dt.datetime) -> FeedItem:
    return FeedItem(n, f"Headline {n}", f"/news/{n}/", moment, "news")


def test_items_are_grouped_under_their_local_day_in_order():
    items = [
        item(1, dt.datetime(2024, 9, 20, 15, 0, tzinfo=dt.UTC)),
        item(2, dt.datetime(2024, 9, 19, 21, 30, tzinfo=dt.UTC)),  # 00:30 on the 20th in Kyiv
        item(3, dt.datetime(2024, 9, 19, 20, 59, tzinfo=dt.UTC)),  # 23:59 on the 19th in Kyiv
        item(4, dt.datetime(2024, 9, 19, 6, 0, tzinfo=dt.UTC)),
    ]
    days = news_feed_by_day(items, KYIV, "en")
    assert [(d.year_weekday, d.day_month) for d in days] == [
        ("2024, Friday", "20 September"),
        ("2024, Thursday", "19 September"),
    ]
    assert [[i.article_id for i in d.items] for d in days] == [[1, 2], [3, 4]]


def test_no_items_no_days():
    assert news_feed_by_day([], KYIV, "en") == []
