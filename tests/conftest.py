"""Fixtures shared by the whole suite: a small newsroom built in code, a frozen clock, and a
clean cache for every test."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from unittest import mock

import pytest
import time_machine
from django.core.cache import cache
from django.db import transaction
from django.utils.text import slugify

from masthead.articles.models import Appearance, ArticlePage, Role
from masthead.caching import fragments
from masthead.frontpage.models import FrontPage
from masthead.people.models import Person
from masthead.programmes.models import Programme, ProgrammeHost
from masthead.sections.models import SectionPage
from tests.no_printing import pytest_runtest_makereport  # noqa: F401 (a pytest hook)
from tests.worker import run_worker

NOW = dt.datetime(2024, 9, 20, 15, 0, tzinfo=dt.UTC)  # 18:00 in Kyiv


@pytest.fixture(autouse=True)
def _clean_cache():
    """An empty shared cache, and this process's memory of it as a new server process starts
    (masthead/caching/fragments.py): what a test sees does not hang on the tests before it."""
    cache.clear()
    with (
        mock.patch.dict(fragments._local, clear=True),
        mock.patch.dict(fragments._keys_by_path, clear=True),
        mock.patch.object(fragments, "_everywhere", set()),
    ):
        yield
    cache.clear()


@pytest.fixture
def built_pages(settings):
    """Every request builds its page, with no kept page given instead (masthead/edge/kept.py):
    for what a build costs, such as a page's query budget."""
    settings.MASTHEAD_KEPT_PAGES = False


@pytest.fixture
def frozen_now(time_machine):
    time_machine.move_to(NOW, tick=False)
    return NOW


def publish(page):
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def add_section(title: str, slug: str | None = None) -> SectionPage:
    home = FrontPage.objects.get()
    section = SectionPage(title=title, slug=slug or title.lower(), show_in_menus=True)
    home.add_child(instance=section)
    return publish(section)


def add_article(
    section: SectionPage, title: str, published_at: dt.datetime, **fields
) -> ArticlePage:
    body = fields.pop("body", [])
    people = fields.pop("people", [])
    tags = fields.pop("tags", [])
    article = ArticlePage(
        title=title,
        slug=fields.pop("slug", None) or slugify(title),
        published_at=published_at,
        body=json.dumps(body),
        **fields,
    )
    for person, role, credentials in people:
        article.appearances.add(Appearance(person=person, role=role, credentials=credentials))
    if tags:
        article.tags.add(*tags)
    section.add_child(instance=article)
    return publish(article)


class Newsroom:
    """A small newsroom: two sections, a programme with its host, a guest, an interview and a
    run of news items over two days."""

    def __init__(self, news_items: int = 12):
        self.news = add_section("News")
        self.politics = add_section("Politics")
        self.host = Person.objects.create(name="Oksana Host", slug="oksana-host")
        self.guest = Person.objects.create(
            name="Taras Guest", slug="taras-guest", description="Analyst"
        )
        self.author = Person.objects.create(name="Maria Writer", slug="maria-writer")
        self.programme = Programme.objects.create(title="Evening Studio", slug="evening-studio")
        ProgrammeHost.objects.create(programme=self.programme, person=self.host)
        self.interview = add_article(
            self.politics,
            "The guest explains the week",
            dt.datetime(2023, 5, 28, 9, 0, tzinfo=dt.UTC),
            kind="interview",
            lead="Taras Guest told Evening Studio host Oksana Host about the week.",
            programme=self.programme,
            people=[
                (self.guest, Role.GUEST, "Former adviser"),
                (self.host, Role.HOST, ""),
                (self.author, Role.AUTHOR, ""),
            ],
            tags=["diplomacy", "security"],
            body=[
                {"type": "paragraph", "value": "<p>First paragraph of the talk.</p>"},
                {"type": "pull_quote", "value": {"quote": "A quotable line", "person": None}},
                {"type": "paragraph", "value": "<p>Second paragraph.</p>"},
                {"type": "question", "value": {"question": "What happens next?", "speaker": None}},
                {"type": "paragraph", "value": "<p>An answer.</p>"},
                {
                    "type": "pull_quote",
                    "value": {"quote": "Another quotable line", "person": self.guest.pk},
                },
                {"type": "read_also", "value": {"heading": "Read also:", "links": [self.news.pk]}},
            ],
        )
        self.items = [
            add_article(
                self.news,
                f"News item number {i}",
                NOW - dt.timedelta(hours=2 * i),
                tags=["diplomacy"] if i % 3 == 0 else [],
                people=[(self.author, Role.AUTHOR, "")] if i % 2 == 0 else [],
            )
            for i in range(news_items)
        ]

    @classmethod
    def reloaded(cls, built: Newsroom) -> Newsroom:
        """The same newsroom as fresh objects from the database, so that what one test changes
        on its objects (rolled back in the database) never reaches the next test."""
        newsroom = cls.__new__(cls)
        sections = SectionPage.objects.in_bulk([built.news.pk, built.politics.pk])
        newsroom.news, newsroom.politics = sections[built.news.pk], sections[built.politics.pk]
        people = Person.objects.in_bulk([built.host.pk, built.guest.pk, built.author.pk])
        newsroom.host, newsroom.guest = people[built.host.pk], people[built.guest.pk]
        newsroom.author = people[built.author.pk]
        newsroom.programme = Programme.objects.get(pk=built.programme.pk)
        articles = ArticlePage.objects.in_bulk([built.interview.pk, *(i.pk for i in built.items)])
        newsroom.interview = articles[built.interview.pk]
        newsroom.items = [articles[item.pk] for item in built.items]
        return newsroom


@pytest.fixture(scope="module")
def built_newsroom(django_db_setup, django_db_blocker) -> Iterator[Newsroom]:
    """The small newsroom, built once per test module inside a transaction that is rolled back
    at the end of the module; each test runs in a savepoint inside it."""
    with django_db_blocker.unblock(), transaction.atomic():
        with time_machine.travel(NOW, tick=False):
            built = Newsroom()
            # The tasks its publishing queued (search documents) done, as a worker would.
            run_worker()
        yield built
        transaction.set_rollback(True)


@pytest.fixture
def newsroom(built_newsroom, db, frozen_now) -> Newsroom:
    return Newsroom.reloaded(built_newsroom)
