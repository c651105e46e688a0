"""The dashboard on the admin's home page, parsed as an editor sees it, and each panel's fixed
query budget, whatever the number of rows it shows."""

from __future__ import annotations

import datetime as dt

import lxml.html
import pytest
from django.test import RequestFactory
from wagtail.models import Page

from masthead.articles.models import Correction
from masthead.dashboard.panels import (
    NEWSROOM_PANELS,
    AwaitingReviewPanel,
    CorrectionsPanel,
    DashboardPanel,
    DueForecastsPanel,
    MissedPanel,
    PublishedPanel,
    ScheduledTodayPanel,
    WorkerPanel,
)
from masthead.forecasts.models import Forecast
from masthead.scheduling.models import Heartbeat
from masthead.scheduling.publishing import publish_due
from tests.conftest import NOW, add_article

from .conftest import overdue, scheduled


def dashboard(client, user) -> lxml.html.HtmlElement:
    client.force_login(user)
    response = client.get("/admin/")
    assert response.status_code == 200
    return lxml.html.fromstring(response.content)


def panel(page: lxml.html.HtmlElement, name: str) -> lxml.html.HtmlElement | None:
    found = page.xpath(f'//section[@id="{name}-section"]')
    return found[0] if found else None


def heading(section: lxml.html.HtmlElement) -> str:
    return section.xpath("string(.//h2[@data-panel-heading])").strip()


def lines(section: lxml.html.HtmlElement, list_class: str) -> list[tuple[str, str, str]]:
    """(time shown, title, link) of each line of a list in a panel."""
    return [
        (
            item.xpath("string(time)"),
            item.xpath("string(a|span)").strip(),
            item.xpath("string(a/@href)"),
        )
        for item in section.xpath(f'.//ul[contains(@class, "{list_class}")]/li')
    ]


def render(panel_class: type[DashboardPanel], user) -> lxml.html.HtmlElement | None:
    request = RequestFactory().get("/admin/")
    request.user = user
    html = panel_class().render_html({"request": request})
    return lxml.html.fromstring(html) if html.strip() else None


def test_the_editor_sees_the_newsroom_panels_in_the_desks_order(newsroom, client, editor):
    page = dashboard(client, editor)
    ids = [s.get("id") for s in page.xpath("//section[@data-panel]")]
    # The missed go-lives and the forecasts due show only when there are some.
    quiet = (MissedPanel, DueForecastsPanel)
    ours = [f"{p.name}-section" for p in NEWSROOM_PANELS if p not in quiet]
    assert [i for i in ids if i in ours] == ours
    assert heading(panel(page, "newsroom-today")) == "Scheduled for today"
    # nothing missed: no loud panel at all
    assert panel(page, "newsroom-missed") is None


def test_a_missed_go_live_is_flagged_first_and_as_an_alert(newsroom, client, editor):
    late = overdue(newsroom.news, "A story the worker missed", NOW - dt.timedelta(minutes=5))
    page = dashboard(client, editor)
    first = page.xpath("//section[@data-panel]")[0]
    assert first.get("id") == "newsroom-missed-section"
    assert first.xpath('.//*[@role="alert"]//*[contains(@class, "help-critical")]')
    assert lines(first, "missed-go-lives") == [
        ("20 Sep 17:55", "A story the worker missed", f"/admin/pages/{late.pk}/edit/")
    ]
    (label,) = first.xpath('.//ul[contains(@class, "missed-go-lives")]/li/strong')
    assert label.text_content() == "missed"
    # and in today's schedule, flagged there too
    today = panel(page, "newsroom-today")
    assert [title for _, title, _ in lines(today, "going-live")] == ["A story the worker missed"]
    assert today.xpath('.//ul[contains(@class, "going-live")]/li/strong')


def test_todays_schedule_in_kyiv_time(newsroom, client, editor):
    story = scheduled(newsroom.news, "Late tonight", NOW + dt.timedelta(hours=5, minutes=30))
    scheduled(newsroom.news, "Tomorrow morning", NOW + dt.timedelta(hours=16))
    today = panel(dashboard(client, editor), "newsroom-today")
    assert lines(today, "going-live") == [
        ("23:30", "Late tonight", f"/admin/pages/{story.pk}/edit/")
    ]
    (time,) = today.xpath('.//ul[contains(@class, "going-live")]//time')
    assert dt.datetime.fromisoformat(time.get("datetime")) == NOW + dt.timedelta(
        hours=5, minutes=30
    )
    assert today.xpath('.//ul[contains(@class, "going-live")]/li/strong') == []


def test_the_worker_panel_alerts_until_the_worker_sweeps(newsroom, client, editor):
    worker = panel(dashboard(client, editor), "newsroom-worker")
    assert worker.xpath('.//*[@role="alert"]')
    assert worker.xpath('string(.//dd[@class="last-run"])').strip() == "never"

    Heartbeat.objects.update_or_create(
        pk=Heartbeat.ROW, defaults={"last_run_at": NOW - dt.timedelta(seconds=20)}
    )
    worker = panel(dashboard(client, editor), "newsroom-worker")
    assert not worker.xpath('.//*[@role="alert"]')
    (time,) = worker.xpath('.//dd[@class="last-run"]/time')
    assert time.text_content() == "20 Sep 17:59:40"

    Heartbeat.objects.filter(pk=Heartbeat.ROW).update(last_run_at=NOW - dt.timedelta(hours=1))
    worker = panel(dashboard(client, editor), "newsroom-worker")
    assert worker.xpath('.//*[@role="alert"]')


def test_in_review_names_the_story_the_step_and_who_sent_it(
    newsroom, client, editor, review_workflow
):
    item = newsroom.items[4]
    item.save_revision(user=editor)
    review_workflow.start(item, editor)
    review = panel(dashboard(client, editor), "newsroom-review")
    (row,) = review.xpath(".//tbody/tr")
    cells = [cell.text_content().strip() for cell in row.xpath("td")]
    assert cells == [item.title, "Desk check", "Desk Editor", "20 Sep 18:00"]
    assert row.xpath("string(td/a/@href)") == f"/admin/pages/{item.pk}/edit/"


def test_published_in_the_last_day_by_section(newsroom, client, editor):
    add_article(newsroom.politics, "A vote today", NOW - dt.timedelta(hours=1))
    published = panel(dashboard(client, editor), "newsroom-published")
    sections = [
        (s.xpath("string(h3/text())").strip(), s.xpath('string(h3/span[@class="count"])'))
        for s in published.xpath('.//section[@class="published-section"]')
    ]
    assert sections == [("News", "12"), ("Politics", "1")]


def test_the_newest_corrections_link_to_their_articles_editors(newsroom, client, editor):
    older, newer = newsroom.items[3], newsroom.items[1]
    for article, minutes, text in [(older, 10, "The date was wrong."), (newer, 5, "A name.")]:
        article.corrections.add(Correction(noted_at=NOW - dt.timedelta(minutes=minutes), text=text))
        article.save_revision().publish()
    newer.unpublish()
    corrections = panel(dashboard(client, editor), "newsroom-corrections")
    assert heading(corrections) == "Newest corrections"
    shown = [
        (title, link, item.xpath("string(p)"), bool(item.xpath(".//span[text()='not live']")))
        for item, (_, title, link) in zip(
            corrections.xpath('.//ul[contains(@class, "newsroom-corrections")]/li'),
            lines(corrections, "newsroom-corrections"),
            strict=True,
        )
    ]
    assert shown == [
        (newer.title, f"/admin/pages/{newer.pk}/edit/", "A name.", True),
        (older.title, f"/admin/pages/{older.pk}/edit/", "The date was wrong.", False),
    ]
    assert corrections.xpath("string(.//p/a/@href)") == "/corrections/"


# --- Query budgets: a fixed number whatever the rows ------------------------------------------

BUDGETS = [
    (MissedPanel, 2),
    (WorkerPanel, 2),
    (ScheduledTodayPanel, 3),
    (AwaitingReviewPanel, 2),
    (PublishedPanel, 2),
    (CorrectionsPanel, 1),
    (DueForecastsPanel, 2),  # the list, and the count when there are more than it shows
]


def busy_newsroom(newsroom, editor, review_workflow, time_machine) -> None:
    """Many rows for every panel: missed, scheduled, gone live, in review, published."""
    for number in range(6):
        overdue(newsroom.news, f"Missed story {number}", NOW - dt.timedelta(minutes=number + 1))
        scheduled(
            newsroom.politics, f"Tonight {number}", NOW + dt.timedelta(hours=1, minutes=number)
        )
        scheduled(newsroom.news, f"Soon {number}", NOW + dt.timedelta(seconds=number + 1))
    for item in newsroom.items[:6]:
        item.save_revision(user=editor)
        review_workflow.start(item, editor)
    for number, item in enumerate(newsroom.items[6:10]):
        item.corrections.add(Correction(noted_at=NOW - dt.timedelta(minutes=number), text="Fix"))
        item.save_revision().publish()
    Page.objects.filter(pk__in=[i.pk for i in newsroom.items[6:]]).update(
        expire_at=NOW + dt.timedelta(hours=3)
    )
    time_machine.move_to(NOW + dt.timedelta(seconds=30), tick=False)
    assert publish_due().published == 12  # the missed ones and the soon ones
    for number in range(4):
        overdue(newsroom.news, f"Missed again {number}", NOW - dt.timedelta(minutes=number + 1))
    Heartbeat.objects.update_or_create(pk=Heartbeat.ROW, defaults={"last_run_at": NOW})
    for number in range(12):  # more forecasts due than the panel lists
        Forecast.objects.create(
            article=newsroom.interview, person=newsroom.guest, words=f"Claim {number}",
            horizon_latest=(NOW - dt.timedelta(days=number + 1)).date(), marked_by=editor,
        )  # fmt: skip


@pytest.mark.parametrize(("panel_class", "budget"), BUDGETS, ids=lambda v: getattr(v, "name", v))
def test_each_panel_keeps_its_query_budget(
    newsroom,
    editor,
    review_workflow,
    time_machine,
    django_assert_max_num_queries,
    panel_class,
    budget,
):
    busy_newsroom(newsroom, editor, review_workflow, time_machine)
    render(panel_class, editor)  # the edition snapshot and content types, cached once
    with django_assert_max_num_queries(budget):
        shown = render(panel_class, editor)
    assert shown is not None
    assert len(shown.xpath(".//li | .//tbody/tr | .//dd")) >= 3


def test_the_whole_dashboard_renders_with_every_panel_busy(
    newsroom, client, editor, review_workflow, time_machine
):
    busy_newsroom(newsroom, editor, review_workflow, time_machine)
    page = dashboard(client, editor)
    # Wagtail's own "awaiting your review" is there too, under an id of its own
    ids = page.xpath("//section[@data-panel]/@id")
    assert "awaiting-review-section" in ids
    assert len(ids) == len(set(ids))
    missed = panel(page, "newsroom-missed")
    assert len(lines(missed, "missed-go-lives")) == 4
    today = panel(page, "newsroom-today")
    assert len(lines(today, "gone-live")) == 12
    assert len(lines(today, "expiring")) == 6
    assert len(panel(page, "newsroom-review").xpath(".//tbody/tr")) == 6
