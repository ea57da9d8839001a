"""Small builders for the content tests (real rows, no mocks)."""

import datetime
import io
import zipfile

from django.core.files.uploadedfile import SimpleUploadedFile

from abierto.content.models import Document, DocumentType, Page
from abierto.plans.models import ActionPlan


def make_page(slug="pagina-de-prueba", **fields) -> Page:
    values = {
        "title": "Página de prueba",
        "title_en": "Test page",
        "summary": "Resumen en español",
        "summary_en": "Summary in English",
        "body": "Texto en **español**.",
        "body_en": "Text in **English**.",
        "order": 10,
        **fields,
    }
    return Page.objects.create(slug=slug, **values)


def make_plan(number=2, **fields) -> ActionPlan:
    values = {
        "slug": f"plan-{number}",
        "title": f"Plan de acción {number}",
        "start_date": datetime.date(2022, 1, 1),
        "end_date": datetime.date(2024, 12, 31),
        **fields,
    }
    return ActionPlan.objects.create(number=number, **values)


def make_document(title="Documento de prueba", **fields) -> Document:
    values = {
        "doc_type": DocumentType.MINUTES,
        "date": datetime.date(2022, 9, 15),
        "external_url": "https://example.org/acta.pdf",
        **fields,
    }
    return Document.objects.create(title=title, **values)


def pdf_upload(name="acta.pdf") -> SimpleUploadedFile:
    body = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"
    return SimpleUploadedFile(name, body, content_type="application/pdf")


def docx_upload(name="informe.docx") -> SimpleUploadedFile:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("_rels/.rels", "<Relationships/>")
        archive.writestr("word/document.xml", "<document/>")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="application/octet-stream")


def csv_upload(name="datos.csv", text="provincia;propuestas\nAzuay;12\nGalápagos;3\n"):
    return SimpleUploadedFile(name, text.encode(), content_type="text/csv")


def text_upload(name="falso.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(
        name, b"esto es solo texto, no un PDF\n", content_type="application/pdf"
    )
