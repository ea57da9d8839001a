"""Background work of the core app."""

from django.core.mail import EmailMultiAlternatives
from django.tasks import task


@task()
def deliver_email(
    *,
    subject: str,
    body: str,
    from_email: str,
    to: list[str],
    alternatives: list[list[str]] | None = None,
    headers: dict[str, str] | None = None,
) -> int:
    """Send one message through the "delivery" mailer (SMTP, console, or the test outbox)."""
    message = EmailMultiAlternatives(
        subject=subject, body=body, from_email=from_email, to=to, headers=headers or {}
    )
    for content, mimetype in alternatives or []:
        message.attach_alternative(content, mimetype)
    return message.send(using="delivery")


@task()
def seal_actionlog() -> int:
    """Chain the audit rows committed since the last run (see ``core.audit``)."""
    from django.core.cache import cache

    from .audit import SEAL_PENDING_KEY, seal_pending

    cache.delete(SEAL_PENDING_KEY)  # a row recorded from now on queues another run
    return seal_pending()
