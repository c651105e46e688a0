"""Search documents written from articles: one per public article, rewritten when what it holds
changes, removed when the article stops being public (``sync``), and all of them at once after a
bulk write (``rebuild``)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from django.db import connection, transaction
from django.db.models import QuerySet
from modelsearch.backends import get_search_backends

from masthead.articles import texts
from masthead.articles.appearances import BYLINE_ROLES, Appearance, Role
from masthead.articles.models import ArticlePage, ArticleTag
from masthead.articles.public import public_articles_under
from masthead.people.models import Person
from masthead.sections.models import SectionPage

from . import text
from .models import SearchDocument

# Rows fetched at a time by ``rebuild``: an archive of 100,000 articles in bounded memory.
_BATCH = 500


def public_articles(pks: Iterable[int] | None = None) -> QuerySet[ArticlePage]:
    """Live articles outside any view restriction: the only ones search may know."""
    articles = public_articles_under("")
    return articles if pks is None else articles.filter(pk__in=list(pks))


@dataclass
class _Related:
    """What documents name besides the article's own fields, fetched for a batch at once."""

    appearances: dict[int, list[tuple[str, str, str]]]  # article → (role, name, credentials)
    tags: dict[int, list[str]]
    sections: dict[str, tuple[int, str]]  # a section's tree path → its id and title
    speakers: dict[int, str]  # person id → name, for quotes and questions

    @classmethod
    def of(cls, articles: list[ArticlePage]) -> _Related:
        pks = [a.pk for a in articles]
        appearances: dict[int, list[tuple[str, str, str]]] = {pk: [] for pk in pks}
        rows = (
            Appearance.objects.filter(article_id__in=pks)
            .order_by("article_id", "sort_order", "pk")
            .values_list("article_id", "role", "person__name", "credentials")
        )
        for article_id, role, name, credentials in rows:
            appearances[article_id].append((role, name, credentials))
        tags: dict[int, list[str]] = {pk: [] for pk in pks}
        for article_id, name in ArticleTag.objects.filter(content_object_id__in=pks).values_list(
            "content_object_id", "tag__name"
        ):
            tags[article_id].append(name)
        parents = {a.path[: -ArticlePage.steplen] for a in articles}
        sections = {
            path: (pk, title)
            for path, pk, title in SectionPage.objects.filter(path__in=parents).values_list(
                "path", "pk", "title"
            )
        }
        speaker_ids = {
            person
            for a in articles
            for block in a.body.raw_data
            for person in (_block_speaker(block),)
            if person
        }
        speakers = dict(Person.objects.filter(pk__in=speaker_ids).values_list("pk", "name"))
        return cls(appearances, tags, sections, speakers)


def _block_speaker(block: dict) -> int | None:
    value = block.get("value")
    if not isinstance(value, dict):
        return None
    person = value.get("person") or value.get("speaker")
    return person if isinstance(person, int) else None


def passages(article: ArticlePage, related: _Related) -> Iterator[dict]:
    """The article's text in order, each passage with its kind and who said it."""
    people = related.appearances[article.pk]
    first_guest = next((name for role, name, _ in people if role == Role.GUEST), "")
    host = next((name for role, name, _ in people if role == Role.HOST), "")
    if article.lead:
        yield {"kind": "lead", "text": article.lead, "who": ""}
    for passage in texts.passages(article.body.raw_data):
        if passage.kind == "quote":
            who = related.speakers.get(passage.person_id or 0, first_guest)
            yield {"kind": "quote", "text": passage.text, "who": who}
        elif passage.kind == "question":
            who = related.speakers.get(passage.person_id or 0, host)
            yield {"kind": "question", "text": passage.text, "who": who}
        else:
            yield {"kind": "text", "text": passage.text, "who": passage.label}


def _byline(people: list[tuple[str, str, str]]) -> str:
    labels = dict(Role.choices)
    shown = [(role, name) for role, name, _ in people if role in (*BYLINE_ROLES, Role.GUEST)]
    return " · ".join(f"{labels[role]}: {name}" for role, name in shown)


def document_for(article: ArticlePage, related: _Related) -> SearchDocument:
    language = article.locale.language_code if article.locale_id else "en"
    people = related.appearances[article.pk]
    names = [name for _, name, _ in people]
    credentials = [credential for _, _, credential in people if credential]
    tags = related.tags[article.pk]
    section_id, section = related.sections.get(article.path[: -ArticlePage.steplen], (None, ""))
    found = list(passages(article, related))
    programme = article.programme.title if article.programme_id else ""
    return SearchDocument(
        article_id=article.pk,
        path=article.path,
        url_path=article.url_path,
        headline=article.title,
        lead=article.lead,
        kind=article.kind,
        section_id=section_id,
        programme_id=article.programme_id,
        published_at=article.published_at,
        passages=found,
        byline=_byline(people),
        section_title=section,
        title=text.index_text(article.title, *names, *tags, language=language),
        body=text.index_text(
            *(p["text"] for p in found),
            *credentials,
            section,
            programme,
            language=language,
        ),
    )


def _documents(articles: QuerySet[ArticlePage]) -> Iterator[list[SearchDocument]]:
    articles = articles.select_related("programme", "locale").order_by("pk")
    last = 0
    while True:
        batch = list(articles.filter(pk__gt=last)[:_BATCH])
        if not batch:
            return
        related = _Related.of(batch)
        yield [document_for(article, related) for article in batch]
        last = batch[-1].pk


def sync(pks: Iterable[int]) -> set[str]:
    """Make the documents of these articles what their articles are now: written for those that
    are public, removed for the rest. Returns the tree paths of every document written or
    removed, so the caller can tell which editions' search results changed."""
    pks = sorted(set(pks))
    touched: set[str] = set()
    with transaction.atomic():
        written: set[int] = set()
        for documents in _documents(public_articles(pks)):
            for document in documents:
                document.save()  # Wagtail's signal handler indexes it
                written.add(document.article_id)
                touched.add(document.path)
        for gone in SearchDocument.objects.filter(article_id__in=pks).exclude(
            article_id__in=written
        ):
            touched.add(gone.path)
            gone.delete()  # and removes it from the index
    return touched


def analyze() -> None:
    """After a bulk write, let PostgreSQL's planner see what the index now holds: with stale
    statistics it guesses how many documents a word matches and picks plans 500 times slower
    (docs/performance.md, "Search")."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE wagtailsearch_indexentry, reader_search_searchdocument")


_STORED = [f.attname for f in SearchDocument._meta.concrete_fields if not f.primary_key]


def rebuild() -> int:
    """Every public article's document written again, in bulk, and every index brought up to
    date; documents of articles no longer public removed. For bulk writers (the demo,
    ``generate_news``) and ``manage.py rebuild_search``. Safe to run again at any time."""
    count = 0
    with transaction.atomic():
        public = public_articles()
        for gone in SearchDocument.objects.exclude(article_id__in=public.values("pk")):
            gone.delete()
        indexes = [
            backend.get_index_for_model(SearchDocument)
            for backend in get_search_backends(with_auto_update=True)
        ]
        for documents in _documents(public):
            SearchDocument.objects.bulk_create(
                documents, update_conflicts=True, unique_fields=["article"], update_fields=_STORED
            )
            for index in indexes:
                index.add_items(SearchDocument, documents)
            count += len(documents)
    return count
