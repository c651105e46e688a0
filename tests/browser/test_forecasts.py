"""A forecast highlighted in its article, in Chromium: marked with its status, accessible (axe),
and one click from its own page with the outcome."""

import datetime as dt
import json

import pytest

from masthead.forecasts.models import Forecast, Resolution
from tests.browser.conftest import LIVE_DB
from tests.conftest import Newsroom, publish

pytestmark = [pytest.mark.browser, LIVE_DB]

SAID = "The ferries will run again by the end of next year."


@pytest.fixture
def forecast(frozen_now):
    newsroom = Newsroom(news_items=3)
    article = newsroom.interview
    article.body = json.dumps(
        [{"type": "paragraph", "value": f"<p>The river is quiet. {SAID} Then the towns.</p>",
          "id": "p1"}]
    )  # fmt: skip
    publish(article)
    forecast = Forecast.objects.create(
        article=article, person=newsroom.guest, words=SAID, block_id="p1",
        horizon_latest=dt.date(2025, 12, 31), horizon_text="by the end of next year",
    )  # fmt: skip
    Resolution.objects.create(
        forecast=forecast, outcome="did_not", explanation="The ferries stayed in port.",
        evidence="https://example.org/ferries",
    )  # fmt: skip
    return forecast


def test_the_highlighted_forecast_leads_to_its_record(forecast, live_server, page):
    from axe_playwright_python.sync_playwright import Axe

    page.goto(live_server.url + forecast.article.url)
    marked = page.locator("mark.forecast")
    assert marked.locator("a").inner_text() == SAID
    assert marked.is_visible()
    assert "Did not come true" in marked.inner_text()
    assert page.locator(".forecast-note strong").inner_text() == "Did not come true"
    results = Axe().run(page)
    serious = [
        v["id"] for v in results.response["violations"] if v["impact"] in {"serious", "critical"}
    ]
    assert serious == []
    marked.locator("a").click()
    page.wait_for_url(f"**/forecasts/{forecast.uid}/")
    assert page.locator(".forecast-outcome h2").inner_text() == "Did not come true"
