"""Cells a spreadsheet would run as a formula, made plain text (CSV injection).

A cell that starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return is read by
Excel, LibreOffice and Google Sheets as a formula (``=HYPERLINK(...)``, ``=cmd|...``); a
leading apostrophe makes every one of them show it as text. Used on what comes in (CSV
imports) and on what goes out (open-data exports).
"""

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
#: The same, as a set of first characters (exports test millions of cells against it).
FORMULA_FIRST = frozenset(FORMULA_STARTS)


def neutralise_cell(value: str) -> str:
    """``value`` as text a spreadsheet will not evaluate (unchanged when already safe)."""
    if isinstance(value, str) and value[:1] in FORMULA_FIRST:
        return "'" + value
    return value
