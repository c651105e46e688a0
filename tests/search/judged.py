"""Issue 18, part 4: a judged set of reader queries over the demo newsroom (``manage.py
demo_newsroom --seed 1``), for ``test_relevance.py``.

Every judgement was made by reading the demo's content (``masthead/demo/content``: the story
briefs' headlines, leads, pull quotes and questions, the people and the news templates) as the
seed-1 build lays it out, never by looking at what the engine returns. Where the engine ranks a
query badly, the judgement stays and the test's numbers show it.

``relevant`` lists the articles (by slug, stable across builds of seed 1) a reader asking this
wants at the top, most relevant first: the first is the one that must rank in the top three.
Where several news items of one template are equally relevant, the newest comes first.
"""

from __future__ import annotations

from dataclasses import dataclass

PERSON, HOST, QUOTE, PHRASE, QUESTION = "person", "host", "quote", "phrase", "question"
MISSPELLING, TOPIC, PROGRAMME, SECTION, HEADLINE = (
    "misspelling",
    "topic",
    "programme",
    "section",
    "headline",
)


@dataclass(frozen=True)
class Judged:
    query: str
    kind: str
    relevant: tuple[str, ...]


# The demo's stories by the people they are about, most about them first: a headline naming
# them, then their interviews, their column, the analyses quoting them.
DANYLIUK = (
    "marko-danyliuk-the-line-holds-where-the-engineers-arrived-first",
    "cheap-drones-changed-the-front-cheaper-ones-will-change-it-again-says",
    "every-interceptor-has-a-price-an-analyst-on-how-the-cities-are",
    "why-brigades-now-recruit-their-own-soldiers",
)
ORLYK = (
    "corruption-cases-do-not-weaken-the-state-hiding-them-would-says-orlyk",
    "we-are-tired-of-reforms-we-should-be-more-tired-of-what-they-replace",
    "call-up-rules-will-not-work-without-a-clear-term-of-service-says",
    "no-vote-plenty-of-campaigning-a-political-scientist-on-wartime",
    "a-majority-on-paper-how-difficult-laws-get-through-parliament",
)
TKACH = (
    "switch-off-the-kettle-at-six-the-citizens-part-in-the-energy-war",
    "former-grid-executive-on-outages-the-hardest-hours-are-from-six-to",
    "small-power-plants-are-harder-to-hit-says-former-grid-executive",
    "batteries-turbines-and-patience-what-the-grid-has-learned-from-the",
)
SYTNYK = (
    "halyna-sytnyk-on-the-sea-route-insurance-is-now-the-hardest-cargo",
    "why-the-central-bank-keeps-its-rate-high-while-prices-slow-down",
    "rebuilding-while-fighting-who-pays-for-the-first-houses",
)
REINHOLT = (
    "tomas-reinholt-allied-fatigue-is-told-more-often-than-it-is-true",
    "reinholt-eu-accession-is-a-marathon-and-the-first-lap-is-the-easiest",
    "a-letter-to-allied-capitals-patience-is-also-a-weapon",
    "the-sanctions-leak-how-components-reach-the-enemys-factories",
)
PYVOVAR = (
    "oleksandra-pyvovar-aggression-is-the-crime-from-which-all-the-others",
    "oleksandra-pyvovar-the-law-already-lets-frozen-assets-pay-for-repairs",
    "the-arithmetic-of-prisoner-exchanges",
)
# Frontline Briefing's interviews, all hosted by Ostap Levchenko, newest first.
FRONTLINE_BRIEFING = (
    "every-interceptor-has-a-price-an-analyst-on-how-the-cities-are",
    "cheap-drones-changed-the-front-cheaper-ones-will-change-it-again-says",
    "marko-danyliuk-the-line-holds-where-the-engineers-arrived-first",
    "small-power-plants-are-harder-to-hit-says-former-grid-executive",
)

JUDGED: tuple[Judged, ...] = (
    # People: a guest's or columnist's name, whole or the surname alone.
    Judged("Marko Danyliuk", PERSON, DANYLIUK),
    Judged("Nadiia Orlyk", PERSON, ORLYK),
    Judged("Bohdan Tkach", PERSON, TKACH),
    Judged("Halyna Sytnyk", PERSON, SYTNYK),
    Judged("Tomas Reinholt", PERSON, REINHOLT),
    Judged("Oleksandra Pyvovar", PERSON, PYVOVAR),
    Judged("Pyvovar", PERSON, PYVOVAR),
    Judged("Orlyk", PERSON, ORLYK),
    Judged("Danyliuk drones", PERSON, DANYLIUK[1:3]),
    Judged("Ostap Levchenko", HOST, FRONTLINE_BRIEFING),
    # Pull quotes, in quotation marks (a phrase search) and without.
    Judged('"a grid that is boring to attack"', QUOTE, (TKACH[2],)),
    Judged('"we used to count tanks"', QUOTE, (DANYLIUK[1],)),
    Judged('"open data is ammunition saved"', QUOTE, (ORLYK[1],)),
    Judged('"the evening peak is where the winter is won or lost"', QUOTE, (TKACH[1],)),
    Judged("“Every kickback is paid for in shells”", QUOTE, (ORLYK[0],)),
    Judged("sanction without enforcement is a recommendation", PHRASE, (REINHOLT[3],)),
    Judged("trust is the real reserve in this war", PHRASE, (ORLYK[2],)),
    Judged("justice in absentia", PHRASE, (PYVOVAR[0],)),
    Judged("Brussels does not read speeches", PHRASE, (REINHOLT[1],)),
    Judged("every open field a killing zone", PHRASE, (DANYLIUK[0],)),
    Judged("insurance is built on statistics", PHRASE, (SYTNYK[0],)),
    Judged("mediators work best when nobody hears about them", PHRASE, (PYVOVAR[2],)),
    # A host's question, as a reader remembers it from the programme.
    Judged("Are drones replacing artillery?", QUESTION, (DANYLIUK[1],)),
    Judged("Should people buy generators?", QUESTION, (TKACH[1],)),
    Judged("how would soldiers vote after the war", QUESTION, (ORLYK[3],)),
    Judged("should families file claims now", QUESTION, (PYVOVAR[1],)),
    Judged("when will mortgages get cheaper", QUESTION, (SYTNYK[1],)),
    Judged("what happens to the route after a strike on a port", QUESTION, (SYTNYK[0],)),
    # Misspellings: typos and the other transliterations of the guests' names, a word's
    # American spelling, a common typo.
    Judged("Marko Danilyuk", MISSPELLING, DANYLIUK),
    Judged("Oleksandra Pivovar", MISSPELLING, PYVOVAR),
    Judged("Aleksandra Pyvovar", MISSPELLING, PYVOVAR),
    Judged("Nadia Orlik", MISSPELLING, ORLYK),
    Judged("Bogdan Tkach", MISSPELLING, TKACH),
    Judged("Reinhold", MISSPELLING, REINHOLT),
    Judged("Halina Sitnik", MISSPELLING, SYTNYK),
    Judged("agression tribunal", MISSPELLING, (PYVOVAR[0],)),
    Judged("fortifcations", MISSPELLING, (DANYLIUK[0],)),
    Judged(
        "mobilization",
        MISSPELLING,
        (
            ORLYK[2],
            DANYLIUK[3],
            "mps-vote-to-extend-martial-law-and-mobilisation-for-another-90-days",
        ),
    ),
    # Topics: what a story is about, in a reader's words rather than its headline's.
    Judged(
        "frozen assets",
        TOPIC,
        (PYVOVAR[1], "partners-finance-ministers-discuss-a-loan-backed-by-frozen-assets"),
    ),
    Judged("prisoner exchanges", TOPIC, (PYVOVAR[2],)),
    Judged(
        "EU accession talks",
        TOPIC,
        (
            REINHOLT[1],
            "survey-80-back-continuing-eu-accession-talks",
            "survey-74-back-continuing-eu-accession-talks",
            "survey-70-back-continuing-eu-accession-talks",
            "survey-67-back-continuing-eu-accession-talks",
        ),
    ),
    Judged("elections under martial law", TOPIC, (ORLYK[3],)),
    Judged(
        "central bank interest rate",
        TOPIC,
        (SYTNYK[1], "central-bank-leaves-its-key-rate-unchanged"),
    ),
    Judged("power grid outages", TOPIC, (TKACH[1], TKACH[3], TKACH[0], TKACH[2])),
    Judged("grain exports by sea", TOPIC, (SYTNYK[0],)),
    Judged("how sanctions are evaded", TOPIC, (REINHOLT[3],)),
    Judged("brigades recruiting soldiers", TOPIC, (DANYLIUK[3],)),
    Judged("who pays for reconstruction", TOPIC, (SYTNYK[2],)),
    Judged("air defence of cities", TOPIC, (DANYLIUK[2],)),
    Judged("allied fatigue", TOPIC, (REINHOLT[0], REINHOLT[2])),
    Judged(
        "corruption",
        TOPIC,
        (
            ORLYK[0],
            ORLYK[1],
            "anti-corruption-bureau-charges-former-deputy-head-of-the-tax-service",
            "anti-corruption-bureau-charges-former-deputy-head-of-the-state",
            "anti-corruption-bureau-charges-former-deputy-head-of-the-defence",
        ),
    ),
    # A programme's name, alone or with what the reader remembers of the show.
    Judged("Frontline Briefing", PROGRAMME, FRONTLINE_BRIEFING),
    Judged("Frontline Briefing drones", PROGRAMME, (DANYLIUK[1], DANYLIUK[2])),
    Judged("Evening Dialogue Sytnyk", PROGRAMME, SYTNYK[:2]),
    # The Opinion section's columns, newest first.
    Judged("opinion", SECTION, (ORLYK[1], REINHOLT[2], TKACH[0])),
    # Words of a headline, remembered loosely.
    Judged("kettle at six", HEADLINE, (TKACH[0],)),
    Judged("majority on paper", HEADLINE, (ORLYK[4],)),
)
