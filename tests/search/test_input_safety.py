"""Whatever a reader types, search answers: the search page with 200 (or 400 with the form's
error for a query it cannot read) and the autocomplete with JSON, never a 500, and nothing typed
comes back as markup. Hypothesis drives both views with text in any script, control and
formatting characters, right-to-left marks, quotes, full-text operators, SQL and HTML, very long
strings and NUL bytes, in the query and in every other parameter."""

from __future__ import annotations

import datetime as dt
import json
import unicodedata

import pytest
import time_machine
from bs4 import BeautifulSoup
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from masthead.articles.models import ArticleKind, Role
from masthead.people.models import Person
from masthead.search import documents
from tests.conftest import NOW, add_article

# Content whose own text is markup and metacharacters, so results and suggestions echo them.
NASTY_HEADLINE = "Tom & Jerry's \"<script>alert('headline')</script>\" forecast"
NASTY_QUOTE = "A forecast <img src=x onerror=alert('quote')> &amp; more"
NASTY_NAME = "O'Brien <b onmouseover=alert('name')>&amp;</b> Forecaster"

FTS_OPERATORS = ["AND", "OR", "NOT", "NEAR", "NEAR(", "*", "^", "-", "+", ":", "(", ")", '"']
SQL = ["'", "''", ";", "--", "/*", "*/", "%", "_", "\\", "' OR '1'='1", "'; DROP TABLE x; --"]
HTML = [
    "<script>alert(1)</script>",
    "&amp;",
    "&lt;",
    "&#0;",
    '"><img src=x onerror=alert(1)>',
    "'><svg onload=alert(1)>",
    "</textarea></title></script>",
    "<!--",
    "javascript:alert(1)",
]
MARKS = ["\u200f", "\u202e", "\u200e", "\u202a", "\u2066", "\u200b", "\ufeff", "\u00ad"]
QUOTES = ['"', "'", "\u201c", "\u201d", "\u00ab", "\u00bb", "`", '""', "\u201c\u201d"]
SPECIALS = [
    *FTS_OPERATORS,
    *SQL,
    *HTML,
    *MARKS,
    *QUOTES,
    "\x00",
    "\r\n",
    "\t",
    " ",
    "forecast",
    "guest",
    "week",
    "Taras",
    "Oksana Hos",
    "\u0422\u0430\u0440\u0430\u0441",  # Taras in Cyrillic
    "\u0627\u0644\u0623\u0633\u0628\u0648\u0639",  # "the week" in Arabic
    "\u05e9\u05d1\u05d5\u05e2",  # "week" in Hebrew
    "\u65b0\u95fb",  # "news" in Chinese
    "\U0001f600",
    "e\u0301",
]

# Any character Django can encode in a URL: every category but lone surrogates (Cc, Cf, Zs,
# Co and unassigned ones included).
any_character = st.characters(exclude_categories=("Cs",))
words = st.lists(
    st.one_of(st.text(any_character, max_size=12), st.sampled_from(SPECIALS)), max_size=16
).map("".join)
long_text = st.builds(
    lambda piece, n, tail: (piece * n)[:2000] + tail,
    st.one_of(st.sampled_from(SPECIALS), st.text(any_character, min_size=1, max_size=8)),
    st.integers(min_value=40, max_value=2000),
    st.text(any_character, max_size=5),
)
text_input = st.one_of(words, words, long_text)

dates = st.one_of(
    st.dates().map(dt.date.isoformat),
    st.sampled_from(["0001-01-01", "9999-12-31", "2024-02-30", "2024-9-1", "20240920"]),
    words,
)
cursors = st.one_of(
    st.integers(min_value=-5, max_value=10**30).map(lambda n: f"r{n}"),
    st.builds(
        lambda when, pk: f"t{when.isoformat()}_{pk}",
        st.datetimes(timezones=st.timezones()),
        st.integers(min_value=-1, max_value=10**12),
    ),
    # Digits str.isdigit accepts and int() does not (superscript two), and ones both accept.
    st.sampled_from(
        ["r\u00b2", "r\u0661\u0662", "t2024-09-20T12:00:00+00:00_\u00b2", "t2024-09-20_1", "t_"]
    ),
    words,
)
params = st.fixed_dictionaries(
    {},
    optional={
        "q": text_input,
        "section": st.one_of(st.sampled_from(["news", "politics", "none"]), words),
        "kind": st.one_of(st.sampled_from([k.value for k in ArticleKind]), words),
        "person": st.one_of(st.sampled_from(["taras-guest", "obrien", "nobody"]), words),
        "programme": st.one_of(st.sampled_from(["evening-studio"]), words),
        "since": dates,
        "until": dates,
        "sort": st.one_of(st.sampled_from(["relevance", "newest"]), words),
        "cursor": cursors,
    },
)

PROPERTY = settings(
    max_examples=150,
    deadline=None,
    database=None,  # no .hypothesis/ in the checkout; failures print their example
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


@pytest.fixture(scope="module")
def searchable(built_newsroom, django_db_blocker):
    """The small newsroom, an article and a person whose text is markup, and their search
    documents (written in the module's transaction, rolled back with it)."""
    with django_db_blocker.unblock(), time_machine.travel(NOW, tick=False):
        person = Person.objects.create(name=NASTY_NAME, slug="obrien")
        add_article(
            built_newsroom.news,
            NASTY_HEADLINE,
            NOW - dt.timedelta(days=1),
            slug="nasty-forecast",
            lead="The forecast for the week & the guest's <em>view</em>.",
            people=[(person, Role.AUTHOR, "Forecaster <i>in chief</i>")],
            tags=["<b>forecast</b>"],
            body=[
                {"type": "pull_quote", "value": {"quote": NASTY_QUOTE, "person": person.pk}},
                {"type": "paragraph", "value": "<p>Forecast &lt;b&gt; &amp; guest.</p>"},
            ],
        )
        assert documents.rebuild() == 14
    return built_newsroom


@pytest.fixture
def page_shape(client, newsroom, searchable) -> tuple[list[str | None], set[str]]:
    """The scripts of the search page with no query, and every element it may hold."""
    soup = BeautifulSoup(client.get("/search/", {"q": "forecast"}).content, "html.parser")
    scripts = [script.get("src") for script in soup.find_all("script")]
    assert scripts and all(src and src.endswith("/masthead/search.js") for src in scripts)
    elements = {tag.name for tag in soup.find_all(True)}
    assert {"mark", "blockquote"} <= elements  # the nasty article was found and shown
    # What other answers add: the form's errors, a corrected query, a pager, no results.
    return scripts, elements | {"div", "strong", "nav", "b", "footer"}


def assert_nothing_injected(response, page_shape, sent: str | None) -> BeautifulSoup:
    scripts, elements = page_shape
    assert response["Content-Type"].startswith("text/html")
    soup = BeautifulSoup(response.content, "html.parser")
    assert [script.get("src") for script in soup.find_all("script")] == scripts
    for tag in soup.find_all(True):
        assert tag.name in elements, tag
        for name, value in tag.attrs.items():
            assert not name.lower().startswith("on"), tag
            if name in ("href", "src", "action"):
                assert not str(value).strip().lower().startswith("javascript:"), tag
    if sent is not None:
        [box] = soup.select("form.search-form input[name=q]")
        assert box.get("value", "") == sent
    return soup


def readable(query: str) -> bool:
    """Whether the search form accepts this query (see SearchForm.q)."""
    return "\x00" not in query and len(query.strip()) <= 300


DIRECTION_CONTROLS = dict.fromkeys([*range(0x202A, 0x202F), *range(0x2066, 0x206A)])


@PROPERTY
@given(query=text_input)
@example(query="")
@example(query='"><script>alert(1)</script>')
@example(query="' OR 1=1; --")
@example(query='forecast AND NOT "the week" OR guest* NEAR(a b) ^c col:x -d +e')
@example(query='"unclosed phrase')
@example(query="\u201cthe week\u201d \u00abguest\u00bb")
@example(query="\u202eforecast\u200f \u0627\u0644\u0623\u0633\u0628\u0648\u0639")
@example(query="forecast\x00guest")
@example(query="x" * 300)
@example(query=" " * 5 + "x" * 300 + " " * 5)
@example(query="x" * 301)
@example(query="forecast " * 250)
@example(query="&amp; &lt;b&gt; &#0;")
@example(query="AND OR NOT NEAR")
@example(query="*")
@example(query="\u00b2 \u2460 \u00bd")
@example(query="\u202a")
def test_any_query_is_answered_and_echoed_as_text(client, newsroom, searchable, page_shape, query):
    response = client.get("/search/", {"q": query})
    assert response.status_code == (200 if readable(query) else 400)
    soup = assert_nothing_injected(response, page_shape, query)
    if response.status_code == 400:
        assert soup.select_one(".form-errors[role=alert] li")
    elif query.translate(DIRECTION_CONTROLS).strip():
        # Direction overrides alone are no query (they are dropped: they match nothing).
        heading = soup.select_one("#search-results-heading")
        assert heading is not None and heading.get_text()


@PROPERTY
@given(sent=params)
@example(sent={"q": "forecast", "since": "9999-12-31"})
@example(sent={"q": "forecast", "until": "9999-12-31"})
@example(sent={"q": "forecast", "since": "0001-01-01"})
@example(sent={"q": "forecast", "until": "0001-01-01"})
@example(sent={"since": "2024-09-20", "until": "2024-09-01"})
@example(sent={"q": "forecast", "cursor": "r\u00b2"})
@example(sent={"q": "forecast", "sort": "newest", "cursor": "t2024-09-20T12:00:00+00:00_\u00b2"})
@example(sent={"q": "forecast", "sort": "newest", "cursor": "t0001-01-01T00:00:00+14:00_1"})
@example(sent={"q": "forecast", "sort": "newest", "cursor": "t9999-12-31T23:59:59-14:00_1"})
@example(sent={"q": "forecast", "cursor": "r" + "9" * 79})
@example(sent={"section": "news'; --", "kind": "<script>", "person": "\x00"})
@example(sent={"q": "week", "person": "taras-guest", "programme": "evening-studio"})
@example(sent={"kind": "interview", "sort": "relevance"})
def test_garbage_in_every_parameter_is_answered(client, newsroom, searchable, page_shape, sent):
    response = client.get("/search/", sent)
    assert response.status_code in (200, 400)
    assert_nothing_injected(response, page_shape, sent.get("q", ""))


@PROPERTY
@given(query=text_input)
@example(query="")
@example(query="Taras")
@example(query="O'Br")
@example(query='<script>alert(1)</script>"')
@example(query="\x00Tar\x00as")
@example(query="\u202e\u0422\u0430\u0440\u0430\u0441")
@example(query="x" * 2000)
@example(query="\x00" * 5 + "y" * 400)
def test_the_autocomplete_answers_any_query_with_json(client, newsroom, searchable, query):
    response = client.get("/search/suggest/", {"q": query})
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    answer = json.loads(response.content)
    assert set(answer) == {"query", "people", "tags"}
    assert answer["query"] == query.replace("\x00", "")[:300]
    for entry in answer["people"] + answer["tags"]:
        assert entry["url"].startswith(("/people/", "/tags/"))


def test_the_autocomplete_returns_names_as_data_not_markup(client, newsroom, searchable):
    answer = json.loads(client.get("/search/suggest/", {"q": "o'brien"}).content)
    assert [p["name"] for p in answer["people"]] == [NASTY_NAME]
    answer = json.loads(client.get("/search/suggest/", {"q": "forec"}).content)
    assert "<b>forecast</b>" in [t["name"] for t in answer["tags"]]


def test_markup_in_content_is_shown_as_text(client, newsroom, searchable, page_shape):
    response = client.get("/search/", {"q": "forecast script"})
    soup = assert_nothing_injected(response, page_shape, "forecast script")
    headlines = [unicodedata.normalize("NFC", h.get_text()) for h in soup.select(".results h3 a")]
    assert NASTY_HEADLINE in headlines
    quote = soup.select_one(".results blockquote.snippet")
    assert quote.p.get_text() == f"\u201c{NASTY_QUOTE}\u201d"
    assert [m.get_text() for m in quote.find_all("mark")] == ["forecast"]
