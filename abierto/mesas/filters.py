"""The filters of the public mesa list and calendar (Spanish parameter names).

A bad value (an unknown plan, a province that does not exist, a theme id that is text) leaves
that filter out and the page says so; it never breaks the page.
"""

import django_filters
from django.utils.translation import gettext_lazy as _

from abierto.core.geo import Province
from abierto.plans.models import ActionPlan, Theme

from .models import Kind, Mesa


class ThemeChoiceFilter(django_filters.ModelChoiceFilter):
    @property
    def field(self):
        field = super().field
        field.label_from_instance = lambda theme: (
            _("%(theme)s (plan %(number)s)")
            % {
                "theme": theme.name,
                "number": theme.plan.number,
            }
        )
        return field


class MesaFilter(django_filters.FilterSet):
    plan = django_filters.ModelChoiceFilter(
        field_name="plan",
        to_field_name="slug",
        queryset=ActionPlan.objects.filter(mesas__isnull=False).distinct().order_by("-number"),
        label=_("Plan de acción"),
        empty_label=_("Todos los planes"),
    )
    provincia = django_filters.ChoiceFilter(
        field_name="province",
        choices=Province.choices,
        label=_("Provincia"),
        empty_label=_("Todas las provincias"),
    )
    tema = ThemeChoiceFilter(
        field_name="theme",
        queryset=Theme.objects.filter(mesas__isnull=False)
        .select_related("plan")
        .distinct()
        .order_by("-plan__number", "order", "name"),
        label=_("Tema"),
        empty_label=_("Todos los temas"),
    )
    tipo = django_filters.ChoiceFilter(
        field_name="kind", choices=Kind.choices, label=_("Tipo"), empty_label=_("Todos los tipos")
    )

    class Meta:
        model = Mesa
        fields: list[str] = []

    def bad_values(self) -> list[str]:
        """Labels of the filters whose value was not understood (they were left out)."""
        if not self.is_bound:
            return []
        return [str(self.form.fields[name].label) for name in self.form.errors]

    def active_query(self) -> str:
        """The query string of the filters that applied (for links to other views)."""
        from urllib.parse import urlencode

        data = self.form.cleaned_data if hasattr(self.form, "cleaned_data") else {}
        pairs = []
        for name in self.filters:
            value = data.get(name)
            if value in (None, ""):
                continue
            if name == "plan":
                value = value.slug
            pairs.append((name, getattr(value, "pk", value)))
        return urlencode(pairs)
