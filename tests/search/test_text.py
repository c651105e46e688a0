"""How words are made comparable (masthead/search/text.py)."""

from __future__ import annotations

import pytest

from masthead.search import text


def test_fold_lowers_strips_marks_and_separates_words():
    assert text.fold("Café — “Ça va?”  ﬁne_tuned") == "cafe ca va fine tuned"


def test_fold_keeps_cyrillic_letters_whole():
    # й and ї must not lose their marks: they are letters of their own.
    assert text.fold("Київ, Зеленський") == "київ зеленський"


def test_index_text_keeps_the_words_in_order_then_adds_their_other_forms():
    indexed = text.index_text("Forecasts of collapse", "Київ")
    words = indexed.split()
    assert words[:4] == ["forecasts", "of", "collapse", "київ"]
    assert {"forecast", "collaps", "kyiv"} <= set(words[4:])
    assert "of" not in words[4:]  # common words get no extra forms


def test_query_terms_are_the_stems_the_index_holds():
    assert text.query_terms("The forecasting of collapses") == ["forecast", "collaps"]
    # Only common words: they are kept, else the reader's query would be empty.
    assert text.query_terms("the") == ["the"]
    assert text.query_terms("Київ") == ["kyiv"]


@pytest.mark.parametrize(
    ("one", "other"),
    [("Zelensky", "Zelenskyy"), ("Oleksandr", "Aleksandr"), ("Kharkiv", "Harkiv")],
)
def test_skeleton_makes_transliterations_of_a_name_one(one, other):
    assert text.skeleton(text.fold(one)) == text.skeleton(text.fold(other))


def test_skeleton_brings_kiev_close_to_kyiv():
    assert text.skeleton("kyiv") == "kiv"
    assert text.skeleton("kiev") == "kiev"  # one letter apart: suggest forgives one typo
