"""«¿Perdió su código?» (issue 15, point 5): the codes of an address, mailed; one answer."""

import pytest
from django.conf import settings
from django.core import mail
from django.test import Client
from django.urls import reverse

from abierto.core.models import ActionLog
from abierto.proposals import services
from abierto.proposals.models import Proposal

from .conftest import form_data

RECOVER = "/propuestas/recuperar-codigo/"
ANSWER = "Si esa dirección envió propuestas, le enviamos sus códigos."


def new_mail(worker) -> list:
    """Run the task worker; the messages it sent since the last call."""
    outbox = list(worker())
    mail.outbox.clear()
    return outbox


def submit(plan, email: str, title: str) -> Proposal:
    client = Client()
    assert client.post("/propuestas/nueva/", form_data(plan, contact_email=email, title=title))
    return Proposal.objects.get(title=title)


@pytest.mark.django_db(transaction=True)
def test_the_email_holds_every_code_of_the_address_with_links_and_nothing_else(plan, worker):
    first = submit(plan, "ana@example.org", "Datos abiertos de compras públicas municipales")
    second = submit(plan, "ana@example.org", "Presupuestos participativos en línea cada año")
    other = submit(plan, "otra@example.org", "Registro público de beneficiarios de subsidios")
    new_mail(worker)  # the receipts of the three submissions
    logged = ActionLog.objects.count()

    response = Client().post(RECOVER, {"email": "Ana@Example.org"})
    assert response.status_code == 200
    assert ANSWER in response.content.decode()
    outbox = new_mail(worker)
    assert len(outbox) == 1
    message = outbox[0]
    assert message.to == ["ana@example.org"]
    assert message.subject == "Sus códigos de seguimiento"
    for proposal in (first, second):
        assert proposal.display_code in message.body
        assert f"{settings.ABIERTO_SITE_URL}/propuestas/{proposal.pk}/" in message.body
    assert other.display_code not in message.body
    assert f"/propuestas/{other.pk}/" not in message.body
    assert "Datos abiertos" not in message.body  # no text the sender chose
    assert ActionLog.objects.count() == logged  # a private act: nothing in the audit log


@pytest.mark.django_db(transaction=True)
def test_a_sub_address_finds_the_mailbox_and_mail_goes_to_the_address_on_the_proposal(plan, worker):
    proposal = submit(plan, "a@example.org", "Datos abiertos de compras públicas municipales")
    new_mail(worker)
    assert Client().post(RECOVER, {"email": "a+x@Example.org"}).status_code == 200
    outbox = new_mail(worker)
    assert [m.to for m in outbox] == [["a@example.org"]]
    assert proposal.display_code in outbox[0].body


@pytest.mark.django_db(transaction=True)
def test_a_known_and_an_unknown_address_get_the_same_answer_and_no_mail_for_the_unknown(
    plan, worker
):
    submit(plan, "ana@example.org", "Datos abiertos de compras públicas municipales")
    new_mail(worker)
    known = Client().post(RECOVER, {"email": "ana@example.org"})
    unknown = Client().post(RECOVER, {"email": "nadie@example.org"})
    assert known.status_code == unknown.status_code == 200
    assert ANSWER in known.content.decode() and ANSWER in unknown.content.decode()
    # The pages differ only by the CSRF token of their forms.
    strip = lambda r: r.content.decode().split('name="csrfmiddlewaretoken"')[0]  # noqa: E731
    assert strip(known) == strip(unknown)
    assert [m.to for m in new_mail(worker)] == [["ana@example.org"]]
    Client().post(RECOVER, {"email": "nadie@example.org"})
    assert new_mail(worker) == []


@pytest.mark.django_db(transaction=True)
def test_a_hidden_proposal_gets_its_code_but_no_link(plan, worker, forum_member):
    proposal = submit(plan, "ana@example.org", "Datos abiertos de compras públicas municipales")
    services.proposal_hide(actor=forum_member, proposal=proposal, reason="Prueba de moderación")
    new_mail(worker)
    Client().post(RECOVER, {"email": "ana@example.org"})
    body = new_mail(worker)[0].body
    assert proposal.display_code in body
    assert f"/propuestas/{proposal.pk}/" not in body


@pytest.mark.django_db
def test_an_invalid_address_gets_a_spanish_error(client):
    response = client.post(RECOVER, {"email": "no-es-un-correo"})
    page = response.content.decode()
    assert response.status_code == 200
    assert "Escriba una dirección de correo válida" in page
    assert ANSWER not in page


@pytest.mark.django_db
def test_requests_are_limited_per_client_address(client, limits):
    limits(recover_ip=(2, 3600))
    for n in range(2):
        assert client.post(RECOVER, {"email": f"p{n}@example.org"}).status_code == 200
    response = client.post(RECOVER, {"email": "p9@example.org"})
    page = response.content.decode()
    assert response.status_code == 429
    assert "Demasiados pedidos seguidos" in page and ANSWER not in page
    assert response["Retry-After"] == "3600"


@pytest.mark.django_db
def test_requests_are_limited_per_mailbox_whatever_its_spelling(limits):
    limits(recover_email=(1, 3600))
    first = Client(REMOTE_ADDR="10.0.0.1").post(RECOVER, {"email": "ana@example.org"})
    assert first.status_code == 200
    again = Client(REMOTE_ADDR="10.0.0.2").post(RECOVER, {"email": "ANA+2@example.org"})
    assert again.status_code == 429
    assert "Demasiados pedidos seguidos" in again.content.decode()
    other = Client(REMOTE_ADDR="10.0.0.3").post(RECOVER, {"email": "otra@example.org"})
    assert other.status_code == 200


@pytest.mark.django_db
def test_the_status_page_links_to_it_and_it_is_private(client):
    status = client.get(reverse("proposals:status")).content.decode()
    assert f'href="{reverse("proposals:recover")}"' in status
    assert "¿Perdió su código?" in status
    response = client.get(RECOVER)
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]
    assert '<meta name="robots" content="noindex">' in response.content.decode()
