import io
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from abierto.content.uploads import MAX_DOCUMENT_BYTES, check_document_upload

from .factories import csv_upload, docx_upload, pdf_upload, text_upload


def _zip(name, entries, first=None):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        if first:
            archive.writestr(first[0], first[1], compress_type=zipfile.ZIP_STORED)
        for path, text in entries.items():
            archive.writestr(path, text)
    return SimpleUploadedFile(name, buffer.getvalue())


def odt_upload():
    return _zip(
        "texto.odt",
        {"content.xml": "<x/>"},
        first=("mimetype", "application/vnd.oasis.opendocument.text"),
    )


def xlsx_upload():
    return _zip("datos.xlsx", {"[Content_Types].xml": "<Types/>", "xl/workbook.xml": "<w/>"})


@pytest.mark.parametrize(
    ("factory", "extension"),
    [
        (pdf_upload, "pdf"),
        (docx_upload, "docx"),
        (csv_upload, "csv"),
        (odt_upload, "odt"),
        (xlsx_upload, "xlsx"),
    ],
)
def test_allowed_types_are_recognised_by_content(factory, extension):
    assert check_document_upload(factory()).extension == extension


@pytest.mark.parametrize(
    ("upload", "message"),
    [
        (text_upload("acta.pdf"), "no corresponde a un PDF válido"),
        (pdf_upload("acta.docx"), "no corresponde a un DOCX válido"),
        (docx_upload("tabla.xlsx"), "no corresponde a un XLSX válido"),
        (SimpleUploadedFile("datos.csv", b"\x89PNG\r\n\x1a\n\x00\x00"), "no corresponde a un CSV"),
        (
            SimpleUploadedFile("datos.csv", "año;valor\n".encode("utf-16")),
            "no corresponde a un CSV",
        ),
        (SimpleUploadedFile("script.html", b"<script>"), "Solo se aceptan archivos PDF"),
        (SimpleUploadedFile("vacio.pdf", b""), "está vacío."),
    ],
)
def test_dishonest_or_unknown_files_are_refused_in_spanish(upload, message):
    with pytest.raises(ValidationError) as error:
        check_document_upload(upload)
    assert message in " ".join(error.value.messages)


def test_files_over_twenty_megabytes_are_refused():
    big = SimpleUploadedFile("grande.pdf", b"%PDF-1.4\n" + b"0" * MAX_DOCUMENT_BYTES)
    with pytest.raises(ValidationError) as error:
        check_document_upload(big)
    assert "el máximo es 20 MB" in error.value.messages[0]
