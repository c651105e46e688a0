"""Plan items: what they hold, what they refuse, and their status following their article."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command

from masthead.planning.models import ExpectedRole, PlanItem, PlanKind, PlanStatus
from masthead.planning.signals import article_published
from tests.conftest import publish
from tests.emitted import recording as emitted
from tests.planning.conftest import KYIV, draft, plan, schedule

pytestmark = pytest.mark.django_db


def test_a_plan_item_holds_its_people_in_order(newsroom):
    item = plan(
        "Evening Studio on the harvest",
        dt.datetime(2024, 9, 23, 19, 0, tzinfo=KYIV),
        kind=PlanKind.BROADCAST,
        programme=newsroom.programme,
        people=[(newsroom.guest, ExpectedRole.GUEST), (newsroom.host, ExpectedRole.HOST)],
    )
    item = PlanItem.objects.get(pk=item.pk)
    assert [(e.person.name, e.role) for e in item.people.all()] == [
        ("Taras Guest", "guest"),
        ("Oksana Host", "host"),
    ]
    assert item.status == PlanStatus.IDEA
    assert item.planned_at == dt.datetime(2024, 9, 23, 16, 0, tzinfo=dt.UTC)
    assert str(item) == "Evening Studio on the harvest"


def test_a_broadcast_needs_its_programme(newsroom):
    item = PlanItem(
        title="A broadcast of nothing", kind=PlanKind.BROADCAST, planned_at=dt.datetime.now(dt.UTC)
    )
    with pytest.raises(ValidationError) as raised:
        item.full_clean()
    assert list(raised.value.message_dict) == ["programme"]


def test_a_story_needs_neither_section_nor_programme(newsroom):
    PlanItem(title="An idea", planned_at=dt.datetime.now(dt.UTC)).full_clean()


def test_publishing_the_linked_article_marks_the_plan_published(newsroom):
    article = draft(newsroom.politics, "The budget and the schools")
    item = plan(
        "Schools and the budget",
        dt.datetime(2024, 9, 21, 10, 0, tzinfo=KYIV),
        article=article,
        status=PlanStatus.FILED,
    )
    other = plan("Another story", dt.datetime(2024, 9, 21, 11, 0, tzinfo=KYIV))
    publish(article)
    item.refresh_from_db()
    other.refresh_from_db()
    assert item.status == PlanStatus.PUBLISHED
    assert other.status == PlanStatus.IDEA


def test_scheduling_the_linked_article_does_not(newsroom):
    article = draft(
        newsroom.politics,
        "Tomorrow's story",
        go_live_at=dt.datetime(2024, 9, 21, 9, 0, tzinfo=KYIV),
    )
    item = plan("Tomorrow", dt.datetime(2024, 9, 21, 9, 0, tzinfo=KYIV), article=article)
    article.save_revision().publish()
    item.refresh_from_db()
    assert item.status == PlanStatus.IDEA


def test_the_plan_is_published_when_its_scheduled_article_goes_live(newsroom, time_machine):
    go_live = dt.datetime(2024, 9, 21, 9, 0, tzinfo=KYIV)
    article = schedule(newsroom.politics, "Saturday's story", go_live)
    item = plan("Saturday", go_live, article=article, status=PlanStatus.FILED)
    time_machine.move_to(go_live + dt.timedelta(minutes=1), tick=False)
    call_command("publish_scheduled")
    item.refresh_from_db()
    assert item.status == PlanStatus.PUBLISHED


def test_linking_an_article_already_live_marks_the_plan_published(newsroom):
    item = plan("The week explained", dt.datetime(2024, 9, 20, 9, 0, tzinfo=KYIV))
    item.article = newsroom.interview
    item.save(update_fields=["article"])
    item.refresh_from_db()
    assert item.status == PlanStatus.PUBLISHED


def test_plan_items_emit_no_cache_keys(newsroom):
    article = draft(newsroom.politics, "Quietly planned")
    with emitted() as keys:
        item = plan("Quietly planned", dt.datetime(2024, 9, 21, 9, 0, tzinfo=KYIV), article=article)
        item.status = PlanStatus.ASSIGNED
        item.save()
        # What the receiver does on publish, alone: a plan's status is never public.
        article.live = True
        article_published(sender=type(article), instance=article)
        item.delete()
    assert keys == set()


def test_deleting_the_article_or_the_section_keeps_the_plan(newsroom):
    article = schedule(
        newsroom.news, "Scheduled and planned", dt.datetime(2024, 9, 22, 9, 0, tzinfo=KYIV)
    )
    item = plan(
        "Planned",
        dt.datetime(2024, 9, 22, 9, 0, tzinfo=KYIV),
        section=newsroom.news,
        article=article,
        people=[(newsroom.author, ExpectedRole.REPORTER)],
    )
    article.delete()
    item.refresh_from_db()
    assert item.article is None and item.section_id == newsroom.news.pk
    assert item.people.count() == 1
    newsroom.news.delete()
    item.refresh_from_db()
    assert item.section is None
