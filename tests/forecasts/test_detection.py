"""The forecast detector (masthead/forecasts/detection.py): each rule on sentences written for
it, the measured precision and recall on our labelled set, and the seed capture's pull quotes."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from pathlib import Path

import pytest

from masthead.forecasts.detection import (
    EXCLUSIONS,
    MARKERS,
    Candidate,
    confidence,
    detect,
    is_forecast,
    sentences,
)
from tests.forecasts.labelled import HELD_OUT, PUBLISHED, SENTENCES, Labelled

SEED = Path(__file__).resolve().parents[2].parent / "shared" / "seed" / "article-capture.txt"
DAY = dt.date(2026, 3, 15)


def proposed(sentence: str) -> Candidate | None:
    return is_forecast(sentence, DAY)


# --- sentences ---


def test_sentences_split_after_full_stops_and_keep_closing_quotes():
    text = 'The dam will hold. "It will not," she said. Will it?\n\nA new paragraph'
    assert sentences(text) == [
        "The dam will hold.",
        '"It will not," she said.',
        "Will it?",
        "A new paragraph",
    ]


def test_sentences_do_not_split_abbreviations_initials_or_decimals():
    text = "Gen. A. Marsh expects growth of 3.5 percent, e.g. in the north. Prices fell."
    assert sentences(text) == [
        "Gen. A. Marsh expects growth of 3.5 percent, e.g. in the north.",
        "Prices fell.",
    ]


def test_sentences_split_before_an_opening_curly_quote_and_join_wrapped_lines():
    text = "He spoke at length.\n“The alliance will go,” he added.\nIt was\nlate."
    assert sentences(text) == [
        "He spoke at length.",
        "“The alliance will go,” he added.",
        "It was late.",
    ]


# --- markers ---


def marker_of(sentence: str) -> str | None:
    candidate = proposed(sentence)
    if candidate is None:
        return None
    return next(m.name for m in MARKERS if m.pattern.match(sentence, candidate.start))


@pytest.mark.parametrize(
    ("sentence", "marker", "trigger"),
    [
        ("The dam will burst.", "will", "will burst"),
        ("The dam won't burst.", "will", "won't burst"),
        ("The dam will not burst this year.", "will", "will not burst"),
        ("The town'll vote green.", "will", "'ll vote"),
        ("We shall win.", "will", "shall win"),
        ("The coalition is going to split.", "going to", "is going to split"),
        ("The party is unlikely to recover.", "likely to", "is unlikely to recover"),
        ("The reform is bound to fail.", "likely to", "is bound to fail"),
        ("Both sides are heading for a long war.", "heading for", "are heading for"),
        ("I expect prices to fall.", "expect", "expect"),
        ("I predict that the truce breaks.", "expect", "predict"),
        ("The strike could spread next week.", "may with a horizon", "could spread"),
        ("The minister is to visit the port.", "is to", "is to visit"),
        ("I'd put the chance of a deal at forty percent.", "stated chance", "put the chance"),
        (
            "There is a real chance the dam breaks this spring.",
            "chance with a horizon",
            "There is a real chance",
        ),
    ],
)
def test_each_marker_proposes_its_sentence(sentence: str, marker: str, trigger: str):
    candidate = proposed(sentence)
    assert candidate is not None
    assert marker_of(sentence) == marker
    assert candidate.trigger == trigger
    assert candidate.sentence[candidate.start : candidate.end] == trigger


def test_may_without_a_horizon_is_not_a_forecast():
    assert proposed("That plan might please the farmers.") is None
    assert proposed("The plan might please the farmers next year.") is not None


def test_going_to_a_place_is_not_the_future():
    assert proposed("The voters are going to the polls.") is None


def test_is_to_naming_a_purpose_is_not_the_future():
    assert proposed("The aim is to win back the north.") is None


def test_may_the_month_is_not_the_modal():
    assert proposed("In May prices rose.") is None
    assert confidence("The line will open in May.") == ""


# --- exclusions ---


def excluded_by(sentence: str) -> list[str]:
    """The exclusions that rule out the first marker found in the sentence."""
    for marker in MARKERS:
        match = marker.pattern.search(sentence)
        if match:
            return [rule.name for rule in EXCLUSIONS if rule.applies(sentence, match)]
    raise AssertionError(f"no marker in {sentence!r}")


@pytest.mark.parametrize(
    ("sentence", "rule"),
    [
        ("Who will win the election?", "question"),
        ("Her will carried the day.", "noun will"),
        ("We will see how this is done.", "idiom"),
        ("Time will tell.", "idiom"),
        ("I will say this about him.", "idiom"),
        ("If every district keeps a reserve, the grid will hold.", "conditional"),
        ("The grid will hold unless the winter is harsh.", "conditional"),
        ("As long as the subsidy lasts, farmers will plant beet.", "conditional"),
        ("Should the pipeline be cut, prices will triple.", "conditional"),
        ("In case the dam breaks, the villages will flood.", "conditional"),
        ("The minister said the plant will close.", "reported past"),
        ('"The plant will close," the minister said.', "reported past"),
        ("The plant, she told us, will close.", "reported past"),
        ("Analysts say the plant will close.", "attributed"),
        ("According to the ministry the plant will close.", "attributed"),
        ("Economists expect prices to fall.", "attributed"),
        ("No one knows whether the truce will hold.", "uncertain"),
        ("It is too early to say if prices will fall.", "uncertain"),
        ("A drought will always hit the small farms first.", "habitual"),
        ("Every time the rouble falls, importers will raise prices.", "habitual"),
        ("Members shall declare their interests.", "normative shall"),
        ("Will Harper runs the energy desk.", "noun will"),
        ("I won't comment on the rumours.", "idiom"),
        ("The plant will close, the owners fear.", "attributed"),
    ],
)
def test_each_exclusion_rules_out_its_sentence(sentence: str, rule: str):
    assert rule in excluded_by(sentence)
    assert proposed(sentence) is None


@pytest.mark.parametrize(
    "sentence",
    [
        "The alliance will hold even if Washington walks away.",  # concessive, not a condition
        "The reform will pass, and if it does, the courts will change.",  # condition in clause 2
        "As I said, the alliance will collapse.",  # a restatement in this appearance
        "I think the bank will cut rates.",  # the speaker's own belief
        "I don't expect the embassy to reopen.",  # the speaker's own, negated
        "The alliance will not collapse.",  # negated forecasts are forecasts
        "Russia will never win this war.",  # "never" is not habitual
        "The reform will pass, I think.",  # the speaker's own, after the claim
        "The alliance will not collapse, whatever its critics hope.",  # concessive
        "What we will see next year is a wave of bankruptcies.",  # not the idiom
    ],
)
def test_what_the_exclusions_leave_alone(sentence: str):
    assert proposed(sentence) is not None


def test_a_horizon_in_the_past_makes_a_statement_about_the_past():
    assert proposed("By 2020 the grid will have doubled, the plan said.") is None
    assert is_forecast("By 2020 the grid will have doubled.", dt.date(2015, 1, 1)) is not None


# --- confidence and horizon ---


@pytest.mark.parametrize(
    ("sentence", "stated"),
    [
        ("The truce will almost certainly fail.", "likely"),
        ("The truce will certainly fail.", "certain"),
        ("The truce is bound to fail.", "certain"),
        ("The truce will probably fail.", "likely"),
        ("Most likely the truce will fail.", "likely"),
        ("The truce is unlikely to last.", "likely"),
        ("Perhaps the truce will fail.", "possible"),
        ("The truce may fail next week.", "possible"),
        ("I'd put it at 70 percent that the truce will fail.", "0.7"),
        ("There is a 40% chance the truce will fail.", "0.4"),
        ("I'd say there's a one in three chance that the truce will fail.", "0.33"),
        ("Prices will rise by 10 percent.", ""),  # a magnitude, not a confidence
        ("The truce will fail.", ""),
    ],
)
def test_confidence_is_read_from_the_hedge(sentence: str, stated: str):
    assert confidence(sentence) == stated


def test_the_candidate_carries_the_horizon_nearest_its_trigger():
    candidate = proposed("Next year the line will open, and by 2030 it will reach the port.")
    assert candidate is not None
    assert candidate.trigger == "will open"
    assert candidate.horizon is not None
    assert candidate.horizon.latest == dt.date(2027, 12, 31)
    assert candidate.horizon.kind == "date"


def test_detect_returns_one_candidate_per_forecast_sentence_in_order():
    text = (
        "The plant opened in 2019. It will close by 2030. If the river dries, the town will "
        "empty. Will the mayor stay? Prices are going to rise this year."
    )
    found = detect(text, DAY)
    assert [c.trigger for c in found] == ["will close", "are going to rise"]
    assert [c.horizon.latest for c in found if c.horizon] == [
        dt.date(2030, 12, 31),
        dt.date(2026, 12, 31),
    ]


# --- the labelled set ---

# Floors from each set's first honest run, rounded down to 0.05 (2026-12-02, published day
# 2026-03-15). SENTENCES (254 sentences, 87 forecasts) was written with the rules and its first
# run gave precision 0.98 (87/89) and recall 1.00 (87/87); 1.00 rounded down leaves no room, so
# its recall floor is 0.95. HELD_OUT (79 sentences, 33 forecasts) was written after the rules were
# settled; its first run gave precision 0.87 (27/31) and recall 0.82 (27/33). Some of its misses
# were then fixed (docs/forecasts.md): it reads 0.94 and 0.97 today, no longer blind.
FLOORS = {
    "SENTENCES": {"precision": 0.95, "recall": 0.95, "trigger": 1.0, "horizon": 0.95},
    "HELD_OUT": {"precision": 0.85, "recall": 0.80, "trigger": 0.95, "horizon": 0.85},
}


def measure(labelled: tuple[Labelled, ...]) -> dict[str, float | int]:
    tp = fp = fn = trig = horizon_right = horizon_stated = 0
    for item in labelled:
        candidate = is_forecast(item.text, PUBLISHED)
        if candidate is not None and item.forecast:
            tp += 1
            trig += item.trigger is not None and item.trigger in candidate.trigger
            if item.horizon is not None:
                horizon_stated += 1
                horizon_right += (
                    candidate.horizon is not None
                    and (
                        candidate.horizon.kind,
                        candidate.horizon.latest.isoformat(),
                    )
                    == item.horizon
                )
        elif candidate is not None:
            fp += 1
        elif item.forecast:
            fn += 1
    return {
        "tp": tp,
        "fp": fp,
        "fn": fn,
        "precision": tp / (tp + fp),
        "recall": tp / (tp + fn),
        "trigger": trig / tp,
        "horizon": horizon_right / horizon_stated,
    }


def test_the_labelled_set_is_large_and_varied_enough():
    kinds = Counter(item.kind for item in SENTENCES)
    assert len(SENTENCES) >= 220
    everything = [item.text for item in SENTENCES + HELD_OUT]
    assert len(set(everything)) == len(everything)
    minimum = {"conditional": 30, "past": 30, "reported": 25, "negation": 20, "question": 20}
    minimum |= {"fact": 30, "hard": 20}
    for kind, count in minimum.items():
        assert kinds[kind] >= count, (kind, kinds[kind])


@pytest.mark.parametrize(("name", "labelled"), [("SENTENCES", SENTENCES), ("HELD_OUT", HELD_OUT)])
def test_precision_and_recall_on_the_labelled_sets(name: str, labelled: tuple[Labelled, ...]):
    measured = measure(labelled)
    for figure, floor in FLOORS[name].items():
        assert measured[figure] >= floor, (name, figure, measured)


# --- the seed capture's pull quotes ---

# The pull quotes are lines 14, 24, 34, 42 and 55 (the seed's README). Judged by us: the second,
# third and fourth are forecasts ("will simply collapse", "most likely there will be", "he will
# move to"); the first is about the past and the fifth states a present plan ("he plans to").
SEED_PUBLISHED = dt.date(2023, 5, 28)  # the capture's dateline
SEED_PULL_QUOTES = {14: False, 24: True, 34: True, 42: True, 55: False}
SEED_LIKELY = 34  # "most likely": the stated confidence


@pytest.fixture
def seed_lines() -> list[str]:
    if not SEED.exists():
        pytest.skip("../shared/seed is absent: the seed's pull quotes are read from it")
    return SEED.read_text(encoding="utf-8").split("\n")


def test_the_seed_pull_quotes_that_are_forecasts_are_found(seed_lines: list[str]):
    for line, is_one in SEED_PULL_QUOTES.items():
        quote = seed_lines[line - 1].strip()
        assert quote.startswith("“"), (line, "not a pull quote: the seed has changed")
        candidate = is_forecast(quote.strip("“”"), SEED_PUBLISHED)
        assert (candidate is not None) == is_one, (line, candidate)
        if candidate is not None:
            assert candidate.trigger.lower().startswith("will"), (line, candidate.trigger)
    likely = is_forecast(seed_lines[SEED_LIKELY - 1].strip("“”"), SEED_PUBLISHED)
    assert likely is not None and likely.confidence == "likely"


def test_the_seed_body_yields_candidates_without_its_questions(seed_lines: list[str]):
    body = "\n".join(seed_lines[9:57])
    found = detect(body, SEED_PUBLISHED)
    assert len(found) >= 5
    assert not any(c.sentence.endswith("?") for c in found)
