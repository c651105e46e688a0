"""The news feed's grouping by publication day, on the edition's clock."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from masthead.articles.dateline import day_header, local_datetime


@dataclass(frozen=True)
class FeedItem:
    article_id: int
    title: str
    url: str
    published_at: dt.datetime
    kind: str
    # On the edition's clock, formatted once here rather than by template filters per item.
    local_time: str = ""  # "18:00"
    local_iso: str = ""  # "2024-09-20T18:00:00+03:00"


@dataclass(frozen=True)
class FeedDay:
    day: dt.date
    year_weekday: str  # "2024, Friday"
    day_month: str  # "20 September"
    items: list[FeedItem]


def news_feed_by_day(
    items: Iterable[FeedItem], time_zone: ZoneInfo, language: str
) -> list[FeedDay]:
    """Consecutive items (newest first) gathered under the local day they were published."""
    days: list[FeedDay] = []
    for item in items:
        day = local_datetime(item.published_at, time_zone).date()
        if not days or days[-1].day != day:
            year_weekday, day_month = day_header(day, language)
            days.append(FeedDay(day, year_weekday, day_month, []))
        days[-1].items.append(item)
    return days
