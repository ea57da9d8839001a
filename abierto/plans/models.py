"""Action plans and the frame every proposal and commitment hangs on."""

import datetime

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class PlanStatus(models.TextChoices):
    CO_CREATION = "cocreacion", _("En cocreación")
    IMPLEMENTATION = "implementacion", _("En implementación")
    CLOSED = "cerrado", _("Cerrado")


class ActionPlan(models.Model):
    """A National Action Plan (OGP), one row for its whole life.

    A plan keeps one identity (``pk``, ``number``, ``slug``) however often it is
    re-programmed, so everything that hangs on it (proposals, forum meetings, documents,
    evaluations, commitments, mesas) stays attached to the same row. The row holds the *frame
    in force*: title, period, objective, status and the number of the version in force
    (``version``); its axes, criteria, themes and stages are the same rows across versions.

    A re-programming (``services.plan_new_version``) does not copy the plan: it freezes the
    frame of the version that ends into a :class:`PlanVersion` snapshot, bumps ``version`` and
    applies the new frame to this row. Older versions are read from their snapshots.
    """

    number = models.PositiveSmallIntegerField(_("número"), unique=True)
    version = models.PositiveSmallIntegerField(
        _("versión vigente"),
        default=1,
        help_text=_("Número de la versión en vigor; cambia solo con una reprogramación."),
    )
    slug = models.SlugField(_("identificador en la dirección"), max_length=80, unique=True)
    title = models.CharField(_("título"), max_length=255)
    start_date = models.DateField(_("inicio del periodo"))
    end_date = models.DateField(_("fin del periodo"))
    objective = models.TextField(_("objetivo"), blank=True)
    status = models.CharField(
        _("estado"), max_length=20, choices=PlanStatus.choices, default=PlanStatus.CO_CREATION
    )
    is_example = models.BooleanField(
        _("datos de ejemplo"),
        default=False,
        help_text=_("Marca los planes inventados para demostración."),
    )
    response_days = models.PositiveSmallIntegerField(
        _("plazo de respuesta en días (opcional)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(365)],
        help_text=_(
            "Días que tiene el equipo para responder a cada propuesta desde que la recibe; "
            "la cola de revisión muestra la fecha límite."
        ),
    )
    facilitators = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("facilitación"),
        blank=True,
        related_name="facilitated_plans",
        help_text=_("Personas con el rol de facilitación que atienden este plan."),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("plan de acción")
        verbose_name_plural = _("planes de acción")
        ordering = ["-number"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end_date__gt=models.F("start_date")), name="plan_period_valid"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def period(self) -> str:
        return f"{self.start_date.year}-{self.end_date.year}"


class PlanVersion(models.Model):
    """One version of a plan: why it began, and, once it ended, its frame frozen in JSON.

    Every version has a row, version 1 included (its ``reason`` is empty: the initial
    version). While a version is in force its ``frame`` is ``None``: the live plan and its
    parts *are* its frame. When a re-programming starts the next version, the ending version's
    frame is frozen into ``frame`` (see ``services.plan_frame``)::

        {"title": ..., "start_date": "2019-09-01", "end_date": ..., "objective": ...,
         "axes": [{"id", "name", "description"}], "themes": [...],
         "criteria": [{"id", "name", "definition", "weight"}],
         "stages": [{"id", "number", "name", "start_date", "end_date", ...}]}

    so the old version stays readable however the plan changes later. ``changes`` says what
    changed of the frame from the previous version to this one (``services.frame_changes``):
    ``{"fields": {"end_date": [old, new]}, "axes": {"added": [...], "removed": [...],
    "renamed": [[old, new]]}, "criteria": {..., "weights": [[name, old, new]]},
    "stages": {..., "dates": [...]}}``. It is written when the version starts (what the
    re-programming changed) and completed when it ends (with the part edits made meanwhile).
    """

    plan = models.ForeignKey(
        ActionPlan, on_delete=models.CASCADE, related_name="versions", verbose_name=_("plan")
    )
    number = models.PositiveSmallIntegerField(_("versión"))
    reason = models.TextField(_("motivo"), blank=True)
    created_at = models.DateTimeField(_("fecha"), default=timezone.now)
    frame = models.JSONField(_("marco congelado"), null=True, blank=True, default=None)
    changes = models.JSONField(
        _("cambios respecto de la versión anterior"), default=dict, blank=True
    )

    class Meta:
        verbose_name = _("versión de plan")
        verbose_name_plural = _("versiones de plan")
        ordering = ["plan", "number"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "number"], name="planversion_unique_number")
        ]

    def __str__(self) -> str:
        return f"{self.plan} · v{self.number}"

    @property
    def is_frozen(self) -> bool:
        return self.frame is not None


class Axis(models.Model):
    """An axis (eje) of the plan: a broad area proposals and commitments belong to."""

    plan = models.ForeignKey(ActionPlan, on_delete=models.CASCADE, related_name="axes")
    name = models.CharField(_("nombre"), max_length=120)
    description = models.TextField(_("descripción"), blank=True)
    order = models.PositiveSmallIntegerField(_("orden"), default=0)

    class Meta:
        verbose_name = _("eje")
        verbose_name_plural = _("ejes")
        ordering = ["plan", "order", "id"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "name"], name="axis_name_unique_in_plan")
        ]

    def __str__(self) -> str:
        return self.name


class Criterion(models.Model):
    """A criterion proposals are judged on (relevancia, factibilidad, ...), with its weight."""

    plan = models.ForeignKey(ActionPlan, on_delete=models.CASCADE, related_name="criteria")
    name = models.CharField(_("nombre"), max_length=120)
    definition = models.TextField(_("definición"))
    weight = models.PositiveSmallIntegerField(
        _("peso (%)"),
        default=20,
        validators=[MinValueValidator(1), MaxValueValidator(100)],
        help_text=_("Entre 1 y 100; los pesos de un plan suman 100."),
    )
    order = models.PositiveSmallIntegerField(_("orden"), default=0)

    class Meta:
        verbose_name = _("criterio")
        verbose_name_plural = _("criterios")
        ordering = ["plan", "order", "id"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "name"], name="criterion_name_unique_in_plan"),
            models.CheckConstraint(
                condition=models.Q(weight__gte=1, weight__lte=100), name="criterion_weight_range"
            ),
        ]

    def __str__(self) -> str:
        return self.name


class Theme(models.Model):
    """A theme of the plan's co-creation tables (mesas): gobernanza digital, género, ..."""

    plan = models.ForeignKey(ActionPlan, on_delete=models.CASCADE, related_name="themes")
    name = models.CharField(_("nombre"), max_length=120)
    description = models.TextField(_("descripción"), blank=True)
    order = models.PositiveSmallIntegerField(_("orden"), default=0)

    class Meta:
        verbose_name = _("tema")
        verbose_name_plural = _("temas")
        ordering = ["plan", "order", "name"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "name"], name="theme_name_unique_in_plan")
        ]

    def __str__(self) -> str:
        return self.name


class Stage(models.Model):
    """A stage (etapa) of the plan's co-creation, with its announced dates."""

    plan = models.ForeignKey(ActionPlan, on_delete=models.CASCADE, related_name="stages")
    number = models.PositiveSmallIntegerField(_("número"))
    name = models.CharField(_("nombre"), max_length=160)
    description = models.TextField(_("qué sucede"), blank=True)
    responsible = models.CharField(_("responsable"), max_length=200, blank=True)
    start_date = models.DateField(_("inicio"))
    end_date = models.DateField(_("fin"))
    announced_on = models.DateField(_("anunciada el"), null=True, blank=True)
    receives_proposals = models.BooleanField(
        _("recibe propuestas"),
        default=False,
        help_text=_("Durante esta etapa el formulario público de propuestas está abierto."),
    )

    class Meta:
        verbose_name = _("etapa")
        verbose_name_plural = _("etapas")
        ordering = ["plan", "number"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "number"], name="stage_number_unique_in_plan"),
            models.CheckConstraint(
                condition=models.Q(end_date__gte=models.F("start_date")), name="stage_dates_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.number}. {self.name}"

    def is_open_on(self, day: datetime.date) -> bool:
        return self.start_date <= day <= self.end_date
