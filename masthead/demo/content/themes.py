"""Background paragraphs and crossheads by theme, mixed into interviews and analyses so that no
two builds of the same story read quite alike. They are written to sit beside any story of
their theme."""

from enum import StrEnum


class Theme(StrEnum):
    WAR = "war"
    POLITICS = "politics"
    ECONOMY = "economy"
    ENERGY = "energy"
    WORLD = "world"
    LAW = "law"


BACKGROUND: dict[Theme, tuple[str, ...]] = {
    Theme.WAR: (
        "The General Staff's daily reports over recent weeks have described the same pattern "
        "along much of the front: small assault groups moving at night or in bad weather, "
        "followed by artillery and drone strikes on any position that gives itself away.",
        "Commanders interviewed by the channel in recent months have named the same shortages "
        "again and again: trained infantry, shells of the most common calibres and the cheap "
        "electronics that keep reconnaissance drones in the air.",
        "Partners have pledged further deliveries of air defence systems and ammunition, although "
        "the timing of many shipments is not made public for security reasons.",
        "Military analysts caution against reading too much into changes of a few hundred metres "
        "on the map. What matters more, they say, is the price at which ground is taken or held.",
        "Units on the front rotate less often than commanders would like, and rest for soldiers "
        "who have served since the first months of the full-scale war remains one of the most "
        "sensitive questions in the country.",
    ),
    Theme.POLITICS: (
        "Parliament has worked under martial law since the start of the full-scale invasion, "
        "with sessions sometimes moved or shortened for security reasons and some debates held "
        "behind closed doors.",
        "Opinion surveys over the past year have shown consistently high trust in the army and "
        "in volunteers, and much lower trust in parliament, the courts and political parties.",
        "The government has been reshuffled several times since the invasion, each time with "
        "promises to speed up the reforms that European partners have asked for.",
        "Opposition factions have largely avoided open confrontation with the government on "
        "defence, while sharpening their criticism of its economic and social policy.",
    ),
    Theme.ECONOMY: (
        "The economy has grown modestly for a second year after the deep fall of the first year "
        "of the full-scale war, helped by exports through the sea route and by businesses that "
        "have learned to work through air raid alerts.",
        "Companies surveyed by the central bank continue to name the security situation, the "
        "electricity supply and a shortage of workers as their main obstacles.",
        "Defence now takes the largest share of public spending, and the budget relies on "
        "partners for most of what the state spends on everything else.",
        "Economists note that labour shortages have pushed up wages in many sectors, as "
        "mobilisation, emigration and displacement have reduced the number of people at work.",
    ),
    Theme.ENERGY: (
        "Attacks on power plants and substations have come in waves, usually timed for the cold "
        "months, when demand is highest and repairs are hardest.",
        "Energy companies keep details of damage and repairs deliberately vague, so as not to help "
        "the enemy judge the effect of its strikes.",
        "Electricity imports from neighbouring countries have become a routine part of balancing "
        "the system, limited mainly by the capacity of the lines across the border.",
        "Repair crews are among the civilian workers most exposed to repeated strikes, which "
        "often hit the same site a second time while they are at work.",
    ),
    Theme.WORLD: (
        "Partners provide support through a mix of military aid, budget grants and loans, much "
        "of it coordinated in formats whose members meet several times a year.",
        "Diplomats note that public debate about aid in partner countries often lags behind "
        "decisions their governments and parliaments have already taken.",
        "The sanctions regime against the aggressor has been extended again and again, each "
        "package adding companies, individuals and categories of goods.",
        "Long-term security agreements signed with a number of countries commit them to "
        "training, equipment and financing for years rather than package by package.",
    ),
    Theme.LAW: (
        "Prosecutors say they have registered tens of thousands of suspected war crimes since the "
        "start of the full-scale invasion, from strikes on homes to the treatment of prisoners.",
        "Investigators from several countries work alongside Ukrainian prosecutors, and some "
        "cases are already being heard abroad under the principle of universal jurisdiction.",
        "Human rights groups have trained hundreds of volunteers to document damage and collect "
        "testimony in a form that courts will accept.",
        "A register of damage set up with the support of partner states has begun accepting "
        "claims from people whose homes were destroyed or damaged.",
    ),
}

CROSSHEADS: dict[Theme, tuple[str, ...]] = {
    Theme.WAR: ("What the front needs", "The view from the trenches", "Behind the front line"),
    Theme.POLITICS: ("The politics of it", "What parliament decides", "Counting the votes"),
    Theme.ECONOMY: ("Follow the money", "The cost of it", "What it means for households"),
    Theme.ENERGY: ("Through the winter", "Keeping the lights on", "The repair crews"),
    Theme.WORLD: ("The view from abroad", "What partners promise", "The diplomatic calendar"),
    Theme.LAW: ("The legal route", "Evidence first", "What the courts can do"),
}
