"""What reader search finds: one document per public article, and nothing else.

The index of ``SearchDocument`` (through Wagtail's search framework, whichever backend holds it)
never holds a draft, an unpublished or a view-restricted article: a document exists only while
its article is public, and the task worker writes and removes it (``documents.py``). Wagtail's
own index of pages, which the admin searches, keeps drafts for editors; readers never see it.

A document keeps what the results page shows (headline, lead, the passages a snippet is cut
from), so a page of results is one query, and what search matches in two weighted fields
(``text.index_text``): ``title`` (the headline, the people, the tags) and ``body`` (everything).
"""

from __future__ import annotations

from django.db import models
from django.db.models.functions import Cast
from modelsearch import index


class SearchDocument(index.Indexed, models.Model):
    article = models.OneToOneField(
        "articles.ArticlePage",
        primary_key=True,
        on_delete=models.CASCADE,
        related_name="search_document",
    )
    # Where the article is: its tree path (an edition's articles are those under its home page)
    # and its address under the site root.
    path = models.CharField(max_length=255, db_index=True)
    url_path = models.TextField()
    headline = models.TextField()
    lead = models.TextField(blank=True)
    kind = models.CharField(max_length=16)
    section_id = models.IntegerField(null=True)
    programme_id = models.IntegerField(null=True)
    published_at = models.DateTimeField()
    # The article's passages in order, each {"kind": "lead" | "text" | "quote" | "question",
    # "text": …, "who": name or ""}: what a snippet is cut from.
    passages = models.JSONField(default=list)
    # The names shown under a result: its people by role, and its section's title.
    byline = models.TextField(blank=True)
    section_title = models.TextField(blank=True)
    # What is matched (folded words, then their other forms; see masthead/search/text.py).
    title = models.TextField()
    body = models.TextField()

    search_fields = [
        index.SearchField("title", boost=3),
        index.SearchField("body"),
        index.FilterField("article_id"),
        index.FilterField("path"),
        index.FilterField("kind"),
        index.FilterField("section_id"),
        index.FilterField("programme_id"),
        index.FilterField("published_at"),
    ]

    class Meta:
        indexes = [
            models.Index(fields=["-published_at", "-article"], name="search_newest"),
            # Wagtail's database backend joins its index entries to documents by
            # object_id = article_id::varchar(50): this lets matching entries find their
            # documents instead of every document being read for the join.
            models.Index(
                Cast("article", output_field=models.CharField(max_length=50)),
                name="search_article_text",
            ),
        ]

    def __str__(self) -> str:
        return self.headline
