"""«Sumarse»: adhesions by account or confirmed email, one per person, counted in public."""

import re
import threading

import pytest
from django.core import mail, signing
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connections, transaction
from django.test import Client

from abierto.proposals import services
from abierto.proposals.models import Adhesion, Proposal, Status

from ..helpers import make_user
from .test_concurrency import in_thread, threads_database
from .test_services import RESPONSE, move, submit

pytestmark = pytest.mark.django_db

JOIN = "/propuestas/{pk}/sumarse/"


def confirm_link(message) -> str:
    return re.search(r"https?://\S+/propuestas/sumarse/(\S+)/", message.body).group(0)


def path_of(url: str) -> str:
    return "/" + url.split("/", 3)[3]


@pytest.mark.django_db(transaction=True)
def test_an_account_joins_at_once_and_the_proposer_is_told(plan, citizen, worker):
    proposal = submit(plan)
    worker()
    mail.outbox.clear()
    _adhesion, outcome = services.adhesion_join(actor=citizen, proposal=proposal)
    assert outcome == services.JoinOutcome.JOINED
    proposal.refresh_from_db()
    assert proposal.adhesion_count == 1
    sent = worker()
    assert [m.to for m in sent] == [[proposal.contact_email]]
    assert "Ya tiene 1 adhesión" in sent[0].body
    assert citizen.email not in sent[0].body  # the proposer learns how many, not who
    _again, outcome = services.adhesion_join(actor=citizen, proposal=proposal)
    assert outcome == services.JoinOutcome.ALREADY
    proposal.refresh_from_db()
    assert proposal.adhesion_count == 1


@pytest.mark.django_db(transaction=True)
def test_an_email_adhesion_counts_only_once_confirmed(plan, worker):
    proposal = submit(plan)
    worker()
    mail.outbox.clear()
    _adhesion, outcome = services.adhesion_join(
        actor=None, proposal=proposal, email="Pedro.Vera@Example.org"
    )
    assert outcome == services.JoinOutcome.PENDING
    proposal.refresh_from_db()
    assert proposal.adhesion_count == 0
    (message,) = worker()
    assert message.to == ["pedro.vera@example.org"]
    token = confirm_link(message).rstrip("/").rsplit("/", 1)[1]
    _adhesion, outcome = services.adhesion_confirm(token=token)
    assert outcome == services.JoinOutcome.JOINED
    _adhesion, outcome = services.adhesion_confirm(token=token)  # clicked twice
    assert outcome == services.JoinOutcome.ALREADY
    proposal.refresh_from_db()
    assert proposal.adhesion_count == 1
    # The same mailbox spelt another way is the same person.
    _adhesion, outcome = services.adhesion_join(
        actor=None, proposal=proposal, email="pedro.vera+otra@EXAMPLE.org"
    )
    assert outcome == services.JoinOutcome.ALREADY
    assert Adhesion.objects.count() == 1


def test_a_tampered_or_expired_link_confirms_nothing(plan, settings):
    proposal = submit(plan)
    adhesion, _ = services.adhesion_join(actor=None, proposal=proposal, email="x@example.org")
    token = services.adhesion_token(adhesion)
    with pytest.raises(ValidationError):
        services.adhesion_confirm(token=token[:-2] + "zz")
    forged = signing.dumps({"a": adhesion.pk, "k": "otra@example.org"}, salt=services.ADHESION_SALT)
    with pytest.raises(ValidationError):
        services.adhesion_confirm(token=forged)
    settings.SECRET_KEY = settings.SECRET_KEY + "-rotated"
    with pytest.raises(ValidationError):
        services.adhesion_confirm(token=token)
    assert Proposal.objects.get(pk=proposal.pk).adhesion_count == 0


def test_an_expired_link_is_refused(plan, monkeypatch):
    proposal = submit(plan)
    adhesion, _ = services.adhesion_join(actor=None, proposal=proposal, email="x@example.org")
    token = services.adhesion_token(adhesion)
    monkeypatch.setattr(services, "ADHESION_MAX_AGE", -1)
    with pytest.raises(ValidationError):
        services.adhesion_confirm(token=token)


@pytest.mark.parametrize("how", ["withdrawn", "merged", "hidden"])
def test_withdrawn_merged_or_hidden_proposals_cannot_be_joined(plan, citizen, forum_member, how):
    proposal = submit(plan)
    if how == "withdrawn":
        services.proposal_withdraw(proposal=proposal)
    elif how == "merged":
        other = submit(plan, title="Otra propuesta sobre transparencia")
        move(proposal, forum_member, Status.IN_REVIEW, Status.IN_EVALUATION)
        services.proposal_decide(
            actor=forum_member,
            proposal=proposal,
            to_status=Status.MERGED,
            response_text=RESPONSE,
            merged_into=other,
        )
    else:
        services.proposal_hide(actor=forum_member, proposal=proposal, reason="Spam")
    with pytest.raises(ValidationError) as refused:
        services.adhesion_join(actor=citizen, proposal=proposal)
    assert refused.value.code == "not_joinable"
    assert not Adhesion.objects.exists()


def test_a_pending_email_adhesion_is_taken_over_by_the_account_with_that_email(plan):
    proposal = submit(plan)
    services.adhesion_join(actor=None, proposal=proposal, email="luz@example.org")
    luz = make_user("luz@example.org")
    _adhesion, outcome = services.adhesion_join(actor=luz, proposal=proposal)
    assert outcome == services.JoinOutcome.JOINED
    assert Adhesion.objects.get().user == luz
    assert Proposal.objects.get(pk=proposal.pk).adhesion_count == 1


def test_the_database_refuses_a_second_row_for_one_mailbox_or_account(plan, citizen):
    proposal = submit(plan)
    Adhesion.objects.create(proposal=proposal, email="a@example.org", email_key="a@example.org")
    with pytest.raises(IntegrityError), transaction.atomic():
        Adhesion.objects.create(proposal=proposal, email="A@example.org", email_key="a@example.org")
    Adhesion.objects.create(proposal=proposal, user=citizen, email="b@x.org", email_key="b@x.org")
    with pytest.raises(IntegrityError), transaction.atomic():
        Adhesion.objects.create(
            proposal=proposal, user=citizen, email="c@x.org", email_key="c@x.org"
        )


@pytest.mark.django_db(transaction=True)
def test_concurrent_clicks_make_one_adhesion(plan, citizen, tmp_path):
    proposal = submit(plan)
    threads = 8
    barrier = threading.Barrier(threads)
    outcomes: list[str] = []
    errors: list[BaseException] = []

    def join():
        try:
            barrier.wait()
            outcomes.append(services.adhesion_join(actor=citizen, proposal=proposal)[1])
        except BaseException as exc:
            errors.append(exc)
        finally:
            connections.close_all()

    with threads_database(tmp_path):
        running = [threading.Thread(target=join) for _ in range(threads)]
        for thread in running:
            thread.start()
        for thread in running:
            thread.join()
        assert not errors, errors
        assert sorted(outcomes) == ["sumada"] + ["ya-sumada"] * (threads - 1)
        assert in_thread(lambda: Adhesion.objects.filter(proposal=proposal).count()) == 1
        assert in_thread(lambda: Proposal.objects.get(pk=proposal.pk).adhesion_count) == 1


# --- Pages, without JavaScript -----------------------------------------------------------


@pytest.mark.django_db(transaction=True)
def test_anonymous_joins_through_the_form_and_the_emailed_link(client, plan, worker):
    proposal = submit(plan)
    worker()
    mail.outbox.clear()
    page = client.get(f"/propuestas/{proposal.pk}/").content.decode()
    assert "Sumarse" in page and "0 adhesiones" in page
    assert f'href="{JOIN.format(pk=proposal.pk)}"' in page  # a link: the page stays cacheable
    form = client.get(JOIN.format(pk=proposal.pk)).content.decode()
    assert f'action="{JOIN.format(pk=proposal.pk)}"' in form and 'name="email"' in form
    bad = client.post(JOIN.format(pk=proposal.pk), {"email": "no-es-correo"})
    assert (
        bad.status_code == 400 and "Escriba una dirección de correo válida" in bad.content.decode()
    )
    sent = client.post(JOIN.format(pk=proposal.pk), {"email": "vecina@example.org"})
    assert sent.status_code == 200 and "Le enviamos un enlace" in sent.content.decode()
    (message,) = worker()
    link = path_of(confirm_link(message))
    landing = client.get(link)
    assert "Confirmar" in landing.content.decode()
    assert Proposal.objects.get(pk=proposal.pk).adhesion_count == 0  # a GET confirms nothing
    done = client.post(link)
    assert "su adhesión quedó confirmada" in done.content.decode()
    detail = client.get(f"/propuestas/{proposal.pk}/").content.decode()
    assert "1 adhesión" in detail
    assert "vecina@example.org" not in detail
    listing = client.get("/propuestas/").content.decode()
    assert "1 adhesión" in listing
    csv = b"".join(client.get("/datos/propuestas.csv").streaming_content).decode()
    assert proposal.title in csv and "vecina" not in csv


def test_a_signed_in_citizen_joins_with_one_button(client, plan, citizen):
    proposal = submit(plan)
    client.force_login(citizen)
    page = client.get(f"/propuestas/{proposal.pk}/").content.decode()
    assert 'name="email"' not in page
    response = client.post(JOIN.format(pk=proposal.pk))
    assert "se sumó a la propuesta" in response.content.decode()
    assert Proposal.objects.get(pk=proposal.pk).adhesion_count == 1


def test_joining_is_rate_limited_per_address_and_mailbox(client, plan, limits):
    limits(join_email=(1, 3600))
    proposal = submit(plan)
    other = submit(plan, title="Otra propuesta distinta de la primera")
    client.post(JOIN.format(pk=proposal.pk), {"email": "a@example.org"})
    limited = client.post(JOIN.format(pk=other.pk), {"email": "A+x@example.org"})
    assert limited.status_code == 429 and "Demasiados pedidos" in limited.content.decode()
    limits(join_ip=(0, 3600))
    assert Client().post(JOIN.format(pk=other.pk), {"email": "b@example.org"}).status_code == 429
