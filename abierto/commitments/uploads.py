"""One upload checker, written to become ``core.uploads.check_upload`` (issue 8).

The type is read from the file's content with ``filetype``, never from its name or the
browser's claim. Nothing here knows about commitments: move the module to core as it is.
"""

from dataclasses import dataclass

import filetype
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext as _

#: Kind -> MIME types its content may show.
KINDS: dict[str, tuple[str, ...]] = {
    "pdf": ("application/pdf",),
    "odt": ("application/vnd.oasis.opendocument.text",),
    "docx": ("application/vnd.openxmlformats-officedocument.wordprocessingml.document",),
    "jpg": ("image/jpeg",),
    "png": ("image/png",),
}
DOCUMENT_KINDS = frozenset({"pdf", "odt", "docx", "jpg", "png"})
MAX_BYTES = 10 * 1024 * 1024
_HEAD_BYTES = 8192


@dataclass(frozen=True)
class CheckedUpload:
    upload: UploadedFile
    extension: str
    content_type: str
    size: int


def _kind_names(kinds) -> str:
    return ", ".join(sorted(kind.upper() for kind in kinds))


def check_upload(upload, *, kinds=DOCUMENT_KINDS, max_bytes: int = MAX_BYTES) -> CheckedUpload:
    """Raise a Spanish ``ValidationError`` unless the file is one of ``kinds`` within size."""
    name = getattr(upload, "name", None) or _("archivo")
    size = getattr(upload, "size", 0) or 0
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
    head = upload.read(_HEAD_BYTES)
    upload.seek(0)
    guess = filetype.guess(head)
    for kind in sorted(kinds):
        if guess is not None and guess.mime in KINDS.get(kind, ()):
            return CheckedUpload(upload=upload, extension=kind, content_type=guess.mime, size=size)
    raise ValidationError(
        _(
            "«%(name)s» no es un archivo %(kinds)s válido (revisamos el contenido del archivo, "
            "no su nombre)."
        )
        % {"name": name, "kinds": _kind_names(kinds)},
        code="content",
    )
