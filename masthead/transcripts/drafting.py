"""A transcript made into a draft interview: the host's turns as questions, the guests' as
paragraphs, and a few of the guests' sentences proposed as pull quotes for the editor.

The draft is never live: it is saved with a revision, as an editor's draft is, and goes out only
when an editor publishes it. Proposed pull quotes carry ``"proposed": true`` in their value and a
comment in the editor asking to keep or delete them (see ``PROPOSAL_COMMENT``).
"""

from __future__ import annotations

import json
import re
import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from django.contrib.auth.models import AbstractBaseUser
from django.db import models, transaction
from django.utils.html import escape
from django.utils.text import slugify
from wagtail.models import Comment

from masthead.articles.models import Appearance, ArticleKind, ArticlePage, Role
from masthead.people.models import Person
from masthead.programmes.models import Programme
from masthead.sections.models import SectionPage

from .parsing import Transcript, TranscriptError, Turn

MAX_PULL_QUOTES = 3
QUOTE_WORDS = range(8, 31)  # a pull quote's length in words, 8 to 30
SLUG_LENGTH = 80
PROPOSAL_COMMENT = (
    "Proposed pull quote, picked from the transcript. Keep it (resolve this comment) or "
    "delete the block."
)
ON_AIR = (Role.HOST, Role.GUEST)

# What makes a sentence quotable, each with its weight. Whole words, case folded.
_FORECAST = re.compile(
    r"\b(will|won't|shall|is going to|are going to|by the end of|next (year|month|spring|"
    r"summer|autumn|winter|decade)|in the coming|within (a|two|three|five|ten) (years?|months?))\b"
)
_STRONG = re.compile(
    r"\b(never|always|must|cannot|can't|nobody|no one|nothing|every|everyone|the only|the real|"
    r"the biggest|the worst|the best|simply|clearly|without doubt|no doubt|impossible|"
    r"inevitable|entirely|absolutely)\b"
)
_VIVID = re.compile(r"\b(like a|like an|as if|as though)\b|!|\d")
_HEDGE = re.compile(
    r"\b(i think|i guess|maybe|perhaps|probably|kind of|sort of|i don't know|i'm not sure|"
    r"you know|i mean)\b"
)
# Sentences that lean on what came before read badly alone.
_DEPENDENT_START = re.compile(r"^(and|but|so|well|yes|no|that|this|it|they|he|she)\b")


class DraftError(ValueError):
    """The draft cannot be made as asked (a speaker left unmapped, no guest, a draft already
    made): nothing has been written. ``page`` is the draft already made, if that is why."""

    def __init__(self, message: str, page: ArticlePage | None = None):
        super().__init__(message)
        self.page = page


@dataclass(frozen=True)
class ProposedQuote:
    turn: int  # index in the transcript's turns
    paragraph: int  # index in that turn's paragraphs
    sentence: str
    score: int


def quotability(sentence: str) -> int:
    """How quotable ``sentence`` is alone: 0 for one that should never be proposed."""
    words = sentence.split()
    if len(words) not in QUOTE_WORDS or sentence.rstrip().endswith("?"):
        return 0
    text = sentence.casefold().replace("’", "'")  # noqa: RUF001 (an apostrophe)
    score = 3 * bool(_FORECAST.search(text)) + 2 * bool(_STRONG.search(text))
    score += bool(_VIVID.search(text))
    score -= 2 * bool(_HEDGE.search(text)) + bool(_DEPENDENT_START.match(text))
    return max(score, 0)


def propose_pull_quotes(
    turns: Sequence[Turn], guests: set[str] | None = None, limit: int = MAX_PULL_QUOTES
) -> list[ProposedQuote]:
    """The guests' most quotable sentences (forecasts, strong claims, vivid wording), at most
    ``limit`` and one a paragraph, in the order they were said. ``guests`` are the speakers
    whose turns are read; all of them when None."""
    candidates = [
        ProposedQuote(t, p, sentence, score)
        for t, turn in enumerate(turns)
        if guests is None or turn.speaker in guests
        for p, paragraph in enumerate(turn.paragraphs)
        for sentence in paragraph
        if (score := quotability(sentence)) >= 2
    ]
    chosen: list[ProposedQuote] = []
    taken: set[tuple[int, int]] = set()
    for candidate in sorted(candidates, key=lambda c: (-c.score, c.turn, c.paragraph)):
        if (candidate.turn, candidate.paragraph) in taken:
            continue
        chosen.append(candidate)
        taken.add((candidate.turn, candidate.paragraph))
        if len(chosen) == limit:
            break
    return sorted(chosen, key=lambda c: (c.turn, c.paragraph))


def last_credentials(person: Person) -> str:
    """The credentials ``person`` held in their newest appearance that states any, else the
    line under their name."""
    held = (
        Appearance.objects.filter(person=person)
        .exclude(credentials="")
        .order_by(
            models.F("article__published_at").desc(nulls_last=True),
            models.F("article__latest_revision_created_at").desc(nulls_last=True),
            "-pk",
        )
        .values_list("credentials", flat=True)
        .first()
    )
    return held or person.description


def draft_interview(
    transcript: Transcript,
    mapping: Mapping[str, tuple[Person, str]],
    programme: Programme | None,
    section: SectionPage,
    title: str,
    credentials: Mapping[int, str] | None = None,
    owner: AbstractBaseUser | None = None,
) -> ArticlePage:
    """A draft interview under ``section`` made from ``transcript``, each speaker read as the
    person and role ``mapping`` gives. ``credentials`` by person id override those last held.
    All or nothing: on any error no page is written."""
    title = " ".join(title.split())
    if not title:
        raise DraftError("The interview needs a headline.")
    for speaker in transcript.speakers:
        if speaker not in mapping:
            raise TranscriptError(
                f"the speaker “{speaker}” is not matched to a person.",
                transcript.first_line_of(speaker),
            )
        if mapping[speaker][1] not in ON_AIR:
            raise DraftError(f"“{speaker}” must be the host or a guest.")
    roles: dict[int, set[str]] = {}
    for speaker in transcript.speakers:
        person, role = mapping[speaker]
        roles.setdefault(person.pk, set()).add(role)
        if len(roles[person.pk]) > 1:
            raise DraftError(f"{person.name} cannot be both the host and a guest.")
    guests = {speaker for speaker, (_, role) in mapping.items() if role == Role.GUEST}
    if not guests & set(transcript.speakers):
        raise DraftError("Nobody in the transcript is a guest: match at least one to a guest.")
    credentials = credentials or {}

    with transaction.atomic():
        existing = (
            ArticlePage.objects.child_of(section)
            .filter(title=title, live=False, kind=ArticleKind.INTERVIEW, programme=programme)
            .first()
        )
        if existing is not None:
            # A form sent twice makes one draft.
            raise DraftError(f"A draft “{title}” is already in {section.title}.", existing)
        people = _people_in_order(transcript, mapping)
        article = ArticlePage(
            title=title,
            draft_title=title,
            slug=_free_slug(section, title),
            kind=ArticleKind.INTERVIEW,
            lead=_lead(people, programme),
            programme=programme,
            live=False,
            owner=owner,
        )
        for person, role in people:
            said = credentials.get(person.pk)
            if said is None:
                said = last_credentials(person) if role == Role.GUEST else ""
            article.appearances.add(
                Appearance(person=person, role=role, credentials=said.strip()[:300])
            )
        body, proposed_ids = _body(transcript, mapping, guests)
        article.body = json.dumps(body)
        if owner is not None:
            article.wagtail_admin_comments = [
                Comment(user=owner, text=PROPOSAL_COMMENT, contentpath=f"body.{block_id}.quote")
                for block_id in proposed_ids
            ]
        section.add_child(instance=article)
        revision = article.save_revision(user=owner, log_action=True)
        Comment.objects.filter(page=article).update(revision_created=revision)
    return article


def _people_in_order(
    transcript: Transcript, mapping: Mapping[str, tuple[Person, str]]
) -> list[tuple[Person, str]]:
    """Each person and role once: the guests first (the interview is theirs), then the host."""
    seen: dict[tuple[int, str], tuple[Person, str]] = {}
    for speaker in transcript.speakers:
        person, role = mapping[speaker]
        seen.setdefault((person.pk, role), (person, role))
    return sorted(seen.values(), key=lambda pair: pair[1] != Role.GUEST)


def _body(
    transcript: Transcript, mapping: Mapping[str, tuple[Person, str]], guests: set[str]
) -> tuple[list[dict], list[str]]:
    quotes = {(q.turn, q.paragraph): q for q in propose_pull_quotes(transcript.turns, guests)}
    # With several guests each answer opens with its speaker's name, for readers and for the
    # forecast detector (masthead/articles/texts.py reads the label).
    several = len({mapping[speaker][0].pk for speaker in guests}) > 1
    body: list[dict] = []
    proposed: list[str] = []
    for t, turn in enumerate(transcript.turns):
        person, role = mapping[turn.speaker]
        if role == Role.HOST:
            body.append(_block("question", {"question": turn.text, "speaker": person.pk}))
            continue
        for p, paragraph in enumerate(turn.paragraphs):
            label = f"<b>{escape(person.name)}:</b> " if several and p == 0 else ""
            body.append(_block("paragraph", f"<p>{label}{escape(' '.join(paragraph))}</p>"))
            quote = quotes.get((t, p))
            if quote is not None:
                block = _block(
                    "pull_quote",
                    {"quote": _quote_words(quote.sentence), "person": person.pk, "proposed": True},
                )
                body.append(block)
                proposed.append(block["id"])
    return body, proposed


def _block(kind: str, value) -> dict:
    return {"type": kind, "value": value, "id": str(uuid.uuid4())}


def _quote_words(sentence: str) -> str:
    """The words only: the page adds the quotation marks."""
    return sentence.strip().strip('"“”')


def _lead(people: list[tuple[Person, str]], programme: Programme | None) -> str:
    guests = [person.name for person, role in people if role == Role.GUEST]
    hosts = [person.name for person, role in people if role == Role.HOST]
    lead = f"{_names(guests)} in conversation"
    if hosts:
        lead += f" with {_names(hosts)}"
    if programme is not None:
        lead += f" on {programme.title}"
    return lead + "."


def _names(names: list[str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def _free_slug(section: SectionPage, title: str) -> str:
    base = slugify(title, allow_unicode=True)[:SLUG_LENGTH].strip("-") or "interview"
    taken = set(section.get_children().values_list("slug", flat=True))
    candidate, number = base, 1
    while candidate in taken:
        number += 1
        candidate = f"{base[: SLUG_LENGTH - 4].rstrip('-')}-{number}"
    return candidate
