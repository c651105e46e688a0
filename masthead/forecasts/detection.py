"""Forecast language in an article's text: which sentences to propose to an editor as forecasts.

Rules, no models (issue 19: "rules that can be read and tested are preferred"). A sentence is
proposed when it carries a *future marker* (``MARKERS``) that no *exclusion* (``EXCLUSIONS``)
rules out. Each marker and each exclusion is one named entry with a comment saying why; the tests
exercise each by name, and docs/forecasts.md lists them with the measured precision and recall.

What is proposed: claims in the speaker's own voice about what will (or will not) happen —
"will", "won't", "is going to", "is likely to", "I expect … to", "could … next year" — with the
trigger phrase, a horizon read from the sentence (``horizons.read_horizon``) and the confidence
stated ("almost certainly", "probably", "may", "70 percent").

What is not: questions; conditionals ("if", "unless", "as long as" in the clause of the marker);
statements about the past, including forecasts reported as made before ("he said it would");
forecasts attributed to someone else ("analysts say", "according to"); statements of fact;
generic and habitual "will" ("water will always find a way"); figures of speech ("we will see",
"time will tell"); embedded uncertainty ("no one knows whether it will"); normative "shall".
Negated forecasts *are* forecasts ("the alliance will not collapse").
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass

from masthead.forecasts.horizons import Horizon, find_horizons

_I = re.IGNORECASE


@dataclass(frozen=True)
class Candidate:
    """A sentence proposed as a forecast. ``start``/``end`` are the trigger's offsets in
    ``sentence``; ``confidence`` is "certain", "likely", "possible", a probability as text
    ("0.7"), or "" when none is stated."""

    sentence: str
    trigger: str
    start: int
    end: int
    horizon: Horizon | None
    confidence: str


# --- sentences -----------------------------------------------------------------------------------

# A full stop after these is not the end of a sentence.
ABBREVIATIONS = frozenset(
    [
        "mr",
        "mrs",
        "ms",
        "dr",
        "prof",
        "gen",
        "col",
        "lt",
        "sgt",
        "capt",
        "maj",
        "cpl",
        "adm",
        "gov",
        "sen",
        "rep",
        "st",
        "mt",
        "ft",
        "jr",
        "sr",
        "rev",
        "hon",
        "pres",
        "vs",
        "etc",
        "e.g",
        "i.e",
        "approx",
        "dept",
        "est",
        "fig",
        "inc",
        "ltd",
        "co",
        "corp",
        "no",
        "nos",
        "vol",
        "jan",
        "feb",
        "mar",
        "apr",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
        "a.m",
        "p.m",
        "u.s",
        "u.k",
        "u.n",
        "e.u",
    ]
)
# Candidate ends: . ! ? or … followed by closing quotes/brackets, then whitespace.
# Quotation marks, straight and curly, opening and closing.
OPENING = "\"'\u201c\u2018"
CLOSING = "\"'\u201d\u2019"
_END = re.compile(r"(?:[.!?]+|…)[" + CLOSING + r")\]]*(?=\s)")
_PARAGRAPH = re.compile(r"\n\s*\n")


def sentences(text: str) -> list[str]:
    """The sentences of ``text``. Splits after . ! ? … (with any closing quotes) when the next
    word starts a sentence (a capital, a digit or an opening quote), except after abbreviations
    ("Gen.", "e.g."), single initials ("J. Smith") and inside numbers ("3.5" has no space).
    Blank lines always end a sentence."""
    found: list[str] = []
    for paragraph in _PARAGRAPH.split(text):
        start = 0
        for match in _END.finditer(paragraph):
            end = match.end()
            rest = paragraph[end:].lstrip()
            if not rest or not _starts_sentence(rest):
                continue
            if match.group(0).startswith(".") and _is_abbreviation(
                paragraph[start : match.start()]
            ):
                continue
            found.append(paragraph[start:end])
            start = end
        found.append(paragraph[start:])
    return [s for s in (" ".join(part.split()) for part in found) if s]


def _starts_sentence(rest: str) -> bool:
    return bool(re.match(r"[" + OPENING + r"(\[]*[A-Z0-9]", rest))


def _is_abbreviation(before: str) -> bool:
    word = re.search(r"(\S+)$", before)
    if word is None:
        return False
    token = word.group(1).lstrip(OPENING + "([").lower()
    return token in ABBREVIATIONS or bool(re.fullmatch(r"[a-z]", token))


# --- markers: what makes a sentence speak of the future -------------------------------------------


@dataclass(frozen=True)
class Marker:
    name: str
    pattern: re.Pattern[str]
    # The marker alone does not make a forecast: it needs a horizon in the same sentence.
    needs_horizon: bool = False


_ADVERBS = r"(?:\s+(?:not|never|no\s+longer|simply|certainly|surely|definitely|probably|likely|"
_ADVERBS += r"almost\s+certainly|most\s+likely|soon|eventually|also|still|really|quickly|only|then|"
_ADVERBS += (
    r"even|then|\w+ly)|,\s+[\w\s]{2,30}?,)*"  # "will quietly fall", "will, in all likelihood,"
)
_VERB = r"\s+(?!the\b|a\b|an\b|of\b|and\b|to\b)[a-z][a-z'-]*"  # the verb after the marker

MARKERS: tuple[Marker, ...] = (
    # The future auxiliary. "won't", "'ll" and "will not" included: negated forecasts count.
    Marker(
        "will",
        re.compile(
            rf"\b(?:will|won't|wont|shall|shan't)(?:n't)?{_ADVERBS}{_VERB}|(?<=\w)'ll{_ADVERBS}{_VERB}",
            _I,
        ),
    ),
    # "is going to fall", "are not going to win" (not "going to the polls").
    Marker(
        "going to",
        re.compile(
            rf"\b(?:is|are|am|'s|'re|'m|isn't|aren't)(?:\s+not)?(?:\s+\w+ly)?\s+going\s+to{_VERB}",
            _I,
        ),
    ),
    # Likelihood and inevitability: "is likely to", "is unlikely to", "is bound to", "is set to".
    Marker(
        "likely to",
        re.compile(
            r"\b(?:is|are|am|'s|'re|looks?|seems?|appears?)(?:\s+not)?(?:\s+(?:very|highly|quite|more|less|most|all\s+but))?\s+"
            r"(?:likely|unlikely|bound|set|certain|sure|poised|destined|due|about|expected|forecast|"
            r"predicted|projected|on\s+course|on\s+track|doomed)\s+to(?!\s+(?:the|a|an|its|his|her|their)\b)\s+\w+",
            _I,
        ),
    ),
    # The formal future: "the minister is to visit", "the plant is to close in May" (not "the
    # aim is to win", where "is to" names a purpose).
    Marker(
        "is to",
        re.compile(
            r"(?<!\baim )(?<!\bgoal )(?<!\bplan )(?<!\bidea )(?<!\btask )(?<!\bjob )"
            r"(?<!\bpoint )(?<!\bpriority )(?<!\bpurpose )(?<!\banswer )(?<!\bway )"
            r"(?<!\bthing )(?<!\bchallenge )(?<!\bproblem )(?<!\bonly )"
            r"\b(?:is|are)\s+(?:not\s+)?to\s+(?!be\s+(?:seen|found|blamed|expected)\b)[a-z]+\b",
            _I,
        ),
    ),
    # A stated chance: "I'd put the chance of a deal at forty percent", "a one in three chance".
    Marker(
        "stated chance",
        re.compile(
            r"\b(?:put|puts|give|gives|rate|rates)\s+(?:the\s+|its\s+)?(?:chances?|odds|probability|likelihood)\b|"
            r"\b\w+\s?(?:%|per\s?cent|percent)\s+(?:chance|probability)\b|\b(?:one|two|three|\d)\s+in\s+\w+\s+chance\b",
            _I,
        ),
    ),
    # A chance with a horizon: "there is a real chance the embassy reopens in the coming weeks".
    Marker(
        "chance with a horizon",
        re.compile(
            r"\b(?:there\s+is|there's|it\s+is|is)\s+(?:still\s+)?(?:a|every|some|little|no)?\s*(?:real\s+|good\s+|strong\s+|high\s+|serious\s+)?"
            r"(?:chance|risk|danger|likelihood|possibility|prospect)\b",
            _I,
        ),
        needs_horizon=True,
    ),
    # "heading for a recession", "on course for a majority".
    Marker(
        "heading for",
        re.compile(
            r"\b(?:is|are|'s|'re)\s+(?:heading|headed|on\s+course|on\s+track)\s+(?:for|towards?)\b",
            _I,
        ),
    ),
    # The speaker's own expectation or prediction in the present: "I expect prices to fall",
    # "I predict that", "we foresee". Third-party ones are excluded by "attributed".
    Marker(
        "expect",
        re.compile(
            r"\b(?:expect|expects|predict|predicts|foresee|foresees|anticipate|anticipates|forecast|forecasts|bet)\b"
            r"(?=\s+(?:that\b|an?\b|the\b|\w+\s+to\b|\w+\s+\w+\s+to\b|it\b|this\b|they\b|he\b|she\b|we\b|prices\b|[a-z]+\s+will\b))",
            _I,
        ),
    ),
    # Possibility with a horizon: "the strike could spread next month". Without a horizon
    # "could" and "may" are too often ability, permission or the present ("that might please them").
    Marker(
        "may with a horizon",
        re.compile(
            # "May" with a capital is the month ("in May prices rose"), not the modal.
            rf"\b(?:(?-i:may)|might|could|can)(?:\s+well|\s+even|\s+not|\s+soon|\s+easily)*{_VERB}",
            _I,
        ),
        needs_horizon=True,
    ),
)


# --- exclusions: future words that do not make a forecast ----------------------------------------

Check = Callable[[str, re.Match[str]], bool]


@dataclass(frozen=True)
class Exclusion:
    name: str
    applies: Check  # (sentence, the marker's match) -> True when the marker is not a forecast


def _segment(sentence: str, match: re.Match[str]) -> str:
    """The clause that carries the marker: the sentence cut at ';', ':', dashes and the
    coordinating ', but' / ', and' / ', while' / ', whereas' / ', so', which join two claims."""
    cuts = [0, len(sentence)]
    for cut in re.finditer(
        r";|:|\s[\u2014\u2013-]\s|,\s+(?:but|and|while|whereas|so|yet)\b|\bbut\b", sentence, _I
    ):
        cuts.append(cut.start() if cut.start() >= match.end() else cut.end())
    before = max(c for c in cuts if c <= match.start())
    after = min(c for c in cuts if c >= match.end())
    return sentence[before:after]


_CONDITION = re.compile(
    r"\bif\b|\bunless\b|\bprovided\b|\bproviding\b|\b(?:as|so)\s+long\s+as\b|\bin\s+case\b|"
    r"\bon\s+condition\s+that\b|\bassuming\b|\bin\s+the\s+event\s+(?:that|of)\b|\botherwise\b|"
    r"^\W*(?:should|were)\s+\w+|^\W*without\b",
    _I,
)


def conditional(sentence: str, match: re.Match[str]) -> bool:
    """ "If every district keeps a reserve, the grid will hold": the claim depends on a condition
    (issue 19: not proposed). Only the marker's own clause counts, so "Prices will rise this year,
    and if the pipeline fails they will double" is still proposed for its first clause. "Even if",
    "as if", "if anything", "ask if" are not conditions."""
    segment = _segment(sentence, match).strip(" ," + OPENING + CLOSING)
    return any(not _concessive_if(segment, m) for m in _CONDITION.finditer(segment))


def _concessive_if(segment: str, m: re.Match[str]) -> bool:
    if m.group(0).lower() != "if":
        return False
    before = segment[: m.start()].lower()
    after = segment[m.end() :].lower()
    return bool(
        re.search(r"\b(?:even|as|wonder|wonders|wondered|ask|asks|asked|see|know|sure)\s+$", before)
        or re.match(r"\s+(?:anything|only)\b", after)
    )


def question(sentence: str, match: re.Match[str]) -> bool:
    """A question forecasts nothing: "Will the ceasefire hold?" (and the rhetorical ones)."""
    return sentence.rstrip(" )" + CLOSING).endswith("?")


# Reporting verbs in the past: the marker sits in a report of something said before.
_PAST_REPORT = (
    r"said|told|warned|predicted|claimed|insisted|argued|stated|declared|announced|reckoned|"
    r"forecast|forecasted|promised|vowed|assured|pledged|wrote|added"
)
_PAST_BELIEF = r"believed|thought|expected|feared|hoped|suggested|estimated|guessed|assumed|knew"


def reported_past(sentence: str, match: re.Match[str]) -> bool:
    """ "The minister said in March that the plant will close", '"It will close," she said.':
    a forecast reported as made before this appearance, by whoever made it; the editor can
    mark it by hand. Backshifted ones ("he said it would") never match a marker at all. "As I
    said" is a restatement in this appearance and does not count."""
    before = sentence[: match.start()]
    after = sentence[match.end() :]
    for verb in re.finditer(rf"\b(?:{_PAST_REPORT})\b", before, _I):
        if not re.search(r"\bas\s+(?:I|we)\s+(?:have\s+)?$", before[: verb.start()], _I):
            return True
    if re.search(rf"\b(?:{_PAST_BELIEF})\s+(?:that\b|[\"“:])", before, _I):
        return True
    # '..., he said.' / '..." she told us.' / ', the minister added,' after the marker.
    return bool(
        re.search(
            rf"[,\"”]\s*(?:[\w.'-]+\s+){{1,4}}(?:{_PAST_REPORT}|says|adds|warns)\b(?:\s+\w+)?\s*[.,!]?[\"”]?\s*$",
            after,
            _I,
        )
        or re.search(rf",\s*(?:[\w.'-]+\s+){{1,3}}(?:{_PAST_REPORT}|says|adds)\s*,", after, _I)
    )


# Present reporting verbs whose subject is not the speaker: someone else's forecast.
_PRESENT_REPORT = (
    r"say|says|believe|believes|think|thinks|claim|claims|argue|argues|expect|expects|predict|"
    r"predicts|fear|fears|warn|warns|insist|insists|reckon|reckons|suggest|suggests|estimate|"
    r"estimates|forecast|forecasts|hope|hopes|assume|assumes|bet|bets|concludes|shows|finds|"
    r"states|notes|reports|writes|projects|expects"
)
# The speaker as subject: "I think", "I really do think", "we don't expect", "I'd say".
_OWN = re.compile(r"\b(?:I|we|I'd|I'm|we're)\s+(?:[\w']+\s+){0,2}$|\bI'd\s+$", _I)


def attributed(sentence: str, match: re.Match[str]) -> bool:
    """ "Plenty of people say the party will fold", "Economists expect prices to fall",
    "according to the ministry …", "…, the owners hope": the forecast belongs to someone other
    than the speaker, whom the detector cannot name. "I think", "we expect", "I'd say" are the
    speaker's own and are kept."""
    before = sentence[: match.end()]
    if re.search(
        r"\baccording\s+to\b|\bit\s+is\s+(?:said|thought|believed|feared|expected)\b", before, _I
    ):
        return True
    for verb in re.finditer(rf"\b(?:{_PRESENT_REPORT})\b", before, _I):
        # A reporting verb before the marker, or the marker itself ("expect").
        if verb.end() > match.start() and verb.start() != match.start():
            continue
        if not _OWN.search(sentence[: verb.start()]):
            return True
    # '…, the owners hope.' / '…, analysts say.': the attribution after the claim.
    tail = re.search(
        rf",\s*((?:[\w.'-]+\s+){{1,4}})(?:{_PRESENT_REPORT})\s*[.!]?[{CLOSING}]?\s*$",
        sentence,
        _I,
    )
    if tail is None or tail.start() < match.start() or _OWN.search(tail.group(1)):
        return False
    return not re.match(r"(?:whatever|no\s+matter|however)\b", tail.group(1), _I)  # concessive


def idiom(sentence: str, match: re.Match[str]) -> bool:
    """Figures of speech built on "will": "we will see", "time will tell", "I will say", "I'll
    be honest", "let me …"; they announce speech, not an event."""
    text = sentence[max(0, match.start() - 12) : match.end() + 20].lower()
    return bool(
        re.search(
            r"(?<!what )\b(?:we|you)\s+(?:will|'ll|shall)\s+(?:have\s+to\s+)?see\b"
            r"(?=\s*(?:[,.;:!?]|$|how|whether|if|what|who|about|where|when))",
            text,
        )
        or re.search(r"\btime\s+will\s+tell\b|\bremains\s+to\s+be\s+seen\b", text)
        or re.search(
            r"\b(?:i|we)\s*(?:will|'ll|shall|won't)\s+(?:not\s+)?(?:say|tell|add|be\s+honest|be\s+frank|be\s+brief|"
            r"give\s+you|put\s+it|come\s+back|explain|repeat|remind|answer|note|stress|admit|try\s+to\s+(?:answer|explain)|"
            r"leave\s+it|start\s+with|begin\s+with|return\s+to|mention|quote|comment|speculate|go\s+into|"
            r"name|reveal|discuss|talk\s+about)\b",
            text,
        )
        or re.search(r"\b(?:as|which)\s+we\s+(?:will|'ll|shall)\s+(?:see|discuss)\b", text)
        or re.search(r"\bwho\s+will\s+listen\b|\bif\s+you\s+will\b", text)
    )


def habitual(sentence: str, match: re.Match[str]) -> bool:
    """Generic and habitual "will": "a drought will always hit the farms first", "every time
    the rouble falls, importers will raise prices". They describe how things are, not an event
    to come. "Will never" is kept: "Russia will never win this war" is a forecast."""
    segment = _segment(sentence, match)
    return bool(
        re.search(
            r"\bwill\s+always\b|\bwhenever\b|\bevery\s+time\b|\beach\s+time\b|\bas\s+a\s+rule\b|"
            r"\btends?\s+to\b|\busually\b|\btypically\b",
            segment,
            _I,
        )
    )


def uncertain(sentence: str, match: re.Match[str]) -> bool:
    """Embedded questions and refusals to forecast: "no one knows whether the truce will hold",
    "it is too early to say if prices will fall". Nothing is claimed."""
    before = sentence[: match.start()]
    return bool(
        re.search(
            r"\bwhether\b|\b(?:no\s+one|nobody|who)\s+(?:can\s+|really\s+)?(?:knows?|say|tell)\b|"
            r"\b(?:not\s+(?:yet\s+)?clear|unclear|uncertain|hard\s+to\s+(?:say|tell|know)|impossible\s+to\s+(?:say|tell|know)|"
            r"too\s+early\s+to\s+(?:say|tell)|(?:can't|cannot|can\s+not)\s+(?:say|tell|know)|don't\s+know|do\s+not\s+know|"
            r"not\s+sure|wonder)\b[^.]*$",
            before,
            _I,
        )
        or (
            re.search(r"\b(?:what|how|when|who|which|where)\s+(?:\w+\s+){0,3}$", before, _I)
            is not None
            and re.search(r"\b(?:know|say|tell|see|decide|ask|wonder|clear|sure)\b", before, _I)
            is not None
        )
    )


def normative(sentence: str, match: re.Match[str]) -> bool:
    """ "Members shall declare their interests": "shall" with anyone but I/we is a rule, not a
    forecast."""
    word = match.group(0).split()[0].lower()
    if word not in {"shall", "shan't"}:
        return False
    return not re.search(r"\b(?:I|we)\s*$", sentence[: match.start()], _I)


def noun_will(sentence: str, match: re.Match[str]) -> bool:
    """ "The will of the people", "political will", "against his will": the noun."""
    before = sentence[: match.start()].lower()
    if not match.group(0).lower().startswith("will"):
        return False
    if re.match(r"Will\s+[A-Z]", match.group(0)) and not question(sentence, match):
        return True  # "Will Harper runs the desk": a name
    return bool(
        re.search(
            r"\b(?:the|a|his|her|their|our|its|my|your|political|free|good|ill|own|of|against|"
            r"with|no|strong|iron)\s*$",
            before,
        )
        or re.match(r"will\s+(?:of|to\s+(?:fight|win|live|resist|act))\b", match.group(0).lower())
    )


def past_horizon(horizons: list[tuple[int, int, Horizon]], published: dt.date) -> bool:
    """Every time phrase has already passed ("by 2020 the grid had doubled"): the sentence is
    about the past, whatever its verbs."""
    return bool(horizons) and all(h.latest < published for _, _, h in horizons)


EXCLUSIONS: tuple[Exclusion, ...] = (
    Exclusion("question", question),
    Exclusion("noun will", noun_will),
    Exclusion("idiom", idiom),
    Exclusion("conditional", conditional),
    Exclusion("reported past", reported_past),
    Exclusion("attributed", attributed),
    Exclusion("uncertain", uncertain),
    Exclusion("habitual", habitual),
    Exclusion("normative shall", normative),
)


# --- confidence ----------------------------------------------------------------------------------

# Longest first, so "almost certainly" is read before "certainly". "Unlikely" marks a negated
# forecast held with confidence: the claim is that it will not happen, "likely".
HEDGES: tuple[tuple[str, str], ...] = (
    (r"almost\s+certainly|all\s+but\s+certain|near(?:ly)?\s+certain", "likely"),
    (
        r"most\s+likely|very\s+likely|highly\s+likely|in\s+all\s+likelihood|more\s+likely\s+than\s+not",
        "likely",
    ),
    (r"(?:very\s+|highly\s+)?unlikely", "likely"),
    (
        r"certainly|definitely|surely|without\s+(?:a\s+)?doubt|no\s+doubt|undoubtedly|inevitabl[ey]|"
        r"bound\s+to|certain\s+to|sure\s+to|(?:I\s+am|I'm|we\s+are|we're)\s+(?:absolutely\s+)?(?:sure|certain|convinced)|"
        r"there\s+is\s+no\s+question|for\s+sure|doomed\s+to|guaranteed",
        "certain",
    ),
    (r"probably|likely|I\s+expect|we\s+expect|expected\s+to|chances\s+are", "likely"),
    (
        r"quite\s+possible|possibly|perhaps|maybe|it\s+is\s+possible|there\s+is\s+a\s+(?:real\s+|good\s+)?chance|"
        r"(?-i:may)|might|could|not\s+impossible|can't\s+rule\s+out|cannot\s+rule\s+out",
        "possible",
    ),
)

_TENS = {
    "ten": 10,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
    "a hundred": 100,
}
_PERCENT = r"(?P<p>\d{1,3}|" + "|".join(_TENS) + r")\s?(?:%|per\s?cent|percent)"
_NUMERIC = (
    rf"{_PERCENT}\s+(?:chance|probability|likely|certain|sure|confident)",
    rf"(?:chance|probability|odds|likelihood)\s+(?:of|at|is|are)\s+(?:about\s+|around\s+)?{_PERCENT}",
    rf"put\s+(?:it|that|the\s+(?:chances?|odds|probability|likelihood)(?:\s+[\w']+){{0,6}}?)\s+at\s+"
    rf"(?:about\s+|around\s+)?(?P<q>\d{{1,3}}|{'|'.join(_TENS)})\b(?:\s?(?:%|per\s?cent|percent))?",
    r"(?P<a>one|two|three|\d)\s+in\s+(?P<b>two|three|four|five|ten|\d{1,2})\s+chance",
)
_SMALL = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "ten": 10}


def confidence(sentence: str) -> str:
    """The stated confidence: a probability ("I'd put it at 70 percent" -> "0.7"), else the
    strongest hedge word found, else ""."""
    for pattern in _NUMERIC:
        m = re.search(pattern, sentence, _I)
        if m is None:
            continue
        groups = m.groupdict()
        if groups.get("a"):
            a, b = (
                int(x) if x.isdigit() else _SMALL[x.lower()] for x in (groups["a"], groups["b"])
            )
            return _probability(a / b)
        raw = (groups.get("p") or groups.get("q")).lower()
        value = int(raw) if raw.isdigit() else _TENS[raw]
        if value <= 100:
            return _probability(value / 100)
    for pattern, level in HEDGES:
        if re.search(rf"\b(?:{pattern})\b", sentence, _I):
            return level
    return ""


def _probability(p: float) -> str:
    return f"{p:.2f}".rstrip("0").rstrip(".") if p not in (0, 1) else str(int(p))


# --- the detector --------------------------------------------------------------------------------


def is_forecast(sentence: str, published: dt.date) -> Candidate | None:
    """The sentence as a candidate forecast, or None. The first marker that no exclusion rules
    out is the trigger."""
    horizons = find_horizons(sentence, published)
    if past_horizon(horizons, published):
        return None
    for marker in MARKERS:
        if marker.needs_horizon and not horizons:
            continue
        for match in marker.pattern.finditer(sentence):
            if any(rule.applies(sentence, match) for rule in EXCLUSIONS):
                continue
            start, end = match.span()
            return Candidate(
                sentence=sentence,
                trigger=sentence[start:end],
                start=start,
                end=end,
                horizon=_nearest(horizons, start, published),
                confidence=confidence(sentence),
            )
    return None


def _nearest(
    horizons: list[tuple[int, int, Horizon]], at: int, published: dt.date
) -> Horizon | None:
    future = [(s, e, h) for s, e, h in horizons if h.latest >= published]
    if not future:
        return None
    return min(future, key=lambda f: min(abs(f[0] - at), abs(f[1] - at)))[2]


def detect(text: str, published: dt.date) -> list[Candidate]:
    """Every sentence of ``text`` proposed as a forecast, in order."""
    return [c for s in sentences(text) if (c := is_forecast(s, published)) is not None]
