"""Reading a CSV of the paper proposals written at one mesa, before anything is stored.

The whole file is read and every row checked with the same form the facilitator fills in
(``MesaCsvRowForm``); ``services.proposal_import_mesa`` then stores every row or none, each
through ``proposal_submit`` (so the service's rules and audit apply exactly as on the form).

Columns (the header row, exactly these, in any order; case and accents ignored)::

    titulo, problema, solucion, beneficiarios, eje, tema, provincia, canton, tipo_proponente,
    organizacion, nombre, correo, telefono, genero, edad, autoidentificacion

``eje`` and ``tema`` take the name (or the axis's number, as listed on the plan's page);
``provincia``, ``tipo_proponente``, ``genero``, ``edad`` and ``autoidentificacion`` take the
value or its label ("Sociedad civil" or "sociedad-civil"). UTF-8 (with or without BOM),
separated by commas or semicolons. Every cell goes through ``core.csvsafe``; the phone, checked
against its own pattern (digits, spaces and ``+ ( ) . -`` only), is kept as written.
"""

import csv
import io
import re
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from abierto.core.csvsafe import neutralise_cell
from abierto.core.geo import ProposalScope
from abierto.core.text import fold
from abierto.forum.models import Sector

from .forms import MesaProposalForm
from .models import AgeRange, Gender, SelfIdentification

MAX_IMPORT_BYTES = 1024 * 1024
MAX_ROWS = 300

#: CSV column -> form field, in the template's order.
COLUMNS = {
    "titulo": "title",
    "problema": "problem",
    "solucion": "solution",
    "beneficiarios": "beneficiaries",
    "eje": "axis",
    "tema": "theme",
    "provincia": "province",
    "canton": "canton",
    "tipo_proponente": "proposer_type",
    "organizacion": "organization_name",
    "nombre": "contact_name",
    "correo": "contact_email",
    "telefono": "contact_phone",
    "genero": "gender",
    "edad": "age_range",
    "autoidentificacion": "self_identification",
}
COLUMN_OF = {f: c for c, f in COLUMNS.items()}
CHOICES = {
    "provincia": ProposalScope.choices,
    "tipo_proponente": Sector.choices,
    "genero": Gender.choices,
    "edad": AgeRange.choices,
    "autoidentificacion": SelfIdentification.choices,
}
_PHONE = re.compile(r"^[0-9+()\s.-]{7,30}$")


class MesaCsvRowForm(MesaProposalForm):
    """One row: the facilitator's form without the file, the consent (given once for the whole
    file on the upload form) and the token (derived from the row by the service)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("attachments", "consent", "token"):
            del self.fields[name]


def template_csv() -> str:
    """The header row to download and fill in (with a BOM, so spreadsheets read UTF-8)."""
    return "\ufeff" + ",".join(COLUMNS) + "\r\n"


@dataclass
class RowProblem:
    line: int
    messages: list[str]


@dataclass
class MesaCsvCheck:
    rows: list[tuple[int, dict]] = field(default_factory=list)
    problems: list[RowProblem] = field(default_factory=list)
    file_errors: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems and not self.file_errors and bool(self.rows)


def decode_utf8(data: bytes) -> str:
    """The text of ``data``; ``UnicodeDecodeError`` is left to the caller (``utf8_problem``)."""
    return data.decode("utf-8-sig")


def utf8_problem(data: bytes) -> str | None:
    """A Spanish explanation when ``data`` is not UTF-8 (naming the line), else None."""
    try:
        decode_utf8(data)
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        return _(
            "El archivo no está en UTF-8 (hay un carácter que no se puede leer en la línea "
            "%(line)s). En la hoja de cálculo, guárdelo como «CSV UTF-8» e inténtelo de nuevo."
        ) % {"line": line}
    return None


def _normalise_header(name: str) -> str:
    return fold(name).replace("*", "").strip().replace(" ", "_")


def _lookup(choices) -> dict[str, str]:
    table = {}
    for value, label in choices:
        table[fold(value)] = value
        table[fold(str(label))] = value
        table[fold(value.replace("-", " "))] = value
    return table


def read_mesa_csv(data: bytes, *, mesa) -> MesaCsvCheck:
    """Read and check every row for ``mesa``; nothing is written. Lines count the header as 1."""
    result = MesaCsvCheck()
    if not data.strip():
        result.file_errors.append(_("El archivo está vacío."))
        return result
    if len(data) > MAX_IMPORT_BYTES:
        result.file_errors.append(_("El archivo pesa más de 1 MB; divídalo en partes."))
        return result
    problem = utf8_problem(data)
    if problem:
        result.file_errors.append(problem)
        return result
    text = decode_utf8(data)
    lines = text.splitlines()
    first_line = lines[0] if lines else ""
    delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        header = next(reader)
    except (StopIteration, csv.Error):
        result.file_errors.append(_("El archivo no tiene fila de encabezados."))
        return result
    columns = [_normalise_header(h) for h in header]
    valid = ", ".join(COLUMNS)
    for name in [c for c in COLUMNS if c not in columns]:
        result.file_errors.append(
            _("Falta la columna «%(column)s». Use la plantilla: %(valid)s.")
            % {"column": name, "valid": valid}
        )
    for raw, name in zip(header, columns, strict=True):
        if name not in COLUMNS:
            result.file_errors.append(
                _("Columna desconocida «%(column)s». Las columnas válidas son: %(valid)s.")
                % {"column": raw.strip() or _("(vacía)"), "valid": valid}
            )
    for name in sorted({c for c in columns if columns.count(c) > 1}):
        result.file_errors.append(
            _("La columna «%(column)s» aparece más de una vez.") % {"column": name}
        )
    if result.file_errors:
        return result

    plan = mesa.plan
    axes: dict[str, int] = {}
    for axis in plan.axes.order_by("order", "id"):
        axes[fold(axis.name)] = axis.pk
        axes.setdefault(str(axis.order), axis.pk)
    themes = {fold(t.name): t.pk for t in plan.themes.all()}
    lookups = {column: _lookup(choices) for column, choices in CHOICES.items()}
    raw_rows: list[tuple[int, list[str]]] = []
    try:
        for line, raw in enumerate(reader, start=2):
            if any(cell.strip() for cell in raw):
                raw_rows.append((line, raw))
    except csv.Error as exc:
        result.file_errors.append(_("El archivo no es un CSV válido (%(error)s).") % {"error": exc})
        return result
    if not raw_rows:
        result.file_errors.append(_("El archivo no tiene filas de datos."))
        return result
    if len(raw_rows) > MAX_ROWS:
        result.file_errors.append(
            _("El archivo tiene %(count)s filas; el máximo es %(max)s. Divídalo en partes.")
            % {"count": len(raw_rows), "max": MAX_ROWS}
        )
        return result

    for line, raw in raw_rows:
        messages: list[str] = []
        if len(raw) > len(columns) and any(cell.strip() for cell in raw[len(columns) :]):
            messages.append(_("tiene más valores que columnas el encabezado."))
        cells = {c: (raw[i].strip() if i < len(raw) else "") for i, c in enumerate(columns)}
        data: dict[str, str] = {}
        for column, value in cells.items():
            if column == "telefono" and _PHONE.match(value):
                data[COLUMNS[column]] = value  # digits and + ( ) . - only: never a formula
            else:
                data[COLUMNS[column]] = neutralise_cell(value)
        for column, table in lookups.items():
            value = cells[column]
            if value:
                found = table.get(fold(value))
                if found is None:
                    messages.append(
                        _("«%(value)s» no es un valor válido de «%(column)s».")
                        % {"value": value, "column": column}
                    )
                data[COLUMNS[column]] = found or ""
        for column, table_ids in (("eje", axes), ("tema", themes)):
            value = cells[column]
            if value:
                pk = table_ids.get(fold(value))
                if pk is None:
                    messages.append(
                        _("«%(value)s» no es un %(what)s de este plan.")
                        % {"value": value, "what": _("eje") if column == "eje" else _("tema")}
                    )
                data[COLUMNS[column]] = str(pk or "")
        form = MesaCsvRowForm(data, plan=plan)
        if not form.is_valid():
            for name, errors in form.errors.items():
                column = COLUMN_OF.get(name)
                for error in errors:
                    messages.append(f"{column}: {error}" if column else str(error))
        if messages:
            result.problems.append(RowProblem(line=line, messages=list(dict.fromkeys(messages))))
        else:
            result.rows.append((line, form.proposal_data()))
    return result
