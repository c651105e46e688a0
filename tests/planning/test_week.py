"""The week view: what it shows where, on the edition's clock, grouped two ways, for whom, and
in how many queries."""

import datetime as dt

import lxml.html
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils.text import slugify

from masthead.planning.models import PlanKind
from tests.conftest import add_article
from tests.planning.conftest import KYIV, WEEK, has_class, plan, schedule, submit_for_review

pytestmark = pytest.mark.django_db

URL = reverse("planning:week")


def week_page(client, status: int = 200, **query) -> lxml.html.HtmlElement:
    response = client.get(URL, query)
    assert response.status_code == status
    assert response["Content-Type"].startswith("text/html")
    return lxml.html.fromstring(response.content)


def days(doc) -> list[str]:
    return [
        th.get("data-day")
        for th in doc.xpath(f"//table[{has_class('planning-week')}]/thead//th[@data-day]")
    ]


def rows(doc) -> list[str]:
    return [
        th.text_content().strip()
        for th in doc.xpath(f"//table[{has_class('planning-week')}]/tbody//th")
    ]


def cell(doc, group: str, day: str):
    (row,) = [
        tr
        for tr in doc.xpath(f"//table[{has_class('planning-week')}]/tbody/tr")
        if tr.xpath("th")[0].text_content().strip() == group
    ]
    (found,) = row.xpath(f'td[@data-day="{day}"]')
    return found


def titles(element, *, published: bool = False) -> list[str]:
    where = f"details[{has_class('planning-published')}]//" if published else "ul/li//"
    found = element.xpath(f"{where}*[{has_class('planning-title')}]")
    return [a.text_content().strip() for a in found]


def test_a_broadcast_and_its_write_up_sit_side_by_side_by_programme(client, editor, week_of_plans):
    client.force_login(editor)
    doc = week_page(client, week="2024-09-18", by="programme")
    assert days(doc) == [f"2024-09-{d}" for d in range(16, 23)]
    assert doc.xpath(f"//*[{has_class('planning-week-title')}]")[0].text_content().split("(")[
        0
    ].split() == [
        "Week",
        "of",
        "16",
        "September",
        "2024",
        "\N{EN DASH}",
        "22",
        "September",
        "2024",
    ]
    thursday = cell(doc, "Evening Studio", "2024-09-19")
    assert titles(thursday) == [
        "Evening Studio: the guest on the week",
        "The guest's interview, written up",
    ]
    kinds = [li.get("data-kind") for li in thursday.xpath(f".//li[{has_class('planning-entry')}]")]
    assert kinds == ["broadcast", "plan"]
    times = [t.text_content() for t in thursday.xpath(f".//time[{has_class('planning-time')}]")]
    assert times == ["19:00", "21:30"]
    people = thursday.xpath(f".//li[{has_class('planning-entry')}]")[0].xpath(
        f".//*[{has_class('planning-people')}]"
    )[0]
    assert people.text_content() == "Taras Guest (guest), Oksana Host (host)"
    # Everything without a programme, the scheduled article among it, in the last row.
    assert rows(doc)[-1] == "No programme"
    assert titles(cell(doc, "No programme", "2024-09-22")) == ["The bridge reopens on Sunday"]


def test_by_section_the_plans_sit_with_their_sections(client, editor, week_of_plans):
    client.force_login(editor)
    doc = week_page(client, week="2024-09-16", by="section")
    assert rows(doc) == ["News", "Politics", "No section"]
    assert titles(cell(doc, "Politics", "2024-09-19")) == ["The guest's interview, written up"]
    assert titles(cell(doc, "Politics", "2024-09-21")) == ["What the new budget means for schools"]
    assert titles(cell(doc, "No section", "2024-09-19")) == [
        "Evening Studio: the guest on the week"
    ]
    (scheduled,) = cell(doc, "News", "2024-09-22").xpath(f".//li[{has_class('planning-entry')}]")
    assert scheduled.get("data-kind") == "scheduled"
    assert scheduled.xpath(f".//*[{has_class('planning-time')}]")[0].text_content() == "23:30"
    # The switch names the other grouping as a link, this one as current.
    switch = doc.xpath(f"//*[{has_class('planning-grouping')}]")[0]
    assert switch.xpath(".//*[@aria-current]")[0].text_content() == "By section"
    assert switch.xpath(".//a")[0].get("href") == f"{URL}?week=2024-09-16&by=programme"


def test_published_articles_are_folded_under_their_day(client, editor, newsroom):
    client.force_login(editor)
    doc = week_page(client, week="2024-09-16", by="section")
    friday = cell(doc, "News", "2024-09-20")
    # The newsroom's items are two hours apart back from 18:00 Kyiv on Friday: ten of them.
    assert titles(friday) == []
    summary = friday.xpath(f".//details[{has_class('planning-published')}]/summary")[
        0
    ].text_content()
    assert summary == "10 published"
    assert titles(friday, published=True)[0] == "News item number 9"
    assert titles(friday, published=True)[-1] == "News item number 0"
    # Published articles are not moved from the calendar.
    assert friday.xpath(".//form") == []


def test_articles_in_review_are_shown_on_the_day_they_were_sent(client, editor, newsroom):
    client.force_login(editor)
    submit_for_review(newsroom.news, "A story waiting for its editor", editor)
    doc = week_page(client, week="2024-09-16")
    (entry,) = cell(doc, "News", "2024-09-20").xpath("ul/li")
    assert entry.get("data-kind") == "in_review"
    assert (
        entry.xpath(f".//*[{has_class('planning-kind')}]")[0].text_content()
        == "Article · In review"
    )
    assert entry.xpath(".//form") == []


def test_a_plan_links_to_its_article(client, editor, newsroom):
    item = plan(
        "The week explained",
        dt.datetime(2024, 9, 18, 9, 0, tzinfo=KYIV),
        section=newsroom.politics,
        article=newsroom.interview,
    )
    client.force_login(editor)
    doc = week_page(client, week="2024-09-16")
    (entry,) = doc.xpath(f"//*[@id='entry-plan-{item.pk}']")
    (link,) = entry.xpath(f".//a[{has_class('planning-article')}]")
    assert link.get("href") == reverse("wagtailadmin_pages:edit", args=[newsroom.interview.pk])
    assert entry.xpath(f".//*[{has_class('planning-kind')}]")[0].text_content() == (
        "Plan · Published"
    )


def test_days_are_the_editions_days(client, editor, newsroom):
    # 00:30 on Monday in Kyiv is still Sunday in UTC; 23:30 on Sunday in Kyiv is 20:30 UTC.
    plan("First thing on Monday", dt.datetime(2024, 9, 16, 0, 30, tzinfo=KYIV))
    plan("Last thing on Sunday", dt.datetime(2024, 9, 22, 23, 30, tzinfo=KYIV))
    plan("Next Monday already", dt.datetime(2024, 9, 23, 0, 30, tzinfo=KYIV))
    plan("Last Sunday still", dt.datetime(2024, 9, 15, 23, 30, tzinfo=KYIV))
    client.force_login(editor)
    doc = week_page(client, week="2024-09-16")
    assert titles(cell(doc, "No section", "2024-09-16")) == ["First thing on Monday"]
    assert titles(cell(doc, "No section", "2024-09-22")) == ["Last thing on Sunday"]
    shown = [a.text_content() for a in doc.xpath(f"//*[{has_class('planning-title')}]")]
    assert "Next Monday already" not in shown and "Last Sunday still" not in shown


def test_previous_and_next_weeks(client, editor, newsroom):
    client.force_login(editor)
    doc = week_page(client, week="2024-09-20", by="programme")
    assert doc.xpath('//a[@rel="prev"]')[0].get("href") == f"{URL}?week=2024-09-09&by=programme"
    assert doc.xpath('//a[@rel="next"]')[0].get("href") == f"{URL}?week=2024-09-23&by=programme"
    doc = week_page(client, week="2024-09-23")
    assert doc.xpath(f"//*[{has_class('planning-empty')}]")
    # Without a week: the current one (the frozen now is in the week of 16 September).
    assert days(week_page(client))[0] == WEEK.isoformat()


def test_a_week_that_is_not_a_date_says_so(client, editor, newsroom):
    client.force_login(editor)
    doc = week_page(client, status=400, week="next tuesday")
    (alert,) = doc.xpath('//*[@role="alert"]')
    assert "is not a date" in alert.text_content()
    assert days(doc)[0] == WEEK.isoformat()
    assert rows(week_page(client, by="nonsense"))[0] == "News"  # grouped by section


@pytest.mark.parametrize("week", ["0001-01-01", "9999-12-31", "2024-09-16" + "x" * 5000])
def test_a_week_out_of_range_says_so(client, editor, newsroom, week):
    client.force_login(editor)
    doc = week_page(client, status=400, week=week)
    assert doc.xpath('//*[@role="alert"]') and days(doc)[0] == WEEK.isoformat()


def test_the_week_answers_only_get_and_post(client, editor, newsroom):
    client.force_login(editor)
    assert client.put(URL).status_code == 405


def test_those_allowed_get_a_move_form_others_do_not(client, editor, reporter, week_of_plans):
    client.force_login(editor)
    doc = week_page(client, week="2024-09-16")
    movable = {li.get("id") for li in doc.xpath("//li[@data-movable]")}
    ids = {f"entry-plan-{week_of_plans[k].pk}" for k in ("broadcast", "write_up", "idea")}
    assert movable == ids | {f"entry-article-{week_of_plans['scheduled'].pk}"}
    form = doc.xpath(f"//*[@id='entry-plan-{week_of_plans['idea'].pk}']//form")[0]
    assert form.get("method") == "post"
    fields = {i.get("name"): i.get("value") for i in form.xpath(".//input")}
    assert fields["move"] == f"plan-{week_of_plans['idea'].pk}"
    assert fields["when"] == "2024-09-21T10:00"
    assert fields["csrfmiddlewaretoken"]
    label = form.xpath(".//label")[0]
    assert label.get("for") == form.xpath('.//input[@name="when"]')[0].get("id")

    client.force_login(reporter)
    doc = week_page(client, week="2024-09-16")
    assert (
        doc.xpath("//li[@data-movable]") == []
        and doc.xpath(f"//form[{has_class('planning-move-form')}]") == []
    )
    assert len(doc.xpath("//td/ul/li")) == 4


def test_only_those_with_a_planning_permission_see_the_calendar(client, outsider, newsroom):
    client.force_login(outsider)
    # Wagtail's answer to a refusal in its admin: back to the dashboard, with the reason.
    response = client.get(URL)
    assert response.status_code == 302 and response["Location"] == reverse("wagtailadmin_home")
    home = lxml.html.fromstring(client.get(reverse("wagtailadmin_home")).content)
    assert URL not in home.text_content()


def test_the_menu_leads_to_the_calendar(client, editor, newsroom):
    client.force_login(editor)
    home = client.get(reverse("wagtailadmin_home")).content.decode()
    # The sidebar's menu is JSON inside the page; its items carry their URLs.
    assert f'"url": "{URL}"' in home or f'"url":"{URL}"' in home


def test_the_week_costs_the_same_whatever_it_holds(
    client, editor, week_of_plans, newsroom, django_assert_max_num_queries
):
    client.force_login(editor)
    client.get(URL, {"week": "2024-09-16"})  # the session, content types and editions, warm

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(URL, {"week": "2024-09-16", "by": "programme"}).status_code == 200
        return len(queries)

    before = count()
    for number in range(10):
        at = dt.datetime(2024, 9, 17, 8 + number, 0, tzinfo=KYIV)
        plan(
            f"Broadcast {number}",
            at,
            kind=PlanKind.BROADCAST,
            programme=newsroom.programme,
            section=newsroom.news,
            people=[(newsroom.guest, "guest")],
        )
        add_article(newsroom.news, f"Story {number}", at, slug=slugify(f"story-{number}"))
        schedule(newsroom.politics, f"Scheduled {number}", at + dt.timedelta(days=4))
        submit_for_review(newsroom.politics, f"In review {number}", editor)
    assert count() == before, before
    # Seven for the week (plan items, their people, scheduled revisions, reviews, their
    # articles, published articles, sections); the rest is the session, the user and the admin.
    with django_assert_max_num_queries(17):
        client.get(URL, {"week": "2024-09-16", "by": "programme"})
