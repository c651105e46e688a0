"""Publish a parsed capture on a site: the article with its guest, host and programme, the sections
it links to, the latest-news feed's headlines and the edition's brand.

Everything is found again by a natural key — a person's or programme's slug, a section's slug, an
article's headline (and, for a news item, its day) — and a page is revised only when what the
capture says of it differs from what is live, so importing a capture twice changes nothing the
second time. Anything the capture does not say (an author added by an editor, a news item's body)
is left as the newsroom made it.
"""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any
from zoneinfo import ZoneInfo

from django.db import models, transaction
from django.utils.html import escape
from django.utils.text import slugify
from wagtail.models import Page, Site

from masthead.articles.models import Appearance, ArticleKind, ArticlePage, Role
from masthead.editions.models import Edition
from masthead.frontpage.models import FrontPage
from masthead.people.models import Person
from masthead.programmes.models import Programme, ProgrammeHost
from masthead.sections.models import SectionPage

from .capture import (
    BRAND_LINE,
    HEADLINE_LINE,
    LEAD_LINE,
    MONTHS,
    BodyPartKind,
    Capture,
    CaptureError,
    FeedDay,
    FeedHeadline,
)

NEWS_SECTION = "News"  # the feed's headlines and the article are filed under it
ARTICLE_TIME = dt.time(12, 0)  # the dateline has no time; midday keeps the day in any nearby zone
FEED_STEP = dt.timedelta(minutes=20)
FEED_DAY_END = dt.time(23, 59)
SLUG_LENGTH = 80
# The appearances a capture speaks for; others (authors) belong to the newsroom.
IMPORTED_ROLES = (Role.GUEST, Role.HOST)


class Change(StrEnum):
    CREATED = "created"
    UPDATED = "updated"
    UNCHANGED = "unchanged"


@dataclass
class ImportReport:
    """What an import did, for the command to tell."""

    article: ArticlePage
    article_change: Change
    news_items: Counter[Change] = field(default_factory=Counter)
    sections_created: list[str] = field(default_factory=list)
    people_created: list[str] = field(default_factory=list)
    brand_changed: bool = False


def publish_capture(
    capture: Capture, *, site: Site, now: dt.datetime, keep_brand: bool = False
) -> ImportReport:
    """Publish ``capture`` on ``site`` in one transaction: either all of it or, on any error,
    nothing. ``now`` dates the feed's headlines of its own day (see ``feed_publication_times``)."""
    with transaction.atomic():
        return _publish(capture, site, now, keep_brand)


def _publish(capture: Capture, site: Site, now: dt.datetime, keep_brand: bool) -> ImportReport:
    front_page = site.root_page.specific
    if not isinstance(front_page, FrontPage):
        raise TypeError(f"the home page of {site} is not a front page")
    edition = Edition.for_site(site)
    time_zone = ZoneInfo(edition.time_zone)
    # Worked out first: a feed that does not fit ``now`` fails before anything is written.
    feed_times = feed_publication_times(capture.feed, now, time_zone)

    brand_changed = False if keep_brand else _set_brand(edition, capture.brand)
    sections_created: list[str] = []
    links = [
        _section(front_page, name, capture.read_also.line, sections_created)
        for name in capture.read_also.sections
    ]
    news = _section(front_page, NEWS_SECTION, capture.read_also.line, sections_created)

    people_created: list[str] = []
    lead = capture.lead
    guest = _person(lead.guest, people_created) if lead.guest else None
    host = _person(lead.host, people_created) if lead.host else None
    programme = _programme(lead.programme, host) if lead.programme else None

    published_at = dt.datetime.combine(capture.published_on, ARTICLE_TIME, tzinfo=time_zone)
    article, article_change = _publish_article(
        news, capture, published_at, guest, host, programme, links
    )
    return ImportReport(
        article,
        article_change,
        news_items=_publish_news_items(news, feed_times, time_zone),
        sections_created=sections_created,
        people_created=people_created,
        brand_changed=brand_changed,
    )


def feed_publication_times(
    feed: Sequence[FeedDay], now: dt.datetime, time_zone: ZoneInfo
) -> list[tuple[FeedHeadline, dt.datetime]]:
    """A time for each headline of the feed, which the capture gives only days for.

    Headlines of ``now``'s day (on the edition's clock) go back from ``now``, those of earlier
    days from 23:59, FEED_STEP apart — closer when a day's headlines would not fit after its
    midnight otherwise. Every time is distinct and in the capture's order, newest first, so the
    feed reads back exactly as captured.
    """
    now = now.astimezone(time_zone).replace(microsecond=0)
    today = now.date()
    times: list[tuple[FeedHeadline, dt.datetime]] = []
    for day in feed:
        if day.day > today:
            raise CaptureError(
                day.line, f"no day after the day of --now, {_day_name(today)}", _day_name(day.day)
            )
        newest = now if day.day == today else _local(day.day, FEED_DAY_END, time_zone)
        midnight = _local(day.day, dt.time(0), time_zone)
        count = len(day.headlines)
        # In UTC: on a day the clocks change, wall-clock arithmetic would miscount the hours.
        room = int((newest.astimezone(dt.UTC) - midnight.astimezone(dt.UTC)).total_seconds())
        room //= count
        step = min(FEED_STEP, dt.timedelta(seconds=room))
        if not step:
            raise CaptureError(
                day.line,
                f"a --now late enough on {_day_name(day.day)} for its {count} headlines",
                now.isoformat(),
            )
        newest_utc = newest.astimezone(dt.UTC)
        times.extend(
            (headline, newest_utc - position * step)
            for position, headline in enumerate(day.headlines)
        )
    return times


def _local(day: dt.date, time: dt.time, time_zone: ZoneInfo) -> dt.datetime:
    return dt.datetime.combine(day, time, tzinfo=time_zone)


def _day_name(day: dt.date) -> str:
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def _checked(value: str, model: type[models.Model], field_name: str, line: int, what: str) -> str:
    """``value`` if it fits the model's field; the capture's line is named when it does not."""
    max_length = model._meta.get_field(field_name).max_length
    if max_length is not None and len(value) > max_length:
        raise CaptureError(line, f"{what} of at most {max_length} characters", value)
    return value


def _set_brand(edition: Edition, brand: str) -> bool:
    _checked(brand, Edition, "brand", BRAND_LINE, "the edition's brand")
    if edition.brand == brand:
        return False
    edition.brand = brand
    edition.save(update_fields=["brand"])
    return True


def _section(front_page: FrontPage, name: str, line: int, created: list[str]) -> SectionPage:
    """The section called ``name`` under the front page, found by its slug or made and shown in
    the menu."""
    slug = _slug(name)
    existing = Page.objects.child_of(front_page).filter(slug=slug).first()
    if existing is not None:
        section = existing.specific
        if not isinstance(section, SectionPage):
            raise CaptureError(line, f'a section; "/{slug}/" is a page of another kind', name)
        return section
    section = SectionPage(
        title=_checked(name, SectionPage, "title", line, "a section name"),
        slug=slug,
        show_in_menus=True,
    )
    front_page.add_child(instance=section)
    section.save_revision().publish()
    created.append(name)
    return section


def _person(name: str, created: list[str]) -> Person:
    """The person of that name, found by slug; one record per real person."""
    _checked(name, Person, "name", LEAD_LINE, "a person's name")
    slug = slugify(name, allow_unicode=True)
    if not slug:
        raise CaptureError(LEAD_LINE, "a person's name in letters", name)
    person = Person.objects.filter(slug=slug).first()
    if person is None:
        person = Person(name=name, slug=slug)
        person.full_clean()
        person.save()
        created.append(name)
    return person


def _programme(title: str, host: Person | None) -> Programme:
    _checked(title, Programme, "title", LEAD_LINE, "a programme's name")
    slug = slugify(title, allow_unicode=True)
    if not slug:
        raise CaptureError(LEAD_LINE, "a programme's name in letters", title)
    programme = Programme.objects.filter(slug=slug).first()
    if programme is None:
        programme = Programme(title=title, slug=slug)
        programme.full_clean()
        programme.save()
    if host is not None:
        ProgrammeHost.objects.get_or_create(programme=programme, person=host)
    return programme


def article_body(
    capture: Capture, guest: Person | None, host: Person | None, links: Sequence[Page]
) -> list[dict[str, Any]]:
    """The article's body as StreamField data: paragraphs, pull quotes (the guest's words), the
    host's question and the "read also" links."""
    body: list[dict[str, Any]] = []
    for part in capture.body:
        if part.kind == BodyPartKind.PULL_QUOTE:
            value: Any = {"quote": part.text, "person": guest.pk if guest else None}
        elif part.kind == BodyPartKind.QUESTION:
            value = {"question": part.text, "speaker": host.pk if host else None}
        else:
            value = f"<p>{escape(part.text)}</p>"
        body.append({"type": str(part.kind), "value": value})
    if links:
        body.append(
            {
                "type": "read_also",
                "value": {"heading": capture.read_also.heading, "links": [p.pk for p in links]},
            }
        )
    return body


def _publish_article(
    news: SectionPage,
    capture: Capture,
    published_at: dt.datetime,
    guest: Person | None,
    host: Person | None,
    programme: Programme | None,
    links: Sequence[Page],
) -> tuple[ArticlePage, Change]:
    title = _checked(capture.headline, ArticlePage, "title", HEADLINE_LINE, "a headline")
    wanted = {
        "lead": capture.lead.text,
        "kind": ArticleKind.INTERVIEW,
        "published_at": published_at,
        "programme_id": programme.pk if programme else None,
    }
    body = article_body(capture, guest, host, links)
    appearances = [
        (person.pk, role, credentials)
        for person, role, credentials in (
            (guest, Role.GUEST, capture.lead.guest_credentials),
            (host, Role.HOST, ""),
        )
        if person is not None
    ]
    for _, _, credentials in appearances:
        _checked(credentials, Appearance, "credentials", LEAD_LINE, "credentials")

    article = (
        ArticlePage.objects.child_of(news)
        .filter(title=title, kind=ArticleKind.INTERVIEW)
        .order_by("path")
        .first()
    )
    if article is None:
        article = ArticlePage(title=title, slug=_free_slug(news, title), body=json.dumps(body))
        for name, value in wanted.items():
            setattr(article, name, value)
        for person_id, role, credentials in appearances:
            article.appearances.add(
                Appearance(person_id=person_id, role=role, credentials=credentials)
            )
        news.add_child(instance=article)
        article.save_revision().publish()
        return article, Change.CREATED

    changed = [name for name, value in wanted.items() if getattr(article, name) != value]
    body_changed = _without_block_ids(list(article.body.raw_data)) != body
    appearances_changed = _imported_appearances(article) != set(appearances)
    if not (changed or body_changed or appearances_changed or not article.live):
        return article, Change.UNCHANGED
    for name in changed:
        setattr(article, name, wanted[name])
    if body_changed:
        article.body = json.dumps(body)
    if appearances_changed:
        _replace_imported_appearances(article, appearances)
    article.save_revision().publish()
    return article, Change.UPDATED


def _without_block_ids(value: Any) -> Any:
    """Stream data as the importer writes it: Wagtail adds an id to every block and wraps each
    list item as ``{"type": "item", "value": …}``."""
    if isinstance(value, list):
        return [_without_block_ids(item) for item in value]
    if isinstance(value, dict):
        if value.get("type") == "item" and "value" in value:
            return _without_block_ids(value["value"])
        return {key: _without_block_ids(item) for key, item in value.items() if key != "id"}
    return value


def _imported_appearances(article: ArticlePage) -> set[tuple[int, str, str]]:
    return {
        (a.person_id, a.role, a.credentials)
        for a in article.appearances.all()
        if a.role in IMPORTED_ROLES
    }


def _replace_imported_appearances(
    article: ArticlePage, wanted: Sequence[tuple[int, str, str]]
) -> None:
    current = list(article.appearances.all())
    kept = [a for a in current if a.role not in IMPORTED_ROLES]
    by_key = {(a.person_id, a.role): a for a in current if a.role in IMPORTED_ROLES}
    imported = []
    for person_id, role, credentials in wanted:
        appearance = by_key.get((person_id, role)) or Appearance(person_id=person_id, role=role)
        appearance.credentials = credentials
        imported.append(appearance)
    article.appearances = [*imported, *kept]


def _publish_news_items(
    news: SectionPage,
    feed_times: Sequence[tuple[FeedHeadline, dt.datetime]],
    time_zone: ZoneInfo,
) -> Counter[Change]:
    """Each headline of the feed as a news item (headline only) under the News section."""
    for headline, _ in feed_times:
        _checked(headline.text, ArticlePage, "title", headline.line, "a headline")
    # News items already there, by headline and local day, oldest first; one query for all.
    existing: dict[tuple[str, dt.date], list[ArticlePage]] = defaultdict(list)
    for page in (
        ArticlePage.objects.child_of(news)
        .filter(kind=ArticleKind.NEWS, title__in={h.text for h, _ in feed_times})
        .order_by("path")
    ):
        if page.published_at is not None:  # a draft never published has no day yet
            existing[page.title, page.published_at.astimezone(time_zone).date()].append(page)

    changes: Counter[Change] = Counter()
    for headline, published_at in feed_times:
        same = existing[headline.text, published_at.astimezone(time_zone).date()]
        # A headline repeated on one day is as many items; each takes the next one found.
        page = same.pop(0) if same else None
        if page is None:
            page = ArticlePage(
                title=headline.text,
                slug=_free_slug(news, headline.text),
                kind=ArticleKind.NEWS,
                published_at=published_at,
            )
            news.add_child(instance=page)
            page.save_revision().publish()
            changes[Change.CREATED] += 1
        elif page.published_at != published_at or not page.live:
            page.published_at = published_at
            page.save_revision().publish()
            changes[Change.UPDATED] += 1
        else:
            changes[Change.UNCHANGED] += 1
    return changes


def _slug(title: str) -> str:
    # A headline in another alphabet keeps its letters rather than losing them all.
    return (
        slugify(title)[:SLUG_LENGTH].strip("-")
        or slugify(title, allow_unicode=True)[:SLUG_LENGTH].strip("-")
        or "untitled"
    )


def _free_slug(parent: Page, title: str) -> str:
    """The headline's slug, or the first of slug-2, slug-3 … no sibling has taken."""
    base = _slug(title)
    taken = set(
        Page.objects.child_of(parent)
        .filter(slug__startswith=base[: SLUG_LENGTH - 4])
        .values_list("slug", flat=True)
    )
    slug, number = base, 1
    while slug in taken:
        number += 1
        suffix = f"-{number}"
        slug = base[: SLUG_LENGTH - len(suffix)].rstrip("-") + suffix
    return slug
