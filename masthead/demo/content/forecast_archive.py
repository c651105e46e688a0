"""The demo's archive of older appearances, whose forecasts have come due, and the later news
that settled them. All invented, in our own words.

Dates are relative, so the archive fits any clock: ``When(year, month, day)`` is in the
archive's first year plus ``year`` (``forecasts.archive_year`` picks it so that every
appearance is one to three years before the demo's now and every piece of evidence is
published before it), ``When(days_ago=…)`` that many days before now. The texts name no year;
the detector reads their horizons ("next year", "this winter") from the day they went out.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class When:
    year: int = 0
    month: int = 1
    day: int = 1
    hour: int = 10  # on the edition's clock
    days_ago: int | None = None


@dataclass(frozen=True)
class Archived:
    """An older interview or column; ``body`` is (block type, text) in reading order:
    "p" a paragraph, "q" the host's question, "quote" the guest's or author's pull quote."""

    key: str
    kind: str  # "interview" or "opinion"
    section: str
    person: str
    credentials: str
    when: When
    headline: str
    lead: str
    caption: str
    tags: tuple[str, ...]
    body: tuple[tuple[str, str], ...]
    programme: str = ""
    author: str = ""  # the interview's writer


@dataclass(frozen=True)
class Evidence:
    """A later news item that shows what became of a forecast."""

    key: str
    section: str
    author: str
    when: When
    headline: str
    # A news item has no standfirst: its report opens the body.
    opening: str
    paragraphs: tuple[str, ...]
    tags: tuple[str, ...]


@dataclass(frozen=True)
class Revision:
    outcome: str
    explanation: str
    evidence: tuple[str, ...]
    after: int  # days after the revising evidence was published


@dataclass(frozen=True)
class Judgement:
    """What the desk decided about one archived forecast: ``words`` opens the pull quote. No
    ``outcome``: still pending. ``horizon`` (the last day, and its words) when the detector
    read none from the sentence; ``outside`` links are illustrative, on example.org."""

    appearance: str
    words: str
    outcome: str | None = None
    explanation: str = ""
    evidence: tuple[str, ...] = ()
    outside: tuple[str, ...] = ()
    after: int = 2  # days after the (last) evidence was published
    horizon: tuple[When, str] | None = None
    revision: Revision | None = None
    subjects: tuple[str, ...] = field(default=())


APPEARANCES: tuple[Archived, ...] = (
    Archived(
        key="sytnyk-summer-peak",
        kind="interview",
        section="economy",
        person="halyna-sytnyk",
        credentials="Chief economist at the Ledger Institute for Public Finance",
        programme="evening-dialogue",
        author="alla-voronets",
        when=When(0, 5, 12, 21),
        headline="Inflation has its summer peak in sight, economist tells Evening Dialogue",
        lead="Halyna Sytnyk told Yaryna Bilous on Evening Dialogue when price growth could "
        "turn, why the central bank is in no hurry and how far the hryvnia may slide.",
        caption="Price tags at a covered market.",
        tags=("inflation", "central bank", "hryvnia"),
        body=(
            (
                "p",
                "Speaking on Evening Dialogue, Halyna Sytnyk said the jump in prices since the "
                "winter had come mostly from fuel, transport and imported goods, and that the "
                "pressure from those sources was already fading.",
            ),
            (
                "p",
                "She pointed to the central bank's monthly survey of businesses, in which fewer "
                "companies now say they plan to raise prices, and to a harvest that looks larger "
                "than feared.",
            ),
            ("quote", "Inflation will peak by the summer; I'd put it at seventy percent."),
            ("q", "So can borrowers hope for a lower rate soon?"),
            (
                "p",
                "Sytnyk said a cut would be premature while prices were still rising faster than "
                "wages, and that the bank had told markets it would hold its key rate for as long "
                "as that lasted.",
            ),
            ("quote", "The central bank will not cut its key rate this year, I am certain of it."),
            (
                "p",
                "On the currency, she said the hryvnia was held up by partners' funding and by "
                "reserves, but that a gradual decline against the dollar was the price of keeping "
                "those reserves for emergencies.",
            ),
            ("q", "How far can the hryvnia fall?"),
            (
                "p",
                "She said a managed slide did far less harm than a sudden one, because importers "
                "and families could plan for it.",
            ),
            (
                "quote",
                "The hryvnia is likely to lose no more than a tenth of its value against the "
                "dollar by the end of next year.",
            ),
        ),
    ),
    Archived(
        key="orlyk-local-vote",
        kind="interview",
        section="politics",
        person="nadiia-orlyk",
        credentials="Director of the Compass Centre for Civic Research",
        programme="evening-dialogue",
        author="denys-marchuk",
        when=When(0, 7, 6, 21),
        headline="The town hall is now the most trusted office, says political scientist",
        lead="Nadiia Orlyk told Yaryna Bilous on Evening Dialogue what her centre's surveys say "
        "about trust in mayors and councils, and when voters may next be asked.",
        caption="A polling station's ballot boxes in storage.",
        tags=("elections", "martial law", "society"),
        body=(
            (
                "p",
                "Nadiia Orlyk said her centre's latest survey found trust in mayors and local "
                "councils higher than in any national institution except the army and the "
                "volunteers.",
            ),
            (
                "p",
                "Communities that organised shelters, water and heating on their own in the first "
                "months of the war had, she said, given many residents their first real reason to "
                "care who runs the town hall.",
            ),
            (
                "quote",
                "When the local elections come next year, turnout will be higher than at the "
                "last ones.",
            ),
            ("q", "Can an election be held while martial law is in force?"),
            (
                "p",
                "Orlyk said the law does not allow it, so martial law would have to be lifted or "
                "the law changed before a date could be set, and that she saw the first as far "
                "more probable than the second.",
            ),
            ("quote", "People who queued for water together now want a say in who runs the pumps."),
            (
                "p",
                "She said displaced voters, millions of whom live far from home, would need a way "
                "to vote where they are now, and that the electoral commission had only begun to "
                "plan for it.",
            ),
            ("q", "Who gains from the wait?"),
            (
                "p",
                "Orlyk said mayors who stayed in their towns had gained most, and that new "
                "candidates were now coming out of volunteer groups rather than parties.",
            ),
            (
                "quote",
                "The town hall has become the most trusted office in the country, and mayors "
                "know it.",
            ),
        ),
    ),
    Archived(
        key="sytnyk-budget-column",
        kind="opinion",
        section="opinion",
        person="halyna-sytnyk",
        credentials="Chief economist at the Ledger Institute for Public Finance",
        when=When(0, 9, 14, 9),
        headline="Next year's budget can be paid for without the printing press",
        lead="The hardest part of the war's finances may be behind us, argues economist Halyna "
        "Sytnyk, if partners keep their word and the tax office keeps its nerve.",
        caption="A calculator and budget papers on a desk.",
        tags=("budget", "inflation", "international aid"),
        body=(
            (
                "p",
                "For months the question I was asked most often was how long the state could "
                "keep paying salaries and pensions. It is a fair question, and for once the "
                "answer is better than people fear.",
            ),
            (
                "p",
                "Partners' grants and cheap loans now arrive on a schedule rather than in "
                "emergencies, and the finance ministry has learned to borrow at home from banks "
                "that hold more deposits than they can lend.",
            ),
            (
                "quote",
                "Next year the budget gap will be covered without printing money: I'd put the "
                "chance at eighty percent.",
            ),
            (
                "p",
                "That matters for prices. Money printed to pay for the war fuelled the spring's "
                "inflation; without it, the central bank can finally get ahead of the problem.",
            ),
            (
                "quote",
                "Inflation will almost certainly fall below ten percent by the end of next year.",
            ),
            (
                "p",
                "Households should feel it too. Employers are competing for workers, and the "
                "shortage of hands that every business complains about is, for employees, a rare "
                "source of bargaining power.",
            ),
            (
                "quote",
                "Wages will probably grow faster than prices next year, and the gap between "
                "the capital and the regions will narrow.",
            ),
            (
                "p",
                "None of this is guaranteed. A large strike on the ports or a delay in a "
                "partner's parliament could change the arithmetic within weeks. But the plan "
                "exists, and for the first time since the invasion it adds up.",
            ),
        ),
    ),
    Archived(
        key="tkach-winter-grid",
        kind="interview",
        section="economy",
        person="bohdan-tkach",
        credentials="Former deputy head of the national grid operator",
        programme="evening-dialogue",
        author="alla-voronets",
        when=When(0, 10, 18, 21),
        headline="Former grid chief: households can count on the lights this winter",
        lead="Bohdan Tkach told Yaryna Bilous on Evening Dialogue how the grid repaired over the "
        "summer will cope with the cold months, and what would worry him.",
        caption="Engineers at a substation's control panel.",
        tags=("energy", "power outages", "infrastructure"),
        body=(
            (
                "p",
                "Bohdan Tkach said the repairs made over the summer had restored most of the "
                "capacity lost in the spring, and that transformers ordered from abroad had "
                "arrived earlier than planned.",
            ),
            (
                "p",
                "He said the grid operator had also signed contracts for emergency imports from "
                "neighbouring countries, which can cover part of the evening peak when a power "
                "station is out of action.",
            ),
            ("quote", "There will be no scheduled outages for households this winter."),
            ("q", "Can anyone promise that, given the strikes?"),
            (
                "p",
                "Tkach said no engineer could rule out damage from a large attack, but that "
                "repair crews now needed days rather than weeks to bring a substation back, "
                "because spare parts were stored close to where they are needed.",
            ),
            ("quote", "The grid will get through the winter without a nationwide blackout."),
            (
                "p",
                "He urged households to keep a torch and a charged power bank anyway, and "
                "businesses to test their generators before the first frost.",
            ),
            ("q", "What would change your mind?"),
            (
                "p",
                "Tkach said he would worry if the attacks moved from substations to the large "
                "power plants themselves, which take months, not days, to repair.",
            ),
            (
                "quote",
                "Every substation repaired in days instead of weeks is a small victory "
                "nobody reports.",
            ),
            (
                "quote",
                "Within five years, every regional capital will have power plants of its own "
                "inside the city limits.",
            ),
        ),
    ),
    Archived(
        key="reinholt-ten-year-promises",
        kind="opinion",
        section="opinion",
        person="tomas-reinholt",
        credentials="Former ambassador, senior fellow at the Amber Coast Security Forum",
        when=When(days_ago=400, hour=9),
        headline="Ten-year promises are the new front line of diplomacy",
        lead="Security agreements that bind governments for a decade will matter more than any "
        "single aid package, writes former ambassador Tomas Reinholt.",
        caption="Flags outside a foreign ministry.",
        tags=("allies", "diplomacy", "international aid"),
        body=(
            (
                "p",
                "The security agreements signed so far are not treaties of alliance, and nobody "
                "should pretend they are. What they do is harder to see and more useful: they "
                "commit governments to training, weapons and money for years, whoever wins the "
                "next election.",
            ),
            (
                "p",
                "I have watched such commitments being drafted. The officials who write them know "
                "that every clause on funding is read in parliament, and that is the point: a "
                "promise made in public is expensive to break.",
            ),
            (
                "quote",
                "Within a year, at least two more allied governments are likely to sign "
                "ten-year security agreements with Kyiv.",
            ),
            (
                "p",
                "The governments still hesitating are mostly waiting for each other. Once the "
                "first of them signs, the others have fewer reasons to wait.",
            ),
            ("quote", "A promise made in public is expensive to break."),
            (
                "p",
                "Kyiv can help by making each agreement easy to say yes to: clear lists of needs, "
                "honest reports on how earlier aid was spent, and patience with parliaments that "
                "must vote on the money.",
            ),
        ),
    ),
)

EVIDENCE: tuple[Evidence, ...] = (
    Evidence(
        key="inflation-third-fall",
        section="economy",
        author="alla-voronets",
        when=When(0, 10, 11, 11),
        headline="Inflation slows for a third month running as food prices ease",
        opening="Annual price growth eased again in September, the third fall in a row since "
        "July's peak, as cheaper vegetables and steady fuel prices offset higher rents.",
        paragraphs=(
            "The statistics office said prices of vegetables and fruit fell for the second month "
            "as the harvest came in, while fuel prices held steady for the whole quarter.",
            "Rents and services kept rising, the office said, though more slowly than in the "
            "spring.",
        ),
        tags=("inflation",),
    ),
    Evidence(
        key="key-rate-unchanged",
        section="economy",
        author="alla-voronets",
        when=When(1, 1, 26, 14),
        headline="Central bank keeps its key rate, as at every meeting of last year",
        opening="The central bank left its key rate unchanged on Thursday, as it did at each of "
        "its meetings last year, and said a cut would need several more months of slowing prices.",
        paragraphs=(
            "The bank's board said inflation was falling faster than it had forecast in the "
            "autumn but remained well above its target.",
        ),
        tags=("central bank", "inflation"),
    ),
    Evidence(
        key="winter-review",
        section="news",
        author="solomiia-hrytsenko",
        when=When(1, 3, 7, 11),
        headline="Winter review: hourly outages on 19 days, but no nationwide blackout",
        opening="Households in eleven regions lived with hourly outage schedules on 19 days of the "
        "winter after strikes on power plants in January, the grid operator's review shows; "
        "the system never went down across the country.",
        paragraphs=(
            "The operator said the schedules began after two large thermal power plants were hit "
            "in the same week, and ended once one of them was partly back in service.",
            "Emergency imports from neighbouring countries covered part of the evening peak on the "
            "coldest days, it said.",
        ),
        tags=("energy", "power outages"),
    ),
    Evidence(
        key="hryvnia-two-years",
        section="economy",
        author="alla-voronets",
        when=When(2, 1, 9, 10),
        headline="Hryvnia ends a second year weaker against the dollar",
        opening="The hryvnia ended the year about 9 percent weaker against the dollar, and has "
        "lost about 17 percent since the spring of the year before, the central bank's official "
        "rates show.",
        paragraphs=(
            "Most of the fall came in two slides, one in each autumn, when importers bought "
            "currency ahead of the winter, the central bank said.",
        ),
        tags=("hryvnia", "central bank"),
    ),
    Evidence(
        key="inflation-preliminary",
        section="economy",
        author="alla-voronets",
        when=When(2, 1, 13, 11),
        headline="Inflation ends the year at 9.6 percent, preliminary figures show",
        opening="Annual inflation fell to 9.6 percent in December, according to the statistics "
        "office's preliminary figures, the first single-digit reading since the invasion.",
        paragraphs=(
            "The office said the final figure would follow its annual review of price reports in "
            "early March.",
        ),
        tags=("inflation",),
    ),
    Evidence(
        key="local-elections-not-called",
        section="politics",
        author="denys-marchuk",
        when=When(2, 1, 22, 13),
        headline="No local elections while martial law lasts, electoral commission tells councils",
        opening="The electoral commission said it cannot call local elections while martial law is "
        "in force, after parliament extended it again for ninety days; councils elected before "
        "the war stay in office.",
        paragraphs=(
            "The commission said it had drafted rules for displaced voters so that a vote could "
            "be organised within months of martial law ending.",
        ),
        tags=("elections", "martial law"),
    ),
    Evidence(
        key="deficit-covered",
        section="economy",
        author="alla-voronets",
        when=When(2, 1, 30, 12),
        headline="Last year's deficit covered by grants, loans and bonds, finance ministry says",
        opening="The finance ministry said last year's budget deficit was covered in full by "
        "partners' grants and loans and by bonds sold to banks, with no purchases of "
        "government bonds by the central bank.",
        paragraphs=(
            "Partners' money covered a little over half of the gap, the ministry said, and bonds "
            "sold at home most of the rest.",
        ),
        tags=("budget", "international aid"),
    ),
    Evidence(
        key="wages-capital-ahead",
        section="economy",
        author="alla-voronets",
        when=When(2, 2, 19, 11),
        headline="Wages outpaced prices last year, but the capital pulled further ahead",
        opening="Average wages rose about 18 percent last year, well ahead of inflation, the "
        "statistics office said, but pay in the capital grew faster than in most regions.",
        paragraphs=(
            "The gap between average pay in the capital and in the lowest-paid region widened "
            "for the second year running, the office said.",
        ),
        tags=("budget",),
    ),
    Evidence(
        key="inflation-revised",
        section="economy",
        author="alla-voronets",
        when=When(2, 3, 4, 11),
        headline="Statistics office revises last year's inflation up to 10.3 percent",
        opening="December's annual inflation was 10.3 percent, not the 9.6 percent first reported, "
        "the statistics office said after adding late price reports for rents and services.",
        paragraphs=(
            "The office said the revision came mostly from rents in the largest cities, which "
            "landlords had reported late.",
        ),
        tags=("inflation",),
    ),
)

JUDGEMENTS: tuple[Judgement, ...] = (
    Judgement(
        appearance="sytnyk-summer-peak",
        words="Inflation will peak by the summer",
        subjects=("inflation",),
        outcome="came_true",
        explanation="Annual inflation peaked in July and fell in August, September and October, "
        "by the statistics office's figures: the turn she expected came within the summer.",
        evidence=("inflation-third-fall",),
    ),
    Judgement(
        appearance="sytnyk-summer-peak",
        words="The central bank will not cut its key rate",
        subjects=("central bank",),
        outcome="came_true",
        explanation="The key rate was left unchanged at every one of the central bank's "
        "meetings for the rest of that year, as the bank's first decision of the next year "
        "recalled.",
        evidence=("key-rate-unchanged",),
    ),
    Judgement(
        appearance="sytnyk-summer-peak",
        words="The hryvnia is likely to lose no more",
        subjects=("hryvnia",),
        outcome="did_not",
        explanation="By the central bank's official rate the hryvnia lost about 17 percent "
        "against the dollar between the interview and the end of the following year, well "
        "beyond the tenth she named.",
        evidence=("hryvnia-two-years",),
        outside=("https://example.org/central-bank/official-exchange-rates",),
    ),
    Judgement(
        appearance="orlyk-local-vote",
        words="When the local elections come next year",
        subjects=("elections", "martial law"),
        outcome="unresolvable",
        explanation="The forecast was about turnout at elections that were never held: martial "
        "law was extended throughout the following year, and the electoral commission cannot "
        "call local elections while it lasts. There is no turnout to compare.",
        evidence=("local-elections-not-called",),
    ),
    Judgement(
        appearance="sytnyk-budget-column",
        words="Next year the budget gap will be covered",
        subjects=("budget", "international aid"),
        outcome="came_true",
        explanation="The finance ministry's report for the year shows the deficit covered by "
        "partners' grants and loans and by bonds sold to banks; the central bank bought no "
        "government bonds.",
        evidence=("deficit-covered",),
        outside=("https://example.org/finance-ministry/budget-execution-annual-report",),
    ),
    Judgement(
        appearance="sytnyk-budget-column",
        words="Inflation will almost certainly fall below ten percent",
        subjects=("inflation",),
        outcome="came_true",
        explanation="The statistics office's preliminary figure for December was 9.6 percent, "
        "below the ten percent she named.",
        evidence=("inflation-preliminary",),
        after=1,
        revision=Revision(
            outcome="did_not",
            explanation="Revised: the statistics office's final figure for December is 10.3 "
            "percent, after late price reports for rents were added, so inflation did not fall "
            "below ten percent. The first resolution relied on the preliminary 9.6 percent.",
            evidence=("inflation-revised", "inflation-preliminary"),
            after=2,
        ),
    ),
    Judgement(
        appearance="sytnyk-budget-column",
        words="Wages will probably grow faster than prices",
        subjects=("society", "inflation"),
        outcome="partly",
        explanation="Wages did grow faster than prices, by about 18 percent against inflation "
        "of about 10, but the gap between pay in the capital and in the regions widened rather "
        "than narrowed.",
        evidence=("wages-capital-ahead", "inflation-revised"),
    ),
    Judgement(
        appearance="tkach-winter-grid",
        words="There will be no scheduled outages",
        subjects=("power outages", "energy"),
        outcome="did_not",
        explanation="After strikes on two power plants in January the grid operator imposed "
        "hourly outage schedules for households in eleven regions, on 19 days of the winter.",
        evidence=("winter-review",),
    ),
    Judgement(
        appearance="tkach-winter-grid",
        words="The grid will get through the winter",
        subjects=("energy", "infrastructure"),
        outcome="came_true",
        explanation="There was no nationwide blackout: the outages of that winter were "
        "scheduled and regional, and the system stayed connected throughout, the grid "
        "operator's review shows.",
        evidence=("winter-review",),
        outside=("https://example.org/grid-operator/winter-review",),
        # The sentence names no date; the desk took the end of that winter, as he meant it.
        horizon=(When(1, 2, 28), "through the winter"),
    ),
    # Pending: its five years are not up.
    Judgement(
        appearance="tkach-winter-grid",
        words="Within five years, every regional capital",
        subjects=("energy", "infrastructure"),
    ),
    # Still pending: its year is up, so it is due for resolution.
    Judgement(
        appearance="reinholt-ten-year-promises",
        words="Within a year, at least two more allied governments",
        subjects=("allies", "diplomacy"),
    ),
)
