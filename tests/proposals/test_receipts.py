"""The receipt of a proposal: queued with the proposal itself, rendered by the worker, sent once
to the address the proposal was sent with."""

import uuid

import pytest
from django.db import transaction
from django_tasks_db.models import DBTaskResult

from abierto.core.models import EmailDelivery
from abierto.proposals import services
from abierto.proposals.models import Proposal

from .conftest import PERSONAL

pytestmark = pytest.mark.django_db(transaction=True)


def submit(plan, **extra):
    fields = {
        "actor": None,
        "plan": plan,
        "title": "Un portal de transparencia para todos",
        "problem": "La información pública está dispersa en cientos de portales distintos.",
        "solution": "Un único portal nacional de transparencia con datos abiertos.",
        "beneficiaries": "Toda la ciudadanía.",
        "province": "guayas",
        "proposer_type": "sociedad-civil",
        "axis": plan.axes.first(),
        **PERSONAL,
        **extra,
    }
    return services.proposal_submit(**fields)


def receipt_tasks():
    return DBTaskResult.objects.filter(task_path__endswith="mail_receipt")


def test_the_receipt_is_committed_with_the_proposal_or_not_at_all(plan):
    with pytest.raises(RuntimeError), transaction.atomic():
        submit(plan)
        raise RuntimeError("the caller's transaction fails after the submission")
    assert not Proposal.objects.exists()
    assert not receipt_tasks().exists()

    proposal, _created = submit(plan)
    # Already in the queue when the service returns: no second write after the commit.
    [task] = receipt_tasks()
    assert task.status == "READY"
    assert task.args_kwargs["kwargs"] == {"proposal_id": proposal.pk}
    assert not DBTaskResult.objects.filter(task_path__endswith="deliver_email").exists()


def test_the_worker_sends_each_proposer_their_own_code_once(plan, worker):
    first, _ = submit(plan)
    second, _ = submit(
        plan, contact_name="Luis Pérez", contact_email="luis.perez@example.org", contact_phone=""
    )
    outbox = worker()
    by_address = {message.to[0]: message for message in outbox}
    assert sorted(by_address) == ["ana.quispe@example.org", "luis.perez@example.org"]
    for proposal in (first, second):
        message = by_address[proposal.contact_email]
        assert proposal.display_code in message.subject
        assert proposal.display_code in message.body
        assert plan.title in message.body
    assert second.display_code not in by_address[first.contact_email].body
    assert "Luis" not in by_address[first.contact_email].body


def test_a_receipt_task_run_again_sends_nothing_more_and_keeps_its_message_id(plan, worker):
    submit(plan)
    [message] = worker()
    [task] = receipt_tasks()
    assert message.extra_headers["Message-ID"] == f"<{task.pk}@abierto.tareas>"
    # The worker died after the mail server accepted the message, before it marked the task
    # done: the next worker runs it again.
    receipt_tasks().update(status="READY")
    assert len(worker()) == 1
    assert EmailDelivery.objects.filter(task_id=str(task.pk)).count() == 1


def test_a_resent_form_queues_no_second_receipt(plan, worker):
    token = uuid.uuid4()
    first, created = submit(plan, idempotency_token=token)
    again, created_again = submit(plan, idempotency_token=token)
    assert (created, created_again) == (True, False) and again.pk == first.pk
    assert receipt_tasks().count() == 1
    assert len(worker()) == 1


def test_no_receipt_without_an_address_or_once_the_address_is_erased(plan, worker):
    submit(plan, contact_email="")
    assert not receipt_tasks().exists()
    proposal, _ = submit(plan, contact_email="otra.persona@example.org")
    Proposal.objects.filter(pk=proposal.pk).update(contact_email="")  # erased before the worker
    assert worker() == []
