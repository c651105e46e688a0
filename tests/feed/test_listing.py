"""The listing primitive every page family builds on: a selection declared once, compiled once
per process, one query per page, read by cursor in both directions."""

import datetime as dt

import pytest
from wagtail.models import PageViewRestriction

from masthead.articles.public import public_articles_under
from masthead.caching.compiled import CompiledQuery
from masthead.editions.current import edition_for_request
from masthead.feed.listing import Selection, newest, paginate
from tests.conftest import NOW, add_article

# A selection of the kind a page family declares: here, the articles of one kind.
OF_KIND = Selection("tests: of kind", lambda articles, kind: articles.filter(kind=kind), key=str)


def titles(listing) -> list[str]:
    return [item.title for day in listing.days for item in day.items]


@pytest.fixture
def interviews(newsroom):
    for i in range(5):
        add_article(
            newsroom.politics,
            f"Interview {i}",
            NOW - dt.timedelta(days=1, hours=i),
            kind="interview",
        )
    return newsroom


def test_a_selection_narrows_the_editions_public_articles(rf, interviews):
    listing = paginate(rf.get("/"), OF_KIND, "interview")
    expected = [f"Interview {i}" for i in range(5)] + ["The guest explains the week"]
    assert titles(listing) == expected
    assert titles(paginate(rf.get("/"), OF_KIND, "opinion")) == []
    assert paginate(rf.get("/"), OF_KIND, "opinion").is_empty


def test_pages_walk_both_ways_by_cursor(rf, interviews):
    first = paginate(rf.get("/"), OF_KIND, "interview", size=4)
    assert titles(first) == [f"Interview {i}" for i in range(4)]
    assert first.newer_url is None and first.older_url.startswith("?before=")
    second = paginate(rf.get("/" + first.older_url), OF_KIND, "interview", size=4)
    assert titles(second) == ["Interview 4", "The guest explains the week"]
    assert second.older_url is None and second.newer_url.startswith("?after=")
    back = paginate(rf.get("/" + second.newer_url), OF_KIND, "interview", size=4)
    assert titles(back) == titles(first)
    assert back.newer_url == "/"  # the first page's own address


def test_each_page_is_one_query_compiled_once(
    rf, interviews, django_assert_num_queries, monkeypatch
):
    paginate(rf.get("/"), OF_KIND, "analysis", size=3)  # compiled, and the editions snapshot
    compiled: list[CompiledQuery] = []
    compile_query = CompiledQuery._compile

    def counting_compile(query: CompiledQuery, using: str):
        compiled.append(query)
        return compile_query(query, using)

    monkeypatch.setattr(CompiledQuery, "_compile", counting_compile)
    for kind in ["interview", "news", "interview"]:
        with django_assert_num_queries(1):
            paginate(rf.get("/"), OF_KIND, kind, size=3)
    assert compiled == []
    for kind in ["interview", "news"]:
        paginate(rf.get("/"), OF_KIND, kind, size=7)  # another page size: another query
    assert compiled == [OF_KIND.query("first", 8)]


def test_newest_groups_the_newest_items_by_day(rf, interviews):
    edition = edition_for_request(rf.get("/"))
    days = newest(edition, OF_KIND, 3, "interview")
    assert [(day.day_month, [item.title for item in day.items]) for day in days] == [
        ("19 September", ["Interview 0", "Interview 1", "Interview 2"])
    ]
    assert days[0].items[0].local_time == "18:00"
    assert days[0].items[0].url == "/politics/interview-0/"


def test_public_articles_leave_out_drafts_and_restricted_sections(interviews):
    root = interviews.news.get_parent().path
    assert public_articles_under(root).count() == 18
    interviews.items[0].unpublish()
    PageViewRestriction.objects.create(page=interviews.politics, restriction_type="login")
    assert public_articles_under(root).count() == 11


def test_a_selection_is_declared_once_with_its_key_type():
    with pytest.raises(ValueError, match="already declared"):
        Selection("tests: of kind", lambda articles, kind: articles, key=str)
    with pytest.raises(ValueError, match="needs a key type"):
        Selection("tests: no key", lambda articles, key: articles)
    with pytest.raises(ValueError, match="an int or a str"):
        Selection("tests: bad key", lambda articles, key: articles, key=float)
