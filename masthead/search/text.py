"""How words are made comparable for search, the same way for what is indexed and for what a
reader types, whichever backend holds the index.

- ``fold``: lower case, accents and other marks removed, the unicode compatibility forms made
  plain; anything that is not a letter or a digit separates words.
- ``index_text``: the folded text, then, after it, the extra forms of its words that a reader may
  type instead: each word's stem ("forecasts" → "forecast") and the Latin spelling of a Cyrillic
  word. The text itself stays in order, so phrases still match; the extra forms follow it.
- ``query_terms``: a reader's words in the form the index holds for every variant of them.
- ``skeleton``: a rough sound of a name, the same for "Zelensky" and "Zelenskyy", "Kyiv" and
  "Kiev", or "Oleksandr" and "Aleksandr": what autocomplete and spelling correction compare.

SQLite's FTS5 tokenizer has no stemmer and PostgreSQL's ``simple`` configuration none either, so
the stems are added here; the PostgreSQL backend is configured with ``simple`` so that both
databases match the same words (``masthead/settings/base.py``).
"""

from __future__ import annotations

import functools
import re
import unicodedata

import snowballstemmer

# Ukraine's national transliteration (2010), which also spells Russian well enough for search;
# both languages' letters are here.
_CYRILLIC = {
    "а": "a", "б": "b", "в": "v", "г": "h", "ґ": "g", "д": "d", "е": "e", "є": "ie",
    "ж": "zh", "з": "z", "и": "y", "і": "i", "ї": "i", "й": "i", "к": "k", "л": "l",
    "м": "m", "н": "n", "о": "o", "п": "p", "р": "r", "с": "s", "т": "t", "у": "u",
    "ф": "f", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh", "щ": "shch", "ь": "", "ю": "iu",
    "я": "ia", "ы": "y", "э": "e", "ё": "io", "ъ": "", "'": "", "\u2019": "",
}  # fmt: skip
_CYRILLIC_TABLE = str.maketrans(_CYRILLIC)
_IS_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
_WORDS = re.compile(r"\w+", re.UNICODE)
# Words too common to help find anything, left out of the extra forms (they stay in the text).
_ENGLISH_STOP = frozenset({
    "a", "an", "and", "are", "as", "at", "be", "by", "for", "from", "has", "have", "he", "her",
    "his", "i", "in", "is", "it", "its", "of", "on", "or", "she", "that", "the", "their",
    "them", "they", "this", "to", "was", "we", "were", "will", "with", "you",
})  # fmt: skip
# Snowball's algorithm by an edition's language code; a language without one gets no stems.
_STEMMERS = {
    "en": "english", "ru": "russian", "de": "german", "fr": "french", "es": "spanish",
    "it": "italian", "pt": "portuguese", "nl": "dutch", "pl": None, "uk": None,
}  # fmt: skip


def fold(text: str) -> str:
    """Lower case, without accents or marks, words separated by single spaces."""
    # Cyrillic letters stay whole: short i and yi are letters of their own, not i with a mark.
    plain = "".join(ch if _IS_CYRILLIC.match(ch) else _unmarked(ch) for ch in text.casefold())
    return " ".join(_WORDS.findall(plain.replace("_", " ")))


@functools.lru_cache(maxsize=4096)
def _unmarked(ch: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", ch) if not unicodedata.combining(c))


def words(text: str) -> list[str]:
    return fold(text).split()


def transliterate(word: str) -> str:
    """The Latin spelling of a Cyrillic word (any other word as it is)."""
    return word.translate(_CYRILLIC_TABLE)


# American -ize spellings as British -ise (ours), for index and query alike: Snowball stems
# "mobilization" as "mobil", the stem of "mobile", but "mobilisation" as "mobilis".
_IZE = re.compile(r"iz(e|es|ed|ing|ation|ations|er|ers)$")


@functools.cache
def _stemmer(language: str):
    algorithm = _STEMMERS.get(language.split("-")[0].lower())
    return snowballstemmer.stemmer(algorithm) if algorithm else None


@functools.lru_cache(maxsize=65536)
def stem(word: str, language: str = "en") -> str:
    """The stem of one folded word, or the word where its language has no stemmer. Kept for
    the process: snippets ask again for every word of every result."""
    if _IS_CYRILLIC.search(word):
        return transliterate(word)  # the Latin spelling; a stem of it would be a guess
    stemmer = _stemmer(language)
    if stemmer is None or word.isdigit() or len(word) < 4:
        return word
    if language.startswith("en") and len(word) >= 7:
        word = _IZE.sub(r"is\1", word)
    return stemmer.stemWord(word)


def variants(word: str, language: str = "en") -> set[str]:
    """The forms of one folded word a reader may type instead of it."""
    found = {stem(word, language)}
    if _IS_CYRILLIC.search(word):
        found.add(transliterate(word))
    found.discard(word)
    return found


def index_text(*parts: str, language: str = "en") -> str:
    """What the index holds of ``parts``: their folded words in order, then the other forms of
    those words (each once)."""
    text = " ".join(fold(part) for part in parts if part)
    extra: dict[str, None] = {}
    for word in text.split():
        if word not in _ENGLISH_STOP:
            for form in variants(word, language):
                extra.setdefault(form)
    return f"{text} {' '.join(extra)}".strip()


def query_terms(query: str, language: str = "en") -> list[str]:
    """A reader's words as the index holds every variant of them: each word's stem (Cyrillic
    words in Latin letters), common words left out unless nothing else is left."""
    folded = words(query)
    meaningful = [word for word in folded if word not in _ENGLISH_STOP] or folded
    return list(dict.fromkeys(stem(word, language) for word in meaningful))


# --- Names: what autocomplete and spelling correction compare ----------------------------------

# Latin spellings that differ between transliterations of one name, each made one sound.
_SOUNDS = (
    ("shch", "sh"), ("kh", "h"), ("zh", "j"), ("ts", "c"), ("tz", "c"), ("ck", "k"),
    ("ph", "f"), ("w", "v"), ("x", "ks"), ("q", "k"), ("g", "h"),
    ("y", "i"), ("j", "i"), ("ee", "i"),
)  # fmt: skip
_DOUBLED = re.compile(r"(.)\1+")
# A vowel opening a name is often spelled two ways (Oleksandr, Aleksandr): kept, but as one.
_OPENING_VOWEL = re.compile(r"^[aeiou]")


def skeleton(word: str) -> str:
    """A rough sound of one folded word: transliterated, its variant spellings made one, its
    doubled letters single; so "zelenskyy" and "zelensky", "kyiv" and "kiev" come close."""
    sound = transliterate(word)
    for spelled, said in _SOUNDS:
        sound = sound.replace(spelled, said)
    sound = _DOUBLED.sub(r"\1", sound)
    sound = _OPENING_VOWEL.sub("a", sound)
    return sound.replace("ii", "i")
