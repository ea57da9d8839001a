"""Audit verbs of the evaluation app. Public rows carry no person: counts and names of
candidate commitments only."""

from django.utils.translation import gettext_lazy as _

from abierto.core.audit import Verb

from .models import Decision, MemberKind


def _kind(value):
    return MemberKind(value).label


def _decision(value):
    return Decision(value).label


COMMISSION_CREATED = Verb("evaluation_commission.created", _("Comisión evaluadora creada."))
COMMISSION_UPDATED = Verb("evaluation_commission.updated", _("Método de evaluación actualizado."))
MEMBER_ADDED = Verb(
    "commission_member.added",
    _("Integrante añadido a la comisión (%(kind)s)."),
    display={"kind": _kind},
)
MEMBER_UPDATED = Verb("commission_member.updated", _("Integrante de la comisión actualizado."))
MEMBER_REMOVED = Verb(
    "commission_member.removed",
    _("Integrante retirado de la comisión; %(released)s evaluaciones pendientes liberadas."),
)
CONFLICT_DECLARED = Verb("conflict_declaration.declared", _("Conflicto de interés declarado."))
ROUND_CREATED = Verb(
    "evaluation_round.created", _("Ronda de evaluación preparada con %(proposals)s propuestas.")
)
ROUND_UPDATED = Verb("evaluation_round.updated", _("Datos de la ronda actualizados."))
ROUND_OPENED = Verb("evaluation_round.opened", _("Ronda abierta: criterios y pesos fijados."))
ROUND_ASSIGNED = Verb(
    "evaluation_round.assigned", _("%(assignments)s evaluaciones asignadas a la comisión.")
)
ASSIGNMENT_MOVED = Verb("evaluation_assignment.moved", _("Evaluación reasignada."))
ASSIGNMENT_SUBMITTED = Verb("evaluation_assignment.submitted", _("Evaluación enviada."))
ROUND_CLOSED = Verb("evaluation_round.closed", _("Ronda cerrada."))
CANDIDATE_SAVED = Verb("candidate_commitment.saved", _("Compromiso candidato: %(name)s."))
DECISION_DRAFTED = Verb(
    "round_entry.decided",
    _("Decisión preparada para la propuesta n.º %(proposal)s: %(decision)s."),
    display={"decision": _decision},
)
ROUND_PUBLISHED = Verb(
    "evaluation_round.published", _("Resultados publicados: %(proposals)s respuestas razonadas.")
)

VERBS = [
    COMMISSION_CREATED,
    COMMISSION_UPDATED,
    MEMBER_ADDED,
    MEMBER_UPDATED,
    MEMBER_REMOVED,
    CONFLICT_DECLARED,
    ROUND_CREATED,
    ROUND_UPDATED,
    ROUND_OPENED,
    ROUND_ASSIGNED,
    ASSIGNMENT_MOVED,
    ASSIGNMENT_SUBMITTED,
    ROUND_CLOSED,
    CANDIDATE_SAVED,
    DECISION_DRAFTED,
    ROUND_PUBLISHED,
]
