"""The search backend chosen by configuration: the database's own full text by default, or
OpenSearch for large archives. No OpenSearch server runs here, so its side is checked where it
can be without one: the settings ``search_backends`` builds, the index body (settings and
mapping) the backend would create for ``SearchDocument``, and the query it would send for every
filter reader search uses (``masthead/search/queries.py``). Building the backend opens no
connection."""

from __future__ import annotations

import copy
import datetime as dt
import json
from collections.abc import Iterator

import pytest
from django.core.exceptions import ImproperlyConfigured
from modelsearch.backends.opensearch2 import OpenSearch2SearchBackend
from modelsearch.query import And, Phrase, PlainText

from masthead.editions.current import CurrentEdition, all_editions
from masthead.search import queries, suggest
from masthead.search.models import SearchDocument
from masthead.settings.base import search_backends

OPENSEARCH_URL = "opensearch://search.internal:9200/"
# Analyzers OpenSearch has without being told; any other one the mapping names must be defined
# in the index settings, or creating the index fails.
BUILT_IN_ANALYZERS = {"standard", "simple", "whitespace", "keyword", "stop", "english"}
BUILT_IN_FILTERS = {"lowercase", "asciifolding", "stop", "trim", "unique"}
# What each filter field needs to be to filter and sort exactly (not analysed text).
FILTER_TYPES = {
    "article_id_filter": "integer",
    "path_filter": "keyword",
    "kind_filter": "keyword",
    "section_id_filter": "integer",
    "programme_id_filter": "integer",
    "published_at_filter": "date",
}


def opensearch_backend(url: str = OPENSEARCH_URL) -> OpenSearch2SearchBackend:
    params = copy.deepcopy(search_backends(url)["default"])
    assert params.pop("BACKEND") == "modelsearch.backends.opensearch2"
    return OpenSearch2SearchBackend(params)


# --- Settings --------------------------------------------------------------------------------


def test_no_url_is_the_database_backend_with_the_simple_configuration():
    assert search_backends("") == {
        "default": {"BACKEND": "wagtail.search.backends.database", "SEARCH_CONFIG": "simple"}
    }


def test_an_opensearch_url_selects_opensearch_over_http(monkeypatch):
    monkeypatch.delenv("MASTHEAD_SEARCH_INDEX", raising=False)
    default = search_backends(OPENSEARCH_URL)["default"]
    assert default["BACKEND"] == "modelsearch.backends.opensearch2"
    assert default["URLS"] == ["http://search.internal:9200/"]
    assert default["INDEX_PREFIX"] == "masthead_"
    assert default["AUTO_UPDATE"] is True
    assert default["ATOMIC_REBUILD"] is True


def test_opensearchs_is_opensearch_over_tls_with_its_credentials_and_path():
    default = search_backends("opensearchs://reader:secret@search.internal:9243/cluster")["default"]
    assert default["URLS"] == ["https://reader:secret@search.internal:9243/cluster"]
    backend = opensearch_backend("opensearchs://reader:secret@search.internal:9243/cluster")
    [host] = backend.hosts
    assert host["host"] == "search.internal"
    assert host["port"] == 9243
    assert host["url_prefix"] == "/cluster"
    assert host["use_ssl"] is True and host["verify_certs"] is True
    assert host["http_auth"] == ("reader", "secret")


def test_the_http_backend_reaches_its_host_without_tls():
    [host] = opensearch_backend().hosts
    assert (host["host"], host["port"], host["use_ssl"]) == ("search.internal", 9200, False)
    assert opensearch_backend().timeout == 5


@pytest.mark.parametrize(
    "url", ["elasticsearch://search.internal:9200/", "http://search.internal:9200/", "postgres://"]
)
def test_any_other_scheme_is_refused_naming_the_variable(url):
    with pytest.raises(ImproperlyConfigured, match="MASTHEAD_SEARCH_URL") as refused:
        search_backends(url)
    assert repr(url) in str(refused.value)


def test_the_index_is_named_by_masthead_search_index(monkeypatch):
    monkeypatch.setenv("MASTHEAD_SEARCH_INDEX", "masthead-global")
    index = opensearch_backend().get_index_for_model(SearchDocument)
    assert index.name == "masthead-global_reader_search_searchdocument"


# --- The index body --------------------------------------------------------------------------


def named(key: str, found: object) -> Iterator[str]:
    """Every value of ``key`` anywhere in a JSON-ish structure."""
    if isinstance(found, dict):
        for name, value in found.items():
            if name == key and isinstance(value, str):
                yield value
            yield from named(key, value)
    elif isinstance(found, list):
        for value in found:
            yield from named(key, value)


def test_the_mapping_searches_the_title_boosted_and_the_body():
    properties = opensearch_backend().mapping_class(SearchDocument).get_mapping()["properties"]
    assert properties["title"] == {"type": "text", "copy_to": ["_all_text", "_all_text_boost_3_0"]}
    assert properties["body"] == {"type": "text", "copy_to": "_all_text"}
    assert properties["_all_text"]["type"] == "text"
    assert properties["_all_text_boost_3_0"]["type"] == "text"


def test_the_mapping_filters_on_exact_values():
    properties = opensearch_backend().mapping_class(SearchDocument).get_mapping()["properties"]
    assert {name: properties[name]["type"] for name in FILTER_TYPES} == FILTER_TYPES
    # What the results page shows is read from the database, never the index.
    assert not {"headline", "passages", "byline", "url_path"} & set(properties)


def test_the_query_searches_the_boosted_title_field():
    backend = opensearch_backend()
    compiler = backend.query_compiler_class(SearchDocument.objects.all(), PlainText("forecast"))
    assert {(f.field_name, f.boost) for f in compiler.remapped_fields} == {
        ("_all_text", 1),
        ("_all_text_boost_3_0", 3.0),
    }


def test_every_analyzer_the_mapping_names_is_defined_in_the_index_settings():
    backend = opensearch_backend()
    mapping = backend.mapping_class(SearchDocument).get_mapping()
    analysis = backend.settings["settings"]["analysis"]
    used = set(named("analyzer", mapping)) | set(named("search_analyzer", mapping))
    assert used  # the autocomplete field names its edge n-gram analyzer
    assert used - BUILT_IN_ANALYZERS <= set(analysis["analyzer"])
    for analyzer in used - BUILT_IN_ANALYZERS:
        for token_filter in analysis["analyzer"][analyzer]["filter"]:
            assert token_filter in BUILT_IN_FILTERS | set(analysis["filter"])


def test_the_whole_index_body_is_json():
    backend = opensearch_backend()
    body = {
        **backend.settings,
        "mappings": backend.mapping_class(SearchDocument).get_mapping(),
    }
    assert json.loads(json.dumps(body)) == body


def test_a_document_is_what_the_mapping_declares():
    mapping = opensearch_backend().mapping_class(SearchDocument)
    document = mapping.get_document(
        SearchDocument(
            article_id=7,
            path="000100010002",
            url_path="/home/news/a-forecast/",
            headline="A forecast",
            kind="news",
            section_id=3,
            programme_id=None,
            published_at=dt.datetime(2024, 9, 20, 12, 0, tzinfo=dt.UTC),
            title="a forecast",
            body="the forecast forecasts",
        )
    )
    assert set(document) - {"_edgengrams"} <= set(mapping.get_mapping()["properties"])
    assert document["title"] == "a forecast"
    assert document["path_filter"] == "000100010002"
    assert document["_django_content_type"] == [SearchDocument._meta.label]


# --- The queries reader search sends ---------------------------------------------------------


@pytest.fixture
def edition(newsroom) -> CurrentEdition:
    [edition] = all_editions()
    return edition


def every_filter(edition: CurrentEdition, newsroom) -> queries.Query:
    """A query with every filter the search form offers set."""
    directory = suggest.directory(edition)
    return queries.Query(
        words="forecast",
        terms=("forecast",),
        phrases=("the week",),
        section=next(s for s in directory.sections if s.slug == "politics"),
        kind="interview",
        person=directory.person("taras-guest"),
        programme=next(p for p in directory.programmes if p.slug == "evening-studio"),
        since=dt.date(2023, 5, 1),
        until=dt.date(2023, 5, 31),
    )


def filters_of(query: dict) -> list[dict]:
    found = query["bool"]["filter"]
    return found if isinstance(found, list) else [found]


def test_every_filter_of_reader_search_compiles_for_opensearch(edition, newsroom):
    backend = opensearch_backend()
    query = every_filter(edition, newsroom)
    documents = queries._documents(query, edition).only("article_id", "published_at")
    search_query = queries._search_query(query.terms, query.phrases, "and")
    assert isinstance(search_query, And)
    compiler = backend.query_compiler_class(documents, search_query, order_by_relevance=True)
    compiler.check()  # FilterFieldError or OrderByFieldError if the index cannot answer it
    compiled = compiler.get_query()
    # opensearch-py's serializer writes the datetimes of the range as ISO 8601.
    sent = json.loads(backend.es.transport.serializer.dumps({"query": compiled}))
    content_type, wanted = filters_of(sent["query"])
    assert content_type == {"match": {"_django_content_type": SearchDocument._meta.label}}
    leaves = wanted["bool"]["must"]
    assert {"prefix": {"path_filter": edition.root_tree_path()}} in leaves
    assert {"term": {"section_id_filter": newsroom.politics.pk}} in leaves
    assert {"term": {"kind_filter": "interview"}} in leaves
    assert {"term": {"programme_id_filter": newsroom.programme.pk}} in leaves
    # The person's articles are read from the database and sent as ids.
    assert {"terms": {"article_id_filter": [newsroom.interview.pk]}} in leaves
    starts = next(f for f in leaves if "gte" in f.get("range", {}).get("published_at_filter", {}))
    ends = next(f for f in leaves if "lt" in f.get("range", {}).get("published_at_filter", {}))
    assert dt.datetime.fromisoformat(starts["range"]["published_at_filter"]["gte"]) == (
        dt.datetime(2023, 5, 1, tzinfo=edition.time_zone)
    )
    assert dt.datetime.fromisoformat(ends["range"]["published_at_filter"]["lt"]) == (
        dt.datetime(2023, 6, 1, tzinfo=edition.time_zone)
    )
    assert compiler.get_sort() is None  # by relevance, OpenSearch's own order


def test_the_newest_first_order_and_its_cursor_compile_for_opensearch(edition, newsroom):
    backend = opensearch_backend()
    query = every_filter(edition, newsroom)
    documents = queries._documents(query, edition)
    when = dt.datetime(2023, 5, 28, 9, 0, tzinfo=dt.UTC)
    # As queries._by_date reads the page after a cursor.
    documents = (
        documents.filter(published_at__lt=when)
        | documents.filter(published_at=when, article_id__lt=newsroom.interview.pk)
    ).order_by("-published_at", "-article_id")
    compiler = backend.query_compiler_class(
        documents.only("article_id", "published_at"),
        queries._search_query(query.terms, (), "and"),
        order_by_relevance=False,
    )
    compiler.check()
    sent = json.loads(backend.es.transport.serializer.dumps({"query": compiler.get_query()}))
    assert sent["query"]["bool"]["must"]["multi_match"]["operator"] == "and"
    assert compiler.get_sort() == [{"published_at_filter": "desc"}, {"article_id_filter": "desc"}]


def test_a_phrase_alone_and_the_words_alone_compile_for_opensearch(edition, newsroom):
    backend = opensearch_backend()
    documents = queries._documents(queries.Query("", (), ()), edition)
    for search_query in (
        queries._search_query((), ("the week",), "and"),
        queries._search_query(("guest", "week"), (), "or"),
    ):
        compiler = backend.query_compiler_class(documents, search_query)
        compiler.check()
        inner = compiler.get_query()["bool"]["must"]
        assert json.loads(json.dumps(inner)) == inner
    assert isinstance(queries._search_query((), ("the week",), "and"), Phrase)
