"""Plans that publish proposals after the admissibility check."""

import pytest
from django.test import Client

from abierto.core.models import ActionLog
from abierto.plans import services as plan_services
from abierto.plans.models import ActionPlan, Publication
from abierto.proposals import services
from abierto.proposals.models import Proposal, Status

from .test_services import RESPONSE, history, move, submit

pytestmark = pytest.mark.django_db


@pytest.fixture
def after_check(plan, forum_member):
    return plan_services.plan_update(
        actor=forum_member, plan=plan, publication=Publication.AFTER_CHECK
    )


def test_on_receipt_is_the_default_and_publishes_at_once(plan):
    assert plan.publication == Publication.ON_RECEIPT
    proposal = submit(plan)
    assert not proposal.is_hidden and not proposal.held_for_check


def test_after_check_a_proposal_waits_unpublished_and_the_list_says_how_many(after_check):
    proposal = submit(after_check)
    assert proposal.is_hidden and proposal.held_for_check
    anonymous = Client()
    assert anonymous.get(f"/propuestas/{proposal.pk}/").status_code == 404
    listing = anonymous.get("/propuestas/").content.decode()
    assert proposal.title not in listing
    assert "1 propuesta espera la revisión de admisibilidad" in listing
    # The proposer follows it with the code.
    status = anonymous.post("/propuestas/estado/", {"code": proposal.display_code})
    page = status.content.decode()
    assert proposal.title in page and "se publicará si es admitida" in page


def test_admission_publishes_it_and_the_publication_is_audited(after_check, forum_member):
    proposal = move(submit(after_check), forum_member, Status.IN_REVIEW)
    assert Proposal.objects.get(pk=proposal.pk).is_hidden  # in review: not checked yet
    proposal = move(proposal, forum_member, Status.IN_EVALUATION)
    proposal.refresh_from_db()
    assert not proposal.is_hidden and not proposal.held_for_check
    assert "Publicada tras la revisión de admisibilidad." in history(proposal)
    entry = ActionLog.objects.get(verb="proposal.published")
    assert entry.public and entry.actor == forum_member
    assert Client().get(f"/propuestas/{proposal.pk}/").status_code == 200
    assert "espera la revisión" not in Client().get("/propuestas/").content.decode()


def test_a_decision_straight_from_received_publishes_it_too(after_check, forum_member):
    proposal = move(submit(after_check), forum_member, Status.SELECTED)
    assert not Proposal.objects.get(pk=proposal.pk).is_hidden


def test_an_inadmissible_proposal_is_never_published(after_check, forum_member):
    proposal = move(submit(after_check), forum_member, Status.INADMISSIBLE)
    proposal.refresh_from_db()
    assert proposal.is_hidden and proposal.held_for_check
    assert not ActionLog.objects.filter(verb="proposal.published").exists()
    # A later correction that admits it publishes it.
    services.proposal_correct(
        actor=forum_member,
        proposal=proposal,
        to_status=Status.NOT_SELECTED,
        response_text=RESPONSE,
        reason="Se revisó de nuevo la admisibilidad con más datos.",
    )
    assert not Proposal.objects.get(pk=proposal.pk).is_hidden


def test_lifting_moderation_does_not_publish_before_the_check(after_check, forum_member):
    proposal = submit(after_check)
    services.proposal_hide(actor=forum_member, proposal=proposal, reason="Spam")
    services.proposal_unhide(actor=forum_member, proposal=proposal)
    assert Proposal.objects.get(pk=proposal.pk).is_hidden
    # Admitted while hidden by moderation: stays hidden until moderation lifts it.
    services.proposal_hide(actor=forum_member, proposal=proposal, reason="Spam")
    move(proposal, forum_member, Status.IN_EVALUATION)
    proposal.refresh_from_db()
    assert proposal.is_hidden and not proposal.held_for_check
    services.proposal_unhide(actor=forum_member, proposal=proposal)
    assert not Proposal.objects.get(pk=proposal.pk).is_hidden


def test_the_grupo_nucleo_sets_both_choices_on_the_plan_form(client, plan, forum_member):
    client.force_login(forum_member)
    url = f"/gestion/planes/{plan.pk}/editar/"
    page = client.get(url).content.decode()
    assert "Tras la revisión de admisibilidad" in page
    assert "denuncias para ocultar una propuesta" in page.lower()
    data = {
        "number": plan.number,
        "title": plan.title,
        "slug": plan.slug,
        "start_date": plan.start_date.isoformat(),
        "end_date": plan.end_date.isoformat(),
        "objective": plan.objective,
        "status": plan.status,
        "publication": Publication.AFTER_CHECK,
        "report_threshold": "5",
    }
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:3000]
    plan = ActionPlan.objects.get(pk=plan.pk)
    assert plan.publication == Publication.AFTER_CHECK and plan.report_threshold == 5
    zero = client.post(url, {**data, "report_threshold": "0"})
    assert zero.status_code == 200
    assert ActionPlan.objects.get(pk=plan.pk).report_threshold == 5
