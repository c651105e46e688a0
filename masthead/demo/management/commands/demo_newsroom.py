"""``manage.py demo_newsroom``: fill an empty database with a believable demo newsroom."""

import argparse
import datetime as dt
import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction
from django.db.models import ProtectedError
from django.urls import reverse
from django.utils import timezone

from masthead.demo.content.outlet import BRAND
from masthead.demo.forecasts import add_forecasts, add_transcribed_broadcast, planned_archive
from masthead.demo.newsroom import (
    ADMIN_PASSWORD,
    ADMIN_USERNAME,
    build_newsroom,
    demo_exists,
    ensure_admin,
    index_updates_deferred,
    rebuild_indexes,
    remove_demo,
)
from masthead.demo.plan import SIZES
from masthead.demo.planner import plan_newsroom
from masthead.demo.users import DemoLogin, ensure_newsroom_users
from masthead.serving import invalidation


class Command(BaseCommand):
    help = (
        "Generate the demo newsroom: the edition, six sections, people, two programmes, "
        "interviews and analyses, a week of news and an admin user. The same --seed and --now "
        "give the same content. Does nothing if the demo exists, unless --reset is given."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--seed", type=int, default=1, help="Seed of the random choices.")
        parser.add_argument(
            "--now",
            type=_aware_datetime,
            default=None,
            help="ISO date and time the newsroom's week ends at (naive means UTC); default: now.",
        )
        parser.add_argument(
            "--reset",
            action="store_true",
            help="Delete the demo's sections and their articles, people, programmes and "
            "pictures, then build it again.",
        )
        parser.add_argument(
            "--size",
            choices=sorted(SIZES),
            default="full",
            help="full: 23 stories and 300 news items (the default); small: 5 and 30, for tests.",
        )

    def handle(
        self, *args, seed: int, now: dt.datetime | None, reset: bool, size: str, **options
    ) -> None:
        started = time.perf_counter()
        plan = plan_newsroom(seed, now or timezone.now(), SIZES[size])
        # One change to the whole edition rather than one per story: the map looks at none of
        # them, and everything is made stale once at the end (masthead/serving/invalidation.py).
        with transaction.atomic(), index_updates_deferred(), invalidation.suspended():
            if demo_exists():
                if not reset:
                    self.stdout.write(
                        f"The demo newsroom ({BRAND}) already exists; nothing changed. "
                        "Use --reset to delete and rebuild it."
                    )
                    self._print_logins(ensure_newsroom_users())
                    return
                try:
                    remove_demo()
                except ProtectedError as error:
                    raise CommandError(
                        "Cannot reset: articles outside the demo name its people "
                        f"({error.protected_objects!r:.200})."
                    ) from error
            summary = build_newsroom(plan)
            admin_created = ensure_admin()
            logins = ensure_newsroom_users()
            forecasts = add_forecasts(plan.now)
            archived = len(planned_archive(plan.now))
            add_transcribed_broadcast(plan.now)
            invalidation.emit(invalidation.everything())
        rebuild_indexes()
        self.stdout.write(
            self.style.SUCCESS(
                f"Built the {BRAND} demo newsroom in {time.perf_counter() - started:.1f} s "
                f"(seed {seed}, week ending {plan.now.isoformat()}):"
            )
        )
        self.stdout.write(
            f"  {summary.sections} sections, {summary.people} people, "
            f"{summary.programmes} programmes, {summary.images} pictures\n"
            f"  {summary.interviews} interviews, {summary.analyses} analyses, "
            f"{summary.columns} opinion columns, {summary.news_items} news items, "
            f"{summary.top_stories} top stories\n"
            f"  {summary.corrections} corrected articles, {summary.plan_items} plan items "
            "in this week's calendar\n"
            f"  {archived} older articles, where {forecasts} forecasts were made and judged "
            "(see /forecasts/), and tonight's broadcast transcribed into a draft interview"
        )
        if admin_created:
            self.stdout.write(f"  Created the superuser “{ADMIN_USERNAME}”.")
        self._print_logins(logins)

    def _print_logins(self, logins: list[DemoLogin]) -> None:
        """The administrator's login and one for each newsroom role, at the address the admin is
        served at (`make demo` and `make serve-production` set it from HOST and PORT)."""
        admin = settings.WAGTAILADMIN_BASE_URL.rstrip("/") + reverse("wagtailadmin_home")
        self.stdout.write(f"Admin: {admin}  user: {ADMIN_USERNAME}  password: {ADMIN_PASSWORD}")
        for login in logins:
            password = login.password or "(changed since the demo made it)"
            self.stdout.write(f"  {login.role}: user: {login.username}  password: {password}")


def _aware_datetime(value: str) -> dt.datetime:
    try:
        moment = dt.datetime.fromisoformat(value)
    except ValueError as error:
        raise argparse.ArgumentTypeError(f"not an ISO date and time: {value!r}") from error
    return moment if moment.tzinfo else moment.replace(tzinfo=dt.UTC)
