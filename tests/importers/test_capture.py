"""The capture parser, on the real seed page and on small captures written for these tests."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from masthead.importers.capture import BodyPartKind, CaptureError, parse_capture, parse_lead

SEED = Path(__file__).resolve().parents[2].parent / "shared" / "seed" / "article-capture.txt"
HARBOUR = Path(__file__).parent / "fixtures" / "harbour-capture.txt"

# Where the seed's README says its parts are (1-based line numbers).
SEED_PULL_QUOTE_LINES = [14, 24, 34, 42, 55]
SEED_QUESTION_LINE = 46
SEED_FEED_HEADER_LINES = {61, 62, 86, 87}


@pytest.fixture
def seed_lines() -> list[str]:
    if not SEED.exists():
        pytest.skip("../shared/seed is absent")
    return SEED.read_text(encoding="utf-8").split("\n")


@pytest.fixture
def harbour_lines() -> list[str]:
    return HARBOUR.read_text(encoding="utf-8").splitlines()


def parse_lines(lines: list[str]):
    return parse_capture("\n".join(lines))


def error_for(lines: list[str]) -> CaptureError:
    with pytest.raises(CaptureError) as caught:
        parse_lines(lines)
    return caught.value


class TestSeed:
    def test_header(self, seed_lines):
        capture = parse_lines(seed_lines)
        assert capture.brand == seed_lines[0]
        assert capture.headline == seed_lines[2]
        assert capture.published_on == dt.date(2023, 5, 28)
        assert capture.lead.text == seed_lines[6]

    def test_lead_names_guest_credentials_programme_and_host(self, seed_lines):
        lead = parse_lines(seed_lines).lead
        assert lead.guest == "Alnur Mussayev"
        assert lead.guest_rank == "General"
        assert lead.credentials.startswith("Former head of")
        assert f"{lead.guest_rank} {lead.guest}, {lead.credentials}, told " in lead.text
        assert lead.guest_credentials == f"General, {lead.credentials}"
        assert lead.programme == "Studio West"
        assert lead.host == "Anton Borkovskyi"

    def test_body(self, seed_lines):
        body = parse_lines(seed_lines).body
        kinds = [part.kind for part in body]
        assert len(body) == 24
        assert kinds.count(BodyPartKind.PARAGRAPH) == 18
        quotes = [part for part in body if part.kind == BodyPartKind.PULL_QUOTE]
        assert [quote.line for quote in quotes] == SEED_PULL_QUOTE_LINES
        for quote in quotes:
            # The words only: the template adds the quotation marks.
            assert quote.text == seed_lines[quote.line - 1].strip()[1:-1]
            assert not quote.text.startswith("\u201c") and not quote.text.endswith("\u201d")
        [question] = [part for part in body if part.kind == BodyPartKind.QUESTION]
        assert question.line == SEED_QUESTION_LINE
        assert question.text == seed_lines[SEED_QUESTION_LINE - 1]
        assert body[0].text == seed_lines[9]
        assert body[-1].text == seed_lines[56]

    def test_read_also(self, seed_lines):
        read_also = parse_lines(seed_lines).read_also
        assert read_also.heading == "Read also:"
        assert read_also.sections == ("News",)

    def test_feed(self, seed_lines):
        capture = parse_lines(seed_lines)
        assert [day.day for day in capture.feed] == [dt.date(2024, 9, 20), dt.date(2024, 9, 19)]
        assert [len(day.headlines) for day in capture.feed] == [23, 17]
        headlines = capture.feed_headlines
        assert len(headlines) == 40
        assert headlines[0].text == seed_lines[62]
        assert headlines[-1].text == seed_lines[103]
        expected = [
            line
            for number, line in enumerate(seed_lines[62:104], start=63)
            if number not in SEED_FEED_HEADER_LINES
        ]
        assert [h.text for h in headlines] == expected
        assert [h.line for h in headlines][:2] == [63, 64]


class TestSmallCapture:
    def test_parses(self, harbour_lines):
        capture = parse_lines(harbour_lines)
        assert capture.brand == "Harbour Radio. Global"
        assert capture.published_on == dt.date(2024, 3, 3)
        assert [(p.kind, p.line) for p in capture.body] == [
            (BodyPartKind.PARAGRAPH, 10),
            (BodyPartKind.PULL_QUOTE, 12),
            (BodyPartKind.QUESTION, 14),
            (BodyPartKind.PARAGRAPH, 17),
        ]
        assert [(d.day, len(d.headlines), d.line) for d in capture.feed] == [
            (dt.date(2024, 3, 5), 2, 21),
            (dt.date(2024, 3, 4), 1, 25),
        ]

    def test_windows_line_ends_and_a_final_newline_are_fine(self, harbour_lines):
        capture = parse_capture("\r\n".join(harbour_lines) + "\r\n\r\n")
        assert parse_lines(harbour_lines) == capture


class TestLead:
    def test_rank_goes_with_the_credentials(self):
        lead = parse_lead(
            "Captain Petro Lanko, Harbour master, told Harbour TV's Morning Deck host Vira Sands"
        )
        assert (lead.guest, lead.guest_rank, lead.credentials) == (
            "Petro Lanko",
            "Captain",
            "Harbour master",
        )
        assert (lead.programme, lead.host) == ("Morning Deck", "Vira Sands")

    def test_a_one_word_name_after_a_rank_stays_whole(self):
        assert parse_lead("Major Payne, Drill instructor, told the camp").guest == "Major Payne"

    def test_without_an_outlet(self):
        lead = parse_lead("Ann Lee, Economist, told Night Desk host Bo Kim.")
        assert (lead.programme, lead.host) == ("Night Desk", "Bo Kim")

    def test_a_lead_in_other_words_names_nobody_and_is_no_error(self):
        lead = parse_lead("The port reopens on Monday after a week of storms.")
        assert lead.text == "The port reopens on Monday after a week of storms."
        assert (lead.guest, lead.credentials, lead.programme, lead.host) == (None, "", None, None)


class TestMalformed:
    def test_empty_file(self):
        with pytest.raises(CaptureError) as caught:
            parse_capture("")
        assert caught.value.line == 1
        assert str(caught.value).startswith("line 1: expected the edition's brand")
        assert str(caught.value).endswith("found the end of the file")

    def test_missing_headline(self, harbour_lines):
        harbour_lines[2] = ""
        error = error_for(harbour_lines)
        assert (error.line, error.expected) == (3, "the headline")

    def test_bad_dateline(self, harbour_lines):
        harbour_lines[4] = "the third of March"
        assert str(error_for(harbour_lines)) == (
            'line 5: expected the dateline like "28 May, 2023 Sunday", found "the third of March"'
        )

    def test_dateline_weekday_must_match(self, harbour_lines):
        harbour_lines[4] = "3 March, 2024 Monday"
        error = error_for(harbour_lines)
        assert error.line == 5
        assert '"3 March, 2024 Sunday"' in error.expected

    def test_dateline_date_must_exist(self, harbour_lines):
        harbour_lines[4] = "30 February, 2024 Friday"
        assert error_for(harbour_lines).line == 5

    def test_body_starts_after_two_blank_lines(self, harbour_lines):
        del harbour_lines[8]
        error = error_for(harbour_lines)
        assert error.line == 9
        assert "second blank line after the lead" in error.expected

    def test_paragraphs_need_a_blank_line_between(self, harbour_lines):
        del harbour_lines[10]
        error = error_for(harbour_lines)
        assert (error.line, error.expected) == (11, "a blank line after the paragraph on line 10")

    def test_read_also_before_the_feed(self, harbour_lines):
        del harbour_lines[18:20]
        error = error_for(harbour_lines)
        assert error.line == 19
        assert '"Read also:"' in error.expected

    def test_read_also_needs_a_section(self, harbour_lines):
        del harbour_lines[19]
        error = error_for(harbour_lines)
        assert error.line == 20
        assert "a section" in error.expected

    def test_feed_header_without_date_line(self, harbour_lines):
        del harbour_lines[21]
        error = error_for(harbour_lines)
        assert error.line == 22
        assert error.expected.startswith('the date under "2024, Tuesday"')
        assert error.found == "Lighthouse repairs finish ahead of schedule"

    def test_feed_weekday_must_match(self, harbour_lines):
        harbour_lines[24] = "2024, Sunday"
        error = error_for(harbour_lines)
        assert error.line == 25
        assert '"2024, Monday"' in error.expected

    def test_feed_days_newest_first(self, harbour_lines):
        harbour_lines[25] = "6 March"
        harbour_lines[24] = "2024, Wednesday"
        error = error_for(harbour_lines)
        assert error.line == 25
        assert "newest first" in error.expected

    def test_feed_day_needs_a_headline(self, harbour_lines):
        del harbour_lines[26]
        error = error_for(harbour_lines)
        assert error.line == 27
        assert "at least one headline" in error.expected

    def test_missing_more_news(self, harbour_lines):
        del harbour_lines[27]
        error = error_for(harbour_lines)
        assert error.line == 28
        assert error.expected == '"More news" at the end of the capture'
        assert str(error).endswith("found the end of the file")

    def test_headlines_before_any_date_header(self, harbour_lines):
        del harbour_lines[20:22]
        error = error_for(harbour_lines)
        assert error.line == 21
        assert error.expected.startswith('a day header like "2024, Friday"')

    def test_nothing_after_more_news(self, harbour_lines):
        harbour_lines.append("Subscribe to our newsletter")
        error = error_for(harbour_lines)
        assert error.line == 29
        assert 'after "More news"' in error.expected
