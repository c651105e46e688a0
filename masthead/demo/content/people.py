"""The demo newsroom's people and programmes. All of them are invented."""

from dataclasses import dataclass
from enum import StrEnum


class Affiliation(StrEnum):
    """Where a person works: in the newsroom, on air, or outside the channel as a guest."""

    NEWSROOM = "newsroom"
    STUDIO = "studio"
    GUEST = "guest"


@dataclass(frozen=True)
class PersonBrief:
    slug: str
    name: str
    description: str
    bio: str
    affiliation: Affiliation
    # Positions held over time; an appearance records the one held then.
    credentials: tuple[str, ...] = ()
    # The sections a journalist usually writes for.
    beats: tuple[str, ...] = ()
    # Their pages elsewhere (on reserved .example domains: the people are invented).
    profiles: tuple[str, ...] = ()


@dataclass(frozen=True)
class ProgrammeBrief:
    slug: str
    title: str
    schedule: str
    description: str
    host: str  # a person's slug
    colour: str


PEOPLE: tuple[PersonBrief, ...] = (
    PersonBrief(
        "solomiia-hrytsenko",
        "Solomiia Hrytsenko",
        "News editor",
        "Solomiia Hrytsenko runs the English-language news desk. She spent the first two years of "
        "the full-scale war as a field producer in the east and has reported from more than a "
        "dozen evacuated towns. She now edits the overnight news flow and the weekend long reads.",
        Affiliation.NEWSROOM,
        beats=("news", "war"),
    ),
    PersonBrief(
        "denys-marchuk",
        "Denys Marchuk",
        "Political correspondent",
        "Denys Marchuk covers parliament, the government and the president's office. Before "
        "joining the channel he worked for six years at a regional newspaper in the west of the "
        "country. He writes a weekly notebook on how laws are actually made.",
        Affiliation.NEWSROOM,
        beats=("politics", "world"),
    ),
    PersonBrief(
        "alla-voronets",
        "Alla Voronets",
        "Economics correspondent",
        "Alla Voronets writes about the budget, banks, energy and the economics of the war. She "
        "trained as an accountant before moving into journalism and still reads every ministry "
        "spreadsheet herself.",
        Affiliation.NEWSROOM,
        beats=("economy",),
    ),
    PersonBrief(
        "yaryna-bilous",
        "Yaryna Bilous",
        "TV host, Evening Dialogue",
        "Yaryna Bilous hosts Evening Dialogue, the channel's weeknight interview programme. She "
        "has questioned ministers, commanders and volunteers, and is known for returning to the "
        "question a guest did not answer. Before television she worked in radio for ten years.",
        Affiliation.STUDIO,
        profiles=("https://social.example/@yaryna.bilous", "https://yarynabilous.example/"),
    ),
    PersonBrief(
        "ostap-levchenko",
        "Ostap Levchenko",
        "TV host, Frontline Briefing",
        "Ostap Levchenko presents Frontline Briefing, the daily review of the military situation. "
        "A reserve officer, he spent the first year of the full-scale war as a reporter with units "
        "in the east. He studied history and still teaches an evening course on it.",
        Affiliation.STUDIO,
        profiles=("https://social.example/@ostap.levchenko",),
    ),
    PersonBrief(
        "marko-danyliuk",
        "Marko Danyliuk",
        "Military analyst, retired colonel",
        "Marko Danyliuk served for twenty-six years in the armed forces and retired as deputy "
        "commander of an artillery brigade. He now analyses the course of the war for "
        "broadcasters and parliamentary committees. He co-founded the Rampart Defence Group, an "
        "independent think tank.",
        Affiliation.GUEST,
        credentials=(
            "Retired colonel, former deputy commander of an artillery brigade",
            "Military analyst at the Rampart Defence Group",
        ),
    ),
    PersonBrief(
        "halyna-sytnyk",
        "Halyna Sytnyk",
        "Economist",
        "Halyna Sytnyk is chief economist at the Ledger Institute for Public Finance, an "
        "independent research group. She advised the parliamentary budget committee for four "
        "years. Her monthly review of public finances is read closely by the finance ministry.",
        Affiliation.GUEST,
        credentials=(
            "Chief economist at the Ledger Institute for Public Finance",
            "Former adviser to the parliamentary budget committee",
        ),
    ),
    PersonBrief(
        "tomas-reinholt",
        "Tomas Reinholt",
        "Former diplomat, security analyst",
        "Tomas Reinholt spent thirty years in his country's diplomatic service, including a "
        "posting as ambassador in the region. He is now a senior fellow at the Baltic Security "
        "Forum, where he writes about alliances and sanctions.",
        Affiliation.GUEST,
        credentials=(
            "Former ambassador, senior fellow at the Amber Coast Security Forum",
            "Senior fellow at the Amber Coast Security Forum",
        ),
    ),
    PersonBrief(
        "nadiia-orlyk",
        "Nadiia Orlyk",
        "Political scientist",
        "Nadiia Orlyk directs the Compass Centre for Civic Research, which runs regular surveys "
        "of public opinion. She teaches comparative politics and has observed elections in "
        "several countries of the region.",
        Affiliation.GUEST,
        credentials=(
            "Director of the Compass Centre for Civic Research",
            "Political scientist, Compass Centre for Civic Research",
        ),
    ),
    PersonBrief(
        "bohdan-tkach",
        "Bohdan Tkach",
        "Energy expert",
        "Bohdan Tkach worked in the national grid's control rooms for two decades and rose to "
        "deputy head of the grid operator. He now advises municipalities on backup power and "
        "leads the Lantern Grid Initiative.",
        Affiliation.GUEST,
        credentials=(
            "Former deputy head of the national grid operator",
            "Energy consultant, Lantern Grid Initiative",
        ),
    ),
    PersonBrief(
        "oleksandra-pyvovar",
        "Oleksandra Pyvovar",
        "International lawyer",
        "Oleksandra Pyvovar is a professor of international law. She advises a coalition of "
        "human rights groups that document war crimes and has taken part in drafting proposals "
        "for a compensation mechanism.",
        Affiliation.GUEST,
        credentials=(
            "Professor of international law",
            "Legal adviser to a coalition of human rights groups",
        ),
    ),
)

PROGRAMMES: tuple[ProgrammeBrief, ...] = (
    ProgrammeBrief(
        "evening-dialogue",
        "Evening Dialogue",
        "Weekdays at 20:00",
        "One guest, one long conversation about the question of the day: what happened, why, and "
        "what comes next. Ministers, economists, diplomats and lawyers, questioned until the "
        "answer is clear.",
        host="yaryna-bilous",
        colour="#3b3f8f",
    ),
    ProgrammeBrief(
        "frontline-briefing",
        "Frontline Briefing",
        "Daily at 13:00",
        "The military situation in half an hour: maps, reports from our correspondents at the "
        "front and an analyst who explains what the official summaries leave out.",
        host="ostap-levchenko",
        colour="#6b4a2b",
    ),
)
