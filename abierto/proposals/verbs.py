"""Audit verbs of the proposals app. The public timeline of a proposal is read from them."""

from django.utils.translation import gettext_lazy as _

from abierto.core.audit import Verb

from .models import Channel, Status


def _status(value):
    return Status(value).label


def _channel(value):
    return Channel(value).label


def _outcome(value):
    return {"restaurada": _("visible de nuevo"), "oculta": _("sigue oculta")}.get(value, value)


PROPOSAL_RECEIVED = Verb(
    "proposal.received", _("Propuesta recibida (%(channel)s)."), display={"channel": _channel}
)
PROPOSAL_STATUS_CHANGED = Verb(
    "proposal.status_changed", _("Estado: %(status)s."), display={"status": _status}
)
PROPOSAL_DECIDED = Verb("proposal.decided", _("Decisión: %(status)s."), display={"status": _status})
PROPOSAL_MERGED = Verb("proposal.merged", _("Decisión: fusionada con la propuesta n.º %(into)s."))
PROPOSAL_DECISION_CORRECTED = Verb(
    "proposal.decision_corrected",
    _("Decisión corregida: %(status)s. Motivo: %(reason)s"),
    display={"status": _status},
)
PROPOSAL_REOPENED = Verb(
    "proposal.reopened", _("Decisión reabierta para una nueva evaluación. Motivo: %(reason)s")
)
PROPOSAL_WITHDRAWN = Verb("proposal.withdrawn", _("Retirada por quien la propuso."))
PROPOSAL_HIDDEN = Verb("proposal.hidden", _("Ocultada por moderación: %(reason)s"))
PROPOSAL_UNHIDDEN = Verb("proposal.unhidden", _("Visible de nuevo tras revisión de moderación."))
PROPOSAL_PUBLISHED = Verb("proposal.published", _("Publicada tras la revisión de admisibilidad."))
ADHESION_REQUESTED = Verb("adhesion.requested", _("Adhesión pedida por correo."))
ADHESION_CONFIRMED = Verb(
    "adhesion.confirmed", _("Una persona se sumó a la propuesta (%(count)s en total).")
)
REPORT_RECEIVED = Verb("report.received", _("Denuncia recibida: %(reason)s."))
REPORTS_REVIEWED = Verb(
    "report.reviewed", _("Denuncias revisadas: %(outcome)s."), display={"outcome": _outcome}
)

VERBS = [
    PROPOSAL_RECEIVED,
    PROPOSAL_STATUS_CHANGED,
    PROPOSAL_DECIDED,
    PROPOSAL_MERGED,
    PROPOSAL_DECISION_CORRECTED,
    PROPOSAL_REOPENED,
    PROPOSAL_WITHDRAWN,
    PROPOSAL_HIDDEN,
    PROPOSAL_UNHIDDEN,
    PROPOSAL_PUBLISHED,
    ADHESION_REQUESTED,
    ADHESION_CONFIRMED,
    REPORT_RECEIVED,
    REPORTS_REVIEWED,
]
