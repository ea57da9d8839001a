"""A candidate group of a published evaluation round becomes a draft commitment (10.5, 11.1)."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from abierto.commitments import services
from abierto.commitments.models import Commitment, Status
from abierto.core.models import ActionLog
from abierto.core.roles import Role
from abierto.evaluation import services as evaluation_services
from abierto.evaluation.models import Assignment, Decision
from abierto.proposals.models import Proposal
from tests.evaluation.conftest import (  # noqa: F401  (fixtures)
    chair,
    commission,
    draft_round,
    esquel,
    full_sheet,
    open_round,
    plan,
    proposals,
)

from ..helpers import make_user

TEXT = "Respuesta razonada de la comisión con sus motivos."


@pytest.fixture
def candidate(open_round, chair):  # noqa: F811  (fixtures from tests.evaluation)
    for a in Assignment.objects.filter(entry__round=open_round).select_related("member__user"):
        evaluation_services.scores_save(
            actor=a.member.user, assignment=a, scores=full_sheet(a), submit=True
        )
    evaluation_services.round_close(actor=chair, evaluation_round=open_round)
    entries = list(open_round.entries.order_by("proposal_id"))
    group = evaluation_services.candidate_save(
        actor=chair, evaluation_round=open_round, name="Datos abiertos locales", entries=entries[:2]
    )
    for entry in entries[:2]:
        evaluation_services.entry_decide(
            actor=chair, entry=entry, decision=Decision.GROUPED, candidate=group, response_text=TEXT
        )
    for entry in entries[2:]:
        evaluation_services.entry_decide(
            actor=chair, entry=entry, decision=Decision.NOT_SELECTED, response_text=TEXT
        )
    evaluation_services.round_publish(actor=chair, evaluation_round=open_round)
    group.refresh_from_db()
    return group


def test_the_group_becomes_a_draft_commitment_with_its_proposals(candidate, forum_member):
    commitment = services.commitment_from_candidate(
        actor=forum_member, candidate=candidate, code="EC0101"
    )
    assert commitment.status == Status.DRAFT
    assert commitment.title == "Datos abiertos locales"
    assert commitment.candidate == candidate
    assert "Borrador" in commitment.problem
    group_ids = {e.proposal_id for e in candidate.entries.all()}
    assert len(group_ids) == 2
    assert set(Proposal.objects.filter(commitment=commitment).values_list("pk", flat=True)) == (
        group_ids
    )
    verbs = set(
        ActionLog.objects.filter(object_id=str(commitment.pk)).values_list("verb", flat=True)
    )
    assert {"commitment.drafted", "commitment.proposals_linked"} <= verbs


def test_a_second_draft_and_a_taken_code_are_refused_in_spanish(candidate, forum_member):
    services.commitment_from_candidate(actor=forum_member, candidate=candidate, code="EC0101")
    with pytest.raises(ValidationError) as exc:
        services.commitment_from_candidate(actor=forum_member, candidate=candidate, code="EC0102")
    assert "ya tiene su compromiso" in " ".join(exc.value.messages)
    assert Commitment.objects.count() == 1


def test_a_taken_or_malformed_code_is_refused(candidate, forum_member):
    from tests.commitments.factories import make_commitment

    make_commitment(forum_member, plan=candidate.round.plan, code="EC0101", status=Status.DRAFT)
    with pytest.raises(ValidationError) as exc:
        services.commitment_from_candidate(actor=forum_member, candidate=candidate, code="EC0101")
    assert "ya está en uso" in " ".join(exc.value.messages)
    with pytest.raises(ValidationError) as exc:
        services.commitment_from_candidate(actor=forum_member, candidate=candidate, code="ec01")
    assert "dos letras mayúsculas" in " ".join(exc.value.messages)
    assert not Commitment.objects.filter(candidate=candidate).exists()


def test_only_the_grupo_nucleo_may_post_and_the_round_page_links_the_result(
    client, candidate, forum_member
):
    url = reverse("staff:commitments_from_candidate", args=[candidate.pk])
    round_url = reverse("staff:evaluation_round", args=[candidate.round_id])
    for email, role in (
        ("enlace@example.org", Role.LIAISON),
        ("evaluacion@example.org", Role.EVALUATOR),
    ):
        client.force_login(make_user(email, role))
        assert client.post(url, {"code": "EC0101"}).status_code == 403
        client.logout()
    assert not Commitment.objects.exists()

    client.force_login(forum_member)
    page = client.get(round_url).content.decode()
    assert "Crear el compromiso borrador" in page
    response = client.post(url, {"code": "EC0101"})
    commitment = Commitment.objects.get(candidate=candidate)
    assert response.status_code == 302
    page = client.get(round_url).content.decode()
    assert "Compromiso EC0101" in page
    assert reverse("staff:commitments_manage", args=[commitment.pk]) in page
    assert "Crear el compromiso borrador" not in page
    # A second POST comes back to the round with a Spanish message, creating nothing.
    response = client.post(url, {"code": "EC0102"}, follow=True)
    assert "ya tiene su compromiso" in response.content.decode()
    assert Commitment.objects.count() == 1


def test_the_public_page_names_the_candidate_group(client, candidate, forum_member):
    commitment = services.commitment_from_candidate(
        actor=forum_member, candidate=candidate, code="EC0101"
    )
    services.commitment_transition(
        actor=forum_member, commitment=commitment, status=Status.IN_CONSULTATION
    )
    page = client.get(commitment.get_absolute_url()).content.decode()
    assert "Surgió del grupo candidato «Datos abiertos locales»" in page
    assert reverse("evaluation:plan", args=[candidate.round.plan.slug]) in page
