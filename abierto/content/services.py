"""Writes of the content app: pages and documents. Each leaves a row in the ActionLog."""

import datetime

from django.db import transaction

from abierto.core.services import actionlog_record

from .models import Document, Page
from .uploads import check_document_upload

PAGE_FIELDS = (
    "slug",
    "title",
    "title_en",
    "summary",
    "summary_en",
    "body",
    "body_en",
    "order",
    "is_published",
)


@transaction.atomic
def page_create(
    *,
    actor,
    slug: str,
    title: str,
    body: str,
    title_en: str = "",
    summary: str = "",
    summary_en: str = "",
    body_en: str = "",
    order: int = 100,
    is_published: bool = True,
) -> Page:
    page = Page(
        slug=slug,
        title=title,
        title_en=title_en,
        summary=summary,
        summary_en=summary_en,
        body=body,
        body_en=body_en,
        order=order,
        is_published=is_published,
    )
    page.full_clean()
    page.save()
    actionlog_record(
        actor=actor,
        verb="page_created",
        target=page,
        summary=f"Página informativa creada: «{page.title}»",
    )
    return page


@transaction.atomic
def page_update(*, actor, page: Page, **changes) -> Page:
    """Change the given fields of a page (any of ``PAGE_FIELDS``)."""
    unknown = set(changes) - set(PAGE_FIELDS)
    if unknown:
        raise TypeError(f"page_update: campos desconocidos {sorted(unknown)}")
    changed = [name for name, value in changes.items() if getattr(page, name) != value]
    for name in changed:
        setattr(page, name, changes[name])
    page.full_clean()
    page.save()
    actionlog_record(
        actor=actor,
        verb="page_updated",
        target=page,
        summary=f"Página informativa actualizada: «{page.title}»",
    )
    return page


def _attach_upload(document: Document, upload) -> None:
    checked = check_document_upload(upload)
    document.file = upload
    document.file_type = checked.content_type
    document.file_size = checked.size
    document.external_url = ""


@transaction.atomic
def document_create(
    *,
    actor,
    doc_type: str,
    title: str,
    date: datetime.date,
    description: str = "",
    upload=None,
    external_url: str = "",
    plan=None,
    language: str = "es",
    is_example: bool = False,
) -> Document:
    """A repository entry with an uploaded file (checked by content) or an external link."""
    document = Document(
        doc_type=doc_type,
        title=title,
        date=date,
        description=description,
        external_url=external_url,
        plan=plan,
        language=language,
        is_example=is_example,
    )
    if upload is not None:
        _attach_upload(document, upload)
    document.full_clean()
    document.save()
    actionlog_record(
        actor=actor,
        verb="document_created",
        target=document,
        summary=f"Documento publicado en el repositorio: «{document.title}»",
    )
    return document


@transaction.atomic
def document_update(
    *,
    actor,
    document: Document,
    upload=None,
    remove_file: bool = False,
    **changes,
) -> Document:
    """Change a document's fields; a new ``upload`` replaces the file, ``remove_file`` drops it."""
    allowed = {
        "doc_type",
        "title",
        "date",
        "description",
        "external_url",
        "plan",
        "language",
        "is_example",
    }
    unknown = set(changes) - allowed
    if unknown:
        raise TypeError(f"document_update: campos desconocidos {sorted(unknown)}")
    old_file = document.file.name if document.file else ""
    for name, value in changes.items():
        setattr(document, name, value)
    if upload is not None:
        _attach_upload(document, upload)
    elif remove_file:
        document.file = ""
        document.file_type = ""
        document.file_size = None
    document.full_clean()
    document.save()
    new_file = document.file.name if document.file else ""
    if old_file and old_file != new_file:
        storage = document.file.storage
        transaction.on_commit(lambda: storage.delete(old_file))
    actionlog_record(
        actor=actor,
        verb="document_updated",
        target=document,
        summary=f"Documento del repositorio actualizado: «{document.title}»",
    )
    return document
