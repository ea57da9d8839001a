"""Background work of the core app."""

from django.core.mail import EmailMultiAlternatives
from django.tasks import TaskContext, task

#: Right-hand side of the Message-ID of our mail (stable per task: a resent copy is the same).
MESSAGE_ID_DOMAIN = "abierto.tareas"


def deliver_once(context: TaskContext, message: EmailMultiAlternatives) -> int:
    """Send ``message`` through the "delivery" mailer once per task; returns how many were sent.

    A task run again (its worker was killed, see ``task_worker``) that had already been
    delivered sends nothing; the ``Message-ID`` comes from the task, so a copy sent again in
    the instant between the server's acceptance and our note is the same message to the mail
    server and the reader's client. Every task that sends mail ends here.
    """
    from .models import EmailDelivery

    task_id = str(context.task_result.id)
    if EmailDelivery.objects.filter(task_id=task_id).exists():
        return 0
    message.extra_headers = {
        "Message-ID": f"<{task_id}@{MESSAGE_ID_DOMAIN}>",
        **(message.extra_headers or {}),
    }
    sent = message.send(using="delivery")
    EmailDelivery.objects.get_or_create(task_id=task_id)
    return sent


@task(takes_context=True)
def deliver_email(
    context: TaskContext,
    *,
    subject: str,
    body: str,
    from_email: str,
    to: list[str],
    alternatives: list[list[str]] | None = None,
    headers: dict[str, str] | None = None,
) -> int:
    """Send one message rendered by whoever sent it (``core.mail.QueuedEmailBackend``)."""
    message = EmailMultiAlternatives(
        subject=subject, body=body, from_email=from_email, to=to, headers=headers
    )
    for content, mimetype in alternatives or []:
        message.attach_alternative(content, mimetype)
    return deliver_once(context, message)


@task()
def seal_actionlog() -> int:
    """Chain the audit rows committed since the last run (see ``core.audit``)."""
    from django.core.cache import cache

    from .audit import SEAL_PENDING_KEY, seal_pending

    cache.delete(SEAL_PENDING_KEY)  # a row recorded from now on queues another run
    return seal_pending()
