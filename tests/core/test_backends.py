"""The suite runs on the database and cache CI says it does (``.ci/run`` runs it twice:
SQLite + in-process cache, then PostgreSQL + Redis, and says which in ABIERTO_EXPECT_*)."""

import os

import pytest
from django.core.cache import caches
from django.db import connection

CACHE_NAMES = {
    "RedisCache": "redis",
    "ResilientRedisCache": "redis",  # core/cache.py: Redis that serves on when Redis is down
    "LocMemCache": "locmem",
    "DatabaseCache": "database",
}


def expected(name: str) -> str | None:
    value = os.environ.get(name, "").strip().lower()
    if value:
        return value
    if os.environ.get("CI"):
        pytest.fail(f"En CI falta {name}: no se puede saber en qué pasada corre la batería.")
    pytest.skip(f"{name} no está definido (fuera de CI)")
    return None


@pytest.mark.django_db
def test_the_database_is_the_expected_one():
    assert connection.vendor == expected("ABIERTO_EXPECT_DATABASE")


def test_the_cache_is_the_expected_one():
    name = type(caches["default"]).__name__
    assert CACHE_NAMES.get(name, name.lower()) == expected("ABIERTO_EXPECT_CACHE")
