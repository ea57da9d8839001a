import pytest
from django.contrib.admin.sites import site as admin_site
from django.core.exceptions import ValidationError
from django.db.models import ProtectedError
from django.test import RequestFactory

from abierto.core.models import ActionLog
from abierto.proposals import services
from abierto.proposals.admin import ProposalAdmin
from abierto.proposals.models import Proposal, Status

from .conftest import PERSONAL

pytestmark = pytest.mark.django_db


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
    }
    fields.update(extra)
    proposal, created = services.proposal_submit(**fields)
    assert created
    return proposal


def move(
    proposal,
    forum_member,
    *statuses,
    response="Respuesta razonada suficientemente larga para publicarla.",
):
    for status in statuses:
        proposal = services.proposal_transition(
            actor=forum_member, proposal=proposal, to_status=status, response_text=response
        )
    return proposal


@pytest.mark.django_db(transaction=True)
def test_submit_gives_a_code_logs_publicly_without_personal_data_and_mails_the_code(plan, worker):
    proposal = submit(plan)
    assert len(proposal.tracking_code) == 16
    log = ActionLog.objects.get(object_id=str(proposal.pk))
    assert log.public and "Ana" not in log.summary and "@" not in log.summary
    outbox = worker()
    assert len(outbox) == 1
    assert outbox[0].to == [PERSONAL["contact_email"]]
    assert proposal.display_code in outbox[0].body


def test_same_idempotency_token_gives_back_the_first_proposal(plan):
    first = submit(plan)
    again, created = services.proposal_submit(
        actor=None,
        plan=plan,
        title="Otra cosa",
        problem="x" * 40,
        solution="y" * 40,
        beneficiaries="z",
        province="loja",
        proposer_type="ciudadania",
        contact_name="B",
        idempotency_token=first.idempotency_token,
    )
    assert not created and again.pk == first.pk
    assert Proposal.objects.count() == 1


@pytest.mark.parametrize("status", [Status.INADMISSIBLE])
def test_reasoned_response_required_to_declare_inadmissible(plan, forum_member, status):
    proposal = move(submit(plan), forum_member, Status.IN_REVIEW)
    with pytest.raises(ValidationError):
        services.proposal_transition(actor=forum_member, proposal=proposal, to_status=status)
    proposal.refresh_from_db()
    assert proposal.status == Status.IN_REVIEW


@pytest.mark.parametrize("status", [Status.SELECTED, Status.NOT_SELECTED, Status.MERGED])
def test_reasoned_response_required_to_close_proposal(plan, forum_member, status):
    proposal = move(submit(plan), forum_member, Status.IN_REVIEW, Status.IN_EVALUATION)
    with pytest.raises(ValidationError):
        services.proposal_transition(
            actor=forum_member, proposal=proposal, to_status=status, response_text="  no  "
        )
    proposal.refresh_from_db()
    assert proposal.status == Status.IN_EVALUATION and proposal.response_text == ""


def test_decision_stores_public_response_with_role_and_date(plan, forum_member):
    proposal = move(
        submit(plan), forum_member, Status.IN_REVIEW, Status.IN_EVALUATION, Status.SELECTED
    )
    assert proposal.status == Status.SELECTED
    assert proposal.response_role == "grupo-nucleo"
    assert proposal.response_date is not None
    summaries = list(
        ActionLog.objects.filter(object_id=str(proposal.pk)).values_list("summary", flat=True)
    )
    assert summaries[-1] == "Estado: Seleccionada."


def test_merge_needs_another_proposal_of_the_same_plan(plan, forum_member):
    target = submit(plan)
    proposal = move(
        submit(plan, title="Portal de transparencia nacional único"),
        forum_member,
        Status.IN_REVIEW,
        Status.IN_EVALUATION,
    )
    with pytest.raises(ValidationError):
        services.proposal_transition(
            actor=forum_member,
            proposal=proposal,
            to_status=Status.MERGED,
            response_text="Trata lo mismo que otra propuesta recibida.",
        )
    merged = services.proposal_transition(
        actor=forum_member,
        proposal=proposal,
        to_status=Status.MERGED,
        response_text="Trata lo mismo que otra propuesta recibida.",
        merged_into=target,
    )
    assert merged.merged_into == target


def test_transitions_follow_the_lifecycle(plan, forum_member):
    proposal = submit(plan)
    with pytest.raises(ValidationError):
        services.proposal_transition(
            actor=forum_member,
            proposal=proposal,
            to_status=Status.SELECTED,
            response_text="Una respuesta razonada larga de verdad.",
        )
    with pytest.raises(ValidationError):  # staff cannot withdraw in the proposer's name
        services.proposal_transition(
            actor=forum_member, proposal=proposal, to_status=Status.WITHDRAWN
        )


def test_proposer_withdraws_then_nothing_more_changes(plan, forum_member):
    proposal = services.proposal_withdraw(proposal=submit(plan))
    assert proposal.status == Status.WITHDRAWN
    with pytest.raises(ValidationError):
        services.proposal_withdraw(proposal=proposal)
    with pytest.raises(ValidationError):
        services.proposal_transition(
            actor=forum_member, proposal=proposal, to_status=Status.IN_REVIEW
        )


def test_bulk_moves_only_what_may_move(plan, forum_member):
    a, b = submit(plan), submit(plan)
    services.proposal_withdraw(proposal=b)
    moved = services.proposal_bulk_transition(
        actor=forum_member, proposals=Proposal.objects.all(), to_status=Status.IN_REVIEW
    )
    assert moved == 1
    a.refresh_from_db()
    assert a.status == Status.IN_REVIEW


def test_moderation_hides_with_a_reason_and_is_reversible(plan, forum_member):
    proposal = submit(plan)
    with pytest.raises(ValidationError):
        services.proposal_hide(actor=forum_member, proposal=proposal, reason=" ")
    services.proposal_hide(actor=forum_member, proposal=proposal, reason="Publicidad")
    assert not Proposal.public_objects.filter(pk=proposal.pk).exists()
    services.proposal_unhide(actor=forum_member, proposal=proposal)
    assert Proposal.public_objects.filter(pk=proposal.pk).exists()
    assert ActionLog.objects.filter(verb="proposal_hidden", public=False).count() == 1


def test_proposals_are_never_deleted(plan, admin_user):
    proposal = submit(plan)
    with pytest.raises(ProtectedError):
        plan.delete()
    request = RequestFactory().get("/")
    request.user = admin_user
    assert not ProposalAdmin(Proposal, admin_site).has_delete_permission(request, proposal)
    assert not hasattr(services, "proposal_delete")


def test_search_text_ignores_accents_and_case(plan):
    proposal = submit(plan, title="PARTICIPACIÓN Ciudadana en Galápagos")
    assert "participacion ciudadana en galapagos" in proposal.search_text


def test_public_history_reads_in_the_visitors_language(client, plan, forum_member):
    proposal = move(submit(plan), forum_member, Status.IN_REVIEW)
    spanish = client.get(f"/propuestas/{proposal.pk}/").content.decode()
    assert "Estado: En revisión." in spanish
    client.post("/idioma/", {"language": "en", "next": "/"})
    english = client.get(f"/propuestas/{proposal.pk}/").content.decode()
    assert "Status: In review." in english
    assert "Proposal received." in english
    assert "Estado: En revisión." not in english
