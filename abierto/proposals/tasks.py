"""Background work of the proposals app."""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.tasks import TaskContext, task


@task(takes_context=True)
def mail_receipt(context: TaskContext, *, proposal_id: int) -> int:
    """Mail the tracking code of a proposal just received to the address it was sent with.

    ``proposal_submit`` queues this task in the submission's own transaction: the proposal
    and its receipt are committed together (one write, nothing lost if the process dies right
    after the commit) or not at all. The message is rendered here, from the stored proposal,
    so it holds only what the proposer wrote (their address) and the site's text (plan, code).
    A proposal deleted, or whose address was erased, before the worker came gets nothing.
    Sent once per task (``deliver_once``), and there is one task per proposal.
    """
    from abierto.core.services import official_text
    from abierto.core.tasks import deliver_once

    from .models import Proposal
    from .services import proposer_mail_body

    proposal = Proposal.objects.select_related("plan").filter(pk=proposal_id).first()
    if proposal is None or not proposal.contact_email:
        return 0
    message = EmailMultiAlternatives(
        subject=official_text(
            "Recibimos su propuesta: código %(code)s", code=proposal.display_code
        ),
        body=proposer_mail_body(proposal, template="received"),
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[proposal.contact_email],
    )
    return deliver_once(context, message)
