"""What a feed shows: the newest public articles of a listing, with what a feed reader needs
of each (lead, dates on the edition's clock, authors, main image, full text when asked).

A channel reads its articles through the listing primitive with the Selection its page family
declared (the archive's, a section's, a tag's …), so a feed lists exactly what the page lists,
and then the items' own fields in a fixed number of queries, however many items it shows.
"""

from __future__ import annotations

import datetime as dt
import mimetypes
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from django.db.models import OuterRef, Subquery
from django.db.models.functions import Length, Substr
from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404
from django.urls import reverse
from taggit.models import Tag
from wagtail.images.models import AbstractImage, Filter
from wagtail.models import Page

from masthead.articles.appearances import MEDIA_ROLES
from masthead.articles.models import Appearance, ArticlePage, Role
from masthead.articles.renditions import RENDITION_FILTERS, attach_public_renditions
from masthead.caching import keys
from masthead.editions.current import CurrentEdition, edition_for_request
from masthead.editions.visibility import under_view_restriction
from masthead.feed.listing import Selection
from masthead.feed.queries import ARCHIVE
from masthead.people.models import Person
from masthead.people.queries import PERSON_ARTICLES
from masthead.programmes.models import Programme
from masthead.programmes.queries import PROGRAMME_ARTICLES
from masthead.sections.models import SectionPage
from masthead.sections.queries import SECTION_ARTICLES
from masthead.tags.queries import TAGGED_ARTICLES

from .full_text import FullTextSources, full_text_html

FEED_SIZE = 50  # items in every feed

# The lead image as feeds and structured data show it.
LEAD_RENDITION = "lead"


@dataclass(frozen=True)
class Byline:
    name: str
    url: str | None  # the person's page, absolute; None for the edition's own byline


@dataclass(frozen=True)
class Picture:
    url: str  # absolute
    width: int
    height: int
    mime_type: str
    caption: str


@dataclass(frozen=True)
class Entry:
    """One article as a feed shows it."""

    article_id: int
    title: str
    url: str  # absolute
    guid: str  # stable across edits and slug changes (see ``article_guid``)
    published: dt.datetime  # on the edition's clock
    modified: dt.datetime  # the later of published and updated, on the edition's clock
    summary: str  # the lead, plain text; may be empty
    authors: tuple[Byline, ...]  # who wrote or reported it
    contributors: tuple[Byline, ...]  # who translated or edited it, took its photos or video
    section: str
    image: Picture | None
    content_html: str | None  # the full text, when asked for and the body has any


@dataclass(frozen=True)
class Channel:
    """A feed's own description and its entries, newest first."""

    edition: CurrentEdition
    title: str
    description: str
    link: str  # the HTML page the feed follows, absolute
    self_url: str  # the feed's own address, absolute, with ``?full=1`` when asked
    entries: list[Entry]

    @property
    def latest_change(self) -> dt.datetime | None:
        return max((entry.modified for entry in self.entries), default=None)


# A channel's builder, called with the request, the URL's arguments and ``full_text``.
ChannelOf = Callable[..., Channel]


def article_guid(hostname: str, first_published: dt.datetime, article_id: int) -> str:
    """A tag URI (RFC 4151) for an article, e.g. ``tag:example.com,2024-09-20:article:12``: the
    page id and the day it was first published never change, whatever is edited or renamed."""
    return f"tag:{hostname},{first_published.astimezone(dt.UTC):%Y-%m-%d}:article:{article_id}"


def wants_full_text(request: HttpRequest) -> bool:
    """``?full=1`` asks a feed for the articles' full text."""
    return request.GET.get("full") == "1"


def _edition(request: HttpRequest) -> CurrentEdition:
    edition = edition_for_request(request)
    if edition is None:
        raise Http404("No edition answers at this address.")
    return edition


def _of_section(field: str) -> Subquery:
    # An article's section is its parent page: the page whose tree path is the article's less
    # its last step.
    parent_path = Substr(OuterRef("path"), 1, Length(OuterRef("path")) - Page.steplen)
    return Subquery(Page.objects.filter(path=parent_path).values(field)[:1])


def picture_of(
    request: HttpRequest, image: AbstractImage | None, caption: str = "", use: str = LEAD_RENDITION
) -> Picture | None:
    """The rendition ``use`` of ``image`` with an absolute address; None without an image or
    when the rendition was never made (they are made on save, never while a reader waits)."""
    if image is None:
        return None
    try:
        rendition = image.find_existing_rendition(Filter(spec=RENDITION_FILTERS[use]))
    except image.get_rendition_model().DoesNotExist:
        return None
    url = rendition.url
    mime_type = mimetypes.guess_type(url)[0] or "image/jpeg"
    return Picture(
        request.build_absolute_uri(url),
        rendition.width,
        rendition.height,
        mime_type,
        caption or getattr(image, "description", "") or image.title,
    )


def entries(
    request: HttpRequest, edition: CurrentEdition, rows: Sequence[tuple], *, full_text: bool
) -> list[Entry]:
    """The listing's ``rows`` (id, title, url_path, published_at, kind) as feed entries: the
    articles' own fields in one query, their people in one, the renditions of their pictures in
    one (none without pictures), and with ``full_text`` what their bodies name (see
    ``full_text.py``)."""
    ids = [row[0] for row in rows]
    if not ids:
        return []
    articles = ArticlePage.objects.filter(pk__in=ids).select_related("main_image")
    articles = articles.annotate(section_id=_of_section("pk"), section_title=_of_section("title"))
    if not full_text:
        articles = articles.defer("body")
    by_id = {article.pk: article for article in articles}
    appearances = Appearance.objects.filter(article_id__in=ids).select_related("person")
    if not full_text:
        appearances = appearances.filter(role__in=CREDITED_ROLES)
    people: dict[int, list[Appearance]] = {pk: [] for pk in ids}
    for appearance in appearances.order_by("sort_order", "id"):
        people[appearance.article_id].append(appearance)
    bodies = FullTextSources(request, by_id.values(), people) if full_text else None
    images = [article.main_image for article in by_id.values()]
    attach_public_renditions([*images, *(bodies.images if bodies else ())])

    result = []
    shown: list[str] = []
    for article_id, title, url_path, published_at, _kind in rows:
        article = by_id.get(article_id)
        if article is None:  # unpublished between the two queries
            continue
        authors = _bylines(request, people[article_id], AUTHOR_ROLES) or (
            Byline(edition.brand, None),
        )
        contributors = _bylines(request, people[article_id], CONTRIBUTOR_ROLES)
        modified = max(published_at, article.updated_at or published_at)
        shown.append(keys.article(article_id))
        if article.section_id:
            shown.append(keys.section(article.section_id))  # its title, as the category
        if article.main_image_id:
            shown.append(keys.image(article.main_image_id))
        shown.extend(keys.person(a.person_id) for a in people[article_id])
        result.append(
            Entry(
                article_id=article_id,
                title=title,
                url=request.build_absolute_uri(edition.relative_url(url_path)),
                guid=article_guid(
                    edition.hostname, article.first_published_at or published_at, article_id
                ),
                published=published_at.astimezone(edition.time_zone),
                modified=modified.astimezone(edition.time_zone),
                summary=article.lead,
                authors=authors,
                contributors=contributors,
                section=article.section_title or "",
                image=picture_of(request, article.main_image, article.main_image_caption),
                content_html=(full_text_html(bodies, article) or None) if bodies else None,
            )
        )
    # What each entry shows: the article, its section, its picture and the people it names.
    keys.declare(*shown)
    return result


# A feed's authors are who wrote or reported the article; its contributors the other credits.
AUTHOR_ROLES = (Role.AUTHOR, Role.REPORTER)
CONTRIBUTOR_ROLES = (Role.TRANSLATOR, Role.EDITOR, *MEDIA_ROLES)
CREDITED_ROLES = (*AUTHOR_ROLES, *CONTRIBUTOR_ROLES)


def _bylines(
    request: HttpRequest, appearances: list[Appearance], roles: tuple[str, ...]
) -> tuple[Byline, ...]:
    """The people of ``appearances`` in ``roles``, each once, in editorial order."""
    found: dict[int, Byline] = {}
    for a in appearances:
        if a.role in roles and a.person_id not in found:
            found[a.person_id] = Byline(
                a.person.name, request.build_absolute_uri(_person_path(a.person))
            )
    return tuple(found.values())


def _person_path(person: Person) -> str:
    return reverse("person", kwargs={"slug": person.slug})


def _channel(
    request: HttpRequest,
    edition: CurrentEdition,
    selection: Selection,
    key: object,
    *,
    title: str,
    description: str,
    link: str,
    shown: Iterable[str],
    full_text: bool,
) -> Channel:
    rows = selection.rows(edition, "first", FEED_SIZE, key)
    items = entries(request, edition, rows, full_text=full_text)
    # The listing the feed follows and the edition's brand in its title; entries declare theirs.
    keys.declare(keys.edition(edition.site_id), *shown)
    return Channel(
        edition,
        title,
        description,
        request.build_absolute_uri(link),
        request.build_absolute_uri(),
        items,
    )


def edition_channel(request: HttpRequest, *, full_text: bool) -> Channel:
    """The edition's newest articles, what "More news" lists (four queries: the listing and
    its entries')."""
    edition = _edition(request)
    return _channel(
        request,
        edition,
        ARCHIVE,
        None,
        title=edition.brand,
        description=edition.tagline or f"The latest news from {edition.brand}",
        link="/",
        shown=[keys.archive(edition.site_id)],
        full_text=full_text,
    )


def section_channel(request: HttpRequest, slug: str, *, full_text: bool) -> Channel:
    """A section's newest articles (five queries: the section, the listing and its entries');
    404 for a section readers cannot see."""
    edition = _edition(request)
    root = edition.root_tree_path()
    section = get_object_or_404(
        SectionPage.objects.filter(
            slug=slug, live=True, path__startswith=root, depth=len(root) // Page.steplen + 1
        ).exclude(under_view_restriction()),
    )
    return _channel(
        request,
        edition,
        SECTION_ARTICLES,
        section.path,
        title=f"{section.title} — {edition.brand}",
        description=section.intro or f"{section.title}: the latest from {edition.brand}",
        link=edition.relative_url(section.url_path),
        shown=keys.with_listing(keys.section(section.pk)),
        full_text=full_text,
    )


def tag_channel(request: HttpRequest, slug: str, *, full_text: bool) -> Channel:
    """The newest articles carrying a tag (five queries); 404 for an unknown tag, as its page."""
    edition = _edition(request)
    tag = get_object_or_404(Tag, slug=slug)
    return _channel(
        request,
        edition,
        TAGGED_ARTICLES,
        tag.pk,
        title=f"{tag.name} — {edition.brand}",
        description=f"Articles tagged “{tag.name}” from {edition.brand}",
        link=reverse("tag", kwargs={"slug": tag.slug}),
        shown=keys.with_listing(keys.tag(tag.pk)),
        full_text=full_text,
    )


def person_channel(request: HttpRequest, slug: str, *, full_text: bool) -> Channel:
    """Everything a person wrote, hosted or appeared in, newest first (five queries)."""
    edition = _edition(request)
    person = get_object_or_404(Person, slug=slug)
    return _channel(
        request,
        edition,
        PERSON_ARTICLES,
        person.pk,
        title=f"{person.name} — {edition.brand}",
        description=person.description or f"{person.name} at {edition.brand}",
        link=_person_path(person),
        shown=keys.with_listing(keys.person(person.pk)),
        full_text=full_text,
    )


def programme_channel(request: HttpRequest, slug: str, *, full_text: bool) -> Channel:
    """A programme's newest articles (five queries)."""
    edition = _edition(request)
    programme = get_object_or_404(Programme, slug=slug)
    return _channel(
        request,
        edition,
        PROGRAMME_ARTICLES,
        programme.pk,
        title=f"{programme.title} — {edition.brand}",
        description=programme.description or f"{programme.title} on {edition.brand}",
        link=reverse("programme", kwargs={"slug": programme.slug}),
        shown=keys.with_listing(keys.programme(programme.pk)),
        full_text=full_text,
    )
