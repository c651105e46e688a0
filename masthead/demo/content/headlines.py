"""The news flow: headline templates by desk, with short bodies for some, and the words that
fill their slots.

A slot is ``{name}`` for a word from ``SLOT_WORDS``, ``{num:LOW-HIGH}`` for a number in that
range, or ``{count:LOW-HIGH}`` for one spelled out up to nine, as the house style has it. Every
slot of an item, headline and body, gets its own value, and no word is used twice in one item
(so "between {city} and {city}" names two cities).
"""

from dataclasses import dataclass, field
from enum import StrEnum


class Desk(StrEnum):
    WAR = "war"
    POLITICS = "politics"
    ECONOMY = "economy"
    WORLD = "world"
    HOME = "home"  # life in the country: filed under News only


@dataclass(frozen=True)
class NewsTemplate:
    desk: Desk
    headline: str
    body: tuple[str, ...] = field(default=())
    tags: tuple[str, ...] = field(default=())


# The section each desk's items are filed under when they are not filed under News.
DESK_SECTIONS: dict[Desk, str] = {
    Desk.WAR: "war",
    Desk.POLITICS: "politics",
    Desk.ECONOMY: "economy",
    Desk.WORLD: "world",
    Desk.HOME: "news",
}

# How often each desk files: the war and life at home dominate the flow.
DESK_WEIGHTS: dict[Desk, int] = {
    Desk.WAR: 34,
    Desk.HOME: 22,
    Desk.POLITICS: 16,
    Desk.ECONOMY: 15,
    Desk.WORLD: 13,
}

# The share of items that are filed under their desk's own section rather than under News.
FILED_UNDER_DESK_SECTION = 0.35

# Who writes up the items that have a body, by desk.
DESK_AUTHORS: dict[Desk, str] = {
    Desk.WAR: "solomiia-hrytsenko",
    Desk.HOME: "solomiia-hrytsenko",
    Desk.POLITICS: "denys-marchuk",
    Desk.WORLD: "denys-marchuk",
    Desk.ECONOMY: "alla-voronets",
}

SLOT_WORDS: dict[str, tuple[str, ...]] = {
    "city": (
        "Kyiv",
        "Lviv",
        "Odesa",
        "Dnipro",
        "Kharkiv",
        "Zaporizhzhia",
        "Vinnytsia",
        "Poltava",
        "Chernihiv",
        "Mykolaiv",
        "Sumy",
        "Rivne",
        "Cherkasy",
        "Ivano-Frankivsk",
        "Uzhhorod",
    ),
    "front_region": ("Kharkiv", "Donetsk", "Zaporizhzhia", "Kherson", "Sumy", "Dnipropetrovsk"),
    "region": (
        "Kharkiv",
        "Sumy",
        "Chernihiv",
        "Poltava",
        "Dnipropetrovsk",
        "Mykolaiv",
        "Odesa",
        "Kirovohrad",
        "Vinnytsia",
        "Zhytomyr",
    ),
    "country": (
        "Poland",
        "Germany",
        "the Netherlands",
        "Denmark",
        "Canada",
        "Finland",
        "Lithuania",
        "Norway",
        "Sweden",
        "Czechia",
        "Estonia",
        "Latvia",
        "Japan",
        "Belgium",
        "Portugal",
        "Spain",
        "Italy",
        "France",
        "the United Kingdom",
    ),
    "bill": (
        "veterans' benefits",
        "wartime procurement",
        "the register of damaged property",
        "online court hearings",
        "rebuilding heating networks",
        "the status of volunteers",
        "support for small businesses near the front",
        "electronic identity documents",
        "rehabilitation for the wounded",
        "the search for missing persons",
    ),
    "rules": (
        "paying teachers in front-line districts",
        "moving businesses away from the front",
        "compensation for destroyed homes",
        "registering for military service online",
        "exempting workers at critical enterprises",
        "students travelling abroad",
        "humanitarian aid imports",
        "renting housing to displaced families",
    ),
    "topic": (
        "preparations for winter",
        "defence procurement",
        "the reconstruction fund",
        "spending on air defence",
        "the pace of European reforms",
        "support for displaced people",
        "the state of the power grid",
        "shelters in schools",
    ),
    "agency": (
        "the customs service",
        "the state reserve agency",
        "the road agency",
        "the tax service",
        "the defence procurement agency",
        "the state property fund",
    ),
    "weekday": ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday"),
}

NEWS_TEMPLATES: tuple[NewsTemplate, ...] = (
    # The war
    NewsTemplate(
        Desk.WAR,
        "Air defence downs {num:14-62} drones overnight, air force says",
        (
            "The air force said the drones were launched from several directions and that most "
            "were shot down over the {region} region and the centre of the country.",
            "Falling debris damaged several private houses, regional officials said. No one was "
            "hurt.",
        ),
        ("air defence", "drones"),
    ),
    NewsTemplate(
        Desk.WAR,
        "Air raid alert in {city} lasts more than {count:2-6} hours overnight",
        tags=("air defence",),
    ),
    NewsTemplate(Desk.WAR, "General Staff reports {num:80-190} clashes along the front in a day"),
    NewsTemplate(
        Desk.WAR,
        "Strike damages power line in {region} region; repair crews on site",
        (
            "The regional administration said several villages were left without electricity "
            "for some hours.",
            "Crews began work as soon as the alert ended, the grid operator said.",
        ),
        ("energy", "infrastructure"),
    ),
    NewsTemplate(
        Desk.WAR,
        "Evacuation ordered for {count:3-11} more villages in {front_region} region",
        (
            "Families with children must leave first, the regional military administration "
            "said. Buses will take residents to temporary housing further from the front.",
        ),
        ("evacuation",),
    ),
    NewsTemplate(
        Desk.WAR,
        "Brigade says it repelled an assault near a front-line village in {front_region} region",
        tags=("front line",),
    ),
    NewsTemplate(
        Desk.WAR,
        "Sappers clear {num:20-140} hectares of farmland in {region} region this week",
        (
            "The emergency service said the fields will be returned to farmers in time for sowing.",
            "Officials again urged residents not to touch unfamiliar objects and to report them "
            "by calling the emergency line.",
        ),
        ("demining",),
    ),
    NewsTemplate(
        Desk.WAR,
        "Volunteers in {city} hand over {num:12-40} pickup trucks to front-line units",
        tags=("volunteers",),
    ),
    NewsTemplate(Desk.WAR, "Defence ministry opens a new recruiting centre in {city}"),
    NewsTemplate(
        Desk.WAR,
        "Exchange brings {num:40-190} service members home, coordination headquarters says",
        (
            "The coordination headquarters for prisoners of war said most of those released had "
            "been held since the first year of the full-scale invasion.",
            "It thanked the partner states whose mediation made the exchange possible.",
        ),
        ("prisoners of war",),
    ),
    NewsTemplate(Desk.WAR, "Rescuers finish search at damaged apartment block in {city}"),
    NewsTemplate(
        Desk.WAR,
        "Engineers complete a new line of defences in {front_region} region, command says",
        tags=("fortifications",),
    ),
    NewsTemplate(
        Desk.WAR,
        "Ballistic missile alert declared for {region} region, lifted after {num:20-55} minutes",
        tags=("air defence", "missiles"),
    ),
    NewsTemplate(
        Desk.WAR,
        "Drone debris falls in schoolyard in {city}; lessons move online for the day",
        (
            "The school was empty at the time, the city council said. Windows in the gym and two "
            "classrooms were broken.",
        ),
        ("drones", "education"),
    ),
    NewsTemplate(
        Desk.WAR,
        "Training centre in {region} region doubles its intake of drone operators",
        tags=("drones", "army"),
    ),
    # Politics
    NewsTemplate(
        Desk.POLITICS,
        "Parliament passes bill on {bill} in first reading",
        (
            "{num:228-290} MPs voted in favour. The bill now returns to committee, where "
            "amendments can be filed before the second reading.",
        ),
        ("parliament",),
    ),
    NewsTemplate(Desk.POLITICS, "Committee recommends bill on {bill} for second reading"),
    NewsTemplate(Desk.POLITICS, "President signs law on {bill}", tags=("laws",)),
    NewsTemplate(Desk.POLITICS, "Cabinet approves new rules on {rules}"),
    NewsTemplate(
        Desk.POLITICS,
        "Prime minister to report to parliament on {topic} on {weekday}",
        tags=("parliament",),
    ),
    NewsTemplate(
        Desk.POLITICS,
        "Anti-corruption bureau charges former deputy head of {agency} over a supply contract",
        (
            "Investigators say the contract was signed at prices well above the market. The "
            "suspect's lawyer said his client denies any wrongdoing.",
        ),
        ("corruption",),
    ),
    NewsTemplate(Desk.POLITICS, "Government appoints a new head of {agency}"),
    NewsTemplate(
        Desk.POLITICS,
        "MPs vote to extend martial law and mobilisation for another 90 days",
        (
            "The extension was supported by {num:300-340} MPs. It is the latest in a series of "
            "90-day extensions since the start of the full-scale invasion.",
        ),
        ("martial law", "parliament"),
    ),
    NewsTemplate(
        Desk.POLITICS,
        "Survey: {num:58-81}% back continuing EU accession talks",
        tags=("European Union",),
    ),
    NewsTemplate(Desk.POLITICS, "Opposition calls for a parliamentary hearing on {topic}"),
    NewsTemplate(
        Desk.POLITICS, "City council in {city} approves extra spending on shelters and schools"
    ),
    NewsTemplate(
        Desk.POLITICS, "Budget committee questions ministers on {topic}", tags=("budget",)
    ),
    # The economy
    NewsTemplate(
        Desk.ECONOMY,
        "Central bank leaves its key rate unchanged",
        (
            "The bank said inflation is slowing but remains above its target, and that the "
            "security situation is still the main risk to its forecast.",
        ),
        ("central bank",),
    ),
    NewsTemplate(
        Desk.ECONOMY,
        "Consumer inflation slows to {num:6-11}.{num:1-9}% year on year",
        tags=("inflation",),
    ),
    NewsTemplate(Desk.ECONOMY, "Hryvnia little changed against the euro on the interbank market"),
    NewsTemplate(
        Desk.ECONOMY,
        "Sea ports handle {num:3-6}.{num:1-9} million tonnes of cargo in a month",
        tags=("exports", "ports"),
    ),
    NewsTemplate(
        Desk.ECONOMY,
        "Finance ministry raises {num:9-26} billion hryvnias at war bond auction",
        tags=("budget",),
    ),
    NewsTemplate(
        Desk.ECONOMY,
        "Budget receives {num:1-4}.{num:1-9} billion euros from international partners",
        (
            "The finance ministry said the money will pay for pensions, the salaries of teachers "
            "and doctors, and social benefits.",
        ),
        ("budget", "international aid"),
    ),
    NewsTemplate(Desk.ECONOMY, "Fuel prices edge higher at filling stations in {city}"),
    NewsTemplate(
        Desk.ECONOMY, "{num:120-480} new companies registered in {region} region since the summer"
    ),
    NewsTemplate(
        Desk.ECONOMY,
        "Grid operator publishes outage schedule for {city} for the evening peak",
        (
            "Households in some districts should expect one or two outages of up to four hours, "
            "the operator said.",
            "Hospitals, water utilities and heating plants stay connected.",
        ),
        ("energy", "power outages"),
    ),
    NewsTemplate(
        Desk.ECONOMY, "Railway adds {count:2-7} extra trains to the western border for the holidays"
    ),
    NewsTemplate(Desk.ECONOMY, "Steelmaker restarts a blast furnace after repairs"),
    NewsTemplate(
        Desk.ECONOMY,
        "Farmers expect a bigger sunflower harvest than last year, association says",
        tags=("agriculture",),
    ),
    NewsTemplate(
        Desk.ECONOMY,
        "Small businesses can apply for cheap generator loans from {weekday}",
        (
            "Loans of up to {num:2-9} million hryvnias will be available through state banks, the "
            "economy ministry said. Part of the interest will be paid by the state.",
        ),
        ("energy", "small business"),
    ),
    # The world
    NewsTemplate(Desk.WORLD, "{country} announces a new air defence package", tags=("allies",)),
    NewsTemplate(
        Desk.WORLD,
        "Parliament in {country} approves {num:150-900} million euros in military aid",
        tags=("allies", "international aid"),
    ),
    NewsTemplate(
        Desk.WORLD,
        "EU foreign ministers discuss the next sanctions package",
        (
            "Ministers are expected to add more companies that help the aggressor get round "
            "existing restrictions, diplomats said before the meeting.",
        ),
        ("sanctions", "European Union"),
    ),
    NewsTemplate(Desk.WORLD, "{country} to train {num:600-3000} more Ukrainian soldiers next year"),
    NewsTemplate(
        Desk.WORLD,
        "Defence company from {country} to open a joint ammunition plant with a Ukrainian partner",
        (
            "The plant will produce artillery shells, the companies said, without naming its "
            "location for security reasons.",
        ),
        ("defence industry",),
    ),
    NewsTemplate(
        Desk.WORLD,
        "Foreign minister meets counterpart from {country} ahead of reconstruction conference",
        tags=("diplomacy", "reconstruction"),
    ),
    NewsTemplate(Desk.WORLD, "{country} extends temporary protection for Ukrainian refugees"),
    NewsTemplate(
        Desk.WORLD,
        "Partners' finance ministers discuss a loan backed by frozen assets",
        tags=("reparations",),
    ),
    NewsTemplate(Desk.WORLD, "UN monitors publish quarterly report on civilian casualties"),
    NewsTemplate(
        Desk.WORLD,
        "{country} sends generators and transformers ahead of winter",
        tags=("energy", "international aid"),
    ),
    NewsTemplate(
        Desk.WORLD,
        "Ukraine and {country} sign a ten-year security agreement",
        (
            "The agreement covers military aid, training and cooperation between defence "
            "industries, the foreign ministry said.",
        ),
        ("allies", "diplomacy"),
    ),
    NewsTemplate(
        Desk.WORLD, "{country} summons the aggressor's ambassador over an airspace violation"
    ),
    # Life at home
    NewsTemplate(Desk.HOME, "Schools in {city} switch to mixed learning for the week"),
    NewsTemplate(Desk.HOME, "{city} public transport to run later during the holidays"),
    NewsTemplate(
        Desk.HOME,
        "New shelter opens at a school in {city}",
        (
            "The shelter holds {num:200-600} people and has its own ventilation and generator, "
            "the city council said. Lessons can continue there during alerts.",
        ),
        ("education", "shelters"),
    ),
    NewsTemplate(Desk.HOME, "{city} to test air raid sirens at noon on {weekday}"),
    NewsTemplate(
        Desk.HOME,
        "Medical evacuation train carries {num:30-90} patients to hospitals in the west",
        tags=("health",),
    ),
    NewsTemplate(Desk.HOME, "Weather: first frosts expected in the north at the weekend"),
    NewsTemplate(
        Desk.HOME,
        "Veterans' affairs ministry launches an online register of benefits",
        (
            "Veterans and their families can check which payments and services they are "
            "entitled to and apply without visiting an office, the ministry said.",
        ),
        ("veterans",),
    ),
    NewsTemplate(Desk.HOME, "Railway restores direct service between {city} and {city}"),
    NewsTemplate(Desk.HOME, "Blood donors asked to visit centres in {city} after overnight strike"),
    NewsTemplate(
        Desk.HOME, "Heating season starts in {city}, {count:6-14} days earlier than planned"
    ),
    NewsTemplate(Desk.HOME, "Police open {count:3-9} new neighbourhood stations in {city}"),
    NewsTemplate(
        Desk.HOME,
        "Students in {city} build an app that finds the nearest open shelter",
        tags=("shelters",),
    ),
    NewsTemplate(
        Desk.HOME,
        "Pharmacies in {region} region stock up on medicines ahead of winter",
        tags=("health",),
    ),
    NewsTemplate(
        Desk.HOME,
        "Animal shelter in {city} takes in {num:40-160} dogs from front-line villages",
        (
            "Volunteers brought the animals out over several weeks. Most are looking for new "
            "homes, the shelter said.",
        ),
        ("volunteers",),
    ),
)
