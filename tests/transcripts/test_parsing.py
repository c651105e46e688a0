"""Reading transcripts: each format, its speakers, fragments joined into sentences and paragraphs,
roll-up captions, and errors that name their line."""

from __future__ import annotations

import pytest

from masthead.transcripts.parsing import (
    Format,
    TranscriptError,
    decode,
    read_transcript,
    split_sentences,
)
from tests.transcripts import samples


def _said(transcript) -> list[tuple[str, list[list[str]]]]:
    return [(turn.speaker, [list(p) for p in turn.paragraphs]) for turn in transcript.turns]


def test_webvtt_voices_fragments_tags_and_pauses():
    transcript = read_transcript(samples.WEBVTT_INTERVIEW, "studio.vtt")
    assert transcript.format is Format.WEBVTT
    assert transcript.speakers == ["Oksana Host", "Taras Guest"]
    assert _said(transcript) == [
        (
            "Oksana Host",
            [
                [
                    "Good evening.",
                    "Tonight we talk about the bridge at Verkhnie.",
                    "Why did the works stop?",
                ]
            ],
        ),
        (
            "Taras Guest",
            [
                # The sentence cut across three cues is one; the 12-second pause after the
                # fourth sentence starts a paragraph.
                [
                    "The design was sound.",
                    "The money ran out in the second year, and nobody told the engineers until "
                    "the cranes left.",
                    "We waited for a decision that never came.",
                    "The river does not wait for budgets.",
                ],
                [
                    "By the end of next year the new crossing will carry the trams again, I am "
                    "certain of it."
                ],
            ],
        ),
        ("Oksana Host", [["Who pays for it?"]]),
        ("Taras Guest", [["The region does."]]),
    ]
    # Each turn knows the line its words start on.
    assert [turn.first_line for turn in transcript.turns] == [8, 16, 41, 42]


def test_srt_labels_and_rolling_captions():
    transcript = read_transcript(samples.SRT_INTERVIEW)
    assert transcript.format is Format.SRT
    assert transcript.speakers == ["OKSANA HOST", "TARAS GUEST"]
    assert [turn.text for turn in transcript.turns] == [
        "Welcome back to Evening Studio. Where does the money go?",
        "Mostly into the foundations of the towers, which nobody will ever see. "
        "That is how bridges are.",
    ]
    assert [turn.first_line for turn in transcript.turns] == [3, 13]


def test_plain_text_labels_continuations_and_blank_lines():
    transcript = read_transcript(samples.PLAIN_INTERVIEW, "wells.txt")
    assert transcript.format is Format.PLAIN
    assert transcript.speakers == ["Oksana Host", "Taras Guest"]
    assert _said(transcript) == [
        (
            "Oksana Host",
            [["Our guest has counted the wells of the valley.", "How many are left?"]],
        ),
        (
            "Taras Guest",
            [
                [
                    "Fewer than half of them.",
                    "Most were dug by the collective farms and never repaired.",
                ],
                ["Every village I visited had one dry well at its centre."],
            ],
        ),
        ("Oksana Host", [["What should the district do?"]]),
        ("Taras Guest", [["Pay the diggers before it pays the consultants."]]),
    ]
    assert [turn.first_line for turn in transcript.turns] == [1, 4, 8, 9]


@pytest.mark.parametrize(
    ("label", "speaker"),
    [
        ("OKSANA: Hello there.", "OKSANA"),
        ("Oksana Host: Hello there.", "Oksana Host"),
        (">> OKSANA HOST: Hello there.", "OKSANA HOST"),
        ("- Dr. Oksana Host: Hello there.", "Dr. Oksana Host"),
        ("[00:01:02] Oksana Host: Hello there.", "Oksana Host"),
    ],
)
def test_speaker_label_styles(label, speaker):
    transcript = read_transcript(label + "\nTaras Guest: Hi.\n")
    assert [(t.speaker, t.text) for t in transcript.turns] == [
        (speaker, "Hello there."),
        ("Taras Guest", "Hi."),
    ]


def test_one_speaker_in_two_spellings_is_one_speaker():
    transcript = read_transcript("Oksana Host: One.\nTARAS: Two.\nOKSANA HOST: Three.\n")
    assert transcript.speakers == ["Oksana Host", "TARAS"]
    assert [t.speaker for t in transcript.turns] == ["Oksana Host", "TARAS", "Oksana Host"]


def test_a_long_answer_is_cut_into_even_paragraphs():
    (_, answer) = read_transcript(samples.LONG_ANSWER).turns
    assert [len(paragraph) for paragraph in answer.paragraphs] == [3, 3, 3]


def test_sentences_are_not_cut_after_abbreviations():
    assert split_sentences("Dr. Petrenko came at 5 p.m. on Monday. Then he left.") == [
        "Dr. Petrenko came at 5 p.m. on Monday.",
        "Then he left.",
    ]


@pytest.mark.parametrize(
    ("text", "filename", "line", "words"),
    [
        ("", None, 1, "empty"),
        ("   \n\n", "a.txt", 1, "empty"),
        (samples.BAD_TIMESTAMP_VTT, "a.vtt", 6, "“00:00:0x.500” is not a timestamp"),
        (samples.CUE_WITHOUT_TEXT_SRT, None, 6, "no text"),
        (samples.NO_SPEAKERS_PLAIN, None, 3, "no speaker is named anywhere"),
        (samples.UNLABELLED_START_VTT, None, 4, "no speaker is named before this text"),
        ("Oksana Host: hi\x00there", None, 1, "not text"),
        ("Kind: captions\n\n00:00:01.000 --> 00:00:02.000\n<v A>Hi\n", "a.vtt", 1, "WEBVTT"),
        (
            "1\n00:00:01,000 --> 00:00:02,000\nA: Hi.\n\n2\n00:00:03,000 -> 00:00:04,000\nB: X\n",
            None,
            6,
            "is not a subtitle's timings",
        ),
        ("WEBVTT\n\n00:00:05.000 --> 00:00:02.000\n<v A>Hi\n", None, 3, "ends"),
        ("WEBVTT\n00:00:01.000 --> 00:00:02.000\n<v A>Hi\n", None, 2, "blank line"),
        (">> OKSANA: Hi.\n", "a.srt", 1, "expected a subtitle's number"),
    ],
)
def test_unreadable_transcripts_name_their_line(text, filename, line, words):
    with pytest.raises(TranscriptError) as raised:
        read_transcript(text, filename)
    assert raised.value.line == line
    assert str(raised.value).startswith(f"Line {line}: ")
    assert words in raised.value.message


def test_undecodable_bytes_name_their_line():
    with pytest.raises(TranscriptError) as raised:
        decode(b"Oksana Host: Hello.\nTaras Guest: \xff\xfe\x00 broken\n")
    assert raised.value.line == 2
    assert decode("Oksana Host: Добрий вечір.\n".encode()) == "Oksana Host: Добрий вечір.\n"
    assert decode("\ufeffA: b\n".encode()) == "A: b\n"
