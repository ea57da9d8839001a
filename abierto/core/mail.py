"""An email backend that never sends inside a request: it enqueues a task after commit.

Everything that sends mail (allauth, our services, Django's password reset) goes through the
``"default"`` mailer of ``settings.MAILERS`` (this backend); the task worker delivers through
the ``"delivery"`` mailer (``settings.EMAIL_DELIVERY``: SMTP, the console or the test outbox).
"""

from functools import partial

from django.core.mail.backends.base import BaseEmailBackend
from django.core.mail.backends.console import EmailBackend as ConsoleEmailBackend
from django.db import transaction


class QueuedEmailBackend(BaseEmailBackend):
    def send_messages(self, email_messages) -> int:
        from .tasks import deliver_email

        count = 0
        for message in email_messages:
            if not message.recipients():
                continue
            kwargs = {
                "subject": str(message.subject),
                "body": str(message.body),
                "from_email": str(message.from_email),
                "to": [str(address) for address in message.recipients()],
                "alternatives": [
                    [str(content), mimetype]
                    for content, mimetype in getattr(message, "alternatives", [])
                ],
                "headers": {str(k): str(v) for k, v in (message.extra_headers or {}).items()},
            }
            transaction.on_commit(partial(deliver_email.enqueue, **kwargs))
            count += 1
        return count


class ReadableConsoleBackend(ConsoleEmailBackend):
    """Development delivery: each message printed as a person reads it (no MIME encoding),
    so a newcomer running ``make run`` finds the tracking code or confirmation link as-is."""

    def write_message(self, message):
        self.stream.write(
            f"Para: {', '.join(message.recipients())}\n"
            f"De: {message.from_email}\n"
            f"Asunto: {message.subject}\n\n{message.body}\n{'-' * 79}\n"
        )
