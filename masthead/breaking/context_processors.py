from django.http import HttpRequest
from django.urls import reverse
from django.utils.functional import SimpleLazyObject

from masthead.edge.esi import edge_includes, include

from .banner import banner_html


def breaking_news(request: HttpRequest) -> dict:
    """The breaking-news banner, or, behind an edge that includes by ESI, the include that the
    edge fills with it: flagging or clearing then purges the banner, not every page."""

    def banner():
        if edge_includes(request):
            return include(request, reverse("breaking_news_banner"))
        return banner_html(request)

    # Lazy, like the latest-news block: built only by pages that show it.
    return {"breaking_news": SimpleLazyObject(banner)}
