import datetime as dt
from zoneinfo import ZoneInfo

from masthead.articles.dateline import dateline, day_header

KYIV = ZoneInfo("Europe/Kyiv")


def test_dateline_in_the_seed_format():
    moment = dt.datetime(2023, 5, 28, 9, 0, tzinfo=dt.UTC)
    assert dateline(moment, KYIV, "en") == "28 May, 2023 Sunday"


def test_dateline_uses_the_edition_clock_not_utc():
    # 22:30 UTC on Saturday is already Sunday in Kyiv.
    moment = dt.datetime(2023, 5, 27, 22, 30, tzinfo=dt.UTC)
    assert dateline(moment, KYIV, "en") == "28 May, 2023 Sunday"
    assert dateline(moment, ZoneInfo("UTC"), "en") == "27 May, 2023 Saturday"


def test_dateline_in_ukrainian_uses_the_genitive_month():
    moment = dt.datetime(2023, 5, 28, 9, 0, tzinfo=dt.UTC)
    assert dateline(moment, KYIV, "uk") == "28 травня, 2023 Неділя"


def test_day_header_in_the_seed_format():
    assert day_header(dt.date(2024, 9, 20), "en") == ("2024, Friday", "20 September")
    assert day_header(dt.date(2024, 9, 19), "en") == ("2024, Thursday", "19 September")
