"""An article's text as plain passages, block by block: the one reader of the body's words that
search, the forecast detector and the forecasts kept in step with edits share.

A pull quote still proposed from a transcript is not the article's text until an editor accepts
it, so it is left out. A paragraph that opens with a speaker's name in bold ("**Name:** …", as an
interview with several guests is written) carries that name as its ``label``; the paragraphs
after it, up to the next question, are that speaker's too."""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from django.utils.html import strip_tags

# "<p><b>Name:</b> …" or "<p><strong>Name</strong>: …" at the start of a paragraph.
_LABEL = re.compile(
    r"^\s*<p[^>]*>\s*<(b|strong)>\s*(?P<name>[^<:]{1,80}?)\s*(?::\s*</\1>|</\1>\s*:)\s*",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Passage:
    block_id: str
    kind: str  # "paragraph", "heading", "quote", "question" or "caption"
    text: str  # plain text, whitespace collapsed, without a paragraph's speaker label
    person_id: int | None = None  # who the block names: a quote's person, a question's speaker
    label: str = ""  # the speaker named in bold at the paragraph's start, or carried from there


def plain(rich_text: str) -> str:
    return " ".join(html.unescape(strip_tags(rich_text)).split())


def speaker_label(rich_text: str) -> str:
    """The name a paragraph opens with in bold, followed by a colon; "" when none."""
    return _split_label(rich_text)[0]


def _split_label(rich_text: str) -> tuple[str, str]:
    """(the speaker label, the paragraph after it); ("", the paragraph) when it has none."""
    found = _LABEL.match(rich_text)
    if found is None:
        return "", rich_text
    return " ".join(found["name"].split()), rich_text[found.end() :]


def passages(body: Iterable[dict]) -> Iterator[Passage]:
    """The passages of a StreamField's ``raw_data``, in order."""
    label = ""
    for block in body:
        kind, value, block_id = block.get("type"), block.get("value"), block.get("id", "")
        if kind == "paragraph" and isinstance(value, str):
            named, value = _split_label(value)
            label = named or label
            yield Passage(block_id, "paragraph", plain(value), label=label)
        elif kind == "heading" and isinstance(value, str):
            yield Passage(block_id, "heading", value.strip())
        elif kind == "pull_quote" and isinstance(value, dict) and not value.get("proposed"):
            yield Passage(block_id, "quote", value.get("quote") or "", _person(value, "person"))
        elif kind == "question" and isinstance(value, dict):
            label = ""  # the answer's speaker is named again, or unknown
            yield Passage(
                block_id, "question", value.get("question") or "", _person(value, "speaker")
            )
        elif kind in ("image", "video") and isinstance(value, dict) and value.get("caption"):
            yield Passage(block_id, "caption", value["caption"])


def _person(value: dict, field: str) -> int | None:
    person = value.get(field)
    return person if isinstance(person, int) else None
