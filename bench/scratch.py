"""A scratch site for the bench: never the site's database, cache keys or files.

``configure(folder)`` sets the environment the bench process and its gunicorn servers share:
production settings (``ABIERTO_ENV=production``, a throwaway ``SECRET_KEY``,
``ALLOWED_HOSTS=127.0.0.1``, no SSL redirect, ``DEBUG=0``), bench mode (``ABIERTO_BENCH=1``:
the hello view and the query-count header), files under ``folder``, and:

- SQLite in ``folder`` by default;
- PostgreSQL when ``DATABASE_URL`` is set: the same server, but the scratch database
  ``<named>_bench_scratch`` (``abierto_bench_scratch`` for ``.../abierto``; dropped and created
  here, unless a kept dataset is reused; never the named one), so benches started with
  different names never collide;
- Redis when ``REDIS_URL`` is set, under a key prefix of its own (nothing else is touched).

Then ``setup()`` starts Django in this process.

A kept dataset (``--data-dir``) is recognised by a token: ``stamp_token()`` writes a new one in
the table ``bench_dataset`` of the scratch database (not a Django model: the bench's own) and
the marker in the folder keeps it, so a marker never vouches for a database that was dropped or
rebuilt by another run meanwhile.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import sqlite3
import sys
import urllib.parse
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SCRATCH_SUFFIX = "_bench_scratch"


def _scratch_name(url: str) -> str:
    name = urllib.parse.urlsplit(url).path.lstrip("/") or "abierto"
    return name if name.endswith(SCRATCH_SUFFIX) else name + SCRATCH_SUFFIX


def _scratch_database_url(url: str) -> str:
    parts = urllib.parse.urlsplit(url)
    return urllib.parse.urlunsplit(parts._replace(path="/" + _scratch_name(url)))


def recreate_postgresql(url: str) -> None:
    """Drop and create the scratch database on the server of ``url`` (its maintenance DB)."""
    import psycopg

    parts = urllib.parse.urlsplit(url)
    name = parts.path.lstrip("/")
    if not name.endswith(SCRATCH_SUFFIX):  # belt and braces: only ever a scratch database
        raise RuntimeError(f"Base de datos de la medición inesperada: {name!r}")
    maintenance = urllib.parse.urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(maintenance, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')


def sqlite_path(folder: Path) -> Path:
    """The SQLite database of the scratch site (``config/settings.py``: the var folder)."""
    return folder / "abierto.sqlite3"


def empty_database(folder: Path) -> None:
    """Start from nothing: drop and create the PostgreSQL scratch database, or delete the
    SQLite files in ``folder``. Call after ``configure`` and before ``setup``."""
    url = os.environ.get("DATABASE_URL")
    if url:
        recreate_postgresql(url)  # configure() made it the scratch database's address
        return
    path = sqlite_path(folder)
    for extra in ("", "-wal", "-shm", "-journal"):
        path.with_name(path.name + extra).unlink(missing_ok=True)


def stamped_token(folder: Path) -> str | None:
    """The token stamped in the scratch database (before ``setup``), or None: no database,
    no stamp."""
    url = os.environ.get("DATABASE_URL")
    query = "SELECT token FROM bench_dataset"
    if url:
        import psycopg

        if not urllib.parse.urlsplit(url).path.endswith(SCRATCH_SUFFIX):
            return None  # configure() not called: never look into a site's database
        try:
            with psycopg.connect(url, connect_timeout=10) as conn:
                row = conn.execute(query).fetchone()
        except psycopg.Error:
            return None
    else:
        path = sqlite_path(folder)
        if not path.exists():
            return None
        try:
            with contextlib.closing(sqlite3.connect(path)) as conn:
                row = conn.execute(query).fetchone()
        except sqlite3.Error:
            return None
    return row[0] if row else None


def stamp_token() -> str:
    """Stamp a new token in the scratch database (Django's connection) and return it."""
    from django.db import connection, transaction

    token = secrets.token_hex(16)
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("CREATE TABLE IF NOT EXISTS bench_dataset (token varchar(64) NOT NULL)")
        cursor.execute("DELETE FROM bench_dataset")
        cursor.execute("INSERT INTO bench_dataset (token) VALUES (%s)", [token])
    return token


def configure(folder: Path) -> dict[str, str]:
    """Set the shared environment; returns what the servers need on top of it."""
    folder.mkdir(parents=True, exist_ok=True)
    sys.path.insert(0, str(ROOT))
    env = {
        "ABIERTO_ENV": "production",
        "ABIERTO_BENCH": "1",
        "SECRET_KEY": "bench-" + secrets.token_urlsafe(40),
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "0",
        "DEBUG": "0",
        "ABIERTO_VAR_DIR": str(folder),
        "MEDIA_ROOT": str(folder / "media"),
        "STATIC_ROOT": str(folder / "static"),
        "PROXY_COUNT": "1",  # the bench sends X-Forwarded-For, as the production proxy does
        "LOG_LEVEL": "WARNING",
        "ABIERTO_SITE_URL": "http://127.0.0.1",
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "CACHE_KEY_PREFIX": "abierto-bench-" + secrets.token_hex(4),
    }
    if os.environ.get("DATABASE_URL"):
        env["DATABASE_URL"] = _scratch_database_url(os.environ["DATABASE_URL"])
    os.environ.update(env)
    return env


def database_label() -> str:
    return "postgresql" if os.environ.get("DATABASE_URL") else "sqlite"


def setup() -> None:
    import django

    django.setup()
