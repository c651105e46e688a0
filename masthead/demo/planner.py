"""Plans the whole demo newsroom from a seed and a clock.

All chance comes from one ``random.Random(seed)`` drawn in a fixed order, so the same seed and
clock always give the same plan: the same headlines, slugs, times, bodies and pictures.
"""

from __future__ import annotations

import datetime as dt
import random

from .content.people import PEOPLE, PROGRAMMES
from .news_plan import plan_news
from .plan import NewsroomPlan, NewsroomSize, Picture, SlugBook
from .story_plan import plan_stories

TOP_STORIES = 7
PORTRAIT_COLOURS = ("#5a6b7d", "#7d5a5a", "#5a7d6b", "#6b5a7d", "#7d715a", "#4f6f8f")


def plan_newsroom(seed: int, now: dt.datetime, size: NewsroomSize) -> NewsroomPlan:
    """The whole demo newsroom for this seed, with everything published before ``now``."""
    rng = random.Random(seed)
    now = now.astimezone(dt.UTC).replace(microsecond=0)
    portraits = {
        person.slug: Picture(
            f"portrait-{person.slug}",
            f"Portrait of {person.name}",
            "portrait",
            rng.choice(PORTRAIT_COLOURS),
            rng.getrandbits(32),
        )
        for person in PEOPLE
    }
    programme_pictures = {
        programme.slug: Picture(
            f"programme-{programme.slug}",
            programme.title,
            "landscape",
            programme.colour,
            rng.getrandbits(32),
        )
        for programme in PROGRAMMES
    }
    slugs = SlugBook()
    stories = plan_stories(rng, now, size, slugs)
    news = plan_news(rng, now, size.news_items, slugs)
    articles = sorted((*stories, *news), key=lambda a: (a.published_at, a.section, a.slug))
    newest_first = sorted(
        (a for a in stories if a.kind in ("interview", "analysis")),
        key=lambda a: a.published_at,
        reverse=True,
    )
    return NewsroomPlan(
        seed=seed,
        now=now,
        portraits=portraits,
        programme_pictures=programme_pictures,
        articles=tuple(articles),
        top_stories=tuple(a.ref for a in newest_first[:TOP_STORIES]),
    )
