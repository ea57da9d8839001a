"""Forty registrations at once: a resent form registers once and is never refused; forty
different people for ten places get exactly ten places and thirty waiting, in order."""

import uuid

import pytest
from django.test import Client
from django_tasks_db.models import DBTaskResult

from abierto.core.models import ActionLog
from abierto.mesas import verbs
from abierto.mesas.models import Registration, RegistrationStatus

from ..mesas.factories import make_mesa
from .burst import burst, in_thread, threads_database

THREADS = 40


@pytest.mark.django_db(transaction=True)
def test_forty_identical_registrations_make_one_and_none_is_refused(limits, tmp_path):
    # One registration per address and per mailbox: the token is counted once.
    limits(register_ip=(1, 3600), register_email=(1, 3600))
    mesa = make_mesa(capacity=10)
    url = f"/mesas/{mesa.pk}/inscripcion/"
    data = {"name": "Ana Quispe", "email": "ana.quispe@example.org", "token": str(uuid.uuid4())}

    def post(_i):
        client = Client()
        yield
        response = client.post(url, data)
        return response.status_code, response.headers.get("Location")

    with threads_database(tmp_path):
        answers = burst(THREADS, post)
        rows, logged, mails = in_thread(
            lambda: (
                list(Registration.objects.values_list("email", "status")),
                ActionLog.objects.filter(verb=verbs.REGISTRATION_CREATED.code).count(),
                DBTaskResult.objects.filter(task_path__endswith="deliver_email").count(),
            )
        )
    assert answers == [(302, f"/mesas/{mesa.pk}/inscripcion-recibida/")] * THREADS
    assert rows == [("ana.quispe@example.org", RegistrationStatus.CONFIRMED)]
    assert (logged, mails) == (1, 1)  # one audit entry, one confirmation mail


@pytest.mark.django_db(transaction=True)
def test_forty_people_at_once_for_ten_places_ten_confirmed_thirty_waiting_in_order(
    limits, tmp_path
):
    limits(register_ip=(1000, 3600), register_email=(1000, 3600))
    mesa = make_mesa(capacity=10)
    url = f"/mesas/{mesa.pk}/inscripcion/"

    def post(i):
        client = Client()
        data = {"name": f"Persona {i}", "email": f"persona{i}@example.org"}
        data["token"] = str(uuid.uuid4())
        yield
        return client.post(url, data).status_code

    with threads_database(tmp_path):
        statuses = burst(THREADS, post)
        rows = in_thread(
            lambda: list(
                Registration.objects.filter(mesa_id=mesa.pk)
                .order_by("created_at", "id")
                .values_list("id", "status", "email")
            )
        )
    assert statuses == [302] * THREADS
    assert len(rows) == THREADS and len({email for _id, _s, email in rows}) == THREADS
    # First come, first served: the ten first arrivals hold the places, the rest wait in the
    # order they arrived (arrival time and row order agree).
    assert [status for _id, status, _e in rows] == [RegistrationStatus.CONFIRMED] * 10 + [
        RegistrationStatus.WAITING
    ] * 30
    assert [row_id for row_id, _s, _e in rows] == sorted(row_id for row_id, _s, _e in rows)
