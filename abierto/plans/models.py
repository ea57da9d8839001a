"""Action plans and the frame every proposal and commitment hangs on."""

import datetime

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _


class PlanStatus(models.TextChoices):
    CO_CREATION = "cocreacion", _("En cocreación")
    IMPLEMENTATION = "implementacion", _("En implementación")
    CLOSED = "cerrado", _("Cerrado")


class ActionPlan(models.Model):
    """A National Action Plan (OGP). A re-programmed plan is a new version (same number).

    The newest version is the one shown; older versions stay readable with ``superseded_by``
    pointing at their successor and ``version_reason`` on the successor saying why.
    """

    number = models.PositiveSmallIntegerField(_("número"))
    version = models.PositiveSmallIntegerField(_("versión"), default=1)
    slug = models.SlugField(_("identificador en la dirección"), max_length=80, unique=True)
    title = models.CharField(_("título"), max_length=255)
    start_date = models.DateField(_("inicio del periodo"))
    end_date = models.DateField(_("fin del periodo"))
    objective = models.TextField(_("objetivo"), blank=True)
    status = models.CharField(
        _("estado"), max_length=20, choices=PlanStatus.choices, default=PlanStatus.CO_CREATION
    )
    version_reason = models.TextField(_("motivo de la nueva versión"), blank=True)
    superseded_by = models.OneToOneField(
        "self",
        verbose_name=_("reemplazado por"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="previous_version",
    )
    is_example = models.BooleanField(
        _("datos de ejemplo"),
        default=False,
        help_text=_("Marca los planes inventados para demostración."),
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
        ordering = ["-number", "-version"]
        constraints = [
            models.UniqueConstraint(
                fields=["number", "version"], name="plan_number_version_unique"
            ),
            models.CheckConstraint(
                condition=models.Q(end_date__gt=models.F("start_date")), name="plan_period_valid"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def period(self) -> str:
        return f"{self.start_date.year}-{self.end_date.year}"

    @property
    def is_current_version(self) -> bool:
        return self.superseded_by_id is None


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
