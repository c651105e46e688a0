"""A judged forecast stays on the record as it was judged: it cannot be deleted (nor its article),
and what was judged (who said what, by when) is locked in the admin; a forecast is always in its
article's words and by someone who appears there."""

from __future__ import annotations

import datetime as dt

import pytest
from bs4 import BeautifulSoup
from django.db.models import ProtectedError
from django.urls import reverse

from masthead.forecasts.models import Forecast, Resolution
from masthead.people.models import Person
from tests.forecasts.test_desk import PREDICTION, editor, forecast, interview, member  # noqa: F401


@pytest.fixture
def chief(django_user_model):
    return member(django_user_model, "boss", "Chief editors")


@pytest.fixture
def judged(forecast, editor):  # noqa: F811
    Resolution(
        forecast=forecast, outcome="did_not", resolved_on=dt.date(2024, 6, 2),
        explanation="It failed in May.", evidence="https://example.org/may", editor=editor,
    ).save()  # fmt: skip
    forecast.refresh_from_db()
    return forecast


def form_data(response) -> dict:
    soup = BeautifulSoup(response.content, "html.parser")
    form = soup.find("form", method=lambda method: (method or "").lower() == "post")
    data = {}
    for field in form.select("input[name], textarea[name], select[name]"):
        if field.has_attr("disabled"):
            continue
        if field.get("type") in ("radio", "checkbox"):
            if field.has_attr("checked"):
                data[field["name"]] = field["value"]
        elif field.name == "textarea":
            data[field["name"]] = field.get_text().lstrip("\n")
        elif field.name == "select":
            chosen = field.select_one("option[selected]")
            data[field["name"]] = chosen["value"] if chosen else ""
        else:
            data[field["name"]] = field.get("value", "")
    return data


def test_a_judged_forecast_cannot_be_deleted(client, judged, chief):
    client.force_login(chief)
    url = reverse("wagtailsnippets_forecasts_forecast:delete", args=[judged.pk])
    response = client.post(url, follow=True)
    assert Forecast.objects.filter(pk=judged.pk).exists()
    shown = BeautifulSoup(response.content, "html.parser").get_text()
    assert "cannot be deleted" in shown
    with pytest.raises(ProtectedError):  # nor from code: its resolutions protect it
        judged.delete()


def test_a_pending_forecast_can_be_deleted(client, forecast, chief):  # noqa: F811
    client.force_login(chief)
    url = reverse("wagtailsnippets_forecasts_forecast:delete", args=[forecast.pk])
    assert client.post(url).status_code == 302
    assert not Forecast.objects.filter(pk=forecast.pk).exists()


def test_an_article_with_a_judged_forecast_cannot_be_deleted(client, judged, chief):
    client.force_login(chief)
    response = client.post(reverse("wagtailadmin_pages:delete", args=[judged.article_id]))
    assert response.status_code == 302
    assert Forecast.objects.filter(pk=judged.pk).exists()


def test_what_was_judged_is_locked(client, judged, chief, newsroom):
    client.force_login(chief)
    url = reverse("wagtailsnippets_forecasts_forecast:edit", args=[judged.pk])
    page = client.get(url)
    soup = BeautifulSoup(page.content, "html.parser")
    assert soup.select_one("textarea[name=words]").has_attr("disabled")
    data = form_data(page)
    data |= {"words": "Something else entirely.", "horizon_latest": "2030-01-01"}
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    judged.refresh_from_db()
    assert judged.words == PREDICTION and judged.horizon_latest == dt.date(2024, 6, 1)


def test_a_forecast_is_in_its_articles_words_by_someone_in_it(client, interview, chief, newsroom):  # noqa: F811
    client.force_login(chief)
    add = reverse("wagtailsnippets_forecasts_forecast:add")
    data = form_data(client.get(add))
    outsider = Person.objects.create(name="Nobody Here", slug="nobody-here")
    data |= {
        "article": interview.pk,
        "person": outsider.pk,
        "words": "Words nobody said.",
        "horizon_kind": "date",
        "horizon_latest": "2025-03-01",
    }
    refused = client.post(add, data)
    errors = [e.get_text(" ", strip=True) for e in BeautifulSoup(
        refused.content, "html.parser").select(".error-message")]  # fmt: skip
    assert any("does not appear in this article" in e for e in errors)
    assert any("not in the article's text" in e for e in errors)
    assert not Forecast.objects.exists()
    data |= {"person": newsroom.guest.pk, "words": f"  “{PREDICTION}”  "}
    assert client.post(add, data).status_code == 302
    made = Forecast.objects.get()
    assert made.block_id == "p1"  # the first block holding the words


def test_bulk_deletes_keep_judged_forecasts_and_their_articles(client, judged, chief):
    client.force_login(chief)
    snippets = reverse("wagtail_bulk_action", args=["forecasts", "forecast", "delete"])
    refused = client.post(f"{snippets}?id={judged.pk}", follow=True)
    assert "cannot be deleted" in BeautifulSoup(refused.content, "html.parser").get_text()
    pages = reverse("wagtail_bulk_action", args=["wagtailcore", "page", "delete"])
    refused = client.post(f"{pages}?id={judged.article_id}", follow=True)
    assert "stay on the public record" in BeautifulSoup(refused.content, "html.parser").get_text()
    assert Forecast.objects.filter(pk=judged.pk).exists()
    assert judged.article.__class__.objects.filter(pk=judged.article_id).exists()
