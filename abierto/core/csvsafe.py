"""CSV cells a spreadsheet will not run as formulas (CSV/formula injection).

A cell that starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return is a formula to
Excel, LibreOffice and Google Sheets; a leading apostrophe makes it text. Used by every CSV we
hand out (open data) and by imports that echo cells back.
"""

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def neutralise_cell(value: str) -> str:
    """``'=SUM(A1)'`` → ``"'=SUM(A1)"``; anything else unchanged."""
    if value and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value
