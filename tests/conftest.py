"""Fixtures shared by every test: users with roles, the real task worker, the mail outbox.

Tests run against the database and cache chosen by DATABASE_URL / REDIS_URL (SQLite and the
in-process cache when unset), exactly as the site does.
"""

import pytest
from django.core import mail
from django.core.cache import cache

from abierto.core.roles import Role

from .helpers import make_user, run_task_worker


@pytest.fixture(autouse=True)
def _queued_email(settings):
    """Django's test set-up swaps every mailer for locmem; put the queue back in front of it.

    Mail then travels as on the site: enqueued after commit, delivered by the task worker
    (``run_task_worker``) into ``django.core.mail.outbox``.
    """
    settings.MAILERS = {
        "default": {"BACKEND": "abierto.core.mail.QueuedEmailBackend"},
        "delivery": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"},
    }
    mail.outbox = []


@pytest.fixture(autouse=True)
def _clear_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def limits(settings):
    """Call ``limits(submit_ip=(2, 3600), ...)`` to tighten some rate limits for one test."""

    def tighten(**overrides: tuple[int, int]) -> None:
        settings.ABIERTO_RATE_LIMITS = {**settings.ABIERTO_RATE_LIMITS, **overrides}

    return tighten


@pytest.fixture
def citizen(db):
    return make_user("ciudadana@example.org", Role.CITIZEN)


@pytest.fixture
def forum_member(db):
    return make_user("grupo.nucleo@example.org", Role.FORUM_MEMBER)


@pytest.fixture
def admin_user(db):
    return make_user("admin@example.org", Role.ADMIN)


@pytest.fixture
def worker():
    """Call ``worker()`` to let the real database task worker run everything queued."""
    return run_task_worker
