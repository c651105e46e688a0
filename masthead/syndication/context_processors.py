"""``head`` in every reader page's context: what its ``<head>`` tells machines (``head.py``)."""

from django.http import HttpRequest

from .head import PageHead


def head(request: HttpRequest) -> dict:
    # Nothing is read until a template asks (PageHead computes each part when first used).
    return {"head": PageHead(request)}
