"""Files sent with a proposal: which are accepted (checked by ``core.uploads``) and how they
are read while they arrive."""

from django.core.files.uploadhandler import SkipFile, TemporaryFileUploadHandler

from abierto.core.uploads import CheckedUpload, check_upload

MAX_FILES = 3
MAX_FILE_BYTES = 10 * 1024 * 1024
ATTACHMENT_KINDS = frozenset({"pdf", "odt", "docx", "jpg", "png"})


def check_attachment(upload) -> CheckedUpload:
    """A PNG named ``informe.pdf`` is accepted as the PNG it is; a text file named ``.pdf``
    is refused."""
    return check_upload(upload, kinds=ATTACHMENT_KINDS, max_bytes=MAX_FILE_BYTES)


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
