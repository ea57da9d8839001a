"""Checks on the files sent with a proposal: the type comes from the content, never the name."""

from dataclasses import dataclass

import filetype
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.core.files.uploadhandler import SkipFile, TemporaryFileUploadHandler
from django.utils.translation import gettext as _

MAX_FILES = 3
MAX_FILE_BYTES = 10 * 1024 * 1024

#: MIME type recognised from the content -> the extension the stored file gets.
ALLOWED_TYPES = {
    "application/pdf": "pdf",
    "application/vnd.oasis.opendocument.text": "odt",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "docx",
    "image/jpeg": "jpg",
    "image/png": "png",
}
_HEAD_BYTES = 8192


@dataclass(frozen=True)
class CheckedAttachment:
    upload: UploadedFile
    extension: str
    content_type: str
    size: int


def check_attachment(upload) -> CheckedAttachment:
    """Raise ``ValidationError`` (Spanish) unless the file is a PDF, ODT, DOCX, JPEG or PNG.

    A PNG named ``informe.pdf`` is accepted as the PNG it is; a text file named ``.pdf`` is
    refused.
    """
    name = upload.name or _("archivo")
    size = upload.size or 0
    if size == 0:
        raise ValidationError(_("«%(name)s» está vacío.") % {"name": name}, code="empty")
    if size > MAX_FILE_BYTES:
        raise ValidationError(
            _("«%(name)s» pesa %(size)s MB; el máximo es 10 MB por archivo.")
            % {"name": name, "size": f"{size / (1024 * 1024):.1f}"},
            code="too_big",
        )
    upload.seek(0)
    head = upload.read(_HEAD_BYTES)
    upload.seek(0)
    kind = filetype.guess(head)
    if kind is None or kind.mime not in ALLOWED_TYPES:
        raise ValidationError(
            _(
                "«%(name)s» no es un PDF, ODT, DOCX, JPEG o PNG válido (revisamos el contenido "
                "del archivo, no su nombre)."
            )
            % {"name": name},
            code="content",
        )
    return CheckedAttachment(
        upload=upload, extension=ALLOWED_TYPES[kind.mime], content_type=kind.mime, size=size
    )


class LimitedUploadHandler(TemporaryFileUploadHandler):
    """Stop reading a file as soon as it passes the per-file limit (the rest is skipped).

    The names of skipped files are kept on ``request.oversized_uploads`` so the form can say
    which file was too big, instead of the file silently disappearing.
    """

    def new_file(self, field_name, file_name, *args, **kwargs):
        self._received = 0
        self._current_name = file_name
        super().new_file(field_name, file_name, *args, **kwargs)

    def receive_data_chunk(self, raw_data, start):
        self._received += len(raw_data)
        if self._received > MAX_FILE_BYTES:
            skipped = getattr(self.request, "oversized_uploads", [])
            skipped.append(self._current_name)
            self.request.oversized_uploads = skipped
            raise SkipFile
        return super().receive_data_chunk(raw_data, start)
