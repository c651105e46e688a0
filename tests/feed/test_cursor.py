import datetime as dt

import pytest
from django.core.exceptions import BadRequest

from masthead.feed.cursor import Cursor


def test_cursor_round_trips_through_its_text():
    cursor = Cursor(dt.datetime(2024, 9, 20, 15, 0, 0, 123456, tzinfo=dt.UTC), 42)
    assert str(cursor) == "20240920T150000.123456Z-42"
    assert Cursor.parse(str(cursor)) == cursor


def test_cursor_text_is_in_utc_whatever_the_zone():
    kyiv = dt.timezone(dt.timedelta(hours=3))
    cursor = Cursor(dt.datetime(2024, 9, 20, 18, 0, tzinfo=kyiv), 7)
    assert str(cursor) == "20240920T150000.000000Z-7"


@pytest.mark.parametrize(
    "text",
    ["", "bad", "20240920T150000Z-1", "20241320T150000.000000Z-1", "20240920T150000.000000Z-x"],
)
def test_malformed_cursors_are_a_bad_request(text):
    with pytest.raises(BadRequest):
        Cursor.parse(text)
