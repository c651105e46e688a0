"""The demo newsroom's published standards: one page for each of the Trust Project's indicators,
written for the invented broadcaster. Everything here, the organisation included, is invented."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class PolicyBrief:
    indicator: str  # the field of TrustPolicies the page answers
    slug: str
    title: str
    intro: str
    paragraphs: tuple[str, ...]


POLICIES: tuple[PolicyBrief, ...] = (
    PolicyBrief(
        "publishing_principles",
        "standards",
        "Editorial standards",
        "What we publish, and what every story on this site has to get right before it goes out.",
        (
            "Vartova TV. Global is the English-language newsroom of Vartova TV. We report the war, "
            "the country and its partners for readers who follow them from abroad.",
            "A story is published when an editor other than its author has read it, checked "
            "that every claim rests on a source we can name to that editor, and agreed that the "
            "headline says no more than the text does.",
            "We keep news, analysis and opinion apart, and every article says which of them it is "
            "above its headline.",
        ),
    ),
    PolicyBrief(
        "corrections_policy",
        "corrections-policy",  # /corrections/ itself lists every correction made
        "Corrections policy",
        "When we get something wrong, we say so on the story itself.",
        (
            "A factual error is corrected as soon as we confirm it. The story then carries a note "
            "at its end saying what was wrong and when it was put right; we do not quietly edit "
            "the text.",
            "Small slips that change no meaning, such as a misspelt name of a street, are fixed "
            "without a note. A headline that was wrong is always noted. Every correction we "
            "have made is also listed, newest first, on our corrections page.",
            "To report an error, write to the news desk through the feedback page; the duty "
            "editor answers within a working day.",
        ),
    ),
    PolicyBrief(
        "ethics_policy",
        "ethics",
        "Ethics",
        "What our journalists will and will not do to get a story.",
        (
            "Our reporters say who they work for. They do not pay sources, accept gifts from the "
            "people they cover, or hold shares in companies on their beat.",
            "We do not show the faces of prisoners of war, the dead or children without a reason "
            "that serves the reader, and we never publish what could reveal the position of "
            "troops or civilians under fire.",
            "A journalist who stands for office or works for a party leaves the newsroom first.",
        ),
    ),
    PolicyBrief(
        "masthead_page",
        "about",
        "Who we are",
        "The people who run the newsroom and answer for what it publishes.",
        (
            "The news desk is led by Solomiia Hrytsenko, news editor, who decides what is "
            "published overnight and at weekends. Denys Marchuk covers politics and Alla Voronets "
            "the economy.",
            "Yaryna Bilous hosts Evening Dialogue and Ostap Levchenko Frontline Briefing; the "
            "interviews on this site come from their programmes.",
            "Every journalist has a page of their own, linked from their byline, with what they "
            "have written.",
        ),
    ),
    PolicyBrief(
        "ownership_funding",
        "ownership-and-funding",
        "Ownership and funding",
        "Who owns Vartova TV, and where the money for this newsroom comes from.",
        (
            "Vartova TV belongs to the Vartova Media Foundation, a non-profit whose board is "
            "elected by its members for four years. No political party or single business holds "
            "a stake in it.",
            "The English-language newsroom is paid for by advertising on the channel and by "
            "grants for independent media, which are listed with their amounts in the "
            "foundation's yearly report. No funder sees a story before it is published.",
        ),
    ),
    PolicyBrief(
        "actionable_feedback_policy",
        "feedback",
        "Tell us",
        "How to reach the newsroom with a correction, a complaint or a story.",
        (
            "Write to the news desk at desk@vartova.example. A person reads every message; the "
            "duty editor answers corrections within a working day and other messages within a "
            "week.",
            "A complaint about a story that the desk cannot settle goes to the standards editor, "
            "who answers in writing and may publish the exchange.",
        ),
    ),
    PolicyBrief(
        "diversity_policy",
        "diversity",
        "Diversity",
        "Whose voices the newsroom brings to its readers, and how we keep count.",
        (
            "The country we cover is larger than its capital. We ask our correspondents to "
            "report from the regions, the front-line towns and the places people have fled to, "
            "and to speak with those who live there.",
            "Each quarter we count the guests on our programmes by gender, region and expertise "
            "and publish the figures, so that readers can hold us to them.",
        ),
    ),
    PolicyBrief(
        "verification_policy",
        "verification",
        "How we verify",
        "How a claim, a video or a number is checked before we report it.",
        (
            "Official statements are reported as statements, with who made them. A claim from "
            "one side of the war is checked against another source before it is reported as "
            "fact, and the story says when it could not be.",
            "Pictures and videos from social networks are checked for where and when they were "
            "made before we use them; one we could not verify is not published.",
            "Numbers are traced to the document they come from, and the story names it.",
        ),
    ),
    PolicyBrief(
        "unnamed_sources_policy",
        "unnamed-sources",
        "Unnamed sources",
        "When we let a source speak without their name, and what we tell readers then.",
        (
            "We name our sources. We leave a name out only when giving it would put someone in "
            "danger or cost them their job, and when what they say matters to readers and cannot "
            "be had on the record.",
            "The editor knows who the source is. The story says why the name is withheld and "
            "what position the source is in to know.",
        ),
    ),
    PolicyBrief(
        "no_bylines_policy",
        "bylines",
        "Stories without a byline",
        "Why some of our news items carry no author's name.",
        (
            "Short news items written by the duty team from agency reports, official statements "
            "and our correspondents' notes appear under the name of the newsroom, not of one "
            "journalist.",
            "They are edited to the same standards as every other story, and the duty editor "
            "answers for them. Interviews, analyses and opinion columns are always signed.",
        ),
    ),
)
