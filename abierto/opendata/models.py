"""Reports published in the document repository, numbered per plan and kind of report."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ReportKindChoice(models.TextChoices):
    ACTION_PLAN = "plan-de-accion", _("Documento del plan de acción")
    PROGRESS = "rendicion-de-cuentas", _("Informe de avance para la rendición de cuentas")
    RESPONSES = "respuestas-razonadas", _("Informe de respuestas razonadas")


class PublishedReport(models.Model):
    """One published version of a report: the PDF is the file of its ``document``."""

    plan = models.ForeignKey(
        "plans.ActionPlan",
        verbose_name=_("plan"),
        on_delete=models.PROTECT,
        related_name="published_reports",
    )
    kind = models.CharField(_("informe"), max_length=30, choices=ReportKindChoice.choices)
    version = models.PositiveIntegerField(_("versión"))
    document = models.OneToOneField(
        "content.Document",
        verbose_name=_("documento"),
        on_delete=models.PROTECT,
        related_name="published_report",
    )
    created_at = models.DateTimeField(_("publicado"), auto_now_add=True)

    class Meta:
        verbose_name = _("informe publicado")
        verbose_name_plural = _("informes publicados")
        ordering = ["plan", "kind", "-version"]
        constraints = [
            models.UniqueConstraint(
                fields=["plan", "kind", "version"], name="published_report_version_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.version}"
