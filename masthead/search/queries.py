"""Reader search: what a query finds, in what order, and the page that shows it.

Matching is the search backend's (Wagtail's search framework: SQLite FTS5, PostgreSQL full text
or OpenSearch) over the edition's search documents. The order by relevance is the backend's
ranking of the best ``CANDIDATES`` matches, blended with recency (``_blend``); the order by date
reads the matches newest first by cursor, to any depth.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import math
import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from django import forms
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import connections, router, transaction
from django.db.models import QuerySet
from django.http import HttpRequest, QueryDict
from django.utils import timezone
from django.utils.formats import date_format
from markupsafe import Markup
from modelsearch.backends import get_search_backend
from modelsearch.query import And, Phrase, PlainText

from masthead.articles.appearances import Appearance
from masthead.articles.models import ArticleKind
from masthead.caching import keys
from masthead.editions.current import CurrentEdition

from . import snippets, suggest, text
from .models import SearchDocument

PAGE_SIZE = 20
# Matches ranked by relevance; beyond them readers sort by date.
CANDIDATES = 100  # OpenSearch answers up to 100 without a scroll
MAX_QUERY_LENGTH = 300
# Recency: a result's rank weight is 1 / (RANK_DAMPING + its rank), raised by up to
# RECENCY_WEIGHT for an article published now, half that for one HALF_LIFE_DAYS old.
RANK_DAMPING = 4
RECENCY_WEIGHT = 0.6
HALF_LIFE_DAYS = 21
RELEVANCE, NEWEST = "relevance", "newest"
_PHRASES = re.compile(r'"([^"]+)"|“([^”]+)”|«([^»]+)»')


# Dates the database and the edition's clock can hold, with room either side for time zones.
_DATE_BOUNDS = [MinValueValidator(dt.date(1000, 1, 1)), MaxValueValidator(dt.date(9000, 12, 31))]
# Right-to-left and other direction overrides: they match nothing, and echoed back they would
# turn the rest of a line around.
_DIRECTION_CONTROLS = dict.fromkeys([*range(0x202A, 0x202F), *range(0x2066, 0x206A)])


class SearchUnavailable(Exception):
    """The search backend (an OpenSearch cluster) does not answer."""


class SearchForm(forms.Form):
    q = forms.CharField(required=False, max_length=MAX_QUERY_LENGTH, strip=True)
    section = forms.SlugField(required=False, max_length=255)
    kind = forms.ChoiceField(required=False, choices=[("", "Any"), *ArticleKind.choices])
    person = forms.SlugField(required=False, max_length=255)
    programme = forms.SlugField(required=False, max_length=255)
    since = forms.DateField(required=False, label="From", validators=_DATE_BOUNDS)
    until = forms.DateField(required=False, label="To", validators=_DATE_BOUNDS)
    sort = forms.ChoiceField(
        required=False, choices=[(RELEVANCE, "Relevance"), (NEWEST, "Newest first")]
    )
    cursor = forms.CharField(required=False, max_length=80)

    def clean(self):
        data = super().clean()
        since, until = data.get("since"), data.get("until")
        if since and until and since > until:
            raise forms.ValidationError("The “From” date comes after the “To” date.")
        return data


@dataclass(frozen=True)
class Query:
    """What a reader asked for, checked."""

    words: str
    terms: tuple[str, ...]  # stems the index holds (see text.query_terms)
    phrases: tuple[str, ...]  # folded
    section: suggest.Facet | None = None
    kind: str = ""
    person: suggest.Entry | None = None
    programme: suggest.Facet | None = None
    since: dt.date | None = None
    until: dt.date | None = None
    sort: str = RELEVANCE
    cursor: str = ""

    @property
    def filtered(self) -> bool:
        return any((self.section, self.kind, self.person, self.programme, self.since, self.until))

    @property
    def wanted(self) -> set[str]:
        return {*self.terms, *(w for p in self.phrases for w in p.split())}


@dataclass(frozen=True)
class Result:
    url: str
    headline: Markup
    kind: str
    kind_label: str
    published_at: dt.datetime
    date_text: str  # on the edition's clock, in its language: "20 September 2024"
    section: str
    byline: str
    snippet: snippets.Snippet | None


@dataclass
class Results:
    query: Query
    results: list[Result] = field(default_factory=list)
    more: bool = False  # a later page exists
    next_cursor: str = ""
    corrected: str | None = None  # the words searched instead, when the reader's found nothing
    people: list[suggest.Entry] = field(default_factory=list)
    tags: list[suggest.Entry] = field(default_factory=list)


def parse(form: SearchForm, edition: CurrentEdition, found: suggest.Directory) -> Query:
    data = form.cleaned_data
    words = (data.get("q") or "").translate(_DIRECTION_CONTROLS)
    phrases = tuple(
        folded
        for groups in _PHRASES.findall(words)
        if (folded := text.fold(next(g for g in groups if g)))
    )
    terms = tuple(text.query_terms(_PHRASES.sub(" ", words), edition.language_code))
    return Query(
        words=words,
        terms=terms,
        phrases=phrases,
        section=next((s for s in found.sections if s.slug == data.get("section")), None),
        kind=data.get("kind") or "",
        person=found.person(data["person"]) if data.get("person") else None,
        programme=next((p for p in found.programmes if p.slug == data.get("programme")), None),
        since=data.get("since"),
        until=data.get("until"),
        sort=data.get("sort") or RELEVANCE,
        cursor=data.get("cursor") or "",
    )


def _documents(query: Query, edition: CurrentEdition) -> QuerySet[SearchDocument]:
    documents = SearchDocument.objects.filter(path__startswith=edition.root_tree_path())
    if query.section:
        documents = documents.filter(section_id=query.section.pk)
    if query.kind:
        documents = documents.filter(kind=query.kind)
    if query.programme:
        documents = documents.filter(programme_id=query.programme.pk)
    if query.person:
        documents = documents.filter(
            article_id__in=Appearance.objects.filter(person__slug=query.person.slug).values(
                "article_id"
            )
        )
    zone = edition.time_zone
    if query.since:
        start = dt.datetime.combine(query.since, dt.time(), zone)
        documents = documents.filter(published_at__gte=start)
    if query.until:
        end = dt.datetime.combine(query.until + dt.timedelta(days=1), dt.time(), zone)
        documents = documents.filter(published_at__lt=end)
    return documents


def _search_query(terms: tuple[str, ...], phrases: tuple[str, ...], operator: str):
    parts = [Phrase(phrase) for phrase in phrases]
    if terms:
        parts.insert(0, PlainText(" ".join(terms), operator=operator))
    return parts[0] if len(parts) == 1 else And(parts)


_CLIENTS = ("opensearchpy", "elasticsearch", "elastic_transport", "urllib3")


def _hits(found, limit: int) -> list:
    """The first ``limit`` results; a search cluster that does not answer is SearchUnavailable
    (the database is another matter: its errors are raised as they are)."""
    try:
        return list(found[:limit])
    except Exception as error:
        if type(error).__module__.split(".")[0] in _CLIENTS:
            raise SearchUnavailable(str(error)) from error
        raise


def _blend(ranked: list[tuple[int, dt.datetime]], now: dt.datetime) -> list[int]:
    """The backend's ranking blended with recency: ids in their final order."""

    def weight(rank: int, published_at: dt.datetime) -> float:
        age = max((now - published_at).total_seconds() / 86400, 0.0)
        return (1 + RECENCY_WEIGHT * math.pow(0.5, age / HALF_LIFE_DAYS)) / (RANK_DAMPING + rank)

    order = sorted(enumerate(ranked), key=lambda row: -weight(row[0], row[1][1]))
    return [pk for _, (pk, _) in order]


def _is_number(text: str) -> bool:
    return text.isascii() and text.isdigit()  # "²" is a digit to isdigit, not to int


def _offset(cursor: str) -> int:
    if cursor.startswith("r") and _is_number(cursor[1:]):
        return min(int(cursor[1:]), CANDIDATES)
    return 0


def _by_relevance(documents, search_query, cursor: str) -> tuple[list[int], bool, str]:
    backend = get_search_backend()
    hits = backend.search(
        search_query, documents.only("article_id", "published_at"), order_by_relevance=True
    )
    ranked = [(d.article_id, d.published_at) for d in _hits(hits, CANDIDATES)]
    order = _blend(ranked, timezone.now())
    start = _offset(cursor)
    page = order[start : start + PAGE_SIZE]
    more = start + PAGE_SIZE < len(order)
    return page, more, f"r{start + PAGE_SIZE}" if more else ""


def _newest_cursor(cursor: str) -> tuple[dt.datetime, int] | None:
    moment, _, pk = cursor.partition("_")
    if not cursor.startswith("t") or not _is_number(pk):
        return None
    try:
        when = dt.datetime.fromisoformat(moment[1:])
        when.astimezone(dt.UTC)  # a moment the database can hold
    except (ValueError, OverflowError):
        return None
    return (when, int(pk)) if when.tzinfo else None


def _by_date(documents, search_query, cursor: str) -> tuple[list[int], bool, str]:
    after = _newest_cursor(cursor)
    if after is not None:
        when, pk = after
        documents = documents.filter(published_at__lt=when) | documents.filter(
            published_at=when, article_id__lt=pk
        )
    documents = documents.order_by("-published_at", "-article_id").only(
        "article_id", "published_at"
    )
    if search_query is None:
        rows = list(documents[: PAGE_SIZE + 1])
    else:
        backend = get_search_backend()
        found = backend.search(search_query, documents, order_by_relevance=False)
        rows = _hits(found, PAGE_SIZE + 1)
    more = len(rows) > PAGE_SIZE
    rows = rows[:PAGE_SIZE]
    last = rows[-1] if rows else None
    token = f"t{last.published_at.isoformat()}_{last.article_id}" if more and last else ""
    return [row.article_id for row in rows], more, token


def _results(ids: list[int], query: Query, edition: CurrentEdition) -> list[Result]:
    if not ids:
        return []
    found = SearchDocument.objects.defer("title", "body").in_bulk(ids)
    labels = dict(ArticleKind.choices)
    wanted = query.wanted
    language = edition.language_code
    zone = edition.time_zone
    shown = []
    for pk in ids:
        document = found.get(pk)
        if document is None:
            continue
        shown.append(
            Result(
                url=edition.relative_url(document.url_path),
                headline=snippets.mark(document.headline, wanted, language),
                kind=document.kind,
                kind_label=labels.get(document.kind, document.kind),
                published_at=document.published_at,
                date_text=date_format(timezone.localtime(document.published_at, zone), "j F Y"),
                section=document.section_title,
                byline=document.byline,
                snippet=snippets.best(document.passages, wanted, language),
            )
        )
    return shown


@contextlib.contextmanager
def _planned_for_these_words() -> Iterator[None]:
    """On PostgreSQL, plan the search's statements for the words searched. Production prepares
    a statement after a few runs (DATABASE_PREPARE_THRESHOLD), and every search of one word is
    the same statement: its generic plan expects a handful of matches and joins every match
    before ranking (228 ms for a word in 20,000 documents, 45 ms planned for that word). The
    entries' GIN index is read from memory, hence the lower random_page_cost. Both hold for
    this transaction only: custom plans everywhere slow the article page (bench/search.py)."""
    alias = router.db_for_read(SearchDocument)
    connection = connections[alias]
    if connection.vendor != "postgresql":
        yield
        return
    with transaction.atomic(using=alias), connection.cursor() as cursor:
        cursor.execute(
            "SELECT set_config('plan_cache_mode', 'force_custom_plan', true), "
            "set_config('random_page_cost', '1.1', true)"
        )
        yield


def run(query: Query, edition: CurrentEdition) -> Results:
    """The results of ``query`` in ``edition`` (two queries for a page of results)."""
    keys.declare(keys.search(edition.site_id))
    results = Results(query)
    if not (query.terms or query.phrases or query.filtered):
        return results
    documents = _documents(query, edition)
    sort = NEWEST if not (query.terms or query.phrases) else query.sort

    def attempt(terms: tuple[str, ...], operator: str) -> tuple[list[int], bool, str]:
        search_query = None
        if terms or query.phrases:
            search_query = _search_query(terms, query.phrases, operator)
        with _planned_for_these_words():
            if sort == RELEVANCE:
                return _by_relevance(documents, search_query, query.cursor)
            return _by_date(documents, search_query, query.cursor)

    ids, more, cursor = attempt(query.terms, "and")
    if not ids and query.terms and not query.cursor:
        directory = suggest.directory(edition)
        corrected = suggest.correct(directory.vocabulary, query.words)
        if corrected:
            terms = tuple(text.query_terms(corrected, edition.language_code))
            ids, more, cursor = attempt(terms, "and")
            if ids:
                results.corrected = corrected
                query = Query(**{**query.__dict__, "terms": terms})
                results.query = query
        if not ids and len(query.terms) > 1:
            ids, more, cursor = attempt(query.terms, "or")
    results.results = _results(ids, query, edition)
    results.more, results.next_cursor = more, cursor
    return results


def page_context(request: HttpRequest, edition: CurrentEdition) -> tuple[dict, int]:
    """The search page's context and its status: 400 for a query that cannot be read."""
    form = SearchForm(request.GET)
    directory = suggest.directory(edition)
    context = {"form": form, "directory": directory, "results": None}
    if not form.is_valid():
        return context, 400
    query = parse(form, edition, directory)
    results = run(query, edition)
    if query.words and not query.cursor:
        nearest = suggest.match(directory.entries, query.words, 16) or [
            entry
            for word in text.words(query.words)
            for entry in suggest.match(directory.entries, word, 4)
        ]
        results.people = [e for e in nearest if e.kind == suggest.PERSON][:3]
        results.tags = [e for e in nearest if e.kind == suggest.TAG][:5]
    if not query.words and not query.filtered:
        results.people = [e for e in directory.entries if e.kind == suggest.PERSON][:8]
        results.tags = [e for e in directory.entries if e.kind == suggest.TAG][:12]
    context["results"] = results
    context["next_url"] = _next_url(request.GET, results.next_cursor) if results.more else None
    return context, 200


def _next_url(params: QueryDict, cursor: str) -> str:
    following = params.copy()
    following["cursor"] = cursor
    return "?" + following.urlencode()


def suggestions(edition: CurrentEdition, query: str) -> dict:
    """The autocomplete's answer: people and tags whose names start with the typed words."""
    keys.declare(keys.search(edition.site_id), keys.PEOPLE)
    query = query[:MAX_QUERY_LENGTH]
    entries = suggest.match(suggest.directory(edition).entries, query, 10)
    return {
        "query": query,
        "people": [e.as_json() for e in entries if e.kind == suggest.PERSON][:6],
        "tags": [e.as_json() for e in entries if e.kind == suggest.TAG][:6],
    }
