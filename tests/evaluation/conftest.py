"""Fixtures for evaluation: the example plan, admitted proposals, a commission, a round."""

import datetime
import itertools

import pytest
from django.utils import timezone

from abierto.core.roles import Role
from abierto.evaluation import services
from abierto.evaluation.models import MemberKind
from abierto.forum.models import Organization
from abierto.proposals import demo as proposals_demo
from abierto.proposals import services as proposal_services
from abierto.proposals.models import Status

from ..helpers import make_user

_counter = itertools.count(1)

TEXTS = [
    (
        "Datos abiertos de compras públicas municipales",
        "Las compras municipales no se pueden analizar ni comparar entre municipios.",
    ),
    (
        "Presupuesto participativo en parroquias rurales",
        "Las juntas parroquiales deciden su presupuesto sin participación de la gente.",
    ),
    (
        "Observatorio ciudadano de calidad del aire",
        "No hay datos públicos sobre la calidad del aire en las ciudades medianas.",
    ),
    (
        "Registro público de beneficiarios finales",
        "No se sabe quién está detrás de las empresas que contratan con el Estado.",
    ),
    (
        "Escuela virtual de participación ciudadana",
        "Muchas personas no conocen los mecanismos de participación que reconoce la ley.",
    ),
    (
        "Agenda pública de reuniones de autoridades",
        "No se publica con quién se reúnen las autoridades ni de qué hablan.",
    ),
]


def make_admitted(
    plan,
    *,
    actor,
    title=None,
    organization_name="",
    submitted_by=None,
    email="ana.quispe@example.org",
    attachments=(),
):
    n = next(_counter)
    base_title, problem = TEXTS[n % len(TEXTS)]
    proposal, _ = proposal_services.proposal_submit(
        actor=submitted_by,
        plan=plan,
        title=title or f"{base_title} ({n})",
        problem=problem,
        solution="Publicar la información en formato abierto cada mes, con un estándar común.",
        beneficiaries="Veedurías ciudadanas, periodistas y la ciudadanía en general.",
        province="pichincha",
        proposer_type="sociedad-civil" if organization_name else "ciudadania",
        organization_name=organization_name,
        contact_name="Ana Quispe Zambrano",
        contact_email=email,
        contact_phone="+593 99 123 4567",
        gender="mujer",
        attachments=attachments,
    )
    if submitted_by is not None:
        proposal.submitted_by = submitted_by
    for step in (Status.IN_REVIEW, Status.IN_EVALUATION):
        proposal = proposal_services.proposal_transition(
            actor=actor, proposal=proposal, to_status=step
        )
    return proposal


@pytest.fixture
def plan(db):
    return proposals_demo._example_plan(timezone.localdate())


@pytest.fixture
def esquel(db):
    return Organization.objects.create(
        name="Fundación Esquel", acronym="ESQUEL", sector="sociedad-civil"
    )


@pytest.fixture
def commission(plan, forum_member, esquel):
    commission = services.commission_create(
        actor=forum_member, plan=plan, method="Cinco criterios públicos."
    )
    chair = make_user("presidencia@example.org", full_name="Rosa Chair")
    services.commission_member_add(
        actor=forum_member,
        commission=commission,
        user=chair,
        kind=MemberKind.FORUM,
        is_chair=True,
        public_name="Rosa Presidenta",
        listed_publicly=True,
    )
    for i in range(1, 4):
        services.commission_member_add(
            actor=forum_member,
            commission=commission,
            user=make_user(f"evaluadora{i}@example.org", full_name=f"Evaluadora {i}"),
            kind=MemberKind.EXPERT,
            organization=esquel if i == 1 else None,
            public_name=f"Experta {i}" if i != 3 else "",
            listed_publicly=i == 2,
        )
    return commission


@pytest.fixture
def chair(commission):
    return commission.members.get(is_chair=True).user


def evaluator(n: int):
    from abierto.accounts.models import User

    return User.objects.get(email=f"evaluadora{n}@example.org")


@pytest.fixture
def proposals(plan, forum_member):
    return [make_admitted(plan, actor=forum_member) for _ in range(4)]


@pytest.fixture
def draft_round(commission, proposals, forum_member):
    return services.round_create(
        actor=forum_member,
        plan=commission.plan,
        name="Primera ronda",
        deadline=timezone.now() + datetime.timedelta(days=10),
        evaluators_per_proposal=3,
    )


@pytest.fixture
def open_round(draft_round, chair):
    r = services.round_open(actor=chair, evaluation_round=draft_round)
    services.round_assign(actor=chair, evaluation_round=r)
    return r


GOOD = "Justificación suficiente y clara del puntaje."


def full_sheet(assignment, value=4):
    return {c.pk: (value, GOOD) for c in assignment.entry.round.criteria.all()}


@pytest.fixture
def evaluator_role():
    return Role.EVALUATOR
