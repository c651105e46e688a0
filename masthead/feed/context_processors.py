from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from .fragment import latest_news_html


def latest_news(request: HttpRequest) -> dict:
    # Lazy, like Django's ``user``: built (or read from the cache) only by pages that show it.
    return {"latest_news": SimpleLazyObject(lambda: latest_news_html(request))}
