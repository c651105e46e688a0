"""When a forecast says it will be true, read from its words relative to the article's date.

Pure rules, no models. Each rule is one entry of ``RULES``: a named regular expression and a
function from its match and the published date to a ``Horizon``. ``find_horizons`` returns every
phrase found, longest first where phrases overlap (so "by the end of next year" wins over "next
year"); ``read_horizon`` returns the first of them in the text.

Readings, chosen once here and documented in docs/forecasts.md:

- "by X" and "before the end of X" read to the last day of X ("by March" is 31 March); "before X"
  reads to the day before X begins.
- A named period on its own ("next year", "in 2030", "this winter") is a *date*: the last day of
  that period, as issue 19 asks ("next year" becomes the end of the next calendar year).
- "within N years", "over the next N years", "in the coming years", "soon" are *windows* from the
  published date. Vague spans get fixed lengths: coming years 5 years, coming months 12 months,
  coming weeks 8 weeks, coming days 14 days, coming decades 30 years, soon 1 year, the short
  term 1 year, the medium term 5 years, the long term and "eventually" 10 years.
- Seasons are the northern meteorological ones (spring March to May, summer June to August, autumn
  September to November, winter December to February); "this winter" said in May is the coming one.
- "in N years" (no "within") is a date: published plus N years.
- A decade ends on 31 December of its year ending in 9 ("by the end of the decade" in 2026 is
  2029-12-31).
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

Kind = Literal["date", "window"]


@dataclass(frozen=True)
class Horizon:
    """``latest`` is the day by which the forecast can be checked; ``earliest`` is where a window
    opens (None for a date)."""

    earliest: dt.date | None
    latest: dt.date
    text: str
    kind: Kind


# --- date arithmetic, without dependencies ---------------------------------------------------


def end_of_month(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def add_months(day: dt.date, months: int) -> dt.date:
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    month += 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def add_days(day: dt.date, days: int) -> dt.date:
    return day + dt.timedelta(days=days)


def end_of_year(year: int) -> dt.date:
    return dt.date(year, 12, 31)


# --- words for numbers -------------------------------------------------------------------------

NUMBER_WORDS: dict[str, int] = {
    "a": 1,
    "an": 1,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "fifteen": 15,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "a couple of": 2,
    "a few": 3,
    "several": 5,
    "a dozen": 12,
    "half a": 0,
}
_NUMBER = (
    r"(?P<n>\d{1,3}|a couple of|a few|a dozen|half a|"
    + "|".join(sorted((w for w in NUMBER_WORDS if " " not in w), key=len, reverse=True))
    + ")"
)
_UNIT = r"(?P<unit>years?|months?|weeks?|days?|decades?)"


def number(text: str) -> int:
    text = text.lower()
    return int(text) if text.isdigit() else NUMBER_WORDS[text]


def add_span(day: dt.date, n: int, unit: str, *, half: bool = False) -> dt.date:
    """``day`` plus n units; ``half`` for "half a year" and the like."""
    unit = unit.lower().rstrip("s")
    if half:
        return {
            "year": lambda: add_months(day, 6),
            "month": lambda: add_days(day, 15),
            "decade": lambda: add_months(day, 60),
            "week": lambda: add_days(day, 3),
            "day": lambda: day,
        }[unit]()
    if unit == "decade":
        return add_months(day, 120 * n)
    if unit == "year":
        return add_months(day, 12 * n)
    if unit == "month":
        return add_months(day, n)
    if unit == "week":
        return add_days(day, 7 * n)
    return add_days(day, n)


# --- months and seasons ------------------------------------------------------------------------

MONTHS = {name.lower(): i for i, name in enumerate(calendar.month_name) if name}
_MONTH = r"(?P<month>" + "|".join(MONTHS) + r")"

# Northern meteorological seasons: (first month, last month); winter runs over the year's end.
SEASONS = {
    "spring": (3, 5),
    "summer": (6, 8),
    "autumn": (9, 11),
    "fall": (9, 11),
    "winter": (12, 2),
}
_SEASON = r"(?P<season>spring|summer|autumn|fall|winter)"


def season_bounds(
    season: str, published: dt.date, *, following: bool = False
) -> tuple[dt.date, dt.date]:
    """The first and last day of the season's current or next occurrence (the one that has not
    ended by ``published``); ``following`` for "next winter": the occurrence after that one."""
    first, last = SEASONS[season.lower()]
    for year in range(published.year - 1, published.year + 3):
        start = dt.date(year, first, 1)
        end = end_of_month(year + 1 if last < first else year, last)
        if end >= published:
            if following and start <= published:
                continue
            return start, end
    raise AssertionError("unreachable")


def next_month_named(month: int, published: dt.date) -> int:
    """The year of the first month named ``month`` that has not ended by ``published``."""
    return published.year if month >= published.month else published.year + 1


# --- the rules ---------------------------------------------------------------------------------

Reader = Callable[[re.Match[str], dt.date], Horizon | None]


@dataclass(frozen=True)
class Rule:
    name: str
    pattern: re.Pattern[str]
    read: Reader


def date(latest: dt.date, match: re.Match[str]) -> Horizon:
    return Horizon(None, latest, match.group(0), "date")


def window(earliest: dt.date, latest: dt.date, match: re.Match[str]) -> Horizon:
    return Horizon(earliest, latest, match.group(0), "window")


def _year(match: re.Match[str]) -> int:
    return int(match.group("year"))


def _relative_year(word: str, published: dt.date) -> int:
    """'this' / 'next' / 'the year after next' / a four-digit year."""
    word = word.lower()
    if word.isdigit():
        return int(word)
    return published.year + {"this": 0, "the": 0, "next": 1, "the following": 1}.get(word, 2)


# Vague spans read as windows from the published date (see the module's docstring).
COMING = {
    "years": (5, "year"),
    "months": (12, "month"),
    "weeks": (8, "week"),
    "days": (14, "day"),
    "decades": (30, "year"),
    "year": (1, "year"),
    "month": (1, "month"),
    "decade": (10, "year"),
}
VAGUE = {
    "soon": (1, "year"),
    "shortly": (6, "month"),
    "before long": (1, "year"),
    "in the short term": (1, "year"),
    "in the near term": (1, "year"),
    "in the near future": (2, "year"),
    "in the medium term": (5, "year"),
    "in the long term": (10, "year"),
    "in the long run": (10, "year"),
    "sooner or later": (10, "year"),
    "eventually": (10, "year"),
    "one day": (10, "year"),
    "any day now": (1, "month"),
    "in the future": (10, "year"),
}


def _coming(match: re.Match[str], published: dt.date) -> Horizon:
    n, unit = COMING[match.group("span").lower()]
    return window(published, add_span(published, n, unit), match)


def _vague(match: re.Match[str], published: dt.date) -> Horizon:
    n, unit = VAGUE[re.sub(r"\s+", " ", match.group(0).lower())]
    return window(published, add_span(published, n, unit), match)


def _within(match: re.Match[str], published: dt.date) -> Horizon:
    """'within five years', 'over the next two years', 'in the next few months'."""
    n_text = (match.group("n") or "one").lower()
    half = n_text == "half a"
    n = 1 if half else number(n_text) if match.group("n") else 1
    return window(published, add_span(published, n, match.group("unit"), half=half), match)


def _in_span(match: re.Match[str], published: dt.date) -> Horizon:
    """'in five years', 'in two years' time', 'in a decade'."""
    n_text = match.group("n").lower()
    half = n_text == "half a"
    return date(
        add_span(published, 1 if half else number(n_text), match.group("unit"), half=half), match
    )


def _end_of_year(match: re.Match[str], published: dt.date) -> Horizon:
    return date(end_of_year(_relative_year(match.group("which"), published)), match)


def _by_year(match: re.Match[str], published: dt.date) -> Horizon:
    return date(end_of_year(_year(match)), match)


def _before_year(match: re.Match[str], published: dt.date) -> Horizon:
    return date(end_of_year(_year(match) - 1), match)


def _in_year(match: re.Match[str], published: dt.date) -> Horizon:
    return date(end_of_year(_year(match)), match)


def _part_of_year(match: re.Match[str], published: dt.date) -> Horizon:
    """'by mid-2027', 'early next year', 'the middle of this year', 'late 2028'."""
    year = _relative_year(match.group("which"), published)
    part = match.group("part").lower()
    month = 4 if part == "early" else 6 if part.startswith("mid") or part == "the middle of" else 12
    if part.startswith("the first half"):
        month = 6
    return date(end_of_month(year, month), match)


def _decade_end(match: re.Match[str], published: dt.date) -> Horizon:
    which = match.group("which").lower()
    start = published.year - published.year % 10 + (10 if "next" in which else 0)
    return date(end_of_year(start + 9), match)


def _next_decade(match: re.Match[str], published: dt.date) -> Horizon:
    start = published.year - published.year % 10 + 10
    return window(dt.date(start, 1, 1), end_of_year(start + 9), match)


def _century_end(match: re.Match[str], published: dt.date) -> Horizon:
    return date(end_of_year(published.year - published.year % 100 + 99), match)


def _month(match: re.Match[str], published: dt.date) -> Horizon:
    month = MONTHS[match.group("month").lower()]
    year = int(match.group("year")) if match.group("year") else next_month_named(month, published)
    if match.group("before"):
        first = dt.date(year, month, 1)
        return date(first - dt.timedelta(days=1), match)
    return date(end_of_month(year, month), match)


def _relative_month(match: re.Match[str], published: dt.date) -> Horizon:
    shift = 1 if match.group("which").lower() == "next" else 0
    first = add_months(published.replace(day=1), shift)
    return date(end_of_month(first.year, first.month), match)


def _month_end(match: re.Match[str], published: dt.date) -> Horizon:
    first = add_months(published.replace(day=1), 1 if match.group("which") else 0)
    return date(end_of_month(first.year, first.month), match)


def _relative_week(match: re.Match[str], published: dt.date) -> Horizon:
    shift = 7 if match.group("which").lower() == "next" else 0
    sunday = add_days(published, 6 - published.weekday() + shift)
    return date(sunday, match)


def _season(match: re.Match[str], published: dt.date) -> Horizon:
    following = (match.group("which") or "").lower() == "next"
    if match.group("year"):  # "spring 2027": that year's (winter 2027 is the one it begins)
        start, end = season_bounds(match.group("season"), dt.date(int(match.group("year")), 1, 1))
        if match.group("season").lower() == "winter":
            start, end = season_bounds("winter", dt.date(int(match.group("year")), 3, 1))
    else:
        start, end = season_bounds(match.group("season"), published, following=following)
    if match.group("before"):
        return date(start - dt.timedelta(days=1), match)
    return date(end, match)


def _tomorrow(match: re.Match[str], published: dt.date) -> Horizon:
    return date(add_days(published, 1), match)


def _year_after_next(match: re.Match[str], published: dt.date) -> Horizon:
    return date(end_of_year(published.year + 2), match)


_I = re.IGNORECASE
_YEAR = r"(?P<year>(?:19|20|21)\d\d)"
_END = r"(?:by|before|until|till|at|towards?|around)\s+the\s+end\s+of|by\s+the\s+close\s+of"

RULES: tuple[Rule, ...] = (
    # "by the end of next year", "before the end of this year", "by the end of 2027", "by year-end"
    Rule(
        "end of a year",
        re.compile(
            rf"\b(?:{_END})\s+(?:the\s+)?(?P<which>this|next|the\s+following|\d{{4}})\s+year\b|"
            rf"\b(?:{_END})\s+(?P<which2>\d{{4}})\b",
            _I,
        ),
        lambda m, p: date(end_of_year(_relative_year(m.group("which") or m.group("which2"), p)), m),
    ),
    Rule(
        "end of the year",
        re.compile(rf"\b(?:{_END})\s+the\s+year\b|\bby\s+(?:the\s+)?year[- ]end\b", _I),
        lambda m, p: date(end_of_year(p.year), m),
    ),
    # "by the end of the decade", "by the end of the next decade"
    Rule(
        "end of a decade",
        re.compile(rf"\b(?:{_END})\s+(?P<which>the|this|next|the\s+next)\s+decade\b", _I),
        _decade_end,
    ),
    Rule(
        "end of the century",
        re.compile(rf"\b(?:{_END})\s+(?:the|this)\s+century\b", _I),
        _century_end,
    ),
    # "by the end of the month", "by the end of next month"
    Rule(
        "end of a month",
        re.compile(rf"\b(?:{_END})\s+(?:the\s+|this\s+)?(?P<which>next\s+)?month\b", _I),
        _month_end,
    ),
    # "the year after next"
    Rule("year after next", re.compile(r"\bthe\s+year\s+after\s+next\b", _I), _year_after_next),
    # "by mid-2027", "early next year", "by the middle of next year", "late 2028"
    Rule(
        "part of a year",
        re.compile(
            r"\b(?:(?:by|before|until|in)\s+)?(?P<part>early|mid|mid-|late|the\s+middle\s+of|the\s+first\s+half\s+of)[\s-]*"
            r"(?P<which>this|next|\d{4})(?:\s+year)?\b",
            _I,
        ),
        _part_of_year,
    ),
    # "in the second half of the year", "the first half of next year"
    Rule(
        "half of a year",
        re.compile(
            r"\b(?:in|by|during)?\s*the\s+(?P<half>first|second)\s+half\s+of\s+(?:the\s+)?(?P<which>this|next|\d{4})?\s*(?:year)?\b",
            _I,
        ),
        lambda m, p: date(
            end_of_month(
                _relative_year(m.group("which") or "this", p),
                6 if m.group("half").lower() == "first" else 12,
            ),
            m,
        ),
    ),
    # "next year", "this year", "within the year"
    Rule(
        "named year",
        re.compile(r"\b(?P<which>this|next)\s+year\b", _I),
        lambda m, p: date(end_of_year(_relative_year(m.group("which"), p)), m),
    ),
    Rule(
        "within the year",
        re.compile(r"\bwithin\s+the\s+(?:next\s+)?year\b", _I),
        lambda m, p: window(p, add_span(p, 1, "year"), m),
    ),
    # "next decade", "in the next decade" as a period (not "over the next decade", a window)
    Rule(
        "next decade",
        re.compile(r"(?<!over )(?<!within )\b(?:in\s+)?the\s+next\s+decade\b(?!\s+or)", _I),
        lambda m, p: window(p, add_span(p, 10, "year"), m),
    ),
    # "by 2030", "by the year 2030", "no later than 2030"
    Rule(
        "by a year",
        re.compile(rf"\b(?:by|no\s+later\s+than|until|till)\s+(?:the\s+year\s+)?{_YEAR}\b", _I),
        _by_year,
    ),
    Rule("before a year", re.compile(rf"\bbefore\s+(?:the\s+year\s+)?{_YEAR}\b", _I), _before_year),
    # "in 2030", "during 2028"
    Rule(
        "in a year",
        re.compile(rf"\b(?:in|during|throughout)\s+(?:the\s+year\s+)?{_YEAR}\b", _I),
        _in_year,
    ),
    # "within five years", "within a decade", "over the next two years", "in the next few months"
    Rule(
        "within a span",
        re.compile(
            rf"\b(?:within|inside|in\s+less\s+than|over|in|during)\s+(?:the\s+)?(?:next|coming)?\s*"
            rf"(?:{_NUMBER}\s+)?(?:more\s+)?{_UNIT}(?:'s?\s+time)?\b",
            _I,
        ),
        lambda m, p: _within_or_in(m, p),
    ),
    # "in the coming years", "in the years ahead", "in the coming months"
    Rule(
        "coming span",
        re.compile(
            r"\b(?:in|over|during|within)\s+the\s+(?:coming|next\s+few|next\s+several|following)\s+"
            r"(?P<span>years|months|weeks|days|decades)\b|"
            r"\b(?:in|over)\s+(?:the\s+)?(?P<span2>years|months|weeks|days|decades)\s+(?:ahead|to\s+come)\b|"
            r"\bwithin\s+(?P<span3>years|months|weeks|days|decades)\b",
            _I,
        ),
        lambda m, p: _coming_any(m, p),
    ),
    Rule(
        "next decade period",
        re.compile(r"\bthe\s+(?:coming|next)\s+decade\b", _I),
        lambda m, p: window(p, add_span(p, 10, "year"), m),
    ),
    # "by March", "by March 2027", "in June", "before October"
    Rule(
        "a month",
        re.compile(
            rf"\b(?:(?P<before>before)|by|in|until|till|from|during)\s+(?:early\s+|mid-?|late\s+)?{_MONTH}(?:\s+{_YEAR})?\b",
            _I,
        ),
        _month,
    ),
    Rule("relative month", re.compile(r"\b(?P<which>this|next)\s+month\b", _I), _relative_month),
    Rule("relative week", re.compile(r"\b(?P<which>this|next)\s+week\b", _I), _relative_week),
    # "by spring", "this winter", "next summer", "before the winter"
    Rule(
        "a season",
        re.compile(
            rf"\b(?:(?P<before>before|until|till)\s+(?:the\s+)?|by\s+(?:the\s+)?|in\s+the\s+|(?P<which>this|next)\s+|(?:over|during)\s+the\s+)"
            rf"{_SEASON}(?:\s+{_YEAR})?\b",
            _I,
        ),
        _season,
    ),
    Rule("tomorrow", re.compile(r"\btomorrow\b", _I), _tomorrow),
    # "soon", "in the long run", "eventually"
    Rule(
        "vague",
        re.compile(
            r"\b(?:"
            + "|".join(
                re.escape(k).replace(r"\ ", r"\s+") for k in sorted(VAGUE, key=len, reverse=True)
            )
            + r")\b",
            _I,
        ),
        _vague,
    ),
)


def _within_or_in(match: re.Match[str], published: dt.date) -> Horizon | None:
    """'in five years' is a date; 'within / over the next / in the next five years' a window.
    'in years' with no number and no 'next' is not a horizon ("the worst in years")."""
    text = match.group(0).lower()
    windowed = re.match(r"(within|inside|in\s+less\s+than|over|during)\b", text) or re.search(
        r"\b(next|coming)\b", text
    )
    if match.group("n") is None and (
        not re.search(r"\b(next|coming)\b", text) or match.group("unit").lower().endswith("s")
    ):
        return None  # "in years"; "in the coming years" is the rule "coming span"
    if windowed:
        return _within(match, published)
    return _in_span(match, published)


def _coming_any(match: re.Match[str], published: dt.date) -> Horizon:
    span = (match.group("span") or match.group("span2") or match.group("span3")).lower()
    n, unit = COMING[span]
    return window(published, add_span(published, n, unit), match)


def find_horizons(text: str, published: dt.date) -> list[tuple[int, int, Horizon]]:
    """Every time phrase in ``text`` as (start, end, horizon), in text order; where two overlap
    the longer is kept."""
    found: list[tuple[int, int, Horizon]] = []
    for rule in RULES:
        for match in rule.pattern.finditer(text):
            horizon = rule.read(match, published)
            if horizon is not None:
                found.append((match.start(), match.end(), horizon))
    found.sort(key=lambda f: (-(f[1] - f[0]), f[0]))
    kept: list[tuple[int, int, Horizon]] = []
    for start, end, horizon in found:
        if all(end <= s or start >= e for s, e, _ in kept):
            kept.append((start, end, horizon))
    return sorted(kept, key=lambda f: f[0])


def read_horizon(phrase_or_sentence: str, published: dt.date) -> Horizon | None:
    """The first time phrase of the text read relative to ``published``, or None."""
    found = find_horizons(phrase_or_sentence, published)
    return found[0][2] if found else None
