"""Text helpers shared by apps: comparison keys that ignore case and accents; text safe for
machine formats (XML, iCalendar)."""

import re
import unicodedata

#: What XML 1.0 cannot carry (C0 controls but tab and line ends, lone surrogates, U+FFFE/F);
#: iCalendar TEXT refuses the same controls.
_NOT_IN_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff\ufffe\uffff]")


def printable(text: str) -> str:
    """``text`` without the control characters Atom (XML 1.0) and iCalendar cannot carry.

    People can type them (a pasted escape sequence, a vertical tab from a word processor):
    stored as given, they are dropped only where a machine format would break on them.
    """
    return _NOT_IN_XML.sub("", str(text))


def fold(text: str, *, keep_enye: bool = False) -> str:
    """``"Fundación  ESQUEL"`` -> ``"fundacion esquel"``: no case, no accents, single spaces.

    With ``keep_enye`` the ñ survives ("año" and "ano" are different words in Spanish search).
    """
    lowered = (text or "").casefold()
    if keep_enye:
        lowered = lowered.replace("ñ", "\x00")
    decomposed = unicodedata.normalize("NFKD", lowered)
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    if keep_enye:
        stripped = stripped.replace("\x00", "ñ")
    return " ".join(stripped.split())
