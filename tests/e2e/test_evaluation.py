"""A whole evaluation round in a real browser: assignment, scoring, decisions, publication."""

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from abierto.core.roles import Role
from abierto.evaluation import services
from abierto.evaluation.models import Assignment, MemberKind, RoundStatus
from abierto.proposals.models import Proposal, Status

from ..evaluation.conftest import make_admitted
from ..helpers import make_user
from .axe import assert_accessible
from .conftest import DESKTOP, PHONE

pytestmark = pytest.mark.django_db(transaction=True)
JUSTIFICATION = "La propuesta responde bien a este criterio del plan."


def sign_in(page, live_server, user):
    """Give the browser a session of ``user`` (django-axes blocks password sign-in in tests)."""
    from django.test import Client

    client = Client()
    client.force_login(user)
    page.context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )


@pytest.fixture
def setting():
    from abierto.proposals import demo as proposals_demo

    forum = make_user("gn.eval@example.org", Role.FORUM_MEMBER)
    plan = proposals_demo._example_plan(timezone.localdate())
    commission = services.commission_create(actor=forum, plan=plan)
    chair = make_user("chair.eval@example.org", full_name="Rosa Preside")
    services.commission_member_add(
        actor=forum,
        commission=commission,
        user=chair,
        kind=MemberKind.FORUM,
        is_chair=True,
        public_name="Rosa Preside",
        listed_publicly=True,
    )
    evaluators = []
    for i in range(1, 4):
        user = make_user(f"ev{i}.eval@example.org", full_name=f"Evaluadora {i}")
        services.commission_member_add(
            actor=forum, commission=commission, user=user, kind=MemberKind.EXPERT
        )
        evaluators.append(user)
    proposals = [
        make_admitted(plan, actor=forum, email=f"proponente{i}@example.org") for i in range(2)
    ]
    evaluation_round = services.round_create(
        actor=forum,
        plan=plan,
        name="Ronda del navegador",
        deadline=timezone.now() + datetime.timedelta(days=7),
        evaluators_per_proposal=2,
    )
    return plan, chair, evaluation_round, proposals


def score_in_browser(page, assignment, *, draft_first=False):
    criteria = list(assignment.entry.round.criteria.all())
    page.goto(
        f"/gestion/evaluacion/rondas/{assignment.entry.round_id}/propuestas/{assignment.entry.proposal_id}/"
    )
    for i, c in enumerate(criteria):
        page.locator(f"#id_c{c.pk}-valor_{(i + assignment.member_id) % 5}").check()
        page.locator(f"#id_c{c.pk}-justificacion").fill(JUSTIFICATION)
    if draft_first:
        page.get_by_role("button", name="Guardar borrador").click()
        page.wait_for_load_state()
        assert "Borrador guardado." in page.locator(".messages").inner_text()
    page.get_by_role("button", name="Enviar evaluación").click()
    page.wait_for_load_state()
    assert "Evaluación enviada" in page.locator(".messages").inner_text()


def test_round_from_assignment_to_published_responses(new_page, live_server, setting, worker):
    plan, chair, evaluation_round, proposals = setting
    chair_page = new_page(viewport=DESKTOP)
    sign_in(chair_page, live_server, chair)
    chair_page.goto(f"/gestion/evaluacion/rondas/{evaluation_round.pk}/")
    chair_page.get_by_role("button", name="Abrir la ronda").click()
    chair_page.wait_for_load_state()
    assert "Ronda abierta" in chair_page.locator(".messages").inner_text()
    chair_page.get_by_role("button", name="Asignar automáticamente").click()
    chair_page.wait_for_load_state()
    assert "Propuestas asignadas." in chair_page.locator(".messages").inner_text()
    assert_accessible(chair_page)

    assignments = list(
        Assignment.objects.filter(entry__round=evaluation_round)
        .select_related("member__user", "entry__round")
        .order_by("id")
    )
    assert len(assignments) == 4
    for index, assignment in enumerate(assignments):
        # axe needs JavaScript; the last evaluator works with JavaScript off.
        page = new_page(viewport=PHONE if index % 2 else DESKTOP, javascript=index != 3)
        sign_in(page, live_server, assignment.member.user)
        if index < 2:
            # The empty scoring screen, at both widths.
            page.goto(
                f"/gestion/evaluacion/rondas/{evaluation_round.pk}/propuestas/{assignment.entry.proposal_id}/"
            )
            assert_accessible(page)
        if index == 0:
            # Autosave (JavaScript on): a draft is kept without pressing a button.
            first = assignment.entry.round.criteria.first()
            page.locator(f"#id_c{first.pk}-valor_2").check()
            expect(page.locator("#autoguardado")).to_contain_text("Borrador guardado")
            assert assignment.scores.get(criterion=first).value == 3
        score_in_browser(page, assignment, draft_first=index == 3)
        if index == 1:
            assert_accessible(page)  # read-only after submitting, others' scores shown

    chair_page.goto(f"/gestion/evaluacion/rondas/{evaluation_round.pk}/")
    chair_page.get_by_role("button", name="Cerrar la ronda").click()
    chair_page.wait_for_load_state()
    for proposal in proposals:
        chair_page.get_by_role("link", name=f"Decidir y responder n.º {proposal.pk}").click()
        chair_page.wait_for_load_state()
        if proposal == proposals[0]:
            assert_accessible(chair_page)
        chair_page.get_by_role("link", name="seleccionada", exact=True).click()
        chair_page.wait_for_load_state()
        assert (
            "se selecciona" in chair_page.get_by_label("Respuesta razonada (pública)").input_value()
        )
        chair_page.get_by_label("Seleccionada", exact=True).check()
        chair_page.get_by_role("button", name="Guardar decisión").click()
        chair_page.wait_for_load_state()
        assert "Decisión guardada" in chair_page.locator(".messages").inner_text()
    worker()
    from django.core import mail

    mail.outbox.clear()
    chair_page.get_by_role("button", name="Publicar decisiones y respuestas").click()
    chair_page.wait_for_load_state()
    assert "Resultados publicados" in chair_page.locator(".messages").inner_text()
    evaluation_round.refresh_from_db()
    assert evaluation_round.status == RoundStatus.PUBLISHED
    outbox = worker()
    assert sorted(m.to[0] for m in outbox) == ["proponente0@example.org", "proponente1@example.org"]
    assert set(
        Proposal.objects.filter(pk__in=[p.pk for p in proposals]).values_list("status", flat=True)
    ) == {Status.SELECTED}

    public = new_page(viewport=PHONE)
    public.goto(f"/propuestas/{proposals[0].pk}/")
    text = public.locator("main").inner_text()
    assert "Evaluación de la comisión" in text and "Puntaje ponderado" in text
    assert "Evaluadora" not in text
    public.goto(f"/evaluacion/{plan.slug}/")
    assert "Rosa Preside" in public.locator("main").inner_text()
    assert_accessible(public)
