"""Import of IRM assessments from CSV: the whole file is checked first, all rows or none.

Columns (header row, any order, case and accents ignored):

    codigo*, verificable, relevancia, impacto_potencial, cumplimiento, resultados_tempranos,
    destacado, informe

``verificable`` and ``destacado``: sí/no (empty: unknown / no). ``relevancia``: OGP values
separated by ``;`` or ``|``. The other columns take the value or its label ("Sustancial").
"""

import csv
import io
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import transaction
from django.utils.translation import gettext as _

from abierto.core.text import fold
from abierto.forum.csv_import import decode_csv_bytes

from . import services
from .models import Commitment, Completion, EarlyResults, OGPValue, PotentialImpact

MAX_IMPORT_BYTES = 2 * 1024 * 1024
COLUMNS = (
    "codigo",
    "verificable",
    "relevancia",
    "impacto_potencial",
    "cumplimiento",
    "resultados_tempranos",
    "destacado",
    "informe",
)
YES = {"si", "s", "yes", "true", "1", "x"}
NO = {"no", "n", "false", "0"}


def _lookup(choices) -> dict[str, str]:
    table = {}
    for value, label in choices:
        table[fold(value)] = value
        table[fold(value.replace("-", " "))] = value
        table[fold(str(label))] = value
    return table


@dataclass
class ImportResult:
    imported: int = 0
    problems: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


def _parse_row(number: int, row: dict, commitments: dict, lookups: dict) -> tuple:
    problems: list[str] = []
    code = (row.get("codigo") or "").strip().upper()
    commitment = commitments.get(code)
    if commitment is None:
        problems.append(
            _("Fila %(n)s: no hay ningún compromiso con el código «%(code)s».")
            % {"n": number, "code": code}
        )
    data: dict = {}
    verifiable = fold(row.get("verificable") or "")
    if verifiable in YES:
        data["verifiable"] = True
    elif verifiable in NO:
        data["verifiable"] = False
    elif verifiable:
        problems.append(_("Fila %(n)s: «verificable» debe ser sí o no.") % {"n": number})
    else:
        data["verifiable"] = None
    relevance = []
    for part in (row.get("relevancia") or "").replace("|", ";").split(";"):
        if not part.strip():
            continue
        value = lookups["relevancia"].get(fold(part))
        if value is None:
            problems.append(
                _("Fila %(n)s: «%(value)s» no es un valor de OGP.")
                % {"n": number, "value": part.strip()}
            )
        else:
            relevance.append(value)
    data["relevance"] = relevance
    for column, target in (
        ("impacto_potencial", "potential_impact"),
        ("cumplimiento", "completion"),
        ("resultados_tempranos", "early_results"),
    ):
        raw = (row.get(column) or "").strip()
        value = lookups[column].get(fold(raw)) if raw else ""
        if value is None:
            problems.append(
                _("Fila %(n)s: «%(value)s» no es un valor válido de «%(column)s».")
                % {"n": number, "value": raw, "column": column}
            )
        else:
            data[target] = value
    data["starred"] = fold(row.get("destacado") or "") in YES
    report = (row.get("informe") or "").strip()
    if report:
        try:
            URLValidator(schemes=["http", "https"])(report)
        except ValidationError:
            problems.append(
                _("Fila %(n)s: «informe» no es una dirección web válida.") % {"n": number}
            )
    data["report_url"] = report
    return commitment, data, problems


def import_irm_csv(*, actor, upload) -> ImportResult:
    """Check the whole file; store every row (through ``services.irm_save``) or none."""
    result = ImportResult()
    if upload.size > MAX_IMPORT_BYTES:
        result.problems.append(_("El archivo pasa de 2 MB."))
        return result
    try:
        text, _encoding = decode_csv_bytes(upload.read())
    except ValidationError as exc:
        result.problems.extend(exc.messages)
        return result
    sample = text[:4096]
    delimiter = ";" if sample.count(";") > sample.count(",") else ","
    reader = csv.DictReader(io.StringIO(text), delimiter=delimiter)
    headers = {fold(h or "").replace(" ", "_"): h for h in (reader.fieldnames or [])}
    if "codigo" not in headers:
        result.problems.append(_("Falta la columna obligatoria «codigo»."))
        return result
    commitments = {c.code: c for c in Commitment.objects.all()}
    lookups = {
        "relevancia": _lookup(OGPValue.choices),
        "impacto_potencial": _lookup(PotentialImpact.choices),
        "cumplimiento": _lookup(Completion.choices),
        "resultados_tempranos": _lookup(EarlyResults.choices),
    }
    parsed = []
    seen: set[str] = set()
    for number, raw in enumerate(reader, start=2):
        row = {key: raw.get(original) for key, original in headers.items()}
        commitment, data, problems = _parse_row(number, row, commitments, lookups)
        if commitment is not None and commitment.code in seen:
            problems.append(
                _("Fila %(n)s: el compromiso %(code)s aparece dos veces.")
                % {"n": number, "code": commitment.code}
            )
        if commitment is not None:
            seen.add(commitment.code)
        result.problems.extend(problems)
        parsed.append((commitment, data))
    if not parsed and not result.problems:
        result.problems.append(_("El archivo no tiene filas de datos."))
    if result.problems:
        return result
    try:
        with transaction.atomic():
            for commitment, data in parsed:
                services.irm_save(actor=actor, commitment=commitment, data=data)
    except ValidationError as exc:
        result.problems.extend(exc.messages)
        return result
    result.imported = len(parsed)
    return result
