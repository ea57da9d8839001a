"""The counter table of public proposals (issue 9), filled from the proposals already stored.

The fill is this migration's own copy of ``counters.expected_counts`` (a migration must not
change when the app's code does): three GROUP BYs over the public proposals, one per roll-up
level, written in batches. Plain ORM: the same on SQLite and PostgreSQL.
"""

from django.db import migrations, models
from django.db.models import Count


def fill(apps, schema_editor):
    Proposal = apps.get_model("proposals", "Proposal")
    ProposalCount = apps.get_model("proposals", "ProposalCount")
    public = Proposal.objects.filter(is_hidden=False).order_by()
    rest = ("plan_id", "status", "province", "channel")
    rows = []
    for level in ((), ("axis_id",), ("theme_id",)):
        grouped = public
        for column in level:
            grouped = grouped.filter(**{f"{column}__isnull": False})
        for row in grouped.values_list(*level, *rest).annotate(total=Count("id")):
            rows.append(
                ProposalCount(
                    axis_id=row[0] if level == ("axis_id",) else 0,
                    theme_id=row[0] if level == ("theme_id",) else 0,
                    **dict(zip(rest, row[len(level) : -1], strict=True)),
                    n=row[-1],
                )
            )
    ProposalCount.objects.bulk_create(rows, batch_size=1000)


def empty(apps, schema_editor):
    apps.get_model("proposals", "ProposalCount").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [
        ("proposals", "0009_commitment_source_index"),
    ]

    operations = [
        migrations.CreateModel(
            name="ProposalCount",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("plan_id", models.PositiveBigIntegerField()),
                ("axis_id", models.PositiveBigIntegerField(default=0)),
                ("theme_id", models.PositiveBigIntegerField(default=0)),
                ("status", models.CharField(max_length=20)),
                ("province", models.CharField(max_length=30)),
                ("channel", models.CharField(max_length=10)),
                ("n", models.IntegerField(default=0)),
            ],
            options={
                "verbose_name": "recuento de propuestas",
                "verbose_name_plural": "recuentos de propuestas",
                "default_permissions": (),
                "constraints": [
                    models.UniqueConstraint(
                        fields=("axis_id", "theme_id", "plan_id", "status", "province", "channel"),
                        name="proposal_count_key",
                    )
                ],
            },
        ),
        migrations.RunPython(fill, empty, elidable=True),
    ]
