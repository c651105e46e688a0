"""Interviews, analyses and columns for the demo newsroom.

Each brief is the raw material of one story: headline variants, a lead, the paragraphs that carry
its facts, the guest's quotable lines and the host's questions with the answers reported. The
planner picks and arranges them, adding background paragraphs of the story's theme.

Placeholders filled in by the planner: ``{guest}`` (full name), ``{surname}``, ``{credentials}``
(the guest's position at the time), ``{host}`` and ``{programme}``.
"""

from dataclasses import dataclass, field

from .themes import Theme


@dataclass(frozen=True)
class Exchange:
    """A host's question and the paragraph reporting the answer."""

    question: str
    answer: str


@dataclass(frozen=True)
class StoryBrief:
    kind: str  # "interview", "analysis" or "opinion" (see masthead.articles.models.ArticleKind)
    section: str
    theme: Theme
    person: str  # the guest, the expert quoted in an analysis, or a column's author
    headlines: tuple[str, ...]
    lead: str
    paragraphs: tuple[str, ...]  # in reading order
    quotes: tuple[str, ...]
    tags: tuple[str, ...]
    caption: str
    exchanges: tuple[Exchange, ...] = field(default=())
    programme: str = ""  # interviews only


INTERVIEWS: tuple[StoryBrief, ...] = (
    StoryBrief(
        kind="interview",
        section="war",
        theme=Theme.WAR,
        person="marko-danyliuk",
        programme="frontline-briefing",
        headlines=(
            "Marko Danyliuk: The line holds where the engineers arrived first",
            "Fortifications will decide the winter, not new brigades, says retired colonel",
        ),
        lead="{guest}, {credentials}, told {programme} why the quiet work of diggers and sappers "
        "matters more this season than any offensive in the headlines.",
        paragraphs=(
            "Speaking to {host} on {programme}, {guest} argued that the sectors where defensive "
            "lines were prepared months in advance have lost almost no ground, while the places "
            "where digging started late are the ones that appear in every evening report.",
            "He described a defence in layers: anti-tank ditches and concrete obstacles well "
            "behind the front, a second belt of trenches that troops can fall back to, and "
            "minefields laid so that an attacker is funnelled into ground watched by drones and "
            "artillery.",
            "{surname} said the bottleneck is no longer money but people and machinery. Regional "
            "administrations hire contractors, but excavators are scarce near the front and crews "
            "work at night to stay hidden from reconnaissance drones.",
        ),
        quotes=(
            "A trench dug in spring saves a company in winter. A trench dug under fire costs one.",
            "Nobody gives a medal for pouring concrete, but concrete is what the enemy runs into "
            "first.",
            "Where the engineers came early, the map has barely moved. That is not a coincidence.",
            "Drones have turned every open field into a killing zone, so the defence has to go "
            "underground and stay there.",
        ),
        exchanges=(
            Exchange(
                "Is the army building enough lines, or only reporting that it is?",
                "{surname} said the official figures were broadly honest but uneven. In some "
                "districts, he said, the second line existed mostly on maps until volunteers and "
                "local councils pushed for inspections, and that gap has only recently begun to "
                "close.",
            ),
            Exchange(
                "What should people living near the front make of new defences outside their "
                "towns?",
                "He advised residents not to read new fortifications as a sign of a coming "
                "retreat. Lines are built deep precisely so that they never have to be used, he "
                "said, and their presence tends to make an attacker look elsewhere.",
            ),
            Exchange(
                "What would you change first if you ran the programme?",
                "{surname} said he would put a single officer in each sector in charge of both the "
                "military engineers and the civilian contractors, with one budget and one set of "
                "deadlines, instead of several agencies signing off every kilometre.",
            ),
        ),
        tags=("front line", "fortifications", "army"),
        caption="Defensive positions on the eastern front.",
    ),
    StoryBrief(
        kind="interview",
        section="war",
        theme=Theme.WAR,
        person="marko-danyliuk",
        programme="frontline-briefing",
        headlines=(
            "Cheap drones changed the front. Cheaper ones will change it again, says analyst",
            "Marko Danyliuk: The drone war is now a race between factories",
        ),
        lead="Military analyst {guest} told {programme} that the contest in the air above the "
        "trenches is decided less by inventions than by how fast workshops can copy, adapt and "
        "ship them.",
        paragraphs=(
            "On {programme}, {guest} said both armies now lose thousands of small drones a month, "
            "most of them to electronic jamming rather than to gunfire.",
            "The answer, he said, has been volume and variety: radio frequencies that change from "
            "week to week, guidance by fibre-optic cable that cannot be jammed, and interceptor "
            "drones built to ram reconnaissance craft out of the sky.",
            "{surname} credited volunteer workshops with much of the early progress, but said the "
            "work has now moved to licensed manufacturers with contracts, quality control and "
            "waiting lists for components.",
        ),
        quotes=(
            "A drone that is perfect in a laboratory and arrives in six months is worth less than "
            "a good one that arrives on Tuesday.",
            "Electronic warfare is the invisible half of this war. Whoever updates faster wins the "
            "week.",
            "We used to count tanks. Now we count soldering stations.",
            "The infantryman still takes and holds the ground. The drone only decides how "
            "expensive that is.",
        ),
        exchanges=(
            Exchange(
                "Are drones replacing artillery?",
                "{surname} said no. Artillery still delivers most of the explosive weight on the "
                "battlefield, he said; drones have mainly taken over finding targets and finishing "
                "off those that shells only damaged.",
            ),
            Exchange(
                "Where do the components come from?",
                "He acknowledged that many motors, cameras and circuit boards are still imported, "
                "and said the priority for the coming year should be domestic production of the "
                "parts that are easiest to stop at a border.",
            ),
            Exchange(
                "What does the other side do better?",
                "{surname} said the opposing army has been quicker to standardise. Its units "
                "receive the same models in large batches, he said, which makes training and "
                "repair simpler even if each device is cruder.",
            ),
        ),
        tags=("drones", "defence industry", "front line"),
        caption="A drone operator's workstation near the front.",
    ),
    StoryBrief(
        kind="interview",
        section="politics",
        theme=Theme.POLITICS,
        person="nadiia-orlyk",
        programme="evening-dialogue",
        headlines=(
            "Nadiia Orlyk: The mobilisation debate is really a debate about trust",
            "Call-up rules will not work without a clear term of service, says political scientist",
        ),
        lead="{guest}, {credentials}, told {host} on {programme} that the arguments in parliament "
        "over call-up rules turn on the one question families keep asking: when do soldiers come "
        "home?",
        paragraphs=(
            "{guest} said the amendments now before parliament try to do three things at once: "
            "widen the pool of people who can be called up, tighten the rules on registration and "
            "set a period after which those serving can be discharged.",
            "The first two, she said, are written out in detail, while the third is still a "
            "promise. That imbalance is what makes families wary and gives opponents of the bill "
            "their strongest argument.",
            "According to {surname}, surveys by her centre show broad support for defending the "
            "country alongside deep scepticism about how fairly the burden is shared between "
            "regions, professions and income groups.",
        ),
        quotes=(
            "People are not refusing to defend the country. They are asking for the rules to be "
            "the same for everyone.",
            "A law that names the day a soldier can go home will recruit more people than any "
            "fine.",
            "Trust is the real reserve in this war, and it runs down faster than ammunition.",
            "Parliament can pass the bill in a week. Persuading the country takes longer.",
        ),
        exchanges=(
            Exchange(
                "Why has the bill taken so long?",
                "{surname} said no faction wants to own an unpopular vote on its own. Members of "
                "the committee have filed hundreds of amendments, she said, partly to improve the "
                "text and partly to be on record as having tried.",
            ),
            Exchange(
                "Would it help if the army said how many people it needs?",
                "She said yes, within the limits of secrecy. Even a broad figure for how many "
                "people are needed and over what period would let the public judge whether the "
                "new rules are proportionate.",
            ),
            Exchange(
                "What happens if the vote fails?",
                "{surname} expected the government to come back with a narrower bill, dropping the "
                "most disputed clauses, and said the delay itself would carry a cost at the front.",
            ),
        ),
        tags=("mobilisation", "parliament", "army"),
        caption="The parliament chamber during a vote.",
    ),
    StoryBrief(
        kind="interview",
        section="war",
        theme=Theme.WAR,
        person="marko-danyliuk",
        programme="frontline-briefing",
        headlines=(
            "Air defence is a budget question as much as a military one, says Danyliuk",
            "Every interceptor has a price: an analyst on how the cities are protected",
        ),
        lead="On {programme}, {guest} explained why the country cannot shoot down everything, and "
        "how the military decides what to protect first.",
        paragraphs=(
            "{guest} told {host} that firing an expensive interceptor missile at a cheap attack "
            "drone is a trade the enemy is happy to make, and that planners try to keep such "
            "missiles for cruise and ballistic missiles.",
            "Cheaper layers now do most of the work against drones, he said: mobile fire groups "
            "with machine guns and searchlights, anti-aircraft guns supplied by partners and, more "
            "and more often, interceptor drones.",
            "{surname} said priorities follow a simple order: power plants and substations first, "
            "then water and heating systems, then transport hubs and defence factories, with "
            "whole cities covered where the systems allow it.",
        ),
        quotes=(
            "You cannot defend everything everywhere. You defend what keeps the country running.",
            "A mobile fire group with a pickup and a machine gun has saved more windows than any "
            "system in the headlines.",
            "The enemy wants us to spend a million to stop a thousand. Our job is to refuse that "
            "bargain.",
            "When the sky over a city is quiet, it is because somebody stayed awake all night.",
        ),
        exchanges=(
            Exchange(
                "Why do some drones still get through?",
                "{surname} said attackers now route drones around known positions, fly them low "
                "along rivers and send them in waves meant to exhaust the gunners. No defence "
                "stops every one, he said; the aim is to make each success rare and costly.",
            ),
            Exchange(
                "Do partners send enough systems?",
                "He said deliveries have improved but arrive in batches tied to political "
                "decisions abroad, which makes planning hard. Long-term contracts with "
                "manufacturers, he argued, would matter more than any single package.",
            ),
        ),
        tags=("air defence", "drones", "missiles"),
        caption="Searchlights over a city during an air raid alert.",
    ),
    StoryBrief(
        kind="interview",
        section="economy",
        theme=Theme.ECONOMY,
        person="halyna-sytnyk",
        programme="evening-dialogue",
        headlines=(
            "Halyna Sytnyk: Next year's budget is written in two currencies",
            "The army is paid in hryvnias, the deficit in euros, an economist explains",
        ),
        lead="{guest}, {credentials}, told {programme} how the government plans to pay for defence "
        "next year, and why foreign support is still what holds the budget together.",
        paragraphs=(
            "{guest} said almost every hryvnia of tax collected at home now goes to the army, "
            "while pensions, teachers' salaries and hospitals are paid largely from partners' "
            "grants and loans.",
            "The draft budget assumes that this support will continue at about today's level. "
            "{surname} called that a reasonable assumption for the first half of the year and a "
            "hope for the second.",
            "She pointed to three sources at home that the government is counting on: higher "
            "excise duties, better collection of customs payments and continued sales of war "
            "bonds to banks and households.",
        ),
        quotes=(
            "Our taxes pay for the war. Our partners pay for the state that fights it.",
            "A budget is a plan, and in wartime a plan is a list of things you hope will not go "
            "wrong.",
            "Raising taxes in a war is painful. Failing to collect the ones we have is worse.",
            "Every month of predictable support is worth more than a large cheque that arrives "
            "late.",
        ),
        exchanges=(
            Exchange(
                "Will taxes go up?",
                "{surname} said some already have and more are likely, but she expected the "
                "government to leave the main rate of income tax alone. Changes to excise duties "
                "and to the taxation of large companies are more probable, she said.",
            ),
            Exchange(
                "What is the biggest risk in the plan?",
                "She named the timing of foreign money rather than the amount. A payment that "
                "slips by a quarter forces the finance ministry to borrow at short notice at "
                "home, which pushes up interest rates for everyone.",
            ),
            Exchange(
                "Can the state borrow more at home?",
                "{surname} said banks still have room to buy government bonds, but that the room "
                "is limited and that pushing further would squeeze out loans to businesses trying "
                "to rebuild.",
            ),
        ),
        tags=("budget", "taxes", "international aid"),
        caption="Banknotes and a ledger on a desk at the finance ministry.",
    ),
    StoryBrief(
        kind="interview",
        section="economy",
        theme=Theme.ECONOMY,
        person="halyna-sytnyk",
        programme="evening-dialogue",
        headlines=(
            "Economist Sytnyk: The central bank is buying time, not cutting for growth",
            "Why the central bank keeps its rate high while prices slow down",
        ),
        lead="Economist {guest} told {host} on {programme} what the central bank's latest "
        "decision says about inflation, the hryvnia and the months ahead.",
        paragraphs=(
            "{guest} said the central bank left its key rate unchanged because inflation, though "
            "slowing, is still above the level it considers safe, and because food and energy "
            "prices can jump again after any large strike on infrastructure.",
            "The bank is also watching the exchange rate, she said, which it now lets move within "
            "a managed range instead of fixing it, backed by reserves built up from partners' "
            "funding.",
            "According to {surname}, the decision signals that cuts will come slowly, and only if "
            "price growth keeps easing through the winter.",
        ),
        quotes=(
            "A high rate is not a punishment. It is what keeps savings in hryvnias instead of in "
            "dollars under the mattress.",
            "The central bank is not fighting today's inflation. It is fighting next spring's.",
            "Stable prices are a kind of social protection that costs the budget nothing.",
            "The reserves are a buffer, not a treasure chest to be spent defending a number.",
        ),
        exchanges=(
            Exchange(
                "When will mortgages and business loans get cheaper?",
                "{surname} said borrowers should not expect much relief before the second half of "
                "next year. State programmes that subsidise interest for small businesses and "
                "young families will remain the main source of cheap credit, she said.",
            ),
            Exchange(
                "Is the hryvnia at risk?",
                "She said the currency is well protected for now by reserves and by steady "
                "inflows from partners, and that the greater risk is an interruption in that "
                "support rather than pressure from the market.",
            ),
        ),
        tags=("central bank", "inflation", "hryvnia"),
        caption="A currency exchange board in a city centre.",
    ),
    StoryBrief(
        kind="interview",
        section="economy",
        theme=Theme.ECONOMY,
        person="halyna-sytnyk",
        programme="evening-dialogue",
        headlines=(
            "Every ship that leaves port is a tax payment, says economist",
            "Halyna Sytnyk on the sea route: insurance is now the hardest cargo",
        ),
        lead="{guest} told {programme} how the sea route for grain and metal has reshaped the "
        "trade balance, and what keeps shipowners coming back despite the risk.",
        paragraphs=(
            "{guest} said exports through the southern ports have recovered to levels that once "
            "seemed out of reach, with grain, oilseeds and iron ore making up most of the cargo.",
            "The route depends on naval protection close to the coast and on war-risk insurance "
            "backed in part by the state and by partners. {surname} said premiums have fallen "
            "steadily as the number of safe voyages has grown.",
            "Port revenue feeds the budget through the taxes exporters pay, she said, and the "
            "countryside through farmers who can finally sell at prices close to world levels.",
        ),
        quotes=(
            "A farmer in the south does not need a subsidy. He needs a ship.",
            "Insurance is built on statistics, and every safe voyage improves them.",
            "The sea route turned grain from a problem in a warehouse into foreign currency.",
            "Logistics is not a boring word in this war. It is the difference between a harvest "
            "and a loss.",
        ),
        exchanges=(
            Exchange(
                "What happens to the route after a strike on a port?",
                "{surname} said the pattern so far has been a pause of a few days, a rise in "
                "premiums and then a return to normal traffic. Repeated strikes in a short "
                "period, she said, would be harder for insurers to absorb.",
            ),
            Exchange(
                "Are the rail and river routes still needed?",
                "She said they are. The sea carries the bulk, but the Danube ports and the rail "
                "crossings to the west give the economy a second route that keeps working when "
                "the coast is under attack.",
            ),
        ),
        tags=("exports", "ports", "agriculture"),
        caption="A bulk carrier leaving a southern port.",
    ),
    StoryBrief(
        kind="interview",
        section="economy",
        theme=Theme.ENERGY,
        person="bohdan-tkach",
        programme="evening-dialogue",
        headlines=(
            "Bohdan Tkach: The grid will get through winter if households help at the peak",
            "Former grid executive on outages: the hardest hours are from six to ten in the "
            "evening",
        ),
        lead="{guest}, {credentials}, told {host} on {programme} what has been repaired since the "
        "last wave of strikes and where the system is still thin.",
        paragraphs=(
            "{guest} said repair crews have restored most of the high-voltage substations damaged "
            "this year, but that several large power plants will not return to full capacity "
            "before spring.",
            "The weakest point of the system, he explained, is the evening peak, when people come "
            "home, cook and switch on heaters just as solar panels stop producing.",
            "{surname} said imports from neighbouring countries and new gas engines at district "
            "heating plants give operators more room than a year ago, but not enough to shrug off "
            "a large attack.",
        ),
        quotes=(
            "The grid is a promise between millions of people not to switch on the kettle at the "
            "same moment.",
            "Every substation we rebuild is harder to hit than the one it replaced.",
            "The evening peak is where the winter is won or lost.",
            "A schedule that people understand is half of energy security.",
        ),
        exchanges=(
            Exchange(
                "Should people buy generators?",
                "{surname} said small businesses and households with medical needs should have a "
                "backup, but that for most families the most useful things are a charged power "
                "bank, a battery lamp and the habit of checking the outage schedule.",
            ),
            Exchange(
                "Are the outage schedules fair?",
                "He said operators rotate cuts so that no district bears them alone, but that "
                "hospitals, water pumping stations and other critical sites must stay connected, "
                "so some neighbourhoods inevitably wait longer.",
            ),
            Exchange(
                "What would make the biggest difference this winter?",
                "{surname} named air defence for the largest plants first and speed of repair "
                "second. Every day saved in replacing a transformer, he said, is a day without "
                "rolling cuts for a whole region.",
            ),
        ),
        tags=("energy", "power outages", "infrastructure"),
        caption="High-voltage lines at dusk.",
    ),
    StoryBrief(
        kind="interview",
        section="war",
        theme=Theme.ENERGY,
        person="bohdan-tkach",
        programme="frontline-briefing",
        headlines=(
            "Small power plants are harder to hit, says former grid executive",
            "Bohdan Tkach: Spread out the generation and the missiles lose their targets",
        ),
        lead="Energy expert {guest} told {programme} why the country is replacing a few large "
        "power stations with hundreds of small ones, and what that means for attacks on the grid.",
        paragraphs=(
            "{guest} said large thermal plants built decades ago are easy to find and hard to "
            "defend, and that a successful strike on one can take a large share of a region's "
            "supply offline for months.",
            "Small gas engines, rooftop solar panels with batteries and combined heat and power "
            "units at hospitals and water utilities are far less attractive targets, he said: "
            "destroying one costs the attacker a missile and removes only a sliver of capacity.",
            "{surname} estimated that the small generation installed since the start of the "
            "full-scale war could already cover the needs of several large cities, although much "
            "of it runs only when the main grid fails.",
        ),
        quotes=(
            "A missile that costs millions should not be able to switch off a city.",
            "We are building a grid that is boring to attack.",
            "Decentralisation is not a slogan in the energy sector. It is air defence by other "
            "means.",
            "Hospitals that make their own power have stopped counting the hours of each outage.",
        ),
        exchanges=(
            Exchange(
                "Who pays for all these small plants?",
                "{surname} said the money comes from partners' grants, cheap loans for businesses "
                "and municipal budgets. Rules that let small producers sell their surplus to the "
                "grid, he said, have attracted more investment than any subsidy.",
            ),
            Exchange(
                "Does this help towns near the front?",
                "He said front-line towns were among the first to receive mobile generating units, "
                "because their links to the main grid are cut most often, and that keeping water "
                "and heating running there helps decide whether residents stay.",
            ),
        ),
        tags=("energy", "infrastructure", "air defence"),
        caption="Solar panels on the roof of a regional hospital.",
    ),
    StoryBrief(
        kind="interview",
        section="world",
        theme=Theme.WORLD,
        person="tomas-reinholt",
        programme="evening-dialogue",
        headlines=(
            "Tomas Reinholt: Allied fatigue is told more often than it is true",
            "Support abroad is tired but not running out, says former ambassador",
        ),
        lead="{guest}, {credentials}, told {host} on {programme} how to read the debates in "
        "partners' parliaments, and where the real risks to support lie.",
        paragraphs=(
            "{guest} said headlines about fatigue usually describe arguments over how to pay for "
            "aid rather than whether to provide it, and that the votes themselves have kept "
            "passing, if more slowly than before.",
            "He pointed to the long-term security agreements signed with a number of countries as "
            "a change that is easy to overlook: they commit governments to years of training, "
            "equipment and financing rather than to one package at a time.",
            "{surname} said the greatest risk is not a sudden halt but a gradual slide in which "
            "each delivery arrives a few months later than the last, giving the enemy time to "
            "adapt.",
        ),
        quotes=(
            "Parliaments argue loudly and then vote. Judge them by the vote.",
            "Fatigue is a story, but budgets are facts, and the budgets keep coming.",
            "The danger is not that friends leave. It is that they arrive late.",
            "A ten-year agreement is worth more than ten announcements.",
        ),
        exchanges=(
            Exchange(
                "What should the government do to keep that support?",
                "{surname} said officials are most persuasive when they show results and "
                "accounts: where the weapons went, what they achieved and how the aid money was "
                "spent. An audit, he said, is a diplomatic tool.",
            ),
            Exchange(
                "Do elections abroad worry you?",
                "He said every election brings uncertainty, but that support has so far outlived "
                "several changes of government among partners because it rests on a wider view "
                "of European security rather than on any single leader.",
            ),
            Exchange(
                "Is there a scenario in which support collapses?",
                "{surname} said he could imagine one only if the war came to be seen abroad as "
                "hopeless, and that this perception is shaped as much by reporting from the front "
                "as by diplomacy.",
            ),
        ),
        tags=("international aid", "diplomacy", "allies"),
        caption="Flags outside a conference hall before a meeting of partners.",
    ),
    StoryBrief(
        kind="interview",
        section="politics",
        theme=Theme.WORLD,
        person="tomas-reinholt",
        programme="evening-dialogue",
        headlines=(
            "Reinholt: EU accession is a marathon, and the first lap is the easiest",
            "Opening the talks was politics. Closing the chapters is paperwork, says diplomat",
        ),
        lead="Former diplomat {guest} told {programme} what the next stage of the accession talks "
        "will demand of ministries, courts and parliament.",
        paragraphs=(
            "{guest} said the formal opening of negotiations was a political decision taken by "
            "leaders, but that the chapters that follow are technical and are checked line by line "
            "by officials in Brussels and in every member state.",
            "He singled out the rule of law, public procurement and competition as the areas "
            "where progress will be watched most closely, and where laws on paper will count for "
            "less than decisions in court.",
            "According to {surname}, the country has an unusual advantage: its ministries already "
            "work with European partners every day on aid, reconstruction and sanctions, so many "
            "officials know the system before the talks begin.",
        ),
        quotes=(
            "Leaders open the door. Civil servants walk through it, one chapter at a time.",
            "Brussels does not read speeches. It reads court decisions.",
            "Membership is not the prize at the end. The reforms are the prize.",
            "Every chapter closed is a law that protects people long after the talks are "
            "forgotten.",
        ),
        exchanges=(
            Exchange(
                "How long can the talks take?",
                "{surname} said no candidate in recent decades has finished negotiations quickly "
                "and that a realistic timetable is measured in years. A clear plan for each "
                "chapter, he said, would make it shorter than the pessimists expect.",
            ),
            Exchange(
                "Could one member state block the process?",
                "He said every capital has a veto at several stages and some will use it to "
                "bargain over unrelated matters. Patient diplomacy between capitals, rather than "
                "public pressure, has usually been the way through, he said.",
            ),
        ),
        tags=("European Union", "reforms", "diplomacy"),
        caption="European flags outside an office building.",
    ),
    StoryBrief(
        kind="interview",
        section="world",
        theme=Theme.LAW,
        person="oleksandra-pyvovar",
        programme="evening-dialogue",
        headlines=(
            "Oleksandra Pyvovar: The law already lets frozen assets pay for repairs",
            "Frozen assets can rebuild homes without breaking international law, lawyer says",
        ),
        lead="{guest}, {credentials}, told {host} on {programme} how reparations can be "
        "collected while the war goes on, and why courts move more slowly than politicians.",
        paragraphs=(
            "{guest} said central bank reserves frozen by partner governments are protected by "
            "state immunity, but that the income they earn and their use as security for loans "
            "stand on firmer legal ground.",
            "She described the register of damage set up with international support as the "
            "foundation of any future compensation. Every claim filed now, with photographs, "
            "documents and witness statements, becomes evidence later.",
            "{surname} said a full compensation mechanism would need a treaty among partners, and "
            "that the drafting is further ahead than public statements suggest.",
        ),
        quotes=(
            "Immunity protects a state's property. It does not protect a state from its "
            "obligations.",
            "Every claim filed today is a brick in a house that will be rebuilt tomorrow.",
            "International law moves slowly, but it does not forget.",
            "The aggressor will pay. The only question is whether it pays with interest.",
        ),
        exchanges=(
            Exchange(
                "Should families file claims now?",
                "{surname} urged everyone whose home or business was destroyed to file through "
                "the official portal as soon as possible, even with few documents. A claim can be "
                "added to later, she said, but memories and evidence fade.",
            ),
            Exchange(
                "Why are partners cautious about confiscation?",
                "She said finance ministries worry about the signal to other countries that keep "
                "reserves abroad. In her view the legal case is strong enough, and the hesitation "
                "is about markets rather than law.",
            ),
        ),
        tags=("reparations", "international law", "sanctions"),
        caption="Legal papers and a gavel on a judge's bench.",
    ),
    StoryBrief(
        kind="interview",
        section="world",
        theme=Theme.LAW,
        person="oleksandra-pyvovar",
        programme="evening-dialogue",
        headlines=(
            "A special tribunal is closer than it looks, says international lawyer",
            "Oleksandra Pyvovar: Aggression is the crime from which all the others follow",
        ),
        lead="International lawyer {guest} told {programme} why a separate court for the crime of "
        "aggression matters, and what prosecutors at home are already doing.",
        paragraphs=(
            "{guest} explained that the existing international criminal court can try war crimes "
            "and crimes against humanity, but that its rules make it very hard to prosecute a "
            "state's leaders for the decision to start a war.",
            "A special tribunal, set up by agreement with a regional organisation and backed by "
            "partner states, would close that gap. {surname} said its statute has been drafted "
            "and that the remaining debates concern money and the seat of the court.",
            "In the meantime, she said, prosecutors have opened tens of thousands of war crimes "
            "cases, and some have already ended in verdicts, many of them delivered in absentia.",
        ),
        quotes=(
            "Without the aggression there would be no shelled hospitals. The first crime deserves "
            "the first court.",
            "Justice in absentia is not empty. It fixes the record and waits.",
            "The tribunal's most important work will be done by investigators long before anyone "
            "sits in the dock.",
        ),
        exchanges=(
            Exchange(
                "Will anyone actually stand trial?",
                "{surname} said history suggests that people accused of the gravest crimes often "
                "end up in court years after they seemed untouchable, once circumstances change. "
                "The task now, she said, is to have the evidence ready when that happens.",
            ),
            Exchange(
                "What can ordinary people do?",
                "She urged witnesses to write down what they saw, with dates and places, and to "
                "contact prosecutors or accredited human rights groups, which can pass testimony "
                "on in a form courts accept.",
            ),
        ),
        tags=("war crimes", "international law", "justice"),
        caption="The facade of a court building.",
    ),
    StoryBrief(
        kind="interview",
        section="politics",
        theme=Theme.POLITICS,
        person="nadiia-orlyk",
        programme="evening-dialogue",
        headlines=(
            "Nadiia Orlyk: The elections will come after the war, but the campaign has begun",
            "No vote, plenty of campaigning: a political scientist on wartime politics",
        ),
        lead="{guest}, {credentials}, told {host} on {programme} why elections cannot be held "
        "under martial law, and how the parties are already preparing for the day they can.",
        paragraphs=(
            "{guest} reminded viewers that the constitution and electoral law rule out national "
            "elections while martial law is in force, and that a fair vote would be impossible "
            "with millions of people abroad or displaced and soldiers at the front.",
            "Parties nevertheless behave as if a campaign were under way, she said: new faces are "
            "promoted, volunteer leaders and commanders are courted and old parties are quietly "
            "changing their names.",
            "{surname} said her centre's surveys show trust in the army and in volunteers far "
            "above trust in any party, so whoever attracts people from those two worlds will "
            "start the next campaign with an advantage.",
        ),
        quotes=(
            "There is no election, but there is a campaign. It is just quieter.",
            "A vote held in shelters and trenches would not be free, and everyone knows it.",
            "The next parliament will be full of people who today do not think of themselves as "
            "politicians.",
        ),
        exchanges=(
            Exchange(
                "How would soldiers vote after the war?",
                "{surname} said the electoral commission would need months to build a system for "
                "service members, displaced people and voters abroad, and that preparations "
                "should start long before a date is set, with the opposition involved.",
            ),
            Exchange(
                "Does the lack of elections weaken the authorities' legitimacy?",
                "She said no serious constitutional lawyer in the country disputes that the "
                "current authorities remain legitimate under martial law, and that the question "
                "is raised mostly abroad and in enemy propaganda.",
            ),
        ),
        tags=("elections", "parliament", "martial law"),
        caption="A ballot box in an empty polling station.",
    ),
    StoryBrief(
        kind="interview",
        section="politics",
        theme=Theme.POLITICS,
        person="nadiia-orlyk",
        programme="evening-dialogue",
        headlines=(
            "Political scientist Orlyk: Anti-corruption reform is now a condition of survival",
            "Corruption cases do not weaken the state. Hiding them would, says Orlyk",
        ),
        lead="{guest} told {programme} why high-profile corruption cases show that the "
        "institutions work, and what parliament still has to fix.",
        paragraphs=(
            "{guest} said the arrests of officials suspected of taking kickbacks on military "
            "purchases had been painful for the government but had reassured partners that the "
            "independent anti-corruption bodies are doing their job.",
            "She listed the reforms still waiting: a new way of selecting judges, stronger "
            "protection for whistleblowers and public access to officials' asset declarations "
            "without wartime exceptions.",
            "{surname} said public tolerance of corruption has fallen sharply since the start of "
            "the full-scale war, because people now see a direct link between stolen money and "
            "equipment missing at the front.",
        ),
        quotes=(
            "Every kickback is paid for in shells that never arrive.",
            "An arrest is not a scandal for the state. A cover-up would be.",
            "Partners give money to institutions they trust. Independence is our collateral.",
            "People now count stolen money in drones and helmets, and that has changed everything.",
        ),
        exchanges=(
            Exchange(
                "Do the checks slow down purchases for the army?",
                "{surname} acknowledged that stricter checks add time, but said that digital "
                "tenders and open price data have made many purchases both faster and cleaner. "
                "The slowest purchase, she said, is the one that has to be redone after a "
                "scandal.",
            ),
            Exchange(
                "Which reform should come first?",
                "She named the selection of judges. Investigators and prosecutors can build "
                "cases, she said, but without trusted courts those cases end in delays and "
                "appeals rather than verdicts.",
            ),
        ),
        tags=("corruption", "reforms", "courts"),
        caption="Case files stacked on an investigator's desk.",
    ),
)

ANALYSES: tuple[StoryBrief, ...] = (
    StoryBrief(
        kind="analysis",
        section="war",
        theme=Theme.WAR,
        person="marko-danyliuk",
        headlines=(
            "Why brigades now recruit their own soldiers",
            "Brigade recruiting: how the army learned to advertise",
        ),
        lead="Dozens of brigades now run their own recruiting offices and advertising. We looked "
        "at why the model took hold and what it has changed.",
        paragraphs=(
            "Walk through the centre of any large city and you will see them: posters with the "
            "emblem of a particular brigade, a phone number and a promise of where, and with whom, "
            "a recruit will serve. A few years ago such adverts barely existed.",
            "The shift came when commanders found that volunteers were far more willing to sign "
            "up if they could choose their unit and talk to people already serving in it. "
            "Brigades began hiring recruiters, filming their own videos and holding open days at "
            "their training grounds.",
            "{guest}, {credentials}, said the model works because it answers the fear that keeps "
            "many people from enlisting: being sent somewhere unknown, to a unit they know nothing "
            "about.",
        ),
        quotes=(
            "A recruit who chose the brigade stays longer and fights better. That is the whole "
            "secret.",
            "The best recruiter is a soldier on leave talking to his neighbours.",
            "Brigades compete for people now, and the competition has made them better employers.",
        ),
        tags=("army", "mobilisation", "recruitment"),
        caption="A brigade's recruiting poster at a tram stop.",
    ),
    StoryBrief(
        kind="analysis",
        section="economy",
        theme=Theme.ECONOMY,
        person="halyna-sytnyk",
        headlines=(
            "Rebuilding while fighting: who pays for the first houses",
            "Reconstruction before peace: where the money for repairs comes from",
        ),
        lead="Towns freed from occupation and cities hit by missiles are already rebuilding. We "
        "followed the money from donors to the building sites.",
        paragraphs=(
            "In towns near the front, the first stage of reconstruction looks modest: new windows "
            "in apartment blocks, patched roofs, repaired boiler houses. It is also the stage that "
            "decides whether residents stay for the winter.",
            "Most of the money comes from three places: the state fund for the consequences of "
            "the war, local budgets and partner programmes run through international banks. "
            "Families whose homes were destroyed can also apply for a housing voucher.",
            "{guest}, {credentials}, called the voucher scheme one of the quiet successes of the "
            "war, but warned that its funding depends on partner money approved one year at a "
            "time.",
        ),
        quotes=(
            "A voucher does not rebuild a house. It rebuilds a family's plans.",
            "Reconstruction that waits for peace will start in empty towns.",
            "Transparency is the condition donors set, and it is also what residents deserve.",
        ),
        tags=("reconstruction", "housing", "international aid"),
        caption="Scaffolding on a damaged apartment block.",
    ),
    StoryBrief(
        kind="analysis",
        section="world",
        theme=Theme.WORLD,
        person="tomas-reinholt",
        headlines=(
            "How sanctioned goods still find a way: the routes through third countries",
            "The sanctions leak: how components reach the enemy's factories",
        ),
        lead="Western electronics still turn up in the missiles that hit our cities. We traced how "
        "the parts travel, and what governments are doing to stop them.",
        paragraphs=(
            "When investigators examine the wreckage of a cruise missile or an attack drone, they "
            "often find microchips, navigation modules and connectors made by companies in "
            "countries that impose sanctions. The parts did not travel there directly.",
            "The usual route runs through intermediaries in third countries: trading companies "
            "set up for a few months and then closed, and shipments broken into small lots that "
            "attract little attention at customs.",
            "{guest}, {credentials}, said the next stage of sanctions policy will be less about "
            "new lists and more about enforcement: penalties for exporters who fail to check their "
            "customers, and pressure on the transit countries themselves.",
        ),
        quotes=(
            "A sanction without enforcement is a recommendation.",
            "Every chip in a missile has a paper trail. The work is to follow it before the launch "
            "rather than after.",
            "Manufacturers know their distributors. They can be asked to know their distributors' "
            "customers too.",
        ),
        tags=("sanctions", "defence industry", "diplomacy"),
        caption="Circuit boards laid out on a laboratory bench.",
    ),
    StoryBrief(
        kind="analysis",
        section="economy",
        theme=Theme.ENERGY,
        person="bohdan-tkach",
        headlines=(
            "Batteries, turbines and patience: what the grid has learned from the strikes",
            "Three lessons from the war on the power grid",
        ),
        lead="After repeated attacks on power stations, the energy system looks very different "
        "from the one that entered the war. We asked engineers what has changed.",
        paragraphs=(
            "The first lesson was about spare parts. Large transformers cannot be bought off the "
            "shelf, and the operators that had stockpiled them, or found partners willing to send "
            "theirs, restored power days faster than the rest.",
            "The second was about protection. Concrete and gabion shelters around key equipment, "
            "once dismissed as too expensive, have saved substations from the fragments of drones "
            "and missiles shot down nearby.",
            "{guest}, {credentials}, said the third lesson, decentralisation, is the slowest and "
            "the most important: with many small sources of power, no single strike can darken a "
            "region.",
        ),
        quotes=(
            "The cheapest transformer is the one that was never hit.",
            "We learned that a grid is not just wires. It is warehouses, crews and trust.",
            "The system that survives is the one that can lose a piece without noticing.",
        ),
        tags=("energy", "infrastructure", "power outages"),
        caption="A transformer inside a protective concrete shelter.",
    ),
    StoryBrief(
        kind="analysis",
        section="politics",
        theme=Theme.POLITICS,
        person="nadiia-orlyk",
        headlines=(
            "The vote count: why the ruling faction needs its rivals more often",
            "A majority on paper: how difficult laws get through parliament",
        ),
        lead="The ruling faction still has a formal majority, but the hardest votes now depend on "
        "support from other groups. We counted how that works.",
        paragraphs=(
            "On paper, the ruling faction can pass any ordinary law on its own. In practice, "
            "absences, resignations and members who vote with their conscience mean that on "
            "difficult bills it often falls short of the 226 votes needed.",
            "The missing votes come from smaller groups and sometimes from the opposition, which "
            "has learned to trade its support for amendments. Several recent laws on defence "
            "purchases and taxes passed only after such bargaining.",
            "{guest}, {credentials}, said this is not a crisis but a return to ordinary "
            "parliamentary life after the unusual unity of the first months of the full-scale "
            "war.",
        ),
        quotes=(
            "A majority that has to negotiate writes better laws than one that does not.",
            "The opposition has discovered that its votes are worth more than its speeches.",
            "Unity in wartime does not mean unanimity in parliament.",
        ),
        tags=("parliament", "laws", "opposition"),
        caption="Voting results on the screen in the parliament chamber.",
    ),
    StoryBrief(
        kind="analysis",
        section="war",
        theme=Theme.WAR,
        person="marko-danyliuk",
        headlines=(
            "The fleet that stepped back: what changed at sea",
            "How naval drones pushed warships away from the coast",
        ),
        lead="A country with almost no navy has forced a large fleet away from its coast. We look "
        "at how it happened and what it means for the ports.",
        paragraphs=(
            "At the start of the full-scale war, enemy warships patrolled within sight of the "
            "coast and blockaded the ports. Today most of them have withdrawn to harbours far to "
            "the east, and merchant ships sail along the western shore.",
            "The change came from a combination of coastal missiles, naval drones packed with "
            "explosives and intelligence that let them find ships at anchor. Each successful "
            "strike made the remaining crews more cautious.",
            "{guest}, {credentials}, said navies around the world have studied the lesson: large "
            "ships are now vulnerable to weapons that cost a tiny fraction of their price.",
        ),
        quotes=(
            "A boat that costs as much as a car has chased away ships that cost as much as a town.",
            "Controlling the sea does not mean owning it. It means denying it to someone else.",
            "The ports are open because the enemy's fleet is somewhere else.",
        ),
        tags=("navy", "drones", "ports"),
        caption="A naval drone at speed off the coast.",
    ),
    StoryBrief(
        kind="analysis",
        section="world",
        theme=Theme.LAW,
        person="oleksandra-pyvovar",
        headlines=(
            "The arithmetic of prisoner exchanges",
            "Why every prisoner exchange takes months to arrange",
        ),
        lead="Each exchange of prisoners of war is announced in a few lines, but behind it are "
        "months of lists, mediators and waiting families. We look at how the process works.",
        paragraphs=(
            "An exchange begins with lists. Each side draws up the names of the people it wants "
            "back, and mediators from third countries pass them between the parties, which rarely "
            "talk to each other directly.",
            "The coordination headquarters for prisoners of war then checks identities, tries to "
            "establish the condition of each person and keeps in touch with families, who often "
            "learn that a relative is alive only from an enemy video.",
            "{guest}, {credentials}, said international humanitarian law requires prisoners to be "
            "released at the end of hostilities, but that exchanges during a war depend entirely "
            "on negotiation and leverage.",
        ),
        quotes=(
            "The law says prisoners must be treated humanely. It does not say when they come home.",
            "Every name on a list is a family that has not slept properly for months.",
            "Mediators work best when nobody hears about them.",
        ),
        tags=("prisoners of war", "international law", "humanitarian aid"),
        caption="A bus crossing a checkpoint at night.",
    ),
)

COLUMNS: tuple[StoryBrief, ...] = (
    StoryBrief(
        kind="opinion",
        section="opinion",
        theme=Theme.POLITICS,
        person="nadiia-orlyk",
        headlines=(
            "Reform fatigue is a luxury we cannot afford",
            "We are tired of reforms. We should be more tired of what they replace",
        ),
        lead="The country is asked to fight a war and rebuild its institutions at the same time. "
        "It is exhausting, writes Nadiia Orlyk, and it is the only way.",
        paragraphs=(
            "I hear it in every focus group my centre runs: people are tired. Tired of air raid "
            "alerts, of outages, of bad news from the front and, yes, tired of being told that "
            "the state must also be reformed while it fights for its life.",
            "I understand the feeling, but I think it rests on a mistake. Reforms are not an "
            "extra burden placed on a country at war. They are how a country at war stops wasting "
            "what it has.",
            "Take procurement. When purchases for the army moved to open digital systems, prices "
            "for food and basic kit fell, and the scandals that followed were uncovered precisely "
            "because the data was public. That is not bureaucracy. That is ammunition saved.",
            "Or take the courts. A business deciding whether to invest in a half-destroyed town "
            "wants to know that a contract will be enforced. No amount of foreign aid can stand "
            "in for that confidence.",
            "So yes, we are tired. But the alternative to reform is not rest. It is a slower, "
            "poorer and more vulnerable state, and our enemy is counting on exactly that.",
        ),
        quotes=(
            "Reforms are not an extra burden on a country at war. They are how it stops wasting "
            "what it has.",
            "The alternative to reform is not rest. It is a weaker state.",
            "Open data is ammunition saved.",
        ),
        tags=("reforms", "corruption", "society"),
        caption="Commuters on a city street in the morning.",
    ),
    StoryBrief(
        kind="opinion",
        section="opinion",
        theme=Theme.LAW,
        person="oleksandra-pyvovar",
        headlines=(
            "Every testimony we record now is evidence for later",
            "Write it down: why memory is a legal duty in wartime",
        ),
        lead="Courts may take years to hear these cases. What we write down today decides whether "
        "they can, argues Oleksandra Pyvovar.",
        paragraphs=(
            "In my work I meet people who have survived things most judges will only ever read "
            "about. Many of them tell me the same two things: they do not want to talk about it, "
            "and they are afraid nobody will believe them later.",
            "Both feelings are understandable. But a court in five or ten years will need exactly "
            "what they remember now: the date, the place, the uniforms, the words that were said. "
            "Memory fades; a statement recorded with care does not.",
            "We have built a remarkable system for this. Prosecutors, human rights groups and "
            "volunteer lawyers collect testimony across the country, with investigators from "
            "abroad working beside them. Yet the system depends on people being willing to speak.",
            "I would ask everyone who has witnessed a crime to do one small thing: write it down, "
            "with the date, and keep it somewhere safe. When you are ready, take it to "
            "investigators. It may be the piece that completes someone else's case.",
            "Justice in wartime often looks like paperwork. It is slow and unglamorous. But it is "
            "how we make sure that what happened cannot be argued away.",
        ),
        quotes=(
            "Memory fades; a statement recorded with care does not.",
            "Justice in wartime often looks like paperwork.",
            "Your account may be the piece that completes someone else's case.",
        ),
        tags=("war crimes", "justice", "society"),
        caption="A notebook and a pen on a kitchen table.",
    ),
    StoryBrief(
        kind="opinion",
        section="opinion",
        theme=Theme.ENERGY,
        person="bohdan-tkach",
        headlines=(
            "Switch off the kettle at six: the citizen's part in the energy war",
            "The grid needs you between six and ten",
        ),
        lead="Air defence protects the power stations. Households can protect the evening peak, "
        "argues Bohdan Tkach.",
        paragraphs=(
            "I spent most of my working life in control rooms, watching a single number: how much "
            "power the country is using at any moment. In wartime that number has become a front "
            "line of its own.",
            "When the evening peak rises above what damaged power plants can supply, operators "
            "have two choices: import more, if the lines from our neighbours allow it, or switch "
            "districts off in turn. Every household that waits until after ten to run the washing "
            "machine pushes that moment further away.",
            "This is not about shaming anyone for wanting a warm home. It is about timing. The "
            "same energy used at midnight instead of at seven in the evening costs the system "
            "almost nothing.",
            "Businesses can do even more. Shopping centres that dim their lights, factories that "
            "move a shift, offices that start their own generators at the peak: together they add "
            "up to the output of a medium-sized power station.",
            "We cannot all shoot down drones. But we can all look at the clock before we switch on "
            "the kettle. In this war, that is not a small thing.",
        ),
        quotes=(
            "Every household that waits until after ten pushes the next outage further away.",
            "We cannot all shoot down drones. But we can all look at the clock.",
            "In wartime, the evening peak has become a front line of its own.",
        ),
        tags=("energy", "power outages", "society"),
        caption="Apartment windows lit up at dusk.",
    ),
    StoryBrief(
        kind="opinion",
        section="opinion",
        theme=Theme.WORLD,
        person="tomas-reinholt",
        headlines=(
            "A letter to allied capitals: patience is also a weapon",
            "Our partners should stop waiting for the perfect moment",
        ),
        lead="Every delay in support is paid for at the front, writes former diplomat Tomas "
        "Reinholt, and the cost of hesitation is rarely counted.",
        paragraphs=(
            "I spent many years in rooms where decisions about other people's wars were taken. I "
            "know how those rooms work: the careful wording, the fear of escalation, the wish to "
            "wait for one more report before deciding.",
            "Caution has its place. But in this war hesitation has a price, and it is paid by "
            "people who never sit in those rooms. Systems approved after long debate have often "
            "arrived months after they were first requested, and the other side used those months.",
            "Patience, properly understood, is not the same as delay. It means committing for the "
            "long term, so that factories can plan, armies can train and the enemy understands "
            "that waiting will not change the outcome.",
            "That is why agreements lasting many years matter more than any single package. They "
            "turn support from a series of political events into a routine, and routines are hard "
            "to disrupt.",
            "My message to the capitals I once worked in is simple: decide once, for years, and "
            "then let the engineers and logisticians do the rest. That is the kind of patience "
            "that wins wars.",
        ),
        quotes=(
            "Patience is not the same as delay.",
            "Hesitation has a price, and it is paid by people who never sit in those rooms.",
            "Decide once, for years, and let the logisticians do the rest.",
        ),
        tags=("allies", "international aid", "diplomacy"),
        caption="An empty negotiating table.",
    ),
)
