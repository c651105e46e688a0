"""The week's news flow, planned from the headline templates in ``content.headlines``: several
items an hour by day and a few at night, most filed under News, a few with a short body.
"""

from __future__ import annotations

import datetime as dt
import random
import re
from collections import deque

from .content.headlines import (
    DESK_AUTHORS,
    DESK_SECTIONS,
    DESK_WEIGHTS,
    FILED_UNDER_DESK_SECTION,
    NEWS_TEMPLATES,
    SLOT_WORDS,
)
from .plan import (
    Block,
    Credit,
    PlannedArticle,
    SlugBook,
    block_id,
    publication_times,
    rich_text,
    typeset,
)

# Relative number of items filed in each hour of the edition's day: busy from morning to late
# evening, a trickle at night.
NEWS_BY_HOUR = (1, 1, 1, 1, 1, 1, 2, 4, 6, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 6, 5, 4, 3, 2)
# Of the templates that have a body, the share of items published with it.
NEWS_WITH_BODY = 0.5
NEWS_WITH_TAGS = 0.6


def plan_news(
    rng: random.Random, now: dt.datetime, count: int, slugs: SlugBook
) -> list[PlannedArticle]:
    """The news flow: headlines filed through the week, most under News, a few with a body."""
    desks = list(DESK_WEIGHTS)
    weights = [DESK_WEIGHTS[desk] for desk in desks]
    templates = {desk: [t for t in NEWS_TEMPLATES if t.desk == desk] for desk in desks}
    # A desk does not repeat a story it filed recently, nor a headline from earlier in the week.
    recent = {desk: deque(maxlen=len(templates[desk]) // 2) for desk in desks}
    used_titles: set[str] = set()
    items: list[PlannedArticle] = []
    for published_at in publication_times(rng, now, count, NEWS_BY_HOUR):
        desk = rng.choices(desks, weights)[0]
        fresh = [t for t in templates[desk] if t not in recent[desk]]
        for _attempt in range(20):
            template = rng.choice(fresh)
            filler = SlotFiller(rng)
            title = filler.fill(template.headline)
            if title not in used_titles:
                break
        recent[desk].append(template)
        used_titles.add(title)
        with_body = bool(template.body) and rng.random() < NEWS_WITH_BODY
        body = tuple(
            Block("paragraph", rich_text(filler.fill(text)), block_id(rng))
            for text in (template.body if with_body else ())
        )
        tags = template.tags if rng.random() < NEWS_WITH_TAGS else ()
        section = DESK_SECTIONS[desk] if rng.random() < FILED_UNDER_DESK_SECTION else "news"
        items.append(
            PlannedArticle(
                section=section,
                slug=slugs.slug_for(section, title),
                title=title,
                kind="news",
                published_at=published_at,
                credits=(Credit(DESK_AUTHORS[desk], "author"),) if with_body else (),
                tags=tags,
                body=body,
            )
        )
    return items


SMALL_NUMBERS = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine")
_SLOT = re.compile(r"\{(\w+)(?::(\d+)-(\d+))?\}")


class SlotFiller:
    """Fills a news item's slots; no word is used twice within one item."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.used: set[str] = set()

    def fill(self, template: str) -> str:
        """The template with its slots filled, capitalised and typeset."""
        text = _SLOT.sub(self._value, template)
        return typeset(text[:1].upper() + text[1:])

    def _value(self, match: re.Match) -> str:
        name, low, high = match.groups()
        if name in ("num", "count"):
            number = self.rng.randint(int(low), int(high))
            if name == "count" and number < len(SMALL_NUMBERS):
                return SMALL_NUMBERS[number]
            return f"{number:,}"
        word = self.rng.choice([w for w in SLOT_WORDS[name] if w not in self.used])
        self.used.add(word)
        return word
