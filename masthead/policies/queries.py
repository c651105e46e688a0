"""What a policy page shows."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.http import HttpRequest
from django.utils.safestring import mark_safe
from wagtail.rich_text import expand_db_html

from masthead.articles.dateline import dateline
from masthead.editions.current import edition_for_request

if TYPE_CHECKING:
    from .models import PolicyPage


def policy_page_context(request: HttpRequest, page: PolicyPage) -> dict:
    """The policy's body with its links expanded (one query per kind of link in it), and the
    day it was last published on the edition's clock, so the template starts no query."""
    context: dict = {"body_html": mark_safe(expand_db_html(page.body)) if page.body else ""}
    edition = edition_for_request(request)
    moment = page.last_published_at
    if edition is not None and moment is not None:
        context["updated_line"] = dateline(moment, edition.time_zone, edition.language_code)
    return context
