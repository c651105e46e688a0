"""What the people pages show: a person's profile with everything they wrote, hosted or appeared
in, and the directory of everyone."""

from __future__ import annotations

from django.db.models import Count, Exists, OuterRef, QuerySet
from django.http import Http404, HttpRequest

from masthead.articles.models import Appearance, ArticlePage, Role
from masthead.articles.public import public_articles_under
from masthead.caching import keys
from masthead.caching.compiled import CompiledQuery
from masthead.editions.current import CurrentEdition, edition_for_request
from masthead.feed.listing import Listing, Selection, paginate
from masthead.forecasts.record import record_of
from masthead.programmes.models import Programme

from .models import Person


def _appearing(articles: QuerySet[ArticlePage], person_id: int) -> QuerySet[ArticlePage]:
    # Exists rather than a join, so an author who is also the host lists the article once.
    return articles.filter(
        Exists(Appearance.objects.filter(article_id=OuterRef("page_ptr_id"), person_id=person_id))
    )


PERSON_ARTICLES = Selection("person", _appearing, key=int)


def person_listing(request: HttpRequest, person: Person) -> Listing:
    """Everything the person wrote, hosted or appeared in, a page at a time (one query)."""
    return paginate(request, PERSON_ARTICLES, person.pk)


# How a person's page counts what they did, in the order of ``Role``.
COUNTED_AS: dict[str, str] = {
    Role.AUTHOR: "Written",
    Role.REPORTER: "Reported",
    Role.TRANSLATOR: "Translated",
    Role.EDITOR: "Edited",
    Role.HOST: "Hosted",
    Role.GUEST: "As a guest",
    Role.PHOTO: "Photographs",
    Role.VIDEO: "Video",
}


def _credit_counts(root: str, person_id: int):
    public = public_articles_under(root).values("page_ptr_id")
    return (
        Appearance.objects.filter(person_id=person_id, article_id__in=public)
        .order_by()
        .values("role")
        .annotate(articles=Count("article_id", distinct=True))
        .values_list("role", "articles")
    )


# Compiled once per process: building it costs Django more than the database takes to answer.
CREDIT_COUNTS = CompiledQuery(_credit_counts, root="\x00root\x00", person_id=-918_273_649)


def credits_by_role(edition: CurrentEdition | None, person: Person) -> list[tuple[str, int]]:
    """How many of the edition's public articles credit the person in each role, in the order
    of ``Role``, leaving out the roles they never held (one query)."""
    if edition is None:
        return []
    counts = dict(CREDIT_COUNTS.fetch(root=edition.root_tree_path(), person_id=person.pk))
    return [(label, counts[role]) for role, label in COUNTED_AS.items() if counts.get(role)]


PROGRAMMES_HOSTED = CompiledQuery(
    lambda person_id: Programme.objects.filter(hosts__person_id=person_id).order_by("title"),
    person_id=-918_273_649,
)


def programmes_hosted_by(person: Person) -> list[Programme]:
    """The programmes the person hosts, by title (one query)."""
    return PROGRAMMES_HOSTED.fetch(person_id=person.pk)


def all_people() -> list[Person]:
    """Everyone, by name, with their photos (one query)."""
    keys.declare(keys.PEOPLE)
    return list(Person.objects.select_related("photo").order_by("name"))


PERSON_BY_SLUG = CompiledQuery(
    lambda slug: Person.objects.select_related("photo").filter(slug=slug), slug="\x00slug\x00"
)


def person_page(request: HttpRequest, slug: str) -> dict:
    """The person page's context (five queries); 404 for a name nobody has."""
    found = PERSON_BY_SLUG.fetch(slug=slug)
    if not found:
        raise Http404("No person has this name.")
    person = found[0]
    keys.declare(*keys.with_listing(keys.person(person.pk)))
    edition = edition_for_request(request)
    return {
        "person": person,
        "programmes": programmes_hosted_by(person),
        "credits_by_role": credits_by_role(edition, person),
        "listing": person_listing(request, person),
        "track_record": record_of(edition, person),
    }
