"""Tracking codes: random, easy to read aloud, forgiving when typed back.

A code is 16 characters from a 30-character alphabet (log2(30) * 16 = 78.5 random bits),
shown in groups of four: ``ABCD-EFGH-JKMN-PQRS``. The alphabet leaves out 0, O, 1, I, L and
U, which people confuse when reading or dictating; typing them back still works where the
intent is clear (see ``normalize_code``).
"""

import secrets
import unicodedata

ALPHABET = "23456789ABCDEFGHJKMNPQRSTVWXYZ"
CODE_LENGTH = 16
GROUP = 4

#: Look-alike characters people type (or phones substitute) and what they stand for.
_CONFUSABLES = str.maketrans(
    {
        "U": "V",  # read aloud, "u" and "v" are easily mixed up
        # Cyrillic and Greek capitals that look like Latin ones
        "А": "A",
        "В": "B",
        "Е": "E",
        "К": "K",
        "М": "M",
        "Н": "H",
        "Р": "P",
        "С": "C",
        "Т": "T",
        "Х": "X",
        "У": "Y",
        "Α": "A",
        "Β": "B",
        "Ε": "E",
        "Ζ": "Z",
        "Η": "H",
        "Κ": "K",
        "Μ": "M",
        "Ν": "N",
        "Ρ": "P",
        "Τ": "T",
        "Υ": "Y",
        "Χ": "X",
    }
)
_SEPARATORS = set(" \t\r\n-_.·‐‑‒–—―−/")


def new_code() -> str:
    return "".join(secrets.choice(ALPHABET) for _ in range(CODE_LENGTH))


def format_code(code: str) -> str:
    return "-".join(code[i : i + GROUP] for i in range(0, len(code), GROUP))


def normalize_code(raw: str) -> str:
    """The stored form of what someone typed: upper case, no separators, look-alikes mapped.

    Returns ``""`` when the result cannot be a code, so a mistyped code and an unknown one
    are answered the same way.
    """
    text = unicodedata.normalize("NFKC", raw or "")[:80].upper()
    text = "".join(ch for ch in text if ch not in _SEPARATORS).translate(_CONFUSABLES)
    if len(text) != CODE_LENGTH or any(ch not in ALPHABET for ch in text):
        return ""
    return text
