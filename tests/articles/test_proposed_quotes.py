"""A pull quote a transcript import proposed stays off the reader's page, the search index and
the full-text feeds until an editor accepts it (unticks "proposed")."""

from __future__ import annotations

import json

from bs4 import BeautifulSoup

from masthead.search import documents
from masthead.search.models import SearchDocument
from tests.conftest import publish


def test_a_proposed_quote_is_not_shown_until_accepted(client, newsroom):
    article = newsroom.interview
    quote = {"quote": "Bridges will be rebuilt within a year", "person": None}
    article.body = json.dumps(
        [
            {"type": "paragraph", "value": "<p>An answer.</p>", "id": "p1"},
            {"type": "pull_quote", "value": {**quote, "proposed": True}, "id": "q1"},
        ]
    )
    publish(article)
    documents.rebuild()

    def shown() -> list[str]:
        page = BeautifulSoup(client.get(article.url).content, "html.parser")
        return [q.get_text() for q in page.select(".article-body figure.pull-quote blockquote")]

    assert shown() == []
    passages = SearchDocument.objects.get(article_id=article.pk).passages
    assert "quote" not in [p["kind"] for p in passages]
    feed = client.get("/feeds/rss/?full=1").content.decode()
    assert "Bridges will be rebuilt" not in feed
    article.body = json.dumps(
        [{"type": "pull_quote", "value": {**quote, "proposed": False}, "id": "q1"}]
    )
    publish(article)
    assert shown() == ["“Bridges will be rebuilt within a year”"]
