"""People and tags as you type, and spelling correction (masthead/search/suggest.py)."""

from __future__ import annotations

import pytest

from masthead.search import suggest

ENTRIES = tuple(
    suggest._entry(kind, name, name.lower().replace(" ", "-"), f"/{kind}/", "", count)
    for kind, name, count in [
        ("person", "Volodymyr Zelenskyy", 40),
        ("person", "Oleksandra Pyvovar", 3),
        ("person", "Olena Zelenska", 5),
        ("person", "Marko Danyliuk", 12),
        ("tag", "Kyiv", 30),
        ("tag", "elections", 9),
    ]
)


def names(query: str) -> list[str]:
    return [entry.name for entry in suggest.match(ENTRIES, query)]


def test_a_prefix_of_any_word_finds_the_name():
    assert names("dany") == ["Marko Danyliuk"]
    assert names("marko d") == ["Marko Danyliuk"]


def test_the_most_shown_comes_first_among_equal_matches():
    assert names("ole") == ["Olena Zelenska", "Oleksandra Pyvovar"]


@pytest.mark.parametrize(
    ("typed", "found"),
    [
        ("Zelensky", "Volodymyr Zelenskyy"),  # another transliteration
        ("Zelenskiy", "Volodymyr Zelenskyy"),
        ("Kiev", "Kyiv"),
        ("Aleksandra", "Oleksandra Pyvovar"),
        ("Danyluik", "Marko Danyliuk"),  # a typo
        ("ДАНИЛЮК", "Marko Danyliuk"),  # Cyrillic
    ],
)
def test_typos_and_transliterations_are_forgiven(typed, found):
    assert names(typed)[0] == found


def test_nothing_like_it_finds_nothing():
    assert names("qqqq") == []
    assert names("") == []
    assert names("\x00 !!") == []


def test_every_typed_word_must_match():
    assert names("marko zelenskyy") == []


def test_correct_replaces_unknown_words_with_the_nearest_known_one():
    vocabulary = {suggest.text.skeleton(w): w for w in ["kyiv", "danyliuk", "elections"]}
    assert suggest.correct(vocabulary, "Danyluk elections") == "danyliuk elections"
    assert suggest.correct(vocabulary, "Kiev") == "kyiv"
    assert suggest.correct(vocabulary, "elections") is None
    assert suggest.correct(vocabulary, "quantum") is None


def test_a_correction_writes_names_as_they_are_written_and_keeps_the_rest_as_typed():
    vocabulary = {suggest.text.skeleton(w.casefold()): w for w in ["Kyiv", "Danyliuk"]}
    assert suggest.correct(vocabulary, "Danyluk in KIEV, Elections") == "Danyliuk in Kyiv Elections"
