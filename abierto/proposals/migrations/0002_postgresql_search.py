"""PostgreSQL only: pg_trgm and the GIN indexes for full-text search and similarity.

SQLite has neither; there the app searches the folded ``search_text`` column instead.
"""

from django.db import migrations

FORWARD = [
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    "CREATE INDEX IF NOT EXISTS proposal_search_vector_gin "
    "ON proposals_proposal USING gin (search_vector)",
    "CREATE INDEX IF NOT EXISTS proposal_title_key_trgm "
    "ON proposals_proposal USING gin (title_key gin_trgm_ops)",
]
BACKWARD = [
    "DROP INDEX IF EXISTS proposal_title_key_trgm",
    "DROP INDEX IF EXISTS proposal_search_vector_gin",
]


def forward(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for statement in FORWARD:
        schema_editor.execute(statement)


def backward(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for statement in BACKWARD:
        schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("proposals", "0001_initial")]

    operations = [migrations.RunPython(forward, backward)]
