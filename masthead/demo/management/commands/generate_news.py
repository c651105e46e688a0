"""``manage.py generate_news --count N``: a large archive of news items, fast, for load tests."""

from __future__ import annotations

import argparse
import datetime as dt
import time

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from masthead.demo.bulk_news import (
    DEFAULT_BATCH_SIZE,
    DEFAULT_PER_DAY,
    MAX_BATCH_SIZE,
    GenerationError,
    generate_news,
)

PROGRESS_EVERY = 3.0  # seconds between progress lines, at most one a batch


class Command(BaseCommand):
    help = (
        "Add COUNT news items in the demo's style to the default site's live sections (most "
        "under News), a few hundred a day back from --until, in one transaction. The same --seed "
        "and --until on the same database give the same items; a second run adds more after "
        "them. Needs a site with sections: run `manage.py demo_newsroom --seed 1` first. "
        "Generated items have no revision history, like an imported archive, and are left out "
        "of reader search and the reference index (`manage.py rebuild_search` and "
        "`rebuild_references_index` add them)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--count", type=_positive, required=True, help="How many news items to add."
        )
        parser.add_argument("--seed", type=int, default=1, help="Seed of the random choices.")
        parser.add_argument(
            "--sections",
            type=_slugs,
            default=None,
            help="Comma-separated section slugs to file under; default: every live section "
            "of the default site.",
        )
        parser.add_argument(
            "--until",
            type=_aware_datetime,
            default=None,
            help="ISO date and time of the newest item (naive means UTC); default: now.",
        )
        parser.add_argument(
            "--per-day",
            type=_positive,
            default=DEFAULT_PER_DAY,
            help=f"Usual number of items a weekday (default {DEFAULT_PER_DAY}); fewer at weekends.",
        )
        parser.add_argument(
            "--batch-size",
            type=_positive,
            default=DEFAULT_BATCH_SIZE,
            help=f"Items written per batch of statements (default {DEFAULT_BATCH_SIZE}, "
            f"at most {MAX_BATCH_SIZE}).",
        )

    def handle(
        self,
        *args,
        count: int,
        seed: int,
        sections: list[str] | None,
        until: dt.datetime | None,
        per_day: int,
        batch_size: int,
        **options,
    ) -> None:
        started = last_shown = time.perf_counter()

        def progress(done: int) -> None:
            nonlocal last_shown
            now = time.perf_counter()
            if now - last_shown < PROGRESS_EVERY or done == count:
                return
            last_shown = now
            self.stdout.write(
                f"generated {done}/{count} ({done * 100 // count}%) {done / (now - started):.0f}/s"
            )

        try:
            summary = generate_news(
                count,
                seed=seed,
                until=until or timezone.now(),
                sections=sections,
                batch_size=batch_size,
                per_day=per_day,
                progress=progress,
            )
        except GenerationError as error:
            raise CommandError(str(error)) from error
        seconds = time.perf_counter() - started
        spread = ", ".join(f"{slug} {n}" for slug, n in summary.by_section.items())
        self.stdout.write(
            self.style.SUCCESS(
                f"Generated {summary.count} news items in {seconds:.1f} s "
                f"({summary.count / seconds:.0f}/s): {spread}."
            )
        )


def _positive(value: str) -> int:
    try:
        number = int(value)
    except ValueError as error:
        raise argparse.ArgumentTypeError(f"not a whole number: {value!r}") from error
    if number < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1: {value!r}")
    return number


def _slugs(value: str) -> list[str]:
    slugs = [slug.strip() for slug in value.split(",") if slug.strip()]
    if not slugs:
        raise argparse.ArgumentTypeError("name at least one section")
    return slugs


def _aware_datetime(value: str) -> dt.datetime:
    try:
        moment = dt.datetime.fromisoformat(value)
    except ValueError as error:
        raise argparse.ArgumentTypeError(f"not an ISO date and time: {value!r}") from error
    return moment if moment.tzinfo else moment.replace(tzinfo=dt.UTC)
