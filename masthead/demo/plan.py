"""What a planned demo newsroom is made of, and the habits every part of the plan shares: slugs,
publication times and text as the newsroom prints it.

A plan is decided from a seed and a clock before anything is saved (see ``planner.py``); the
builder (``newsroom.py``) only writes it down. People and pages are named by slug in a plan and
become primary keys when they exist.
"""

from __future__ import annotations

import datetime as dt
import html
import random
import uuid
import zoneinfo
from dataclasses import dataclass

from django.utils.text import slugify

from .content.outlet import TIME_ZONE

WINDOW = dt.timedelta(days=7)  # the newsroom's week ends at the plan's clock
SLUG_LENGTH = 70


@dataclass(frozen=True)
class NewsroomSize:
    interviews: int
    analyses: int
    columns: int
    news_items: int


SIZES: dict[str, NewsroomSize] = {
    "full": NewsroomSize(interviews=14, analyses=6, columns=3, news_items=300),
    # For tests that rebuild the newsroom several times.
    "small": NewsroomSize(interviews=3, analyses=1, columns=1, news_items=30),
}


@dataclass(frozen=True)
class PersonRef:
    slug: str


@dataclass(frozen=True)
class PageRef:
    """A section page (no slug) or an article in it."""

    section: str
    slug: str = ""


@dataclass(frozen=True)
class Credit:
    person: str
    role: str
    credentials: str = ""


@dataclass(frozen=True)
class Block:
    """A body block as Wagtail stores it; ``value`` may hold PersonRef and PageRef."""

    type: str
    value: object
    id: str


@dataclass(frozen=True)
class Picture:
    """A picture to draw: ``kind`` is "landscape" or "portrait"."""

    name: str
    title: str
    kind: str
    colour: str
    seed: int


@dataclass(frozen=True)
class PlannedArticle:
    section: str
    slug: str
    title: str
    kind: str
    published_at: dt.datetime
    lead: str = ""
    credits: tuple[Credit, ...] = ()
    programme: str = ""
    tags: tuple[str, ...] = ()
    body: tuple[Block, ...] = ()
    picture: Picture | None = None
    caption: str = ""
    credit: str = ""

    @property
    def ref(self) -> PageRef:
        return PageRef(self.section, self.slug)


@dataclass(frozen=True)
class NewsroomPlan:
    seed: int
    now: dt.datetime
    portraits: dict[str, Picture]  # by person slug
    programme_pictures: dict[str, Picture]  # by programme slug
    articles: tuple[PlannedArticle, ...]  # oldest first, the order they are published in
    top_stories: tuple[PageRef, ...]


class SlugBook:
    """Slugs already given out, per section, so that no two siblings share one."""

    def __init__(self) -> None:
        self.taken: dict[str, set[str]] = {}

    def slug_for(self, section: str, title: str) -> str:
        """A slug from the title, cut at a word, numbered if a sibling already has it."""
        base = slugify(title)
        if len(base) > SLUG_LENGTH:
            base = base[:SLUG_LENGTH].rsplit("-", 1)[0]
        taken = self.taken.setdefault(section, set())
        slug, number = base, 2
        while slug in taken:
            slug, number = f"{base}-{number}", number + 1
        taken.add(slug)
        return slug


def publication_times(
    rng: random.Random, now: dt.datetime, count: int, by_hour: tuple[int, ...]
) -> list[dt.datetime]:
    """``count`` moments in the week before ``now``, oldest first, spread over the hours of the
    edition's day by the weights in ``by_hour``."""
    zone = zoneinfo.ZoneInfo(TIME_ZONE)
    hours = int(WINDOW.total_seconds() // 3600)
    starts = [now - dt.timedelta(hours=h + 1) for h in range(hours)]
    weights = [by_hour[start.astimezone(zone).hour] for start in starts]
    chosen = rng.choices(range(hours), weights=weights, k=count)
    return sorted(starts[i] + dt.timedelta(seconds=rng.randrange(3600)) for i in chosen)


def rich_text(text: str) -> str:
    """A paragraph as Wagtail's rich text stores it."""
    return f"<p>{html.escape(text, quote=False)}</p>"


def typeset(text: str) -> str:
    """Typographic apostrophes, as the newsroom prints them."""
    return text.replace("'", "\u2019")


def block_id(rng: random.Random) -> str:
    """A block id drawn from ``rng``: Wagtail would otherwise give each block a random one."""
    return str(uuid.UUID(int=rng.getrandbits(128), version=4))
