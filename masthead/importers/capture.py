"""The page-capture format: the plain text a browser's "copy all text" gives of an article page.

A capture reads, top to bottom::

    <Outlet>. Global                     brand of the edition (line 1)
                                         one blank line
    <headline>                           line 3
                                         one blank line
    28 May, 2023 Sunday                  dateline (line 5)
                                         one blank line
    <lead>                               line 7: guest, credentials, programme, host
                                         two blank lines: the body starts
    <paragraph>                          paragraphs, one line each, one blank line apart;
    “<pull quote>”                       a paragraph in curly quotes is a pull quote;
    <question>                           one followed by two or more blank lines is the
                                         host's question
    Read also:
      • News                             sections the article links to
    2024, Friday                         the latest-news feed: a day header in two lines,
    20 September                         then that day's headlines, newest first
    <headline>
    …
    More news

A paragraph in curly quotes is a pull quote even when two blank lines follow it.

This module only parses: it turns the text into a ``Capture`` or raises ``CaptureError`` naming
the line and what was expected there. Writing a capture into the site is ``publish.py``'s job.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from enum import StrEnum

BRAND_LINE = 1
HEADLINE_LINE = 3
DATELINE_LINE = 5
LEAD_LINE = 7

_DATELINE_EXPECTED = 'the dateline like "28 May, 2023 Sunday"'

READ_ALSO = "Read also:"
MORE_NEWS = "More news"
_DAY_HEADER_EXPECTED = f'a day header like "2024, Friday" or "{MORE_NEWS}"'

# The English edition's names; datetime's own names follow the process locale, so they are spelt
# out here.
MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")

_MONTH = "|".join(MONTHS)
_WEEKDAY = "|".join(WEEKDAYS)
_DATELINE = re.compile(rf"^(\d{{1,2}}) ({_MONTH}), (\d{{4}}) ({_WEEKDAY})$")
_DAY_HEADER_YEAR = re.compile(rf"^(\d{{4}}), ({_WEEKDAY})$")
_DAY_HEADER_DATE = re.compile(rf"^(\d{{1,2}}) ({_MONTH})$")
_READ_ALSO_ITEM = re.compile(r"^\s*[•·*-]\s+(\S.*)$")

# Ranks and titles a guest may carry before their name in the lead. They are what the person was
# at the time, like their credentials, so they go with the credentials rather than the name.
# Longest first, so "Major General" wins over "Major".
GUEST_RANKS = (
    "Lieutenant General",
    "Lieutenant Colonel",
    "Brigadier General",
    "Colonel General",
    "Major General",
    "Rear Admiral",
    "Vice Admiral",
    "Professor",
    "Admiral",
    "General",
    "Colonel",
    "Marshal",
    "Captain",
    "Major",
    "Dr.",
    "Dr",
)

_APOSTROPHES = ("'", "\u2019")
_OPENING_QUOTE = "\u201c"
_CLOSING_QUOTE = "\u201d"


class CaptureError(ValueError):
    """A capture that does not follow the format, at ``line`` (1-based), where ``expected``
    was due."""

    def __init__(self, line: int, expected: str, found: str | None = None):
        self.line = line
        self.expected = expected
        self.found = found
        super().__init__(f"line {line}: expected {expected}, found {_describe(found)}")


def _describe(found: str | None) -> str:
    if found is None:
        return "the end of the file"
    if not found.strip():
        return "a blank line"
    text = found.strip()
    return f'"{text[:77]}…"' if len(text) > 80 else f'"{text}"'


class BodyPartKind(StrEnum):
    PARAGRAPH = "paragraph"
    PULL_QUOTE = "pull_quote"
    QUESTION = "question"


@dataclass(frozen=True)
class BodyPart:
    """One paragraph of the body; a pull quote's text is stored without its quotation marks."""

    kind: BodyPartKind
    text: str
    line: int


@dataclass(frozen=True)
class Lead:
    """The standfirst, verbatim, and who it names. Names are None when the lead does not follow
    the usual "<guest>, <credentials>, told <outlet>'s <programme> host <host> about …"."""

    text: str
    guest: str | None = None
    guest_rank: str = ""
    credentials: str = ""
    programme: str | None = None
    host: str | None = None

    @property
    def guest_credentials(self) -> str:
        """The guest's rank and credentials as they were then, e.g. "General, Former head of …"."""
        return ", ".join(part for part in (self.guest_rank, self.credentials) if part)


@dataclass(frozen=True)
class ReadAlso:
    heading: str
    sections: tuple[str, ...]
    line: int


@dataclass(frozen=True)
class FeedHeadline:
    text: str
    line: int


@dataclass(frozen=True)
class FeedDay:
    """A day of the latest-news feed and its headlines, newest first."""

    day: dt.date
    headlines: tuple[FeedHeadline, ...]
    line: int


@dataclass(frozen=True)
class Capture:
    brand: str
    headline: str
    published_on: dt.date
    lead: Lead
    body: tuple[BodyPart, ...]
    read_also: ReadAlso
    feed: tuple[FeedDay, ...]

    @property
    def feed_headlines(self) -> list[FeedHeadline]:
        return [headline for day in self.feed for headline in day.headlines]


class _Lines:
    """The capture's lines with a cursor; line numbers are 1-based, as an editor shows them."""

    def __init__(self, text: str):
        lines = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n").split("\n")
        while lines and not lines[-1].strip():
            lines.pop()
        self._lines = lines
        self._index = 0

    @property
    def number(self) -> int:
        """The number of the line ``take`` returns next."""
        return self._index + 1

    def peek(self) -> str | None:
        return self._lines[self._index] if self._index < len(self._lines) else None

    def take(self) -> str | None:
        line = self.peek()
        if line is not None:
            self._index += 1
        return line

    def take_text(self, expected: str) -> str:
        number, line = self.number, self.take()
        if line is None or not line.strip():
            raise CaptureError(number, expected, line)
        return line.strip()

    def take_blank(self, expected: str) -> None:
        number, line = self.number, self.take()
        if line is None or line.strip():
            raise CaptureError(number, expected, line)

    def skip_blanks(self) -> int:
        count = 0
        while (line := self.peek()) is not None and not line.strip():
            self._index += 1
            count += 1
        return count


def parse_capture(text: str) -> Capture:
    """Parse a whole capture; raises ``CaptureError`` at the first part out of place."""
    lines = _Lines(text)
    brand = lines.take_text('the edition\'s brand, like "<Outlet>. Global"')
    lines.take_blank("a blank line after the brand")
    headline = lines.take_text("the headline")
    lines.take_blank("a blank line after the headline")
    published_on = parse_dateline(lines.take_text(_DATELINE_EXPECTED), DATELINE_LINE)
    lines.take_blank("a blank line after the dateline")
    lead = parse_lead(lines.take_text("the lead"))
    lines.take_blank("a blank line after the lead")
    lines.take_blank("a second blank line after the lead, where the body starts")
    body = _parse_body(lines)
    read_also = _parse_read_also(lines)
    feed = _parse_feed(lines)
    return Capture(brand, headline, published_on, lead, body, read_also, feed)


def parse_dateline(text: str, line: int) -> dt.date:
    """The date of a dateline like ``28 May, 2023 Sunday``, whose weekday must be right."""
    match = _DATELINE.match(text.strip())
    if match is None:
        raise CaptureError(line, _DATELINE_EXPECTED, text)
    day, month, year, weekday = match.groups()
    date = _date(int(year), month, int(day), line, _DATELINE_EXPECTED, text)
    if weekday != WEEKDAYS[date.weekday()]:
        right = f"{date.day} {month}, {date.year} {WEEKDAYS[date.weekday()]}"
        raise CaptureError(line, f'"{right}" ({_weekday_note(date)})', text)
    return date


def _date(year: int, month: str, day: int, line: int, expected: str, text: str) -> dt.date:
    try:
        return dt.date(year, MONTHS.index(month) + 1, day)
    except ValueError:
        raise CaptureError(line, f"{expected} with a date that exists", text) from None


def _weekday_note(date: dt.date) -> str:
    return f"{date.day} {MONTHS[date.month - 1]} {date.year} is a {WEEKDAYS[date.weekday()]}"


def parse_lead(text: str) -> Lead:
    """Who the lead names: "<guest>, <credentials>, told <outlet>'s <programme> host <host> …".

    A lead in other words is kept as it is, with no names: that is not an error.
    """
    guest_part, separator, rest = text.partition(", ")
    credentials, told, after_told = rest.partition(", told ")
    if not separator or not told or not guest_part.strip() or not credentials.strip():
        return Lead(text)
    rank, guest = _split_rank(guest_part.strip())
    programme: str | None = None
    host: str | None = None
    told_whom, host_word, after_host = after_told.partition(" host ")
    if host_word:
        programme = _programme_name(told_whom) or None
        host = _leading_name(after_host.split(" about", 1)[0]) or None
    return Lead(text, guest, rank, credentials.strip(), programme, host)


def _split_rank(name: str) -> tuple[str, str]:
    for rank in GUEST_RANKS:
        rest = name.removeprefix(rank + " ")
        # A rank is only taken off a name that still has a first name and a surname after it.
        if rest != name and len(rest.split()) >= 2:
            return rank, rest
    return "", name


def _programme_name(told_whom: str) -> str:
    """ "Harbour TV's Morning Deck" → "Morning Deck": the programme follows the outlet's "'s "."""
    for owner in ("TV's ", "TV\u2019s ", "'s ", "\u2019s "):
        if owner in told_whom:
            return told_whom.split(owner, 1)[1].strip()
    return told_whom.strip()


def _leading_name(text: str) -> str:
    words = []
    for word in text.split():
        word = word.strip(",.;:")
        if not word or not word[0].isupper():
            break
        words.append(word)
    return " ".join(words)


def _parse_body(lines: _Lines) -> tuple[BodyPart, ...]:
    lines.skip_blanks()
    parts: list[BodyPart] = []
    while True:
        number, line = lines.number, lines.take()
        if line is None:
            raise CaptureError(number, f'"{READ_ALSO}" after the body', None)
        text = line.strip()
        if text == READ_ALSO:
            return tuple(parts)
        if _DAY_HEADER_YEAR.match(text):
            raise CaptureError(number, f'"{READ_ALSO}" between the body and the news feed', line)
        blanks = lines.skip_blanks()
        if blanks == 0:
            after = lines.peek()
            expected = (
                f'"{READ_ALSO}" after the body'
                if after is None
                else f"a blank line after the paragraph on line {number}"
            )
            raise CaptureError(lines.number, expected, after)
        parts.append(_body_part(text, number, set_apart=blanks >= 2))


def _body_part(text: str, line: int, *, set_apart: bool) -> BodyPart:
    if len(text) > 1 and text.startswith(_OPENING_QUOTE) and text.endswith(_CLOSING_QUOTE):
        quote = text[1:-1].strip()
        if not quote:
            raise CaptureError(line, "the words of the pull quote inside its quotation marks", text)
        return BodyPart(BodyPartKind.PULL_QUOTE, quote, line)
    kind = BodyPartKind.QUESTION if set_apart else BodyPartKind.PARAGRAPH
    return BodyPart(kind, text, line)


def _parse_read_also(lines: _Lines) -> ReadAlso:
    heading_line = lines.number - 1
    sections: list[str] = []
    while (line := lines.peek()) is not None and (match := _READ_ALSO_ITEM.match(line)):
        sections.append(match.group(1).strip())
        lines.take()
    if not sections:
        raise CaptureError(
            lines.number, f'a section under "{READ_ALSO}", like "  • News"', lines.peek()
        )
    return ReadAlso(READ_ALSO, tuple(sections), heading_line)


def _parse_feed(lines: _Lines) -> tuple[FeedDay, ...]:
    days: list[FeedDay] = []
    while True:
        number, line = lines.number, lines.take()
        if line is None:
            raise CaptureError(number, f'"{MORE_NEWS}" at the end of the capture', None)
        if line.strip() == MORE_NEWS:
            break
        header = _DAY_HEADER_YEAR.match(line.strip())
        if header is None:
            raise CaptureError(number, _DAY_HEADER_EXPECTED, line)
        day = _feed_day(header, line.strip(), number, lines)
        if days and day >= days[-1].day:
            raise CaptureError(
                number, f"days newest first, so a day before {_weekday_note(days[-1].day)}", line
            )
        headlines = _feed_headlines(lines, day)
        days.append(FeedDay(day, headlines, number))
    lines.skip_blanks()
    if lines.peek() is not None:
        raise CaptureError(
            lines.number, f'the end of the capture after "{MORE_NEWS}"', lines.peek()
        )
    return tuple(days)


def _feed_day(header: re.Match[str], header_text: str, number: int, lines: _Lines) -> dt.date:
    year, weekday = int(header.group(1)), header.group(2)
    date_number, date_line = lines.number, lines.take()
    expected = f'the date under "{header_text}", like "20 September"'
    found = _DAY_HEADER_DATE.match(date_line.strip()) if date_line is not None else None
    if found is None:
        raise CaptureError(date_number, expected, date_line)
    day_of_month, month = int(found.group(1)), found.group(2)
    date = _date(year, month, day_of_month, date_number, expected, date_line or "")
    if weekday != WEEKDAYS[date.weekday()]:
        right = f"{date.year}, {WEEKDAYS[date.weekday()]}"
        raise CaptureError(number, f'"{right}" ({_weekday_note(date)})', header_text)
    return date


def _feed_headlines(lines: _Lines, day: dt.date) -> tuple[FeedHeadline, ...]:
    headlines: list[FeedHeadline] = []
    while (line := lines.peek()) is not None:
        text = line.strip()
        if text == MORE_NEWS or _DAY_HEADER_YEAR.match(text):
            break
        if not text:
            raise CaptureError(lines.number, f"a headline of {_weekday_note(day)}", line)
        headlines.append(FeedHeadline(text, lines.number))
        lines.take()
    if not headlines:
        raise CaptureError(lines.number, f"at least one headline of {_weekday_note(day)}", line)
    return tuple(headlines)
