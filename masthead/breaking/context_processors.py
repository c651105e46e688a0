from django.http import HttpRequest
from django.urls import reverse
from django.utils.functional import SimpleLazyObject

from masthead.caching import keys
from masthead.edge.esi import edge_includes, include
from masthead.editions.current import edition_for_request

from .banner import banner_html


def breaking_news(request: HttpRequest) -> dict:
    """The breaking-news banner, or, behind an edge that includes by ESI, the include that the
    edge fills with it: flagging or clearing then purges the banner, not every page."""

    def banner():
        if edge_includes(request):
            edition = edition_for_request(request)
            shown = (keys.breaking(edition.site_id),) if edition else ()
            return include(request, reverse("breaking_news_banner"), shown)
        return banner_html(request)

    # Lazy, like the latest-news block: built only by pages that show it.
    return {"breaking_news": SimpleLazyObject(banner)}
