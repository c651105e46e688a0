"""The demo's planning week (masthead/demo/planning_items.py): broadcasts beside their
write-ups, statuses by the demo's "now", and the same week however often it is made."""

import datetime as dt

import pytest

from masthead.demo.content.people import PEOPLE, PROGRAMMES
from masthead.demo.planning_items import add_planned_week
from masthead.people.models import Person
from masthead.planning.models import PlanItem, PlanKind, PlanStatus
from masthead.programmes.models import Programme, ProgrammeHost
from tests.planning.conftest import KYIV

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(newsroom):
    people = {b.slug: Person.objects.create(name=b.name, slug=b.slug) for b in PEOPLE}
    programmes = {}
    for brief in PROGRAMMES:
        programme = Programme.objects.create(title=brief.title, slug=brief.slug)
        ProgrammeHost.objects.create(programme=programme, person=people[brief.host])
        programmes[brief.slug] = programme
    slugs = ("news", "politics", "war", "economy", "world", "opinion")
    sections = {slug: newsroom.politics if slug != "news" else newsroom.news for slug in slugs}
    return {"sections": sections, "programmes": programmes, "people": people}


def test_a_week_of_broadcasts_and_plans(demo):
    now = dt.datetime(2024, 9, 20, 18, 0, tzinfo=KYIV)  # Friday evening
    count = add_planned_week(**demo, now=now)
    items = list(PlanItem.objects.order_by("planned_at"))
    assert count == len(items) == 5 * 2 + 7 + 5
    local_days = {i.planned_at.astimezone(KYIV).date() for i in items}
    assert min(local_days) == dt.date(2024, 9, 16) and max(local_days) == dt.date(2024, 9, 22)

    friday = [i for i in items if i.planned_at.astimezone(KYIV).date() == dt.date(2024, 9, 20)]
    evening = demo["programmes"]["evening-dialogue"]
    broadcast, write_up = [i for i in friday if i.programme == evening]
    assert broadcast.kind == PlanKind.BROADCAST and write_up.kind == PlanKind.STORY
    assert broadcast.planned_at.astimezone(KYIV).time() == dt.time(20, 0)
    assert [(e.person.slug, e.role) for e in broadcast.people.all()] == [
        ("oleksandra-pyvovar", "guest"),
        ("yaryna-bilous", "host"),
    ]
    # Tonight's broadcast is still ahead; Monday's has aired and its write-up is filed.
    assert broadcast.status == PlanStatus.ASSIGNED
    monday = items[0:4]
    assert {i.status for i in monday if i.kind == PlanKind.BROADCAST} == {PlanStatus.PUBLISHED}
    assert PlanItem.objects.filter(status=PlanStatus.DROPPED).count() == 1


def test_made_twice_it_is_the_same_week(demo):
    now = dt.datetime(2024, 9, 20, 18, 0, tzinfo=KYIV)
    add_planned_week(**demo, now=now)
    first = sorted(PlanItem.objects.values_list("title", "planned_at", "status"))
    people = sorted(PlanItem.objects.values_list("title", "people__person__slug", "people__role"))
    add_planned_week(**demo, now=now)
    assert sorted(PlanItem.objects.values_list("title", "planned_at", "status")) == first
    assert (
        sorted(PlanItem.objects.values_list("title", "people__person__slug", "people__role"))
        == people
    )
