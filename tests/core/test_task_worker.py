"""A task worker killed in the middle of a task: the next one puts the task back in the queue
and the email goes out once, not never and not twice."""

import subprocess
import sys

import pytest
from django.core import mail
from django.core.management import call_command
from django_tasks_db.models import DBTaskResult

from abierto.core.management.commands.task_worker import requeue_abandoned
from abierto.core.models import EmailDelivery
from abierto.core.tasks import deliver_email


def dead_pid() -> int:
    """The id of a process that has just ended (a worker killed with kill -9)."""
    process = subprocess.Popen([sys.executable, "-c", "pass"])
    process.wait()
    return process.pid


def enqueue(n: int) -> list:
    return [
        deliver_email.enqueue(
            subject=f"Mensaje {i}",
            body="Hola",
            from_email="no-responder@example.org",
            to=[f"persona{i}@example.org"],
        )
        for i in range(n)
    ]


@pytest.mark.django_db(transaction=True)
def test_a_task_left_running_by_a_dead_worker_is_sent_once_by_the_next(settings):
    import socket

    results = enqueue(3)
    # The first worker claimed the first task, then died before finishing it (kill -9).
    row = DBTaskResult.objects.get(pk=results[0].id)
    row.claim(f"{socket.gethostname()[:40]}:{dead_pid()}:abcdefgh")
    call_command("db_worker", "--batch", "--no-startup-delay", "--interval", "0", verbosity=0)
    assert len(mail.outbox) == 2  # plain db_worker leaves it RUNNING forever: never sent
    assert DBTaskResult.objects.get(pk=results[0].id).status == "RUNNING"
    call_command("task_worker", "--batch", "--no-startup-delay", "--interval", "0", verbosity=0)
    assert sorted(m.to[0] for m in mail.outbox) == [f"persona{i}@example.org" for i in range(3)]
    assert DBTaskResult.objects.filter(status="SUCCESSFUL").count() == 3


@pytest.mark.django_db(transaction=True)
def test_a_task_run_again_after_it_was_delivered_does_not_send_twice():
    (result,) = enqueue(1)
    call_command("task_worker", "--batch", "--no-startup-delay", "--interval", "0", verbosity=0)
    assert len(mail.outbox) == 1
    first_id = mail.outbox[0].extra_headers["Message-ID"]
    # The worker died after the mail server accepted it and we noted it, before it marked
    # the task done: the task is run again.
    DBTaskResult.objects.filter(pk=result.id).update(status="READY")
    call_command("task_worker", "--batch", "--no-startup-delay", "--interval", "0", verbosity=0)
    assert len(mail.outbox) == 1
    assert EmailDelivery.objects.filter(task_id=str(result.id)).count() == 1
    assert first_id == f"<{result.id}@abierto.tareas>"


@pytest.mark.django_db(transaction=True)
def test_a_live_workers_task_is_left_alone():
    import os
    import socket

    (result,) = enqueue(1)
    DBTaskResult.objects.get(pk=result.id).claim(f"{socket.gethostname()[:40]}:{os.getpid()}:x")
    assert requeue_abandoned() == 0
    assert requeue_abandoned(lease_seconds=-1) == 1  # past its lease: taken for abandoned
