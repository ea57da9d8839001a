"""Query string of the actors directory (``/actores/``), parsed by ``abierto.core.filters``."""

from django.utils.translation import gettext_lazy as _

from abierto.core.filters import ListFilterSet, PageFilter, choice_filter
from abierto.core.geo import Province

from . import selectors
from .models import Organization, Sector


class ActorFilter(ListFilterSet):
    sector = choice_filter(Sector.choices, label=_("Sector"), field_name="sector")
    provincia = choice_filter(
        Province.choices, label=_("Provincia"), field_name="province", empty_label=_("Todas")
    )
    tema = choice_filter(
        selectors.topic_choices, label=_("Tema de interés"), field_name="topics__slug"
    )
    pagina = PageFilter()

    class Meta:
        model = Organization
        fields: list[str] = []

    def selector_filters(self) -> dict[str, str]:
        """The keyword arguments of ``selectors.organization_directory``."""
        cleaned = self.cleaned
        return {
            "sector": cleaned["sector"] or "",
            "province": cleaned["province"] or "",
            "topic": cleaned["topics__slug"] or "",
        }
