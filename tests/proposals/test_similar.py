"""The similar-proposals box: meaningful matches only, joinable proposals only, a join link."""

import pytest

from abierto.proposals import selectors, services
from abierto.proposals.models import Status

from .test_services import RESPONSE, submit

pytestmark = pytest.mark.django_db

SUBJECTS = [
    "salud",
    "educación",
    "agua potable",
    "vialidad",
    "presupuesto",
    "contratación",
    "ambiente",
    "turismo",
    "seguridad",
    "cultura",
    "deporte",
    "vivienda",
]


@pytest.fixture
def many(plan):
    """Twelve proposals that all say "datos" and "municipales", each about something else."""
    return [
        submit(
            plan,
            title=f"Datos municipales de {subject}",
            problem=f"No hay datos municipales de {subject} que la gente pueda consultar.",
        )
        for subject in SUBJECTS
    ]


def titles(results) -> list[str]:
    return [p.title for p in results]


def test_one_common_word_alone_suggests_nothing(plan, many):
    assert selectors.similar_proposals(plan_id=plan.pk, title="Datos") == []
    assert selectors.similar_proposals(plan_id=plan.pk, title="Municipales") == []
    assert selectors.similar_proposals(plan_id=plan.pk, title="Datos para la gente") == []


def test_common_words_do_not_add_up_to_a_match(plan, many):
    # "datos" and "municipales" are in every proposal: together they still say little.
    assert selectors.similar_proposals(plan_id=plan.pk, title="Datos municipales abiertos") == []


def test_rarer_shared_words_still_find_the_right_proposal(plan, many):
    found = selectors.similar_proposals(
        plan_id=plan.pk, title="Agua potable en los barrios", problem="datos del agua potable"
    )
    assert titles(found) == ["Datos municipales de agua potable"]


def test_withdrawn_and_merged_proposals_are_not_suggested(plan, forum_member):
    keep = submit(plan, title="Mapa abierto de obras viales inconclusas")
    gone = submit(plan, title="Mapa de obras viales inconclusas del país")
    merged = submit(plan, title="Obras viales inconclusas en un mapa")
    services.proposal_withdraw(proposal=gone)
    services.proposal_decide(
        actor=forum_member,
        proposal=merged,
        to_status=Status.MERGED,
        response_text=RESPONSE,
        merged_into=keep,
    )
    found = selectors.similar_proposals(plan_id=plan.pk, title="Obras viales inconclusas")
    assert titles(found) == [keep.title]


def test_the_box_invites_to_join_with_a_working_link(client, plan):
    proposal = submit(plan, title="Mapa abierto de obras viales inconclusas")
    fragment = client.get(
        "/propuestas/similares/", {"plan": plan.pk, "titulo": "Obras viales inconclusas"}
    ).content.decode()
    link = f"/propuestas/{proposal.pk}/sumarse/"
    assert f'href="{link}"' in fragment and "Sumarse" in fragment
    join = client.get(link)
    assert join.status_code == 200 and 'name="email"' in join.content.decode()
