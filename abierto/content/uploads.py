"""Checks on uploaded documents: the type is read from the content, not from the name."""

import csv
import io
from dataclasses import dataclass
from pathlib import PurePath

import filetype
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

MAX_DOCUMENT_BYTES = 20 * 1024 * 1024

#: Accepted extensions and the MIME type their content must show.
ALLOWED_TYPES = {
    "pdf": "application/pdf",
    "odt": "application/vnd.oasis.opendocument.text",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "csv": "text/csv",
}
#: Bytes read to recognise a type; CSV is checked on a longer sample.
_HEAD_BYTES = 8192
_CSV_SAMPLE_BYTES = 64 * 1024


@dataclass(frozen=True)
class CheckedUpload:
    extension: str
    content_type: str
    size: int


def _looks_like_csv(sample: bytes) -> bool:
    """UTF-8 text (the usual export) that the csv module reads as rows of fields."""
    if b"\x00" in sample:
        return False
    try:
        text = sample.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        # A sample cut inside a multi-byte character is still fine.
        if exc.start < len(sample) - 4:
            return False
        text = sample[: exc.start].decode("utf-8-sig")
    if not text.strip():
        return False
    try:
        rows = list(csv.reader(io.StringIO(text)))
    except csv.Error:
        return False
    return bool(rows)


def check_document_upload(upload) -> CheckedUpload:
    """Raise ``ValidationError`` (Spanish) unless the file is an allowed, honest type."""
    size = upload.size or 0
    if size == 0:
        raise ValidationError(_("El archivo está vacío."), code="empty")
    if size > MAX_DOCUMENT_BYTES:
        raise ValidationError(
            _("El archivo pesa %(size)s MB; el máximo es 20 MB.")
            % {"size": f"{size / (1024 * 1024):.1f}"},
            code="too_big",
        )
    extension = PurePath(upload.name or "").suffix.lower().lstrip(".")
    if extension not in ALLOWED_TYPES:
        raise ValidationError(
            _("Solo se aceptan archivos PDF, ODT, DOCX, XLSX o CSV."), code="extension"
        )
    upload.seek(0)
    head = upload.read(_CSV_SAMPLE_BYTES)
    upload.seek(0)
    kind = filetype.guess(head[:_HEAD_BYTES])
    if extension == "csv":
        honest = kind is None and _looks_like_csv(head)
    else:
        honest = kind is not None and kind.mime == ALLOWED_TYPES[extension]
    if not honest:
        raise ValidationError(
            _(
                "El contenido del archivo no corresponde a un %(kind)s válido. "
                "Revise que el archivo no esté dañado y que su extensión sea la correcta."
            )
            % {"kind": extension.upper()},
            code="content",
        )
    return CheckedUpload(extension=extension, content_type=ALLOWED_TYPES[extension], size=size)
