"""Why a result matched: the passage of the article that holds the most of the reader's words
(a pull quote when the match is in one), cut around the first of them, with every matching word
marked. All text is escaped here; only the ``<mark>`` elements are markup."""

from __future__ import annotations

import re
from dataclasses import dataclass

from markupsafe import Markup, escape

from . import text

# Words shown around the first match, and before it.
_WINDOW, _BEFORE = 36, 8
_TOKENS = re.compile(r"(\w+)", re.UNICODE)
# A passage's kind, weighed when two passages hold as many of the reader's words.
_PREFERENCE = {"quote": 3, "lead": 2, "question": 1, "text": 0}


@dataclass(frozen=True)
class Snippet:
    kind: str  # "quote", "question", "lead" or "text"
    who: str
    html: Markup


def _matches(word: str, wanted: set[str], language: str) -> bool:
    folded = text.fold(word)
    return bool(folded) and (folded in wanted or text.stem(folded, language) in wanted)


def mark(passage: str, wanted: set[str], language: str = "en") -> Markup:
    """The whole of ``passage``, escaped, its words that match ``wanted`` marked."""
    return _marked(_TOKENS.split(passage), wanted, language)


def _marked(tokens: list[str], wanted: set[str], language: str) -> Markup:
    out = []
    for i, token in enumerate(tokens):
        if i % 2 and _matches(token, wanted, language):
            out.append(Markup("<mark>{}</mark>").format(token))
        else:
            out.append(escape(token))
    return Markup("").join(out)


def best(passages: list[dict], wanted: set[str], language: str = "en") -> Snippet | None:
    """The snippet of the passage that matches most, or of the first passage if none does."""
    if not passages:
        return None
    scored = []
    for order, passage in enumerate(passages):
        tokens = _TOKENS.split(passage.get("text") or "")
        hits = [i for i in range(1, len(tokens), 2) if _matches(tokens[i], wanted, language)]
        distinct = {text.stem(text.fold(tokens[i]), language) for i in hits}
        preference = _PREFERENCE.get(passage.get("kind"), 0)
        scored.append((len(distinct), preference if hits else 0, -order, tokens, hits, passage))
    count, _, _, tokens, hits, passage = max(scored, key=lambda row: row[:3])
    if not count:
        passage = passages[0]
        tokens, hits = _TOKENS.split(passage.get("text") or ""), []
    words = len(tokens) // 2
    first = (hits[0] // 2) if hits else 0
    start = max(0, min(first - _BEFORE, words - _WINDOW))
    end = min(words, start + _WINDOW)
    # Odd positions hold words, even ones what separates them; a cut opens with "… ".
    shown = tokens[start * 2 : end * 2 + (1 if end == words else 0)]
    if start:
        shown[0] = "… "
    html = _marked(shown, wanted, language)
    if end < words:
        html += Markup(" …")
    return Snippet(passage.get("kind", "text"), passage.get("who", ""), html)
