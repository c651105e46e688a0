"""The search index follows the content, by the task worker, and never holds what readers may
not see (masthead/search/documents.py, tasks.py, receivers.py)."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from bs4 import BeautifulSoup
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from wagtail.models import PageViewRestriction, Site
from wagtail.search.models import IndexEntry

from masthead.articles.models import ArticlePage
from masthead.search import documents
from masthead.search.models import SearchDocument
from tests.conftest import NOW, add_article, publish
from tests.emitted import recording
from tests.worker import run_worker


def found(client, query: str, **params) -> list[str]:
    """The addresses of the articles the search page lists for ``query``."""
    response = client.get("/search/", {"q": query, **params})
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    return [a["href"] for a in soup.select("ol.results > li h3 a")]


def indexed_ids() -> set[int]:
    """The search documents Wagtail's index holds (whichever database backend)."""
    kind = ContentType.objects.get_for_model(SearchDocument)
    return {
        int(pk)
        for pk in IndexEntry.objects.filter(content_type=kind).values_list("object_id", flat=True)
    }


@pytest.fixture
def indexed(newsroom):
    return newsroom  # the newsroom fixture has run the worker after building it


def test_the_worker_writes_a_document_for_every_public_article(newsroom):
    public = {newsroom.interview.pk, *(item.pk for item in newsroom.items)}
    assert set(SearchDocument.objects.values_list("article_id", flat=True)) == public
    assert indexed_ids() == public
    article = add_article(newsroom.news, "Turbines arrive", NOW)
    assert not SearchDocument.objects.filter(article_id=article.pk).exists()  # the worker's job
    run_worker()
    assert SearchDocument.objects.filter(article_id=article.pk).exists()
    assert article.pk in indexed_ids()


def test_a_document_holds_the_people_tags_passages_and_facets(indexed):
    document = SearchDocument.objects.get(article_id=indexed.interview.pk)
    assert document.headline == "The guest explains the week"
    assert (document.kind, document.section_id) == ("interview", indexed.politics.pk)
    assert document.programme_id == indexed.programme.pk
    assert {"taras", "guest", "oksana", "diplomacy", "security"} <= set(document.title.split())
    kinds = [(p["kind"], p["who"]) for p in document.passages]
    assert ("quote", "Taras Guest") in kinds  # a quote with no speaker is the first guest's
    assert ("question", "Oksana Host") in kinds  # a question with none is the host's
    assert "former adviser" in document.body  # the credentials held then


def test_a_draft_is_never_indexed_nor_found(client, indexed):
    draft = ArticlePage(title="Draft about turbines", slug="draft-turbines", kind="news")
    indexed.news.add_child(instance=draft)
    draft.save_revision()
    ArticlePage.objects.filter(pk=draft.pk).update(live=False)
    run_worker()
    assert not SearchDocument.objects.filter(article_id=draft.pk).exists()
    assert draft.pk not in indexed_ids()
    assert found(client, "turbines") == []


def test_publishing_makes_an_article_findable_once_the_worker_ran(client, indexed):
    article = add_article(indexed.news, "Turbines arrive in the port", NOW)
    assert found(client, "turbines") == []  # the index is the worker's to change
    with recording() as emitted:
        run_worker()
    site_id = Site.objects.get(is_default_site=True).pk
    assert f"search-{site_id}" in emitted  # the search pages are purged after the index changed
    assert found(client, "turbines") == [article.url]


def test_an_edit_replaces_what_is_found(client, indexed):
    item = indexed.items[0]
    item.title = "Reservoir levels recover"
    publish(item)
    run_worker()
    assert found(client, "reservoir") == [item.url]
    assert item.url not in found(client, "number 0")


def test_unpublishing_removes_the_document_and_its_index_entry(client, indexed):
    item = indexed.items[1]
    assert found(client, "number 1") == [item.url]
    item.unpublish()
    run_worker()
    assert not SearchDocument.objects.filter(article_id=item.pk).exists()
    assert item.pk not in indexed_ids()
    assert item.url not in found(client, "number 1")


def test_a_view_restriction_removes_the_articles_under_it(client, indexed):
    PageViewRestriction.objects.create(
        page=indexed.politics, restriction_type=PageViewRestriction.PASSWORD, password="x"
    )
    run_worker()
    assert not SearchDocument.objects.filter(article_id=indexed.interview.pk).exists()
    assert found(client, "guest explains") == []


def test_deleting_an_article_removes_its_document(indexed):
    item = indexed.items[2]
    item.delete()
    run_worker()
    assert not SearchDocument.objects.filter(article_id=item.pk).exists()
    assert item.pk not in indexed_ids()


def test_a_renamed_person_is_found_by_the_new_name(client, indexed):
    indexed.guest.name = "Taras Nightingale"
    indexed.guest.save()
    run_worker()
    assert found(client, "nightingale") == [indexed.interview.url]


def test_rebuild_writes_every_public_document_again_and_is_idempotent(indexed):
    SearchDocument.objects.filter(article_id=indexed.items[0].pk).delete()
    draft = indexed.items[3]
    ArticlePage.objects.filter(pk=draft.pk).update(live=False)  # a bulk write, map suspended
    assert documents.rebuild() == 12
    assert documents.rebuild() == 12
    public = {indexed.interview.pk, *(i.pk for i in indexed.items)} - {draft.pk}
    assert set(SearchDocument.objects.values_list("article_id", flat=True)) == public
    assert indexed_ids() == public


def test_a_failed_reindex_leaves_the_index_as_it_was(indexed, monkeypatch):
    before = set(SearchDocument.objects.values_list("article_id", flat=True))

    def broken(*args, **kwargs):
        raise RuntimeError("the database went away")

    monkeypatch.setattr(documents, "document_for", broken)
    item = indexed.items[4]
    item.title = "Changed"
    with pytest.raises(RuntimeError):
        documents.sync([item.pk])
    assert set(SearchDocument.objects.values_list("article_id", flat=True)) == before


def test_published_at_orders_newest_first(client, indexed):
    later = add_article(indexed.news, "Number news late", NOW + dt.timedelta(minutes=5))
    run_worker()
    assert found(client, "number", sort="newest")[0] == later.url


def test_rebuild_search_writes_every_document_and_purges_the_search_pages(indexed):
    SearchDocument.objects.all().delete()
    out = io.StringIO()
    with recording() as emitted:
        call_command("rebuild_search", stdout=out)
    assert out.getvalue().startswith("Wrote 13 search documents in ")
    assert SearchDocument.objects.count() == 13
    site_id = Site.objects.get(is_default_site=True).pk
    assert f"search-{site_id}" in emitted
