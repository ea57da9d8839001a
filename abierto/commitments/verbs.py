"""Audit verbs of the commitments app: constants, past tense, ``<noun>.<past-participle>``.

Labels are formatted with the entry's public ``data`` (never personal data).
"""

from django.utils.translation import gettext_lazy as _

from abierto.core.audit import Verb

from .models import ActorRole, Status

COMMITMENT_CREATED = Verb("commitment.created", _("Compromiso %(code)s registrado."))
COMMITMENT_UPDATED = Verb("commitment.updated", _("Ficha del compromiso actualizada."))
COMMITMENT_STATUS_CHANGED = Verb(
    "commitment.status_changed",
    _("Estado del compromiso: %(status)s."),
    display={"status": lambda value: Status(value).label},
)
COMMITMENT_REPROGRAMMED = Verb(
    "commitment.reprogrammed", _("Compromiso reprogramado (versión %(version)s): %(reason)s")
)
ACTOR_ADDED = Verb(
    "actor.added",
    _("Actor añadido: %(organization)s (%(role)s)."),
    display={"role": lambda value: ActorRole(value).label},
)
ACTOR_REMOVED = Verb(
    "actor.removed",
    _("Actor retirado: %(organization)s (%(role)s)."),
    display={"role": lambda value: ActorRole(value).label},
)
PROPOSALS_LINKED = Verb(
    "commitment.proposals_linked", _("Se vincularon %(count)s propuestas de origen.")
)
COMMITMENT_FROM_CANDIDATE = Verb(
    "commitment.drafted",
    _("Compromiso %(code)s creado en borrador desde el grupo candidato «%(candidate)s»."),
)
MILESTONE_CREATED = Verb("milestone.created", _("Hito añadido: %(milestone)s."))
MILESTONE_UPDATED = Verb("milestone.updated", _("Hito modificado: %(milestone)s."))
MILESTONE_PROGRESS_REPORTED = Verb(
    "milestone.progress_reported", _("Avance del hito «%(milestone)s»: %(progress)s %%.")
)
MILESTONE_COMPLETED = Verb("milestone.completed", _("Hito cumplido: %(milestone)s."))
INDICATOR_CREATED = Verb("indicator.created", _("Indicador añadido: %(indicator)s."))
MEASUREMENT_RECORDED = Verb(
    "measurement.recorded", _("Medición del indicador «%(indicator)s»: %(value)s (%(date)s).")
)
REPORT_SUBMITTED = Verb("report.submitted", _("Reporte de avance del periodo %(period)s."))
EVIDENCE_SUBMITTED = Verb(
    "evidence.submitted", _("Evidencia enviada para el hito «%(milestone)s».")
)
EVIDENCE_VERIFIED = Verb("evidence.verified", _("Evidencia verificada: «%(milestone)s»."))
EVIDENCE_REJECTED = Verb(
    "evidence.rejected", _("Evidencia rechazada («%(milestone)s»): %(reason)s")
)
IRM_RECORDED = Verb("irm.recorded", _("Evaluación del IRM registrada."))
COMMENT_POSTED = Verb("comment.posted", _("Comentario de consulta recibido."))
COMMENT_ANSWERED = Verb("comment.answered", _("El Grupo Núcleo respondió un comentario."))

VERBS = [
    COMMITMENT_CREATED,
    COMMITMENT_UPDATED,
    COMMITMENT_STATUS_CHANGED,
    COMMITMENT_REPROGRAMMED,
    ACTOR_ADDED,
    PROPOSALS_LINKED,
    COMMITMENT_FROM_CANDIDATE,
    ACTOR_REMOVED,
    MILESTONE_CREATED,
    MILESTONE_UPDATED,
    MILESTONE_PROGRESS_REPORTED,
    MILESTONE_COMPLETED,
    INDICATOR_CREATED,
    MEASUREMENT_RECORDED,
    REPORT_SUBMITTED,
    EVIDENCE_SUBMITTED,
    EVIDENCE_VERIFIED,
    EVIDENCE_REJECTED,
    IRM_RECORDED,
    COMMENT_POSTED,
    COMMENT_ANSWERED,
]
