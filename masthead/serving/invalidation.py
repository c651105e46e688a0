"""The invalidation map: which change makes which keys stale, in one place.

Pages and shared values declare the content they show as keys (``masthead/caching/keys.py``).
Here every kind of change a newsroom makes is turned into exactly the keys it affects, and
``emit`` hands them to both consumers: the shared values kept in the app
(``masthead.caching.fragments.invalidate``) and the edge's purges (``masthead.edge.purging``).

The rules, in short (each handler below says why):

- An article published, edited, unpublished, moved or deleted: its own key; the listings it is
  or was in (its section's, its tags', its people's, its programme's, the edition's archive, and
  the latest-news block when it is among the newest), but only those whose list it changes; the
  front page when it is or may be one of the top stories; the pages that link to it (Wagtail's
  ``ReferenceIndex``) when its title or address changed; "not found" when its address changed.
- A section: its page and listing, the menu, the pages that link to it; when its title changed,
  every article under it (each names its section); and, when its address changed, every article
  under it as if each had moved.
- A person, programme, tag or image: its own key and the pages that show it (found through the
  ``ReferenceIndex`` and the foreign keys that hold it), the directories that list it.
- An edition's settings, its trust policies, a site, a locale or a home page: the edition (every
  page of it); so does a policy page that one of the trust policies names coming, going or
  moving (every page's structured data links to it).
- A view restriction added or removed: every page of the editions it is in (restrictions are
  rare; which pages a listing drops is not worth working out).
- A redirect: every redirect response.
- A correction written or removed: the edition's list of corrections (the article's own keys go
  with its publishing).
- A breaking-news flag raised, edited, cleared or deleted, or its article published,
  unpublished, moved or deleted while flagged: the edition's banner.
- A forecast marked, changed or removed, or resolved, or its article published, unpublished or
  moved: its article (where it is highlighted), its person (their track record) and the
  forecasts index, feed and exports.

Reader search follows the article keys emitted here (``keys_changed``): its worker rewrites the
articles' search documents, then emits the edition's ``search-<site>`` (``masthead/search/``).
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from typing import TypeVar

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Count, Model, Q, QuerySet
from django.db.models.signals import post_delete, post_save, pre_delete, pre_save
from django.dispatch import Signal, receiver
from taggit.models import Tag
from wagtail.contrib.redirects.models import Redirect
from wagtail.images import get_image_model
from wagtail.models import Locale, Page, PageViewRestriction, ReferenceIndex, Site
from wagtail.signals import page_published, page_unpublished, post_page_move, pre_page_move

from masthead.articles.models import Appearance, ArticlePage, ArticleTag, Correction
from masthead.breaking.expiry import purge_at_expiry
from masthead.breaking.models import BreakingNews
from masthead.caching import keys
from masthead.caching.fragments import invalidate
from masthead.edge.purging import purge_later
from masthead.editions.current import CurrentEdition, all_editions
from masthead.editions.models import Edition
from masthead.feed.queries import FEED_SIZE, latest_news
from masthead.forecasts.models import Forecast, Resolution
from masthead.frontpage.models import FrontPage, TopStory
from masthead.frontpage.queries import TOP_STORIES
from masthead.people.models import Person
from masthead.policies.models import INDICATORS, PolicyPage, TrustPolicies
from masthead.programmes.models import Programme, ProgrammeHost
from masthead.sections.models import SectionPage

logger = logging.getLogger(__name__)

# Sent with every set of keys emitted (``keys=frozenset``): the tests' window on the map, and
# what keeps reader search's index in step (masthead/search/receivers.py).
keys_changed = Signal()
# True while a bulk writer has the map suspended (see ``suspended``).
_suspended: ContextVar[bool] = ContextVar("invalidation_suspended", default=False)

Receiver = TypeVar("Receiver", bound=Callable[..., None])


def _unless_suspended(receiver_function: Receiver) -> Receiver:
    @functools.wraps(receiver_function)
    def receive(*args, **kwargs) -> None:
        if not _suspended.get():
            receiver_function(*args, **kwargs)

    return receive  # type: ignore[return-value]


@contextmanager
def suspended() -> Iterator[None]:
    """For bulk writers (the demo builder, ``generate_news``): no change is looked at one by one
    inside this block; the writer then calls ``emit(everything())`` once."""
    token = _suspended.set(True)
    try:
        yield
    finally:
        _suspended.reset(token)


def everything() -> set[str]:
    """Every edition, all of it: the keys of a change too large to work out piece by piece."""
    return _edition_keys()


def emit(changed: Iterable[str]) -> frozenset[str]:
    """Make ``changed`` stale everywhere: the shared values now and at commit, the edge once the
    change commits."""
    found = frozenset(changed)
    if found:
        invalidate(*sorted(found))
        purge_later(sorted(found))
        keys_changed.send(sender=emit, keys=found)
    return found


# --- What readers are shown of an article ------------------------------------------------------


@dataclass(frozen=True)
class ShownArticle:
    """What public pages show of an article, as stored before or after a change."""

    pk: int
    live: bool
    title: str
    url_path: str
    path: str
    published_at: object
    kind: str
    lead: str
    main_image_id: int | None
    programme_id: int | None
    updated_at: object
    tag_ids: frozenset[int]
    person_ids: frozenset[int]

    # What a listing shows of an article: a change to any of these changes every list it is in.
    def listed_as(self) -> tuple:
        return (self.live, self.title, self.url_path, self.published_at, self.kind)

    # What a top story shows of it.
    def featured_as(self) -> tuple:
        return (*self.listed_as(), self.lead, self.main_image_id)


def shown_articles(pks: Iterable[int]) -> dict[int, ShownArticle]:
    """The stored state of these articles (three queries, whatever their number)."""
    pks = list(pks)
    if not pks:
        return {}
    tags: dict[int, set[int]] = {pk: set() for pk in pks}
    for article_id, tag_id in ArticleTag.objects.filter(content_object_id__in=pks).values_list(
        "content_object_id", "tag_id"
    ):
        tags[article_id].add(tag_id)
    people: dict[int, set[int]] = {pk: set() for pk in pks}
    for article_id, person_id in Appearance.objects.filter(article_id__in=pks).values_list(
        "article_id", "person_id"
    ):
        people[article_id].add(person_id)
    fields = ("pk", "live", "title", "url_path", "path", "published_at", "kind", "lead")
    rows = ArticlePage.objects.filter(pk__in=pks).values_list(
        *fields, "main_image_id", "programme_id", "updated_at"
    )
    return {
        row[0]: ShownArticle(
            *row, tag_ids=frozenset(tags[row[0]]), person_ids=frozenset(people[row[0]])
        )
        for row in rows
    }


def shown_in_memory(article: ArticlePage) -> ShownArticle:
    """What readers are shown of an article being saved, from the object itself: its tags and
    people are only written after the page's row (modelcluster), so the database lags."""
    return ShownArticle(
        article.pk,
        article.live,
        article.title,
        article.url_path,
        article.path,
        article.published_at,
        article.kind,
        article.lead,
        article.main_image_id,
        article.programme_id,
        article.updated_at,
        tag_ids=frozenset(tag.pk for tag in article.tags.all() if tag.pk),
        person_ids=frozenset(appearance.person_id for appearance in article.appearances.all()),
    )


def editions_of(path: str) -> list[CurrentEdition]:
    """The editions whose tree holds the page at tree path ``path``."""
    return [
        edition
        for edition in all_editions()
        if any(path.startswith(root) for root in edition.root_tree_paths.values())
    ]


def _parent_id(article: ShownArticle) -> int | None:
    return _page_ids_at([article.path[: -Page.steplen]]).get(article.path[: -Page.steplen])


def _page_ids_at(paths: Iterable[str]) -> dict[str, int]:
    return dict(Page.objects.filter(path__in=set(paths)).values_list("path", "pk"))


def listings_of(article: ShownArticle, newest: dict[int, tuple[set[int], object]]) -> set[str]:
    """The lists the article is in: its section's, tags', people's, programme's, the archive,
    and the latest-news block where it is among the newest (``newest``: per site, the ids in
    the block and the oldest time in it)."""
    shown = {keys.listing(keys.tag(pk)) for pk in article.tag_ids}
    shown |= {keys.listing(keys.person(pk)) for pk in article.person_ids}
    if article.programme_id:
        shown.add(keys.listing(keys.programme(article.programme_id)))
    parent = _parent_id(article)
    if parent:
        shown.add(keys.listing(keys.section(parent)))
    for site_id, (ids, oldest) in newest.items():
        shown.add(keys.archive(site_id))
        # A block not yet full shows every article; a full one, those not older than its last.
        if article.pk in ids or oldest is None or article.published_at >= oldest:
            shown.add(keys.latest_news(site_id))
    return shown


def _newest_by_site(path: str) -> dict[int, tuple[set[int], object]]:
    """For each edition holding ``path``: the ids in its latest-news block and its oldest time."""
    newest = {}
    for edition in editions_of(path):
        items = [item for day in latest_news(edition) for item in day.items]
        oldest = items[-1].published_at if len(items) >= FEED_SIZE else None
        newest[edition.site_id] = ({item.article_id for item in items}, oldest)
    return newest


def referencing(obj: Model) -> set[str]:
    """The keys of the pages that link to or show ``obj``, from Wagtail's reference index."""
    found = set()
    for content_type_id, object_id in (
        ReferenceIndex.get_references_to(obj).values_list("content_type", "object_id").distinct()
    ):
        model = ContentType.objects.get_for_id(content_type_id).model_class()
        if model is not None and issubclass(model, Page):
            found.add(keys.page(model._meta.label_lower, object_id))
    return found


def _front_pages_showing(article_pks: Iterable[int], features: bool) -> set[str]:
    """The front pages that pick these articles, and, when ``features`` (an interview, opinion or
    analysis may stand in for missing picks), those that leave a slot empty."""
    fronts = set(
        TopStory.objects.filter(article_id__in=list(article_pks)).values_list("page_id", flat=True)
    )
    if features:
        fronts |= set(
            FrontPage.objects.annotate(
                picks=Count("top_stories", filter=Q(top_stories__article__live=True))
            )
            .filter(picks__lt=TOP_STORIES)
            .values_list("pk", flat=True)
        )
    return {keys.of(keys.FRONT_PAGE, pk) for pk in fronts}


def article_change(before: ShownArticle | None, after: ShownArticle | None) -> set[str]:
    """The keys an article's change makes stale, from its state before and after."""
    either = after or before
    if either is None:
        return set()
    changed = {keys.article(either.pk)}
    was = before if before is not None and before.live else None
    now = after if after is not None and after.live else None
    if was is None and now is None:
        return changed  # never shown to readers, before or after
    newest = _newest_by_site(either.path)
    in_before = listings_of(was, newest) if was else set()
    in_after = listings_of(now, newest) if now else set()
    if was is None or now is None or was.listed_as() != now.listed_as():
        changed |= in_before | in_after
    else:
        changed |= in_before ^ in_after  # only the lists it joined or left
    if was and now and (was.updated_at, was.main_image_id) != (now.updated_at, now.main_image_id):
        # The sitemaps' lastmod and image entries, which list the whole archive.
        changed |= {keys.archive(site_id) for site_id in newest}
    if was is None or now is None or was.featured_as() != now.featured_as():
        features = any(state.kind != "news" for state in (was, now) if state is not None)
        changed |= _front_pages_showing([either.pk], features)
    moved = was is None or now is None or was.url_path != now.url_path
    if moved or was.title != now.title:
        page = Page(pk=either.pk)
        changed |= referencing(page)
    if now is not None and (was is None or was.url_path != now.url_path):
        changed.add(keys.NOT_FOUND)  # a page where a reader may have been told there was none
    return changed


# --- Articles ------------------------------------------------------------------------------------


@receiver(pre_save, sender=ArticlePage)
@_unless_suspended
def article_about_to_change(sender, instance: ArticlePage, **kwargs) -> None:
    # Before the row (and its tags and people, saved after it) change: what readers see now.
    if instance.pk:
        instance._shown_before = shown_articles([instance.pk]).get(instance.pk)


@receiver(post_save)
@_unless_suspended
def page_created_live(sender, instance: Model, created: bool, **kwargs) -> None:
    # A page created live (``add_child`` of a live page, as importers do) is public at once,
    # with no publish signal to say so.
    if created and isinstance(instance, Page) and instance.live:
        if isinstance(instance, ArticlePage):
            emit(article_change(None, shown_in_memory(instance)))
        else:
            emit(_page_keys(instance, ShownPage.of(instance)))


@receiver(page_published, sender=ArticlePage)
@receiver(page_unpublished, sender=ArticlePage)
@_unless_suspended
def article_published_or_unpublished(sender, instance: ArticlePage, **kwargs) -> None:
    before = getattr(instance, "_shown_before", None)
    after = shown_articles([instance.pk]).get(instance.pk)
    emit(article_change(before, after))
    instance.__dict__.pop("_shown_before", None)


# --- Pages of every kind: moves, sections, front pages, home pages -------------------------------


# What a page looked like before a move, by id: Wagtail's post_page_move hands over a freshly
# fetched page, not the one pre_page_move saw.
_moving: dict[int, dict[int, ShownArticle]] = {}


@receiver(pre_page_move)
@_unless_suspended
def page_about_to_move(sender, instance: Page, **kwargs) -> None:
    _moving[instance.pk] = shown_articles(_articles_under(instance.path))


def _articles_under(path: str) -> list[int]:
    return list(ArticlePage.objects.filter(path__startswith=path).values_list("pk", flat=True))


@receiver(post_page_move)
@_unless_suspended
def page_moved(sender, instance: Page, **kwargs) -> None:
    # The page and everything under it has a new address: each article there, as it was and is.
    before = _moving.pop(instance.pk, {})
    after = shown_articles(before)
    changed: set[str] = set()
    for pk, state in after.items():
        changed |= article_change(before.get(pk), state)
    if instance.specific_class is not ArticlePage:
        changed |= _page_keys(instance, ShownPage.of(instance), moved=True)
    emit(changed)


@dataclass(frozen=True)
class ShownPage:
    """What readers are shown of a page that is not an article: enough to tell whether its
    address, its title in menus and links, or its being there at all changed."""

    live: bool
    title: str
    url_path: str
    show_in_menus: bool

    @classmethod
    def of(cls, page: Page) -> ShownPage:
        return cls(page.live, page.title, page.url_path, page.show_in_menus)

    @classmethod
    def stored(cls, pk: int) -> ShownPage | None:
        row = Page.objects.filter(pk=pk).values_list("live", "title", "url_path", "show_in_menus")
        return next((cls(*found) for found in row), None)


def _edition_keys(site_ids: Iterable[int] | None = None, *, snapshot: bool = True) -> set[str]:
    """Every page of these editions (all, by default); with ``snapshot``, the editions snapshot
    too (sites, edition settings and home pages are what it holds)."""
    ids = site_ids if site_ids is not None else [e.site_id for e in all_editions()]
    return {*(keys.edition(site_id) for site_id in ids), *([keys.EDITIONS] if snapshot else [])}


def _page_keys(
    page: Page, now: ShownPage | None, *, before: ShownPage | None = None, moved: bool = False
) -> set[str]:
    """The keys a change to a page other than an article makes stale, ``before`` and ``now``
    being what readers saw and see (None: not there)."""
    specific = page.specific_class
    changed = {keys.page(specific._meta.label_lower, page.pk)}
    was = before if before is not None and before.live else None
    shown = now if now is not None and now.live else None
    address_changed = (
        moved
        or (was is None) != (shown is None)
        or (was is not None and shown is not None and was.url_path != shown.url_path)
    )
    if address_changed or (was and shown and was.title != shown.title):
        changed |= referencing(page)
    if shown is not None and (was is None or address_changed):
        changed.add(keys.NOT_FOUND)
    if specific is SectionPage:
        in_menu_before = (was.title, was.url_path) if was and was.show_in_menus else None
        in_menu_now = (shown.title, shown.url_path) if shown and shown.show_in_menus else None
        if in_menu_before != in_menu_now:
            changed |= {keys.menu(e.site_id) for e in editions_of(page.path)}
        if address_changed and not moved and shown is not None:
            # A new address for the section is one for every article under it.
            for state in shown_articles(_articles_under(page.path)).values():
                changed |= article_change(None, state)
        elif was and shown and was.title != shown.title:
            # Each article names its section (breadcrumbs, ``articleSection``).
            changed |= {keys.article(pk) for pk in _articles_under(page.path)}
    if specific is PolicyPage and address_changed:
        changed |= _edition_keys(_sites_naming(page.pk), snapshot=False)
    if address_changed and page.depth is not None and page.depth <= 2:
        changed |= _edition_keys()  # a home page's address is that of its whole edition
    return changed


def _sites_naming(policy_page_id: int) -> list[int]:
    """The sites whose trust policies name this policy page for one of the indicators."""
    naming = models.Q()
    for indicator in INDICATORS:
        naming |= models.Q(**{f"{indicator.field}_id": policy_page_id})
    return list(TrustPolicies.objects.filter(naming).values_list("site_id", flat=True))


_pages_before: dict[int, ShownPage | None] = {}


@receiver(pre_save)
@_unless_suspended
def page_about_to_change(sender, instance: Model, **kwargs) -> None:
    if isinstance(instance, Page) and not isinstance(instance, ArticlePage) and instance.pk:
        _pages_before[instance.pk] = ShownPage.stored(instance.pk)


@receiver(page_published)
@receiver(page_unpublished)
@_unless_suspended
def page_published_or_unpublished(sender, instance: Page, **kwargs) -> None:
    if not isinstance(instance, ArticlePage):
        before = _pages_before.pop(instance.pk, None)
        emit(_page_keys(instance, ShownPage.of(instance), before=before))


# A page of any kind deletes its base row too: these see every page deleted, once (a deleted
# section's articles go with it, each with signals of its own).
@receiver(pre_delete, sender=Page)
@_unless_suspended
def page_about_to_go(sender, instance: Page, **kwargs) -> None:
    if instance.specific_class is ArticlePage:
        instance._shown_before = shown_articles([instance.pk]).get(instance.pk)


@receiver(post_delete, sender=Page)
@_unless_suspended
def page_deleted(sender, instance: Page, **kwargs) -> None:
    if instance.specific_class is ArticlePage:
        emit(article_change(getattr(instance, "_shown_before", None), None))
    else:
        emit(_page_keys(instance, None, before=ShownPage.of(instance)))


# --- Corrections ----------------------------------------------------------------------------------


# A correction is written with its article when the article is published (it is a child of the
# article, kept in its revisions), so the article's own keys are already emitted; the list of
# every correction needs its own.
@receiver(post_save, sender=Correction)
@receiver(post_delete, sender=Correction)
@_unless_suspended
def correction_changed(sender, instance: Correction, **kwargs) -> None:
    path = Page.objects.filter(pk=instance.article_id).values_list("path", flat=True).first()
    if path is not None:
        emit({keys.corrections(e.site_id) for e in editions_of(path)})


# --- People, programmes, tags, images -----------------------------------------------------------


@receiver(post_save, sender=Person)
@receiver(post_delete, sender=Person)
@_unless_suspended
def person_changed(sender, instance: Person, **kwargs) -> None:
    changed = {keys.person(instance.pk), keys.PEOPLE}
    changed |= {keys.article(pk) for pk in _articles_with(person_id=instance.pk)}
    changed |= referencing(instance)
    changed |= {
        keys.programme(pk)
        for pk in ProgrammeHost.objects.filter(person_id=instance.pk).values_list(
            "programme_id", flat=True
        )
    }
    if Forecast.objects.filter(person_id=instance.pk).exists():
        changed.add(keys.FORECASTS)  # the index, feed and exports name whose each one is
    emit(changed)


def _articles_with(**appearance) -> set[int]:
    return set(Appearance.objects.filter(**appearance).values_list("article_id", flat=True))


@receiver(post_save, sender=Programme)
@receiver(post_delete, sender=Programme)
@_unless_suspended
def programme_changed(sender, instance: Programme, **kwargs) -> None:
    changed = {keys.programme(instance.pk), keys.PROGRAMMES}
    changed |= {
        keys.article(pk)
        for pk in ArticlePage.objects.filter(programme_id=instance.pk).values_list("pk", flat=True)
    }
    changed |= referencing(instance)
    changed |= {
        keys.person(pk)
        for pk in ProgrammeHost.objects.filter(programme_id=instance.pk).values_list(
            "person_id", flat=True
        )
    }
    emit(changed)


@receiver(post_save, sender=ProgrammeHost)
@receiver(post_delete, sender=ProgrammeHost)
@_unless_suspended
def programme_host_changed(sender, instance: ProgrammeHost, **kwargs) -> None:
    # The programme's page lists its hosts and a host's page their programmes; the programmes
    # directory shows neither.
    emit({keys.programme(instance.programme_id), keys.person(instance.person_id)})


@receiver(post_save, sender=Tag)
@receiver(post_delete, sender=Tag)
@_unless_suspended
def tag_changed(sender, instance: Tag, **kwargs) -> None:
    changed = {keys.tag(instance.pk)}
    changed |= {
        keys.article(pk)
        for pk in ArticleTag.objects.filter(tag_id=instance.pk).values_list(
            "content_object_id", flat=True
        )
    }
    # Forecasts name their subjects: their pages, the index's filters, their people's records.
    changed |= _forecasts_keys(Forecast.objects.filter(subjects=instance))
    emit(changed)


@receiver(post_save, sender=get_image_model())
@receiver(post_delete, sender=get_image_model())
@_unless_suspended
def image_changed(sender, instance: Model, **kwargs) -> None:
    changed = {keys.image(instance.pk)}
    shown_in = set(
        ArticlePage.objects.filter(main_image_id=instance.pk).values_list("pk", flat=True)
    )
    changed |= {keys.article(pk) for pk in shown_in}
    changed |= referencing(instance)
    if shown_in:
        changed |= _front_pages_showing(shown_in, features=True)
    portraits = set(Person.objects.filter(photo_id=instance.pk).values_list("pk", flat=True))
    changed |= {keys.person(pk) for pk in portraits}  # the people directory shows no photos
    pictures = set(Programme.objects.filter(image_id=instance.pk).values_list("pk", flat=True))
    changed |= {keys.programme(pk) for pk in pictures}
    changed |= {keys.PROGRAMMES} if pictures else set()
    emit(changed)


# --- Editions, sites, restrictions, redirects ------------------------------------------------


@receiver(post_save, sender=Edition)
@receiver(post_delete, sender=Edition)
@_unless_suspended
def edition_changed(sender, instance: Edition, **kwargs) -> None:
    emit(_edition_keys([instance.site_id]))


@receiver(post_save, sender=TrustPolicies)
@receiver(post_delete, sender=TrustPolicies)
@_unless_suspended
def trust_policies_changed(sender, instance: TrustPolicies, **kwargs) -> None:
    # Every page of the edition links its policy pages from its structured data.
    emit(_edition_keys([instance.site_id], snapshot=False))


@receiver(post_save, sender=Site)
@receiver(post_delete, sender=Site)
@receiver(post_save, sender=Locale)
@receiver(post_delete, sender=Locale)
@_unless_suspended
def site_changed(sender, instance: Model, **kwargs) -> None:
    # A site's host, port or home page decides every address of it, and which edition answers.
    ids = {e.site_id for e in all_editions()}
    if isinstance(instance, Site):
        ids.add(instance.pk)
    emit(_edition_keys(ids))


@receiver(post_save, sender=PageViewRestriction)
@receiver(post_delete, sender=PageViewRestriction)
@_unless_suspended
def restriction_changed(sender, instance: PageViewRestriction, **kwargs) -> None:
    path = Page.objects.filter(pk=instance.page_id).values_list("path", flat=True).first()
    sites = [e.site_id for e in editions_of(path)] if path else None
    emit(_edition_keys(sites, snapshot=False))


@receiver(post_save, sender=Redirect)
@receiver(post_delete, sender=Redirect)
@_unless_suspended
def redirect_changed(sender, instance: Redirect, created: bool = False, **kwargs) -> None:
    # A new redirect answers where a reader may have been told there was nothing; a changed or
    # deleted one changes the redirect responses cached until now.
    if created:
        emit({keys.NOT_FOUND})
    elif kwargs.get("signal") is post_delete:
        emit({keys.REDIRECTS})
    else:
        emit({keys.REDIRECTS, keys.NOT_FOUND})


# --- Breaking news -------------------------------------------------------------------------------


@receiver(pre_save, sender=BreakingNews)
@_unless_suspended
def breaking_news_about_to_change(sender, instance: BreakingNews, **kwargs) -> None:
    # A flag moved to another edition takes the banner off the one it was on.
    if instance.pk:
        stored = BreakingNews.objects.filter(pk=instance.pk).values_list("site_id", flat=True)
        instance._site_id_before = stored.first()


@receiver(post_save, sender=BreakingNews)
@receiver(post_delete, sender=BreakingNews)
@_unless_suspended
def breaking_news_changed(sender, instance: BreakingNews, **kwargs) -> None:
    # A flag raised, edited, cleared or deleted: its edition's banner (behind ESI one small
    # object, else every page of the edition, each carrying it). An edge holding the banner
    # inside its pages is purged again when the flag expires.
    sites = {instance.site_id, instance.__dict__.pop("_site_id_before", None)} - {None}
    emit({keys.breaking(site_id) for site_id in sites})
    if kwargs.get("signal") is post_save:
        purge_at_expiry(instance)


@receiver(page_published, sender=ArticlePage)
@receiver(page_unpublished, sender=ArticlePage)
@receiver(post_page_move)
@_unless_suspended
def breaking_article_changed(sender, instance: Page, **kwargs) -> None:
    # The banner shows its article's headline and address, and only while it is live. A
    # deleted article takes its flags with it, whose deletes emit the banner.
    flagged = BreakingNews.objects.active().filter(article__path__startswith=instance.path)
    emit({keys.breaking(site_id) for site_id in flagged.values_list("site_id", flat=True)})


# --- Forecasts -----------------------------------------------------------------------------------


@receiver(pre_save, sender=Forecast)
@_unless_suspended
def forecast_about_to_change(sender, instance: Forecast, **kwargs) -> None:
    # A forecast moved to another article or person leaves the one it was on.
    if instance.pk:
        before = Forecast.objects.filter(pk=instance.pk).values("article_id", "person_id").first()
        instance._shown_before = before


@receiver(post_save, sender=Forecast)
@receiver(post_delete, sender=Forecast)
@_unless_suspended
def forecast_changed(sender, instance: Forecast, **kwargs) -> None:
    changed = instance.keys()
    before = instance.__dict__.pop("_shown_before", None)
    if before:
        changed |= {keys.article(before["article_id"]), keys.person(before["person_id"])}
    emit(changed)


@receiver(page_published, sender=ArticlePage)
@receiver(page_unpublished, sender=ArticlePage)
@receiver(post_page_move)
@_unless_suspended
def forecast_article_changed(sender, instance: Page, **kwargs) -> None:
    # A forecast is public while its article is: the article's going, coming back or moving
    # changes the forecasts index, feed and exports and its person's track record. (A deleted
    # article takes its forecasts with it, whose deletes emit the same.)
    emit(_forecasts_keys(Forecast.objects.filter(article__path__startswith=instance.path)))


def _forecasts_keys(forecasts: QuerySet[Forecast]) -> set[str]:
    """What shows any of ``forecasts`` (``Forecast.keys`` of each)."""
    changed: set[str] = set()
    for forecast in forecasts.only("article_id", "person_id"):
        changed |= forecast.keys()
    return changed


@receiver(post_save, sender=Resolution)
@receiver(post_delete, sender=Resolution)
@_unless_suspended
def resolution_changed(sender, instance: Resolution, **kwargs) -> None:
    forecast = Forecast.objects.filter(pk=instance.forecast_id).first()
    if forecast is not None:
        emit(forecast.keys())
