"""Plan items in the admin: the listing, its filters and its search (plain ORM lookups, the same
on SQLite and PostgreSQL), and the add form."""

import datetime as dt

import lxml.html
import pytest
from django.urls import reverse

from masthead.planning.models import PlanItem, PlanKind, PlanStatus
from tests.planning.conftest import KYIV, plan

pytestmark = pytest.mark.django_db

LISTING = reverse("wagtailsnippets_planning_planitem:list")


def listed(client, **query) -> list[str]:
    response = client.get(LISTING, query)
    assert response.status_code == 200
    doc = lxml.html.fromstring(response.content)
    found = doc.xpath("//table[contains(@class, 'listing')]/tbody/tr/td[@class='title']//a/span")
    return [span.text_content().strip() for span in found]


@pytest.fixture
def items(newsroom):
    return [
        plan(
            "The harvest in the south",
            dt.datetime(2024, 9, 21, 9, 0, tzinfo=KYIV),
            notes="Call the co-op",
        ),
        plan(
            "Evening Studio on the harvest",
            dt.datetime(2024, 9, 21, 19, 0, tzinfo=KYIV),
            kind=PlanKind.BROADCAST,
            programme=newsroom.programme,
            status=PlanStatus.ASSIGNED,
        ),
        plan(
            "Schools reopen", dt.datetime(2024, 9, 22, 9, 0, tzinfo=KYIV), status=PlanStatus.DROPPED
        ),
    ]


def test_the_listing_is_in_planned_order(client, editor, items):
    client.force_login(editor)
    assert listed(client) == [
        "The harvest in the south",
        "Evening Studio on the harvest",
        "Schools reopen",
    ]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("harvest", ["The harvest in the south", "Evening Studio on the harvest"]),
        ("HARVEST", ["The harvest in the south", "Evening Studio on the harvest"]),
        ("co-op", ["The harvest in the south"]),
        ("nothing like it", []),
    ],
)
def test_search_finds_titles_and_notes(client, editor, items, query, expected):
    client.force_login(editor)
    assert listed(client, q=query) == expected


def test_filters(client, editor, items, newsroom):
    client.force_login(editor)
    assert listed(client, kind="broadcast") == ["Evening Studio on the harvest"]
    assert listed(client, status="dropped") == ["Schools reopen"]
    assert listed(client, programme=newsroom.programme.pk) == ["Evening Studio on the harvest"]


def test_an_editor_adds_a_broadcast_with_its_guest(client, editor, newsroom):
    client.force_login(editor)
    response = client.post(
        reverse("wagtailsnippets_planning_planitem:add"),
        {
            "title": "Evening Studio with the analyst",
            "kind": "broadcast",
            "status": "assigned",
            "planned_at": "2024-09-23 19:00",
            "section": "",
            "programme": newsroom.programme.pk,
            "article": "",
            "notes": "",
            "people-TOTAL_FORMS": "1",
            "people-INITIAL_FORMS": "0",
            "people-MIN_NUM_FORMS": "0",
            "people-MAX_NUM_FORMS": "1000",
            "people-0-person": newsroom.guest.pk,
            "people-0-role": "guest",
            "people-0-ORDER": "1",
            "people-0-id": "",
            "people-0-DELETE": "",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    item = PlanItem.objects.get(title="Evening Studio with the analyst")
    # Read on the admin's clock: Wagtail's default (UTC) or, once the admin runs on it, the
    # edition's.
    assert item.planned_at in {
        dt.datetime(2024, 9, 23, 19, 0, tzinfo=KYIV),
        dt.datetime(2024, 9, 23, 19, 0, tzinfo=dt.UTC),
    }
    assert [(e.person, e.role) for e in item.people.all()] == [(newsroom.guest, "guest")]


def test_a_broadcast_without_its_programme_is_refused_on_its_field(client, editor, newsroom):
    client.force_login(editor)
    response = client.post(
        reverse("wagtailsnippets_planning_planitem:add"),
        {
            "title": "A broadcast of nothing",
            "kind": "broadcast",
            "status": "idea",
            "planned_at": "2024-09-23 19:00",
            "people-TOTAL_FORMS": "0",
            "people-INITIAL_FORMS": "0",
            "people-MIN_NUM_FORMS": "0",
            "people-MAX_NUM_FORMS": "1000",
        },
    )
    assert response.status_code == 200
    assert response.context["form"].errors == {"programme": ["A broadcast needs its programme."]}
    assert not PlanItem.objects.exists()
