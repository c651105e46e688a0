"""What a tag's page shows: the articles carrying the tag."""

from __future__ import annotations

from django.db.models import QuerySet
from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404
from taggit.models import Tag

from masthead.articles.models import ArticlePage
from masthead.caching import keys
from masthead.feed.listing import Listing, Selection, paginate


def _tagged(articles: QuerySet[ArticlePage], tag_id: int) -> QuerySet[ArticlePage]:
    return articles.filter(tagged_items__tag_id=tag_id)


TAGGED_ARTICLES = Selection("tag", _tagged, key=int)


def tag_listing(request: HttpRequest, tag: Tag) -> Listing:
    """The articles carrying ``tag``, a page at a time (one query)."""
    return paginate(request, TAGGED_ARTICLES, tag.pk)


def tag_page(request: HttpRequest, slug: str) -> dict:
    """The tag page's context (two queries); 404 for an unknown tag, and for one that no public
    article carries (only drafts, or unpublished articles): readers and crawlers must not learn
    of it. That 404 carries the tag's keys, so the article that first makes it public purges it."""
    tag = get_object_or_404(Tag, slug=slug)
    keys.declare(*keys.with_listing(keys.tag(tag.pk)))
    listing = tag_listing(request, tag)
    if listing.is_empty and not request.GET:
        raise Http404("No public article carries this tag.")
    return {"tag": tag, "listing": listing}
