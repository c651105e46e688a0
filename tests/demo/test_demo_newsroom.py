"""``manage.py demo_newsroom``: a complete, live newsroom that readers can browse, the same for
the same seed and clock, and left alone when it already exists.

The full newsroom is built once for the module inside a transaction that is rolled back at the
end, so the rest of the suite finds its empty database again; each test runs in a savepoint
inside it.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import zoneinfo
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from io import StringIO
from typing import Any
from urllib.parse import urljoin, urlsplit

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db import connection, transaction
from django.db.models import Count
from django.test import override_settings
from taggit.models import Tag
from wagtail.images.models import Image
from wagtail.models import Collection, Page, Revision, Site

from masthead.articles.models import Appearance, ArticlePage
from masthead.demo.content.outlet import BRAND
from masthead.demo.forecasts import planned_archive
from masthead.demo.newsroom import COLLECTION_NAME
from masthead.demo.plan import SIZES, NewsroomPlan, PageRef, PersonRef
from masthead.demo.planner import plan_newsroom
from masthead.editions.models import Edition
from masthead.forecasts.models import Forecast
from masthead.frontpage.models import FrontPage
from masthead.people.models import Person
from masthead.policies.models import INDICATORS, PolicyPage, TrustPolicies
from masthead.programmes.models import Programme
from masthead.sections.models import SectionPage

NOW = "2024-09-20T15:00:00+00:00"
NOW_AT = dt.datetime.fromisoformat(NOW)
KYIV = zoneinfo.ZoneInfo("Europe/Kyiv")
STORY_KINDS = ("interview", "analysis")


def demo_newsroom(*args: str) -> str:
    output = StringIO()
    call_command("demo_newsroom", "--now", NOW, *args, stdout=output)
    return output.getvalue()


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker) -> Iterator[str]:
    """The full demo newsroom (seed 1), built once; the command's output."""
    with django_db_blocker.unblock(), transaction.atomic():
        yield demo_newsroom("--seed", "1")
        transaction.set_rollback(True)


def counts() -> dict[str, int]:
    return {
        "sections": SectionPage.objects.count(),
        "people": Person.objects.count(),
        "programmes": Programme.objects.count(),
        "articles": ArticlePage.objects.count(),
        "appearances": Appearance.objects.count(),
        "images": Image.objects.count(),
        "revisions": Revision.objects.count(),
        "users": get_user_model().objects.count(),
    }


def body_of(article: ArticlePage) -> list[dict]:
    return list(article.body.raw_data)


def newsroom_digest() -> str:
    """A hash of every article's path, headline, time, kind, lead and body, with the people and
    pages a body names given by slug and path rather than by key (keys differ between builds)."""
    slugs = dict(Person.objects.values_list("pk", "slug"))
    root = FrontPage.objects.get().url_path
    paths = {
        pk: url_path.removeprefix(root).strip("/")
        for pk, url_path in Page.objects.values_list("pk", "url_path")
    }
    return _hash(
        [
            paths[article.pk],
            article.title,
            article.published_at.isoformat(),
            article.kind,
            article.lead,
            [_named(block, slugs.get, paths.get) for block in body_of(article)],
        ]
        for article in planned_articles()
    )


def planned_articles():
    """The articles of the plan: every one but tonight's broadcast, which the demo reads from
    its transcript into a draft (masthead/demo/forecasts.py) for the desk to finish."""
    return ArticlePage.objects.exclude(plan_items__kind="broadcast", live=False)


def plan_digest(plan: NewsroomPlan) -> str:
    """The same hash, computed from the plan (and the forecasts' archive, planned the same way
    for the plan's clock) without a database."""

    def person(ref: PersonRef) -> str:
        return ref.slug

    def page(ref: PageRef) -> str:
        return f"{ref.section}/{ref.slug}" if ref.slug else ref.section

    return _hash(
        [
            page(article.ref),
            article.title,
            article.published_at.isoformat(),
            article.kind,
            article.lead,
            [_named({"type": b.type, "value": b.value}, person, page) for b in article.body],
        ]
        for article in (*plan.articles, *(a for _, a in planned_archive(plan.now)))
    )


def _named(block: dict, person: Callable[[Any], str], page: Callable[[Any], str]) -> dict:
    kind, value = block["type"], block["value"]
    if kind == "pull_quote":
        value = {**value, "person": person(value["person"])}
    elif kind == "question":
        value = {**value, "speaker": person(value["speaker"])}
    elif kind == "read_also":
        value = {**value, "links": [page(link) for link in value["links"]]}
    return {"type": kind, "value": value}


def _hash(rows: Iterable[list]) -> str:
    ordered = sorted(rows, key=lambda row: row[0])  # by path, which is unique
    return hashlib.sha256(json.dumps(ordered, sort_keys=True).encode()).hexdigest()


def test_edition_sections_people_and_programmes(demo, db):
    edition = Edition.for_site(Site.objects.get(is_default_site=True))
    assert (edition.brand, edition.time_zone) == (BRAND, "Europe/Kyiv")
    assert edition.tagline

    sections = SectionPage.objects.child_of(FrontPage.objects.get()).live().order_by("path")
    assert [s.title for s in sections] == ["News", "Politics", "War", "Economy", "World", "Opinion"]
    assert all(s.show_in_menus and s.intro for s in sections)

    people = list(Person.objects.select_related("photo"))
    assert 9 <= len(people) <= 12
    for person in people:
        assert person.description and person.photo and person.photo.width == 400
        assert 2 <= person.bio.count(". ") + 1 <= 3, person.bio

    programmes = Programme.objects.prefetch_related("hosts")
    assert programmes.count() == 2
    hosts = {host.person_id for programme in programmes for host in programme.hosts.all()}
    assert len(hosts) == 2
    assert all(p.description and p.schedule and p.image_id for p in programmes)

    authors = set(Appearance.objects.filter(role="author").values_list("person", flat=True))
    assert len(authors - hosts) >= 3


def test_the_newsroom_publishes_its_standards(demo, db):
    front = FrontPage.objects.get()
    policies = PolicyPage.objects.child_of(front).live()
    assert policies.count() == len(INDICATORS)
    assert not policies.filter(live_revision__isnull=True).exists()
    setting = TrustPolicies.objects.get(site__is_default_site=True)
    chosen = {getattr(setting, f"{indicator.field}_id") for indicator in INDICATORS}
    assert chosen == set(policies.values_list("pk", flat=True))  # one page for each indicator
    for policy in policies:
        text = BeautifulSoup(policy.body, "html.parser").get_text(" ")
        assert policy.intro and 2 <= text.count(". ") + 1 <= 8, policy.slug
    profiled = [person for person in Person.objects.all() if person.same_as]
    hosts = [urlsplit(address).hostname for person in profiled for address in person.same_as]
    assert hosts and all(host.endswith(".example") for host in hosts)  # invented people


def test_interviews_and_analyses_read_like_the_real_thing(demo, db):
    stories = list(planned_articles().filter(kind__in=STORY_KINDS).prefetch_related("appearances"))
    assert len(stories) >= 20
    assert ArticlePage.objects.filter(kind="opinion").exists()
    for story in stories:
        assert story.lead and story.main_image_id and story.main_image_caption
        assert story.main_image_credit and story.tags.exists()
        roles = Counter(a.role for a in story.appearances.all())
        guests = [a for a in story.appearances.all() if a.role == "guest"]
        assert roles["author"] == 1 and guests and guests[0].credentials

        body = body_of(story)
        kinds = Counter(block["type"] for block in body)
        assert 8 <= len(body) <= 20, kinds
        assert 2 <= kinds["pull_quote"] <= 5
        assert all(b["value"]["person"] for b in body if b["type"] == "pull_quote")
        assert body[-1]["type"] == "read_also" and body[-1]["value"]["links"]
        assert body[0]["type"] == "paragraph" and body[0]["value"].startswith("<p>")
        if story.kind == "interview":
            host = next(a.person_id for a in story.appearances.all() if a.role == "host")
            assert story.programme_id
            assert 1 <= kinds["question"] <= 3
            assert {b["value"]["speaker"] for b in body if b["type"] == "question"} == {host}


def test_a_week_of_news_filed_mostly_under_news(demo, db):
    news = ArticlePage.objects.filter(kind="news")
    assert 280 <= news.count() <= 320
    times = [t.astimezone(KYIV) for t in news.values_list("published_at", flat=True)]
    assert max(times) < NOW_AT
    assert len({t.date() for t in times}) >= 5
    day = sum(1 for t in times if 8 <= t.hour < 22)
    assert day > 3 * (len(times) - day)  # several an hour by day, a few at night
    under_news = news.filter(url_path__startswith=FrontPage.objects.get().url_path + "news/")
    assert under_news.count() > news.count() / 2
    with_body = sum(1 for body in news.values_list("body", flat=True) if body)
    assert 0 < with_body < news.count() / 3
    assert not news.exclude(lead="").exists()


def test_every_article_is_live_from_a_published_revision(demo, db):
    articles = planned_articles()
    assert not articles.filter(live=False).exists()
    # The one draft: tonight's broadcast, read from its transcript.
    (draft,) = ArticlePage.objects.filter(live=False)
    assert draft.plan_items.get().kind == "broadcast"
    assert not articles.filter(live_revision__isnull=True).exists()
    assert not articles.filter(has_unpublished_changes=True).exists()
    # One revision each, and a second for each article corrected after it was published.
    corrected = articles.exclude(corrections=None).distinct().count()
    assert corrected == 3
    assert (
        Revision.page_revisions.filter(
            object_id__in=[str(pk) for pk in articles.values_list("pk", flat=True)]
        ).count()
        == articles.count() + corrected
    )


def test_the_demo_prints_a_login_for_each_role_that_works(demo, db):
    from django.contrib.auth import authenticate

    logins = {}
    for line in demo.splitlines():
        role, sep, rest = line.strip().partition(": user: ")
        if sep:
            username, _, password = rest.partition("  password: ")
            logins[role] = (username, password)
    assert set(logins) == {"Reporter", "Editor", "Chief editor"}
    for role, (username, password) in logins.items():
        user = authenticate(username=username, password=password)
        assert user is not None, role
        assert [group.name for group in user.groups.all()] == [f"{role}s"]


def test_top_stories_and_the_admin_user(demo, db):
    front = FrontPage.objects.get()
    picks = [story.article for story in front.top_stories.select_related("article")]
    assert len(picks) == 7 and all(article.kind in STORY_KINDS for article in picks)
    assert front.live_revision_id

    admin = get_user_model().objects.get(username="admin")
    assert admin.is_superuser and admin.check_password("masthead-demo")
    assert "Admin: http://127.0.0.1:8000/admin/  user: admin  password: masthead-demo" in demo


def test_reader_pages_respond(demo, db, client):
    interview = ArticlePage.objects.filter(kind="interview").first()
    root = FrontPage.objects.get().url_path
    urls = [
        "/",
        "/latest/",
        "/" + interview.url_path.removeprefix(root),
        f"/people/{Person.objects.first().slug}/",
        f"/programmes/{Programme.objects.first().slug}/",
        *("/" + s.url_path.removeprefix(root) for s in SectionPage.objects.all()),
    ]
    for url in urls:
        assert client.get(url).status_code == 200, url

    page = BeautifulSoup(client.get(urls[2]).content, "html.parser")
    assert page.h1.get_text() == interview.title
    assert len(page.select(".pull-quote")) >= 2 and page.select(".question")


def _older_link(client, url: str) -> str | None:
    link = BeautifulSoup(client.get(url).content, "html.parser").select_one('a[rel="next"]')
    return urljoin(url, link["href"]) if link else None


def reader_pages(client) -> dict[str, str]:
    """One URL of every kind of reader page in the demo, the busiest of each where it matters."""
    root = FrontPage.objects.get().url_path

    def path(page) -> str:
        return "/" + page.url_path.removeprefix(root)

    person = Person.objects.annotate(n=Count("appearances")).order_by("-n").first()
    tag = Tag.objects.annotate(n=Count("articles_articletag_items")).order_by("-n").first()
    deepest = "/latest/"
    while (older := _older_link(client, deepest)) is not None:
        deepest = older
    return {
        "front page": "/",
        "section": path(SectionPage.objects.get(slug="news")),
        "interview": path(ArticlePage.objects.filter(kind="interview", forecasts=None).first()),
        "interview with forecasts": path(
            ArticlePage.objects.filter(kind="interview").exclude(forecasts=None).first()
        ),
        "forecast": f"/forecasts/{Forecast.objects.exclude(resolutions=None).first().uid}/",
        "forecasts": "/forecasts/",
        "analysis": path(ArticlePage.objects.filter(kind="analysis").first()),
        "news item": path(ArticlePage.objects.filter(kind="news", corrections=None).first()),
        "news item with corrections": path(
            ArticlePage.objects.filter(kind="news").exclude(corrections=None).first()
        ),
        "latest": "/latest/",
        "latest, deepest page": deepest,
        "tag": f"/tags/{tag.slug}/",
        "person": f"/people/{person.slug}/",
        "programme": f"/programmes/{Programme.objects.first().slug}/",
        "people": "/people/",
        "programmes": "/programmes/",
        "policy page": path(PolicyPage.objects.get(slug="ethics")),
        "corrections": "/corrections/",
        "search": f"/search/?q={person.name.split()[-1]}",
        "search, filtered by date": "/search/?q=energy&sort=newest&since=2024-01-01",
        "search suggestions": "/search/suggest/?q=ole",
    }


# Queries per page over the whole demo newsroom: with nothing cached (every fragment built for
# this request) and with shared values cached. The ceiling is 8 for every page. The trust
# policies' pages, which every page's structured data links to, are kept under the edition's key
# however the fragment cache is set, like the editions snapshot. Search is the search and a page
# of its documents; its directory of people and tags is shared however the fragment cache is set.
QUERY_BUDGETS = {
    "front page": (5, 1),
    "section": (3, 2),
    "interview": (7, 1),
    # Its forecasts marked in the text: one query more, in the fragment kept.
    "interview with forecasts": (8, 1),
    "forecast": (6, 4),
    "forecasts": (5, 3),
    "analysis": (7, 1),
    "news item": (6, 1),
    "news item with corrections": (7, 1),
    "latest": (2, 1),
    "latest, deepest page": (2, 1),
    "tag": (4, 2),
    "person": (6, 4),  # its track record kept as a shared value
    "programme": (4, 3),
    "people": (2, 1),
    "programmes": (2, 1),
    "policy page": (2, 1),
    "corrections": (3, 1),
    "search": (4, 2),
    "search, filtered by date": (4, 2),
    "search suggestions": (0, 0),
}


def planning(name: str) -> int:
    """On PostgreSQL a search plans its statements for the words searched: one statement in a
    savepoint of its own (``masthead.search.queries._planned_for_these_words``)."""
    searches = name.startswith("search") and name != "search suggestions"
    return 3 if searches and connection.vendor == "postgresql" else 0


@pytest.mark.parametrize("cached", [False, True], ids=["nothing cached", "shared values cached"])
def test_every_reader_page_keeps_its_query_budget(
    built_pages, demo, db, client, cached, django_assert_num_queries
):
    pages = reader_pages(client)
    assert pages.keys() == QUERY_BUDGETS.keys()
    with override_settings(MASTHEAD_FRAGMENT_CACHE=cached):
        for name, url in pages.items():
            client.get(url)  # the editions snapshot (and, cached, the shared values) warmed
            budget = QUERY_BUDGETS[name][cached] + planning(name)
            assert budget <= 8
            with django_assert_num_queries(budget):
                assert client.get(url).status_code == 200, (name, url)


def test_every_reader_page_once_kept_costs_no_query(demo, db, client, django_assert_num_queries):
    """With the default settings a page is kept whole (masthead/edge/kept.py): the first build
    learns its keys, the second is kept, and from then on it is given with no query at all."""
    for name, url in reader_pages(client).items():
        client.get(url)
        client.get(url)
        with django_assert_num_queries(0):
            response = client.get(url)
        assert (response.status_code, "Age" in response) == (200, True), (name, url)


def test_editors_can_open_a_story_in_the_admin(demo, db, client):
    client.force_login(get_user_model().objects.get(username="admin"))
    interview = ArticlePage.objects.filter(kind="interview").first()
    response = client.get(f"/admin/pages/{interview.pk}/edit/")
    assert response.status_code == 200
    form = BeautifulSoup(response.content, "html.parser")
    assert form.find("textarea", attrs={"name": "lead"}).get_text().strip() == interview.lead


def test_the_same_seed_and_clock_give_the_same_newsroom(demo, db):
    plan = plan_newsroom(1, NOW_AT, SIZES["full"])
    assert newsroom_digest() == plan_digest(plan)
    assert plan_digest(plan_newsroom(1, NOW_AT, SIZES["full"])) == plan_digest(plan)
    assert plan_digest(plan_newsroom(2, NOW_AT, SIZES["full"])) != plan_digest(plan)


def test_a_second_run_changes_nothing(demo, db):
    before = counts()
    assert "already exists" in demo_newsroom("--seed", "5")
    assert counts() == before


def test_the_admin_login_names_where_the_admin_is_served(demo, db, settings):
    # `make serve-production PORT=8100` serves the admin on 8100, not the default 8000.
    settings.WAGTAILADMIN_BASE_URL = "http://127.0.0.1:8100"

    output = demo_newsroom("--seed", "1").splitlines()

    assert "Admin: http://127.0.0.1:8100/admin/  user: admin  password: masthead-demo" in output


def test_reset_rebuilds_the_same_newsroom(demo, db):
    before = counts()
    demo_newsroom("--seed", "7", "--size", "small", "--reset")
    first = newsroom_digest()
    assert first == plan_digest(plan_newsroom(7, NOW_AT, SIZES["small"]))
    assert Person.objects.count() == before["people"]
    assert PolicyPage.objects.count() == len(INDICATORS)  # the standards, rebuilt once
    assert get_user_model().objects.count() == before["users"]
    assert Collection.objects.filter(name=COLLECTION_NAME).count() == 1
    pictures = Image.objects.filter(collection__name=COLLECTION_NAME).count()
    assert Image.objects.count() == pictures == 11 + 2 + 5 + 5  # the forecasts' archive: 5

    demo_newsroom("--seed", "7", "--size", "small", "--reset")
    assert newsroom_digest() == first
    assert Image.objects.count() == pictures


def test_the_demo_has_forecasts_resolved_pending_and_due_and_a_transcribed_broadcast(
    demo, db, client
):
    from masthead.forecasts.models import Forecast, Status
    from masthead.planning.models import PlanItem, PlanKind

    statuses = Counter(Forecast.objects.values_list("status", flat=True))
    assert statuses == {
        Status.CAME_TRUE: 4, Status.DID_NOT: 3, Status.PARTLY: 1, Status.UNRESOLVABLE: 1,
        Status.PENDING: 2,
    }  # fmt: skip
    (revised,) = [f for f in Forecast.objects.all() if f.resolutions.count() == 2]
    assert revised.status == Status.DID_NOT  # the earlier "came true" kept in its history
    assert Forecast.objects.filter(status=Status.PENDING, horizon_latest__lt=NOW_AT.date())
    index = BeautifulSoup(client.get("/forecasts/").content, "html.parser")
    assert len(index.select("ol.forecasts > li")) == Forecast.objects.count() == 11
    broadcast = PlanItem.objects.get(kind=PlanKind.BROADCAST, article__isnull=False)
    draft = broadcast.article.get_latest_revision_as_object()
    assert not broadcast.article.live
    kinds = [block.block_type for block in draft.body]
    assert kinds[0] == "question" and "paragraph" in kinds
    proposed = [b.value["quote"] for b in draft.body if b.block_type == "pull_quote"]
    assert proposed and all(b.value["proposed"] for b in draft.body if b.block_type == "pull_quote")
