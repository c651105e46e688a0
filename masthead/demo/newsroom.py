"""Writes a planned demo newsroom into the database the way an editor would: sections, people,
programmes and articles created as Wagtail pages and snippets, every page published from a
revision, and the front page's top stories published last. Also finds and removes a demo built
earlier.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db.models import Q
from django.db.models.signals import post_delete, post_save
from django.utils.html import format_html
from taggit.models import Tag
from wagtail.images.models import Image
from wagtail.models import Collection, Site
from wagtail.search.index import get_indexed_models
from wagtail.search.signal_handlers import post_delete_signal_handler, post_save_signal_handler
from wagtail.signal_handlers import disable_reference_index_auto_update

from masthead.articles.models import Appearance, ArticlePage
from masthead.editions.models import Edition
from masthead.forecasts.models import Resolution
from masthead.frontpage.models import FrontPage, TopStory
from masthead.people.models import Person
from masthead.planning.models import PlanItem
from masthead.policies.models import PolicyPage, TrustPolicies
from masthead.programmes.models import Programme, ProgrammeHost
from masthead.search import documents as search_documents
from masthead.sections.models import SectionPage

from .content.headlines import NEWS_TEMPLATES
from .content.outlet import BRAND, SECTIONS, TAGLINE, TIME_ZONE
from .content.people import PEOPLE, PROGRAMMES
from .content.policies import POLICIES
from .content.stories import ANALYSES, COLUMNS, INTERVIEWS
from .corrections import add_corrections
from .images import save_picture
from .plan import NewsroomPlan, PageRef, PersonRef, PlannedArticle
from .planning_items import add_planned_week

COLLECTION_NAME = "Demo newsroom"
ADMIN_USERNAME = "admin"
ADMIN_PASSWORD = "masthead-demo"
ADMIN_EMAIL = "admin@example.com"


@dataclass(frozen=True)
class NewsroomSummary:
    sections: int
    people: int
    programmes: int
    interviews: int
    analyses: int
    columns: int
    news_items: int
    images: int
    top_stories: int
    plan_items: int
    corrections: int


def front_page() -> FrontPage:
    """The default site's front page: the demo's sections go under it."""
    return Site.objects.select_related("root_page").get(is_default_site=True).root_page.specific


def demo_exists() -> bool:
    """Whether a demo newsroom (one of its sections or people) is already in the database."""
    front = front_page()
    return (
        SectionPage.objects.child_of(front).filter(slug__in=_section_slugs()).exists()
        or Person.objects.filter(slug__in=[p.slug for p in PEOPLE]).exists()
    )


def remove_demo() -> None:
    """Delete the demo's sections with everything filed under them, its policy pages, people,
    programmes, pictures and the tags nothing else uses. The edition and trust policies settings
    and users are left alone."""
    front = front_page()
    # The demo's plan items are those of its programmes and sections.
    PlanItem.objects.filter(
        Q(programme__slug__in=[p.slug for p in PROGRAMMES])
        | Q(section__slug__in=_section_slugs(), section__depth=front.depth + 1)
    ).delete()
    for section in SectionPage.objects.child_of(front).filter(slug__in=_section_slugs()):
        # The demo's judgements go with it: outside a reset, a resolution protects its forecast
        # (and the article it is in) from deletion.
        Resolution.objects.filter(forecast__article__path__startswith=section.path).delete()
        section.delete()
    for policy in PolicyPage.objects.child_of(front).filter(slug__in=[p.slug for p in POLICIES]):
        policy.delete()
    Person.objects.filter(slug__in=[p.slug for p in PEOPLE]).delete()
    Programme.objects.filter(slug__in=[p.slug for p in PROGRAMMES]).delete()
    for collection in Collection.objects.filter(name=COLLECTION_NAME):
        Image.objects.filter(collection=collection).delete()
        collection.delete()
    Tag.objects.filter(
        name__in=_demo_tags(),
        articles_articletag_items__isnull=True,
        taggit_taggeditem_items__isnull=True,
    ).delete()


def build_newsroom(plan: NewsroomPlan) -> NewsroomSummary:
    """Create everything in the plan; the database must not hold a demo already."""
    set_up_edition()
    front = front_page()
    collection = Collection.get_first_root_node().add_child(name=COLLECTION_NAME)
    sections = add_sections(front)
    add_policies(front)
    people = add_people(plan, collection)
    programmes = add_programmes(plan, collection, people)
    pages = {PageRef(slug): section.pk for slug, section in sections.items()}
    for planned in plan.articles:
        article = add_article(
            planned, sections[planned.section], collection, people, programmes, pages
        )
        pages[planned.ref] = article.pk

    corrections = add_corrections(plan, pages)
    plan_items = add_planned_week(
        sections=sections, programmes=programmes, people=people, now=plan.now
    )
    front.top_stories = [TopStory(article_id=pages[ref]) for ref in plan.top_stories]
    front.save_revision().publish()

    kinds = [a.kind for a in plan.articles]
    return NewsroomSummary(
        sections=len(sections),
        people=len(people),
        programmes=len(programmes),
        interviews=kinds.count("interview"),
        analyses=kinds.count("analysis"),
        columns=kinds.count("opinion"),
        news_items=kinds.count("news"),
        images=Image.objects.filter(collection=collection).count(),
        top_stories=len(plan.top_stories),
        plan_items=plan_items,
        corrections=corrections,
    )


def set_up_edition() -> None:
    """Brand, tagline and clock of the default site's edition."""
    edition = Edition.for_site(Site.objects.get(is_default_site=True))
    edition.brand, edition.tagline, edition.time_zone = BRAND, TAGLINE, TIME_ZONE
    edition.save()


def add_sections(front: FrontPage) -> dict[str, SectionPage]:
    """The six sections, published and shown in the menu, by slug."""
    sections = {}
    for brief in SECTIONS:
        section = SectionPage(
            title=brief.title, slug=brief.slug, intro=brief.intro, show_in_menus=True
        )
        front.add_child(instance=section)
        section.save_revision().publish()
        sections[brief.slug] = section
    return sections


def add_policies(front: FrontPage) -> dict[str, PolicyPage]:
    """The newsroom's standards, a published page for each Trust Project indicator, chosen in
    the default site's trust policies; by indicator."""
    policies = {}
    for brief in POLICIES:
        page = PolicyPage(
            title=brief.title,
            slug=brief.slug,
            intro=brief.intro,
            body="".join(format_html("<p>{}</p>", paragraph) for paragraph in brief.paragraphs),
        )
        front.add_child(instance=page)
        page.save_revision().publish()
        policies[brief.indicator] = page
    setting = TrustPolicies.for_site(Site.objects.get(is_default_site=True))
    for indicator, page in policies.items():
        setattr(setting, indicator, page)
    setting.save()
    return policies


def add_people(plan: NewsroomPlan, collection: Collection) -> dict[str, Person]:
    """Everyone in the newsroom with their portrait, by slug."""
    return {
        brief.slug: Person.objects.create(
            name=brief.name,
            slug=brief.slug,
            description=brief.description,
            bio=brief.bio,
            profiles="\n".join(brief.profiles),
            photo=save_picture(plan.portraits[brief.slug], collection),
        )
        for brief in PEOPLE
    }


def add_programmes(
    plan: NewsroomPlan, collection: Collection, people: dict[str, Person]
) -> dict[str, Programme]:
    """The channel's programmes with their pictures and hosts, by slug."""
    programmes = {}
    for brief in PROGRAMMES:
        programme = Programme(
            title=brief.title,
            slug=brief.slug,
            description=brief.description,
            schedule=brief.schedule,
            image=save_picture(plan.programme_pictures[brief.slug], collection),
        )
        programme.hosts = [ProgrammeHost(person=people[brief.host])]
        programme.save()
        programmes[brief.slug] = programme
    return programmes


def add_article(
    planned: PlannedArticle,
    section: SectionPage,
    collection: Collection,
    people: dict[str, Person],
    programmes: dict[str, Programme],
    pages: dict[PageRef, int],
) -> ArticlePage:
    """File the article under its section and publish it, as an editor would."""
    body = [
        {"type": block.type, "value": _with_keys(block.value, people, pages), "id": block.id}
        for block in planned.body
    ]
    article = ArticlePage(
        title=planned.title,
        slug=planned.slug,
        kind=planned.kind,
        lead=planned.lead,
        published_at=planned.published_at,
        first_published_at=planned.published_at,
        programme=programmes.get(planned.programme),
        main_image=save_picture(planned.picture, collection) if planned.picture else None,
        main_image_caption=planned.caption,
        main_image_credit=planned.credit,
        body=json.dumps(body),
    )
    for credit in planned.credits:
        article.appearances.add(
            Appearance(
                person=people[credit.person], role=credit.role, credentials=credit.credentials
            )
        )
    if planned.tags:
        article.tags.add(*planned.tags)
    section.add_child(instance=article)
    # add_child has just validated the page; validating the same values again is the costliest
    # part of save_revision.
    article.save_revision(clean=False).publish()
    return article


def ensure_admin() -> bool:
    """Create the demo's superuser unless a user of that name exists; True if created."""
    users = get_user_model()
    if users.objects.filter(username=ADMIN_USERNAME).exists():
        return False
    users.objects.create_superuser(ADMIN_USERNAME, ADMIN_EMAIL, ADMIN_PASSWORD)
    return True


@contextmanager
def index_updates_deferred() -> Iterator[None]:
    """Skip the search and reference index updates Wagtail makes on every save and delete; they
    cost more than the save itself. Call ``rebuild_indexes`` afterwards."""
    handlers = ((post_save, post_save_signal_handler), (post_delete, post_delete_signal_handler))
    disconnected = [
        (signal, handler, model)
        for model in get_indexed_models()
        for signal, handler in handlers
        if signal.disconnect(handler, sender=model)
    ]
    try:
        with disable_reference_index_auto_update():
            yield
    finally:
        for signal, handler, model in disconnected:
            signal.connect(handler, sender=model)


def rebuild_indexes() -> None:
    """Rebuild the search index and the reference index in one pass each, as bakerydemo's
    loader does; reader search's documents first, so the index takes them in the same pass."""
    search_documents.rebuild()
    call_command("update_index", verbosity=0)
    call_command("rebuild_references_index", verbosity=0)


def _with_keys(value: object, people: dict[str, Person], pages: dict[PageRef, int]) -> object:
    """A block value with the plan's references to people and pages replaced by primary keys."""
    if isinstance(value, PersonRef):
        return people[value.slug].pk
    if isinstance(value, PageRef):
        return pages[value]
    if isinstance(value, dict):
        return {key: _with_keys(item, people, pages) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_with_keys(item, people, pages) for item in value]
    return value


def _section_slugs() -> list[str]:
    return [s.slug for s in SECTIONS]


def _demo_tags() -> list[str]:
    names = {tag for brief in (*INTERVIEWS, *ANALYSES, *COLUMNS) for tag in brief.tags}
    names.update(tag for template in NEWS_TEMPLATES for tag in template.tags)
    return sorted(names)
