"""Why a result matched (masthead/search/snippets.py)."""

from __future__ import annotations

from bs4 import BeautifulSoup

from masthead.search import snippets


def _marked(html) -> list[str]:
    return [m.get_text() for m in BeautifulSoup(str(html), "html.parser").find_all("mark")]


PASSAGES = [
    {"kind": "lead", "text": "A lead about the grid.", "who": ""},
    {"kind": "text", "text": "The grid held through the winter, engineers said.", "who": ""},
    {"kind": "quote", "text": "The grid will hold if the reserves are kept.", "who": "A. Guest"},
]


def test_a_pull_quote_is_preferred_when_it_holds_as_many_words():
    found = snippets.best(PASSAGES, {"grid"})
    assert (found.kind, found.who) == ("quote", "A. Guest")
    assert _marked(found.html) == ["grid"]


def test_the_passage_with_most_of_the_words_wins():
    found = snippets.best(PASSAGES, {"grid", "winter", "engin"})
    assert found.kind == "text"
    assert _marked(found.html) == ["grid", "winter", "engineers"]


def test_without_a_match_the_first_passage_is_shown_unmarked():
    found = snippets.best(PASSAGES, {"nothing"})
    assert found.kind == "lead" and _marked(found.html) == []


def test_text_is_escaped_and_only_marks_are_markup():
    passages = [{"kind": "text", "text": '<script>alert("x")</script> grid & <b>', "who": ""}]
    html = str(snippets.best(passages, {"grid"}).html)
    soup = BeautifulSoup(html, "html.parser")
    assert [tag.name for tag in soup.find_all(True)] == ["mark"]
    assert soup.get_text() == '<script>alert("x")</script> grid & <b>'


def test_a_long_passage_is_cut_around_the_first_match():
    words = [f"w{i}" for i in range(100)]
    words[60] = "grid"
    found = snippets.best([{"kind": "text", "text": " ".join(words), "who": ""}], {"grid"})
    shown = BeautifulSoup(str(found.html), "html.parser").get_text()
    assert shown.startswith("… w52 ") and shown.endswith(" …")
    assert "grid" in shown.split()


def test_mark_marks_every_form_of_a_stem():
    html = snippets.mark("Forecasts and a forecast", {"forecast"})
    assert _marked(html) == ["Forecasts", "forecast"]
