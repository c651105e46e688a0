"""Horizons read from a forecast's words (masthead/forecasts/horizons.py), relative to the day
the article was published."""

from __future__ import annotations

import datetime as dt

import pytest

from masthead.forecasts.horizons import Horizon, add_months, find_horizons, read_horizon

DAY = dt.date(2026, 3, 15)  # a Sunday in spring


@pytest.mark.parametrize(
    ("phrase", "kind", "earliest", "latest"),
    [
        # Issue 19: "next year" becomes the end of the next calendar year.
        ("next year", "date", None, "2027-12-31"),
        ("by the end of next year", "date", None, "2027-12-31"),
        ("before the end of this year", "date", None, "2026-12-31"),
        ("by the end of the year", "date", None, "2026-12-31"),
        ("by year-end", "date", None, "2026-12-31"),
        ("this year", "date", None, "2026-12-31"),
        ("the year after next", "date", None, "2028-12-31"),
        ("by the end of 2027", "date", None, "2027-12-31"),
        ("by 2030", "date", None, "2030-12-31"),
        ("no later than 2029", "date", None, "2029-12-31"),
        ("before 2030", "date", None, "2029-12-31"),
        ("in 2028", "date", None, "2028-12-31"),
        ("by mid-2027", "date", None, "2027-06-30"),
        ("early next year", "date", None, "2027-04-30"),
        ("in the second half of the year", "date", None, "2026-12-31"),
        ("by the end of the decade", "date", None, "2029-12-31"),
        ("by the end of the century", "date", None, "2099-12-31"),
        ("next month", "date", None, "2026-04-30"),
        ("by the end of the month", "date", None, "2026-03-31"),
        ("next week", "date", None, "2026-03-22"),
        ("tomorrow", "date", None, "2026-03-16"),
        ("by March", "date", None, "2026-03-31"),
        ("by March 2027", "date", None, "2027-03-31"),
        ("in January", "date", None, "2027-01-31"),  # the next January
        ("before October", "date", None, "2026-09-30"),
        # Seasons: northern and meteorological; "this winter" said in March is the coming one.
        ("by spring", "date", None, "2026-05-31"),
        ("by spring 2027", "date", None, "2027-05-31"),
        ("this summer", "date", None, "2026-08-31"),
        ("this winter", "date", None, "2027-02-28"),
        ("before the summer", "date", None, "2026-05-31"),
        ("next spring", "date", None, "2027-05-31"),
        ("in a decade", "date", None, "2036-03-15"),
        ("in two years' time", "date", None, "2028-03-15"),
        ("in a few years", "date", None, "2029-03-15"),
        # Issue 19: "in the coming years" becomes a window.
        ("in the coming years", "window", "2026-03-15", "2031-03-15"),
        ("in the years ahead", "window", "2026-03-15", "2031-03-15"),
        ("in years to come", "window", "2026-03-15", "2031-03-15"),
        ("in the next few years", "window", "2026-03-15", "2031-03-15"),
        ("in the coming months", "window", "2026-03-15", "2027-03-15"),
        ("within months", "window", "2026-03-15", "2027-03-15"),
        ("in the coming weeks", "window", "2026-03-15", "2026-05-10"),
        ("within five years", "window", "2026-03-15", "2031-03-15"),
        ("within 5 years", "window", "2026-03-15", "2031-03-15"),
        ("within a decade", "window", "2026-03-15", "2036-03-15"),
        ("within half a year", "window", "2026-03-15", "2026-09-15"),
        ("within the year", "window", "2026-03-15", "2027-03-15"),
        ("over the next three years", "window", "2026-03-15", "2029-03-15"),
        ("over the next decade", "window", "2026-03-15", "2036-03-15"),
        ("soon", "window", "2026-03-15", "2027-03-15"),
        ("in the long run", "window", "2026-03-15", "2036-03-15"),
        ("sooner or later", "window", "2026-03-15", "2036-03-15"),
    ],
)
def test_each_phrase_is_read_relative_to_the_published_day(
    phrase: str, kind: str, earliest: str | None, latest: str
):
    horizon = read_horizon(phrase, DAY)
    assert horizon == Horizon(
        earliest=dt.date.fromisoformat(earliest) if earliest else None,
        latest=dt.date.fromisoformat(latest),
        text=phrase,
        kind=kind,
    )


def test_in_a_sentence_the_longest_phrase_wins_and_keeps_its_words():
    sentence = "By the end of next year a third of the city's demand will be met from inside it."
    horizon = read_horizon(sentence, dt.date(2023, 5, 28))
    assert horizon == Horizon(None, dt.date(2024, 12, 31), "By the end of next year", "date")


def test_every_phrase_of_a_sentence_is_found_in_order():
    found = find_horizons(
        "Next year the line opens, and within five years it reaches the port.", DAY
    )
    assert [(h.text, h.kind) for _, _, h in found] == [
        ("Next year", "date"),
        ("within five years", "window"),
    ]


@pytest.mark.parametrize(
    "sentence",
    [
        "The worst drought in years.",
        "The plant produces four hundred megawatts.",
        "He spoke for hours.",
    ],
)
def test_no_time_phrase_no_horizon(sentence: str):
    assert read_horizon(sentence, DAY) is None


def test_seasons_follow_the_published_day():
    assert read_horizon("this winter", dt.date(2026, 1, 10)).latest == dt.date(2026, 2, 28)
    assert read_horizon("next winter", dt.date(2026, 1, 10)).latest == dt.date(2027, 2, 28)
    assert read_horizon("this winter", dt.date(2027, 12, 1)).latest == dt.date(2028, 2, 29)


def test_months_are_added_without_overflowing():
    assert add_months(dt.date(2026, 1, 31), 1) == dt.date(2026, 2, 28)
    assert add_months(dt.date(2024, 2, 29), 12) == dt.date(2025, 2, 28)
    assert read_horizon("within a year", dt.date(2024, 2, 29)).latest == dt.date(2025, 2, 28)
