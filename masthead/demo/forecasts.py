"""The demo newsroom's forecasts, a track record a newsroom could believe: an archive of older
interviews and columns (``content.forecast_archive``) whose forecasts have come due, the later
news that settled them, and the desk's resolutions citing it, one of them revised when the
final figures came in; one forecast due and not yet resolved; this week's forecasts pending.
Confidences are only those the words state, as the detector read them. Also tonight's broadcast,
its transcript read into a draft interview. Deterministic for a clock, like the rest of the
demo."""

from __future__ import annotations

import datetime as dt
import random
import zoneinfo

from django.contrib.auth import get_user_model
from django.utils import timezone
from wagtail.models import Collection

from masthead.articles.models import ArticleKind, ArticlePage
from masthead.editions.current import all_editions
from masthead.forecasts import suggestions
from masthead.forecasts.marking import Horizon, MarkingError, accept
from masthead.forecasts.models import Candidate, CandidateState, Forecast, Resolution
from masthead.people.models import Person
from masthead.planning.models import PlanItem, PlanKind
from masthead.programmes.models import Programme
from masthead.sections.models import SectionPage
from masthead.transcripts.drafting import draft_interview
from masthead.transcripts.parsing import read_transcript

from .content.forecast_archive import (
    APPEARANCES,
    EVIDENCE,
    JUDGEMENTS,
    Archived,
    Evidence,
    Judgement,
    When,
)
from .content.outlet import IMAGE_CREDIT, SECTIONS, TIME_ZONE
from .content.transcript import BROADCAST_TITLE, GUEST, HOST, TRANSCRIPT
from .newsroom import COLLECTION_NAME, add_article
from .plan import (
    Block,
    Credit,
    PageRef,
    PersonRef,
    Picture,
    PlannedArticle,
    block_id,
    rich_text,
    typeset,
)
from .users import DEMO_USERS

# At most this many of this week's forecasts accepted from one article.
PER_ARTICLE = 2
# The archive's own draws (block ids, pictures): the same archive for every seed and clock.
ARCHIVE_SEED = 19
BLOCKS = {"p": "paragraph", "q": "question", "quote": "pull_quote"}
ZONE = zoneinfo.ZoneInfo(TIME_ZONE)


def archive_year(now: dt.datetime) -> int:
    """The archive's first year: its appearances (April to October) one to three years before
    ``now``, its last evidence (early March, two years on) published before it."""
    today = now.astimezone(ZONE).date()
    return today.year - 2 if today >= dt.date(today.year, 3, 25) else today.year - 3


def moment(when: When, now: dt.datetime, *, weekday: bool = False) -> dt.datetime:
    """``when`` on the edition's clock, as the aware time the demo stores; ``weekday``: moved
    on to the Monday when it falls at a weekend (Evening Dialogue is on weekdays)."""
    if when.days_ago is not None:
        day = now.astimezone(ZONE).date() - dt.timedelta(days=when.days_ago)
    else:
        day = dt.date(archive_year(now) + when.year, when.month, when.day)
    if weekday and day.weekday() >= 5:
        day += dt.timedelta(days=7 - day.weekday())
    return dt.datetime(day.year, day.month, day.day, when.hour, tzinfo=ZONE).astimezone(dt.UTC)


def add_forecasts(now: dt.datetime) -> int:
    """The archive and its evidence published, the forecasts marked and judged, this week's
    marked; returns how many forecasts were marked."""
    chief = get_user_model().objects.get(username=_chief_username())
    archive = add_archive(now)
    this_week = suggestions.articles_since(None).filter(
        kind__in=(ArticleKind.INTERVIEW, ArticleKind.OPINION, ArticleKind.ANALYSIS)
    )
    suggestions.store(suggestions.find(this_week))
    marked = judge_archive(archive, chief, now)
    archived = {page.pk for page in archive.values()}
    marked += mark_this_week(chief, now, exclude=archived)
    return marked


def planned_archive(now: dt.datetime) -> list[tuple[str, PlannedArticle]]:
    """Every appearance and piece of evidence as the demo plans an article, oldest first, by
    key: the same for every seed, for ``now``."""
    rng = random.Random(ARCHIVE_SEED)
    planned = [
        *(_planned_appearance(rng, brief, now) for brief in APPEARANCES),
        *(_planned_evidence(rng, brief, now) for brief in EVIDENCE),
    ]
    return sorted(planned, key=lambda item: item[1].published_at)


def add_archive(now: dt.datetime) -> dict[str, ArticlePage]:
    """The planned archive, published as the demo publishes its articles; by key."""
    planned = planned_archive(now)
    sections = {s.slug: s for s in SectionPage.objects.filter(slug__in=[s.slug for s in SECTIONS])}
    people = {p.slug: p for p in Person.objects.all()}
    programmes = {p.slug: p for p in Programme.objects.all()}
    collection = Collection.objects.get(name=COLLECTION_NAME)
    pages: dict[PageRef, int] = {PageRef(slug): section.pk for slug, section in sections.items()}
    archive: dict[str, ArticlePage] = {}
    for key, article in planned:
        page = add_article(
            article, sections[article.section], collection, people, programmes, pages
        )
        pages[article.ref] = page.pk
        archive[key] = page
    return archive


def _planned_appearance(
    rng: random.Random, brief: Archived, now: dt.datetime
) -> tuple[str, PlannedArticle]:
    host = Programme.objects.filter(slug=brief.programme).values_list(
        "hosts__person__slug", flat=True
    ).first()  # fmt: skip
    body = []
    for kind, text in brief.body:
        if kind == "p":
            value: object = rich_text(typeset(text))
        elif kind == "q":
            value = {"question": typeset(text), "speaker": PersonRef(host)}
        else:
            value = {"quote": typeset(text), "person": PersonRef(brief.person)}
        body.append(Block(BLOCKS[kind], value, block_id(rng)))
    # An earlier story of the archive, or the section, as the demo's stories link.
    body.append(
        Block(
            "read_also", {"heading": "Read also:", "links": [PageRef(brief.section)]}, block_id(rng)
        )
    )
    if brief.kind == "opinion":
        credits = (Credit(brief.person, "author", brief.credentials),)
    else:
        credits = (
            Credit(brief.person, "guest", brief.credentials),
            Credit(host, "host"),
            Credit(brief.author, "author"),
        )
    colour = next(s.colour for s in SECTIONS if s.slug == brief.section)
    slug = brief.key  # the week's plan never uses these slugs; Wagtail refuses a clash
    article = PlannedArticle(
        section=brief.section,
        slug=slug,
        title=typeset(brief.headline),
        kind=brief.kind,
        published_at=moment(brief.when, now, weekday=bool(brief.programme)),
        lead=typeset(brief.lead),
        credits=credits,
        programme=brief.programme,
        tags=brief.tags,
        body=tuple(body),
        picture=Picture(
            f"archive-{slug}", brief.headline, "landscape", colour, rng.getrandbits(32)
        ),
        caption=brief.caption,
        credit=IMAGE_CREDIT,
    )
    return brief.key, article


def _planned_evidence(
    rng: random.Random, brief: Evidence, now: dt.datetime
) -> tuple[str, PlannedArticle]:
    article = PlannedArticle(
        section=brief.section,
        slug=brief.key,
        title=typeset(brief.headline),
        kind="news",
        published_at=moment(brief.when, now),
        credits=(Credit(brief.author, "author"),),
        tags=brief.tags,
        body=tuple(
            Block("paragraph", rich_text(typeset(p)), block_id(rng))
            for p in (brief.opening, *brief.paragraphs)
        ),
    )
    return brief.key, article


def judge_archive(archive: dict[str, ArticlePage], chief, now: dt.datetime) -> int:
    """The archive's forecasts marked by the chief editor the day after they were made, the rest
    of its candidates dismissed, and each judged as ``JUDGEMENTS`` says."""
    suggestions.store(suggestions.find(archive[b.key] for b in APPEARANCES))  # idempotent
    candidates = list(
        Candidate.objects.filter(article__in=list(archive.values())).select_related("article")
    )
    used: set[int] = set()
    for judgement in JUDGEMENTS:
        article = archive[judgement.appearance]
        candidate = next(
            c
            for c in candidates
            if c.article_id == article.pk and _same(c.sentence).startswith(_same(judgement.words))
        )
        used.add(candidate.pk)
        horizon = None
        if judgement.horizon is not None:
            when, text = judgement.horizon
            horizon = Horizon(latest=moment(when, now).astimezone(ZONE).date(), text=text)
        forecast = accept(candidate, chief, horizon=horizon)
        forecast.subjects.add(*(judgement.subjects or article.tags.names()))
        forecast.save()
        marked_at = article.published_at + dt.timedelta(days=1)
        Forecast.objects.filter(pk=forecast.pk).update(marked_at=marked_at)
        Candidate.objects.filter(pk=candidate.pk).update(
            found_at=article.published_at + dt.timedelta(hours=1), decided_at=marked_at
        )
        if judgement.outcome:
            _resolve(forecast, judgement, archive, chief, now)
    # What the desk did not keep: questions of rhetoric, reported speech, plans.
    for candidate in candidates:
        if candidate.pk not in used:
            decided = candidate.article.published_at + dt.timedelta(days=1)
            Candidate.objects.filter(pk=candidate.pk).update(
                state=CandidateState.DISMISSED, decided_by=chief, decided_at=decided,
                found_at=candidate.article.published_at + dt.timedelta(hours=1),
            )  # fmt: skip
    return len(JUDGEMENTS)


def _resolve(
    forecast: Forecast,
    judgement: Judgement,
    archive: dict[str, ArticlePage],
    chief,
    now: dt.datetime,
) -> None:
    _resolution(
        forecast, judgement.outcome, judgement.explanation,
        judgement.evidence, judgement.outside, judgement.after, archive, chief,
    )  # fmt: skip
    revision = judgement.revision
    if revision is not None:  # later, on later evidence: recorded after the first
        _resolution(
            forecast, revision.outcome, revision.explanation,
            revision.evidence, (), revision.after, archive, chief,
        )  # fmt: skip


def _resolution(
    forecast: Forecast,
    outcome: str,
    explanation: str,
    evidence: tuple[str, ...],
    outside: tuple[str, ...],
    after: int,
    archive: dict[str, ArticlePage],
    chief,
) -> Resolution:
    """A resolution on the day ``after`` the newest of its evidence, recorded that morning."""
    edition = all_editions()[0]
    cited = [archive[key] for key in evidence]
    newest = max(page.published_at for page in cited)
    resolved_on = newest.astimezone(ZONE).date() + dt.timedelta(days=after)
    resolution = Resolution(
        forecast=forecast,
        outcome=outcome,
        explanation=typeset(explanation),
        evidence="\n".join([*(edition.relative_url(page.url_path) for page in cited), *outside]),
        editor=chief,
        resolved_on=resolved_on,
        recorded_at=dt.datetime.combine(resolved_on, dt.time(11), tzinfo=ZONE),
    )
    resolution.full_clean()
    resolution.save()
    return resolution


def mark_this_week(chief, now: dt.datetime, *, exclude: set[int]) -> int:
    """This week's forecasts: the plainest candidates of each interview and column (pull
    quotes with a horizon still ahead), accepted by the chief editor; pending."""
    today = now.astimezone(ZONE).date()
    taken: dict[int, int] = {}
    marked = 0
    candidates = (
        Candidate.objects.exclude(article_id__in=exclude)
        .filter(state=CandidateState.PROPOSED, horizon_latest__gt=today)
        .select_related("article")
        .order_by("article_id", "pk")
    )
    for candidate in candidates:
        if taken.get(candidate.article_id, 0) >= PER_ARTICLE or not _plainly_forecast(candidate):
            continue
        try:
            forecast = accept(candidate, chief)
        except MarkingError:  # nobody named as its speaker: the desk would ask, the demo skips
            continue
        taken[candidate.article_id] = taken.get(candidate.article_id, 0) + 1
        forecast.subjects.add(*candidate.article.tags.all()[:2])
        forecast.save()
        marked_at = min(candidate.article.published_at + dt.timedelta(hours=2), now)
        Forecast.objects.filter(pk=forecast.pk).update(marked_at=marked_at)
        marked += 1
    return marked


def _plainly_forecast(candidate: Candidate) -> bool:
    """What the demo's chief editor accepts this week: pull quotes that say what will happen
    (the detector also proposes weaker sentences, and "can pass" states an ability, which a
    real desk would dismiss)."""
    quotes = {b.get("id") for b in candidate.article.body.raw_data if b.get("type") == "pull_quote"}
    ability = candidate.trigger.split()[0].lower() in ("can", "cannot")
    return candidate.block_id in quotes and not ability


def _same(text: str) -> str:
    return " ".join(text.replace("\u2019", "'").split()).casefold()


def _chief_username() -> str:
    return next(user.username for user in DEMO_USERS if user.role.name == "CHIEF_EDITOR")


def add_transcribed_broadcast(now: dt.datetime) -> ArticlePage:
    """Tonight's Evening Dialogue as a broadcast on the calendar, its transcript read into a
    draft interview for the desk (never published by the demo), owned by the chief editor, so
    the proposed pull quotes carry their comments asking to keep or delete them."""
    programme = Programme.objects.get(slug="evening-dialogue")
    host, guest = Person.objects.get(slug=HOST), Person.objects.get(slug=GUEST)
    section = SectionPage.objects.get(slug="economy")
    transcript = read_transcript(TRANSCRIPT, "evening-dialogue.vtt")
    names = {host.name: (host, "host"), guest.name: (guest, "guest")}
    chief = get_user_model().objects.get(username=_chief_username())
    draft = draft_interview(transcript, names, programme, section, BROADCAST_TITLE, owner=chief)
    PlanItem.objects.create(
        kind=PlanKind.BROADCAST,
        title=BROADCAST_TITLE,
        programme=programme,
        section=section,
        planned_at=timezone.localtime(now).replace(hour=20, minute=0, second=0, microsecond=0),
        article=draft,
    )
    return draft
