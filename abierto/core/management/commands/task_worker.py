"""``manage.py task_worker``: django-tasks-db's ``db_worker`` that first puts back in the queue
the tasks a dead worker had claimed.

``db_worker`` marks a task RUNNING when it claims it and never looks at it again: a worker
killed mid-task (kill -9, out of memory, the machine restarted) leaves it RUNNING forever, so
its email is never sent. This worker names itself ``host:pid:random`` and, when it starts,
requeues every RUNNING task whose worker was on this host and is gone, and every RUNNING task
older than ``--lease`` seconds (a worker on another host that died). Email tasks are safe to
run again: ``core.tasks.deliver_email`` sends once per task.
"""

import datetime
import os
import socket

from django.utils import timezone
from django.utils.crypto import get_random_string
from django_tasks_db.management.commands.db_worker import Command as DBWorkerCommand
from django_tasks_db.models import DBTaskResult

#: A task running longer than this is taken for abandoned (ours take seconds).
DEFAULT_LEASE_SECONDS = 600


def _host() -> str:
    return socket.gethostname()[:40]


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def requeue_abandoned(*, lease_seconds: int = DEFAULT_LEASE_SECONDS) -> int:
    """Put back in the queue the RUNNING tasks whose worker is gone; returns how many."""
    host = _host()
    expired = timezone.now() - datetime.timedelta(seconds=lease_seconds)
    abandoned = []
    for task in DBTaskResult.objects.running():
        last = (task.worker_ids or [""])[-1]
        worker_host, _sep, rest = last.partition(":")
        pid = rest.partition(":")[0]
        gone = worker_host == host and pid.isdigit() and not _alive(int(pid))
        if gone or (task.started_at is not None and task.started_at < expired):
            abandoned.append(task.pk)
    if not abandoned:
        return 0
    return DBTaskResult.objects.filter(pk__in=abandoned, status="RUNNING").update(
        status="READY", started_at=None
    )


class Command(DBWorkerCommand):
    help = (
        "Ejecuta las tareas en cola (como db_worker), tras devolver a la cola las que un "
        "trabajador muerto dejó a medias."
    )

    def add_arguments(self, parser):
        super().add_arguments(parser)
        parser.add_argument(
            "--lease",
            type=int,
            default=DEFAULT_LEASE_SECONDS,
            help="Segundos tras los que una tarea en curso se da por abandonada.",
        )
        # host:pid:random, so that the next worker on this host knows whether we are alive.
        parser.set_defaults(
            worker_id=f"{_host()}:{os.getpid()}:{get_random_string(8)}",
        )

    def handle(self, *args, **options):
        requeued = requeue_abandoned(lease_seconds=options.pop("lease"))
        if requeued and options.get("verbosity", 1):
            self.stdout.write(f"{requeued} tarea(s) abandonada(s) vuelven a la cola.")
        return super().handle(*args, **options)
