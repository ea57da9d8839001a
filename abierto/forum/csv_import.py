"""Checking a CSV file of organisations before anything is stored.

The whole file is read and checked first; ``services.organizations_import`` stores every row
or none. Columns (header row, any order, case and accents ignored):

    nombre*, siglas, sector*, nivel, provincia, temas, sitio_web

``sector``, ``nivel`` and ``provincia`` take the value or its label ("Sociedad civil" or
"sociedad-civil"); ``temas`` lists themes of interest separated by ``;`` or ``|`` (unknown ones
are created). The file may be UTF-8 (with or without BOM) or Latin-1, separated by commas or
semicolons (as Excel saves it in Spanish).
"""

import csv
import io
import re
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils.text import slugify
from django.utils.translation import gettext as _

from abierto.core.csvsafe import neutralise_cell
from abierto.core.geo import Province
from abierto.core.text import fold

from .models import Level, Organization, Sector, name_key

MAX_IMPORT_BYTES = 2 * 1024 * 1024
REQUIRED_COLUMNS = ("nombre", "sector")
OPTIONAL_COLUMNS = ("siglas", "nivel", "provincia", "temas", "sitio_web")
_MOJIBAKE = re.compile("[\u00c2-\u00f4][\u0080-\u00bf]")
COLUMN_ALIASES = {
    "sitio web": "sitio_web",
    "web": "sitio_web",
    "sitioweb": "sitio_web",
    "tema": "temas",
    "temas de interes": "temas",
}


def _choice_lookup(choices) -> dict[str, str]:
    lookup = {}
    for value, label in choices:
        lookup[fold(value)] = value
        lookup[fold(str(label))] = value
        lookup[fold(value.replace("-", " "))] = value
    return lookup


def decode_csv_bytes(data: bytes) -> tuple[str, str]:
    """The file's text and the encoding it was read with; ``ValidationError`` if unreadable.

    UTF-8 (BOM or not) first. Latin-1 decodes any byte, so it is accepted only when the
    result reads as text: no control characters and no C1 codes (0x80-0x9F), which in a real
    Latin-1 file never appear but do in UTF-16, binary files or other code pages.
    """
    if not data.strip():
        raise ValidationError(_("El archivo está vacío."), code="empty")
    if b"\x00" in data:
        raise ValidationError(
            _(
                "No se pudo leer el archivo: parece UTF-16 o un archivo binario. Guárdelo como "
                "«CSV UTF-8» e inténtelo de nuevo."
            ),
            code="encoding",
        )
    try:
        return data.decode("utf-8-sig"), "UTF-8"
    except UnicodeDecodeError:
        pass
    text = data.decode("latin-1")
    sensible = all(ch in "\t\r\n" or (" " <= ch <= "~") or ch >= "\xa0" for ch in text)
    # UTF-8 lead byte + continuation byte read as Latin-1 ("Ã©" for "é"): a file that mixes
    # encodings, which would be stored garbled.
    mixed = _MOJIBAKE.search(text) is not None
    if not sensible or mixed:
        raise ValidationError(
            _(
                "No se pudo leer el archivo: no está en UTF-8 ni en Latin-1 (ISO-8859-1). "
                "Guárdelo como «CSV UTF-8» e inténtelo de nuevo."
            ),
            code="encoding",
        )
    return text, "Latin-1"


@dataclass
class RowProblem:
    line: int
    name: str
    messages: list[str]


@dataclass
class ParsedOrganization:
    line: int
    name: str
    acronym: str
    sector: str
    level: str
    province: str
    website: str
    topics: list[str]


@dataclass
class ImportCheck:
    encoding: str = ""
    rows: list[ParsedOrganization] = field(default_factory=list)
    problems: list[RowProblem] = field(default_factory=list)
    file_errors: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems and not self.file_errors and bool(self.rows)


def _normalise_header(name: str) -> str:
    folded = fold(name).replace("*", "").strip()
    folded = COLUMN_ALIASES.get(folded, folded)
    return folded.replace(" ", "_")


def check_organizations_csv(data: bytes) -> ImportCheck:
    """Read and check every row; nothing is written. Line numbers count the header as 1."""
    result = ImportCheck()
    if len(data) > MAX_IMPORT_BYTES:
        result.file_errors.append(_("El archivo pesa más de 2 MB; divídalo en partes."))
        return result
    try:
        text, result.encoding = decode_csv_bytes(data)
    except ValidationError as exc:
        result.file_errors.extend(exc.messages)
        return result
    first_line = text.splitlines()[0] if text.splitlines() else ""
    delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        header = next(reader)
    except (StopIteration, csv.Error):
        result.file_errors.append(_("El archivo no tiene fila de encabezados."))
        return result
    columns = [_normalise_header(h) for h in header]
    known = set(REQUIRED_COLUMNS) | set(OPTIONAL_COLUMNS)
    unknown = [h for h, c in zip(header, columns, strict=True) if c and c not in known]
    missing = [c for c in REQUIRED_COLUMNS if c not in columns]
    for name in missing:
        result.file_errors.append(
            _("Falta la columna obligatoria «%(column)s».") % {"column": name}
        )
    for name in unknown:
        result.file_errors.append(
            _("Columna desconocida «%(column)s». Las columnas válidas son: %(valid)s.")
            % {"column": name, "valid": ", ".join((*REQUIRED_COLUMNS, *OPTIONAL_COLUMNS))}
        )
    repeated = sorted({c for c in columns if c and columns.count(c) > 1})
    for name in repeated:
        result.file_errors.append(
            _("La columna «%(column)s» aparece más de una vez.") % {"column": name}
        )
    if result.file_errors:
        return result

    sectors = _choice_lookup(Sector.choices)
    levels = _choice_lookup(Level.choices)
    provinces = _choice_lookup(Province.choices)
    url_ok = URLValidator(schemes=["http", "https"])
    existing = dict(Organization.objects.values_list("name_key", "name"))
    seen: dict[str, int] = {}
    try:
        for line, raw in enumerate(reader, start=2):
            if not any(cell.strip() for cell in raw):
                continue
            # A cell a spreadsheet would run as a formula is kept as text (core.csvsafe).
            values = {
                c: neutralise_cell(raw[i].strip() if i < len(raw) else "")
                for i, c in enumerate(columns)
            }
            messages = []
            if len(raw) > len(columns) and any(cell.strip() for cell in raw[len(columns) :]):
                messages.append(_("tiene más valores que columnas el encabezado."))
            name = values.get("nombre", "")
            key = name_key(name)
            if not name:
                messages.append(_("falta el nombre."))
            elif len(name) > 255:
                messages.append(_("el nombre pasa de 255 caracteres."))
            elif key in seen:
                messages.append(
                    _("la organización «%(name)s» ya aparece en la fila %(line)s del archivo.")
                    % {"name": name, "line": seen[key]}
                )
            elif key in existing:
                messages.append(
                    _("la organización «%(name)s» ya está registrada (como «%(existing)s»).")
                    % {"name": name, "existing": existing[key]}
                )
            if key and key not in seen:
                seen[key] = line
            sector = sectors.get(fold(values.get("sector", "")))
            if not values.get("sector"):
                messages.append(_("falta el sector."))
            elif sector is None:
                messages.append(
                    _("sector «%(value)s» desconocido; use uno de: %(valid)s.")
                    % {
                        "value": values["sector"],
                        "valid": ", ".join(str(label) for _v, label in Sector.choices),
                    }
                )
            level = Level.NATIONAL
            if values.get("nivel"):
                level = levels.get(fold(values["nivel"]))
                if level is None:
                    messages.append(
                        _("nivel «%(value)s» desconocido; use uno de: %(valid)s.")
                        % {
                            "value": values["nivel"],
                            "valid": ", ".join(str(label) for _v, label in Level.choices),
                        }
                    )
            province = ""
            if values.get("provincia"):
                province = provinces.get(fold(values["provincia"]))
                if province is None:
                    messages.append(
                        _("provincia «%(value)s» desconocida.") % {"value": values["provincia"]}
                    )
            acronym = values.get("siglas", "")
            if len(acronym) > 30:
                messages.append(_("las siglas pasan de 30 caracteres."))
            website = values.get("sitio_web", "")
            if website:
                try:
                    url_ok(website)
                except ValidationError:
                    messages.append(
                        _(
                            "el sitio web «%(value)s» no es una dirección válida "
                            "(empiece con https://)."
                        )
                        % {"value": website}
                    )
            topics = [
                neutralise_cell(t.strip())
                for t in values.get("temas", "").replace("|", ";").split(";")
            ]
            topics = [t for t in topics if t]
            if any(len(t) > 120 or not slugify(t) for t in topics):
                messages.append(_("algún tema de interés está vacío o es demasiado largo."))
            if messages:
                result.problems.append(RowProblem(line=line, name=name, messages=messages))
            else:
                result.rows.append(
                    ParsedOrganization(
                        line=line,
                        name=" ".join(name.split()),
                        acronym=acronym,
                        sector=sector or "",
                        level=level or "",
                        province=province or "",
                        website=website,
                        topics=topics,
                    )
                )
    except csv.Error as exc:
        result.file_errors.append(_("El archivo no es un CSV válido (%(error)s).") % {"error": exc})
    if not result.rows and not result.problems and not result.file_errors:
        result.file_errors.append(_("El archivo no tiene filas de datos."))
    return result
