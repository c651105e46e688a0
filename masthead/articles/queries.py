"""Everything an article page shows, fetched in a fixed number of queries."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.http import HttpRequest
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe
from markupsafe import Markup, escape
from taggit.models import Tag

from masthead.caching import keys
from masthead.caching.compiled import CompiledQuery
from masthead.caching.fragments import cached_fragment
from masthead.editions.current import CurrentEdition, edition_for_request
from masthead.people.models import Person

from .appearances import BYLINE_ROLES, MEDIA_ROLES, Appearance, Role
from .blocks import expand_paragraphs, people_already_fetched
from .dateline import correction_time, dateline, updated_line

if TYPE_CHECKING:
    from .models import ArticlePage


@dataclass(frozen=True)
class Credit:
    person: Person
    role: str
    credentials: str


@dataclass(frozen=True)
class CreditLine:
    """One line of the credits: the people who did the same things, in editorial order, and
    what they did (``"Reported and translated by"``, ``"Photo"``)."""

    label: str
    credits: list[Credit]


def _joined(words: list[str]) -> str:
    return words[0] if len(words) == 1 else f"{', '.join(words[:-1])} and {words[-1]}"


def byline_lines(credits: list[Credit]) -> list[CreditLine]:
    """The byline: each person with everything they did for the article ("Reported and
    translated by"), people who did the same joined on one line, lines in editorial order."""
    roles_of: dict[int, list[str]] = {}
    first: dict[int, Credit] = {}
    for credit in credits:
        roles_of.setdefault(credit.person.pk, []).append(credit.role)
        first.setdefault(credit.person.pk, credit)
    lines: dict[tuple[str, ...], list[Credit]] = {}
    for pk, roles in roles_of.items():
        ordered = tuple(role for role in BYLINE_ROLES if role in roles)
        lines.setdefault(ordered, []).append(first[pk])
    return [
        CreditLine(f"{_joined([BYLINE_ROLES[role] for role in roles]).capitalize()} by", people)
        for roles, people in lines.items()
    ]


@dataclass(frozen=True)
class ShownCorrection:
    """A correction as readers see it: its text, when it was made and that time as printed."""

    noted_at: dt.datetime
    text: str
    shown_at: str


@dataclass(frozen=True)
class ArticleCredits:
    """Everyone credited in an article, in editorial order, by what they did."""

    all: list[Credit]

    def _in(self, *roles: str) -> list[Credit]:
        return [credit for credit in self.all if credit.role in roles]

    @property
    def authors(self) -> list[Credit]:
        """Who wrote or reported it: schema.org's ``author`` and a feed entry's authors."""
        return self._in(Role.AUTHOR, Role.REPORTER)

    @property
    def translators(self) -> list[Credit]:
        return self._in(Role.TRANSLATOR)

    @property
    def editors(self) -> list[Credit]:
        return self._in(Role.EDITOR)

    @property
    def hosts(self) -> list[Credit]:
        return self._in(Role.HOST)

    @property
    def guests(self) -> list[Credit]:
        return self._in(Role.GUEST)

    @property
    def media(self) -> list[Credit]:
        """Who took the pictures or filmed: "Photo: …", "Video: …"."""
        return self._in(*MEDIA_ROLES)

    @property
    def byline(self) -> list[CreditLine]:
        return byline_lines(self._in(*BYLINE_ROLES))

    @property
    def media_lines(self) -> list[CreditLine]:
        lines: dict[str, list[Credit]] = {}
        for credit in self.media:
            lines.setdefault(Role(credit.role).label, []).append(credit)
        return [CreditLine(label, credits) for label, credits in lines.items()]

    @property
    def people(self) -> dict[int, Person]:
        return {credit.person.pk: credit.person for credit in self.all}

    @property
    def host(self) -> Person | None:
        return self.hosts[0].person if self.hosts else None

    @property
    def guest(self) -> Person | None:
        return self.guests[0].person if self.guests else None


# Stand-in for the article's id in the compiled queries below.
_ARTICLE = -918_273_645

CREDITS = CompiledQuery(
    lambda article_id: (
        Appearance.objects.filter(article_id=article_id)
        .select_related("person", "person__photo")
        .order_by("sort_order", "id")
    ),
    article_id=_ARTICLE,
)
TAGS = CompiledQuery(
    lambda article_id: Tag.objects.filter(
        articles_articletag_items__content_object_id=article_id
    ).order_by("name"),
    article_id=_ARTICLE,
)


def article_credits(article: ArticlePage) -> ArticleCredits:
    """Everyone credited, in their editorial order (one query)."""
    rows = CREDITS.fetch(article_id=article.pk)
    return ArticleCredits([Credit(row.person, row.role, row.credentials) for row in rows])


def load_body(article: ArticlePage, people: dict[int, Person]) -> list:
    """The body's blocks, with people named in quotes and questions taken from ``people``
    rather than fetched again; one query per other kind of chosen object (pages, images)."""
    with people_already_fetched(people):
        blocks = list(article.body)
    expand_paragraphs([block.value for block in blocks if block.block_type == "paragraph"])
    return blocks


@dataclass(frozen=True)
class TextMark:
    """Words of one body block that another app marks for readers (a forecast and its status),
    and the note shown after the block."""

    words: str
    # ``html(opening, words, closing)``: the words, escaped, as marked, with the quotation marks
    # that enclose them in the block (or ``""``). They are handed over so that a label can follow
    # the closing one: a pull quote reads “words” (forecast: Pending), never “words (…)”.
    html: Callable[[Markup, Markup, Markup], Markup]
    note: str = ""  # HTML, already escaped


# Quotation marks as a block's HTML may hold them: typographic, or escaped by Jinja or the rich
# text editor. A single closing one may be an apostrophe ("the ministers' plan"), so it is taken
# only when an opening one comes before the words.
_OPENING = re.compile(
    r"(?<![^\W\d_])"
    r"(?:[\u201c\u2018\u00ab\u201e\"']|&quot;|&#34;|&#39;|&#x27;|&ldquo;|&lsquo;|&laquo;)$"
)
_CLOSING = re.compile(r"(?:[\u201d\u00bb\"]|&quot;|&#34;|&rdquo;|&raquo;)")
_CLOSING_SINGLE = re.compile(r"(?:[\u2019']|&#39;|&#x27;|&rsquo;)(?![^\W\d_])")


# What other apps mark in an article's text, each ``(article) -> {block id: [TextMark]}``;
# registered at start-up (masthead/forecasts/apps.py), since imports run from them to here.
# Their models (with an ``article`` key) are in ``MARKING_MODELS``, so the routing query can
# say whether an article has any marks (``ArticlePage.route_annotations``).
TEXT_MARKS: list[Callable[[ArticlePage], dict[str, list[TextMark]]]] = []
MARKING_MODELS: list[type] = []


def text_marks(article: ArticlePage) -> dict[str, list[TextMark]]:
    found: dict[str, list[TextMark]] = {}
    for marks_of in TEXT_MARKS:
        for block_id, marks in marks_of(article).items():
            found.setdefault(block_id, []).extend(marks)
    return found


def mark(html: str, marks: list[TextMark] | None) -> Markup:
    """A rendered block with each mark's words marked (where they still stand, once each, with
    the quotation marks around them), and the marks' notes after it."""
    html = Markup(html)
    if not marks:
        return html
    notes = Markup("")
    for found in marks:
        # The words as the block's HTML may hold them: escaped by Jinja, or by the rich text
        # editor (which writes &#x27; for an apostrophe).
        escaped = str(escape(found.words))
        for form in (escaped.replace("&#39;", q) for q in ("&#39;", "'", "&#x27;")):
            start = html.find(form) if form else -1
            if start < 0:
                continue
            end = start + len(form)
            opening = _OPENING.search(html, 0, start)
            closing = _CLOSING.match(html, end) or (opening and _CLOSING_SINGLE.match(html, end))
            if opening:
                start = opening.start()
            if closing:
                end = closing.end()
            marked = found.html(
                Markup(opening.group() if opening else ""),
                Markup(form),
                Markup(closing.group() if closing else ""),
            )
            html = Markup(html[:start] + marked + html[end:])
            notes += Markup(found.note)
            break
    return html + notes


def article_page_context(request: HttpRequest, article: ArticlePage) -> dict:
    edition: CurrentEdition | None = edition_for_request(request)
    credits = article_credits(article)
    people = credits.people
    context = {
        "credits": credits,
        "body_blocks": load_body(article, people),
        "tags": TAGS.fetch(article_id=article.pk),
        # A routed article knows from its routing query whether anything marks it.
        "marks": text_marks(article) if getattr(article, "has_marks", True) else {},
        "mark": mark,
    }
    if edition is not None:
        language = edition.language_code
        # The article's own (a draft's, in a preview): corrections travel with its revisions.
        # A routed page knows from its routing query whether it has any.
        if getattr(article, "has_corrections", True):
            context["corrections"] = [
                ShownCorrection(
                    c.noted_at, c.text, correction_time(c.noted_at, edition.time_zone, language)
                )
                for c in article.corrections.all()
            ]
        context["dateline"] = dateline(
            article.published_at, edition.time_zone, edition.language_code
        )
        if article.updated_at:
            context["updated_line"] = updated_line(
                article.updated_at, article.published_at, edition.time_zone, edition.language_code
            )
    return context


PAGE_PARTS = "page-part"


def rendered_page_part(
    request: HttpRequest, page, template: str, context: Callable[[], dict]
) -> str:
    """``template`` rendered for a published page, kept once per published revision until the
    page's key goes stale (``masthead/serving/invalidation.py`` emits it when anything the page
    shows changes); previews always render the draft afresh."""

    def build() -> str:
        return render_to_string(template, context(), request=request)

    edition = edition_for_request(request)
    if edition is None or getattr(request, "is_preview", False):
        return mark_safe(build())
    variant = f"{template}:{page.pk}:{page.live_revision_id}"
    page_key = keys.page(page._meta.label_lower, page.pk)
    return mark_safe(cached_fragment(PAGE_PARTS, edition, build, (page_key,), variant))


def article_html(request: HttpRequest, article: ArticlePage) -> str:
    """The rendered article, headline to credits."""
    return rendered_page_part(
        request,
        article,
        "articles/includes/article.html",
        lambda: {"page": article, **article_page_context(request, article)},
    )
