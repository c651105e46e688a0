"""Forecasts marked in their article's text: each forecast's words highlighted with its status
and a link to its page, and after its block a note of the outcome and the evidence once it is
resolved (``masthead.articles.queries.TEXT_MARKS``, registered in ``apps.py``)."""

from __future__ import annotations

from django.db.models import OuterRef, Subquery
from django.urls import reverse
from django.utils.formats import date_format
from markupsafe import Markup, escape

from masthead.articles.models import ArticlePage
from masthead.articles.queries import TextMark

from .models import Forecast, Resolution, Status, evidence_label, evidence_links


def _current(field: str) -> Subquery:
    latest = Resolution.objects.filter(forecast_id=OuterRef("pk")).order_by("-recorded_at", "-pk")
    return Subquery(latest.values(field)[:1])


def marks_for(article: ArticlePage) -> dict[str, list[TextMark]]:
    """The article's forecasts as marks of their blocks (one query)."""
    rows = (
        Forecast.objects.filter(article_id=article.pk)
        .exclude(block_id="")
        .annotate(explanation=_current("explanation"), evidence=_current("evidence"))
        .values_list(
            "uid", "block_id", "words", "status", "horizon_latest", "resolved_on",
            "person__name", "explanation", "evidence",
        )
    )  # fmt: skip
    labels = dict(Status.choices)
    found: dict[str, list[TextMark]] = {}
    for uid, block_id, words, status, due, resolved_on, person, explanation, evidence in rows:
        url = reverse("forecast", kwargs={"uid": uid})
        label = labels.get(status, status)

        # The label follows the closing quotation mark, inside the mark: a pull quote reads
        # “words” (forecast: Pending), and a screen reader hears the status after the words.
        def marked(
            opening: Markup, text: Markup, closing: Markup, url=url, status=status, label=label
        ) -> Markup:
            return Markup(
                '<mark class="forecast forecast-{status}">{opening}<a href="{url}">{text}</a>'
                '{closing}<span class="forecast-status"> (forecast: {label})</span></mark>'
            ).format(
                status=status, opening=opening, url=url, text=text, closing=closing, label=label
            )

        note = _note(person, status, label, due, resolved_on, explanation, evidence, url)
        found.setdefault(block_id, []).append(TextMark(words, marked, note))
    return found


def _note(person, status, label, due, resolved_on, explanation, evidence, url) -> str:
    if status == Status.PENDING:
        return str(
            Markup(
                '<aside class="forecast-note"><p>This forecast by {person} is pending: it can be '
                'checked from {due}. <a href="{url}">Its page</a> will say how it turned out.</p>'
                "</aside>"
            ).format(person=person, due=date_format(due, "j F Y"), url=url)
        )
    links = evidence_links(evidence)
    evidence_html = Markup(", ").join(
        Markup('<a href="{0}">{1}</a>').format(link, evidence_label(link)) for link in links
    )
    return str(
        Markup(
            '<aside class="forecast-note"><p><strong>{label}</strong> ({resolved}): {why}'
            '{evidence} <a href="{url}">The forecast’s record</a>.</p></aside>'  # noqa: RUF001
        ).format(
            label=label,
            resolved=date_format(resolved_on, "j F Y") if resolved_on else "",
            why=escape(explanation or ""),
            evidence=Markup(" ") + evidence_html + Markup(".") if links else "",
            url=url,
        )
    )
