"""Every write of the commitments app: keyword-only, atomic, checked, audited.

Reporting services (progress reports, milestone progress, measurements, evidence) check
``commitments.report_on`` themselves, so a direct POST by a liaison of another institution is
refused here as well as in the view.
"""

import datetime
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from abierto.core import audit
from abierto.core.permissions import allowed
from abierto.core.roles import SYSTEM_ACTOR
from abierto.core.services import model_update
from abierto.core.uploads import check_upload

from . import verbs
from .models import (
    TRANSITIONS,
    ActorRole,
    Commitment,
    CommitmentActor,
    CommitmentVersion,
    ConsultationComment,
    Evidence,
    EvidenceStatus,
    Indicator,
    IRMAssessment,
    Measurement,
    Milestone,
    MilestoneStatus,
    ProgressReport,
    Status,
)

#: The fields of the sheet: what a version snapshot keeps and what a diff compares.
SHEET_FIELDS = [
    "title",
    "problem",
    "causes",
    "status_quo",
    "objective",
    "description",
    "how_it_solves",
    "expected_results",
    "ogp_values",
    "sdgs",
    "national_plan_link",
    "axis",
    "start_date",
    "end_date",
]
MILESTONE_FIELDS = ["deliverable", "responsible", "start_date", "end_date", "weight", "order"]
INDICATOR_FIELDS = [
    "name",
    "unit",
    "direction",
    "baseline_value",
    "baseline_date",
    "target_value",
    "target_date",
]
IRM_FIELDS = [
    "verifiable",
    "relevance",
    "potential_impact",
    "completion",
    "early_results",
    "starred",
    "report_url",
]
MAX_MILESTONE_WEIGHT_TOTAL = 100
EVIDENCE_KINDS = frozenset({"pdf", "odt", "docx", "jpg", "png"})
EVIDENCE_MAX_BYTES = 10 * 1024 * 1024


# --- helpers -------------------------------------------------------------------------------


def _record(
    *,
    actor,
    verb: verbs.Verb,
    target: models.Model,
    data: dict | None = None,
    changes: dict | None = None,
    public: bool = True,
) -> None:
    """One audit entry (``core.audit.record``); its text is rendered from ``data``."""
    audit.record(
        actor=actor,
        verb=verb,
        target=target,
        data=data,
        changes=changes,
        public=public,
    )


def _person(actor):
    """The account behind ``actor``, or None (the platform itself, an anonymous visitor)."""
    return actor if getattr(actor, "is_authenticated", False) else None


def _require(user, permission: str, obj=None) -> None:
    """Services check the rule themselves (a direct POST meets the same wall as the form).

    ``SYSTEM_ACTOR`` (demo and initial loads written by the platform itself) passes.
    """
    if user == SYSTEM_ACTOR:
        return
    if not allowed(user, permission, obj):
        raise PermissionDenied(_("No tiene permiso para esta acción."))


def _require_reporting_open(commitment: Commitment) -> None:
    if commitment.status not in (Status.FORMALIZED, Status.IN_PROGRESS):
        raise ValidationError(
            _(
                "Solo se reporta sobre compromisos formalizados o en implementación; "
                "este está «%(status)s»."
            )
            % {"status": commitment.get_status_display()}
        )


def sheet_snapshot(commitment: Commitment) -> dict:
    return {field: audit._jsonable(getattr(commitment, field)) for field in SHEET_FIELDS} | {
        "axis_name": commitment.axis.name if commitment.axis else "",
    }


# --- commitments ---------------------------------------------------------------------------


@transaction.atomic
def commitment_create(*, actor, plan, data: dict, is_example: bool = False) -> Commitment:
    _require(actor, "commitments.manage")
    fields = {key: data[key] for key in ["code", *SHEET_FIELDS] if key in data}
    commitment = Commitment(plan=plan, is_example=is_example, **fields)
    commitment.full_clean()
    commitment.save()
    _record(
        actor=actor,
        verb=verbs.COMMITMENT_CREATED,
        target=commitment,
        data={"code": commitment.code},
    )
    return commitment


@transaction.atomic
def commitment_update(*, actor, commitment: Commitment, data: dict) -> dict:
    """Edit the sheet before approval. After that, changes are re-programmings (versioned)."""
    _require(actor, "commitments.manage")
    if commitment.status not in (Status.DRAFT, Status.IN_CONSULTATION):
        raise ValidationError(
            _(
                "La ficha de un compromiso aprobado solo cambia por reprogramación, con una "
                "justificación."
            )
        )
    changes = model_update(instance=commitment, data=data, fields=SHEET_FIELDS)
    if changes:
        _record(actor=actor, verb=verbs.COMMITMENT_UPDATED, target=commitment, changes=changes)
    return changes


@transaction.atomic
def commitment_transition(
    *,
    actor,
    commitment: Commitment,
    status: str,
    acta_url: str = "",
    acta_is_example: bool = False,
) -> Commitment:
    """Move along the lifecycle. Formalising needs the signed acta's address, which is also
    listed in the document repository as "Acta de compromiso"."""
    _require(actor, "commitments.manage")
    passed = commitment
    commitment = Commitment.objects.select_for_update().get(pk=commitment.pk)
    if status not in TRANSITIONS.get(commitment.status, frozenset()):
        raise ValidationError(
            _("Un compromiso «%(current)s» no puede pasar a «%(new)s».")
            % {"current": commitment.get_status_display(), "new": Status(status).label}
        )
    data: dict[str, Any] = {"status": status}
    if status == Status.FORMALIZED:
        acta_url = acta_url or commitment.acta_url
        if not acta_url:
            raise ValidationError(
                {"acta_url": _("Para formalizar el compromiso adjunte el enlace al acta firmada.")}
            )
        data["acta_url"] = acta_url
    if status == Status.IN_PROGRESS and not commitment.milestones.exists():
        raise ValidationError(_("Un compromiso sin hitos no puede entrar en implementación."))
    changes = model_update(instance=commitment, data=data, fields=["status", "acta_url"])
    _record(
        actor=actor,
        verb=verbs.COMMITMENT_STATUS_CHANGED,
        target=commitment,
        data={"status": status},
        changes=changes,
    )
    if status == Status.FORMALIZED:
        _list_acta(actor=actor, commitment=commitment, is_example=acta_is_example)
    passed.status, passed.acta_url = commitment.status, commitment.acta_url
    return commitment


def _list_acta(*, actor, commitment: Commitment, is_example: bool) -> None:
    from abierto.content import services as content_services
    from abierto.content.models import Document, DocumentType

    if Document.objects.filter(plan=commitment.plan, external_url=commitment.acta_url).exists():
        return
    with translation.override(settings.LANGUAGE_CODE):
        title = _("Acta de compromiso %(code)s: %(title)s") % {
            "code": commitment.code,
            "title": commitment.title,
        }
    content_services.document_create(
        actor=actor,
        doc_type=DocumentType.MINUTES,
        title=title[:255],
        date=timezone.localdate(),
        external_url=commitment.acta_url,
        plan=commitment.plan,
        is_example=is_example,
    )


@transaction.atomic
def commitment_reprogram(
    *, actor, commitment: Commitment, data: dict, justification: str
) -> CommitmentVersion:
    """Keep the current sheet as a version, apply the changes, and say why."""
    _require(actor, "commitments.manage")
    justification = (justification or "").strip()
    if not justification:
        raise ValidationError({"justification": _("Explique por qué se reprograma el compromiso.")})
    if commitment.status in (Status.COMPLETED, Status.WITHDRAWN):
        raise ValidationError(_("Un compromiso cerrado no se reprograma."))
    snapshot = sheet_snapshot(commitment)
    number = commitment.version
    changes = model_update(instance=commitment, data=data, fields=SHEET_FIELDS)
    if not changes:
        raise ValidationError(_("La reprogramación no cambia nada de la ficha."))
    version = CommitmentVersion(
        commitment=commitment, number=number, snapshot=snapshot, justification=justification
    )
    version.full_clean()
    version.save()
    commitment.version = number + 1
    commitment.save(update_fields=["version", "updated_at"])
    _record(
        actor=actor,
        verb=verbs.COMMITMENT_REPROGRAMMED,
        target=commitment,
        data={"version": commitment.version, "reason": justification[:300]},
        changes=changes,
    )
    return version


@transaction.atomic
def actor_add(
    *,
    actor,
    commitment: Commitment,
    organization,
    role: str,
    contact_name: str = "",
    contact_email: str = "",
) -> CommitmentActor:
    _require(actor, "commitments.manage")
    if CommitmentActor.objects.filter(commitment=commitment, organization=organization).exists():
        raise ValidationError({"organization": _("Esta organización ya es actor del compromiso.")})
    if (
        role == ActorRole.LEAD
        and CommitmentActor.objects.filter(commitment=commitment, role=ActorRole.LEAD).exists()
    ):
        raise ValidationError({"role": _("El compromiso ya tiene una institución responsable.")})
    row = CommitmentActor(
        commitment=commitment,
        organization=organization,
        role=role,
        contact_name=contact_name,
        contact_email=contact_email,
    )
    row.full_clean()
    row.save()
    _record(
        actor=actor,
        verb=verbs.ACTOR_ADDED,
        target=commitment,
        data={"organization": organization.name, "role": role},
    )
    return row


@transaction.atomic
def actor_remove(*, actor, row: CommitmentActor) -> None:
    _require(actor, "commitments.manage")
    commitment, name, role = row.commitment, row.organization.name, row.role
    row.delete()
    _record(
        actor=actor,
        verb=verbs.ACTOR_REMOVED,
        target=commitment,
        data={"organization": name, "role": role},
    )


@transaction.atomic
def commitment_link_proposals(*, actor, commitment: Commitment, proposals) -> int:
    """Record which proposals the commitment came from (provenance, shown on both sides).

    Only selected or merged proposals of the same plan qualify.
    """
    from abierto.proposals.models import Proposal
    from abierto.proposals.models import Status as ProposalStatus

    _require(actor, "commitments.manage")
    wanted = [p.pk for p in proposals]
    rows = Proposal.objects.filter(pk__in=wanted)
    wrong = rows.exclude(
        plan_id=commitment.plan_id,
        status__in=[ProposalStatus.SELECTED, ProposalStatus.MERGED],
    )
    if wrong.exists():
        raise ValidationError(
            _(
                "Solo se vinculan propuestas seleccionadas o fusionadas del mismo plan que el "
                "compromiso."
            )
        )
    linked = rows.exclude(commitment=commitment)
    titles = list(linked.values_list("title", flat=True))
    count = linked.update(commitment=commitment)
    if count:
        _record(
            actor=actor,
            verb=verbs.PROPOSALS_LINKED,
            target=commitment,
            data={"count": count},
            changes={"source_proposals": [None, titles]},
        )
    return count


@transaction.atomic
def commitment_from_candidate(*, actor, candidate, code: str) -> Commitment:
    """A candidate group of a published evaluation round becomes a draft commitment.

    The draft takes the group's name as title, a problem and objective drafted from its
    proposals' titles (to be rewritten), the plan's period, and every proposal of the group as
    a source proposal (``commitment_link_proposals``).
    """
    from abierto.evaluation.models import CandidateGroup, RoundStatus

    _require(actor, "commitments.manage")
    candidate = (
        CandidateGroup.objects.select_for_update(of=("self",))
        .select_related("round__plan")
        .get(pk=candidate.pk)
    )
    if Commitment.objects.filter(candidate=candidate).exists():
        raise ValidationError(
            _("El grupo candidato «%(name)s» ya tiene su compromiso.") % {"name": candidate.name}
        )
    if candidate.round.status != RoundStatus.PUBLISHED:
        raise ValidationError(
            _(
                "El compromiso borrador se crea cuando la ronda de evaluación ya publicó sus "
                "resultados."
            )
        )
    code = (code or "").strip().upper()
    if Commitment.objects.filter(code=code).exists():
        raise ValidationError({"code": _("El código %(code)s ya está en uso.") % {"code": code}})
    proposals = [entry.proposal for entry in candidate.entries.select_related("proposal")]
    if not proposals:
        raise ValidationError(_("El grupo candidato no tiene propuestas."))
    titles = "; ".join(proposal.title for proposal in proposals)
    plan = candidate.round.plan
    commitment = Commitment(
        plan=plan,
        candidate=candidate,
        code=code,
        title=candidate.name[:255],
        problem=_("Borrador por redactar, a partir de las propuestas: %(titles)s.")
        % {"titles": titles},
        objective=_("Borrador por redactar: objetivo del compromiso «%(name)s».")
        % {"name": candidate.name},
        start_date=plan.start_date,
        end_date=plan.end_date,
    )
    commitment.full_clean()
    commitment.save()
    _record(
        actor=actor,
        verb=verbs.COMMITMENT_FROM_CANDIDATE,
        target=commitment,
        data={"code": commitment.code, "candidate": candidate.name},
    )
    commitment_link_proposals(actor=actor, commitment=commitment, proposals=proposals)
    return commitment


# --- milestones ----------------------------------------------------------------------------


def _milestone_rules(milestone: Milestone) -> None:
    commitment = milestone.commitment
    errors: dict[str, str] = {}
    others = (
        Milestone.objects.filter(commitment=commitment)
        .exclude(pk=milestone.pk if milestone.pk else 0)
        .aggregate(total=models.Sum("weight"))["total"]
        or 0
    )
    if milestone.weight is not None and others + milestone.weight > MAX_MILESTONE_WEIGHT_TOTAL:
        errors["weight"] = _(
            "Los pesos de los hitos suman %(total)s %%; no pueden pasar de 100 %% "
            "(los demás hitos ya suman %(others)s %%)."
        ) % {"total": others + milestone.weight, "others": others}
    if milestone.start_date and milestone.start_date < commitment.start_date:
        errors["start_date"] = _("El hito empieza antes que el compromiso (%(date)s).") % {
            "date": date_format(commitment.start_date)
        }
    if milestone.end_date and milestone.end_date > commitment.end_date:
        errors["end_date"] = _("El hito termina después que el compromiso (%(date)s).") % {
            "date": date_format(commitment.end_date)
        }
    if milestone.start_date and milestone.end_date and milestone.end_date < milestone.start_date:
        errors["end_date"] = _("El hito termina antes de empezar.")
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def milestone_create(
    *, actor, commitment: Commitment, data: dict, is_example: bool = False
) -> Milestone:
    _require(actor, "commitments.manage")
    fields = {key: data[key] for key in MILESTONE_FIELDS if key in data}
    milestone = Milestone(commitment=commitment, is_example=is_example, **fields)
    milestone.full_clean()
    _milestone_rules(milestone)
    milestone.save()
    _record(
        actor=actor,
        verb=verbs.MILESTONE_CREATED,
        target=commitment,
        data={"milestone": milestone.deliverable},
    )
    return milestone


@transaction.atomic
def milestone_update(*, actor, milestone: Milestone, data: dict) -> dict:
    _require(actor, "commitments.manage")
    for field in MILESTONE_FIELDS:
        if field in data:
            setattr(milestone, field, data[field])
    _milestone_rules(milestone)
    milestone.refresh_from_db(fields=MILESTONE_FIELDS)
    changes = model_update(instance=milestone, data=data, fields=MILESTONE_FIELDS)
    if changes:
        _record(
            actor=actor,
            verb=verbs.MILESTONE_UPDATED,
            target=milestone.commitment,
            data={"milestone": milestone.deliverable},
            changes=changes,
        )
    return changes


def _has_verified_evidence(milestone: Milestone) -> bool:
    return milestone.evidence.filter(status=EvidenceStatus.VERIFIED).exists()


@transaction.atomic
def milestone_report_progress(*, actor, milestone: Milestone, progress: int) -> Milestone:
    """A liaison reports a milestone's progress; 100 % marks it completed.

    Completion needs at least one verified piece of evidence: pending or rejected evidence
    never counts.
    """
    commitment = milestone.commitment
    _require(actor, "commitments.report_on", commitment)
    _require_reporting_open(commitment)
    if not isinstance(progress, int) or isinstance(progress, bool) or not 0 <= progress <= 100:
        raise ValidationError({"progress": _("El avance es un número entero entre 0 y 100.")})
    milestone = Milestone.objects.select_for_update().get(pk=milestone.pk)
    if milestone.is_completed and progress == 100:
        return milestone  # the same report sent again (a double click): nothing changes
    if milestone.is_completed:
        raise ValidationError(_("Este hito ya está cumplido; su avance no cambia."))
    if progress == 100:
        if not _has_verified_evidence(milestone):
            raise ValidationError(
                {
                    "progress": _(
                        "Para marcar el hito como cumplido (100 %) hace falta al menos una "
                        "evidencia verificada por el Grupo Núcleo. Envíe la evidencia y "
                        "reporte un avance menor mientras se verifica."
                    )
                }
            )
        status = MilestoneStatus.COMPLETED
    else:
        status = MilestoneStatus.IN_PROGRESS if progress > 0 else MilestoneStatus.NOT_STARTED
    changes = model_update(
        instance=milestone,
        data={"progress": progress, "status": status},
        fields=["progress", "status"],
    )
    if changes:
        verb = (
            verbs.MILESTONE_COMPLETED
            if status == MilestoneStatus.COMPLETED
            else verbs.MILESTONE_PROGRESS_REPORTED
        )
        _record(
            actor=actor,
            verb=verb,
            target=commitment,
            data={"milestone": milestone.deliverable, "progress": progress},
            changes=changes,
        )
    return milestone


# --- indicators and measurements -----------------------------------------------------------


@transaction.atomic
def indicator_create(
    *, actor, commitment: Commitment, data: dict, is_example: bool = False
) -> Indicator:
    _require(actor, "commitments.manage")
    fields = {key: data[key] for key in INDICATOR_FIELDS if key in data}
    indicator = Indicator(commitment=commitment, is_example=is_example, **fields)
    indicator.full_clean()
    indicator.save()
    _record(
        actor=actor,
        verb=verbs.INDICATOR_CREATED,
        target=commitment,
        data={"indicator": indicator.name},
    )
    return indicator


@transaction.atomic
def measurement_record(
    *,
    actor,
    indicator: Indicator,
    value: Decimal,
    date: datetime.date,
    source: str,
    is_example: bool = False,
) -> Measurement:
    commitment = indicator.commitment
    _require(actor, "commitments.report_on", commitment)
    _require_reporting_open(commitment)
    plan = commitment.plan
    errors: dict[str, str] = {}
    if date is None:
        errors["date"] = _("Indique la fecha de la medición.")
    elif not plan.start_date <= date <= plan.end_date:
        errors["date"] = _(
            "La medición tiene que estar dentro del periodo del plan (del %(start)s al %(end)s)."
        ) % {
            "start": date_format(plan.start_date),
            "end": date_format(plan.end_date),
        }
    elif date > timezone.localdate():
        errors["date"] = _("La medición no puede tener una fecha futura.")
    if not (source or "").strip():
        errors["source"] = _("Indique de dónde sale el valor (la fuente).")
    if errors:
        raise ValidationError(errors)
    measurement = Measurement(
        indicator=indicator,
        value=value,
        date=date,
        source=source.strip(),
        reported_by=_person(actor),
        is_example=is_example,
    )
    measurement.full_clean()
    measurement.save()
    _record(
        actor=actor,
        verb=verbs.MEASUREMENT_RECORDED,
        target=commitment,
        data={"indicator": indicator.name, "value": value, "date": date.strftime("%d/%m/%Y")},
    )
    return measurement


# --- progress reports ----------------------------------------------------------------------


@transaction.atomic
def report_submit(
    *,
    actor,
    commitment: Commitment,
    period_start: datetime.date,
    period_end: datetime.date,
    narrative: str,
    difficulties: str = "",
    organization=None,
    is_example: bool = False,
) -> ProgressReport:
    """A liaison's report, in the name of their organisation (``organization`` only for the
    platform's own loads)."""
    _require(actor, "commitments.report_on", commitment)
    _require_reporting_open(commitment)
    errors: dict[str, str] = {}
    if period_start and period_end and period_end < period_start:
        errors["period_end"] = _("El periodo termina antes de empezar.")
    elif period_end and period_end > timezone.localdate():
        errors["period_end"] = _("El periodo del reporte no puede terminar en el futuro.")
    if not (narrative or "").strip():
        errors["narrative"] = _("Cuente qué se avanzó en el periodo.")
    if errors:
        raise ValidationError(errors)
    # The commitment's row is locked so that the same report sent again (a double click, a
    # resent form, forty at once) finds the first one and is answered with it: one report.
    Commitment.objects.select_for_update().filter(pk=commitment.pk).first()
    report = ProgressReport(
        commitment=commitment,
        period_start=period_start,
        period_end=period_end,
        narrative=narrative.strip(),
        difficulties=(difficulties or "").strip(),
        organization=organization or getattr(actor, "organization", None),
        author=_person(actor),
        is_example=is_example,
    )
    same = ProgressReport.objects.filter(
        commitment=commitment,
        period_start=period_start,
        period_end=period_end,
        narrative=report.narrative,
        difficulties=report.difficulties,
        organization=report.organization,
        author=report.author,
    ).first()
    if same is not None:
        return same
    report.full_clean()
    report.save()
    period = f"{period_start.strftime('%d/%m/%Y')}–{period_end.strftime('%d/%m/%Y')}"
    _record(actor=actor, verb=verbs.REPORT_SUBMITTED, target=commitment, data={"period": period})
    return report


# --- evidence ------------------------------------------------------------------------------


@transaction.atomic
def evidence_submit(
    *,
    actor,
    milestone: Milestone,
    description: str,
    upload=None,
    url: str = "",
    is_example: bool = False,
) -> Evidence:
    """A file (checked by content and size) or a link, pending until verified."""
    commitment = milestone.commitment
    _require(actor, "commitments.report_on", commitment)
    _require_reporting_open(commitment)
    url = (url or "").strip()
    if bool(upload) == bool(url):
        raise ValidationError(
            {"file": _("Adjunte un archivo o indique un enlace (uno de los dos, no ambos).")}
        )
    if not (description or "").strip():
        raise ValidationError({"description": _("Describa qué demuestra la evidencia.")})
    evidence = Evidence(
        milestone=milestone,
        description=description.strip(),
        url=url,
        submitted_by=_person(actor),
        is_example=is_example,
    )
    if upload:
        try:
            checked = check_upload(upload, kinds=EVIDENCE_KINDS, max_bytes=EVIDENCE_MAX_BYTES)
        except ValidationError as exc:
            raise ValidationError({"file": exc.messages}) from None
        evidence.file_name = (upload.name or "")[:255]
        evidence.content_type = checked.content_type
        evidence.size = checked.size
        evidence.file.save(f"evidencia.{checked.extension}", upload, save=False)
    try:
        evidence.full_clean(exclude=["file"])
        evidence.save()
        _record(
            actor=actor,
            verb=verbs.EVIDENCE_SUBMITTED,
            target=commitment,
            data={"milestone": milestone.deliverable},
        )
    except Exception:
        # Nothing half-saved: the row rolls back with the transaction, the file goes here.
        if evidence.file:
            evidence.file.delete(save=False)
        raise
    return evidence


def _evidence_for_review(evidence: Evidence) -> Evidence:
    evidence = (
        Evidence.objects.select_for_update(of=("self",))
        .select_related("milestone__commitment")
        .get(pk=evidence.pk)
    )
    if evidence.status != EvidenceStatus.PENDING:
        raise ValidationError(
            _("Esta evidencia ya fue revisada (%(status)s).")
            % {"status": evidence.get_status_display()}
        )
    return evidence


@transaction.atomic
def evidence_verify(*, actor, evidence: Evidence) -> Evidence:
    _require(actor, "commitments.verify_evidence", evidence.milestone.commitment)
    evidence = _evidence_for_review(evidence)
    model_update(
        instance=evidence,
        data={
            "status": EvidenceStatus.VERIFIED,
            "reviewed_by": _person(actor),
            "reviewed_at": timezone.now(),
        },
        fields=["status", "reviewed_by", "reviewed_at"],
    )
    _record(
        actor=actor,
        verb=verbs.EVIDENCE_VERIFIED,
        target=evidence.milestone.commitment,
        data={"milestone": evidence.milestone.deliverable},
    )
    return evidence


@transaction.atomic
def evidence_reject(*, actor, evidence: Evidence, reason: str) -> Evidence:
    _require(actor, "commitments.verify_evidence", evidence.milestone.commitment)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(
            {"reason": _("Explique por qué se rechaza la evidencia: la institución lo leerá.")}
        )
    evidence = _evidence_for_review(evidence)
    model_update(
        instance=evidence,
        data={
            "status": EvidenceStatus.REJECTED,
            "rejection_reason": reason,
            "reviewed_by": _person(actor),
            "reviewed_at": timezone.now(),
        },
        fields=["status", "rejection_reason", "reviewed_by", "reviewed_at"],
    )
    _record(
        actor=actor,
        verb=verbs.EVIDENCE_REJECTED,
        target=evidence.milestone.commitment,
        data={"milestone": evidence.milestone.deliverable, "reason": reason[:300]},
    )
    return evidence


# --- IRM -----------------------------------------------------------------------------------


@transaction.atomic
def irm_save(
    *, actor, commitment: Commitment, data: dict, is_example: bool = False
) -> IRMAssessment:
    _require(actor, "commitments.manage")
    assessment = IRMAssessment.objects.filter(commitment=commitment).first()
    if assessment is None:
        fields = {key: data[key] for key in IRM_FIELDS if key in data}
        assessment = IRMAssessment(commitment=commitment, is_example=is_example, **fields)
        assessment.full_clean()
        assessment.save()
        changes: dict = {"created": [None, True]}
    else:
        changes = model_update(instance=assessment, data=data, fields=IRM_FIELDS)
    if changes:
        _record(actor=actor, verb=verbs.IRM_RECORDED, target=commitment, changes=changes)
    return assessment


# --- consultation --------------------------------------------------------------------------


@transaction.atomic
def comment_post(*, actor, commitment: Commitment, body: str) -> ConsultationComment:
    _require(actor, "commitments.comment", commitment)
    body = (body or "").strip()
    if not body:
        raise ValidationError({"body": _("Escriba su comentario.")})
    comment = ConsultationComment(commitment=commitment, author=actor, body=body)
    comment.full_clean()
    comment.save()
    _record(actor=actor, verb=verbs.COMMENT_POSTED, target=commitment)
    return comment


@transaction.atomic
def comment_answer(*, actor, comment: ConsultationComment, answer: str) -> ConsultationComment:
    _require(actor, "commitments.manage")
    answer = (answer or "").strip()
    if not answer:
        raise ValidationError({"answer": _("Escriba la respuesta.")})
    changes = model_update(
        instance=comment,
        data={"answer": answer, "answered_at": timezone.now()},
        fields=["answer", "answered_at"],
    )
    _record(actor=actor, verb=verbs.COMMENT_ANSWERED, target=comment.commitment, changes=changes)
    return comment
