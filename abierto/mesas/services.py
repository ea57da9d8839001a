"""Writes of the mesas app. Each is atomic, runs ``full_clean`` and leaves an audit entry.

Public audit entries (the mesa's history) carry no personal data; everything about a
registration or an attendance is a private entry that names neither the person nor the email.
Mail is queued on commit (``core.mail``), so a refused or rolled-back write sends nothing.
"""

import datetime
import uuid
from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from abierto.core import audit
from abierto.core.codes import new_code
from abierto.core.roles import Role, user_has_role
from abierto.core.services import model_update, official_text
from abierto.core.uploads import CheckedUpload

from . import verbs
from .models import (
    Attendance,
    AttendeeProfile,
    Mesa,
    MesaStatus,
    Minutes,
    PublishedParticipation,
    Registration,
    RegistrationStatus,
)

#: Salt of the signed links that cancel a registration (never reused for anything else).
CANCEL_SALT = "abierto.mesas.registration-cancel"
#: Reminders go out this long before a mesa starts.
REMINDER_LEAD = datetime.timedelta(days=1)
#: Fields of a mesa the Grupo Núcleo edits (the form and the service agree on these).
MESA_FIELDS = [
    "plan",
    "title",
    "description",
    "kind",
    "modality",
    "theme",
    "city",
    "province",
    "venue_address",
    "accessibility_notes",
    "online_url",
    "starts_at",
    "ends_at",
    "capacity",
    "is_example",
]
#: Changing one of these changes the event in people's calendars (iCalendar SEQUENCE).
_CALENDAR_FIELDS = {
    "title",
    "description",
    "city",
    "venue_address",
    "online_url",
    "starts_at",
    "ends_at",
    "modality",
}


def _mesa_rule_errors(mesa: Mesa) -> dict[str, str]:
    """The rules of a mesa that involve several fields, by field (empty when it is fine)."""
    errors: dict[str, str] = {}
    if mesa.theme is not None and mesa.theme.plan_id != mesa.plan_id:
        errors["theme"] = _("El tema elegido no pertenece a este plan.")
    if mesa.is_online and not mesa.online_url:
        errors["online_url"] = _("Una mesa virtual o híbrida necesita el enlace de la sesión.")
    if mesa.starts_at and mesa.ends_at and mesa.ends_at <= mesa.starts_at:
        errors["ends_at"] = _("La mesa debe terminar después de empezar.")
    if (
        mesa.starts_at
        and mesa.ends_at
        and mesa.ends_at - mesa.starts_at > datetime.timedelta(hours=14)
    ):
        errors["ends_at"] = _("Una mesa dura como máximo un día (14 horas).")
    return errors


def _mesa_rules(mesa: Mesa) -> None:
    errors = _mesa_rule_errors(mesa)
    if errors:
        raise ValidationError(errors)


def _check_facilitators(users: Iterable) -> list:
    users = list(users)
    for user in users:
        if not user_has_role(user, Role.FACILITATOR, Role.FORUM_MEMBER):
            raise ValidationError(
                {
                    "facilitators": _(
                        "Solo se asignan personas con el rol de facilitación o del Grupo Núcleo."
                    )
                }
            )
    return users


def _forget_held_count() -> None:
    from django.core.cache import cache

    from .selectors import HELD_COUNT_KEY, PUBLISHED_FIGURE_KEY

    cache.delete_many([HELD_COUNT_KEY, PUBLISHED_FIGURE_KEY])


def _schedule_reminder(mesa: Mesa) -> None:
    """Queue the day-before reminder (after commit); the task checks the mesa again."""
    from .tasks import send_mesa_reminders

    run_after = mesa.starts_at - REMINDER_LEAD
    if run_after <= timezone.now():
        return
    mesa_id, starts_at = mesa.pk, mesa.starts_at.isoformat()
    transaction.on_commit(
        lambda: send_mesa_reminders.using(run_after=run_after).enqueue(
            mesa_id=mesa_id, starts_at=starts_at
        )
    )


@transaction.atomic
def mesa_create(
    *,
    actor,
    facilitators: Iterable = (),
    organizers: Iterable = (),
    supporters: Iterable = (),
    status: str = MesaStatus.SCHEDULED,
    **fields: Any,
) -> Mesa:
    """Convene a mesa. ``fields`` are those of ``MESA_FIELDS``.

    ``status`` other than scheduled is for loading past mesas (demo, history): a mesa
    recorded as held must have started already.
    """
    unknown = set(fields) - set(MESA_FIELDS)
    if unknown:
        raise TypeError(f"Unknown mesa fields: {sorted(unknown)}")
    mesa = Mesa(status=status, **fields)
    mesa.full_clean(exclude=["cancellation_reason"] if status != MesaStatus.CANCELLED else [])
    _mesa_rules(mesa)
    if status == MesaStatus.HELD and mesa.starts_at > timezone.now():
        raise ValidationError(_("Una mesa que todavía no empieza no puede darse por realizada."))
    mesa.save()
    mesa.facilitators.set(_check_facilitators(facilitators))
    mesa.organizers.set(list(organizers))
    mesa.supporters.set(list(supporters))
    audit.record(
        actor=actor,
        verb=verbs.MESA_CREATED,
        target=mesa,
        data={"title": mesa.title, "city": mesa.city},
    )
    if mesa.status == MesaStatus.SCHEDULED:
        _schedule_reminder(mesa)
    else:
        transaction.on_commit(_forget_held_count)
    return mesa


@transaction.atomic
def mesa_update(
    *,
    actor,
    mesa: Mesa,
    data: dict[str, Any],
    organizers: Iterable | None = None,
    supporters: Iterable | None = None,
) -> dict[str, list]:
    """Change a mesa's public data; returns ``{field: [old, new]}`` (empty: nothing changed).

    More places free the waiting list in order; a change of date, place or link bumps the
    calendar revision so calendars that subscribed update the event.
    """
    mesa = Mesa.objects.select_for_update().get(pk=mesa.pk)
    if mesa.status == MesaStatus.CANCELLED:
        raise ValidationError(_("Una mesa cancelada ya no se modifica."))
    unknown = set(data) - set(MESA_FIELDS)
    if unknown:
        raise TypeError(f"Unknown mesa fields: {sorted(unknown)}")
    preview = Mesa(**{f.attname: getattr(mesa, f.attname) for f in Mesa._meta.concrete_fields})
    for field, value in data.items():
        setattr(preview, field, value)
    rule_errors = _mesa_rule_errors(preview)
    if preview.plan_id != mesa.plan_id and mesa.registrations.exists():
        rule_errors["plan"] = _("La mesa ya tiene inscripciones: no puede pasar a otro plan.")
    changes = model_update(
        instance=mesa, data=data, fields=MESA_FIELDS, extra_errors=rule_errors or None
    )
    if _CALENDAR_FIELDS & set(changes):
        mesa.sequence += 1
        mesa.save(update_fields=["sequence"])
    for name, values in (("organizers", organizers), ("supporters", supporters)):
        if values is None:
            continue
        new_ids = sorted(org.pk for org in values)
        old_ids = sorted(getattr(mesa, name).values_list("pk", flat=True))
        if new_ids != old_ids:
            getattr(mesa, name).set(list(values))
            changes[name] = [old_ids, new_ids]
    if not changes:
        return changes
    audit.record(actor=actor, verb=verbs.MESA_UPDATED, target=mesa, changes=changes)
    if "capacity" in changes:
        _promote_waiting(actor=actor, mesa=mesa)
    if "starts_at" in changes and mesa.status == MesaStatus.SCHEDULED:
        _schedule_reminder(mesa)
    return changes


@transaction.atomic
def mesa_set_facilitators(*, actor, mesa: Mesa, facilitators: Iterable) -> bool:
    """Assign the mesa's facilitators (Grupo Núcleo). Returns whether anything changed."""
    users = _check_facilitators(facilitators)
    old = set(mesa.facilitators.values_list("pk", flat=True))
    new = {user.pk for user in users}
    if old == new:
        return False
    mesa.facilitators.set(users)
    audit.record(
        actor=actor,
        verb=verbs.MESA_FACILITATORS_CHANGED,
        target=mesa,
        data={"count": len(new)},  # who they are stays off the public history
    )
    return True


@transaction.atomic
def mesa_cancel(*, actor, mesa: Mesa, reason: str) -> Mesa:
    """Cancel a scheduled mesa with a public reason; everyone registered is told by mail."""
    mesa = Mesa.objects.select_for_update().get(pk=mesa.pk)
    reason = (reason or "").strip()
    if mesa.status != MesaStatus.SCHEDULED:
        raise ValidationError(_("Solo se cancela una mesa convocada que no se ha realizado."))
    if len(reason) < 10:
        raise ValidationError(
            {"reason": _("Explique el motivo de la cancelación en una frase (10 letras o más).")}
        )
    mesa.status = MesaStatus.CANCELLED
    mesa.cancellation_reason = reason
    mesa.sequence += 1
    mesa.full_clean()
    mesa.save(update_fields=["status", "cancellation_reason", "sequence", "updated_at"])
    audit.record(
        actor=actor,
        verb=verbs.MESA_CANCELLED,
        target=mesa,
        data={"reason": reason},
        changes={"status": [MesaStatus.SCHEDULED, MesaStatus.CANCELLED]},
    )
    for registration in mesa.registrations.filter(
        status__in=[RegistrationStatus.CONFIRMED, RegistrationStatus.WAITING]
    ):
        _mail(
            registration,
            template="cancelled",
            subject=official_text("Mesa cancelada: %(title)s", title=mesa.title),
        )
    return mesa


@transaction.atomic
def mesa_mark_held(*, actor, mesa: Mesa) -> Mesa:
    """Record that a scheduled mesa took place (once it has started)."""
    mesa = Mesa.objects.select_for_update().get(pk=mesa.pk)
    if mesa.status != MesaStatus.SCHEDULED:
        raise ValidationError(_("Solo una mesa convocada puede darse por realizada."))
    if mesa.starts_at > timezone.now():
        raise ValidationError(_("La mesa todavía no empieza: podrá marcarla cuando empiece."))
    mesa.status = MesaStatus.HELD
    mesa.save(update_fields=["status", "updated_at"])
    transaction.on_commit(_forget_held_count)
    audit.record(
        actor=actor,
        verb=verbs.MESA_HELD,
        target=mesa,
        changes={"status": [MesaStatus.SCHEDULED, MesaStatus.HELD]},
    )
    return mesa


# --- Registration --------------------------------------------------------------------------


def cancel_token(registration: Registration) -> str:
    return signing.dumps(registration.code, salt=CANCEL_SALT)


def registration_from_token(token: str) -> Registration | None:
    """The registration a cancellation link points at, or None for a bad or altered link."""
    try:
        code = signing.loads(token, salt=CANCEL_SALT)
    except signing.BadSignature:
        return None
    return Registration.objects.select_related("mesa", "mesa__plan").filter(code=code).first()


def _mail(registration: Registration, *, template: str, subject: str) -> None:
    """Mail the registered person, in Spanish; the queue sends it after commit."""
    mesa = registration.mesa
    site = settings.ABIERTO_SITE_URL
    with translation.override(settings.LANGUAGE_CODE):
        body = render_to_string(
            f"mesas/email/{template}.txt",
            {
                "registration": registration,
                "mesa": mesa,
                "mesa_url": site + mesa.get_absolute_url(),
                "ics_url": site + reverse("mesas:mesa_ics", args=[mesa.pk]),
                "cancel_url": site
                + reverse("mesas:registration_cancel", args=[cancel_token(registration)]),
            },
        )
        send_mail(
            subject=str(subject), message=body, from_email=None, recipient_list=[registration.email]
        )


def registration_refusal(mesa: Mesa, *, now: datetime.datetime | None = None) -> str:
    """Why a mesa takes no registrations now ("" when it does). Pages show the same text."""
    now = now or timezone.now()
    if mesa.status == MesaStatus.CANCELLED:
        return _("Esta mesa fue cancelada: no recibe inscripciones.")
    if mesa.status == MesaStatus.HELD or mesa.starts_at <= now:
        return _("Esta mesa ya se realizó o empezó: no recibe inscripciones.")
    return ""


def _replayed_registration(token: uuid.UUID | None, *, mesa: Mesa, email: str):
    """The registration made by an earlier sending of the same form, or None.

    A token reused for another mesa or address never hands out someone else's registration.
    """
    if token is None:
        return None
    existing = Registration.objects.filter(idempotency_token=token).first()
    if existing is None:
        return None
    if existing.mesa_id != mesa.pk or existing.email != email:
        raise ValidationError(
            _("Este formulario ya se había enviado. Revise sus datos y vuelva a enviarlo."),
            code="token_reused",
        )
    return existing


@transaction.atomic
def registration_create(
    *,
    actor,
    mesa: Mesa,
    name: str,
    email: str,
    user=None,
    idempotency_token: uuid.UUID | None = None,
) -> Registration:
    """Register someone: a place if one is left, else the waiting list, in order of arrival.

    The mesa row is locked while places are counted, so two people never take the last place.
    The confirmation mail carries the code and a signed link to cancel. The same
    ``idempotency_token`` sent again (a double click, forty sendings at once) gives back the
    first registration, without a second row, mail or audit entry.
    """
    mesa = Mesa.objects.select_for_update().get(pk=mesa.pk)
    email = (email or "").strip().lower()
    name = " ".join((name or "").split())
    replayed = _replayed_registration(idempotency_token, mesa=mesa, email=email)
    if replayed is not None:
        return replayed
    refusal = registration_refusal(mesa)
    if refusal:
        raise ValidationError(refusal)
    active = mesa.registrations.filter(
        status__in=[RegistrationStatus.CONFIRMED, RegistrationStatus.WAITING]
    )
    already = Q(email=email) | (
        Q(user=user) if user is not None and user.is_authenticated else Q(pk__in=[])
    )
    if active.filter(already).exists():
        raise ValidationError(
            {
                "email": _(
                    "Ya hay una inscripción activa con este correo en esta mesa. Revise su "
                    "correo: allí está su código y el enlace para cancelarla."
                )
            }
        )
    confirmed = active.filter(status=RegistrationStatus.CONFIRMED).count()
    registration = Registration(
        mesa=mesa,
        name=name,
        email=email,
        user=user if user is not None and user.is_authenticated else None,
        status=RegistrationStatus.CONFIRMED
        if confirmed < mesa.capacity
        else RegistrationStatus.WAITING,
        created_at=timezone.now(),
        idempotency_token=idempotency_token,
    )
    for _attempt in range(5):
        registration.code = new_code()
        registration.full_clean(validate_unique=False)
        try:
            with transaction.atomic():
                registration.save(force_insert=True)
            break
        except IntegrityError as exc:
            registration.pk = None
            replayed = _replayed_registration(idempotency_token, mesa=mesa, email=email)
            if replayed is not None:
                return replayed
            if active.filter(email=email).exists():
                raise ValidationError(
                    {"email": _("Ya hay una inscripción activa con este correo en esta mesa.")}
                ) from exc
    else:  # pragma: no cover - five code collisions in a row do not happen
        raise RuntimeError("No se pudo asignar un código de inscripción.")
    waiting = registration.status == RegistrationStatus.WAITING
    audit.record(
        actor=actor,
        verb=verbs.REGISTRATION_CREATED,
        target=registration,
        data={"status": registration.status},
        public=False,
    )
    _mail(
        registration,
        template="waiting" if waiting else "confirmed",
        subject=official_text(
            "Lista de espera: %(title)s (código %(code)s)",
            title=mesa.title,
            code=registration.display_code,
        )
        if waiting
        else official_text(
            "Inscripción confirmada: %(title)s (código %(code)s)",
            title=mesa.title,
            code=registration.display_code,
        ),
    )
    return registration


def _promote_waiting(*, actor, mesa: Mesa) -> list[Registration]:
    """Give free places to the waiting list, first come first served (mesa row locked)."""
    if mesa.status != MesaStatus.SCHEDULED or mesa.starts_at <= timezone.now():
        return []
    confirmed = mesa.registrations.filter(status=RegistrationStatus.CONFIRMED).count()
    free = mesa.capacity - confirmed
    if free <= 0:
        return []
    promoted = list(
        mesa.registrations.select_for_update()
        .filter(status=RegistrationStatus.WAITING)
        .order_by("created_at", "id")[:free]
    )
    now = timezone.now()
    for registration in promoted:
        registration.status = RegistrationStatus.CONFIRMED
        registration.promoted_at = now
        registration.save(update_fields=["status", "promoted_at"])
        audit.record(
            actor=actor,
            verb=verbs.REGISTRATION_PROMOTED,
            target=registration,
            changes={"status": [RegistrationStatus.WAITING, RegistrationStatus.CONFIRMED]},
            public=False,
        )
        _mail(
            registration,
            template="promoted",
            subject=official_text("Tiene un cupo en la mesa: %(title)s", title=mesa.title),
        )
    return promoted


@transaction.atomic
def registration_cancel(*, actor, registration: Registration) -> list[Registration]:
    """Cancel a registration; a freed place goes to the first on the waiting list.

    Returns the registrations promoted (each is mailed).
    """
    mesa = Mesa.objects.select_for_update().get(pk=registration.mesa_id)
    registration = Registration.objects.select_for_update().get(pk=registration.pk)
    if registration.status == RegistrationStatus.CANCELLED:
        raise ValidationError(_("Esta inscripción ya estaba cancelada."))
    if mesa.status != MesaStatus.SCHEDULED or mesa.starts_at <= timezone.now():
        raise ValidationError(_("La mesa ya empezó o terminó: la inscripción no se cancela."))
    if hasattr(registration, "attendance"):
        raise ValidationError(_("Esta persona ya registró su asistencia."))
    previous = registration.status
    registration.status = RegistrationStatus.CANCELLED
    registration.cancelled_at = timezone.now()
    registration.save(update_fields=["status", "cancelled_at"])
    audit.record(
        actor=actor,
        verb=verbs.REGISTRATION_CANCELLED,
        target=registration,
        changes={"status": [previous, RegistrationStatus.CANCELLED]},
        public=False,
    )
    registration.mesa = mesa
    _mail(
        registration,
        template="cancelled_registration",
        subject=official_text("Inscripción cancelada: %(title)s", title=mesa.title),
    )
    return _promote_waiting(actor=actor, mesa=mesa)


@transaction.atomic
def mesa_send_reminders(*, mesa: Mesa, now: datetime.datetime | None = None) -> int:
    """Mail the day-before reminder to each confirmed registration not yet reminded.

    Does nothing for a mesa that is no longer scheduled, already started, or more than a
    day (and a half, for a late worker) away. Returns how many reminders were queued.
    """
    now = now or timezone.now()
    mesa = Mesa.objects.select_for_update().get(pk=mesa.pk)
    if mesa.status != MesaStatus.SCHEDULED or not (
        now < mesa.starts_at <= now + REMINDER_LEAD * 1.5
    ):
        return 0
    pending = list(
        mesa.registrations.select_for_update().filter(
            status=RegistrationStatus.CONFIRMED, reminded_at__isnull=True
        )
    )
    for registration in pending:
        registration.reminded_at = now
        registration.save(update_fields=["reminded_at"])
        audit.record(
            actor=audit_system_actor(),
            verb=verbs.REGISTRATION_REMINDED,
            target=registration,
            public=False,
        )
        registration.mesa = mesa
        _mail(
            registration,
            template="reminder",
            subject=official_text("Recordatorio: mañana es la mesa %(title)s", title=mesa.title),
        )
    return len(pending)


def audit_system_actor():
    from abierto.core.roles import SYSTEM_ACTOR

    return SYSTEM_ACTOR


# --- Attendance ----------------------------------------------------------------------------


@transaction.atomic
def attendance_check_in(
    *, actor, mesa: Mesa, registration: Registration | None = None
) -> Attendance:
    """Record one person present: a registration (once only) or a walk-in without a name."""
    mesa = Mesa.objects.select_for_update().get(pk=mesa.pk)
    if mesa.status == MesaStatus.CANCELLED:
        raise ValidationError(_("La mesa fue cancelada: no se registra asistencia."))
    if registration is not None:
        registration = Registration.objects.select_for_update().get(pk=registration.pk)
        if registration.mesa_id != mesa.pk:
            raise ValidationError(_("Esa inscripción es de otra mesa."))
        if registration.status == RegistrationStatus.CANCELLED:
            raise ValidationError(_("Esa inscripción fue cancelada."))
        if Attendance.objects.filter(registration=registration).exists():
            raise ValidationError(_("Esta persona ya registró su asistencia."))
    attendance = Attendance(
        mesa=mesa,
        registration=registration,
        checked_in_at=timezone.now(),
        checked_in_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    attendance.full_clean(validate_unique=False)
    try:
        with transaction.atomic():
            attendance.save(force_insert=True)
    except IntegrityError as exc:
        raise ValidationError(_("Esta persona ya registró su asistencia.")) from exc
    audit.record(
        actor=actor,
        verb=verbs.ATTENDANCE_CHECKED_IN,
        target=attendance,
        data={"walk_in": registration is None},
        public=False,
    )
    return attendance


PROFILE_FIELDS = ["gender", "age_range", "ethnicity", "disability", "actor_type", "province"]


@transaction.atomic
def attendee_profile_record(*, actor, attendance: Attendance, **answers: str) -> bool:
    """Keep an attendee's voluntary answers, apart from who they are.

    All answers empty means the person declined: nothing is stored. Either way the profile is
    offered once per attendance. Returns whether a profile was stored.
    """
    attendance = Attendance.objects.select_for_update().get(pk=attendance.pk)
    if attendance.profile_done:
        raise ValidationError(_("Los datos voluntarios de esta asistencia ya se registraron."))
    unknown = set(answers) - set(PROFILE_FIELDS)
    if unknown:
        raise TypeError(f"Unknown profile fields: {sorted(unknown)}")
    attendance.profile_done = True
    attendance.save(update_fields=["profile_done"])
    cleaned = {field: (answers.get(field) or "") for field in PROFILE_FIELDS}
    if not any(cleaned.values()):
        return False
    profile = AttendeeProfile(mesa_id=attendance.mesa_id, **cleaned)
    profile.full_clean()
    profile.save()
    # Target the mesa, not the attendance: the audit trail must not tie answers to a person.
    audit.record(actor=actor, verb=verbs.PROFILE_RECORDED, target=attendance.mesa, public=False)
    return True


# --- Minutes -------------------------------------------------------------------------------


#: Largest signed minutes accepted.
MAX_MINUTES_BYTES = 20 * 1024 * 1024


@transaction.atomic
def minutes_save(
    *,
    actor,
    mesa: Mesa,
    agenda: str,
    summary: str,
    agreements: str = "",
    attendee_count: int,
    organization_count: int | None = None,
    signed_file: CheckedUpload | None = None,
    is_example: bool | None = None,
) -> Minutes:
    """Publish (or correct) the acta of a held mesa; a new signed file replaces the old one.

    The acta is also a PDF file in the document repository (generated from what is
    recorded here, regenerated when it changes); ``is_example`` only the demo loader sets."""
    mesa = Mesa.objects.select_for_update().get(pk=mesa.pk)
    if mesa.status != MesaStatus.HELD:
        raise ValidationError(_("Marque la mesa como realizada antes de publicar su acta."))
    minutes = Minutes.objects.filter(mesa=mesa).first()
    created = minutes is None
    data = {
        "agenda": agenda.strip(),
        "summary": summary.strip(),
        "agreements": agreements.strip(),
        "attendee_count": attendee_count,
        "organization_count": organization_count,
    }
    if is_example is not None:
        data["is_example"] = is_example
    if minutes is None:
        minutes = Minutes(mesa=mesa, **data)
        changed = list(data)
    else:
        changed = [field for field, value in data.items() if getattr(minutes, field) != value]
        for field in changed:
            setattr(minutes, field, data[field])
    if signed_file is not None:
        if signed_file.extension != "pdf" or signed_file.size > MAX_MINUTES_BYTES:
            raise ValidationError(
                {"signed_file": _("El acta firmada debe ser un PDF de hasta 20 MB.")}
            )
        minutes.signed_file.save("acta.pdf", signed_file.upload, save=False)
        minutes.signed_file_size = signed_file.size
        changed.append("signed_file")
    if not changed:
        return minutes
    minutes.full_clean()
    minutes.save()
    if minutes.document_id is None:
        minutes.document = _repository_entry(actor=actor, mesa=mesa, minutes=minutes)
        minutes.save(update_fields=["document"])
    else:
        _repository_refresh(actor=actor, mesa=mesa, minutes=minutes)
    audit.record(
        actor=actor,
        verb=verbs.MINUTES_PUBLISHED if created else verbs.MINUTES_UPDATED,
        target=mesa,
        data={"fields": changed},
    )
    return minutes


def _minutes_pdf(*, mesa: Mesa, minutes: Minutes):
    """The acta as a PDF file for the repository, in the site's first language."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    from abierto.core.pdf import render_pdf

    with translation.override(settings.LANGUAGE_CODE):
        content = render_pdf(
            "mesas/pdf/minutes.html",
            {"mesa": mesa, "minutes": minutes, "site_name": settings.ABIERTO_SITE_NAME},
        )
    return SimpleUploadedFile("acta.pdf", content, content_type="application/pdf")


def _repository_entry(*, actor, mesa: Mesa, minutes: Minutes):
    """List the acta in the document repository as a PDF file (its signed copy, when there
    is one, stays on the mesa's page)."""
    from abierto.content.models import DocumentType
    from abierto.content.services import document_create

    with translation.override(settings.LANGUAGE_CODE):
        title = official_text("Acta de la mesa: %(title)s", title=mesa.title)
        description = official_text(
            "Acta de la mesa de cocreación realizada en %(city)s: orden del día, resumen, "
            "acuerdos y asistencia.",
            city=mesa.city,
        )
    return document_create(
        actor=actor,
        doc_type=DocumentType.MINUTES,
        title=title[:255],
        date=timezone.localtime(mesa.starts_at).date(),
        description=description,
        upload=_minutes_pdf(mesa=mesa, minutes=minutes),
        plan=mesa.plan,
        is_example=mesa.is_example or minutes.is_example,
    )


def _repository_refresh(*, actor, mesa: Mesa, minutes: Minutes) -> None:
    """A corrected acta replaces the PDF of its repository entry."""
    from abierto.content.services import document_update

    document = minutes.document
    if document is None:
        return
    document_update(
        actor=actor,
        document=document,
        upload=_minutes_pdf(mesa=mesa, minutes=minutes),
        external_url="",
        is_example=mesa.is_example or minutes.is_example,
    )


@transaction.atomic
def published_participation_save(
    *,
    actor,
    plan,
    total: int,
    scope: str,
    source_name: str,
    source_url: str = "",
    men: int | None = None,
    women: int | None = None,
    non_binary: int | None = None,
    other: int | None = None,
) -> PublishedParticipation:
    """Keep a participation figure someone else published for a plan, with its source."""
    figure = PublishedParticipation.objects.filter(plan=plan, source_name=source_name).first()
    data = {
        "total": total,
        "scope": scope,
        "source_url": source_url,
        "men": men,
        "women": women,
        "non_binary": non_binary,
        "other": other,
    }
    if figure is not None and all(getattr(figure, k) == v for k, v in data.items()):
        return figure
    if figure is None:
        figure = PublishedParticipation(plan=plan, source_name=source_name)
    for field, value in data.items():
        setattr(figure, field, value)
    parts = [value for value in (men, women, non_binary, other) if value is not None]
    if parts and sum(parts) > total:
        raise ValidationError(_("Las partes suman más que el total publicado."))
    figure.full_clean()
    figure.save()
    transaction.on_commit(_forget_held_count)  # the home figures, cached together
    audit.record(
        actor=actor,
        verb=verbs.PUBLISHED_FIGURE_SAVED,
        target=plan,
        data={"source": source_name, "total": total},
    )
    return figure
