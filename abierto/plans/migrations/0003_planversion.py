"""One row per plan, step 1 of 3: the PlanVersion table."""

import django.db.models.deletion
import django.utils.timezone
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("plans", "0002_actionplan_facilitators"),
    ]

    operations = [
        migrations.CreateModel(
            name="PlanVersion",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("number", models.PositiveSmallIntegerField(verbose_name="versión")),
                ("reason", models.TextField(blank=True, verbose_name="motivo")),
                (
                    "created_at",
                    models.DateTimeField(
                        default=django.utils.timezone.now, verbose_name="fecha"
                    ),
                ),
                (
                    "frame",
                    models.JSONField(
                        blank=True, default=None, null=True, verbose_name="marco congelado"
                    ),
                ),
                (
                    "changes",
                    models.JSONField(
                        blank=True,
                        default=dict,
                        verbose_name="cambios respecto de la versión anterior",
                    ),
                ),
                (
                    "plan",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="versions",
                        to="plans.actionplan",
                        verbose_name="plan",
                    ),
                ),
            ],
            options={
                "verbose_name": "versión de plan",
                "verbose_name_plural": "versiones de plan",
                "ordering": ["plan", "number"],
                "constraints": [
                    models.UniqueConstraint(
                        fields=("plan", "number"), name="planversion_unique_number"
                    )
                ],
            },
        ),
    ]
