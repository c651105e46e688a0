"""The dashboard's "What is planned": the next open plan items, for those who plan."""

import datetime as dt

import lxml.html
import pytest
from django.urls import reverse

from masthead.planning.models import PlanKind, PlanStatus
from masthead.planning.panels import next_plan_items
from tests.planning.conftest import KYIV, plan

pytestmark = pytest.mark.django_db


def panel(client):
    response = client.get(reverse("wagtailadmin_home"))
    assert response.status_code == 200
    found = lxml.html.fromstring(response.content).xpath('//*[@id="what-is-planned-section"]')
    return found[0] if found else None


def test_the_panel_lists_the_next_open_plan_items(client, editor, newsroom):
    plan("Already happened", dt.datetime(2024, 9, 20, 9, 0, tzinfo=KYIV))
    plan("Dropped", dt.datetime(2024, 9, 21, 9, 0, tzinfo=KYIV), status=PlanStatus.DROPPED)
    plan("Later", dt.datetime(2024, 9, 22, 9, 0, tzinfo=KYIV), section=newsroom.politics)
    plan(
        "Tonight on air",
        dt.datetime(2024, 9, 20, 19, 0, tzinfo=KYIV),
        kind=PlanKind.BROADCAST,
        programme=newsroom.programme,
        status=PlanStatus.ASSIGNED,
    )
    client.force_login(editor)
    found = panel(client)
    rows = found.xpath(".//tbody/tr")
    assert [row.xpath("td[2]/a")[0].text_content() for row in rows] == ["Tonight on air", "Later"]
    first = rows[0]
    assert first.xpath("td[1]/time")[0].text_content() == "Fri 20 Sep, 19:00"
    assert first.xpath("td[3]")[0].text_content().strip() == "Evening Studio"
    assert first.xpath("td[4]")[0].text_content() == "Assigned"
    links = [a.get("href") for a in found.xpath(".//a")]
    assert reverse("planning:week") in links


def test_the_panel_says_when_nothing_is_planned(client, editor, newsroom):
    client.force_login(editor)
    found = panel(client)
    assert found.xpath(".//table") == []
    assert found.xpath(".//p")[0].text_content() == "Nothing is planned from now on."


def test_those_who_do_not_plan_see_no_panel(client, outsider, newsroom):
    plan("Tonight", dt.datetime(2024, 9, 20, 19, 0, tzinfo=KYIV))
    client.force_login(outsider)
    assert panel(client) is None


def test_the_next_plan_items_cost_one_query(newsroom, django_assert_num_queries):
    for hour in range(19, 23):
        plan(
            f"At {hour}",
            dt.datetime(2024, 9, 20, hour, 0, tzinfo=KYIV),
            programme=newsroom.programme,
        )
    with django_assert_num_queries(1):
        items = next_plan_items(limit=3)
        assert [i.programme.title for i in items] == ["Evening Studio"] * 3
