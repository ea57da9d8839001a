"""The commitment list's filters: one FilterSet, Spanish parameter names, typed parsing.

Bad values never break the page: ``clean_filters`` drops the parameters that did not parse and
names them, so the list shows what the valid filters select with a notice about the rest.
"""

import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from abierto.core.filters import ListFilterSet, TextFilter
from abierto.forum.models import Organization
from abierto.plans.models import ActionPlan, Axis

from .models import PUBLIC_STATUSES, Status
from .progress import Standing

STANDING_CHOICES = [
    (Standing.ON_TRACK.value, _("A tiempo")),
    (Standing.DELAYED.value, _("Con retraso")),
    (Standing.COMPLETED.value, _("Cumplido")),
]
STANDING_LABELS = dict(STANDING_CHOICES)


class CommitmentFilter(ListFilterSet):
    plan = django_filters.ModelChoiceFilter(
        label=_("Plan de acción"),
        queryset=ActionPlan.objects.order_by("-number"),
        empty_label=_("Todos los planes"),
    )
    eje = django_filters.ModelChoiceFilter(
        field_name="axis",
        label=_("Eje"),
        queryset=Axis.objects.select_related("plan"),
        empty_label=_("Todos los ejes"),
    )
    estado = django_filters.ChoiceFilter(
        field_name="status",
        label=_("Estado"),
        choices=[(value, label) for value, label in Status.choices if value in PUBLIC_STATUSES],
        empty_label=_("Todos los estados"),
    )
    institucion = django_filters.ModelChoiceFilter(
        label=_("Institución"),
        queryset=Organization.objects.filter(
            commitment_roles__commitment__status__in=sorted(PUBLIC_STATUSES)
        )
        .distinct()
        .order_by("name"),
        method="filter_institution",
        empty_label=_("Todas las instituciones"),
    )
    situacion = django_filters.ChoiceFilter(
        label=_("Situación"),
        choices=STANDING_CHOICES,
        method="filter_nothing",
        empty_label=_("Cualquier situación"),
    )
    q = TextFilter(label=_("Buscar"), method="filter_text", max_length=100)

    class Meta:
        fields = ["plan", "eje", "estado", "institucion", "situacion", "q"]

    def filter_institution(self, queryset, name, value):
        return queryset.filter(actors__organization=value).distinct()

    def filter_text(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(Q(code__icontains=value) | Q(title__icontains=value))

    def filter_nothing(self, queryset, name, value):
        """Situación is derived from milestones: the view filters the computed rows."""
        return queryset


def clean_filters(data, queryset) -> tuple[CommitmentFilter, list[str]]:
    """A bound FilterSet on the valid parameters and the names of those that were ignored."""
    known = set(CommitmentFilter.base_filters)
    values = {key: data.get(key) for key in known if data.get(key) not in (None, "")}
    filterset = CommitmentFilter(values, queryset=queryset)
    if filterset.is_valid():
        return filterset, []
    ignored = sorted(filterset.errors)
    for key in ignored:
        values.pop(key, None)
    return CommitmentFilter(values, queryset=queryset), ignored
