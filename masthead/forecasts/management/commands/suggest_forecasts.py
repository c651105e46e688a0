"""``manage.py suggest_forecasts [--since DATE] [--json]``: the forecast detector over the
archive. New candidates are stored for editors (Forecasts → Proposed forecasts in the admin);
with ``--json``, one JSON object per new candidate is printed (article, person, sentence,
trigger, horizon), so an archive of past interviews can be backfilled."""

from __future__ import annotations

import datetime as dt
import json as json_module

from django.core.management.base import BaseCommand, CommandError, CommandParser

from masthead.forecasts import suggestions
from masthead.forecasts.models import fingerprint


def _date(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError as error:
        raise CommandError(f"--since must be a date like 2024-09-20, not {value!r}") from error


class Command(BaseCommand):
    help = __doc__

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--since",
            type=str,
            default=None,
            help="Only articles published on or after this date (YYYY-MM-DD).",
        )
        parser.add_argument(
            "--json", action="store_true", help="Print one JSON object per new candidate."
        )

    def handle(self, *args, since: str | None, json: bool, **options) -> None:
        found = list(suggestions.find(suggestions.articles_since(_date(since) if since else None)))
        stored = {c.fingerprint for c in suggestions.store(found)}
        new = [f for f in found if fingerprint(f.article.pk, f.found.sentence) in stored]
        if json:
            for item in new:
                self.stdout.write(_dumps(suggestions.as_json(item)))
        else:
            self.stdout.write(
                f"{len(found)} candidate sentences found, {len(new)} new stored for editors."
            )


def _dumps(value: dict) -> str:
    return json_module.dumps(value, ensure_ascii=False, sort_keys=True)
