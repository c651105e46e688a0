"""A compiled query returns what the ORM returns for the same values."""

import datetime as dt

import pytest
from django.db import connection
from wagtail.models import Page

from masthead.articles.models import ArticlePage
from masthead.caching.compiled import CompiledQuery

PLACEHOLDER_TEXT = "\x00test\x00"


def test_model_query_matches_the_orm_with_related_objects(newsroom, django_assert_num_queries):
    def build(url_path):
        return ArticlePage.objects.filter(url_path=url_path).select_related("programme")

    query = CompiledQuery(build, url_path=PLACEHOLDER_TEXT)
    for page in Page.objects.all():
        expected = list(build(page.url_path))
        with django_assert_num_queries(1):
            got = query.fetch(url_path=page.url_path)
        assert [(p.pk, p.title, p.published_at, list(p.body.raw_data)) for p in got] == [
            (p.pk, p.title, p.published_at, list(p.body.raw_data)) for p in expected
        ]
        for a, b in zip(got, expected, strict=True):
            with django_assert_num_queries(0):
                assert getattr(a.programme, "title", None) == getattr(b.programme, "title", None)


def test_values_query_with_like_datetime_and_number(newsroom):
    def build(prefix, moment, number):
        return (
            ArticlePage.objects.filter(
                path__startswith=prefix, published_at__lt=moment, page_ptr_id__gt=number
            )
            .order_by("-published_at")
            .values_list("page_ptr_id", "title", "published_at")[:5]
        )

    query = CompiledQuery(
        build,
        prefix=PLACEHOLDER_TEXT,
        moment=dt.datetime(1901, 1, 1, tzinfo=dt.UTC),
        number=-123456789,
    )
    for section in (newsroom.news, newsroom.politics):
        for hours in (0, 5, 13, 48):
            values = {
                "prefix": section.path,
                "moment": newsroom.items[0].published_at - dt.timedelta(hours=hours),
                "number": 0,
            }
            assert query.fetch(**values) == list(build(**values))


def test_like_values_are_escaped(newsroom):
    def build(prefix):
        return ArticlePage.objects.filter(title__startswith=prefix).values_list("title")

    query = CompiledQuery(build, prefix=PLACEHOLDER_TEXT)
    assert query.fetch(prefix="News item number 1") == list(build("News item number 1"))
    assert query.fetch(prefix="News item%") == []
    assert query.fetch(prefix="News_item") == []


def test_a_plain_pattern_is_written_into_the_sql_and_any_other_stays_a_parameter(newsroom):
    """PostgreSQL plans ``path LIKE $1`` afresh on every run; a pattern written in is planned
    once. Only letters, digits, "/" and "-" are written in; the rest go as parameters."""

    def build(prefix, url_path):
        return (
            ArticlePage.objects.filter(path__startswith=prefix, url_path__startswith=url_path)
            .order_by("path")
            .values_list("title")
        )

    query = CompiledQuery(build, prefix=PLACEHOLDER_TEXT, url_path="\x00url\x00")
    section = newsroom.politics
    cases = [
        (section.path, section.url_path, [section.path, section.url_path]),
        (section.path, "/home/it's_100%", [section.path]),  # the other stays a parameter
        ("0001", "/home/", ["0001", "/home/"]),
    ]
    executed: list[tuple[str, tuple]] = []

    def record(execute, sql, params, many, context):
        executed.append((sql, tuple(params)))
        return execute(sql, params, many, context)

    for prefix, url_path, written in cases:
        executed.clear()
        with connection.execute_wrapper(record):
            got = query.fetch(prefix=prefix, url_path=url_path)
        assert got == list(build(prefix, url_path))
        [(sql, params)] = executed
        assert [pattern for pattern in written if f"'{pattern}%%'" in sql] == written
        assert len(params) == 2 - len(written)


def test_placeholder_must_be_a_parameter(db):
    query = CompiledQuery(lambda value: ArticlePage.objects.all(), value=PLACEHOLDER_TEXT)
    with pytest.raises(ValueError, match="not a parameter"):
        query.fetch(value="x")


@pytest.mark.parametrize(
    "build",
    [
        lambda title: ArticlePage.objects.filter(title=title).prefetch_related("tags"),
        lambda title: ArticlePage.objects.filter(title=title).values("title"),
        lambda title: ArticlePage.objects.filter(title=title).values_list("title", flat=True),
        # A related manager's queryset: Django attaches the object it came from to each row.
        lambda title: Page.objects.get(depth=2).sites_rooted_here.filter(site_name=title),
    ],
    ids=["prefetch_related", "values", "flat values_list", "related manager"],
)
def test_querysets_it_does_not_reproduce_are_refused(newsroom, build):
    query = CompiledQuery(build, title=PLACEHOLDER_TEXT)
    with pytest.raises(ValueError, match="plain model or values_list"):
        query.fetch(title="x")
