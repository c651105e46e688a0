"""``manage.py import_capture FILE [--now 2024-09-20T18:00+03:00]``: publish a page capture.

The last line printed is the article's path on its site, e.g. ``/news/<slug>/``, for scripts.
"""

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone
from wagtail.models import Site

from masthead.frontpage.models import FrontPage
from masthead.importers.capture import CaptureError, parse_capture
from masthead.importers.publish import Change, ImportReport, publish_capture


def aware_datetime(value: str) -> dt.datetime:
    """An ISO 8601 date and time with its UTC offset, e.g. ``2024-09-20T18:00+03:00``."""
    try:
        moment = dt.datetime.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f'expected an ISO 8601 time like "2024-09-20T18:00+03:00", found "{value}"'
        ) from None
    if timezone.is_naive(moment):
        raise argparse.ArgumentTypeError(
            f'expected a UTC offset in "{value}", e.g. "2024-09-20T18:00+03:00"'
        )
    return moment


class Command(BaseCommand):
    help = (
        "Import a plain-text page capture: the article with its guest, host and programme, "
        "the sections it links to, the latest-news headlines and the edition's brand. "
        "Importing the same capture again changes nothing."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path, help="the capture, a UTF-8 text file")
        parser.add_argument(
            "--now",
            type=aware_datetime,
            default=None,
            help="when the capture was made, ISO 8601 with offset (default: now); "
            "the feed's headlines of that day are dated back from it",
        )
        parser.add_argument(
            "--keep-brand",
            action="store_true",
            help="leave the edition's brand as it is instead of taking the capture's line 1",
        )
        parser.add_argument(
            "--site",
            metavar="HOSTNAME",
            help="the site (edition) to publish on (default: the default site)",
        )

    def handle(self, *args, **options) -> None:
        path: Path = options["file"]
        now: dt.datetime = options["now"] or timezone.now()
        try:
            text = path.read_text(encoding="utf-8")
        except FileNotFoundError:
            raise CommandError(f"{path}: no such file") from None
        except UnicodeDecodeError as error:
            raise CommandError(f"{path}: not UTF-8 text ({error.reason})") from None
        except OSError as error:
            raise CommandError(f"{path}: cannot be read ({error.strerror})") from None
        site = self._site(options["site"])
        try:
            report = publish_capture(
                parse_capture(text), site=site, now=now, keep_brand=options["keep_brand"]
            )
        except CaptureError as error:
            raise CommandError(str(error)) from None
        if options["verbosity"] >= 1:
            self._tell(report)
        # Relative to the site's root, as readers see it; a page outside every site has none.
        url_parts = report.article.get_url_parts()
        self.stdout.write(url_parts[2] if url_parts else report.article.url_path)

    def _site(self, hostname: str | None) -> Site:
        sites = Site.objects.select_related("root_page")
        site = (
            sites.filter(hostname=hostname).first()
            if hostname
            else sites.filter(is_default_site=True).first()
        )
        if site is None:
            raise CommandError(f'no site "{hostname}"' if hostname else "no default site")
        if not isinstance(site.root_page.specific, FrontPage):
            raise CommandError(f"the home page of {site} is not a front page")
        return site

    def _tell(self, report: ImportReport) -> None:
        article = report.article
        self.stdout.write(f'Article "{article.title}": {report.article_change}')
        items = report.news_items
        self.stdout.write(
            f"News items: {items[Change.CREATED]} created, {items[Change.UPDATED]} updated, "
            f"{items[Change.UNCHANGED]} unchanged"
        )
        if report.sections_created:
            self.stdout.write(f"Sections created: {', '.join(report.sections_created)}")
        if report.people_created:
            self.stdout.write(f"People created: {', '.join(report.people_created)}")
        if report.brand_changed:
            self.stdout.write("Edition brand updated from the capture")
