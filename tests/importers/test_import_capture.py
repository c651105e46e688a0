"""``manage.py import_capture``: the seed page published on the site, twice, and bad captures
leaving the site as it was."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterator
from io import StringIO
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from bs4 import BeautifulSoup
from django.core.management import CommandError, call_command
from django.db import transaction
from django.test import Client
from django.utils.html import escape
from django.utils.text import slugify
from wagtail.models import Page, Revision, Site

from masthead.articles.models import Appearance, ArticlePage, Role
from masthead.editions.models import Edition
from masthead.people.models import Person
from masthead.programmes.models import Programme, ProgrammeHost
from masthead.sections.models import SectionPage

from ..conftest import add_section
from .test_capture import (
    HARBOUR,
    SEED,
    SEED_FEED_HEADER_LINES,
    SEED_PULL_QUOTE_LINES,
    SEED_QUESTION_LINE,
)

KYIV = ZoneInfo("Europe/Kyiv")
NOW = "2024-09-20T18:00+03:00"
HARBOUR_NOW = "2024-03-05T09:00+02:00"


def import_capture(path: Path, *options: str, now: str = NOW) -> list[str]:
    out = StringIO()
    call_command("import_capture", str(path), "--now", now, *options, stdout=out)
    return out.getvalue().splitlines()


def harbour_with(tmp_path: Path, line: int, text: str) -> Path:
    """The small capture with its ``line`` (1-based) replaced by ``text``."""
    lines = HARBOUR.read_text(encoding="utf-8").splitlines()
    lines[line - 1] = text
    capture = tmp_path / "capture.txt"
    capture.write_text("\n".join(lines), encoding="utf-8")
    return capture


def counts() -> dict[str, int]:
    return {
        "pages": Page.objects.count(),
        "revisions": Revision.objects.count(),
        "people": Person.objects.count(),
        "programmes": Programme.objects.count(),
        "programme hosts": ProgrammeHost.objects.count(),
        "appearances": Appearance.objects.count(),
    }


def edition() -> Edition:
    return Edition.for_site(Site.objects.get(is_default_site=True))


@pytest.fixture
def seed_lines() -> list[str]:
    if not SEED.exists():
        pytest.skip("../shared/seed is absent")
    return SEED.read_text(encoding="utf-8").split("\n")


@pytest.fixture(scope="class")
def seed_import(django_db_setup, django_db_blocker) -> Iterator[list[str]]:
    """The seed imported once for a whole class (an import publishes 42 pages, which takes
    seconds), inside a transaction rolled back at the end; each test runs in a savepoint of it."""
    if not SEED.exists():
        pytest.skip("../shared/seed is absent")
    with django_db_blocker.unblock(), transaction.atomic():
        yield import_capture(SEED)
        transaction.set_rollback(True)


@pytest.fixture
def imported(seed_import, db) -> list[str]:
    """The command's output lines from importing the seed."""
    return seed_import


def the_article() -> ArticlePage:
    return ArticlePage.objects.get(kind="interview")


class TestSeedImport:
    def test_prints_the_article_path_last(self, imported, seed_lines):
        assert imported[-1] == f"/news/{slugify(seed_lines[2])[:80]}/"
        assert imported[-1] == the_article().get_url_parts()[2]

    def test_article(self, imported, seed_lines):
        article = the_article()
        assert article.live
        assert article.title == seed_lines[2]
        assert article.lead == seed_lines[6]
        assert article.published_at == dt.datetime(2023, 5, 28, 12, 0, tzinfo=KYIV)
        assert isinstance(article.get_parent().specific, SectionPage)
        assert article.get_parent().slug == "news"

    def test_guest_host_and_programme(self, imported):
        article = the_article()
        guest = article.appearances.get(role=Role.GUEST)
        assert guest.person.name == "Alnur Mussayev"
        assert guest.credentials.startswith("General, Former head of")
        assert guest.credentials.removeprefix("General, ") in article.lead
        host = article.appearances.get(role=Role.HOST)
        assert (host.person.name, host.credentials) == ("Anton Borkovskyi", "")
        assert article.programme.title == "Studio West"
        assert [h.person for h in article.programme.hosts.all()] == [host.person]

    def test_body_blocks_in_order(self, imported, seed_lines):
        article = the_article()
        guest = article.appearances.get(role=Role.GUEST).person
        host = article.appearances.get(role=Role.HOST).person
        expected = [
            "pull_quote"
            if number in SEED_PULL_QUOTE_LINES
            else "question"
            if number == SEED_QUESTION_LINE
            else "paragraph"
            for number in range(10, 58)
            if seed_lines[number - 1].strip()
        ]
        blocks = list(article.body)
        assert [block.block_type for block in blocks] == [*expected, "read_also"]
        assert blocks[0].value.source == f"<p>{escape(seed_lines[9])}</p>"
        quotes = [b.value for b in blocks if b.block_type == "pull_quote"]
        assert {q["person"] for q in quotes} == {guest}
        assert quotes[0]["quote"] == seed_lines[SEED_PULL_QUOTE_LINES[0] - 1][1:-1]
        [question] = [b.value for b in blocks if b.block_type == "question"]
        assert question["question"] == seed_lines[SEED_QUESTION_LINE - 1]
        assert question["speaker"] == host
        read_also = blocks[-1].value
        assert read_also["heading"] == "Read also:"
        assert [page.specific for page in read_also["links"]] == [article.get_parent().specific]

    def test_news_section_is_made_for_the_menu(self, imported):
        news = SectionPage.objects.get(slug="news")
        assert (news.title, news.live, news.show_in_menus) == ("News", True, True)
        assert news.get_parent().specific_class.__name__ == "FrontPage"

    def test_feed_headlines_are_news_items_on_their_days(self, imported, seed_lines):
        news = SectionPage.objects.get(slug="news")
        items = list(
            ArticlePage.objects.child_of(news).filter(kind="news").order_by("-published_at")
        )
        headlines = [
            line
            for number, line in enumerate(seed_lines[62:104], start=63)
            if number not in SEED_FEED_HEADER_LINES
        ]
        assert [item.title for item in items] == headlines
        assert all(item.live and not item.lead and not item.body for item in items)
        days = Counter(item.published_at.astimezone(KYIV).date() for item in items)
        assert days == {dt.date(2024, 9, 20): 23, dt.date(2024, 9, 19): 17}
        local_times = [item.published_at.astimezone(KYIV).time() for item in items]
        assert local_times[:2] == [dt.time(18, 0), dt.time(17, 40)]
        assert local_times[23] == dt.time(23, 59)
        assert len({item.published_at for item in items}) == 40

    def test_edition_brand_is_the_captures(self, imported, seed_lines):
        assert edition().brand == seed_lines[0]

    def test_page_renders(self, imported, seed_lines):
        response = Client().get(imported[-1])
        assert response.status_code == 200
        article = BeautifulSoup(response.content, "html.parser").find("article")
        assert article.h1.get_text() == seed_lines[2]

    def test_second_import_changes_nothing(self, imported):
        before = counts()
        brand = edition().brand
        again = import_capture(SEED)
        assert counts() == before
        assert again[-1] == imported[-1]
        assert edition().brand == brand
        assert "News items: 0 created, 0 updated, 40 unchanged" in again


class TestSmallCaptureImport:
    def test_an_existing_news_section_is_used(self, db):
        news = add_section("News")
        path = import_capture(HARBOUR, now=HARBOUR_NOW)[-1]
        assert SectionPage.objects.filter(slug="news").count() == 1
        assert the_article().get_parent().pk == news.pk
        assert path.startswith("/news/")

    def test_rank_goes_to_the_credentials_and_paragraphs_are_escaped(self, db):
        import_capture(HARBOUR, now=HARBOUR_NOW)
        article = the_article()
        guest = article.appearances.get(role=Role.GUEST)
        assert guest.person.name == "Petro Lanko"
        assert guest.credentials == "Captain, Harbour master of the northern port"
        [first, *_] = article.body
        assert first.value.source == (
            "<p>The winter timetable starts next week &amp; keeps two evening crossings.</p>"
        )

    def test_earlier_days_go_back_from_a_minute_to_midnight(self, db):
        import_capture(HARBOUR, now=HARBOUR_NOW)
        times = [
            item.published_at.astimezone(KYIV)
            for item in ArticlePage.objects.filter(kind="news").order_by("-published_at")
        ]
        assert times == [
            dt.datetime(2024, 3, 5, 9, 0, tzinfo=KYIV),
            dt.datetime(2024, 3, 5, 8, 40, tzinfo=KYIV),
            dt.datetime(2024, 3, 4, 23, 59, tzinfo=KYIV),
        ]

    def test_steps_shrink_to_stay_after_midnight(self, db):
        import_capture(HARBOUR, now="2024-03-05T00:10+02:00")
        times = [
            item.published_at.astimezone(KYIV).time()
            for item in ArticlePage.objects.filter(kind="news").order_by("-published_at")[:2]
        ]
        assert times == [dt.time(0, 10), dt.time(0, 5)]

    def test_a_later_now_moves_the_items_without_adding_pages(self, db):
        import_capture(HARBOUR, now=HARBOUR_NOW)
        before = counts()
        output = import_capture(HARBOUR, now="2024-03-05T10:00+02:00")
        assert "News items: 0 created, 2 updated, 1 unchanged" in output
        assert counts()["pages"] == before["pages"]
        newest = ArticlePage.objects.filter(kind="news").order_by("-published_at").first()
        assert newest.published_at == dt.datetime(2024, 3, 5, 10, 0, tzinfo=KYIV)

    def test_a_lead_in_other_words_still_imports(self, db, tmp_path):
        lead = "The winter timetable was agreed by the harbour board on Friday."
        capture = harbour_with(tmp_path, 7, lead)
        import_capture(capture, now=HARBOUR_NOW)
        article = the_article()
        assert article.lead == lead
        assert not article.appearances.exists()
        assert article.programme is None
        quote = next(block for block in article.body if block.block_type == "pull_quote")
        assert quote.value["person"] is None

    def test_now_defaults_to_the_clock(self, db, frozen_now):
        call_command("import_capture", str(HARBOUR), stdout=StringIO())
        newest = ArticlePage.objects.filter(kind="news").order_by("-published_at").first()
        assert newest.published_at == dt.datetime(2024, 3, 5, 23, 59, tzinfo=KYIV)

    def test_keep_brand(self, db):
        brand = edition().brand
        import_capture(HARBOUR, "--keep-brand", now=HARBOUR_NOW)
        assert edition().brand == brand


class TestBadInput:
    def test_missing_file(self, db, tmp_path):
        with pytest.raises(CommandError, match="no such file"):
            import_capture(tmp_path / "absent.txt")

    def test_empty_file(self, db, tmp_path):
        empty = tmp_path / "empty.txt"
        empty.write_text("")
        with pytest.raises(CommandError, match="line 1: expected the edition's brand"):
            import_capture(empty)

    def test_a_bad_dateline_names_its_line(self, db, tmp_path):
        capture = harbour_with(tmp_path, 5, "early in March")
        with pytest.raises(CommandError) as caught:
            import_capture(capture, now=HARBOUR_NOW)
        assert str(caught.value) == (
            'line 5: expected the dateline like "28 May, 2023 Sunday", found "early in March"'
        )

    def test_now_needs_an_offset(self, db):
        with pytest.raises(CommandError, match="UTC offset"):
            import_capture(HARBOUR, now="2024-03-05T09:00")

    def test_feed_after_now(self, db):
        before = counts()
        with pytest.raises(CommandError, match="line 21: expected no day after the day of --now"):
            import_capture(HARBOUR, now="2024-03-04T20:00+02:00")
        assert counts() == before

    def test_a_bad_day_header_near_the_end_imports_nothing(self, db, tmp_path):
        capture = harbour_with(tmp_path, 25, "2024, Friday")  # 4 March 2024 was a Monday
        before, brand = counts(), edition().brand
        with pytest.raises(CommandError, match='line 25: expected "2024, Monday"'):
            import_capture(capture, now=HARBOUR_NOW)
        assert counts() == before
        assert edition().brand == brand

    def test_a_failure_while_writing_leaves_the_site_as_it_was(self, db, tmp_path):
        # The last headline is too long for a page title: found only after the article, its
        # people, its programme and the News section have been written.
        capture = harbour_with(tmp_path, 27, "Fish market moves " + "and moves again " * 20)
        before, brand = counts(), edition().brand
        with pytest.raises(CommandError, match="line 27: expected a headline of at most 255"):
            import_capture(capture, now=HARBOUR_NOW)
        assert counts() == before
        assert not SectionPage.objects.exists()
        assert edition().brand == brand
