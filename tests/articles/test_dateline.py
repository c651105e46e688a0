import datetime as dt
from zoneinfo import ZoneInfo

from masthead.articles.dateline import dateline, day_header, updated_line

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


def test_an_update_on_the_day_of_publishing_gives_its_time_on_the_edition_clock():
    published = dt.datetime(2024, 9, 20, 6, 0, tzinfo=dt.UTC)
    updated = dt.datetime(2024, 9, 20, 11, 32, tzinfo=dt.UTC)  # 14:32 in Kyiv
    assert updated_line(updated, published, KYIV, "en") == "14:32"


def test_an_update_on_a_later_day_gives_its_day_and_time():
    published = dt.datetime(2024, 9, 20, 6, 0, tzinfo=dt.UTC)
    # 22:10 UTC on the 20th is already the 21st in Kyiv.
    updated = dt.datetime(2024, 9, 20, 22, 10, tzinfo=dt.UTC)
    assert updated_line(updated, published, KYIV, "en") == "21 September, 01:10"
    assert updated_line(updated, published, KYIV, "uk") == "21 вересня, 01:10"
