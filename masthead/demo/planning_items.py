"""The demo newsroom's planning calendar: a week of Evening Dialogue and Frontline Briefing
broadcasts, the write-ups planned after them, and a few story ideas, from the Monday of the
demo's "now" to the Sunday. Everything is invented. Calling it again changes nothing: each plan
item is found by its title and brought back to the state below."""

from __future__ import annotations

import datetime as dt
import zoneinfo
from collections.abc import Mapping
from dataclasses import dataclass

from masthead.people.models import Person
from masthead.planning.models import (
    ExpectedPerson,
    ExpectedRole,
    PlanItem,
    PlanKind,
    PlanStatus,
)
from masthead.programmes.models import Programme
from masthead.sections.models import SectionPage

from .content.outlet import TIME_ZONE

EVENING_DIALOGUE = "evening-dialogue"
FRONTLINE_BRIEFING = "frontline-briefing"
# What has aired or been written this long ago is done; what is nearer is still being worked on.
DONE_AFTER = dt.timedelta(hours=2)


@dataclass(frozen=True)
class Conversation:
    """One evening's Evening Dialogue and the story written from it."""

    guest: str  # a person's slug
    topic: str
    write_up: str
    section: str
    reporter: str


# Monday to Friday, at 20:00.
EVENINGS: tuple[Conversation, ...] = (
    Conversation(
        "halyna-sytnyk",
        "where next year's budget finds the money for the army",
        "The budget gap, explained by the economist who counts it",
        "economy",
        "alla-voronets",
    ),
    Conversation(
        "tomas-reinholt",
        "what the allies' winter promises are worth",
        "A former ambassador reads the allies' winter pledges",
        "world",
        "denys-marchuk",
    ),
    Conversation(
        "nadiia-orlyk",
        "whether the country is ready to vote again",
        "Elections after the war: what the polls can and cannot say",
        "politics",
        "denys-marchuk",
    ),
    Conversation(
        "bohdan-tkach",
        "how the grid gets through the cold months",
        "Keeping the lights on: the grid's winter plan, point by point",
        "economy",
        "alla-voronets",
    ),
    Conversation(
        "oleksandra-pyvovar",
        "who pays for the damage, and when",
        "Compensation for war damage: the law, the register and the wait",
        "world",
        "denys-marchuk",
    ),
)

# Stand-alone stories: (day of the week, hour, minute, title, section, reporter, notes, status).
IDEAS: tuple[tuple[int, int, int, str, str, str, str, PlanStatus | None], ...] = (
    (0, 8, 0, "Parliament's week ahead", "politics", "denys-marchuk", "", None),
    (
        1,
        10,
        30,
        "How small towns keep the water running in a blackout",
        "war",
        "solomiia-hrytsenko",
        "Two towns in the north have offered to show their pumping stations.",
        None,
    ),
    (
        2,
        15,
        0,
        "Bread prices since the spring",
        "economy",
        "alla-voronets",
        "Waiting for the statistics office; dropped if the figures slip again.",
        PlanStatus.DROPPED,
    ),
    (
        5,
        10,
        0,
        "Weekend long read: a day with the overnight news desk",
        "news",
        "solomiia-hrytsenko",
        "Photos agreed with the desk; no names of the night shift without consent.",
        None,
    ),
    (6, 18, 0, "The week in five charts", "economy", "alla-voronets", "", PlanStatus.IDEA),
)


def add_planned_week(
    *,
    sections: Mapping[str, SectionPage],
    programmes: Mapping[str, Programme],
    people: Mapping[str, Person],
    now: dt.datetime,
) -> int:
    """Plan the demo's week around ``now``: each programme's broadcasts with their host and
    guests, a write-up planned after each Evening Dialogue, and a few story ideas. ``sections``,
    ``programmes`` and ``people`` are the demo's, by slug. Returns how many plan items the week
    holds."""
    time_zone = zoneinfo.ZoneInfo(TIME_ZONE)
    local_now = now.astimezone(time_zone)
    monday = local_now.date() - dt.timedelta(days=local_now.weekday())

    def at(day: int, hour: int, minute: int = 0) -> dt.datetime:
        return dt.datetime.combine(
            monday + dt.timedelta(days=day), dt.time(hour, minute), tzinfo=time_zone
        )

    def status(when: dt.datetime, done: PlanStatus, ahead: PlanStatus) -> PlanStatus:
        return done if when <= now - DONE_AFTER else ahead

    evening = programmes[EVENING_DIALOGUE]
    frontline = programmes[FRONTLINE_BRIEFING]
    host = _host_of(evening, people)
    analyst_host = _host_of(frontline, people)
    titles = []

    for day, talk in enumerate(EVENINGS):
        guest = people[talk.guest]
        on_air = at(day, 20)
        titles.append(
            _plan(
                title=f"Evening Dialogue: {guest.name} on {talk.topic}",
                kind=PlanKind.BROADCAST,
                programme=evening,
                section=sections[talk.section],
                planned_at=on_air,
                status=status(on_air, PlanStatus.PUBLISHED, PlanStatus.ASSIGNED),
                notes="Live from the studio; the guest arrives at 19:15 for make-up and sound.",
                people=[(guest, ExpectedRole.GUEST), (host, ExpectedRole.HOST)],
            )
        )
        written = at(day, 22, 30)
        titles.append(
            _plan(
                title=talk.write_up,
                kind=PlanKind.STORY,
                programme=evening,
                section=sections[talk.section],
                planned_at=written,
                status=status(written, PlanStatus.FILED, PlanStatus.ASSIGNED),
                notes="The interview written up from the broadcast, with the video embedded.",
                people=[
                    (people[talk.reporter], ExpectedRole.REPORTER),
                    (guest, ExpectedRole.GUEST),
                ],
            )
        )

    analyst = people["marko-danyliuk"]
    for day, name in enumerate(
        ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
    ):
        on_air = at(day, 13)
        expected = [(analyst_host, ExpectedRole.HOST)]
        if day in (1, 3, 5):  # the analyst's days in the studio
            expected.append((analyst, ExpectedRole.GUEST))
        titles.append(
            _plan(
                title=f"Frontline Briefing, {name}",
                kind=PlanKind.BROADCAST,
                programme=frontline,
                section=sections["war"],
                planned_at=on_air,
                status=status(on_air, PlanStatus.PUBLISHED, PlanStatus.ASSIGNED),
                notes="Maps from the graphics desk by 12:00.",
                people=expected,
            )
        )

    for day, hour, minute, title, section, reporter, notes, fixed in IDEAS:
        when = at(day, hour, minute)
        titles.append(
            _plan(
                title=title,
                kind=PlanKind.STORY,
                programme=None,
                section=sections[section],
                planned_at=when,
                status=fixed or status(when, PlanStatus.FILED, PlanStatus.IN_PROGRESS),
                notes=notes,
                people=[(people[reporter], ExpectedRole.REPORTER)],
            )
        )
    return len(titles)


def _plan(*, title: str, people: list[tuple[Person, str]], **fields: object) -> str:
    item = PlanItem.objects.filter(title=title).first() or PlanItem(title=title)
    for name, value in fields.items():
        setattr(item, name, value)
    item.people = [
        ExpectedPerson(person=person, role=role, sort_order=order)
        for order, (person, role) in enumerate(people)
    ]
    item.save()
    return title


def _host_of(programme: Programme, people: Mapping[str, Person]) -> Person:
    host = programme.hosts.select_related("person").first()
    if host is None:
        raise ValueError(f"{programme} has no host")
    return people.get(host.person.slug, host.person)
