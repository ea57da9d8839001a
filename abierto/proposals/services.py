"""Writes of the proposals app. Each is atomic, leaves an ActionLog row and mails the proposer.

ActionLog summaries are public (the status timeline is read from them): they name the status
and never a person, an email or a phone.
"""

import datetime
import uuid
from collections.abc import Iterable

from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.core.validators import validate_email
from django.db import IntegrityError, connection, transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from abierto.core import audit
from abierto.core.ratelimit import email_subject
from abierto.core.roles import public_role_of
from abierto.core.services import official_text
from abierto.core.uploads import CheckedUpload

from . import counters, selectors
from .codes import new_code
from .models import (
    ADMITTED_STATUSES,
    DECISION_STATUSES,
    TRANSITIONS,
    Adhesion,
    Attachment,
    Channel,
    Proposal,
    Report,
    ReportReason,
    Status,
)
from .tasks import mail_receipt
from .text import fold
from .verbs import (
    ADHESION_CONFIRMED,
    ADHESION_REQUESTED,
    PROPOSAL_DECIDED,
    PROPOSAL_DECISION_CORRECTED,
    PROPOSAL_HIDDEN,
    PROPOSAL_MERGED,
    PROPOSAL_PUBLISHED,
    PROPOSAL_RECEIVED,
    PROPOSAL_REOPENED,
    PROPOSAL_STATUS_CHANGED,
    PROPOSAL_UNHIDDEN,
    PROPOSAL_WITHDRAWN,
    REPORT_RECEIVED,
    REPORTS_REVIEWED,
)

#: Shortest reasoned response accepted: a real sentence, not "no".
MIN_RESPONSE_LENGTH = 20


def _search_fields(proposal: Proposal) -> None:
    """The folded title and text of a proposal (lists and searches) and, on PostgreSQL, its
    ``spanish`` tsvector (title weighted higher), computed by the statement that saves it: an
    expression, so the INSERT writes the row and its GIN entry once, not an UPDATE after it.
    """
    proposal.title_key = fold(proposal.title)[:200]
    proposal.search_text = fold(
        " ".join(
            [
                proposal.title,
                proposal.problem,
                proposal.solution,
                proposal.beneficiaries,
                proposal.organization_name,
                proposal.canton,
            ]
        )
    )
    if connection.vendor == "postgresql":
        from django.contrib.postgres.search import SearchVector
        from django.db.models import Value

        proposal.search_vector = SearchVector(
            Value(proposal.title_key), config="spanish", weight="A"
        ) + SearchVector(Value(proposal.search_text), config="spanish", weight="B")


def proposer_mail_body(proposal: Proposal, *, template: str, **context) -> str:
    """The text of a mail to the proposer (``proposals/email/<template>.txt``), in Spanish."""
    status_url = settings.ABIERTO_SITE_URL + reverse("proposals:status")
    with translation.override(settings.LANGUAGE_CODE):
        return render_to_string(
            f"proposals/email/{template}.txt",
            {"proposal": proposal, "status_url": status_url, **context},
        )


def _mail_proposer(proposal: Proposal, *, template: str, subject: str, **context) -> None:
    """Mail the proposer (if they left an email) in Spanish; the queue sends it after commit.

    ``subject`` is already in the official language (``official_text``). The text is
    rendered now: it tells what happened at this moment (a decision, its reason). The receipt
    of a new proposal is the exception, rendered by its own task (``tasks.mail_receipt``).
    """
    if not proposal.contact_email:
        return
    send_mail(
        subject=str(subject),
        message=proposer_mail_body(proposal, template=template, **context),
        from_email=None,
        recipient_list=[proposal.contact_email],
    )


@transaction.atomic
def proposal_codes_resend(*, email: str) -> int:
    """Mail the tracking codes of every proposal sent with the mailbox ``email``.

    The mailbox is folded as the rate limits fold it (``email_subject``). Each message goes to
    the address written on the proposals themselves, never to the spelling asked with, so a
    code only reaches a mailbox that already received it. Nothing is sent when nothing
    matches, and nothing is recorded: asking is a private act and must not reveal whether an
    address sent proposals. Returns the number of messages queued (0 or more).
    """
    by_address: dict[str, list[Proposal]] = {}
    for proposal in selectors.proposals_by_contact(email):
        by_address.setdefault(proposal.contact_email, []).append(proposal)
    status_url = settings.ABIERTO_SITE_URL + reverse("proposals:status")
    with translation.override(settings.LANGUAGE_CODE):
        for address, proposals in by_address.items():
            items = [
                {
                    "code": p.display_code,
                    "created_at": p.created_at,
                    "url": "" if p.is_hidden else settings.ABIERTO_SITE_URL + p.get_absolute_url(),
                }
                for p in proposals
            ]
            body = render_to_string(
                "proposals/email/codes.txt", {"items": items, "status_url": status_url}
            )
            send_mail(
                subject=_("Sus códigos de seguimiento"),
                message=body,
                from_email=None,
                recipient_list=[address],
            )
    return len(by_address)


#: The public content of a submission: a reused idempotency token must carry the same.
_SUBMISSION_FIELDS = (
    "title",
    "problem",
    "solution",
    "beneficiaries",
    "province",
    "canton",
    "proposer_type",
    "organization_name",
    "contact_name",
    "contact_email",
    "contact_phone",
)


def _same_submission(existing: Proposal, candidate: Proposal) -> bool:
    """``candidate`` is the submission that created ``existing`` (a double click, a reload)."""
    return (
        all(getattr(existing, f) == getattr(candidate, f) for f in _SUBMISSION_FIELDS)
        and existing.plan_id == candidate.plan_id
        and existing.axis_id == candidate.axis_id
        and existing.theme_id == candidate.theme_id
        and existing.channel == candidate.channel
        and existing.mesa_id == candidate.mesa_id
    )


def _replayed(existing: Proposal, candidate: Proposal) -> tuple[Proposal, bool]:
    """The answer to a token seen before: the first proposal, or an error if it was reused.

    A token reused with other content never hands out the first person's code.
    """
    if not _same_submission(existing, candidate):
        raise ValidationError(
            _("Este formulario ya se había enviado. Revise sus datos y vuelva a enviarlo."),
            code="token_reused",
        )
    return existing, False


def _check_plan_parts(*, plan, axis, theme) -> None:
    """The axis and theme belong to the plan the proposal is sent to."""
    errors: dict[str, str] = {}
    if axis is not None and axis.plan_id != plan.pk:
        errors["axis"] = _("Elija un eje de este plan de acción.")
    if theme is not None and theme.plan_id != plan.pk:
        errors["theme"] = _("Elija un tema de este plan de acción.")
    if errors:
        raise ValidationError(errors, code="foreign_choice")


def _check_mesa(*, plan, channel: str, mesa, now: datetime.datetime) -> None:
    """A proposal written at a mesa names that mesa, of the same plan, and one that took place
    (or is taking place); a proposal of any other channel names no mesa."""
    from abierto.mesas.models import MesaStatus

    if channel == Channel.MESA:
        if mesa is None:
            raise ValidationError(
                {"mesa": _("Indique la mesa en la que se recibió la propuesta.")},
                code="mesa_required",
            )
        if mesa.plan_id != plan.pk:
            raise ValidationError(
                {
                    "mesa": _(
                        "Esa mesa es de otro plan de acción: elija una mesa del plan al que "
                        "se envía la propuesta."
                    )
                },
                code="mesa_other_plan",
            )
        if mesa.status == MesaStatus.CANCELLED:
            raise ValidationError(
                {"mesa": _("Esa mesa fue cancelada: no pudo recibir propuestas.")},
                code="mesa_cancelled",
            )
        if mesa.starts_at > now:
            raise ValidationError(
                {"mesa": _("Esa mesa todavía no se ha realizado: no pudo recibir propuestas.")},
                code="mesa_not_held",
            )
    elif mesa is not None:
        raise ValidationError(
            {
                "mesa": _(
                    "Solo las propuestas recibidas en una mesa de cocreación indican una mesa: "
                    "elija el canal «Mesa de cocreación» o deje la mesa vacía."
                )
            },
            code="mesa_not_expected",
        )


def _check_reception(*, plan, channel: str) -> None:
    """The plan receives today: its proposal stage is open (web), or it is in co-creation
    (mesa and paper, typed in by the team after the event)."""
    from abierto.plans.models import PlanStatus
    from abierto.plans.selectors import open_proposal_stage

    if channel == Channel.WEB:
        if open_proposal_stage(plan=plan) is None:
            raise ValidationError(
                _("La recepción de propuestas de este plan no está abierta hoy."), code="closed"
            )
    elif plan.status != PlanStatus.CO_CREATION:
        raise ValidationError(
            _("Este plan ya no está en cocreación: no recibe propuestas de mesas ni en papel."),
            code="closed",
        )


def proposal_submit(
    *,
    actor,
    plan,
    title: str,
    problem: str,
    solution: str,
    beneficiaries: str,
    province: str,
    proposer_type: str,
    contact_name: str,
    contact_email: str = "",
    contact_phone: str = "",
    axis=None,
    theme=None,
    canton: str = "",
    organization_name: str = "",
    gender: str = "",
    age_range: str = "",
    self_identification: str = "",
    channel: str = Channel.WEB,
    mesa=None,
    attachments: Iterable[CheckedUpload] = (),
    idempotency_token: uuid.UUID | None = None,
    is_example: bool = False,
    created_at: datetime.datetime | None = None,
) -> tuple[Proposal, bool]:
    """Receive a proposal and give it a tracking code; mail the code to the proposer.

    Returns ``(proposal, created)``. The same ``idempotency_token`` sent twice with the same
    content (a double click, a resent form, twenty threads at once) gives back the first
    proposal and ``created=False``: the unique column decides, so it holds across processes
    and servers. The token sent again with *other* content raises ``ValidationError`` (code
    ``token_reused``): whoever calls (public form, staff form, API, CSV) never hands the first
    person's code to a second one.

    Every rule lives here, not in the callers: the model's validators (``full_clean``), the
    axis and theme belong to ``plan``, a mesa proposal names its ``mesa`` (of ``plan``, not
    cancelled) and no other channel names one, web submissions need the plan's proposal stage open
    today, mesa and paper entries need the plan in co-creation. ``created_at`` records a
    proposal received in the past (demo history, imports): reception is then not checked
    against today.

    ``actor`` is whoever entered it: the citizen (or anonymous visitor) on the web, or the
    staff member who typed in a paper or mesa proposal on someone's behalf.
    """
    from abierto.plans.models import Publication

    token = idempotency_token or uuid.uuid4()
    is_staff_entry = channel != Channel.WEB
    held = plan.publication == Publication.AFTER_CHECK
    now = created_at or timezone.now()
    proposal = Proposal(
        plan=plan,
        title=title.strip(),
        problem=problem.strip(),
        solution=solution.strip(),
        beneficiaries=beneficiaries.strip(),
        axis=axis,
        theme=theme,
        province=province,
        canton=canton.strip(),
        proposer_type=proposer_type,
        organization_name=organization_name.strip(),
        channel=channel,
        mesa=mesa,
        status=Status.RECEIVED,
        status_changed_at=now,
        created_at=now,
        contact_name=contact_name.strip(),
        contact_email=contact_email.strip().lower(),
        contact_phone=contact_phone.strip(),
        gender=gender,
        age_range=age_range,
        self_identification=self_identification,
        consent_at=now,
        idempotency_token=token,
        is_example=is_example,
        held_for_check=held,
        is_hidden=held,
        submitted_by=None
        if is_staff_entry or not getattr(actor, "is_authenticated", False)
        else actor,
        entered_by=actor if is_staff_entry and getattr(actor, "is_authenticated", False) else None,
    )
    existing = Proposal.objects.filter(idempotency_token=token).first()
    if existing is not None:
        return _replayed(existing, proposal)
    _check_plan_parts(plan=plan, axis=axis, theme=theme)
    if created_at is None:
        _check_reception(plan=plan, channel=channel)
    _check_mesa(plan=plan, channel=channel, mesa=mesa, now=now)
    _search_fields(proposal)
    # The code is drawn below; uniqueness of the code and the token is left to the database.
    # The model's check constraints are about decisions (a response, a merge target) and a
    # new proposal is "recibida": Django would ask the database one query per constraint
    # (about a quarter of this function's time) to confirm it; the database still enforces them.
    proposal.full_clean(
        exclude=["tracking_code", "idempotency_token", "search_vector"],
        validate_unique=False,
        validate_constraints=False,
    )
    # Everything above only reads; the transaction holds the writes alone, so on SQLite the
    # site-wide write lock (taken when it begins) is held for the inserts and nothing else.
    with transaction.atomic():
        for _attempt in range(5):
            proposal.tracking_code = new_code()
            try:
                with transaction.atomic():
                    _store(proposal)
                break
            except IntegrityError:
                proposal.pk = None
                winner = Proposal.objects.filter(idempotency_token=token).first()
                if winner is not None:
                    return _replayed(winner, proposal)
                # Otherwise the code collided (one chance in 2^78): draw another.
        else:  # pragma: no cover - five collisions in a row do not happen
            raise RuntimeError("No se pudo asignar un código de seguimiento.")
        for checked in attachments:
            attachment = Attachment(
                proposal=proposal,
                original_name=(checked.upload.name or "")[:255],
                extension=checked.extension,
                content_type=checked.content_type,
                size=checked.size,
            )
            attachment.file.save("adjunto", checked.upload, save=False)
            attachment.save()
        audit.record(
            actor=actor, verb=PROPOSAL_RECEIVED, target=proposal, data={"channel": str(channel)}
        )
        _changed()
        if proposal.contact_email:
            # Queued in this transaction (committed with the proposal, or not at all) and
            # rendered by the worker: no second write and no template in the request.
            mail_receipt.enqueue(proposal_id=proposal.pk)
    return proposal, True


def _changed() -> None:
    """Cached list counts are now stale: bump their version now and again after commit.

    Now, so this transaction's own later reads see fresh counts; after commit, so a reader
    that cached counts between the two (seeing the old rows) is not believed for long.
    """
    from .selectors import bump_list_version

    bump_list_version()
    transaction.on_commit(bump_list_version)


def _lock(proposal: Proposal) -> Proposal:
    return Proposal.objects.select_for_update().get(pk=proposal.pk)


def _status_label(status: str) -> str:
    with translation.override("es"):
        return str(Status(status).label)


def _path(from_status: str, to_status: str) -> list[Status]:
    """The statuses a proposal goes through from ``from_status`` to ``to_status`` (the latter
    included), following ``TRANSITIONS`` forward; empty when it cannot get there."""
    frontier: list[list[Status]] = [[]]
    seen = {from_status}
    while frontier:
        next_frontier = []
        for route in frontier:
            here = route[-1] if route else from_status
            for step in sorted(TRANSITIONS[here]):
                if step == Status.WITHDRAWN or step in seen:
                    continue
                if step == to_status:
                    return [*route, Status(step)]
                seen.add(step)
                next_frontier.append([*route, Status(step)])
        frontier = next_frontier
    return []


def reachable_statuses(status: str) -> list[Status]:
    """Where staff may take a proposal in ``status`` in one save, in lifecycle order."""
    return [s for s in Status if s != Status.WITHDRAWN and _path(status, s)]


def _route(proposal: Proposal, to_status: Status) -> list[Status]:
    route = _path(proposal.status, to_status)
    if not route:
        raise ValidationError(
            _("Una propuesta «%(from)s» no puede pasar a «%(to)s».")
            % {"from": proposal.get_status_display(), "to": to_status.label},
            code="transition",
        )
    return route


def _check_reason(reason: str) -> str:
    reason = (reason or "").strip()
    if len(reason) < MIN_RESPONSE_LENGTH:
        raise ValidationError(
            {
                "reason": _(
                    "Explique el motivo (al menos %(min)s caracteres): se publica en el "
                    "historial de la propuesta."
                )
                % {"min": MIN_RESPONSE_LENGTH}
            },
            code="reason_required",
        )
    return reason


def _check_decision(
    *, proposal: Proposal, to_status: Status, response_text: str, merged_into: Proposal | None
) -> str:
    """The rules of a final decision: a reasoned response, and a valid merge target."""
    response_text = (response_text or "").strip()
    if len(response_text) < MIN_RESPONSE_LENGTH:
        raise ValidationError(
            {
                "response_text": _(
                    "Escriba la respuesta razonada (al menos %(min)s caracteres): explica "
                    "públicamente por qué se tomó esta decisión."
                )
                % {"min": MIN_RESPONSE_LENGTH}
            },
            code="response_required",
        )
    if to_status == Status.MERGED:
        if merged_into is None or merged_into.pk == proposal.pk:
            raise ValidationError(
                {"merged_into": _("Indique otra propuesta con la que se fusiona.")},
                code="merge_target",
            )
        if merged_into.status == Status.MERGED or merged_into.plan_id != proposal.plan_id:
            raise ValidationError(
                {
                    "merged_into": _(
                        "La propuesta de destino debe ser del mismo plan y no estar fusionada."
                    )
                },
                code="merge_target",
            )
    return response_text


def _final_status(to_status: str) -> Status:
    status = Status(to_status)
    if status not in DECISION_STATUSES:
        raise ValidationError(
            {
                "to_status": _(
                    "Elija una decisión final: no admitida, seleccionada, fusionada o no "
                    "seleccionada."
                )
            },
            code="not_final",
        )
    return status


def _set_status(proposal: Proposal, status: Status) -> list[str]:
    """Set the status; returns ``[old, new]`` for the audit entry's changes."""
    old = str(proposal.status)
    proposal.status = status
    proposal.status_changed_at = timezone.now()
    return [old, str(status)]


def _step(*, actor, proposal: Proposal, status: Status) -> None:
    """One non-final step (saved and recorded), e.g. "en revisión" on the way to a decision."""
    change = _set_status(proposal, status)
    _save(proposal, ["status", "status_changed_at"])
    audit.record(
        actor=actor,
        verb=PROPOSAL_STATUS_CHANGED,
        target=proposal,
        data={"status": str(status)},
        changes={"status": change},
    )


def _apply_decision(
    *,
    actor,
    proposal: Proposal,
    status: Status,
    response_text: str,
    merged_into: Proposal | None,
) -> dict[str, list]:
    """Set a final decision; returns its changes (``{field: [old, new]}``) for the audit."""
    before: dict[str, str | int | None] = {
        "response_text": proposal.response_text,
        "merged_into": proposal.merged_into_id,
    }
    changes: dict[str, list] = {"status": _set_status(proposal, status)}
    proposal.response_text = response_text
    proposal.response_role = public_role_of(actor)
    proposal.response_date = timezone.localdate()
    proposal.merged_into = merged_into if status == Status.MERGED else None
    after = {"response_text": proposal.response_text, "merged_into": proposal.merged_into_id}
    changes.update({k: [before[k], after[k]] for k in before if before[k] != after[k]})
    return changes


_DECISION_FIELDS = [
    "status",
    "status_changed_at",
    "response_text",
    "response_role",
    "response_date",
    "merged_into",
]


def _save(proposal: Proposal, fields: list[str]) -> None:
    proposal.full_clean(
        exclude=["tracking_code", "idempotency_token", "search_vector"], validate_unique=False
    )
    _store(proposal, fields)


def _store(proposal: Proposal, fields: list[str] | None = None) -> None:
    """Write ``proposal``: insert it (``fields`` None) or save ``fields``. The one place the
    services write a proposal row, so the counts of public proposals (``ProposalCount``)
    change with it, in the same transaction: when the write creates a proposal or touches a
    counted field (``counters.COUNTED_FIELDS``), the stored row's counted fields before (read
    under the caller's lock) and after are handed to ``counters.proposal_stored``.

    Columns written elsewhere with ``update()`` (search vector, adhesion count, commitment,
    demo response dates) are never counted ones.
    """
    if fields is None:
        proposal.save(force_insert=True)
        counters.proposal_stored(before=None, after=counters.state_of(proposal))
        return
    counted = counters.COUNTED_FIELDS.intersection(fields)
    before = counters.stored_state(proposal.pk) if counted else None
    proposal.save(update_fields=fields)
    if before is not None:
        now = counters.state_of(proposal)
        after = {**before, **{column: now[column] for column in counters.columns(counted)}}
        counters.proposal_stored(before=before, after=after)


def _mail_status(proposal: Proposal, **context) -> None:
    _mail_proposer(
        proposal,
        template="status",
        subject=official_text(
            "Su propuesta cambió de estado: %(status)s", status=_status_label(proposal.status)
        ),
        **context,
    )


def _publish_if_admitted(*, actor, proposal: Proposal) -> None:
    """A proposal held for its admissibility check (plan published "after the check") becomes
    public once admitted: in evaluation, or any decision but "no admitida". Audited (public).
    An inadmissible one is never published; its proposer reads the response with the code."""
    if not proposal.held_for_check or proposal.status not in ADMITTED_STATUSES:
        return
    proposal.held_for_check = False
    proposal.is_hidden = bool(proposal.hidden_reason)
    _store(proposal, ["held_for_check", "is_hidden"])
    audit.record(
        actor=actor,
        verb=PROPOSAL_PUBLISHED,
        target=proposal,
        changes={"held_for_check": [True, False]},
    )


@transaction.atomic
def proposal_transition(*, actor, proposal: Proposal, to_status: str) -> Proposal:
    """Move an open proposal forward without deciding it (e.g. to "en revisión").

    ``received → in_review → in_evaluation``; a skipped status is recorded on the way, so the
    public history shows every step. No mail: the proposer hears about the decision
    (``proposal_decide``), and the status page shows the progress. Final decisions go through
    ``proposal_decide``.
    """
    proposal = _lock(proposal)
    target = Status(to_status)
    if target == Status.WITHDRAWN:
        raise ValidationError(_("Solo quien envió la propuesta puede retirarla."))
    if target in DECISION_STATUSES:
        raise ValidationError(
            {
                "response_text": _(
                    "Una decisión final necesita su respuesta razonada: use «Decidir»."
                )
            },
            code="decision_needs_response",
        )
    for step in _route(proposal, target):
        _step(actor=actor, proposal=proposal, status=step)
    _publish_if_admitted(actor=actor, proposal=proposal)
    _changed()
    return proposal


@transaction.atomic
def proposal_decide(
    *,
    actor,
    proposal: Proposal,
    to_status: str,
    response_text: str,
    merged_into: Proposal | None = None,
) -> Proposal:
    """Decide an open proposal in one step, with its public reasoned response.

    From received, in review or in evaluation to inadmissible, selected, merged or not
    selected. The statuses in between are recorded in the public history (received →
    selected writes "en revisión", "en evaluación", then the decision), and the proposer gets
    one mail: the decision with its response. The response is signed with the actor's role
    and dated today. Merging needs another proposal of the same plan, not merged itself.
    """
    proposal = _lock(proposal)
    status = _final_status(to_status)
    route = _route(proposal, status)
    response_text = _check_decision(
        proposal=proposal, to_status=status, response_text=response_text, merged_into=merged_into
    )
    for step in route[:-1]:
        _step(actor=actor, proposal=proposal, status=step)
    changes = _apply_decision(
        actor=actor,
        proposal=proposal,
        status=status,
        response_text=response_text,
        merged_into=merged_into,
    )
    _save(proposal, _DECISION_FIELDS)
    if status == Status.MERGED:
        assert merged_into is not None  # checked by _check_decision
        audit.record(
            actor=actor,
            verb=PROPOSAL_MERGED,
            target=proposal,
            data={"status": str(status), "into": merged_into.pk},
            changes=changes,
        )
    else:
        audit.record(
            actor=actor,
            verb=PROPOSAL_DECIDED,
            target=proposal,
            data={"status": str(status)},
            changes=changes,
        )
    _publish_if_admitted(actor=actor, proposal=proposal)
    _changed()
    _mail_status(proposal)
    return proposal


def _check_decided(proposal: Proposal) -> None:
    if proposal.status == Status.WITHDRAWN:
        raise ValidationError(
            _("La persona que la envió retiró esta propuesta: no puede reabrirse ni corregirse."),
            code="withdrawn",
        )
    if proposal.status not in DECISION_STATUSES:
        raise ValidationError(
            _("Solo se corrige o reabre una propuesta con decisión final."), code="not_decided"
        )


@transaction.atomic
def proposal_correct(
    *,
    actor,
    proposal: Proposal,
    to_status: str,
    response_text: str,
    reason: str,
    merged_into: Proposal | None = None,
) -> Proposal:
    """The Grupo Núcleo corrects a final decision: a new final status and response.

    The reason (at least 20 characters) is public in the history; the proposer gets one mail.
    """
    proposal = _lock(proposal)
    _check_decided(proposal)
    status = _final_status(to_status)
    reason = _check_reason(reason)
    response_text = _check_decision(
        proposal=proposal, to_status=status, response_text=response_text, merged_into=merged_into
    )
    target_pk = merged_into.pk if status == Status.MERGED and merged_into is not None else None
    if (
        status == proposal.status
        and response_text == proposal.response_text
        and target_pk == proposal.merged_into_id
    ):
        raise ValidationError(
            _("La corrección no cambia nada: modifique el estado o la respuesta."),
            code="unchanged",
        )
    changes = _apply_decision(
        actor=actor,
        proposal=proposal,
        status=status,
        response_text=response_text,
        merged_into=merged_into,
    )
    if changes["status"][0] == changes["status"][1]:
        del changes["status"]
    _save(proposal, _DECISION_FIELDS)
    audit.record(
        actor=actor,
        verb=PROPOSAL_DECISION_CORRECTED,
        target=proposal,
        data={"status": str(status), "reason": reason},
        changes=changes,
    )
    _publish_if_admitted(actor=actor, proposal=proposal)
    _changed()
    _mail_status(proposal, reason=reason)
    return proposal


@transaction.atomic
def proposal_reopen(*, actor, proposal: Proposal, reason: str) -> Proposal:
    """The Grupo Núcleo reopens a final decision: the proposal is "en evaluación" again.

    The reason (at least 20 characters) is public in the history. The former response is
    cleared from the proposal (the decision it explained is no longer in force) and kept in
    the audit entry's changes. One mail.
    A proposal its proposer withdrew cannot be reopened by staff.
    """
    proposal = _lock(proposal)
    _check_decided(proposal)
    reason = _check_reason(reason)
    changes: dict[str, list] = {
        "status": _set_status(proposal, Status.IN_EVALUATION),
        "response_text": [proposal.response_text, ""],
    }
    if proposal.merged_into_id:
        changes["merged_into"] = [proposal.merged_into_id, None]
    proposal.response_text = ""
    proposal.response_role = ""
    proposal.response_date = None
    proposal.merged_into = None
    _save(proposal, _DECISION_FIELDS)
    # The former response stays in the entry's changes: the public history keeps it.
    audit.record(
        actor=actor,
        verb=PROPOSAL_REOPENED,
        target=proposal,
        data={"reason": reason},
        changes=changes,
    )
    _publish_if_admitted(actor=actor, proposal=proposal)
    _changed()
    _mail_status(proposal, reason=reason)
    return proposal


def proposal_bulk_transition(*, actor, proposals: Iterable[Proposal], to_status: str) -> int:
    """Move many proposals at once (e.g. to "en revisión"); those that cannot move are left.

    Each proposal changes in its own transaction. Returns how many moved.
    """
    moved = 0
    for proposal in proposals:
        try:
            proposal_transition(actor=actor, proposal=proposal, to_status=to_status)
        except ValidationError:
            continue
        moved += 1
    return moved


@transaction.atomic
def proposal_withdraw(*, proposal: Proposal) -> Proposal:
    """The proposer withdraws their proposal (they proved it with the tracking code)."""
    proposal = _lock(proposal)
    if not proposal.can_be_withdrawn:
        raise ValidationError(_("Esta propuesta ya no puede retirarse."), code="closed")
    change = _set_status(proposal, Status.WITHDRAWN)
    _store(proposal, ["status", "status_changed_at"])
    audit.record(actor=None, verb=PROPOSAL_WITHDRAWN, target=proposal, changes={"status": change})
    _changed()
    _mail_proposer(
        proposal,
        template="status",
        subject=official_text("Su propuesta fue retirada"),
    )
    return proposal


def _mail_hidden(proposal: Proposal) -> None:
    _mail_proposer(
        proposal,
        template="hidden",
        subject=official_text("Su propuesta se ocultó de las páginas públicas"),
        reason=proposal.hidden_reason,
    )


def _close_reports(proposal: Proposal) -> int:
    return Report.objects.filter(proposal=proposal, reviewed_at__isnull=True).update(
        reviewed_at=timezone.now()
    )


@transaction.atomic
def proposal_hide(*, actor, proposal: Proposal, reason: str) -> Proposal:
    """Moderation: hide spam or abuse from public pages (reversible, never a deletion).

    The proposer is told by mail, with the reason (which their status page shows too).
    """
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Indique el motivo de la ocultación.")})
    proposal = _lock(proposal)
    proposal.is_hidden = True
    proposal.hidden_reason = reason[:300]
    _store(proposal, ["is_hidden", "hidden_reason"])
    # Not public: the hidden proposal's history is not public either.
    audit.record(
        actor=actor,
        verb=PROPOSAL_HIDDEN,
        target=proposal,
        data={"reason": reason[:300]},
        public=False,
    )
    _changed()
    _mail_hidden(proposal)
    return proposal


@transaction.atomic
def proposal_unhide(*, actor, proposal: Proposal) -> Proposal:
    """Moderation lifts its hiding (pending reports are closed as reviewed). A proposal still
    waiting for its admissibility check stays unpublished until admitted."""
    proposal = _lock(proposal)
    proposal.is_hidden = proposal.held_for_check
    proposal.hidden_reason = ""
    _store(proposal, ["is_hidden", "hidden_reason"])
    _close_reports(proposal)
    audit.record(actor=actor, verb=PROPOSAL_UNHIDDEN, target=proposal, public=False)
    _changed()
    return proposal


# --- Adhesions («Sumarse») -----------------------------------------------------------------

#: Salt and lifetime of the signed link that confirms an anonymous adhesion.
ADHESION_SALT = "abierto.proposals.adhesion"
ADHESION_MAX_AGE = 7 * 24 * 3600


class JoinOutcome:
    JOINED = "sumada"  # counted now (an account, or a confirmed link)
    ALREADY = "ya-sumada"  # this person had already joined: nothing changes
    PENDING = "pendiente"  # a confirmation link went to the mailbox


def _check_joinable(proposal: Proposal) -> None:
    if not proposal.can_be_joined:
        raise ValidationError(
            _("Esta propuesta no admite adhesiones: está retirada, fusionada u oculta."),
            code="not_joinable",
        )


def _count_adhesion(*, actor, adhesion: Adhesion, proposal: Proposal) -> None:
    """Confirm ``adhesion`` (proposal row locked), recount, audit, tell the proposer."""
    adhesion.confirmed_at = timezone.now()
    adhesion.save(update_fields=["confirmed_at", "user"])
    count = Adhesion.objects.filter(proposal=proposal, confirmed_at__isnull=False).count()
    Proposal.objects.filter(pk=proposal.pk).update(adhesion_count=count)
    proposal.adhesion_count = count
    audit.record(
        actor=actor, verb=ADHESION_CONFIRMED, target=proposal, data={"count": count}, public=False
    )
    # The proposer's mail says how many joined, never who: no text chosen by the visitor.
    _mail_proposer(
        proposal,
        template="joined",
        subject=official_text("Una persona más se sumó a su propuesta"),
        count=count,
        url=settings.ABIERTO_SITE_URL + proposal.get_absolute_url(),
    )


def adhesion_token(adhesion: Adhesion) -> str:
    return signing.dumps({"a": adhesion.pk, "k": adhesion.email_key}, salt=ADHESION_SALT)


@transaction.atomic
def adhesion_join(*, actor, proposal: Proposal, email: str = "") -> tuple[Adhesion, str]:
    """Someone joins ``proposal`` («Sumarse»); returns ``(adhesion, outcome)``.

    A signed-in account counts at once (its own address is the mailbox). Anyone else gives an
    address and receives a signed link (``ADHESION_MAX_AGE``); the adhesion counts only once
    the link is followed (``adhesion_confirm``). One adhesion per mailbox and per account: a
    second request is answered with the first (``ALREADY``, or the link sent again while
    pending); two requests at once make one row (the database's unique constraints decide).
    Withdrawn, merged and hidden proposals cannot be joined.
    """
    account = actor if getattr(actor, "is_authenticated", False) else None
    email = (account.email if account is not None else email or "").strip().lower()
    try:
        validate_email(email)
    except ValidationError:
        raise ValidationError(
            {"email": _("Escriba un correo electrónico válido, como nombre@ejemplo.ec.")},
            code="invalid",
        ) from None
    proposal = _lock(proposal)
    _check_joinable(proposal)
    key = email_subject(email)
    mine = Adhesion.objects.filter(proposal=proposal)
    adhesion = mine.filter(email_key=key).first()
    if adhesion is None and account is not None:
        adhesion = mine.filter(user=account).first()
    if adhesion is None:
        adhesion = Adhesion(proposal=proposal, user=account, email=email, email_key=key)
        adhesion.full_clean(exclude=["proposal", "user"], validate_unique=False)
        try:
            with transaction.atomic():
                adhesion.save(force_insert=True)
        except IntegrityError:
            # The same person at the same moment (a double click): theirs is the first row.
            same = Q(email_key=key) | Q(user=account) if account is not None else Q(email_key=key)
            adhesion = mine.filter(same).get()
    if adhesion.confirmed_at is not None:
        return adhesion, JoinOutcome.ALREADY
    if account is not None:
        adhesion.user = account
        _count_adhesion(actor=account, adhesion=adhesion, proposal=proposal)
        return adhesion, JoinOutcome.JOINED
    audit.record(actor=None, verb=ADHESION_REQUESTED, target=proposal, public=False)
    confirm_url = settings.ABIERTO_SITE_URL + reverse(
        "proposals:join_confirm", kwargs={"token": adhesion_token(adhesion)}
    )
    with translation.override(settings.LANGUAGE_CODE):
        body = render_to_string(
            "proposals/email/join_confirm.txt",
            {
                "proposal": proposal,
                "confirm_url": confirm_url,
                "days": ADHESION_MAX_AGE // 86400,
                "url": settings.ABIERTO_SITE_URL + proposal.get_absolute_url(),
            },
        )
        send_mail(
            subject=_("Confirme que se suma a una propuesta"),
            message=body,
            from_email=None,
            recipient_list=[adhesion.email],
        )
    return adhesion, JoinOutcome.PENDING


def adhesion_from_token(token: str) -> Adhesion | None:
    """The adhesion a confirmation link names, or None (tampered, expired or unknown)."""
    try:
        data = signing.loads(token, salt=ADHESION_SALT, max_age=ADHESION_MAX_AGE)
    except signing.BadSignature:  # SignatureExpired is a BadSignature
        return None
    if not isinstance(data, dict) or not isinstance(data.get("a"), int):
        return None
    return (
        Adhesion.objects.select_related("proposal")
        .filter(pk=data["a"], email_key=str(data.get("k")))
        .first()
    )


@transaction.atomic
def adhesion_confirm(*, token: str) -> tuple[Adhesion, str]:
    """Follow the emailed link: the anonymous adhesion counts (once, however often clicked)."""
    adhesion = adhesion_from_token(token)
    if adhesion is None:
        raise ValidationError(
            _("El enlace no es válido o caducó. Pida otro desde la propuesta."), code="bad_token"
        )
    proposal = _lock(adhesion.proposal)
    adhesion = Adhesion.objects.get(pk=adhesion.pk)
    if adhesion.confirmed_at is not None:
        return adhesion, JoinOutcome.ALREADY
    _check_joinable(proposal)
    _count_adhesion(actor=None, adhesion=adhesion, proposal=proposal)
    return adhesion, JoinOutcome.JOINED


# --- Reports («Denunciar») -----------------------------------------------------------------


def _hidden_by_reports_reason(reasons: Iterable[str], count: int) -> str:
    with translation.override(settings.LANGUAGE_CODE):
        labels = ", ".join(sorted({str(ReportReason(r).label).lower() for r in reasons}))
        return (
            _(
                "Oculta a la espera de revisión del Grupo Núcleo: recibió %(count)s denuncias "
                "(%(reasons)s)."
            )
            % {"count": count, "reasons": labels}
        )[:300]


@transaction.atomic
def report_submit(
    *, proposal: Proposal, reason: str, details: str = "", reporter_key: str
) -> tuple[Report, bool]:
    """A visitor reports a public proposal; returns ``(report, created)``.

    ``reporter_key`` identifies the browser or account (a digest): one report per proposal
    each, a second is answered with the first. When the pending reports reach the plan's
    ``report_threshold``, the proposal is hidden until the Grupo Núcleo reviews it, and the
    proposer is told why (the reasons chosen, never the visitors' own words).
    """
    proposal = _lock(proposal)
    if not proposal.can_be_reported:
        raise ValidationError(_("Esta propuesta ya no es pública."), code="not_public")
    report = Report(
        proposal=proposal,
        reason=reason,
        details=(details or "").strip(),
        reporter_key=reporter_key,
    )
    report.full_clean(exclude=["proposal"], validate_unique=False)
    try:
        with transaction.atomic():
            report.save(force_insert=True)
    except IntegrityError:
        return Report.objects.get(proposal=proposal, reporter_key=reporter_key), False
    audit.record(
        actor=None,
        verb=REPORT_RECEIVED,
        target=proposal,
        data={"reason": str(reason)},
        public=False,
    )
    pending = list(
        Report.objects.filter(proposal=proposal, reviewed_at__isnull=True).values_list(
            "reason", flat=True
        )
    )
    if len(pending) >= proposal.plan.report_threshold:
        proposal.is_hidden = True
        proposal.hidden_reason = _hidden_by_reports_reason(pending, len(pending))
        _store(proposal, ["is_hidden", "hidden_reason"])
        audit.record(
            actor=None,
            verb=PROPOSAL_HIDDEN,
            target=proposal,
            data={"reason": proposal.hidden_reason},
            public=False,
        )
        _changed()
        _mail_hidden(proposal)
    return report, True


@transaction.atomic
def reports_review(*, actor, proposal: Proposal, restore: bool, reason: str = "") -> Proposal:
    """The Grupo Núcleo reviews the reports of a proposal: it is visible again (``restore``),
    or stays hidden with the reason given (told to the proposer). Pending reports close."""
    proposal = _lock(proposal)
    if not restore:
        reason = (reason or "").strip()
        if len(reason) < 10:
            raise ValidationError(
                {
                    "reason": _(
                        "Explique por qué sigue oculta (al menos 10 caracteres): se envía a "
                        "quien la propuso."
                    )
                },
                code="reason_required",
            )
    closed = _close_reports(proposal)
    if not closed and not proposal.hidden_reason:
        raise ValidationError(_("Esta propuesta no tiene denuncias por revisar."), code="nothing")
    if restore:
        proposal.hidden_reason = ""
        proposal.is_hidden = proposal.held_for_check
    else:
        proposal.hidden_reason = reason[:300]
        proposal.is_hidden = True
    _store(proposal, ["is_hidden", "hidden_reason"])
    audit.record(
        actor=actor,
        verb=REPORTS_REVIEWED,
        target=proposal,
        data={"outcome": "restaurada" if restore else "oculta", "reason": reason[:300]},
        public=False,
    )
    _changed()
    if not restore:
        _mail_hidden(proposal)
    return proposal


#: Tokens of imported rows: the same row of the same mesa imported twice is found again.
_IMPORT_NAMESPACE = uuid.UUID("3b9e2f4c-8d1a-4f6e-a2c7-5e0d9b1f7a63")


def _row_token(mesa, data: dict) -> uuid.UUID:
    canonical = "|".join(
        f"{name}={getattr(value, 'pk', value) or ''}" for name, value in sorted(data.items())
    )
    return uuid.uuid5(_IMPORT_NAMESPACE, f"{mesa.pk}|{canonical}")


@transaction.atomic
def proposal_import_mesa(
    *, actor, mesa, rows: Iterable[tuple[int, dict]]
) -> tuple[list[Proposal], int]:
    """Store the paper proposals of ``mesa`` read from a CSV: every row or none.

    ``rows`` are ``(line, proposal fields)`` as ``csv_import.read_mesa_csv`` gives them. Each
    row goes through ``proposal_submit`` (channel "mesa", this mesa), so it meets the same
    rules and leaves the same audit entry as a proposal typed into the form. If any row is
    refused, nothing is stored and ``ValidationError`` lists every refused row by its line.
    A row imported before (the same file sent again) is found, not stored twice.

    Returns ``(proposals created, rows already registered)``.
    """
    created_list: list[Proposal] = []
    already = 0
    problems: list[str] = []
    for line, data in rows:
        try:
            with transaction.atomic():
                proposal, created = proposal_submit(
                    actor=actor,
                    plan=mesa.plan,
                    channel=Channel.MESA,
                    mesa=mesa,
                    idempotency_token=_row_token(mesa, data),
                    **data,
                )
        except ValidationError as exc:
            problems.append(
                _("Fila %(line)s: %(reason)s") % {"line": line, "reason": " ".join(exc.messages)}
            )
            continue
        if created:
            created_list.append(proposal)
        else:
            already += 1
    if problems:
        raise ValidationError(problems, code="rows")
    return created_list, already
