"""The fictional broadcaster the demo newsroom belongs to, and its sections."""

from dataclasses import dataclass

BRAND = "Vartova TV. Global"
TAGLINE = "The English edition of a national broadcaster: the war, the country and its partners."
TIME_ZONE = "Europe/Kyiv"
CHANNEL = "Vartova TV"
IMAGE_CREDIT = "Illustration: Vartova TV graphics desk"


@dataclass(frozen=True)
class SectionBrief:
    slug: str
    title: str
    intro: str
    colour: str  # the section's colour in generated pictures


SECTIONS: tuple[SectionBrief, ...] = (
    SectionBrief("news", "News", "Every story as it breaks, around the clock.", "#1d4e89"),
    SectionBrief(
        "politics",
        "Politics",
        "Parliament, the government and the people who hold power.",
        "#8c2f39",
    ),
    SectionBrief(
        "war", "War", "The front line, the home front and the army between them.", "#4f5d2f"
    ),
    SectionBrief(
        "economy",
        "Economy",
        "Budgets, prices, jobs, energy and the cost of defending the country.",
        "#b8641d",
    ),
    SectionBrief(
        "world",
        "World",
        "Allies, rivals and the decisions abroad that shape the war at home.",
        "#23706f",
    ),
    SectionBrief(
        "opinion", "Opinion", "Arguments from our columnists and guests, signed by them.", "#5b3f8c"
    ),
)
