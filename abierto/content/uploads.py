"""Documents of the repository: which files are accepted (checked by ``core.uploads``)."""

from abierto.core.uploads import CheckedUpload, check_upload

MAX_DOCUMENT_BYTES = 20 * 1024 * 1024
DOCUMENT_KINDS = frozenset({"pdf", "odt", "docx", "xlsx", "csv"})


def check_document_upload(upload) -> CheckedUpload:
    """A document keeps its name when downloaded, so its extension must match its content."""
    return check_upload(upload, kinds=DOCUMENT_KINDS, max_bytes=MAX_DOCUMENT_BYTES, match_name=True)
