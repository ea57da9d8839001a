"""Text helpers shared by apps: comparison keys that ignore case and accents."""

import unicodedata


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
