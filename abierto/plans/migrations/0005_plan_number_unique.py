"""One row per plan, step 3 of 3: drop the version chain, make a plan's number unique."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("plans", "0004_one_plan_row")]

    operations = [
        migrations.RemoveConstraint(model_name="actionplan", name="plan_number_version_unique"),
        migrations.RemoveField(model_name="actionplan", name="superseded_by"),
        migrations.RemoveField(model_name="actionplan", name="version_reason"),
        migrations.AlterField(
            model_name="actionplan",
            name="number",
            field=models.PositiveSmallIntegerField(unique=True, verbose_name="número"),
        ),
        migrations.AlterField(
            model_name="actionplan",
            name="version",
            field=models.PositiveSmallIntegerField(
                default=1,
                help_text="Número de la versión en vigor; cambia solo con una reprogramación.",
                verbose_name="versión vigente",
            ),
        ),
        migrations.AlterModelOptions(
            name="actionplan",
            options={
                "ordering": ["-number"],
                "verbose_name": "plan de acción",
                "verbose_name_plural": "planes de acción",
            },
        ),
    ]
