"""Query strings of the proposal lists (public list, staff queue), parsed by one typed layer
(``abierto.core.filters``). The selectors take the cleaned values (``ListFilterSet.cleaned``)
and keep their seek pagination and cached counts."""

from django.utils.translation import gettext_lazy as _

from abierto.core.filters import (
    BoundedIntegerFilter,
    FlagFilter,
    ListFilterSet,
    PageFilter,
    TextFilter,
    choice_filter,
)
from abierto.core.geo import ProposalScope

from .models import Channel, Proposal, Status


class _ProposalFilters(ListFilterSet):
    """Search and the six facets, shared by the public list and the staff queue."""

    q = TextFilter(label=_("Buscar"), method="keep")
    plan = BoundedIntegerFilter(label=_("Plan"), field_name="plan")
    eje = BoundedIntegerFilter(label=_("Eje"), field_name="axis")
    tema = BoundedIntegerFilter(label=_("Tema"), field_name="theme")
    provincia = choice_filter(
        ProposalScope.choices,
        label=_("Provincia o alcance"),
        field_name="province",
        empty_label=_("Todas"),
    )
    estado = choice_filter(Status.choices, label=_("Estado"), field_name="status")
    canal = choice_filter(Channel.choices, label=_("Canal"), field_name="channel")
    #: The proposals written at one mesa (linked from the mesa's pages; no facet of its own).
    mesa = BoundedIntegerFilter(label=_("Mesa"), field_name="mesa")

    #: Field name -> parameter name (the facets of the page are named by field).
    PARAMS = {"plan": "plan", "axis": "eje", "theme": "tema", "province": "provincia"}
    PARAMS |= {"status": "estado", "channel": "canal", "mesa": "mesa"}

    def keep(self, queryset, _name, _value):
        return queryset  # the search is the selector's (Spanish full text)

    class Meta:
        model = Proposal
        fields: list[str] = []

    def selector_filters(self) -> dict:
        """The values the selectors take: ``plan, axis, theme, province, status, channel, mesa,
        q``."""
        cleaned = self.cleaned
        return {name: cleaned[name] for name in (*self.PARAMS, "q")}


class ProposalListFilter(_ProposalFilters):
    """``/propuestas/``: search, the six facets and the seek cursors."""

    despues = PageFilter(label=_("Página siguiente"))
    antes = PageFilter(label=_("Página anterior"))
    ultima = FlagFilter(label=_("Última página"))


#: The staff queue's own values of ``estado``: what waits for review (the default) and all.
WAITING = "por-revisar"
ALL_STATES = "todos"


class StaffQueueFilter(_ProposalFilters):
    """``/gestion/propuestas/``: the public filters, moderation and the page (a tracking code
    is looked up by the queue itself, posted, never in the query string).

    Without ``estado`` the queue shows what waits for review (received or in review);
    ``estado=todos`` shows every state."""

    estado = choice_filter(
        [
            (WAITING, _("Por revisar")),
            (ALL_STATES, _("Todos los estados")),
            *Status.choices,
        ],
        label=_("Estado"),
        field_name="status",
        method="keep",
        empty_label=None,
    )

    oculta = choice_filter(
        [("no", _("Visibles")), ("si", _("Ocultas"))],
        label=_("Moderación"),
        method="keep",
        empty_label=_("Todas"),
    )
    pagina = PageFilter()

    def selector_filters(self) -> dict:
        cleaned = self.cleaned
        state = cleaned["status"] or WAITING
        return {
            **super().selector_filters(),
            "status": "" if state in (WAITING, ALL_STATES) else state,
            "state_choice": state,
            "waiting": state == WAITING,
            "oculta": cleaned["oculta"] or "",
        }
