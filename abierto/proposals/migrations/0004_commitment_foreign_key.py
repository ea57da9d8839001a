"""The placeholder ``commitment_id`` column becomes a foreign key to commitments, in place.

Written by hand so the column keeps its name and its values:
1. drop the "positive" check of the placeholder (a plain big integer, as a key is);
2. in Django's state only, the field ``commitment_id`` becomes ``commitment`` stored in the
   same ``commitment_id`` column (no SQL);
3. the column gets its foreign-key constraint and index. Values that point at no commitment
   (none exist before this app: it did not) are cleared first, else the constraint would fail.
"""

import django.db.models.deletion
from django.db import migrations, models


def clear_dangling(apps, schema_editor):
    Proposal = apps.get_model("proposals", "Proposal")
    Commitment = apps.get_model("commitments", "Commitment")
    known = Commitment.objects.values("pk")
    Proposal.objects.exclude(commitment_id__isnull=True).exclude(
        commitment_id__in=known
    ).update(commitment_id=None)


class Migration(migrations.Migration):
    dependencies = [
        ("proposals", "0003_model_validators"),
        ("commitments", "0001_initial"),
    ]

    operations = [
        migrations.AlterField(
            model_name="proposal",
            name="commitment_id",
            field=models.BigIntegerField(
                blank=True, null=True, verbose_name="compromiso al que aportó"
            ),
        ),
        migrations.RunPython(clear_dangling, migrations.RunPython.noop),
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.RemoveField(model_name="proposal", name="commitment_id"),
                migrations.AddField(
                    model_name="proposal",
                    name="commitment",
                    field=models.BigIntegerField(
                        blank=True,
                        null=True,
                        db_column="commitment_id",
                        verbose_name="compromiso al que aportó",
                    ),
                ),
            ],
            database_operations=[],
        ),
        migrations.AlterField(
            model_name="proposal",
            name="commitment",
            field=models.ForeignKey(
                blank=True,
                db_column="commitment_id",
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="source_proposals",
                to="commitments.commitment",
                verbose_name="compromiso al que aportó",
            ),
        ),
    ]
