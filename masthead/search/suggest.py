"""People and tags as a reader types: found by the start of any word of their name, with typos
and the other spellings of a transliterated name forgiven ("Zelensky" finds "Zelenskyy", "Kiev"
finds "Kyiv", "Aleksandr" finds "Oleksandr"). The same list corrects a search's misspelt words.

The list of an edition's people and tags is a shared value, built once per change of the search
index or of the people (a few thousand entries at most, matched in memory in a few
milliseconds), so answering costs no query."""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.db.models import Count, OuterRef, Q, Subquery
from django.urls import reverse
from rapidfuzz import fuzz, process
from rapidfuzz.distance import Levenshtein
from taggit.models import Tag

from masthead.articles.appearances import Appearance
from masthead.caching import keys
from masthead.caching.fragments import cached_value
from masthead.editions.current import CurrentEdition
from masthead.people.models import Person
from masthead.programmes.models import Programme
from masthead.sections.models import SectionPage

from . import text
from .models import SearchDocument

PERSON, TAG = "person", "tag"
# Punctuation around a word as written in a headline: «Kyiv», "Kyiv", Kyiv's stays.
_WRAPPING = re.compile(r"^[^\w]+|[^\w]+$")
# Headlines whose words join the vocabulary that corrects misspelt searches: the newest ones,
# which readers search for most, so the list stays small however large the archive.
_VOCABULARY_HEADLINES = 5000


@dataclass(frozen=True)
class Entry:
    kind: str  # PERSON or TAG
    name: str
    slug: str
    url: str
    detail: str  # a person's credentials as last held
    count: int  # a person's appearances, a tag's articles (public, in this edition)
    words: tuple[str, ...]  # the name's folded words
    sounds: tuple[str, ...]  # and their skeletons

    def as_json(self) -> dict:
        found = {"kind": self.kind, "name": self.name, "url": self.url}
        if self.kind == PERSON:
            return {**found, "credentials": self.detail, "appearances": self.count}
        return {**found, "articles": self.count}


@dataclass(frozen=True)
class Facet:
    pk: int
    slug: str
    title: str


@dataclass(frozen=True)
class Directory:
    """What an edition's search knows besides its documents."""

    entries: tuple[Entry, ...]
    sections: tuple[Facet, ...]
    programmes: tuple[Facet, ...]
    vocabulary: dict[str, str]  # a word's skeleton → the word, for spelling correction

    def person(self, slug: str) -> Entry | None:
        return next((e for e in self.entries if e.kind == PERSON and e.slug == slug), None)


def _entry(kind: str, name: str, slug: str, url: str, detail: str, count: int) -> Entry:
    words = tuple(text.words(name))
    return Entry(kind, name, slug, url, detail, count, words, tuple(map(text.skeleton, words)))


def _build(edition: CurrentEdition) -> Directory:
    root = edition.root_tree_path()
    public = Q(
        appearances__article__live=True,
        appearances__article__search_document__isnull=False,
        appearances__article__path__startswith=root,
    )
    last_credentials = (
        Appearance.objects.filter(person_id=OuterRef("pk"))
        .exclude(credentials="")
        .order_by("-article__published_at", "-pk")
        .values("credentials")[:1]
    )
    people = Person.objects.annotate(
        shown=Count("appearances__article", filter=public, distinct=True),
        last_credentials=Subquery(last_credentials),
    ).values_list("name", "slug", "description", "shown", "last_credentials")
    entries = [
        _entry(
            PERSON,
            name,
            slug,
            reverse("person", kwargs={"slug": slug}),
            credentials or description,
            shown,
        )
        for name, slug, description, shown, credentials in people
    ]
    tags = (
        Tag.objects.filter(
            articles_articletag_items__content_object__search_document__isnull=False,
            articles_articletag_items__content_object__path__startswith=root,
        )
        .annotate(shown=Count("articles_articletag_items", distinct=True))
        .values_list("name", "slug", "shown")
    )
    entries += [
        _entry(TAG, name, slug, reverse("tag", kwargs={"slug": slug}), "", shown)
        for name, slug, shown in tags
    ]
    sections = tuple(
        Facet(pk, slug, title)
        for pk, slug, title in SectionPage.objects.live()
        .filter(path__startswith=root)
        .order_by("path")
        .values_list("pk", "slug", "title")
    )
    programmes = tuple(
        Facet(pk, slug, title)
        for pk, slug, title in Programme.objects.order_by("title").values_list(
            "pk", "slug", "title"
        )
    )
    return Directory(
        tuple(sorted(entries, key=lambda e: (-e.count, e.name))),
        sections,
        programmes,
        _vocabulary(root, entries, sections, programmes),
    )


def _vocabulary(root, entries, sections, programmes) -> dict[str, str]:
    found: dict[str, str] = {}
    headlines = (
        SearchDocument.objects.filter(path__startswith=root)
        .order_by("-published_at")
        .values_list("headline", flat=True)[:_VOCABULARY_HEADLINES]
    )
    names = [e.name for e in entries] + [f.title for f in (*sections, *programmes)]
    for phrase in (*names, *headlines):
        for raw in phrase.split():
            folded = text.words(raw)
            # The word as written ("Kyiv", "Danyliuk"), so a correction reads as a name does.
            if len(folded) == 1 and len(folded[0]) > 3:
                found.setdefault(text.skeleton(folded[0]), _WRAPPING.sub("", raw))
    return found


def directory(edition: CurrentEdition) -> Directory:
    return cached_value(
        "search-directory",
        str(edition.site_id),
        lambda: _build(edition),
        (keys.search(edition.site_id), keys.PEOPLE, keys.PROGRAMMES, keys.menu(edition.site_id)),
    )


def _word_score(typed: str, typed_sound: str, word: str, sound: str) -> float:
    """How well one typed word starts one word of a name: 1 for an exact start, less for a
    different spelling or a typo, 0 for no match."""
    if word.startswith(typed):
        return 1.0 if len(word) == len(typed) else 0.95
    if len(typed) < 4 or len(typed_sound) < 3:
        return 0.0  # too short to guess at
    if sound.startswith(typed_sound):
        return 0.85
    allowed = 1 if len(typed) <= 6 else 2
    distance = min(
        Levenshtein.distance(typed, word[: len(typed)]),
        Levenshtein.distance(typed, word),
        Levenshtein.distance(typed_sound, sound[: len(typed_sound)]),
        Levenshtein.distance(typed_sound, sound),
    )
    return 0.75 - 0.1 * distance if distance <= allowed else 0.0


def match(entries: tuple[Entry, ...], query: str, limit: int = 8) -> list[Entry]:
    """The entries every typed word starts a word of, best first (then the most shown)."""
    typed = [(word, text.skeleton(word)) for word in text.words(query)][:6]
    if not typed:
        return []
    scored = []
    for entry in entries:
        total = 0.0
        for word, sound in typed:
            best = max(
                (
                    _word_score(word, sound, w, s)
                    for w, s in zip(entry.words, entry.sounds, strict=True)
                ),
                default=0.0,
            )
            if best == 0.0:
                break
            total += best
        else:
            scored.append((-total, -entry.count, entry.name, entry))
    scored.sort(key=lambda row: row[:3])
    return [row[3] for row in scored[:limit]]


def correct(vocabulary: dict[str, str], query: str) -> str | None:
    """The query with its words the vocabulary does not know replaced by the nearest known
    word (as the vocabulary writes it), by spelling or by sound, or None when there is nothing
    to correct. The words it keeps stay as the reader typed them."""
    known = {text.fold(word): word for word in vocabulary.values()}
    folded_known = list(known)
    changed, result = False, []
    for raw in query.split():
        folded = text.words(raw)
        if len(folded) != 1 or folded[0] in known or len(folded[0]) <= 3:
            result.append(raw)
            continue
        word = folded[0]
        candidates = []
        spelt = process.extractOne(word, folded_known, scorer=fuzz.ratio, score_cutoff=75)
        if spelt is not None:
            candidates.append((spelt[1], known[spelt[0]]))
        said = process.extractOne(
            text.skeleton(word), vocabulary.keys(), scorer=fuzz.ratio, score_cutoff=75
        )
        if said is not None:
            candidates.append((said[1], vocabulary[said[0]]))
        best = max(candidates, default=None)
        if best is None:
            result.append(raw)
        else:
            result.append(best[1])
            changed = True
    return " ".join(result) if changed else None
