"""Demo data: the example plan gets a commission, a published round and an open round.

Everything goes through the services, so the audit trail is real. Idempotent: the commission
is found by plan, rounds by name, example proposals by their fixed idempotency tokens, members
by account. The demo evaluation account (``evaluacion@demo.gobiernoabierto.local``) joins the
commission when it exists (``manage.py demo_accounts`` creates it after ``load_demo``; running
``load_demo`` again then gives it evaluations to do in the open round).
"""

import datetime
import uuid

from django.utils import timezone

from abierto.accounts.models import User
from abierto.plans.models import ActionPlan
from abierto.proposals import services as proposal_services
from abierto.proposals.demo import EXAMPLE_PLAN_SLUG, _demo_team_member
from abierto.proposals.models import Proposal, Status

from . import services
from .models import (
    Assignment,
    CandidateGroup,
    Commission,
    CommissionMember,
    Decision,
    EvaluationRound,
    MemberKind,
    RoundStatus,
)
from .selectors import draft_response, round_results

DEMO_EVALUATOR_EMAIL = "evaluacion@demo.gobiernoabierto.local"
_NAMESPACE = uuid.UUID("0b7d3c55-5a2f-4f0e-8d0c-6f1e3b9a7c21")
PUBLISHED_ROUND = "Primera ronda de evaluación (ejemplo)"
OPEN_ROUND = "Segunda ronda de evaluación (ejemplo)"

MEMBERS = [
    # key, public name, kind, chair, listed
    ("presidencia", "María Fernanda Ortiz (ejemplo)", MemberKind.FORUM, True, True),
    ("academia", "Jorge Andrade (ejemplo)", MemberKind.FORUM, False, True),
    ("experta", "Lucía Cárdenas (ejemplo)", MemberKind.EXPERT, False, True),
    ("sociedad", "", MemberKind.FORUM, False, False),
]

#: key, title, problem, solution, beneficiaries, province, organisation
PROPOSALS = [
    (
        "ev-obras",
        "Mapa abierto de obras públicas paralizadas",
        "Nadie sabe cuántas obras públicas están paralizadas ni por qué.",
        "Un mapa público, actualizado cada mes, con el estado y el presupuesto de cada obra.",
        "Vecinos de obras inconclusas, veedurías y medios locales.",
        "manabi",
        "Observatorio Ciudadano de Manabí (ejemplo)",
    ),
    (
        "ev-compras-gad",
        "Compras de los municipios en datos abiertos",
        "Las compras municipales se publican en PDF escaneados imposibles de comparar.",
        "Publicar cada compra municipal en datos abiertos con un estándar común.",
        "Veedurías ciudadanas, periodistas y los propios municipios.",
        "pichincha",
        "",
    ),
    (
        "ev-consulta-previa",
        "Registro público de procesos de consulta previa",
        "Los pueblos y nacionalidades no encuentran información sobre las consultas previas.",
        "Un registro público, en español y kichwa, de cada proceso de consulta y sus actas.",
        "Pueblos y nacionalidades indígenas y organizaciones ambientales.",
        "napo",
        "",
    ),
    (
        "ev-compras-alertas",
        "Alertas sobre compras municipales de emergencia",
        "En las emergencias los municipios compran rápido y sin vigilancia ciudadana.",
        "Publicar en 48 horas cada compra municipal de emergencia, con alertas por correo.",
        "Veedurías y periodistas.",
        "guayas",
        "",
    ),
    (
        "ev-agua",
        "Datos abiertos de calidad del agua potable",
        "Las juntas de agua y los municipios no publican la calidad del agua que distribuyen.",
        "Publicar cada mes los análisis de calidad del agua por parroquia, en datos abiertos.",
        "Familias de zonas rurales y periurbanas.",
        "tungurahua",
        "",
    ),
    (
        "ev-jovenes",
        "Consejos juveniles con voz en los presupuestos locales",
        "Los jóvenes no participan en la priorización de la inversión local.",
        "Reservar una sesión anual de cada asamblea local para propuestas juveniles.",
        "Jóvenes de 16 a 29 años.",
        "loja",
        "",
    ),
    (
        "ev-lobby",
        "Agenda pública de reuniones de autoridades",
        "No se sabe con quién se reúnen las autoridades ni de qué temas tratan.",
        "Publicar la agenda de reuniones de las autoridades con los asistentes y los temas.",
        "Ciudadanía en general y medios de comunicación.",
        "pichincha",
        "",
    ),
    (
        "ev-accesible",
        "Portales públicos accesibles para personas con discapacidad",
        "Muchos portales públicos no pueden usarse con lector de pantalla.",
        "Auditar y corregir la accesibilidad de los portales de trámites más usados.",
        "Personas con discapacidad y personas mayores.",
        "azuay",
        "",
    ),
]

JUSTIFICATIONS = {
    1: "Aporta poco frente al problema descrito y al plan.",
    2: "Aporte limitado; faltan detalles para valorarla mejor.",
    3: "Cumple de forma aceptable, con aspectos por precisar.",
    4: "Cumple bien el criterio, con una propuesta concreta.",
    5: "Cumple de forma sobresaliente y muy bien fundamentada.",
}


def _member_user(key: str, name: str) -> User:
    user, created = User.objects.get_or_create(
        email=f"comision.{key}@abierto.invalid",
        defaults={"full_name": name or "Integrante de la comisión (ejemplo)", "is_active": False},
    )
    if created:
        user.set_unusable_password()
        user.save(update_fields=["password"])
    return user


def _admitted(plan: ActionPlan, team) -> list[Proposal]:
    proposals = []
    base = timezone.now() - datetime.timedelta(days=40)
    for offset, (key, title, problem, solution, beneficiaries, province, org) in enumerate(
        PROPOSALS
    ):
        proposal, _new = proposal_services.proposal_submit(
            actor=None,
            plan=plan,
            title=title,
            problem=problem,
            solution=solution,
            beneficiaries=beneficiaries,
            province=province,
            proposer_type="sociedad-civil" if org else "ciudadania",
            organization_name=org,
            contact_name="Persona de ejemplo",
            axis=plan.axes.order_by("order").first(),
            idempotency_token=uuid.uuid5(_NAMESPACE, key),
            is_example=True,
            created_at=base + datetime.timedelta(days=offset),
        )
        if proposal.status == Status.RECEIVED:
            proposal = proposal_services.proposal_transition(
                actor=team, proposal=proposal, to_status=Status.IN_REVIEW
            )
        if proposal.status == Status.IN_REVIEW:
            proposal = proposal_services.proposal_transition(
                actor=team, proposal=proposal, to_status=Status.IN_EVALUATION
            )
        proposals.append(proposal)
    return proposals


def _score_all(evaluation_round: EvaluationRound, *, skip_user=None, leave_pending: int = 0):
    assignments = list(
        Assignment.objects.filter(entry__round=evaluation_round, submitted_at__isnull=True)
        .select_related("member__user", "entry")
        .order_by("entry__proposal_id", "member_id")
    )
    if leave_pending:
        assignments = assignments[:-leave_pending]
    criteria = list(evaluation_round.criteria.all())
    for a in assignments:
        if skip_user is not None and a.member.user_id == skip_user.pk:
            continue
        scores = {}
        for i, c in enumerate(criteria):
            value = 1 + (a.entry.proposal_id * 3 + a.member_id * 2 + i) % 5
            scores[c.pk] = (value, JUSTIFICATIONS[value])
        services.scores_save(actor=a.member.user, assignment=a, scores=scores, submit=True)


def load() -> None:
    plan = ActionPlan.objects.filter(slug=EXAMPLE_PLAN_SLUG).first()
    if plan is None:
        return
    team = _demo_team_member()
    commission = Commission.objects.filter(plan=plan).first() or services.commission_create(
        actor=team,
        plan=plan,
        method=(
            "Ejemplo: la comisión, nombrada por el Grupo Núcleo, califica cada propuesta "
            "admitida con los cinco criterios públicos del plan."
        ),
    )
    for key, name, kind, is_chair, listed in MEMBERS:
        user = _member_user(key, name)
        if not CommissionMember.objects.filter(commission=commission, user=user).exists():
            services.commission_member_add(
                actor=team,
                commission=commission,
                user=user,
                kind=kind,
                is_chair=is_chair,
                public_name=name,
                listed_publicly=listed,
            )
    demo_evaluator = User.objects.filter(email=DEMO_EVALUATOR_EMAIL, is_active=True).first()
    if (
        demo_evaluator
        and not CommissionMember.objects.filter(commission=commission, user=demo_evaluator).exists()
    ):
        services.commission_member_add(
            actor=team, commission=commission, user=demo_evaluator, kind=MemberKind.EXPERT
        )
    proposals = _admitted(plan, team)
    if not EvaluationRound.objects.filter(plan=plan, name=PUBLISHED_ROUND).exists():
        _published_round(plan, team, proposals[:4])
    open_round = EvaluationRound.objects.filter(plan=plan, name=OPEN_ROUND).first()
    if open_round is None:
        open_round = services.round_create(
            actor=team,
            plan=plan,
            name=OPEN_ROUND,
            deadline=timezone.now() + datetime.timedelta(days=20),
            evaluators_per_proposal=2,
            proposals=[p for p in proposals[4:] if p.status == Status.IN_EVALUATION],
        )
        open_round = services.round_open(actor=team, evaluation_round=open_round)
        services.round_assign(actor=team, evaluation_round=open_round)
        _score_all(open_round, leave_pending=4)
    if demo_evaluator and open_round.status == RoundStatus.OPEN:
        _give_work_to(demo_evaluator, open_round, team)


def _give_work_to(user: User, open_round: EvaluationRound, team) -> None:
    """The demo evaluation account gets two pending evaluations of the open round.

    The Grupo Núcleo acts in the demo's public history (as the house demo rule asks); the chair
    may do the same on the site.
    """
    member = CommissionMember.objects.get(commission__plan_id=open_round.plan_id, user=user)
    have = Assignment.objects.filter(entry__round=open_round, member=member).count()
    pending = (
        Assignment.objects.filter(entry__round=open_round, submitted_at__isnull=True)
        .exclude(member=member)
        .exclude(entry__assignments__member=member)
        .select_related("entry")
        .order_by("entry__proposal_id")
    )
    entries: set[int] = set()
    for assignment in pending:
        if have + len(entries) >= 2:
            break
        if assignment.entry_id in entries:
            continue
        services.assignment_reassign(actor=team, assignment=assignment, member=member)
        entries.add(assignment.entry_id)


def _published_round(plan: ActionPlan, team, proposals: list[Proposal]) -> None:
    chosen = [p for p in proposals if p.status == Status.IN_EVALUATION]
    if not chosen:
        return
    evaluation_round = services.round_create(
        actor=team,
        plan=plan,
        name=PUBLISHED_ROUND,
        deadline=timezone.now() + datetime.timedelta(days=1),
        evaluators_per_proposal=3,
        proposals=chosen,
    )
    evaluation_round = services.round_open(actor=team, evaluation_round=evaluation_round)
    services.round_assign(actor=team, evaluation_round=evaluation_round)
    _score_all(evaluation_round)
    evaluation_round = services.round_close(actor=team, evaluation_round=evaluation_round)
    rows = round_results(evaluation_round)
    criteria = list(evaluation_round.criteria.all())
    by_proposal = {r.entry.proposal_id: r for r in rows}
    local = [r.entry for r in rows if "compras" in r.entry.proposal.title.lower()]
    candidate: CandidateGroup | None = None
    if len(local) >= 2:
        candidate = services.candidate_save(
            actor=team,
            evaluation_round=evaluation_round,
            name="Compras municipales abiertas (ejemplo)",
            entries=local,
        )
    for index, row in enumerate(rows):
        entry = row.entry
        if candidate is not None and entry in local:
            decision = Decision.GROUPED
        elif index == 0:
            decision = Decision.SELECTED
        else:
            decision = Decision.NOT_SELECTED
        text = draft_response(
            by_proposal[entry.proposal_id],
            criteria,
            decision=decision,
            candidate_name=candidate.name if candidate and decision == Decision.GROUPED else "",
        )
        services.entry_decide(
            actor=team,
            entry=entry,
            decision=decision,
            candidate=candidate if decision == Decision.GROUPED else None,
            response_text=text,
        )
    services.round_publish(actor=team, evaluation_round=evaluation_round)
