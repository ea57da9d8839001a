"""Mesas: the territorial and thematic co-creation tables of a plan.

A mesa is public (where, when, what about, who organises it, its minutes). Who registered and
who attended is private: ``Registration`` holds names and emails for the facilitators only, and
the voluntary demographics of attendees live in ``AttendeeProfile``, which has no link to a
registration, an attendance or a name, and is only ever read as aggregates with small counts
suppressed.
"""

import uuid

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from abierto.core.codes import format_code
from abierto.core.geo import Province
from abierto.forum.models import Sector


class Kind(models.TextChoices):
    TERRITORIAL = "territorial", _("Territorial")
    THEMATIC = "tematica", _("Temática")


class Modality(models.TextChoices):
    IN_PERSON = "presencial", _("Presencial")
    VIRTUAL = "virtual", _("Virtual")
    HYBRID = "hibrida", _("Híbrida")


class MesaStatus(models.TextChoices):
    SCHEDULED = "convocada", _("Convocada")
    HELD = "realizada", _("Realizada")
    CANCELLED = "cancelada", _("Cancelada")


class Mesa(models.Model):
    plan = models.ForeignKey(
        "plans.ActionPlan",
        verbose_name=_("plan de acción"),
        on_delete=models.PROTECT,
        related_name="mesas",
    )
    title = models.CharField(_("nombre de la mesa"), max_length=200)
    description = models.TextField(_("de qué trata"), blank=True)
    kind = models.CharField(_("tipo"), max_length=20, choices=Kind.choices)
    modality = models.CharField(
        _("modalidad"), max_length=20, choices=Modality.choices, default=Modality.IN_PERSON
    )
    theme = models.ForeignKey(
        "plans.Theme",
        verbose_name=_("tema"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="mesas",
    )
    city = models.CharField(_("ciudad"), max_length=120)
    province = models.CharField(_("provincia"), max_length=30, choices=Province.choices)
    venue_address = models.CharField(_("lugar y dirección"), max_length=255, blank=True)
    accessibility_notes = models.TextField(
        _("accesibilidad"),
        blank=True,
        help_text=_(
            "Acceso para sillas de ruedas, intérprete de lengua de señas, cuidado infantil…"
        ),
    )
    online_url = models.URLField(_("enlace de la sesión en línea"), blank=True)
    starts_at = models.DateTimeField(_("empieza"))
    ends_at = models.DateTimeField(_("termina"))
    capacity = models.PositiveIntegerField(
        _("cupos"), validators=[MinValueValidator(1)], help_text=_("Plazas confirmadas posibles.")
    )
    facilitators = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("facilitación"),
        blank=True,
        related_name="facilitated_mesas",
    )
    organizers = models.ManyToManyField(
        "forum.Organization",
        verbose_name=_("organizan"),
        blank=True,
        related_name="organized_mesas",
    )
    supporters = models.ManyToManyField(
        "forum.Organization",
        verbose_name=_("apoyan"),
        blank=True,
        related_name="supported_mesas",
    )
    status = models.CharField(
        _("estado"), max_length=20, choices=MesaStatus.choices, default=MesaStatus.SCHEDULED
    )
    cancellation_reason = models.TextField(_("motivo de la cancelación"), blank=True)
    is_example = models.BooleanField(_("datos de ejemplo"), default=False)
    #: Stable identity of the event in calendars (iCalendar UID) and its revision (SEQUENCE).
    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    sequence = models.PositiveIntegerField(default=0, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("mesa")
        verbose_name_plural = _("mesas")
        ordering = ["starts_at", "id"]
        indexes = [models.Index(fields=["plan", "starts_at"]), models.Index(fields=["starts_at"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_at__gt=models.F("starts_at")), name="mesa_ends_after_start"
            ),
            models.CheckConstraint(condition=models.Q(capacity__gte=1), name="mesa_capacity_min"),
            models.CheckConstraint(
                condition=~models.Q(status="cancelada") | ~models.Q(cancellation_reason=""),
                name="mesa_cancellation_has_reason",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("mesas:detail", args=[self.pk])

    @property
    def is_upcoming(self) -> bool:
        return self.status == MesaStatus.SCHEDULED and self.starts_at > timezone.now()

    @property
    def places_left(self) -> int | None:
        """Free places, when the queryset annotated ``confirmed_count`` (selectors do)."""
        confirmed = getattr(self, "confirmed_count", None)
        return None if confirmed is None else max(self.capacity - confirmed, 0)

    @property
    def is_cancelled(self) -> bool:
        return self.status == MesaStatus.CANCELLED

    @property
    def is_online(self) -> bool:
        return self.modality in (Modality.VIRTUAL, Modality.HYBRID)

    @property
    def has_venue(self) -> bool:
        return self.modality in (Modality.IN_PERSON, Modality.HYBRID)


class RegistrationStatus(models.TextChoices):
    CONFIRMED = "confirmada", _("Confirmada")
    WAITING = "en-espera", _("En lista de espera")
    CANCELLED = "cancelada", _("Cancelada")


#: Registrations that hold a place or wait for one (a cancelled one frees the email).
ACTIVE_REGISTRATION = models.Q(status__in=["confirmada", "en-espera"])


class Registration(models.Model):
    """Someone who signed up for a mesa. Personal data: seen only by its facilitators."""

    mesa = models.ForeignKey(Mesa, on_delete=models.PROTECT, related_name="registrations")
    name = models.CharField(_("nombre"), max_length=150)
    email = models.EmailField(_("correo electrónico"))
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="mesa_registrations",
    )
    code = models.CharField(_("código"), max_length=16, unique=True)
    status = models.CharField(_("estado"), max_length=20, choices=RegistrationStatus.choices)
    created_at = models.DateTimeField(_("inscrita el"), default=timezone.now)
    promoted_at = models.DateTimeField(null=True, blank=True)
    cancelled_at = models.DateTimeField(null=True, blank=True)
    reminded_at = models.DateTimeField(null=True, blank=True)
    #: The form's hidden token: the same form sent again (a double click, forty at once) gives
    #: back this registration instead of a second one or an error.
    idempotency_token = models.UUIDField(null=True, blank=True, unique=True, editable=False)

    class Meta:
        verbose_name = _("inscripción")
        verbose_name_plural = _("inscripciones")
        ordering = ["created_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["mesa", "email"],
                condition=ACTIVE_REGISTRATION,
                name="registration_one_active_per_email",
            )
        ]
        indexes = [models.Index(fields=["mesa", "status", "created_at"])]

    def __str__(self) -> str:
        return self.display_code

    @property
    def display_code(self) -> str:
        return format_code(self.code)


class Attendance(models.Model):
    """One person present at a mesa: a registration checked in, or a walk-in (no name kept)."""

    mesa = models.ForeignKey(Mesa, on_delete=models.PROTECT, related_name="attendances")
    registration = models.OneToOneField(
        Registration,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="attendance",
    )
    checked_in_at = models.DateTimeField(_("llegada"), default=timezone.now)
    checked_in_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    #: Whether this person's voluntary profile was already offered and answered or declined:
    #: the only trace of it here (the profile itself does not point back).
    profile_done = models.BooleanField(default=False)

    class Meta:
        verbose_name = _("asistencia")
        verbose_name_plural = _("asistencias")
        ordering = ["checked_in_at", "id"]

    def __str__(self) -> str:
        return f"{self.mesa_id}: {self.pk}"

    @property
    def is_walk_in(self) -> bool:
        return self.registration_id is None


class Gender(models.TextChoices):
    WOMAN = "mujer", _("Mujer")
    MAN = "hombre", _("Hombre")
    NON_BINARY = "no-binaria", _("Persona no binaria")
    OTHER = "otra", _("Otra")
    NOT_SAID = "prefiere-no-decir", _("Prefiere no decirlo")


class AgeRange(models.TextChoices):
    UNDER_18 = "menos-18", _("Menos de 18 años")
    FROM_18 = "18-29", _("De 18 a 29 años")
    FROM_30 = "30-44", _("De 30 a 44 años")
    FROM_45 = "45-64", _("De 45 a 64 años")
    FROM_65 = "65-mas", _("65 años o más")
    NOT_SAID = "prefiere-no-decir", _("Prefiere no decirlo")


class Ethnicity(models.TextChoices):
    """Self-identification as asked by Ecuador's census (INEC)."""

    INDIGENOUS = "indigena", _("Indígena")
    AFRO = "afroecuatoriana", _("Afroecuatoriana o afrodescendiente")
    MONTUBIA = "montubia", _("Montubia")
    MESTIZA = "mestiza", _("Mestiza")
    WHITE = "blanca", _("Blanca")
    OTHER = "otra", _("Otra")
    NOT_SAID = "prefiere-no-decir", _("Prefiere no decirlo")


class Disability(models.TextChoices):
    YES = "si", _("Sí")
    NO = "no", _("No")
    NOT_SAID = "prefiere-no-decir", _("Prefiere no decirlo")


class AttendeeProfile(models.Model):
    """Voluntary demographics of one attendee, kept apart: it knows the mesa and nothing else.

    No registration, attendance, user or time is stored, so a profile cannot be matched back
    to a person; statistics read it only as counts, with groups under five suppressed.
    """

    #: A random key: the order in which profiles were stored says nothing about who answered.
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    mesa = models.ForeignKey(Mesa, on_delete=models.PROTECT, related_name="profiles")
    gender = models.CharField(_("género"), max_length=20, choices=Gender.choices, blank=True)
    age_range = models.CharField(_("edad"), max_length=20, choices=AgeRange.choices, blank=True)
    ethnicity = models.CharField(
        _("autoidentificación étnica"), max_length=20, choices=Ethnicity.choices, blank=True
    )
    disability = models.CharField(
        _("discapacidad"), max_length=20, choices=Disability.choices, blank=True
    )
    actor_type = models.CharField(
        _("participa como"), max_length=30, choices=Sector.choices, blank=True
    )
    province = models.CharField(
        _("provincia donde vive"), max_length=30, choices=Province.choices, blank=True
    )

    class Meta:
        verbose_name = _("perfil voluntario")
        verbose_name_plural = _("perfiles voluntarios")

    def __str__(self) -> str:
        return str(_("Perfil voluntario"))


def _minutes_path(instance: "Minutes", filename: str) -> str:
    return f"mesas/actas/{instance.mesa_id}-{uuid.uuid4().hex}.pdf"


class Minutes(models.Model):
    """The acta of a held mesa, published on its page."""

    mesa = models.OneToOneField(Mesa, on_delete=models.PROTECT, related_name="minutes")
    agenda = models.TextField(_("orden del día"))
    summary = models.TextField(_("resumen de lo conversado"))
    agreements = models.TextField(_("acuerdos"), blank=True)
    attendee_count = models.PositiveIntegerField(_("personas asistentes"))
    organization_count = models.PositiveIntegerField(
        _("organizaciones representadas"), null=True, blank=True
    )
    signed_file = models.FileField(_("acta firmada (PDF)"), upload_to=_minutes_path, blank=True)
    signed_file_size = models.PositiveIntegerField(default=0, editable=False)
    #: Its entry in the document repository (/documentos/), which links to the mesa's page.
    document = models.OneToOneField(
        "content.Document",
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="mesa_minutes",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("acta")
        verbose_name_plural = _("actas")

    def __str__(self) -> str:
        return str(self.mesa)


class PublishedParticipation(models.Model):
    """A participation figure published by someone else for a plan (CEPAL, the IRM…).

    Kept beside our own counts, never mixed with them, with its source.
    """

    plan = models.ForeignKey(
        "plans.ActionPlan", on_delete=models.CASCADE, related_name="published_participation"
    )
    total = models.PositiveIntegerField(_("personas en total"))
    men = models.PositiveIntegerField(_("hombres"), null=True, blank=True)
    women = models.PositiveIntegerField(_("mujeres"), null=True, blank=True)
    non_binary = models.PositiveIntegerField(_("personas no binarias"), null=True, blank=True)
    other = models.PositiveIntegerField(_("otra identidad"), null=True, blank=True)
    scope = models.CharField(_("qué cuenta"), max_length=255)
    source_name = models.CharField(_("fuente"), max_length=255)
    source_url = models.URLField(_("enlace a la fuente"), blank=True)

    class Meta:
        verbose_name = _("cifra publicada de participación")
        verbose_name_plural = _("cifras publicadas de participación")
        constraints = [
            models.UniqueConstraint(
                fields=["plan", "source_name"], name="published_participation_unique_source"
            )
        ]

    def __str__(self) -> str:
        return f"{self.plan}: {self.total}"
