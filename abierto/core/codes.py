"""Short codes people read aloud or type back: registration codes and the like.

Codes are drawn from an alphabet without the characters people confuse (0/O, 1/I/L, U/V) and
shown in groups of four. ``parse_code`` accepts what people actually type: lower case, spaces,
dashes, and a "U" for the "V" it sounds like.
"""

import secrets

CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTVWXYZ"
#: Read aloud, "u" and "v" are easily mixed up; the alphabet keeps only "V".
_TYPED_AS = str.maketrans({"U": "V"})


def new_code(length: int = 8) -> str:
    """A random code of ``length`` characters (8 characters hold about 39 random bits)."""
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(length))


def format_code(code: str, group: int = 4) -> str:
    """``ABCD2345`` -> ``ABCD-2345``."""
    return "-".join(code[i : i + group] for i in range(0, len(code), group))


def parse_code(raw: str, length: int = 8) -> str:
    """The stored form of a typed code, or ``""`` when it cannot be one."""
    text = "".join(ch for ch in (raw or "")[:40].upper() if ch.isalnum()).translate(_TYPED_AS)
    if len(text) != length or any(ch not in CODE_ALPHABET for ch in text):
        return ""
    return text
