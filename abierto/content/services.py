"""Writes of the content app: pages and documents. Each leaves a row in the ActionLog."""

import datetime

from django.db import transaction

from abierto.core import audit
from abierto.core.services import model_update

from .models import Document, Page
from .uploads import check_document_upload
from .verbs import DOCUMENT_CREATED, DOCUMENT_UPDATED, PAGE_CREATED, PAGE_UPDATED

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
    audit.record(actor=actor, verb=PAGE_CREATED, target=page, data={"title": page.title})
    return page


@transaction.atomic
def page_update(*, actor, page: Page, **changes) -> Page:
    """Change the given fields of a page (any of ``PAGE_FIELDS``)."""
    unknown = set(changes) - set(PAGE_FIELDS)
    if unknown:
        raise TypeError(f"page_update: campos desconocidos {sorted(unknown)}")
    changed = model_update(instance=page, data=changes, fields=PAGE_FIELDS)
    audit.record(actor=actor, verb=PAGE_UPDATED, target=page, changes=changed)
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
    audit.record(
        actor=actor, verb=DOCUMENT_CREATED, target=document, data={"title": document.title}
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
    if upload is not None:
        _attach_upload(document, upload)
    elif remove_file:
        document.file = ""
        document.file_type = ""
        document.file_size = None
    file_changes: dict[str, list] = {}
    if upload is not None or (remove_file and old_file):
        # The stored name is random; what changed for a reader is the file itself.
        file_changes = {"file": [bool(old_file), upload is not None]}
        file_changes.update({"file_type": [None, None], "file_size": [None, None]})
    changed = model_update(instance=document, data=changes, fields=allowed, applied=file_changes)
    for name in ("file_type", "file_size"):
        changed.pop(name, None)
    new_file = document.file.name if document.file else ""
    if old_file and old_file != new_file:
        storage = document.file.storage
        transaction.on_commit(lambda: storage.delete(old_file))
    audit.record(actor=actor, verb=DOCUMENT_UPDATED, target=document, changes=changed)
    return document
