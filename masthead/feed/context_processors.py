from django.http import HttpRequest
from django.urls import reverse
from django.utils.functional import SimpleLazyObject

from masthead.caching import keys
from masthead.edge.esi import edge_includes, include
from masthead.editions.current import edition_for_request

from .fragment import latest_news_html


def latest_news(request: HttpRequest) -> dict:
    """The latest-news block, or, behind an edge that includes by ESI, the include that the
    edge fills with it: publishing a news item then purges the block, not every page."""

    def block():
        if edge_includes(request):
            edition = edition_for_request(request)
            shown = (keys.latest_news(edition.site_id),) if edition else ()
            return include(request, reverse("latest_news_block"), shown)
        return latest_news_html(request)

    # Lazy, like Django's ``user``: built (or read from the cache) only by pages that show it.
    return {"latest_news": SimpleLazyObject(block)}
