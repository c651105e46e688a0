"""Interviews, analyses and opinion columns, planned from the briefs in ``content.stories``:
the headline variant, the credits as they stood then, and a body with its facts, background,
questions, pull quotes and links to earlier stories.
"""

from __future__ import annotations

import datetime as dt
import random

from .content.outlet import IMAGE_CREDIT, SECTIONS
from .content.people import PEOPLE, PROGRAMMES, Affiliation, PersonBrief
from .content.stories import ANALYSES, COLUMNS, INTERVIEWS, StoryBrief
from .content.themes import BACKGROUND, CROSSHEADS
from .plan import (
    Block,
    Credit,
    NewsroomSize,
    PageRef,
    PersonRef,
    Picture,
    PlannedArticle,
    SlugBook,
    block_id,
    publication_times,
    rich_text,
    typeset,
)

# Interviews and analyses go out in the working day of the edition's clock.
STORIES_BY_HOUR = (0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0)
CROSSHEAD_CHANCE = 0.35


def plan_stories(
    rng: random.Random, now: dt.datetime, size: NewsroomSize, slugs: SlugBook
) -> list[PlannedArticle]:
    """Interviews, analyses and columns, each from a brief picked at random."""
    briefs = [
        *rng.sample(INTERVIEWS, size.interviews),
        *rng.sample(ANALYSES, size.analyses),
        *rng.sample(COLUMNS, size.columns),
    ]
    rng.shuffle(briefs)
    times = publication_times(rng, now, len(briefs), STORIES_BY_HOUR)
    stories: list[PlannedArticle] = []
    for brief, published_at in zip(briefs, times, strict=True):
        stories.append(plan_story(rng, brief, published_at, [s.ref for s in stories], slugs))
    return stories


def plan_story(
    rng: random.Random,
    brief: StoryBrief,
    published_at: dt.datetime,
    earlier: list[PageRef],
    slugs: SlugBook,
) -> PlannedArticle:
    """One story from its brief, linking to stories published before it."""
    person = _person(brief.person)
    credentials = rng.choice(person.credentials) if person.credentials else person.description
    programme = next((p for p in PROGRAMMES if p.slug == brief.programme), None)
    host = _person(programme.host) if programme else None
    names = {
        "guest": person.name,
        "surname": person.name.split()[-1],
        "credentials": credentials[:1].lower() + credentials[1:],
        "host": host.name if host else "",
        "programme": programme.title if programme else "",
    }
    title = typeset(rng.choice(brief.headlines))
    if brief.kind == "opinion":
        credits = (Credit(person.slug, "author", credentials),)
    else:
        newsroom = [p for p in PEOPLE if p.affiliation == Affiliation.NEWSROOM]
        author = rng.choice([p for p in newsroom if brief.section in p.beats] or newsroom)
        credits = (Credit(person.slug, "guest", credentials),)
        if host:
            credits += (Credit(host.slug, "host"),)
        credits += (Credit(author.slug, "author"),)
    section_colour = next(s.colour for s in SECTIONS if s.slug == brief.section)
    slug = slugs.slug_for(brief.section, title)
    return PlannedArticle(
        section=brief.section,
        slug=slug,
        title=title,
        kind=brief.kind,
        published_at=published_at,
        lead=typeset(brief.lead.format(**names)),
        credits=credits,
        programme=brief.programme,
        tags=brief.tags,
        body=tuple(story_body(rng, brief, names, host, earlier)),
        picture=Picture(
            f"story-{len(earlier) + 1:02d}-{slug}",
            title,
            "landscape",
            section_colour,
            rng.getrandbits(32),
        ),
        caption=typeset(brief.caption),
        credit=IMAGE_CREDIT,
    )


def story_body(
    rng: random.Random,
    brief: StoryBrief,
    names: dict[str, str],
    host: PersonBrief | None,
    earlier: list[PageRef],
) -> list[Block]:
    """Paragraphs in the brief's order, with background, questions and answers, pull quotes
    and perhaps a crosshead worked in, closing with links to earlier stories."""

    def paragraph(text: str) -> Block:
        return Block("paragraph", rich_text(typeset(text.format(**names))), block_id(rng))

    units: list[list[Block]] = [[paragraph(text)] for text in brief.paragraphs]
    # Open with the brief's first paragraphs (they introduce the person); mix in the rest after.
    fixed = len(units) if brief.kind == "opinion" else 2
    if brief.kind != "opinion":
        count = rng.randint(1, 3) if brief.kind == "interview" else rng.randint(2, 4)
        for text in rng.sample(BACKGROUND[brief.theme], count):
            units.insert(rng.randint(fixed + 1, len(units)), [paragraph(text)])
    if brief.exchanges:
        count = rng.randint(1, min(3, len(brief.exchanges)))
        exchanges = sorted(rng.sample(brief.exchanges, count), key=brief.exchanges.index)
        # Questions keep the brief's order: each goes somewhere after the one before.
        places = sorted(rng.randint(fixed, len(units)) for _ in exchanges)
        for shift, (place, exchange) in enumerate(zip(places, exchanges, strict=True)):
            question = Block(
                "question",
                {"question": typeset(exchange.question), "speaker": PersonRef(host.slug)},
                block_id(rng),
            )
            units.insert(place + shift, [question, paragraph(exchange.answer)])
    crosshead = None
    if brief.kind != "opinion" and rng.random() < CROSSHEAD_CHANCE:
        crosshead = rng.randint(max(fixed + 1, len(units) // 2), len(units) - 1)
        units.insert(
            crosshead, [Block("heading", rng.choice(CROSSHEADS[brief.theme]), block_id(rng))]
        )

    # A pull quote follows a unit; an analysis quotes its expert only once they are introduced.
    first_gap = 3 if brief.kind == "analysis" else 1
    gaps = [g for g in range(first_gap, len(units) + 1) if crosshead is None or g != crosshead + 1]
    quotes = rng.sample(brief.quotes, rng.randint(2, min(len(brief.quotes), 5, len(gaps))))
    for gap, quote in sorted(zip(rng.sample(gaps, len(quotes)), quotes, strict=True), reverse=True):
        block = Block(
            "pull_quote",
            {"quote": typeset(quote), "person": PersonRef(brief.person)},
            block_id(rng),
        )
        units.insert(gap, [block])

    links = read_also_links(rng, brief.section, earlier)
    read_also = Block("read_also", {"heading": "Read also:", "links": links}, block_id(rng))
    return [block for unit in units for block in unit] + [read_also]


def read_also_links(rng: random.Random, section: str, earlier: list[PageRef]) -> list[PageRef]:
    """One or two recent stories, preferably from the same section, and sometimes the section."""
    pool = [ref for ref in earlier if ref.section == section][-4:] or earlier[-6:]
    links = rng.sample(pool, min(len(pool), rng.randint(1, 2)))
    if not links or rng.random() < 0.3:
        links.append(PageRef(section))
    return links


def _person(slug: str) -> PersonBrief:
    return next(p for p in PEOPLE if p.slug == slug)
