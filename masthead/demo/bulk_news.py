"""News items in bulk, for load tests and deep-page measurements: a flow of headlines in the
demo's style, thousands a second, written with a few statements per batch instead of the
queries an editor's publish makes for each page.

``NewsFlow`` decides what is published and when (from a seed, like the demo newsroom);
``BatchWriter`` files a batch of it under the sections as Wagtail pages; ``generate_news`` runs
the two in one transaction.

What a generated item has: a page under its section in Wagtail's tree (path, depth, url_path,
a unique slug, live, published), an ``ArticlePage`` row of kind news, and for some a lead, a
short body, tags and an author. What it lacks, like an imported archive: revisions, search documents
(``manage.py rebuild_search`` writes them) and entries in the reference index.
"""

from __future__ import annotations

import datetime as dt
import random
import re
import uuid
import zoneinfo
from collections import deque
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache, reduce
from itertools import islice
from operator import or_
from typing import NamedTuple

from django.contrib.contenttypes.models import ContentType
from django.db import connection, models, transaction
from django.db.models import F, Max, Q
from django.utils.text import slugify
from taggit.models import Tag
from wagtail.models import Page, Site

from masthead.articles.models import Appearance, ArticlePage, ArticleTag, Role
from masthead.editions.current import DEFAULT_TIME_ZONE
from masthead.editions.models import Edition
from masthead.people.models import Person
from masthead.sections.models import SectionPage
from masthead.serving.invalidation import emit, everything

from .content.headlines import (
    DESK_AUTHORS,
    DESK_SECTIONS,
    DESK_WEIGHTS,
    FILED_UNDER_DESK_SECTION,
    NEWS_TEMPLATES,
    Desk,
)
from .news_plan import NEWS_BY_HOUR, NEWS_WITH_BODY, NEWS_WITH_TAGS, SlotFiller
from .plan import SLUG_LENGTH, block_id, rich_text

# The tables a run writes to; their planner statistics are refreshed afterwards.
WRITTEN_MODELS: tuple[type[models.Model], ...] = (Page, ArticlePage, ArticleTag, Appearance)

HOME_SECTION = "news"  # where most items are filed, as in the demo's news flow
DEFAULT_PER_DAY = 300
DEFAULT_BATCH_SIZE = 5000
# A batch is held in memory and sent as one statement per table; larger ones gain nothing.
MAX_BATCH_SIZE = 10_000
WEEKEND_SHARE = 0.7  # of a weekday's items
DAY_TO_DAY = (0.8, 1.2)  # how much a day's count varies around its usual
DAY = dt.timedelta(days=1)
HOUR_SECONDS = 3600


class GenerationError(Exception):
    """A run that cannot be made: no sections to file under, an unknown one, a full one."""


class NewsItem(NamedTuple):
    """One item of the flow: where it is filed, what it says and when it was published."""

    section: str  # a section's slug
    title: str
    lead: str  # plain text, may be empty
    body: tuple[tuple[str, str], ...]  # paragraphs as (block id, rich text)
    published_at: dt.datetime
    tags: tuple[str, ...]
    desk: Desk
    signed: bool  # written up with a body, so its desk's author is credited


class NewsFlow:
    """A flow of news items in the demo's style, decided from a seed: headlines from the desks'
    templates, filed under News or the desk's own section, a few hundred a day (fewer at the
    weekend) with the day-and-night rhythm of the edition's clock."""

    def __init__(
        self,
        seed: int,
        sections: Collection[str],
        zone: zoneinfo.ZoneInfo,
        per_day: int = DEFAULT_PER_DAY,
    ) -> None:
        if not sections:
            raise GenerationError("No sections to file news under.")
        self.rng = random.Random(seed)
        self.zone = zone
        self.per_day = per_day
        self.home = HOME_SECTION if HOME_SECTION in sections else None
        self.own = {
            desk: slug
            for desk, slug in DESK_SECTIONS.items()
            if slug in sections and slug != HOME_SECTION
        }
        # Without News, only the desks whose section was chosen file; without any of those, every
        # desk files under the chosen sections alike.
        self.desks = list(DESK_WEIGHTS) if self.home or not self.own else list(self.own)
        self.weights = [DESK_WEIGHTS[desk] for desk in self.desks]
        self.anywhere = sorted(sections) if not self.home and not self.own else []
        self.templates = {desk: [t for t in NEWS_TEMPLATES if t.desk == desk] for desk in Desk}
        # A desk does not repeat a story it filed recently (positions in its template list).
        self.recent = {
            desk: deque(maxlen=len(templates) // 2) for desk, templates in self.templates.items()
        }

    def items(self, count: int, until: dt.datetime) -> Iterator[NewsItem]:
        """``count`` items, oldest first; the newest is published at ``until``."""
        for published_at in self.publication_times(count, until):
            yield self.item(published_at)

    def publication_times(self, count: int, until: dt.datetime) -> Iterator[dt.datetime]:
        """``count`` moments, oldest first, ending at ``until``: day by day back from it, each
        day's spread over its hours by ``NEWS_BY_HOUR`` on the edition's clock."""
        until = until.astimezone(dt.UTC).replace(microsecond=0)
        per_day: list[int] = []  # items in each 24 hours before ``until``, newest first
        made = 0
        while made < count:
            middle = (until - len(per_day) * DAY - DAY / 2).astimezone(self.zone)
            usual = self.per_day * (WEEKEND_SHARE if middle.weekday() >= 5 else 1)
            per_day.append(min(count - made, max(1, round(usual * self.rng.uniform(*DAY_TO_DAY)))))
            made += per_day[-1]
        for days_back in reversed(range(len(per_day))):
            start = until - (days_back + 1) * DAY
            hours = [start + dt.timedelta(hours=h) for h in range(24)]
            weights = [NEWS_BY_HOUR[hour.astimezone(self.zone).hour] for hour in hours]
            offsets = sorted(
                hour * HOUR_SECONDS + self.rng.randrange(1, HOUR_SECONDS + 1)
                for hour in self.rng.choices(range(24), weights, k=per_day[days_back])
            )
            if days_back == 0:
                offsets[-1] = 24 * HOUR_SECONDS  # the newest item is published at ``until``
            for offset in offsets:
                yield start + dt.timedelta(seconds=offset)

    def item(self, published_at: dt.datetime) -> NewsItem:
        """One item from a desk's templates, with every slot filled."""
        rng = self.rng
        desk = rng.choices(self.desks, self.weights)[0]
        templates, recent = self.templates[desk], self.recent[desk]
        position = rng.choice([i for i in range(len(templates)) if i not in recent])
        recent.append(position)
        template = templates[position]
        filler = SlotFiller(rng)
        title = filler.fill(template.headline)
        signed = bool(template.body) and rng.random() < NEWS_WITH_BODY
        # A written-up item's first paragraph is its lead; any others are its body.
        paragraphs = [filler.fill(text) for text in template.body] if signed else []
        return NewsItem(
            section=self.section_for(desk),
            title=title,
            lead=paragraphs[0] if paragraphs else "",
            body=tuple((block_id(rng), rich_text(text)) for text in paragraphs[1:]),
            published_at=published_at,
            tags=template.tags if rng.random() < NEWS_WITH_TAGS else (),
            desk=desk,
            signed=signed,
        )

    def section_for(self, desk: Desk) -> str:
        own = self.own.get(desk)
        if own and (self.home is None or self.rng.random() < FILED_UNDER_DESK_SECTION):
            return own
        return self.home or self.rng.choice(self.anywhere)


@dataclass
class SectionTree:
    """Where a section's next children go in Wagtail's tree, after its last child, and the
    slugs they may not take.

    A generated slug ends in the page's position under the section (``…-1204``), which no other
    new child shares; so it can only clash with a sibling that already ends in such a number,
    named so by hand or moved here. Those few are read once, and a position whose slug one of
    them holds is skipped (a gap in the tree, as a deleted page leaves)."""

    page_id: int
    slug: str
    path: str
    depth: int  # the children's
    url_path: str
    locale_id: int
    next_position: int
    taken: frozenset[str]  # slugs of siblings that end in a position this run may give
    added: int = 0

    @classmethod
    def of(cls, section: SectionPage) -> SectionTree:
        children = Page.objects.filter(path__startswith=section.path, depth=section.depth + 1)
        last = children.order_by("-path").values_list("path", flat=True).first()
        start = int(last[-Page.steplen :], len(Page.alphabet)) + 1 if last else 1
        slugs = children.order_by().values_list("slug", flat=True).iterator(chunk_size=10_000)
        taken = frozenset(
            slug for slug in slugs if (end := _POSITION.search(slug)) and int(end[1]) >= start
        )
        return cls(
            page_id=section.pk,
            slug=section.slug,
            path=section.path,
            depth=section.depth + 1,
            url_path=section.url_path,
            locale_id=section.locale_id,
            next_position=start,
            taken=taken,
        )

    def place(self, slug_base: str) -> tuple[str, str]:
        """The tree path and the slug of the next child."""
        while True:
            position = self.next_position
            if position >= len(Page.alphabet) ** Page.steplen:
                raise GenerationError(
                    f"The section “{self.slug}” is full: Wagtail's tree holds at most "
                    f"{position - 1:,} pages under one parent."
                )
            self.next_position += 1
            slug = f"{slug_base}-{position}"
            if slug not in self.taken:
                self.added += 1
                return self.path + _tree_step(position), slug


_POSITION = re.compile(r"-([1-9][0-9]*)$")


def _tree_step(position: int) -> str:
    """One step of a tree path, as treebeard's ``MP_Node`` writes it (base 36, zero-padded)."""
    digits = ""
    while position:
        position, digit = divmod(position, len(Page.alphabet))
        digits = Page.alphabet[digit] + digits
    return digits.rjust(Page.steplen, Page.alphabet[0])


@lru_cache(maxsize=65536)
def _slug_base(title: str) -> str:
    """The title's slug cut at a word, as the demo cuts them; headlines repeat, so it is kept."""
    base = slugify(title)
    if len(base) > SLUG_LENGTH:
        base = base[:SLUG_LENGTH].rsplit("-", 1)[0]
    return base


class _Insert:
    """One INSERT of many rows into a model's own table, run with ``executemany``: the columns
    named in ``per_row`` first (their values are given prepared for the database), then every
    other column at a value fixed for the run (``fixed`` or the field's default).

    ``bulk_create`` cannot write the child table of a multi-table model, and splits a batch into
    a statement per few dozen rows on SQLite; this is one statement per batch everywhere."""

    def __init__(
        self, model: type[models.Model], per_row: Sequence[str], fixed: Mapping[str, object]
    ) -> None:
        fields = model._meta.local_concrete_fields
        by_name = {field.attname: field for field in fields}
        rest = [f for f in fields if f.attname not in per_row and not f.primary_key]
        self.fixed = tuple(
            f.get_db_prep_save(
                fixed[f.attname] if f.attname in fixed else f.get_default(), connection
            )
            for f in rest
        )
        columns = [by_name[name].column for name in per_row] + [f.column for f in rest]
        quote = connection.ops.quote_name
        self.sql = "INSERT INTO {} ({}) VALUES ({})".format(
            quote(model._meta.db_table),
            ", ".join(quote(column) for column in columns),
            ", ".join(["%s"] * len(columns)),
        )

    def run(self, cursor, rows: Iterable[tuple]) -> None:
        rows = [row + self.fixed for row in rows]
        if rows:
            cursor.executemany(self.sql, rows)


def _prepare(model: type[models.Model], name: str) -> Callable[[object], object]:
    """The field's conversion of a value for the database (e.g. a datetime for SQLite)."""
    field = model._meta.get_field(name)
    return lambda value: field.get_db_prep_save(value, connection)


class BatchWriter:
    """Files batches of news items under their sections: the page rows, the article rows, their
    tags and authors, a few statements per batch whatever its size."""

    def __init__(
        self,
        sections: Mapping[str, SectionTree],
        tag_ids: Mapping[str, int],
        author_ids: Mapping[Desk, int],
        translation_keys: random.Random,
    ) -> None:
        self.sections = sections
        self.tag_ids = tag_ids
        self.author_ids = author_ids
        self.keys = translation_keys
        self.pages = _Insert(
            Page,
            per_row=(
                "path",
                "depth",
                "translation_key",
                "locale_id",
                "title",
                "draft_title",
                "slug",
                "url_path",
                "first_published_at",
                "last_published_at",
            ),
            fixed={
                "content_type_id": ContentType.objects.get_for_model(ArticlePage).pk,
                "numchild": 0,
                "live": True,
                "has_unpublished_changes": False,
            },
        )
        self.articles = _Insert(
            ArticlePage,
            per_row=("page_ptr_id", "lead", "published_at", "body"),
            fixed={"kind": "news"},
        )
        self.tags = _Insert(ArticleTag, per_row=("tag_id", "content_object_id"), fixed={})
        self.appearances = _Insert(
            Appearance,
            per_row=("article_id", "person_id"),
            fixed={"role": Role.AUTHOR, "credentials": "", "sort_order": 0},
        )
        self.moment = _prepare(Page, "first_published_at")
        self.key = _prepare(Page, "translation_key")
        self.body = _prepare(ArticlePage, "body")
        self.no_body = self.body([])

    def write(self, items: Sequence[NewsItem]) -> None:
        """File the items under their sections, after each section's last child."""
        trees = [self.sections[item.section] for item in items]
        places = [
            tree.place(_slug_base(item.title)) for item, tree in zip(items, trees, strict=True)
        ]
        moments = [self.moment(item.published_at) for item in items]
        with connection.cursor() as cursor:
            self.pages.run(
                cursor,
                [
                    (
                        path,
                        tree.depth,
                        self.key(uuid.UUID(int=self.keys.getrandbits(128), version=4)),
                        tree.locale_id,
                        item.title,
                        item.title,
                        slug,
                        f"{tree.url_path}{slug}/",
                        moment,
                        moment,
                    )
                    for item, tree, (path, slug), moment in zip(
                        items, trees, places, moments, strict=True
                    )
                ],
            )
            page_ids = self._page_ids(items, places)
            self.articles.run(
                cursor,
                [
                    (page_id, item.lead, moment, self._body(item))
                    for item, page_id, moment in zip(items, page_ids, moments, strict=True)
                ],
            )
            self.tags.run(
                cursor,
                [
                    (self.tag_ids[tag], page_id)
                    for item, page_id in zip(items, page_ids, strict=True)
                    for tag in item.tags
                ],
            )
            self.appearances.run(
                cursor,
                [
                    (page_id, self.author_ids[item.desk])
                    for item, page_id in zip(items, page_ids, strict=True)
                    if item.signed and item.desk in self.author_ids
                ],
            )

    def _body(self, item: NewsItem) -> object:
        if not item.body:
            return self.no_body
        return self.body(
            [{"type": "paragraph", "value": text, "id": block} for block, text in item.body]
        )

    def _page_ids(self, items: Sequence[NewsItem], places: Sequence[tuple[str, str]]) -> list[int]:
        """The ids the database gave the batch's pages, found by their paths in one query: each
        section's new children in the batch lie in one range of paths."""
        spans: dict[str, tuple[str, str]] = {}
        for item, (path, _) in zip(items, places, strict=True):
            first, last = spans.get(item.section, (path, path))
            spans[item.section] = (min(first, path), max(last, path))
        found = dict(
            Page.objects.filter(
                reduce(
                    or_,
                    (
                        Q(depth=self.sections[section].depth, path__range=span)
                        for section, span in spans.items()
                    ),
                )
            )
            .order_by()
            .values_list("path", "id")
        )
        return [found[path] for path, _ in places]


@dataclass(frozen=True)
class GenerationSummary:
    count: int
    by_section: dict[str, int]


def generate_news(
    count: int,
    *,
    seed: int = 1,
    until: dt.datetime,
    sections: Sequence[str] | None = None,
    batch_size: int = DEFAULT_BATCH_SIZE,
    per_day: int = DEFAULT_PER_DAY,
    progress: Callable[[int], None] = lambda done: None,
) -> GenerationSummary:
    """File ``count`` news items under the default site's live sections (or those named by
    slug), the newest published at ``until``, in one transaction; ``progress`` is told how many
    are written after each batch. The same seed, clock and database give the same items."""
    if not 1 <= batch_size <= MAX_BATCH_SIZE:
        raise GenerationError(f"The batch size must be between 1 and {MAX_BATCH_SIZE:,}.")
    with transaction.atomic():
        site = Site.objects.select_related("root_page").filter(is_default_site=True).first()
        trees = _section_trees(site, sections)
        flow = NewsFlow(seed, list(trees), _edition_zone(site), per_day)
        # The translation keys come from their own chance, so that the content stays the same
        # for a seed. It is seeded with the highest page id too, which only falls back to a
        # value if every page made since is gone: a second run never repeats a key.
        highest = Page.objects.aggregate(highest=Max("id"))["highest"]
        writer = BatchWriter(trees, _tag_ids(), _author_ids(), random.Random(f"{seed}:{highest}"))
        done = 0
        items = flow.items(count, until)
        while batch := list(islice(items, batch_size)):
            writer.write(batch)
            done += len(batch)
            progress(done)
        for tree in trees.values():
            if tree.added:
                Page.objects.filter(pk=tree.page_id).update(numchild=F("numchild") + tree.added)
        # A bulk run changes every listing of the edition: all of it goes stale at once, in the
        # app and at the edge (masthead/serving/invalidation.py).
        emit(everything())
    analyze(WRITTEN_MODELS)
    return GenerationSummary(
        count=done, by_section={slug: tree.added for slug, tree in trees.items() if tree.added}
    )


def _section_trees(site: Site | None, slugs: Sequence[str] | None) -> dict[str, SectionTree]:
    """The chosen live sections of the default site, locked for the run, by slug."""
    first = "Build a newsroom first, e.g. `python manage.py demo_newsroom --seed 1`."
    if site is None:
        raise GenerationError(f"There is no default site. {first}")
    live = SectionPage.objects.live().descendant_of(site.root_page).order_by("path")
    found = {section.slug: section for section in live.select_for_update()}
    if not found:
        raise GenerationError(f"The default site has no live sections to file news under. {first}")
    chosen = list(dict.fromkeys(slugs)) if slugs else list(found)
    unknown = [slug for slug in chosen if slug not in found]
    if unknown:
        raise GenerationError(
            f"No live section {', '.join(unknown)} on the default site; "
            f"its sections are: {', '.join(found)}."
        )
    return {slug: SectionTree.of(found[slug]) for slug in chosen}


def _edition_zone(site: Site) -> zoneinfo.ZoneInfo:
    name = Edition.objects.filter(site=site).values_list("time_zone", flat=True).first()
    return zoneinfo.ZoneInfo(name or DEFAULT_TIME_ZONE)


def _tag_ids() -> dict[str, int]:
    """Every tag the templates use, by name: the existing tag of that name or slug, or a new one."""
    slugs = {tag: slugify(tag) for template in NEWS_TEMPLATES for tag in template.tags}
    existing = list(Tag.objects.filter(Q(name__in=slugs) | Q(slug__in=slugs.values())))
    by_name = {tag.name: tag for tag in existing}
    by_slug = {tag.slug: tag for tag in existing}
    missing = [
        Tag(name=name, slug=slug)
        for name, slug in slugs.items()
        if not (name in by_name or slug in by_slug)
    ]
    # bulk_create gives the new tags their ids on every backend we run on (RETURNING).
    by_name.update((tag.name, tag) for tag in Tag.objects.bulk_create(missing))
    return {name: (by_name.get(name) or by_slug[slug]).pk for name, slug in slugs.items()}


def _author_ids() -> dict[Desk, int]:
    """Who signs each desk's written-up items: the demo's author for the desk, or else the
    newsroom's authors (people credited as an author before) in turn; no one if it has none."""
    people = dict(Person.objects.filter(slug__in=DESK_AUTHORS.values()).values_list("slug", "id"))
    authors: list[int] = []
    if not set(DESK_AUTHORS.values()) <= people.keys():
        authors = list(
            Person.objects.filter(appearances__role=Role.AUTHOR)
            .distinct()
            .order_by("slug")
            .values_list("id", flat=True)
        )
    chosen = {}
    for turn, (desk, slug) in enumerate(DESK_AUTHORS.items()):
        if slug in people:
            chosen[desk] = people[slug]
        elif authors:
            chosen[desk] = authors[turn % len(authors)]
    return chosen


def analyze(written: Iterable[type[models.Model]]) -> None:
    """Refresh the planner's statistics of the written tables: the listings' indexes are only
    chosen well when it knows how many rows they hold."""
    tables = [connection.ops.quote_name(model._meta.db_table) for model in written]
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(f"ANALYZE {', '.join(tables)}")
        elif connection.vendor == "sqlite":
            for table in tables:
                cursor.execute(f"ANALYZE {table}")
