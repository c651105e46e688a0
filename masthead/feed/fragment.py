"""The latest-news block shown beside every page, rendered once per change."""

from django.http import HttpRequest
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.safestring import SafeString, mark_safe

from masthead.caching import keys
from masthead.caching.fragments import cached_fragment
from masthead.editions.current import edition_for_request

from .queries import latest_news

FRAGMENT = "latest-news"


def latest_news_html(request: HttpRequest) -> SafeString:
    edition = edition_for_request(request)
    if edition is None:
        return mark_safe("")

    def build() -> str:
        return render_to_string(
            "feed/latest_news.html",
            {"days": latest_news(edition), "more_news_url": reverse("latest")},
        )

    block_keys = (keys.latest_news(edition.site_id),)
    return mark_safe(cached_fragment(FRAGMENT, edition, build, block_keys, everywhere=True))
