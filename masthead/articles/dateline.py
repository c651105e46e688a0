"""Dates as the newsroom prints them, in the edition's language and time zone."""

import datetime as dt
from zoneinfo import ZoneInfo

from django.utils import dateformat, timezone, translation

# "28 May, 2023 Sunday". E is the month's form used after a day number (genitive in Ukrainian).
DATELINE_FORMAT = "j E, Y l"
# A day of the news feed is headed "2024, Friday" over "20 September".
DAY_HEADER_YEAR_FORMAT = "Y, l"
DAY_HEADER_DATE_FORMAT = "j E"
# "Updated 14:32" on the day of publishing; "Updated 21 September, 14:32" on a later day.
UPDATED_TIME_FORMAT = "H:i"
UPDATED_DAY_FORMAT = "j E, H:i"
# A correction's time: "21 September 2024, 14:32".
CORRECTION_FORMAT = "j E Y, H:i"


def local_datetime(moment: dt.datetime, time_zone: ZoneInfo) -> dt.datetime:
    return timezone.localtime(moment, time_zone)


def dateline(moment: dt.datetime, time_zone: ZoneInfo, language: str) -> str:
    """``28 May, 2023 Sunday`` for an aware datetime, on the edition's clock."""
    with translation.override(language):
        return dateformat.format(local_datetime(moment, time_zone), DATELINE_FORMAT)


def updated_line(
    updated: dt.datetime, published: dt.datetime, time_zone: ZoneInfo, language: str
) -> str:
    """When a substantive update was made, on the edition's clock: its time alone when it fell
    on the day of publishing, its day and time when later."""
    when = local_datetime(updated, time_zone)
    same_day = when.date() == local_datetime(published, time_zone).date()
    with translation.override(language):
        return dateformat.format(when, UPDATED_TIME_FORMAT if same_day else UPDATED_DAY_FORMAT)


def correction_time(moment: dt.datetime, time_zone: ZoneInfo, language: str) -> str:
    """``21 September 2024, 14:32``: when a correction was made, on the edition's clock."""
    with translation.override(language):
        return dateformat.format(local_datetime(moment, time_zone), CORRECTION_FORMAT)


def day_header(day: dt.date, language: str) -> tuple[str, str]:
    """``("2024, Friday", "20 September")`` for a day of the feed."""
    with translation.override(language):
        return (
            dateformat.format(day, DAY_HEADER_YEAR_FORMAT),
            dateformat.format(day, DAY_HEADER_DATE_FORMAT),
        )
