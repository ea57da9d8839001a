"""Plain helpers for tests (importable from any test module)."""

from contextlib import contextmanager

from allauth.account.models import EmailAddress
from django.core import mail
from django.core.management import call_command
from django.db import transaction
from django_tasks_db.models import DBTaskResult

from abierto.accounts.models import User
from abierto.core.roles import Role

PASSWORD = "clave-de-prueba-2026"


def make_user(email: str, *roles: Role, password: str = PASSWORD, **fields) -> User:
    """A user with a verified email and the given roles (no Django flags: roles decide)."""
    user = User.objects.create_user(email, password, **fields)
    for role in roles:
        user.groups.add(role.group())
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    return user


def run_task_worker() -> list:
    """Run the real ``task_worker`` until the queue is empty; fail if any task failed.

    Returns the messages delivered so far (``django.core.mail.outbox``).
    """
    call_command("task_worker", "--batch", "--no-startup-delay", "--interval", "0", verbosity=0)
    failed = DBTaskResult.objects.filter(status="FAILED")
    assert not failed.exists(), [
        (row.task_path, row.exception_class_path, row.traceback) for row in failed
    ]
    return mail.outbox


@contextmanager
def rolled_back(django_db_blocker):
    """For a module-scoped fixture: the database open and everything written inside rolled
    back at the end (build a world once, let every test of the module read it)."""
    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            yield
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)
