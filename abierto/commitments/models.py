"""Commitments of an action plan (the OGP sheet) and everything reported on them.

Public: the sheet, actors (organisations), milestones, indicators and measurements, verified
evidence (pending marked as pending), IRM assessments, consultation comments and answers
(without names). Private: actor contact people, who reported, evidence files until verified.
"""

import datetime
import uuid
from pathlib import PurePath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Status(models.TextChoices):
    DRAFT = "borrador", _("Borrador")
    IN_CONSULTATION = "en-consulta", _("En consulta pública")
    APPROVED = "aprobado", _("Aprobado")
    FORMALIZED = "formalizado", _("Formalizado")
    IN_PROGRESS = "en-implementacion", _("En implementación")
    COMPLETED = "cumplido", _("Cumplido")
    WITHDRAWN = "retirado", _("Retirado")


#: Where each status may go next. Withdrawal is possible until the commitment is completed.
TRANSITIONS: dict[str, frozenset[str]] = {
    Status.DRAFT: frozenset({Status.IN_CONSULTATION, Status.WITHDRAWN}),
    Status.IN_CONSULTATION: frozenset({Status.APPROVED, Status.DRAFT, Status.WITHDRAWN}),
    Status.APPROVED: frozenset({Status.FORMALIZED, Status.WITHDRAWN}),
    Status.FORMALIZED: frozenset({Status.IN_PROGRESS, Status.WITHDRAWN}),
    Status.IN_PROGRESS: frozenset({Status.COMPLETED, Status.WITHDRAWN}),
    Status.COMPLETED: frozenset(),
    Status.WITHDRAWN: frozenset(),
}
#: Statuses in which institutions report (milestones, measurements, evidence).
REPORTING_STATUSES = frozenset({Status.FORMALIZED, Status.IN_PROGRESS})
#: Statuses shown on the public tracking platform (drafts stay private).
PUBLIC_STATUSES = frozenset(set(Status.values) - {Status.DRAFT})


class OGPValue(models.TextChoices):
    ACCESS_TO_INFORMATION = "acceso-informacion", _("Acceso a la información")
    CIVIC_PARTICIPATION = "participacion-civica", _("Participación cívica")
    PUBLIC_ACCOUNTABILITY = "rendicion-cuentas", _("Rendición de cuentas")
    TECHNOLOGY = "tecnologia-innovacion", _("Tecnología e innovación")


SDG_CHOICES = [(n, _("ODS %(number)s") % {"number": n}) for n in range(1, 18)]

code_validator = RegexValidator(
    r"^[A-Z]{2}[0-9]{4}$",
    _("El código tiene dos letras mayúsculas y cuatro cifras, por ejemplo EC0016."),
)


class Commitment(models.Model):
    """A commitment of an action plan, as written in the OGP commitment template."""

    plan = models.ForeignKey(
        "plans.ActionPlan",
        verbose_name=_("plan de acción"),
        on_delete=models.PROTECT,
        related_name="commitments",
    )
    code = models.CharField(_("código"), max_length=6, unique=True, validators=[code_validator])
    title = models.CharField(_("título"), max_length=255)
    problem = models.TextField(_("problema que aborda"))
    causes = models.TextField(_("causas del problema"), blank=True)
    status_quo = models.TextField(_("situación actual"), blank=True)
    objective = models.TextField(_("objetivo"))
    description = models.TextField(_("descripción"), blank=True)
    how_it_solves = models.TextField(_("cómo contribuye a resolver el problema"), blank=True)
    expected_results = models.TextField(_("resultados esperados"), blank=True)
    ogp_values = models.JSONField(_("valores de gobierno abierto"), default=list, blank=True)
    sdgs = models.JSONField(_("Objetivos de Desarrollo Sostenible"), default=list, blank=True)
    national_plan_link = models.TextField(
        _("vínculo con el plan nacional de desarrollo"), blank=True
    )
    axis = models.ForeignKey(
        "plans.Axis",
        verbose_name=_("eje"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="commitments",
    )
    start_date = models.DateField(_("inicio"))
    end_date = models.DateField(_("fin"))
    status = models.CharField(
        _("estado"), max_length=20, choices=Status.choices, default=Status.DRAFT, db_index=True
    )
    acta_url = models.URLField(
        _("acta de compromiso firmada"),
        blank=True,
        help_text=_("Enlace al acta firmada; se pide al formalizar."),
    )
    version = models.PositiveSmallIntegerField(_("versión"), default=1)
    candidate = models.OneToOneField(
        "evaluation.CandidateGroup",
        verbose_name=_("compromiso candidato de la evaluación"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="commitment",
    )
    is_example = models.BooleanField(_("datos de ejemplo"), default=False)
    created_at = models.DateTimeField(_("creado"), auto_now_add=True)
    updated_at = models.DateTimeField(_("actualizado"), auto_now=True)

    class Meta:
        verbose_name = _("compromiso")
        verbose_name_plural = _("compromisos")
        ordering = ["code"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end_date__gt=models.F("start_date")),
                name="commitment_period_valid",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code} · {self.title}"

    def get_absolute_url(self) -> str:
        return reverse("commitments:detail", args=[self.code])

    def clean(self) -> None:
        errors: dict[str, str] = {}
        values = self.ogp_values if isinstance(self.ogp_values, list) else None
        if values is None or any(v not in OGPValue.values for v in values):
            errors["ogp_values"] = _("Elija valores de gobierno abierto de la lista.")
        sdgs = self.sdgs if isinstance(self.sdgs, list) else None
        if sdgs is None or any(not isinstance(n, int) or not 1 <= n <= 17 for n in sdgs):
            errors["sdgs"] = _("Los ODS son números del 1 al 17.")
        if self.start_date and self.end_date and self.end_date <= self.start_date:
            errors["end_date"] = _("El compromiso termina antes de empezar.")
        if self.axis_id and self.plan_id and self.axis.plan_id != self.plan_id:
            errors["axis"] = _("El eje no pertenece al plan del compromiso.")
        if errors:
            raise ValidationError(errors)

    @property
    def ogp_value_labels(self) -> list[str]:
        labels = dict(OGPValue.choices)
        return [str(labels[v]) for v in self.ogp_values if v in labels]

    @property
    def is_public(self) -> bool:
        return self.status in PUBLIC_STATUSES


class ActorRole(models.TextChoices):
    LEAD = "responsable", _("Institución responsable")
    SUPPORT = "apoyo", _("Institución de apoyo")
    COUNTERPART = "contraparte", _("Contraparte de la sociedad civil")


class CommitmentActor(models.Model):
    """An organisation taking part in a commitment. The contact person is private."""

    commitment = models.ForeignKey(Commitment, on_delete=models.CASCADE, related_name="actors")
    organization = models.ForeignKey(
        "forum.Organization",
        verbose_name=_("organización"),
        on_delete=models.PROTECT,
        related_name="commitment_roles",
    )
    role = models.CharField(_("rol"), max_length=20, choices=ActorRole.choices)
    contact_name = models.CharField(_("persona de contacto"), max_length=150, blank=True)
    contact_email = models.EmailField(_("correo de contacto"), blank=True)

    class Meta:
        verbose_name = _("actor del compromiso")
        verbose_name_plural = _("actores del compromiso")
        ordering = ["commitment", "role", "organization__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["commitment", "organization"], name="commitment_actor_unique"
            ),
            models.UniqueConstraint(
                fields=["commitment"],
                condition=models.Q(role="responsable"),
                name="commitment_one_lead",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.organization} ({self.get_role_display()})"


class CommitmentVersion(models.Model):
    """The sheet as it was before a re-programming, with the reason for the change."""

    commitment = models.ForeignKey(Commitment, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveSmallIntegerField(_("versión"))
    snapshot = models.JSONField(_("ficha"))
    justification = models.TextField(_("justificación de la reprogramación"))
    created_at = models.DateTimeField(_("reprogramado el"), default=timezone.now)

    class Meta:
        verbose_name = _("versión del compromiso")
        verbose_name_plural = _("versiones del compromiso")
        ordering = ["commitment", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["commitment", "number"], name="commitment_version_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.commitment.code} v{self.number}"


class MilestoneStatus(models.TextChoices):
    NOT_STARTED = "no-iniciado", _("No iniciado")
    IN_PROGRESS = "en-curso", _("En curso")
    COMPLETED = "cumplido", _("Cumplido")


class Milestone(models.Model):
    """A verifiable deliverable of a commitment. *Delayed* is derived, never stored."""

    commitment = models.ForeignKey(Commitment, on_delete=models.CASCADE, related_name="milestones")
    deliverable = models.CharField(_("entregable"), max_length=300)
    responsible = models.ForeignKey(
        "forum.Organization",
        verbose_name=_("organización responsable"),
        on_delete=models.PROTECT,
        related_name="commitment_milestones",
    )
    start_date = models.DateField(_("inicio"))
    end_date = models.DateField(_("fin"))
    weight = models.PositiveSmallIntegerField(
        _("peso (%)"),
        default=0,
        validators=[MaxValueValidator(100)],
        help_text=_(
            "Entre 0 y 100; los pesos de los hitos de un compromiso suman 100 como máximo."
        ),
    )
    status = models.CharField(
        _("estado"),
        max_length=20,
        choices=MilestoneStatus.choices,
        default=MilestoneStatus.NOT_STARTED,
    )
    progress = models.PositiveSmallIntegerField(
        _("avance (%)"), default=0, validators=[MinValueValidator(0), MaxValueValidator(100)]
    )
    order = models.PositiveSmallIntegerField(_("orden"), default=0)
    is_example = models.BooleanField(_("datos de ejemplo"), default=False)

    class Meta:
        verbose_name = _("hito")
        verbose_name_plural = _("hitos")
        ordering = ["commitment", "order", "start_date", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end_date__gte=models.F("start_date")),
                name="milestone_dates_valid",
            ),
            models.CheckConstraint(
                condition=models.Q(progress__gte=0, progress__lte=100),
                name="milestone_progress_range",
            ),
            models.CheckConstraint(
                condition=models.Q(weight__lte=100), name="milestone_weight_range"
            ),
            models.CheckConstraint(
                condition=~models.Q(status="cumplido") | models.Q(progress=100),
                name="milestone_completed_is_full",
            ),
        ]

    def __str__(self) -> str:
        return self.deliverable

    @property
    def is_completed(self) -> bool:
        return self.status == MilestoneStatus.COMPLETED

    def is_delayed_on(self, day: datetime.date) -> bool:
        return self.end_date < day and not self.is_completed

    @property
    def is_delayed(self) -> bool:
        return self.is_delayed_on(timezone.localdate())


class Direction(models.TextChoices):
    UP = "sube", _("Debe subir")
    DOWN = "baja", _("Debe bajar")


class Indicator(models.Model):
    """A measurable indicator of a commitment, from its baseline to its target."""

    commitment = models.ForeignKey(Commitment, on_delete=models.CASCADE, related_name="indicators")
    name = models.CharField(_("nombre"), max_length=255)
    unit = models.CharField(_("unidad"), max_length=60)
    direction = models.CharField(
        _("sentido"), max_length=10, choices=Direction.choices, default=Direction.UP
    )
    baseline_value = models.DecimalField(_("línea base"), max_digits=14, decimal_places=2)
    baseline_date = models.DateField(_("fecha de la línea base"))
    target_value = models.DecimalField(_("meta"), max_digits=14, decimal_places=2)
    target_date = models.DateField(_("fecha de la meta"))
    is_example = models.BooleanField(_("datos de ejemplo"), default=False)

    class Meta:
        verbose_name = _("indicador")
        verbose_name_plural = _("indicadores")
        ordering = ["commitment", "id"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(target_value=models.F("baseline_value")),
                name="indicator_target_not_baseline",
            ),
            models.CheckConstraint(
                condition=models.Q(target_date__gt=models.F("baseline_date")),
                name="indicator_dates_valid",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        errors: dict[str, str] = {}
        if self.baseline_value is not None and self.target_value is not None:
            if self.target_value == self.baseline_value:
                errors["target_value"] = _(
                    "La meta es igual a la línea base: no habría nada que medir."
                )
            elif self.direction == Direction.UP and self.target_value < self.baseline_value:
                errors["target_value"] = _(
                    "Un indicador que debe subir necesita una meta mayor que la línea base."
                )
            elif self.direction == Direction.DOWN and self.target_value > self.baseline_value:
                errors["target_value"] = _(
                    "Un indicador que debe bajar necesita una meta menor que la línea base."
                )
        if self.baseline_date and self.target_date and self.target_date <= self.baseline_date:
            errors["target_date"] = _(
                "La fecha de la meta debe ser posterior a la de la línea base."
            )
        if errors:
            raise ValidationError(errors)


class Measurement(models.Model):
    """A dated value of an indicator, with its source."""

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="measurements")
    value = models.DecimalField(_("valor"), max_digits=14, decimal_places=2)
    date = models.DateField(_("fecha"))
    source = models.CharField(_("fuente"), max_length=300)
    reported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    is_example = models.BooleanField(_("datos de ejemplo"), default=False)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("medición")
        verbose_name_plural = _("mediciones")
        ordering = ["indicator", "date", "id"]

    def __str__(self) -> str:
        return f"{self.indicator}: {self.value} ({self.date})"


class ProgressReport(models.Model):
    """A liaison's periodic report on a commitment. Who wrote it stays private."""

    commitment = models.ForeignKey(Commitment, on_delete=models.CASCADE, related_name="reports")
    period_start = models.DateField(_("inicio del periodo"))
    period_end = models.DateField(_("fin del periodo"))
    narrative = models.TextField(_("avances del periodo"), max_length=6000)
    difficulties = models.TextField(_("dificultades"), max_length=4000, blank=True)
    organization = models.ForeignKey(
        "forum.Organization",
        verbose_name=_("institución que reporta"),
        null=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    is_example = models.BooleanField(_("datos de ejemplo"), default=False)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("reporte de avance")
        verbose_name_plural = _("reportes de avance")
        ordering = ["commitment", "-period_end", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(period_end__gte=models.F("period_start")),
                name="report_period_valid",
            )
        ]

    def __str__(self) -> str:
        return f"{self.commitment.code} {self.period_start}–{self.period_end}"


class EvidenceStatus(models.TextChoices):
    PENDING = "pendiente", _("Pendiente de verificación")
    VERIFIED = "verificada", _("Verificada")
    REJECTED = "rechazada", _("Rechazada")


def evidence_path(instance: "Evidence", filename: str) -> str:
    extension = PurePath(filename).suffix.lower()
    return f"compromisos/evidencias/{uuid.uuid4().hex}{extension}"


class Evidence(models.Model):
    """Proof of a milestone: a file (private until verified) or a link."""

    milestone = models.ForeignKey(Milestone, on_delete=models.CASCADE, related_name="evidence")
    description = models.CharField(_("qué demuestra"), max_length=300)
    file = models.FileField(_("archivo"), upload_to=evidence_path, blank=True)
    file_name = models.CharField(max_length=255, blank=True)
    content_type = models.CharField(max_length=100, blank=True)
    size = models.PositiveIntegerField(default=0)
    url = models.URLField(_("enlace"), blank=True)
    status = models.CharField(
        _("estado"), max_length=20, choices=EvidenceStatus.choices, default=EvidenceStatus.PENDING
    )
    rejection_reason = models.TextField(_("motivo del rechazo"), blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)
    is_example = models.BooleanField(_("datos de ejemplo"), default=False)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("evidencia")
        verbose_name_plural = _("evidencias")
        ordering = ["milestone", "-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=(~models.Q(file="") & models.Q(url=""))
                | (models.Q(file="") & ~models.Q(url="")),
                name="evidence_file_or_url",
            ),
            models.CheckConstraint(
                condition=~models.Q(status="rechazada") | ~models.Q(rejection_reason=""),
                name="evidence_rejection_has_reason",
            ),
        ]

    def __str__(self) -> str:
        return self.description

    @property
    def is_verified(self) -> bool:
        return self.status == EvidenceStatus.VERIFIED


class Completion(models.TextChoices):
    NO_EVIDENCE = "sin-evidencia", _("Sin evidencia disponible")
    NOT_STARTED = "no-iniciado", _("No iniciado")
    LIMITED = "limitado", _("Limitado")
    SUBSTANTIAL = "sustancial", _("Sustancial")
    COMPLETE = "completo", _("Completo")


class PotentialImpact(models.TextChoices):
    NONE = "ninguno", _("Ninguno")
    MINOR = "menor", _("Menor")
    MODERATE = "moderado", _("Moderado")
    TRANSFORMATIVE = "transformador", _("Transformador")


class EarlyResults(models.TextChoices):
    WORSENED = "empeoro", _("Empeoró")
    NO_CHANGE = "no-cambio", _("No cambió")
    MARGINAL = "marginal", _("Marginal")
    SIGNIFICANT = "significativo", _("Significativo")
    MAJOR = "mayor", _("Mayor")
    OUTSTANDING = "sobresaliente", _("Sobresaliente")


class IRMAssessment(models.Model):
    """The Independent Reporting Mechanism's view of a commitment, kept apart from self-reports."""

    commitment = models.OneToOneField(
        Commitment, on_delete=models.CASCADE, related_name="irm_assessment"
    )
    verifiable = models.BooleanField(_("verificable"), null=True, blank=True)
    relevance = models.JSONField(_("relevancia para los valores de OGP"), default=list, blank=True)
    potential_impact = models.CharField(
        _("impacto potencial"), max_length=20, choices=PotentialImpact.choices, blank=True
    )
    completion = models.CharField(
        _("nivel de cumplimiento"), max_length=20, choices=Completion.choices, blank=True
    )
    early_results = models.CharField(
        _("¿abrió el gobierno? (resultados tempranos)"),
        max_length=20,
        choices=EarlyResults.choices,
        blank=True,
    )
    starred = models.BooleanField(_("destacado o prometedor"), default=False)
    report_url = models.URLField(_("informe del IRM"), blank=True)
    is_example = models.BooleanField(_("datos de ejemplo"), default=False)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("evaluación del IRM")
        verbose_name_plural = _("evaluaciones del IRM")

    def __str__(self) -> str:
        return f"IRM {self.commitment.code}"

    def clean(self) -> None:
        values = self.relevance if isinstance(self.relevance, list) else None
        if values is None or any(v not in OGPValue.values for v in values):
            raise ValidationError(
                {"relevance": _("Elija valores de gobierno abierto de la lista.")}
            )

    @property
    def relevance_labels(self) -> list[str]:
        labels = dict(OGPValue.choices)
        return [str(labels[v]) for v in self.relevance if v in labels]


class ConsultationComment(models.Model):
    """A signed-in citizen's comment on a draft sheet. The author is never shown."""

    commitment = models.ForeignKey(Commitment, on_delete=models.CASCADE, related_name="comments")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    body = models.TextField(_("comentario"), max_length=3000)
    created_at = models.DateTimeField(default=timezone.now)
    answer = models.TextField(_("respuesta del Grupo Núcleo"), max_length=3000, blank=True)
    answered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("comentario de consulta")
        verbose_name_plural = _("comentarios de consulta")
        ordering = ["commitment", "created_at", "id"]

    def __str__(self) -> str:
        return f"{self.commitment.code} #{self.pk}"
