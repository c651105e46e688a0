"""Sample transcripts, written for these tests: invented people talking about invented towns."""

# WebVTT: voices from <v> tags; sentences cut across cues, formatting tags, a sound note, a long
# pause in the guest's answer (00:00:31 to 00:00:36) and two voices in one cue.
WEBVTT_INTERVIEW = """WEBVTT
Kind: captions

NOTE Evening Studio, the bridge at Verkhnie

1
00:00:01.000 --> 00:00:04.000
<v Oksana Host>Good evening. Tonight we talk about the

2
00:00:04.000 --> 00:00:07.500
<v Oksana Host>bridge at Verkhnie. Why did the works stop?

3
00:00:08.000 --> 00:00:11.000
<v Taras Guest>The design was sound. The money ran out

4
00:00:11.000 --> 00:00:14.000
<v Taras Guest>in the second year, and <i>nobody</i> told

5
00:00:14.000 --> 00:00:17.000
<v Taras Guest>the engineers until the cranes left. [sighs]

6
00:00:17.000 --> 00:00:20.000
<v Taras Guest>We waited for a decision that never came.

7
00:00:20.000 --> 00:00:24.000
<v Taras Guest>The river does not wait for budgets.

8
00:00:36.000 --> 00:00:40.000
<v Taras Guest>By the end of next year the new crossing
will carry the trams again, I am certain of it.

9
00:00:40.000 --> 00:00:43.000
<v Oksana Host>Who pays for it?</v>
<v Taras Guest>The region does.
"""

# SRT: labels in the ">> NAME:" style, continuation cues without one, and roll-up captions
# that repeat the last line of the cue before.
SRT_INTERVIEW = """1
00:00:01,000 --> 00:00:03,000
>> OKSANA HOST: Welcome back to
Evening Studio.

2
00:00:03,000 --> 00:00:05,000
Evening Studio.
Where does the money go?

3
00:00:05,500 --> 00:00:08,000
>> TARAS GUEST: Mostly into the
foundations of the towers,

4
00:00:08,000 --> 00:00:10,000
foundations of the towers,
which nobody will ever see.

5
00:00:10,000 --> 00:00:12,000
which nobody will ever see.
That is how bridges are.
"""

# Plain text: "Name Surname:" labels, continuation lines, blank lines (a new paragraph).
PLAIN_INTERVIEW = """Oksana Host: Our guest has counted the wells of the valley.
How many are left?

Taras Guest: Fewer than half of them.
Most were dug by the collective farms and never repaired.

Every village I visited had one dry well at its centre.
Oksana Host: What should the district do?
Taras Guest: Pay the diggers before it pays the consultants.
"""

# A long answer with no pauses: paragraphs of at most four sentences, near-equal in size.
LONG_ANSWER = "Oksana Host: Tell us about the harbour.\nTaras Guest: " + " ".join(
    f"Sentence number {n} is about the harbour." for n in range(1, 10)
)

BAD_TIMESTAMP_VTT = """WEBVTT

00:00:01.000 --> 00:00:03.000
<v Oksana Host>Hello.

00:00:03.000 --> 00:00:0x.500
<v Taras Guest>Good evening.
"""

CUE_WITHOUT_TEXT_SRT = """1
00:00:01,000 --> 00:00:03,000
OKSANA HOST: Hello.

2
00:00:03,000 --> 00:00:05,000

3
00:00:05,000 --> 00:00:07,000
TARAS GUEST: Good evening.
"""

NO_SPEAKERS_PLAIN = """

The works stopped in the second year.
Nobody told the engineers.
"""

UNLABELLED_START_VTT = """WEBVTT

00:00:01.000 --> 00:00:03.000
Music plays over the titles.

00:00:03.000 --> 00:00:05.000
<v Oksana Host>Good evening.
"""

# Two guests answering in turn: each answer must be credited to its own speaker.
TWO_GUESTS = """Oksana Host: Two of you tonight. Will the ferry run next summer?
Taras Guest: The ferry will run again by the end of next year, I am certain.
Mariia Second: The ferry will never carry a single lorry across that river.
Oksana Host: Thank you both.
"""
