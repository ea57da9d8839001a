"""The one checker for uploaded files: the type is read from the content, never trusted from
the name. Every app (documents, proposal attachments, forum minutes, mesa minutes, commitment
evidence) calls ``check_upload`` with the kinds it accepts and its size limit."""

import csv
import io
from dataclasses import dataclass
from pathlib import PurePath

import filetype
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext as _

#: Kind (the stored extension) -> MIME type its content must show.
KINDS = {
    "pdf": "application/pdf",
    "odt": "application/vnd.oasis.opendocument.text",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "jpg": "image/jpeg",
    "png": "image/png",
    "csv": "text/csv",
}
_NAMES = {"jpg": "JPEG"}
_ALIASES = {"jpeg": "jpg"}
_HEAD_BYTES = 8192
_CSV_SAMPLE_BYTES = 64 * 1024


@dataclass(frozen=True)
class CheckedUpload:
    upload: UploadedFile
    extension: str
    content_type: str
    size: int


def kinds_label(kinds) -> str:
    names = [_NAMES.get(k, k.upper()) for k in KINDS if k in kinds]
    return ", ".join(names[:-1]) + " " + _("o") + " " + names[-1] if len(names) > 1 else names[0]


def _looks_like_csv(sample: bytes) -> bool:
    """UTF-8 text (the usual export) that the csv module reads as rows of fields."""
    if b"\x00" in sample:
        return False
    try:
        text = sample.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        if exc.start < len(sample) - 4:  # a sample cut inside a character is still fine
            return False
        text = sample[: exc.start].decode("utf-8-sig")
    if not text.strip():
        return False
    try:
        return bool(list(csv.reader(io.StringIO(text))))
    except csv.Error:
        return False


def check_upload(upload, *, kinds, max_bytes: int, match_name: bool = False) -> CheckedUpload:
    """Raise ``ValidationError`` (Spanish, naming the file) unless ``upload`` is one of
    ``kinds`` by its content and at most ``max_bytes`` long.

    With ``match_name`` the file's extension must also say what the content is (documents
    downloaded by the public keep their name); without it a PNG named ``informe.pdf`` is
    accepted as the PNG it is.
    """
    name = upload.name or _("archivo")
    size = upload.size or 0
    if size == 0:
        raise ValidationError(_("«%(name)s» está vacío.") % {"name": name}, code="empty")
    if size > max_bytes:
        raise ValidationError(
            _("«%(name)s» pesa %(size)s MB; el máximo es %(max)s MB.")
            % {
                "name": name,
                "size": f"{size / (1024 * 1024):.1f}",
                "max": f"{max_bytes / (1024 * 1024):g}",
            },
            code="too_big",
        )
    upload.seek(0)
    head = upload.read(_CSV_SAMPLE_BYTES)
    upload.seek(0)
    guessed = filetype.guess(head[:_HEAD_BYTES])
    extension = None
    if guessed is not None:
        extension = _ALIASES.get(guessed.extension, guessed.extension)
        if KINDS.get(extension) != guessed.mime:
            extension = next((k for k, mime in KINDS.items() if mime == guessed.mime), None)
    elif "csv" in kinds and _looks_like_csv(head):
        extension = "csv"
    named = PurePath(upload.name or "").suffix.lower().lstrip(".")
    named = _ALIASES.get(named, named)
    if match_name and named not in kinds:
        raise ValidationError(
            _("Solo se aceptan archivos %(kinds)s («%(name)s» no lo es).")
            % {"name": name, "kinds": kinds_label(kinds)},
            code="extension",
        )
    if match_name and named != extension:
        raise ValidationError(
            _(
                "El contenido de «%(name)s» no corresponde a un %(kind)s válido. Revise que el "
                "archivo no esté dañado y que su extensión sea la correcta."
            )
            % {"name": name, "kind": _NAMES.get(named, named.upper())},
            code="content",
        )
    if extension not in kinds:
        raise ValidationError(
            _(
                "«%(name)s» no es un %(kinds)s válido (revisamos el contenido del archivo, no "
                "su nombre)."
            )
            % {"name": name, "kinds": kinds_label(kinds)},
            code="content",
        )
    return CheckedUpload(
        upload=upload, extension=extension, content_type=KINDS[extension], size=size
    )
