"""Verify the public audit chain from the open dataset ``historial-publico`` (CSV or rows).

Standard library only, so anyone can run it on a download without installing Abierto::

    python abierto/opendata/chain.py historial-publico.csv
    python manage.py verify_public_chain historial-publico.csv     # the same, inside Abierto

For each row, in ``seq`` order, it checks that
- ``seq`` is 1, 2, 3... without gaps and ``hash_anterior`` is the previous row's ``hash``;
- when the content is public (``contenido_visible``), ``hash_contenido`` is the SHA-256 of the
  canonical JSON of ``[seq, fecha, rol_actor, accion, objeto, objeto_id, datos, cambios,
  publico]`` (what ``abierto.core.audit.content_hash`` computes);
- ``hash`` is the SHA-256 of ``hash_anterior|hash_contenido|hash_privado``.
Rows whose content is withheld are checked by their hashes only: they keep their place in the
chain without saying what they hold.
"""

from __future__ import annotations

import csv
import hashlib
import json
import sys
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

#: Cells a spreadsheet would run as formulas are published with a leading apostrophe.
_FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


@dataclass
class ChainResult:
    ok: bool
    rows: int
    #: ``seq`` (or row number) of the first row that does not verify, and why.
    broken_at: int | None = None
    reason: str = ""


def _canonical(value) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def _sha256(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


def _cell(value) -> str:
    text = "" if value is None else str(value)
    if text.startswith("'") and text[1:2] and text[1] in "".join(_FORMULA_PREFIXES):
        return text[1:]
    return text


def _bool(value) -> bool:
    if isinstance(value, bool):
        return value
    return _cell(value).strip().lower() == "true"


def content_hash(row: Mapping) -> str:
    payload = [
        int(_cell(row["seq"])),
        _cell(row["fecha"]),
        _cell(row["rol_actor"]),
        _cell(row["accion"]),
        _cell(row["objeto"]),
        _cell(row["objeto_id"]),
        json.loads(_cell(row["datos"]) or "{}"),
        json.loads(_cell(row["cambios"]) or "{}"),
        _bool(row["publico"]),
    ]
    return _sha256(_canonical(payload))


def verify_rows(rows: Iterable[Mapping]) -> ChainResult:
    previous = ""
    count = 0
    for count, row in enumerate(rows, start=1):
        try:
            seq = int(_cell(row["seq"]))
            if seq != count:
                return ChainResult(False, count, seq, f"se esperaba la posición {count}")
            if _cell(row["hash_anterior"]) != previous:
                return ChainResult(False, count, seq, "no enlaza con el registro anterior")
            if _bool(row["contenido_visible"]) and content_hash(row) != _cell(
                row["hash_contenido"]
            ):
                return ChainResult(False, count, seq, "el contenido no coincide con su suma")
            expected = _sha256(
                f"{previous}|{_cell(row['hash_contenido'])}|{_cell(row['hash_privado'])}"
            )
            if _cell(row["hash"]) != expected:
                return ChainResult(False, count, seq, "la suma del registro no coincide")
        except (KeyError, ValueError, TypeError) as exc:
            return ChainResult(False, count, count, f"fila ilegible: {exc}")
        previous = expected
    return ChainResult(True, count)


def verify_csv(path: str) -> ChainResult:
    with open(path, encoding="utf-8-sig", newline="") as handle:
        return verify_rows(csv.DictReader(handle))


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print("Uso: python chain.py historial-publico.csv", file=sys.stderr)
        return 2
    result = verify_csv(argv[1])
    if result.ok:
        print(f"ok: la cadena se sostiene ({result.rows} registros)")
        return 0
    print(f"ROTA en el registro {result.broken_at}: {result.reason}")
    return 1


if __name__ == "__main__":
    sys.exit(main(sys.argv))
