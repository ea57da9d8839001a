"""Query string of the document repository (``/documentos/``), parsed by
``abierto.core.filters``."""

import django_filters
from django.utils.translation import gettext_lazy as _

from abierto.core.filters import ListFilterSet, PageFilter, TextFilter, choice_filter
from abierto.plans.models import ActionPlan

from . import selectors
from .models import Document, DocumentType


def _year_choices() -> list[tuple[str, str]]:
    return [(str(year), str(year)) for year in selectors.document_years()]


class DocumentFilter(ListFilterSet):
    q = TextFilter(label=_("Buscar en el título"), max_length=100, field_name="title")
    tipo = choice_filter(
        DocumentType.choices,
        label=_("Tipo"),
        field_name="doc_type",
        empty_label=_("Todos los tipos"),
    )
    plan = django_filters.ModelChoiceFilter(
        label=_("Plan"),
        queryset=ActionPlan.objects.order_by("-number", "-version"),
        to_field_name="slug",
        empty_label=_("Todos los planes"),
    )
    anio = choice_filter(
        _year_choices, label=_("Año"), field_name="date__year", empty_label=_("Todos los años")
    )
    pagina = PageFilter()

    class Meta:
        model = Document
        fields: list[str] = []

    def selector_filters(self) -> selectors.DocumentFilters:
        cleaned = self.cleaned
        plan = cleaned["plan"]
        return selectors.DocumentFilters(
            doc_type=cleaned["doc_type"] or "",
            plan_id=plan.pk if plan else None,
            year=int(cleaned["date__year"]) if cleaned["date__year"] else None,
            text=(cleaned["title"] or "").strip(),
        )
