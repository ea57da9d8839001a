"""Writes of the proposals app. Each is atomic, leaves an ActionLog row and mails the proposer.

ActionLog summaries are public (the status timeline is read from them): they name the status
and never a person, an email or a phone.
"""

import datetime
import uuid
from collections.abc import Iterable

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import IntegrityError, connection, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from abierto.core.roles import public_role_of
from abierto.core.services import actionlog_record, official_text
from abierto.core.uploads import CheckedUpload

from .codes import new_code
from .models import (
    DECISION_STATUSES,
    TRANSITIONS,
    Attachment,
    Channel,
    Proposal,
    Status,
)
from .text import fold

#: Shortest reasoned response accepted: a real sentence, not "no".
MIN_RESPONSE_LENGTH = 20


def _search_fields(proposal: Proposal) -> None:
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


def _refresh_search_vector(proposal: Proposal) -> None:
    """PostgreSQL: the ``spanish`` tsvector of the folded text (title weighted higher)."""
    if connection.vendor != "postgresql":
        return
    from django.contrib.postgres.search import SearchVector
    from django.db.models import Value

    Proposal.objects.filter(pk=proposal.pk).update(
        search_vector=SearchVector(Value(proposal.title_key), config="spanish", weight="A")
        + SearchVector(Value(proposal.search_text), config="spanish", weight="B")
    )


def _mail_proposer(proposal: Proposal, *, template: str, subject: str, **context) -> None:
    """Mail the proposer (if they left an email) in Spanish; the queue sends it after commit.

    ``subject`` is already in the official language (``official_text``).
    """
    if not proposal.contact_email:
        return
    status_url = settings.ABIERTO_SITE_URL + reverse("proposals:status")
    with translation.override(settings.LANGUAGE_CODE):
        body = render_to_string(
            f"proposals/email/{template}.txt",
            {"proposal": proposal, "status_url": status_url, **context},
        )
        send_mail(
            subject=str(subject),
            message=body,
            from_email=None,
            recipient_list=[proposal.contact_email],
        )


@transaction.atomic
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
    attachments: Iterable[CheckedUpload] = (),
    idempotency_token: uuid.UUID | None = None,
    is_example: bool = False,
    created_at: datetime.datetime | None = None,
) -> tuple[Proposal, bool]:
    """Receive a proposal and give it a tracking code; mail the code to the proposer.

    Returns ``(proposal, created)``. The same ``idempotency_token`` sent twice (a double click,
    a resent form, twenty threads at once) gives back the first proposal and ``created=False``:
    the unique column decides, so it holds across processes and servers.

    ``actor`` is whoever entered it: the citizen (or anonymous visitor) on the web, or the
    staff member who typed in a paper or mesa proposal on someone's behalf.
    """
    token = idempotency_token or uuid.uuid4()
    existing = Proposal.objects.filter(idempotency_token=token).first()
    if existing is not None:
        return existing, False
    is_staff_entry = channel != Channel.WEB
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
        submitted_by=None
        if is_staff_entry or not getattr(actor, "is_authenticated", False)
        else actor,
        entered_by=actor if is_staff_entry and getattr(actor, "is_authenticated", False) else None,
    )
    _search_fields(proposal)
    for _attempt in range(5):
        proposal.tracking_code = new_code()
        try:
            with transaction.atomic():
                proposal.save(force_insert=True)
            break
        except IntegrityError:
            proposal.pk = None
            winner = Proposal.objects.filter(idempotency_token=token).first()
            if winner is not None:
                return winner, False
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
    _refresh_search_vector(proposal)
    with translation.override("es"):
        channel_label = str(Channel(channel).label)
    actionlog_record(
        actor=actor,
        verb="proposal_received",
        target=proposal,
        summary=official_text("Propuesta recibida (%(channel)s).", channel=str(channel_label)),
    )
    _changed()
    _mail_proposer(
        proposal,
        template="received",
        subject=official_text(
            "Recibimos su propuesta: código %(code)s", code=proposal.display_code
        ),
    )
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


def _status_summary(status: str) -> str:
    return official_text("Estado: %(status)s.", status=_status_label(status))


@transaction.atomic
def proposal_transition(
    *,
    actor,
    proposal: Proposal,
    to_status: str,
    response_text: str = "",
    merged_into: Proposal | None = None,
) -> Proposal:
    """Move a proposal along its lifecycle (staff). Decisions need a reasoned response.

    ``received → in_review → {inadmissible | in_evaluation} → {selected | merged |
    not_selected}``. The response is public, signed with the actor's role and dated today.
    Merging needs the proposal it merges into (another, not merged itself).
    """
    proposal = _lock(proposal)
    to_status = Status(to_status)
    if to_status == Status.WITHDRAWN:
        raise ValidationError(_("Solo quien envió la propuesta puede retirarla."))
    if to_status not in TRANSITIONS[proposal.status]:
        raise ValidationError(
            _("Una propuesta «%(from)s» no puede pasar a «%(to)s».")
            % {"from": proposal.get_status_display(), "to": to_status.label},
            code="transition",
        )
    response_text = (response_text or "").strip()
    if to_status in DECISION_STATUSES:
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
        proposal.response_text = response_text
        proposal.response_role = public_role_of(actor)
        proposal.response_date = timezone.localdate()
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
        proposal.merged_into = merged_into
    proposal.status = to_status
    proposal.status_changed_at = timezone.now()
    proposal.save(
        update_fields=[
            "status",
            "status_changed_at",
            "response_text",
            "response_role",
            "response_date",
            "merged_into",
        ]
    )
    summary = _status_summary(to_status)
    if to_status == Status.MERGED:
        assert merged_into is not None  # checked above
        summary = official_text("Estado: Fusionada con la propuesta n.º %(pk)s.", pk=merged_into.pk)
    actionlog_record(actor=actor, verb=f"proposal_{to_status}", target=proposal, summary=summary)
    _changed()
    _mail_proposer(
        proposal,
        template="status",
        subject=official_text(
            "Su propuesta cambió de estado: %(status)s", status=_status_label(to_status)
        ),
    )
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
    proposal.status = Status.WITHDRAWN
    proposal.status_changed_at = timezone.now()
    proposal.save(update_fields=["status", "status_changed_at"])
    actionlog_record(
        actor=None,
        verb="proposal_withdrawn",
        target=proposal,
        summary=official_text("Estado: Retirada por quien la propuso."),
    )
    _changed()
    _mail_proposer(
        proposal,
        template="status",
        subject=official_text("Su propuesta fue retirada"),
    )
    return proposal


@transaction.atomic
def proposal_hide(*, actor, proposal: Proposal, reason: str) -> Proposal:
    """Moderation: hide spam or abuse from public pages (reversible, never a deletion)."""
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Indique el motivo de la ocultación.")})
    proposal = _lock(proposal)
    proposal.is_hidden = True
    proposal.hidden_reason = reason[:300]
    proposal.save(update_fields=["is_hidden", "hidden_reason"])
    # Not public: the hidden proposal's history is not public either.
    actionlog_record(
        actor=actor,
        verb="proposal_hidden",
        target=proposal,
        summary=official_text("Propuesta ocultada por moderación: %(reason)s", reason=reason[:300]),
        public=False,
    )
    _changed()
    return proposal


@transaction.atomic
def proposal_unhide(*, actor, proposal: Proposal) -> Proposal:
    proposal = _lock(proposal)
    proposal.is_hidden = False
    proposal.hidden_reason = ""
    proposal.save(update_fields=["is_hidden", "hidden_reason"])
    actionlog_record(
        actor=actor,
        verb="proposal_unhidden",
        target=proposal,
        summary=official_text("Propuesta visible de nuevo tras revisión de moderación."),
        public=False,
    )
    _changed()
    return proposal
