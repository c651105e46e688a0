"""A broadcast's transcript read into turns: who spoke, what they said, in sentences and
paragraphs.

Three formats are read: WebVTT subtitles (speakers from voice tags ``<v Name>``), SRT subtitles and
plain text (speakers from a leading label, ``NAME:``, ``Name Surname:`` or ``>> NAME:``). The
subtitle parsers are webvtt-py and srt; each cue is handed to them on its own, so that anything
they refuse is reported with the line it is on. Subtitles cut speech into fragments wherever the
screen is full: the fragments of one speaker are joined back into sentences, text repeated by
roll-up captions is dropped, and the sentences are grouped into paragraphs of a few each, broken
early where the speaker paused.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from enum import StrEnum

import srt
import webvtt
from webvtt.errors import MalformedCaptionError, MalformedFileError

from masthead.forecasts import detection


class Format(StrEnum):
    WEBVTT = "webvtt"
    SRT = "srt"
    PLAIN = "plain"


class TranscriptError(ValueError):
    """A transcript that cannot be read, with the line (counted from 1) where reading stopped."""

    def __init__(self, message: str, line: int):
        super().__init__(message, line)
        self.message = message
        self.line = line

    def __str__(self) -> str:
        return f"Line {self.line}: {self.message}"


@dataclass(frozen=True)
class Turn:
    """What one speaker said before another spoke: ``paragraphs`` hold its sentences."""

    speaker: str
    text: str
    first_line: int
    paragraphs: tuple[tuple[str, ...], ...] = field(default=(), compare=False)

    @property
    def sentences(self) -> list[str]:
        return [sentence for paragraph in self.paragraphs for sentence in paragraph]


@dataclass(frozen=True)
class Transcript:
    format: Format
    turns: list[Turn]
    # In the order they first speak.
    speakers: list[str]

    def first_line_of(self, speaker: str) -> int:
        return next(turn.first_line for turn in self.turns if turn.speaker == speaker)


# Sentences a paragraph holds at most; a pause this long between cues starts a new paragraph.
PARAGRAPH_SENTENCES = 4
PAUSE_SECONDS = 3.0
# Roll-up captions repeat the end of the last cue at the start of the next: at least this many
# words, or the whole of the last cue, repeated is taken for a repeat rather than for speech.
ROLLING_MIN_WORDS = 3
ROLLING_WINDOW_WORDS = 40

_NAME_WORD = r"[^\W\d_][\w'’.\-]*"  # noqa: RUF001 (an apostrophe)
# "OKSANA:", "Oksana Host:", "Dr. Oksana Host:", ">> OKSANA:", "- Oksana:" at the start of a line.
# Up to four words, each capitalised: "However, the point:" is not a speaker.
_LABEL = re.compile(
    rf"^\s*(?:>>+|-|–|—)?\s*(?P<name>(?=[^\W\d_])(?:{_NAME_WORD})(?:\s+{_NAME_WORD}){{0,3}})"  # noqa: RUF001
    r"\s*:\s+(?P<text>.*)$"
)
_CHANGE_MARK = re.compile(r"^\s*>>+\s*")  # a change of speaker without a name
_VOICE = re.compile(r"<v(?:\.[\w-]+)*\s+([^>]+?)\s*>", re.IGNORECASE)
_TAG = re.compile(r"</?[a-zA-Z][^>]*>|<\d[\d:.]*>")  # cue tags and karaoke timestamps
_ENTITIES = {"&amp;": "&", "&lt;": "<", "&gt;": ">", "&nbsp;": " ", "&lrm;": "", "&rlm;": ""}
# Sound and music notes of subtitles: "[applause]", "(laughs)", "♪ … ♪".
_NOTE = re.compile(r"\[[^\]]*\]|\((?:[^()]*)\)|♪[^♪]*♪?")
_PLAIN_TIME = re.compile(r"^\s*[\[(]?\d{1,2}:\d{2}(?::\d{2})?(?:[.,]\d+)?[\])]?\s+")
_SRT_TIMING = re.compile(r"^\s*\d+:\d{1,2}:\d{1,2}[,.]\d+\s*-->")
_SRT_TIMING_LINE = re.compile(r"^\s*(?P<start>\S+)\s*-->\s*(?P<end>\S+)(?P<rest>.*)$")
_WORD = re.compile(r"[\w']+")
# Where a sentence ends: after . ! ? … (and a closing quote or bracket), before a capital, digit
# or opening quote.
_CLOSING = "\"'”’)]"  # noqa: RUF001 (closing quotes)


def decode(data: bytes) -> str:
    """The text of an uploaded file: UTF-8 (with or without its byte-order mark) or UTF-16 with
    one. Anything else, or a binary file, is an error naming the line of the first bad byte."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as error:
            raise TranscriptError(
                "this is not readable text (UTF-16 with a broken character).",
                data[: error.start].decode("utf-16", "replace").count("\n") + 1,
            ) from None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise TranscriptError(
            "this is not text in UTF-8: save the transcript as UTF-8 text and upload it again.",
            data[: error.start].count(b"\n") + 1,
        ) from None
    return text


def read_transcript(text: str, filename: str | None = None) -> Transcript:
    """Read ``text`` (its format from its first line, or the file's name when it has one)."""
    text = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    lines = text.split("\n")
    for number, line in enumerate(lines, 1):
        if "\x00" in line or any(ord(c) < 32 and c not in "\t\f\v" for c in line):
            raise TranscriptError(
                "this is not text (a binary file?): upload subtitles or a text file.", number
            )
    if not text.strip():
        raise TranscriptError("the transcript is empty.", 1)
    kind = detect_format(lines, filename)
    if kind is Format.WEBVTT:
        spoken = list(_merge_cues(_webvtt_cues(lines)))
    elif kind is Format.SRT:
        spoken = list(_merge_cues(_srt_cues(lines)))
    else:
        spoken = list(_plain_turns(lines))
    if not spoken:
        raise TranscriptError("nothing is said in the transcript.", _first_text_line(lines))
    # One speaker may be labelled "OKSANA HOST" here and "Oksana Host" there: the first stands.
    names: dict[str, str] = {}
    for draft in spoken:
        draft.speaker = names.setdefault(_key(draft.speaker), draft.speaker)
    turns = [_turn(draft) for draft in spoken]
    speakers = list(names.values())
    return Transcript(kind, turns, speakers)


def detect_format(lines: list[str], filename: str | None = None) -> Format:
    first = _first_text_line(lines)
    head = lines[first - 1].strip()
    suffix = (filename or "").lower().rsplit(".", 1)[-1] if filename and "." in filename else ""
    if head.startswith("WEBVTT"):
        return Format.WEBVTT
    if suffix == "vtt":
        raise TranscriptError("a WebVTT file starts with the line “WEBVTT”.", first)
    following = [line for line in lines[first : first + 3] if line.strip()]
    looks_srt = head.isdigit() and bool(following) and _SRT_TIMING.match(following[0])
    if looks_srt or _SRT_TIMING.match(head) or suffix == "srt":
        return Format.SRT
    return Format.PLAIN


def _first_text_line(lines: list[str]) -> int:
    return next((n for n, line in enumerate(lines, 1) if line.strip()), 1)


# ---------------------------------------------------------------------------------------------
# Cues: a fragment of speech, with its time and maybe its speaker


@dataclass
class _Cue:
    line: int  # of the cue's text (or timing, when it has none)
    start: float | None
    end: float | None
    speaker: str | None
    text: str
    last_line: str = ""  # the cue's last line on screen, which roll-up captions repeat


def _blocks(lines: list[str]) -> Iterator[tuple[int, list[str]]]:
    """Blocks of lines between blank lines, each with the number of its first line."""
    block: list[str] = []
    start = 0
    for number, line in enumerate(lines, 1):
        if line.strip():
            if not block:
                start = number
            block.append(line)
        elif block:
            yield start, block
            block = []
    if block:
        yield start, block


def _webvtt_cues(lines: list[str]) -> Iterator[_Cue]:
    blocks = list(_blocks(lines))
    header_start, header = blocks[0]
    for offset, line in enumerate(header):
        if "-->" in line:
            raise TranscriptError(
                "leave a blank line between the “WEBVTT” header and the first cue.",
                header_start + offset,
            )
    for start, block in blocks[1:]:  # the first is the header
        # A timing line inside a block starts a cue of its own (a blank line was left out).
        pieces: list[tuple[int, list[str]]] = []
        for offset, line in enumerate(block):
            starts_cue = "-->" in line and (
                not pieces or len(pieces[-1][1]) > 1 or "-->" in pieces[-1][1][0]
            )
            if not pieces or starts_cue:
                pieces.append((start + offset, [line]))
            else:
                pieces[-1][1].append(line)
        for first, piece in pieces:
            yield from _webvtt_cue(first, piece)


def _webvtt_cue(first: int, block: list[str]) -> Iterator[_Cue]:
    if block[0].startswith(("NOTE", "STYLE", "REGION")) and not any(
        "-->" in line for line in block[1:2]
    ):
        return
    timing = next((i for i, line in enumerate(block[:2]) if "-->" in line), None)
    if timing is None:
        raise TranscriptError(
            "expected cue timings such as “00:01:02.500 --> 00:01:05.000”, found "
            f"“{_shown(block[0])}”.",
            first,
        )
    line = first + timing
    _check_times(block[timing], line, ".")
    try:
        parsed = webvtt.from_string("WEBVTT\n\n" + "\n".join(block) + "\n", strict=True)
    except (MalformedCaptionError, MalformedFileError) as error:
        raise TranscriptError(f"these cue timings cannot be read ({error}).", line) from None
    if len(parsed.captions) != 1:
        raise TranscriptError("this cue cannot be read.", line)
    caption = parsed.captions[0]
    raw = caption.raw_text
    if not _clean(raw):
        raise TranscriptError("this cue has timings but no text.", line)
    start = caption.start_time.in_milliseconds() / 1000
    end = caption.end_time.in_milliseconds() / 1000
    # A cue may hold several voices, each a span "<v Name>…" of its own.
    voices = list(_VOICE.finditer(raw))
    if not voices:
        yield _labelled(line + 1, start, end, raw)
        return
    if raw[: voices[0].start()].strip():
        yield _labelled(line + 1, start, end, raw[: voices[0].start()])
    for index, voice in enumerate(voices):
        stop = voices[index + 1].start() if index + 1 < len(voices) else len(raw)
        text_line = line + 1 + raw[: voice.start()].count("\n")
        said = raw[voice.end() : stop]
        speaker = _name(voice.group(1))
        yield _Cue(text_line, start, end, speaker, _clean(said), last_line=_last_line(said))


def _srt_cues(lines: list[str]) -> Iterator[_Cue]:
    for first, block in _blocks(lines):
        timing = next((i for i, line in enumerate(block[:2]) if "-->" in line), None)
        if timing is None and len(block) > 1 and block[0].strip().isdigit():
            raise TranscriptError(
                f"“{_shown(block[1])}” is not a subtitle's timings, such as "
                "“00:01:02,500 --> 00:01:05,000”.",
                first + 1,
            )
        if timing is None:
            raise TranscriptError(
                "expected a subtitle's number and its timings such as "
                f"“00:01:02,500 --> 00:01:05,000”, found “{_shown(block[0])}”.",
                first,
            )
        line = first + timing
        if timing == 1 and not block[0].strip().isdigit():
            raise TranscriptError(
                f"a subtitle's number was expected, found “{_shown(block[0])}”.", first
            )
        _check_times(block[timing], line, ",")
        if len(block) == timing + 1:
            raise TranscriptError("this subtitle has timings but no text.", line)
        if timing == 0:  # srt wants the number, which we do not use
            block = ["0", *block]
        try:
            (subtitle,) = srt.parse("\n".join(block) + "\n\n")
        except (srt.SRTParseError, srt.TimestampParseError, ValueError):
            raise TranscriptError("this subtitle cannot be read.", line) from None
        if not _clean(subtitle.content):
            raise TranscriptError("this subtitle has timings but no text.", line)
        yield _labelled(
            line + 1,
            subtitle.start.total_seconds(),
            subtitle.end.total_seconds(),
            subtitle.content,
        )


def _check_times(line_text: str, line: int, separator: str) -> None:
    """Each timestamp of a timing line, checked here so that the error can say which is wrong."""
    match = _SRT_TIMING_LINE.match(line_text)
    if not match:
        raise TranscriptError(f"these cue timings cannot be read: “{_shown(line_text)}”.", line)
    values = []
    for value in (match.group("start"), match.group("end")):
        seconds = _seconds(value)
        if seconds is None:
            example = f"00:01:02{separator}500"
            raise TranscriptError(
                f"“{_shown(value)}” is not a timestamp (hours:minutes:seconds{separator}"
                f"milliseconds, e.g. {example}).",
                line,
            )
        values.append(seconds)
    if values[1] < values[0]:
        raise TranscriptError(
            f"the cue ends (“{match.group('end')}”) before it starts (“{match.group('start')}”).",
            line,
        )


_TIMESTAMP = re.compile(r"^(?:(\d+):)?(\d{1,2}):(\d{1,2})[.,](\d{1,3})$")


def _seconds(value: str) -> float | None:
    match = _TIMESTAMP.match(value)
    if not match:
        return None
    hours, minutes, seconds, fraction = match.groups()
    if int(minutes) > 59 or int(seconds) > 59:
        return None
    whole = int(hours or 0) * 3600 + int(minutes) * 60 + int(seconds)
    return whole + int(fraction.ljust(3, "0")) / 1000


def _labelled(line: int, start: float | None, end: float | None, raw: str) -> _Cue:
    """A cue whose speaker, if any, is named by a label at its start."""
    text = _clean(raw)
    last = _last_line(raw)
    label = _LABEL.match(text)
    if label:
        said = label.group("text").strip()
        return _Cue(line, start, end, _name(label.group("name")), said, last_line=last)
    # ">>" alone marks a change of speaker without naming one: the words stay with the last
    # speaker named, for the editor to move.
    return _Cue(line, start, end, None, _CHANGE_MARK.sub("", text), last_line=last)


def _last_line(raw: str) -> str:
    """The last line of a cue of several lines, as roll-up captions repeat it in the next."""
    lines = [_clean(line) for line in raw.split("\n") if _clean(line)]
    return lines[-1] if len(lines) > 1 else ""


def _clean(raw: str) -> str:
    """Cue text without tags, entities, sound notes or line breaks."""
    text = _TAG.sub("", raw)
    for entity, value in _ENTITIES.items():
        text = text.replace(entity, value)
    text = _NOTE.sub(" ", text)
    return " ".join(text.split())


def _name(raw: str) -> str:
    return " ".join(raw.split()).strip(" .:")


def _shown(text: str) -> str:
    text = text.strip()
    return text if len(text) <= 60 else text[:57] + "…"


# ---------------------------------------------------------------------------------------------
# Turns


@dataclass
class _Draft:
    speaker: str
    first_line: int
    # The fragments in order: (text, whether a pause or a new paragraph comes before it).
    fragments: list[tuple[str, bool]] = field(default_factory=list)
    last_end: float | None = None
    last_words: list[str] = field(default_factory=list)


def _merge_cues(cues: Iterator[_Cue]) -> Iterator[_Draft]:
    cues = list(cues)
    if cues and not any(cue.speaker for cue in cues):
        raise TranscriptError(
            "no speaker is named anywhere in the transcript: mark who speaks with voice tags "
            "such as “<v Oksana Host>” or labels such as “OKSANA HOST:”.",
            cues[0].line,
        )
    current: _Draft | None = None
    for cue in cues:
        if not cue.text:
            continue
        if cue.speaker is None and current is None:
            raise TranscriptError(
                "no speaker is named before this text: begin the first cue with a voice tag "
                "such as “<v Oksana Host>” or a label such as “OKSANA HOST:”.",
                cue.line,
            )
        speaker = cue.speaker or current.speaker
        if current is None or _key(speaker) != _key(current.speaker):
            if current is not None:
                yield current
            current = _Draft(speaker, cue.line)
            text, pause = cue.text, False
        else:
            text = _without_repeat(current, cue.text)
            pause = (
                cue.start is not None
                and current.last_end is not None
                and cue.start - current.last_end >= PAUSE_SECONDS
            )
        if text:
            current.fragments.append((text, pause))
        current.last_end = cue.end
        current.last_words = _words(cue.last_line or cue.text)
    if current is not None:
        yield current


def _without_repeat(draft: _Draft, text: str) -> str:
    """``text`` without what it repeats of the speaker's last words (roll-up captions)."""
    new = text.split()
    new_words = [_norm(word) for word in new]
    tail: list[str] = []
    for fragment, _ in reversed(draft.fragments):  # only the last words, however long the turn
        tail[:0] = [_norm(word) for word in fragment.split()]
        if len(tail) >= ROLLING_WINDOW_WORDS:
            break
    tail = tail[-ROLLING_WINDOW_WORDS:]
    last = draft.last_words
    for size in range(min(len(tail), len(new_words)), 0, -1):
        if tail[-size:] == new_words[:size] and (size >= ROLLING_MIN_WORDS or size == len(last)):
            return " ".join(new[size:])
    return text


def _plain_turns(lines: list[str]) -> Iterator[_Draft]:
    if not any(_LABEL.match(_PLAIN_TIME.sub("", line)) for line in lines):
        raise TranscriptError(
            "no speaker is named anywhere in the transcript: begin each turn with the "
            "speaker's name and a colon, such as “Oksana Host: …”.",
            _first_text_line(lines),
        )
    current: _Draft | None = None
    blank_before = False
    for number, line in enumerate(lines, 1):
        if not line.strip():
            blank_before = True
            continue
        text = _PLAIN_TIME.sub("", line)
        label = _LABEL.match(text)
        if label:
            speaker, said = _name(label.group("name")), _clean(label.group("text"))
            if current is not None and _key(speaker) == _key(current.speaker):
                if said:
                    current.fragments.append((said, True))
            else:
                if current is not None:
                    yield current
                current = _Draft(speaker, number)
                if said:
                    current.fragments.append((said, False))
        else:
            said = _clean(text)
            if current is None:
                raise TranscriptError(
                    "no speaker is named before this text: begin each turn with the "
                    "speaker's name and a colon, such as “Oksana Host: …”.",
                    number,
                )
            if said:
                current.fragments.append((said, blank_before and bool(current.fragments)))
        blank_before = False
    if current is not None:
        yield current


def _turn(draft: _Draft) -> Turn:
    if not draft.fragments:
        raise TranscriptError(f"{draft.speaker} is named but says nothing.", draft.first_line)
    # Sentences, each marked when a pause came before its first words.
    sentences: list[tuple[str, bool]] = []
    pending = ""
    pending_pause = False
    for fragment, pause in draft.fragments:
        if pause and pending and _is_sentence_end(pending):
            sentences.append((pending, pending_pause))
            pending, pending_pause = "", True
        elif pause and not pending:
            pending_pause = True
        pending = f"{pending} {fragment}".strip()
        pieces = split_sentences(pending)
        for piece in pieces[:-1]:
            sentences.append((piece, pending_pause))
            pending_pause = False
        pending = pieces[-1] if pieces else ""
    if pending:
        sentences.append((pending, pending_pause))
    paragraphs = _paragraphs(sentences)
    text = " ".join(sentence for sentence, _ in sentences)
    return Turn(draft.speaker, text, draft.first_line, paragraphs)


def _paragraphs(sentences: list[tuple[str, bool]]) -> tuple[tuple[str, ...], ...]:
    """Runs of sentences between pauses, each cut into paragraphs of near-equal size."""
    runs: list[list[str]] = []
    for sentence, pause in sentences:
        if pause or not runs:
            runs.append([])
        runs[-1].append(sentence)
    paragraphs: list[tuple[str, ...]] = []
    for run in runs:
        count = math.ceil(len(run) / PARAGRAPH_SENTENCES)
        size = math.ceil(len(run) / count)
        paragraphs.extend(tuple(run[i : i + size]) for i in range(0, len(run), size))
    return tuple(paragraphs)


def split_sentences(text: str) -> list[str]:
    """``text`` cut into sentences, the way the forecast detector reads them (abbreviations,
    initials and decimals are not ends): one splitter for the newsroom's text."""
    return detection.sentences(text)


def _is_sentence_end(text: str) -> bool:
    return text.rstrip(_CLOSING + " ").endswith((".", "!", "?", "…"))


def _key(name: str) -> str:
    return name.casefold()


def _norm(word: str) -> str:
    return "".join(_WORD.findall(word.casefold()))


def _words(text: str) -> list[str]:
    return [_norm(word) for word in text.split()]
