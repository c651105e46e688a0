"""The planning calendar in Chromium: an editor opens the week, finds a broadcast beside its
write-up, and reschedules with the plain form (no JavaScript) and by dragging onto a day."""

from __future__ import annotations

import datetime as dt

import pytest

from masthead.planning.models import ExpectedPerson, ExpectedRole, PlanItem, PlanKind
from tests.browser.conftest import LIVE_DB
from tests.conftest import Newsroom
from tests.planning.conftest import KYIV, user_in_group

pytestmark = [pytest.mark.browser, LIVE_DB]

WEEK = "/admin/planning/week/?week=2024-09-16&by=programme"


@pytest.fixture
def calendar(frozen_now, django_user_model):
    newsroom = Newsroom(news_items=4)
    user_in_group(
        django_user_model,
        "editor",
        ["planning.view_planitem", "planning.add_planitem", "planning.change_planitem"],
        publish=True,
    )
    broadcast = PlanItem(
        title="Evening Studio: the guest on the week",
        kind=PlanKind.BROADCAST,
        programme=newsroom.programme,
        planned_at=dt.datetime(2024, 9, 19, 19, 0, tzinfo=KYIV),
    )
    broadcast.people = [
        ExpectedPerson(person=newsroom.guest, role=ExpectedRole.GUEST, sort_order=0),
        ExpectedPerson(person=newsroom.host, role=ExpectedRole.HOST, sort_order=1),
    ]
    broadcast.save()
    write_up = PlanItem.objects.create(
        title="The guest's interview, written up",
        programme=newsroom.programme,
        section=newsroom.politics,
        planned_at=dt.datetime(2024, 9, 19, 21, 30, tzinfo=KYIV),
    )
    return {"newsroom": newsroom, "broadcast": broadcast, "write_up": write_up}


def log_in(page, live_server) -> None:
    page.goto(live_server.url + "/admin/login/")
    page.fill("#id_username", "editor")
    page.fill("#id_password", "pw")
    page.click("button[type=submit]")
    page.wait_for_url(live_server.url + "/admin/")


def entries_in(page, group: str, day: str) -> list[str]:
    cell = page.locator(f'tr[data-group="{group}"] td[data-day="{day}"] > ul > li .planning-title')
    return cell.all_inner_texts()


def test_an_editor_reschedules_without_javascript(calendar, live_server, browser):
    context = browser.new_context(
        viewport={"width": 1400, "height": 900}, java_script_enabled=False
    )
    page = context.new_page()
    log_in(page, live_server)
    page.goto(live_server.url + WEEK)
    assert page.locator(".planning-hint").count() == 0  # the script did not run
    group = f"programme-{calendar['newsroom'].programme.pk}"
    assert entries_in(page, group, "2024-09-19") == [
        "Evening Studio: the guest on the week",
        "The guest's interview, written up",
    ]

    write_up = calendar["write_up"]
    entry = page.locator(f"#entry-plan-{write_up.pk}")
    entry.locator("summary").click()
    entry.get_by_label("New time").fill("2024-09-21T09:15")
    entry.get_by_role("button", name="Move").click()
    page.wait_for_load_state()
    assert entries_in(page, group, "2024-09-21") == ["The guest's interview, written up"]
    assert page.locator(".messages").inner_text().strip().startswith("Moved “The guest's interview")
    write_up.refresh_from_db()
    assert write_up.planned_at == dt.datetime(2024, 9, 21, 9, 15, tzinfo=KYIV)

    # A time that is not one is answered beside the item, and nothing moves.
    entry = page.locator(f"#entry-plan-{write_up.pk}")
    entry.locator("summary").click()
    entry.get_by_label("New time").fill("")
    # Past the browser's own check (the field is required), the server's answer is shown.
    entry.locator("form").evaluate("form => { form.noValidate = true; }")
    entry.get_by_role("button", name="Move").click()
    page.wait_for_load_state()
    entry = page.locator(f"#entry-plan-{write_up.pk}")
    assert entry.get_by_role("alert").inner_text() == "Give the new date and time."
    assert entry.get_by_label("New time").get_attribute("aria-invalid") == "true"
    write_up.refresh_from_db()
    assert write_up.planned_at == dt.datetime(2024, 9, 21, 9, 15, tzinfo=KYIV)
    context.close()


def test_an_editor_drags_a_broadcast_onto_another_day(calendar, live_server, page):
    log_in(page, live_server)
    page.goto(live_server.url + WEEK)
    group = f"programme-{calendar['newsroom'].programme.pk}"
    broadcast = calendar["broadcast"]
    # The enhancement says what it adds.
    assert page.locator(".planning-hint").inner_text().startswith("Drag an item")
    source = page.locator(f"#entry-plan-{broadcast.pk}")
    assert source.get_attribute("draggable") == "true"
    with page.expect_navigation():
        source.drag_to(page.locator(f'tr[data-group="{group}"] td[data-day="2024-09-20"]'))
    assert entries_in(page, group, "2024-09-20") == ["Evening Studio: the guest on the week"]
    broadcast.refresh_from_db()
    assert broadcast.planned_at == dt.datetime(2024, 9, 20, 19, 0, tzinfo=KYIV)


def test_the_calendar_has_no_serious_accessibility_violations(calendar, live_server, page):
    from axe_playwright_python.sync_playwright import Axe

    log_in(page, live_server)
    page.goto(live_server.url + WEEK)
    results = Axe().run(page, context="[data-planning-calendar]")
    serious = [
        (v["id"], v["impact"], [n["target"] for n in v["nodes"]][:3])
        for v in results.response["violations"]
        if v["impact"] in {"serious", "critical"}
    ]
    assert serious == [], serious
