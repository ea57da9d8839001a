"""Online backup of the database and the uploaded files, and a restore drill.

``manage.py backup <folder>`` writes, while the site keeps running:

- ``database.sqlite3`` (SQLite's online ``VACUUM INTO``, a consistent copy) or
  ``database.dump`` (PostgreSQL, ``pg_dump --format=custom``, a consistent snapshot);
- ``media.tar.gz`` with everything under ``MEDIA_ROOT``;
- ``manifest.json``: the row count of every table, the last sealed audit row and its hash, and
  the SHA-256 of each file above.

``manage.py restore_drill <folder>`` restores the copy into a scratch database (a temporary
SQLite file, or a scratch PostgreSQL database it creates and drops), compares every row count
and the audit chain's last hash with the manifest, re-verifies the whole audit chain there and
checks the media archive's checksum. It prints ``ok`` or what differs. The restore itself, on a
real outage, is documented in docs/operations.md.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
import uuid
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.db import connection
from django.utils import timezone


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def _tables() -> list[str]:
    return sorted(
        model._meta.db_table
        for model in apps.get_models(include_auto_created=True)
        if not model._meta.proxy and model._meta.managed
    )


def _counts(cursor, tables: list[str], quote) -> dict[str, int]:
    counts = {}
    for table in tables:
        cursor.execute(f"SELECT COUNT(*) FROM {quote(table)}")  # noqa: S608 - our table names
        counts[table] = cursor.fetchone()[0]
    return counts


def _chain_head(cursor, quote) -> list:
    cursor.execute(
        f"SELECT seq, row_hash FROM {quote('core_actionlog')} "  # noqa: S608
        "WHERE seq IS NOT NULL ORDER BY seq DESC LIMIT 1"
    )
    row = cursor.fetchone()
    return list(row) if row else [0, ""]


def _run(program: str, *args: str, db: dict, check: bool = True) -> None:
    """Run a PostgreSQL client program with the site's connection settings."""
    executable = shutil.which(program) or program
    subprocess.run(  # noqa: S603 - our own program and arguments
        [executable, *args], check=check, env=_pg_env(db), capture_output=True
    )


def _pg_env(db: dict) -> dict[str, str]:
    env = dict(os.environ)
    if db.get("PASSWORD"):
        env["PGPASSWORD"] = str(db["PASSWORD"])
    return env


def _pg_args(db: dict, name: str | None = None) -> list[str]:
    args = ["-h", str(db.get("HOST") or "127.0.0.1"), "-U", str(db.get("USER") or "postgres")]
    if db.get("PORT"):
        args += ["-p", str(db["PORT"])]
    return [*args, "-d", name or str(db["NAME"])]


def backup(folder: Path) -> dict:
    """Write a consistent copy of the database and media into ``folder``; return the manifest."""
    from .audit import seal_pending

    seal_pending()
    folder.mkdir(parents=True, exist_ok=True)
    db = connection.settings_dict
    files = {}
    with connection.cursor() as cursor:
        # The counts and the chain head are read first, then the copy: rows written in
        # between make the copy a little newer, never older, and the drill reports it.
        counts = _counts(cursor, _tables(), connection.ops.quote_name)
        head = _chain_head(cursor, connection.ops.quote_name)
        if connection.vendor == "sqlite":
            target = folder / "database.sqlite3"
            target.unlink(missing_ok=True)
            cursor.execute("VACUUM INTO %s", [str(target)])
        elif connection.vendor == "postgresql":
            target = folder / "database.dump"
            _run(
                "pg_dump", "--format=custom", "--no-owner", "-f", str(target), *_pg_args(db), db=db
            )
        else:  # pragma: no cover - the two databases Abierto runs on
            raise RuntimeError(f"Copia no disponible para {connection.vendor}.")
    files[target.name] = _sha256(target)
    media = folder / "media.tar.gz"
    with tarfile.open(media, "w:gz") as archive:
        root = Path(settings.MEDIA_ROOT)
        if root.exists():
            archive.add(root, arcname="media")
    files[media.name] = _sha256(media)
    manifest = {
        "created_at": timezone.now().isoformat(),
        "vendor": connection.vendor,
        "tables": counts,
        "audit_head": head,
        "files": files,
    }
    (folder / "manifest.json").write_text(json.dumps(manifest, indent=2, sort_keys=True))
    return manifest


def restore_drill(folder: Path) -> list[str]:
    """Restore the copy in ``folder`` into a scratch database and compare. Returns the list of
    differences (empty when the copy is sound)."""
    manifest = json.loads((folder / "manifest.json").read_text())
    problems = []
    for name, digest in manifest["files"].items():
        if _sha256(folder / name) != digest:
            problems.append(f"{name}: la suma de verificación no coincide")
    if problems:
        return problems
    with tarfile.open(folder / "media.tar.gz") as archive:
        archive.getmembers()  # readable end to end
    if manifest["vendor"] == "sqlite":
        with tempfile.TemporaryDirectory() as scratch:
            copy = Path(scratch) / "restaurada.sqlite3"
            shutil.copy(folder / "database.sqlite3", copy)
            db = sqlite3.connect(copy)
            try:
                problems += _compare(db.cursor(), manifest, lambda t: f'"{t}"')
                problems += _verify_chain_rows(db.cursor(), lambda t: f'"{t}"')
            finally:
                db.close()
        return problems
    db = connection.settings_dict
    scratch = f"abierto_simulacro_{uuid.uuid4().hex[:8]}"
    admin = _pg_args(db, "postgres")
    _run("psql", *admin, "-c", f'CREATE DATABASE "{scratch}"', db=db)
    try:
        _run(
            "pg_restore", "--no-owner", *_pg_args(db, scratch), str(folder / "database.dump"), db=db
        )
        import psycopg

        with psycopg.connect(
            host=db.get("HOST") or "127.0.0.1",
            port=db.get("PORT") or 5432,
            user=db.get("USER") or "postgres",
            password=db.get("PASSWORD") or None,
            dbname=scratch,
        ) as restored:
            problems += _compare(restored.cursor(), manifest, lambda t: f'"{t}"')
            problems += _verify_chain_rows(restored.cursor(), lambda t: f'"{t}"')
    finally:
        _run("psql", *admin, "-c", f'DROP DATABASE IF EXISTS "{scratch}"', db=db, check=False)
    return problems


def _compare(cursor, manifest: dict, quote) -> list[str]:
    problems = []
    restored = _counts(cursor, list(manifest["tables"]), quote)
    for table, expected in manifest["tables"].items():
        if restored[table] < expected:
            problems.append(f"{table}: {restored[table]} filas restauradas, {expected} esperadas")
    head = _chain_head(cursor, quote)
    if head[0] < manifest["audit_head"][0]:
        problems.append("registro de acciones: la copia termina antes que el manifiesto")
    return problems


def _verify_chain_rows(cursor, quote) -> list[str]:
    """Re-compute every hash of the restored audit chain (same formula as core.audit)."""
    from types import SimpleNamespace

    from django.utils.dateparse import parse_datetime

    from .audit import chain_hash, content_hash, private_hash

    sql = (
        "SELECT l.seq, l.created_at, l.actor_id, l.actor_role, l.verb, c.app_label, c.model, "
        "l.object_id, l.data, l.changes, l.public, l.prev_hash, l.content_hash, "
        "l.private_hash, l.row_hash FROM core_actionlog l "
        "JOIN django_content_type c ON c.id = l.content_type_id "
        "WHERE l.seq IS NOT NULL ORDER BY l.seq"
    )
    cursor.execute(sql)
    previous = ""
    for expected_seq, values in enumerate(cursor.fetchall(), start=1):
        seq, created, actor_id, role, verb, app_label, model, object_id = values[:8]
        data, changes, public, prev, content, private, row_hash = values[8:]
        created = parse_datetime(created) if isinstance(created, str) else created
        if timezone.is_naive(created):
            created = timezone.make_aware(created, timezone.UTC)
        row = SimpleNamespace(
            seq=seq,
            created_at=created,
            actor_id=actor_id,
            actor_role=role,
            verb=verb,
            content_type=SimpleNamespace(app_label=app_label, model=model),
            object_id=object_id,
            data=json.loads(data) if isinstance(data, str) else data,
            changes=json.loads(changes) if isinstance(changes, str) else changes,
            public=bool(public),
        )
        if (
            seq != expected_seq
            or prev != previous
            or content != content_hash(row)
            or private != private_hash(row)
            or row_hash != chain_hash(prev, content, private)
        ):
            return [f"registro de acciones: la cadena restaurada se rompe en el n.º {seq}"]
        previous = row_hash
    return []
