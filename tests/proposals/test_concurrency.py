"""Twenty identical submissions at once (a double click times ten, resent forms) make one
proposal. Real threads, each with its own database connection, against the real database.

PostgreSQL: the test database as it is. SQLite: the test database lives in memory with a
shared cache, where concurrent writers fail with "table is locked" instead of waiting (the
site never runs like that); so the threads work on a file copy of it, in WAL mode with
IMMEDIATE transactions, exactly as the site's SQLite database is configured.
"""

import contextlib
import sqlite3
import threading

import pytest
from django.db import connection, connections
from django.test import Client

from abierto.proposals.models import Proposal

from .conftest import form_data

THREADS = 20


@contextlib.contextmanager
def threads_database(tmp_path):
    """Connections opened by other threads go to a real database (see the module docstring)."""
    if connection.vendor != "sqlite":
        yield
        return
    path = tmp_path / "concurrency.sqlite3"
    connection.ensure_connection()
    target = sqlite3.connect(path)
    connection.connection.backup(target)
    # WAL is set here, once, before any thread connects: the copy starts in rollback-journal
    # mode, and forty connections each switching it to WAL at once can be refused with
    # "database is locked" without waiting (SQLite does not wait where waiting could deadlock).
    target.execute("PRAGMA journal_mode=WAL")
    target.close()
    original = connections.settings["default"]
    # Correctness, not latency, is tested here: on a loaded machine 40 writers queue for longer
    # than the site's 20 s busy timeout, so the threads wait up to two minutes for the lock.
    options = {**original.get("OPTIONS", {}), "timeout": 120}
    options["init_command"] = options.get("init_command", "").replace(
        "busy_timeout=10000", "busy_timeout=120000"
    )
    connections.settings["default"] = {**original, "NAME": str(path), "OPTIONS": options}
    try:
        yield
    finally:
        connections.settings["default"] = original


def in_thread(function):
    """Run ``function`` in a new thread (so it uses that thread's own connection)."""
    result: list = []

    def run():
        try:
            result.append(function())
        finally:
            connections.close_all()

    thread = threading.Thread(target=run)
    thread.start()
    thread.join()
    return result[0]


@pytest.mark.django_db(transaction=True)
def test_twenty_concurrent_identical_submissions_make_one_proposal(plan, limits, tmp_path):
    limits(submit_ip=(1000, 3600), submit_email=(1000, 3600))
    data = form_data(plan)
    barrier = threading.Barrier(THREADS)
    statuses: list[int] = []
    errors: list[BaseException] = []

    def post():
        try:
            client = Client()
            barrier.wait()
            statuses.append(client.post("/propuestas/nueva/", data).status_code)
        except BaseException as exc:
            errors.append(exc)
        finally:
            connections.close_all()

    with threads_database(tmp_path):
        threads = [threading.Thread(target=post) for _ in range(THREADS)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert not errors, errors
        assert statuses == [302] * THREADS, statuses
        counts = in_thread(
            lambda: (
                Proposal.objects.filter(idempotency_token=data["token"]).count(),
                Proposal.objects.count(),
            )
        )
    assert counts == (1, 1)


@pytest.mark.django_db(transaction=True)
def test_twenty_identical_submissions_at_once_are_never_refused_by_the_limits(
    plan, limits, tmp_path
):
    """A double click times twenty, under limits of one proposal per address and per email:
    the token is counted once, so none of the duplicates is answered "too many requests"."""
    limits(submit_ip=(1, 3600), submit_email=(1, 3600))
    data = form_data(plan)
    barrier = threading.Barrier(THREADS)
    statuses: list[int] = []

    def post():
        try:
            client = Client()
            barrier.wait()
            statuses.append(client.post("/propuestas/nueva/", data).status_code)
        finally:
            connections.close_all()

    with threads_database(tmp_path):
        threads = [threading.Thread(target=post) for _ in range(THREADS)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        count = in_thread(lambda: Proposal.objects.count())
    assert sorted(statuses) == [302] * THREADS, statuses
    assert count == 1
