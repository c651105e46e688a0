"""``manage.py generate_news``: news items in bulk that are real pages of a valid Wagtail tree,
listed and served like any other, the same for the same seed, written all or nothing and in a
number of queries that grows with the batches, not the items."""

from __future__ import annotations

import datetime as dt
import re
import zoneinfo
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from io import StringIO

import pytest
from bs4 import BeautifulSoup
from django.core.management import CommandError, call_command
from django.db import connection, transaction
from django.db.models import Count
from django.test.utils import CaptureQueriesContext
from taggit.models import Tag
from wagtail.models import Page, Revision

from masthead.articles.models import Appearance, ArticlePage, ArticleTag
from masthead.demo import bulk_news
from masthead.demo.management.commands import generate_news as command
from masthead.sections.models import SectionPage
from tests.conftest import NOW, add_article

UNTIL = "2024-09-20T14:30:00+00:00"
UNTIL_AT = dt.datetime.fromisoformat(UNTIL)
KYIV = zoneinfo.ZoneInfo("Europe/Kyiv")
SUMMARY = re.compile(
    r"Generated (?P<count>\d+) news items in [\d.]+ s \(\d+/s\): (?P<spread>.+)\.\n"
)
PROGRESS = re.compile(r"generated (?P<done>\d+)/(?P<count>\d+) \((?P<percent>\d+)%\) \d+/s")


def generate(*args: str, count: int = 500) -> str:
    output = StringIO()
    call_command("generate_news", "--count", str(count), "--until", UNTIL, *args, stdout=output)
    return output.getvalue()


def generated() -> list[ArticlePage]:
    """The generated items (they have no revision), oldest first."""
    return list(
        ArticlePage.objects.filter(latest_revision__isnull=True)
        .prefetch_related("tagged_items__tag", "appearances__person")
        .order_by("published_at", "pk")
    )


def section_of(article: ArticlePage) -> SectionPage:
    return SectionPage.objects.get(path=article.path[: -Page.steplen])


def item_records() -> list[tuple]:
    """What readers see of each generated item, oldest first."""
    sections = dict(SectionPage.objects.values_list("path", "slug"))
    return [
        (
            sections[article.path[: -Page.steplen]],
            article.title,
            article.slug,
            article.published_at,
            article.lead,
            list(article.body.raw_data),
            sorted(tagged.tag.name for tagged in article.tagged_items.all()),
            [appearance.person.slug for appearance in article.appearances.all()],
        )
        for article in generated()
    ]


@contextmanager
def rolled_back() -> Iterator[None]:
    """Run the block in a savepoint and undo it, leaving the newsroom as it was."""
    with transaction.atomic():
        yield
        transaction.set_rollback(True)


def tree_problems() -> list[list[int]]:
    return [problem for problem in Page.find_problems() if problem]


def soup_of(response) -> BeautifulSoup:
    return BeautifulSoup(response.content, "html.parser")


def listed(url: str, client) -> list[tuple[str, str]]:
    """The (headline, link) pairs of a listing page, top to bottom."""
    response = client.get(url)
    assert response.status_code == 200
    return [(a.get_text(), a["href"]) for a in soup_of(response).select(".listing li > a")]


def test_generates_the_count_as_live_news_pages_in_a_valid_tree(newsroom):
    articles_before = ArticlePage.objects.count()
    revisions_before = Revision.objects.count()
    output = generate("--seed", "3", "--batch-size", "200")

    summary = SUMMARY.fullmatch(output)
    assert summary, output
    spread = dict(part.split(" ") for part in summary["spread"].split(", "))
    assert int(summary["count"]) == 500 == sum(int(n) for n in spread.values())
    assert set(spread) == {"news", "politics"} and int(spread["news"]) > int(spread["politics"])
    assert ArticlePage.objects.count() == articles_before + 500
    assert Revision.objects.count() == revisions_before  # no revision history
    assert tree_problems() == []

    items = generated()
    assert len(items) == 500
    sections = {section.path: section for section in SectionPage.objects.all()}
    for article in items:
        section = sections[article.path[: -Page.steplen]]
        assert article.live and not article.has_unpublished_changes
        assert article.kind == "news"
        assert article.depth == section.depth + 1
        assert article.url_path == f"{section.url_path}{article.slug}/"
        assert article.locale_id == section.locale_id
        assert article.first_published_at == article.last_published_at == article.published_at
        assert article.draft_title == article.title
    assert len({a.translation_key for a in items}) == 500
    duplicates = (
        Page.objects.values("depth", "url_path").annotate(n=Count("id")).filter(n__gt=1).count()
    )
    assert duplicates == 0
    # Some are written up with a lead and signed by the newsroom's author; some are tagged.
    signed = Appearance.objects.filter(article__in=items)
    assert signed.exists()
    assert set(signed.values_list("person__slug", flat=True)) == {newsroom.author.slug}
    assert 0 < sum(bool(a.lead) for a in items) < 500
    assert ArticleTag.objects.filter(content_object__in=items).exists()


def test_every_generated_page_is_served_with_its_headline(client, newsroom):
    generate("--seed", "4")
    for article in generated()[::25]:
        response = client.get(article.get_url())
        assert response.status_code == 200
        soup = soup_of(response)
        assert soup.h1.get_text() == article.title
        lead = soup.select_one("p.lead")
        assert (lead.get_text() if lead else "") == article.lead


def test_archive_and_section_list_them_newest_first(client, newsroom):
    generate("--seed", "5")
    newest = ArticlePage.objects.order_by("-published_at", "-pk")
    assert listed("/latest/", client) == [(a.title, a.get_url()) for a in newest[:40]]
    in_news = newest.child_of(newsroom.news)
    assert listed(newsroom.news.get_url(), client) == [(a.title, a.get_url()) for a in in_news[:40]]
    assert sum(a.latest_revision_id is None for a in newest[:40]) >= 35
    assert generated()[-1].published_at == UNTIL_AT  # the newest is published at --until


def test_the_latest_news_block_shows_them_at_once(client, newsroom):
    def feed_headlines() -> list[str]:
        soup = soup_of(client.get("/"))
        return [a.get_text() for a in soup.select(".latest-news .feed-items a")]

    assert feed_headlines()[0] == "News item number 0"  # now cached
    generate("--seed", "6", "--until", NOW.isoformat(), count=50)
    newest = ArticlePage.objects.order_by("-published_at", "-pk").first()
    assert newest.latest_revision_id is None
    assert feed_headlines()[0] == newest.title


def test_spread_back_in_time_by_day_and_night(newsroom):
    generate("--seed", "7", "--per-day", "300", count=3000)
    moments = [a.published_at.astimezone(KYIV) for a in generated()]
    assert moments == sorted(moments) and moments[-1] == UNTIL_AT
    days = (moments[-1] - moments[0]) / dt.timedelta(days=1)
    assert 8 <= days <= 14  # a few hundred a day, fewer at weekends
    hours = Counter(moment.hour for moment in moments)
    night = sum(hours[h] for h in range(0, 6))
    day = sum(hours[h] for h in range(9, 18))
    assert night < 0.1 * len(moments) < day


def test_the_same_seed_gives_the_same_items(newsroom):
    with rolled_back():
        generate("--seed", "8", count=200)
        first = item_records()
    assert generated() == []
    generate("--seed", "8", count=200)
    assert item_records() == first
    with rolled_back():
        generate("--seed", "9", count=200)
        assert item_records()[-200:] != first


def test_a_second_run_files_after_the_first_without_clashes(client, newsroom):
    generate("--seed", "10", count=300)
    first = {a.pk for a in generated()}
    last_child = {
        section.path: section.get_children().order_by("-path").first().path
        for section in SectionPage.objects.all()
    }
    generate("--seed", "10", count=300)
    items = generated()
    assert len(items) == 600
    assert tree_problems() == []
    for article in items:
        if article.pk not in first:
            assert article.path > last_child[article.path[: -Page.steplen]]
    siblings = Page.objects.values("path", "slug")
    by_parent = Counter((row["path"][: -Page.steplen], row["slug"]) for row in siblings)
    assert max(by_parent.values()) == 1
    assert len({a.translation_key for a in items}) == 600
    second = [a for a in items if a.pk not in first]
    assert client.get(second[-1].get_url()).status_code == 200


def test_a_slug_named_so_by_hand_is_left_to_its_page(client, newsroom):
    with rolled_back():
        generate("--seed", "11", "--sections", "news", count=20)
        planned = [a.slug for a in generated()]
    # Generated slugs end in the page's position under the section.
    first_position = int(planned[0].rsplit("-", 1)[1])
    bases = [slug.rsplit("-", 1)[0] for slug in planned]
    # A page filed by hand now takes the first position, so the third item would be given
    # position first + 3: a slug this page already has.
    by_hand = add_article(
        newsroom.news, "Named by hand", NOW, slug=f"{bases[2]}-{first_position + 3}"
    )
    generate("--seed", "11", "--sections", "news", count=20)
    slugs = [a.slug for a in generated()]
    assert slugs[:2] == [f"{bases[0]}-{first_position + 1}", f"{bases[1]}-{first_position + 2}"]
    assert slugs[2] == f"{bases[2]}-{first_position + 4}"  # the position is skipped
    assert by_hand.slug not in slugs
    assert tree_problems() == []
    assert client.get(by_hand.get_url()).status_code == 200
    assert soup_of(client.get(by_hand.get_url())).h1.get_text() == "Named by hand"


@pytest.mark.parametrize(
    ("sections", "filed_under"),
    [("politics", {"politics"}), ("news", {"news"}), ("politics,news", {"news", "politics"})],
)
def test_sections_option_chooses_where_they_are_filed(newsroom, sections, filed_under):
    generate("--seed", "12", "--sections", sections, count=200)
    assert {section_of(a).slug for a in generated()} == filed_under


def test_a_failure_midway_leaves_nothing_behind(newsroom, monkeypatch):
    def counts() -> dict[str, int]:
        return {
            "pages": Page.objects.count(),
            "articles": ArticlePage.objects.count(),
            "tags": Tag.objects.count(),
            "tagged": ArticleTag.objects.count(),
            "appearances": Appearance.objects.count(),
            "children": sum(SectionPage.objects.values_list("numchild", flat=True)),
        }

    before = counts()
    write = bulk_news.BatchWriter.write
    batches = []

    def fail_in_second_batch(self, items):
        batches.append(len(items))
        if len(batches) == 2:
            raise RuntimeError("the database went away")
        write(self, items)

    monkeypatch.setattr(bulk_news.BatchWriter, "write", fail_in_second_batch)
    with pytest.raises(RuntimeError, match="went away"):
        generate("--seed", "13", "--batch-size", "100")
    assert batches == [100, 100]
    assert counts() == before
    assert tree_problems() == []


def test_without_sections_it_says_what_to_run_first(db):
    # The module's newsroom may be in the database (rolled back after the module): take its
    # sections off the site.
    SectionPage.objects.update(live=False)
    articles = ArticlePage.objects.count()
    with pytest.raises(CommandError, match=r"no live sections.*manage\.py demo_newsroom --seed 1"):
        generate()
    assert ArticlePage.objects.count() == articles


def test_an_unknown_section_is_named(newsroom):
    with pytest.raises(CommandError, match=r"No live section sport .*: news, politics\."):
        generate("--sections", "news,sport")
    assert generated() == []


@pytest.mark.parametrize("option", [("--count", "0"), ("--batch-size", "20000")])
def test_nonsense_sizes_are_refused(newsroom, option):
    with pytest.raises(CommandError):
        call_command("generate_news", "--count", "10", *option, stdout=StringIO())


def test_queries_grow_with_the_batches_not_the_items(newsroom, django_assert_max_num_queries):
    def queries(count: int, batch_size: int) -> int:
        with rolled_back(), CaptureQueriesContext(connection) as captured:
            generate("--seed", "14", "--batch-size", str(batch_size), count=count)
        return len(captured)

    two_batches = queries(500, 250)
    assert queries(1000, 500) == two_batches
    per_batch = (queries(1000, 250) - two_batches) // 2
    assert per_batch == 5  # the pages, their ids, the articles, their tags, their authors
    fixed = two_batches - 2 * per_batch
    with django_assert_max_num_queries(fixed + 4 * per_batch):
        generate("--seed", "14", "--batch-size", "250", count=1000)
    assert fixed < 30


def test_progress_is_shown_while_it_works(newsroom, monkeypatch):
    monkeypatch.setattr(command, "PROGRESS_EVERY", 0.0)
    lines = generate("--seed", "15", "--batch-size", "100").splitlines()
    progress = [PROGRESS.fullmatch(line) for line in lines[:-1]]
    assert all(progress), lines
    assert [(int(p["done"]), int(p["percent"])) for p in progress] == [
        (100, 20),
        (200, 40),
        (300, 60),
        (400, 80),
    ]
    assert SUMMARY.fullmatch(lines[-1] + "\n")
