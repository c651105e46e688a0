"""The forecasts' own pages in Chromium: the index (reached from the footer) and a forecast's
page have no serious or critical axe violation, and a pull quote's status follows its closing
quotation mark as readers see it."""

import datetime as dt
import json

import pytest

from masthead.forecasts.models import Forecast, Resolution
from tests.browser.conftest import LIVE_DB
from tests.conftest import Newsroom, publish

pytestmark = [pytest.mark.browser, LIVE_DB]

QUOTE = "The ferries will run again by the end of next year."
SAID = "The bridge will reopen in the spring."


@pytest.fixture
def forecasts(frozen_now):
    newsroom = Newsroom(news_items=3)
    article = newsroom.interview
    article.body = json.dumps(
        [{"type": "pull_quote", "value": {"quote": QUOTE, "person": newsroom.guest.pk},
          "id": "q1"},
         {"type": "paragraph", "value": f"<p>The river is quiet. {SAID} Then the towns.</p>",
          "id": "p1"}]
    )  # fmt: skip
    publish(article)
    resolved = Forecast.objects.create(
        article=article, person=newsroom.guest, words=QUOTE, block_id="q1",
        horizon_latest=dt.date(2025, 12, 31), horizon_text="by the end of next year",
    )  # fmt: skip
    Resolution.objects.create(
        forecast=resolved, outcome="did_not", explanation="The ferries stayed in port.",
        evidence="https://example.org/ferries",
    )  # fmt: skip
    pending = Forecast.objects.create(
        article=article, person=newsroom.guest, words=SAID, block_id="p1",
        horizon_latest=dt.date(2026, 6, 1),
    )  # fmt: skip
    return resolved, pending


def serious_violations(page) -> list:
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page)
    assert results.response["passes"], "axe did not run"
    return [
        (v["id"], v["impact"], [n["target"] for n in v["nodes"]][:3])
        for v in results.response["violations"]
        if v["impact"] in {"serious", "critical"}
    ]


def test_the_index_and_a_forecast_page_pass_axe(forecasts, live_server, page):
    resolved, pending = forecasts
    page.goto(live_server.url + "/")
    page.click(".site-footer >> text=Forecasts")
    page.wait_for_url("**/forecasts/")
    assert page.inner_text("h1") == "Forecasts"
    assert serious_violations(page) == []
    page.click(f'a[href="/forecasts/{resolved.uid}/"]')
    page.wait_for_url(f"**/forecasts/{resolved.uid}/")
    assert page.inner_text("h1") == "Forecast by Taras Guest: Did not come true"
    assert serious_violations(page) == []
    page.goto(f"{live_server.url}/forecasts/{pending.uid}/")
    assert page.inner_text("h1") == "Forecast by Taras Guest: Pending"
    assert serious_violations(page) == []


def test_a_pull_quotes_status_follows_its_closing_quotation_mark(forecasts, live_server, page):
    resolved, _ = forecasts
    page.goto(live_server.url + resolved.article.url)
    quote = page.locator(".pull-quote blockquote")
    assert quote.inner_text() == f"“{QUOTE}” (forecast: Did not come true)"
    status = quote.locator(".forecast-status")
    assert status.is_visible()
    # What a screen reader is given: the status is in the accessibility tree, after the words.
    tree = quote.aria_snapshot()
    assert tree.index(QUOTE) < tree.index("(forecast: Did not come true)"), tree
    assert serious_violations(page) == []
