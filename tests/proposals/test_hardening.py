"""Issue 14's findings on the proposal pages, each reproduced before it was fixed."""

import re

import pytest
from django.test import Client
from django.urls import reverse

from abierto.core.ratelimit import email_subject
from abierto.proposals.models import Proposal

from .conftest import PERSONAL, form_data

NEW = "/propuestas/nueva/"


@pytest.mark.django_db
def test_the_code_is_shown_once_then_forgotten_by_the_browser_session(client, plan):
    assert client.post(NEW, form_data(plan)).status_code == 302
    code = Proposal.objects.get().display_code
    first = client.get(reverse("proposals:sent"))
    assert code in re.sub(r"<[^>]+>", "", first.content.decode())
    # The next person at this computer opens the same address: no code, no withdrawal.
    later = client.get(reverse("proposals:sent"))
    assert later.status_code == 302 and later["Location"] == reverse("proposals:status")
    assert "proposals:sent" not in client.session


@pytest.mark.django_db
def test_the_per_email_limit_counts_one_mailbox_whatever_its_spelling(client, plan, limits):
    limits(submit_email=(1, 3600))
    assert client.post(NEW, form_data(plan, contact_email="ana+1@example.org")).status_code == 302
    for spelling in [
        "ana+2@example.org",
        "ANA@Example.org",
        '"ana"@example.org',
        "Ana+x@EXAMPLE.ORG",
    ]:
        response = client.post(NEW, form_data(plan, contact_email=spelling))
        assert response.status_code == 429, spelling
    assert client.post(NEW, form_data(plan, contact_email="otra@example.org")).status_code == 302


def test_email_subject_folds_the_spellings_of_one_mailbox():
    assert email_subject("A+1@X.org") == "a@x.org"
    assert email_subject('"a"@x.org') == "a@x.org"
    assert email_subject(" a+b+c@x.org ") == "a@x.org"
    assert email_subject("Ana.Q+1@googlemail.com") == "anaq@gmail.com"
    assert email_subject("ana.q@example.org") == "ana.q@example.org"
    assert email_subject("sin-arroba") == "sin-arroba"


@pytest.mark.django_db(transaction=True)
def test_the_received_email_carries_no_text_chosen_by_the_sender(plan, worker):
    title = "Gane dinero rápido en https://malo.example hoy"
    name = "Visite https://malo.example"
    response = Client().post(NEW, form_data(plan, title=title, contact_name=name))
    assert response.status_code == 302
    proposal = Proposal.objects.get()
    outbox = worker()
    assert len(outbox) == 1
    message = outbox[0]
    assert message.to == [PERSONAL["contact_email"]]
    text = message.subject + message.body
    assert "malo.example" not in text and "Gane dinero" not in text
    assert proposal.display_code in message.body
    assert plan.title in message.body
    assert "/propuestas/estado/" in message.body


@pytest.mark.django_db
def test_a_resent_form_refused_by_a_limit_is_refused_again_without_counting(client, plan, limits):
    limits(submit_ip=(1, 3600))
    assert client.post(NEW, form_data(plan)).status_code == 302
    data = form_data(plan, title="Otra propuesta sobre presupuestos abiertos")
    assert client.post(NEW, data).status_code == 429
    assert client.post(NEW, data).status_code == 429  # the same form again: same verdict
    assert Proposal.objects.count() == 1
