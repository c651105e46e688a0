"""The search index kept in step with the content, by the task worker.

A change that makes an article's key stale (the invalidation map, ``masthead/serving/
invalidation.py``, emits ``article-12`` for its publish, edit, unpublish, move or delete, and for
a change to a person, tag, programme or section it shows) makes its search document stale too:
``receivers.py`` enqueues ``reindex`` with the change, on the task backend whose rows are written
in the change's own transaction, so it runs if and only if the change commits. The worker then
rewrites or removes the documents and emits the search keys of the editions whose results
changed, which purges their search pages only once the index shows the change.
"""

from __future__ import annotations

from django.db import transaction
from django_tasks import task, task_backends
from django_tasks_db import DatabaseBackend

from masthead.caching import keys
from masthead.edge.purging import BACKEND
from masthead.serving.invalidation import editions_of, emit

from . import documents


@task(backend=BACKEND)
def reindex(article_ids: list[int]) -> int:
    """Rewrite the search documents of these articles; returns how many were looked at."""
    touched = documents.sync(article_ids)
    emit(search_keys(touched))
    return len(article_ids)


def search_keys(paths: set[str]) -> set[str]:
    """The search keys of the editions holding pages at these tree paths."""
    return {keys.search(e.site_id) for path in paths for e in editions_of(path)}


def reindex_later(article_ids: set[int]) -> None:
    found = sorted(article_ids)
    if not found:
        return
    if isinstance(task_backends[BACKEND], DatabaseBackend):
        reindex.enqueue(found)  # written with the change, seen by the worker after its commit
    else:
        transaction.on_commit(lambda: reindex.enqueue(found))
