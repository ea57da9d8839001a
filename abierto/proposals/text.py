"""Text keys for search and similarity: no accents, no case, single spaces."""

import re

from abierto.core.text import fold as fold_accents

_NON_WORD = re.compile(r"[^0-9a-zñ]+")

#: Short Spanish words that say nothing about what a proposal is about.
STOPWORDS = frozenset(
    [
        "a",
        "al",
        "ante",
        "con",
        "contra",
        "de",
        "del",
        "desde",
        "el",
        "en",
        "entre",
        "es",
        "la",
        "las",
        "lo",
        "los",
        "mas",
        "para",
        "por",
        "que",
        "se",
        "sin",
        "sobre",
        "su",
        "sus",
        "un",
        "una",
        "uno",
        "unos",
        "unas",
        "y",
        "o",
        "u",
        "e",
        "ni",
        "no",
        "como",
        "muy",
        "ya",
        "hay",
        "ser",
        "son",
        "esta",
        "este",
        "esto",
        "estos",
        "estas",
    ]
)


def fold(text: str) -> str:
    """ "Participación  CIUDADANA" -> "participacion ciudadana" (ñ kept: it changes words)."""
    return " ".join(_NON_WORD.sub(" ", fold_accents(text, keep_enye=True)).split())


def words(text: str, *, min_length: int = 3) -> list[str]:
    """The meaningful words of a text, folded, in order, without repeats."""
    seen: dict[str, None] = {}
    for word in fold(text).split():
        if len(word) >= min_length and word not in STOPWORDS:
            seen.setdefault(word, None)
    return list(seen)
