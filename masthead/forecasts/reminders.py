"""Reminders to the editor who marked a forecast, once it is due: one e-mail each, sent by the
task worker's sweep (``masthead/scheduling/tasks.py``); the dashboard lists it as well."""

from __future__ import annotations

import datetime as dt
import logging

from django.conf import settings
from django.core.mail import send_mail
from django.urls import reverse
from django.utils import timezone

from .models import Forecast, Status

logger = logging.getLogger(__name__)


def due(today: dt.date | None = None):
    """Pending forecasts whose horizon has passed, the longest overdue first."""
    today = today or timezone.localdate()
    return Forecast.objects.filter(status=Status.PENDING, horizon_latest__lte=today).order_by(
        "horizon_latest", "pk"
    )


def remind_due(now: dt.datetime | None = None) -> int:
    """E-mail each marking editor about their forecasts that fell due and were not yet
    reminded of; returns how many forecasts were reminded of. A failed e-mail is logged and
    tried again on the next sweep."""
    now = now or timezone.now()
    waiting = (
        due(timezone.localdate(now))
        .filter(reminded_at__isnull=True, marked_by__isnull=False)
        .exclude(marked_by__email="")
        .select_related("marked_by", "person")[:100]
    )
    reminded = 0
    for forecast in waiting:
        link = settings.WAGTAILADMIN_BASE_URL.rstrip("/") + reverse(
            "wagtailsnippets_forecasts_forecast:resolve", args=[forecast.pk]
        )
        try:
            send_mail(
                f"A forecast is due for resolution: {forecast.person}",
                f"“{forecast.words}”\n\n{forecast.person} made this forecast; it was due on "
                f"{forecast.horizon_latest:%d %B %Y}. You marked it: please resolve it, or say "
                f"why it cannot be resolved.\n\n{link}\n",
                None,
                [forecast.marked_by.email],
            )
        except OSError:
            logger.warning("reminder for forecast %s not sent", forecast.pk, exc_info=True)
            continue
        Forecast.objects.filter(pk=forecast.pk).update(reminded_at=now)
        reminded += 1
    return reminded
