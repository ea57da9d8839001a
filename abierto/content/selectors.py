"""Reads of the content app: pages, the document repository and the home page figures."""

import datetime
from dataclasses import dataclass

from django.db.models import Max, Q, QuerySet

from .models import Document, Page


def page_list_published() -> QuerySet[Page]:
    return Page.public_objects.order_by("order", "title")


def page_list_all() -> QuerySet[Page]:
    return Page.objects.order_by("order", "title")


@dataclass(frozen=True)
class DocumentFilters:
    doc_type: str = ""
    plan_id: int | None = None
    year: int | None = None
    text: str = ""


def document_list(*, filters: DocumentFilters) -> QuerySet[Document]:
    """Documents matching the filters, newest first, with their plan (one query per page)."""
    documents = Document.objects.select_related("plan").order_by("-date", "-id")
    if filters.doc_type:
        documents = documents.filter(doc_type=filters.doc_type)
    if filters.plan_id:
        documents = documents.filter(plan_id=filters.plan_id)
    if filters.year:
        documents = documents.filter(date__year=filters.year)
    if filters.text:
        documents = documents.filter(Q(title__icontains=filters.text))
    return documents


def document_years() -> list[int]:
    """The years that hold at least one document, newest first."""
    return [day.year for day in Document.objects.dates("date", "year", order="DESC")]


def repository_last_updated() -> datetime.datetime | None:
    """When the repository last changed (a document added or edited)."""
    return Document.objects.aggregate(last=Max("updated_at"))["last"]


def document_get(*, pk: int) -> Document | None:
    return Document.objects.select_related("plan").filter(pk=pk).first()


def home_open_call():
    """The proposal stage open today that closes first, with its plan (or ``None``), and the
    days left including today."""
    from django.utils import timezone

    from abierto.plans.selectors import open_proposal_stage

    stage = open_proposal_stage()
    if stage is None:
        return None, 0
    return stage, (stage.end_date - timezone.localdate()).days + 1
