"""Every back-office URL × every role → the answer that person gets.

The URLs are discovered from the URL conf (the ``staff`` namespace), so a new back-office URL
without a row in ``EXPECTED`` fails here: whoever adds a page says who may open it. Objects are
real (a plan, a proposal in it with an attachment, an organisation, ...); a facilitator is
assigned to the plan, another is not.
"""

import datetime
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone
from PIL import Image

from abierto.content.models import Document, Page
from abierto.core.roles import Role
from abierto.core.uploads import check_upload
from abierto.forum.models import ForumMeeting, ForumMembership, InterestTopic, Organization
from abierto.mesas import services as mesa_services
from abierto.proposals import demo as proposals_demo
from abierto.proposals import services as proposal_services

from ..helpers import make_user

ANON, CITIZEN, FAC, FAC_OTHER, EVAL, LIAISON, FORUM, ADMIN = (
    "anonimo",
    "ciudadania",
    "facilitacion-asignada",
    "facilitacion-otra",
    "evaluacion",
    "enlace",
    "grupo-nucleo",
    "administracion",
)
ROLES = [ANON, CITIZEN, FAC, FAC_OTHER, EVAL, LIAISON, FORUM, ADMIN]


def only(*allowed: str) -> dict[str, int]:
    """200 for the roles named, a login redirect for anonymous visitors, 403 for the rest."""
    return {role: 200 if role in allowed else 302 if role == ANON else 403 for role in ROLES}


STAFF = (FAC, FAC_OTHER, EVAL, LIAISON, FORUM, ADMIN)
#: Views that only take POST answer every GET with 405, whoever asks.
POST_ONLY = dict.fromkeys(ROLES, 405)

#: URL name -> expected status per role (GET).
EXPECTED: dict[str, dict[str, int]] = {
    "staff:dashboard": only(*STAFF),
    # Administración runs the site: pages, accounts and roles.
    "staff:accounts_index": only(ADMIN),
    "staff:accounts_manage": only(ADMIN),
    # Personal API tokens: each institution liaison (with an institution) for themselves.
    "staff:accounts_api_tokens": only(LIAISON),
    "staff:accounts_api_token_revoke": POST_ONLY,
    "staff:content_pages": only(ADMIN),
    "staff:content_page_create": only(ADMIN),
    "staff:content_page_edit": only(ADMIN),
    # Documents: Administración and the Grupo Núcleo (minutes, plan documents).
    "staff:content_documents": only(ADMIN, FORUM),
    "staff:content_document_create": only(ADMIN, FORUM),
    "staff:content_document_edit": only(ADMIN, FORUM),
    # The Grupo Núcleo runs the process: plans and the forum.
    "staff:plans_index": only(FORUM),
    "staff:plans_create": only(FORUM),
    "staff:plans_manage": only(FORUM),
    "staff:plans_edit": only(FORUM),
    "staff:plans_new_version": only(FORUM),
    # POST-only (the checklist lives on plans_manage): a GET goes back to the plan's page.
    "staff:plans_facilitators": {**only(FORUM), FORUM: 302},
    "staff:plans_part_create": only(FORUM),
    "staff:plans_part_edit": only(FORUM),
    "staff:forum_index": only(FORUM),
    "staff:forum_org_create": only(FORUM),
    "staff:forum_org_edit": only(FORUM),
    "staff:forum_org_import": only(FORUM),
    "staff:forum_topic_create": only(FORUM),
    "staff:forum_topic_edit": only(FORUM),
    "staff:forum_membership_create": only(FORUM),
    "staff:forum_membership_edit": only(FORUM),
    "staff:forum_meeting_create": only(FORUM),
    "staff:forum_meeting_edit": only(FORUM),
    # Proposals: the Grupo Núcleo; a facilitator for the plans assigned to them; the
    # attachments only to who may see the proposer's data.
    "staff:proposals_queue": only(FORUM, FAC),
    "staff:proposals_enter": only(FORUM, FAC),
    "staff:proposals_manage": only(FORUM, FAC),
    # The receipt of a paper/mesa entry (its code only once, from the session of who entered it).
    "staff:proposals_receipt": only(FORUM, FAC),
    "staff:proposals_attachment": only(FORUM),
    # A mesa's paper proposals (fast form, CSV import and its template): the facilitators of
    # that mesa and the Grupo Núcleo; a facilitator of another mesa is refused.
    "staff:proposals_mesa_enter": only(FORUM, FAC),
    "staff:proposals_mesa_import": only(FORUM, FAC),
    "staff:proposals_mesa_template": only(FORUM, FAC),
    # Mesas: the Grupo Núcleo convenes; a facilitator manages only the mesas assigned to them.
    "staff:mesas_index": only(FORUM, FAC, FAC_OTHER),
    "staff:mesas_new": only(FORUM),
    "staff:mesas_edit": only(FORUM),
    "staff:mesas_facilitators": only(FORUM),
    "staff:mesas_cancel": only(FORUM),
    "staff:mesas_manage": only(FORUM, FAC),
    "staff:mesas_checkin": only(FORUM, FAC),
    "staff:mesas_profile": only(FORUM, FAC),
    "staff:mesas_registrations_csv": only(FORUM, FAC),
    "staff:mesas_minutes": only(FORUM, FAC),
    # POST only: who may use it gets 405 on GET, the rest are refused as usual.
    "staff:mesas_held": {**only(FORUM, FAC), FORUM: 405, FAC: 405},
    # Evaluation: the role opens the section; the plan's commission seat decides the rest.
    # The evaluator (a member, not the chair) scores only what is assigned to them; others
    # on the section get a 404 for a proposal not assigned to them.
    "staff:evaluation_index": only(FORUM, EVAL),
    "staff:evaluation_commission": only(FORUM),
    "staff:evaluation_commission_create": {**only(FORUM), FORUM: 405},  # POST only
    "staff:evaluation_round": only(FORUM),
    "staff:evaluation_round_edit": only(FORUM),
    "staff:evaluation_group": only(FORUM),
    "staff:evaluation_reassign": only(FORUM),
    "staff:evaluation_decide": only(FORUM),
    "staff:evaluation_score": {**only(EVAL), FORUM: 404},
    # An attachment of another proposal (and this round does not allow attachments): 404.
    "staff:evaluation_attachment": {**only(), EVAL: 404, FORUM: 404},
    # Commitments: the Grupo Núcleo runs sheets, lifecycle, verification and IRM data; a
    # liaison reports only on commitments where their organisation is lead or support (the
    # liaison here is one of the lead institution).
    "staff:commitments_index": only(FORUM, LIAISON),
    "staff:commitments_create": only(FORUM),
    "staff:commitments_evidence_queue": only(FORUM),
    "staff:commitments_evidence_review": only(FORUM),
    "staff:commitments_irm_import": only(FORUM),
    "staff:commitments_comment_answer": only(FORUM),
    "staff:commitments_milestone_progress": only(LIAISON),
    "staff:commitments_evidence_submit": only(LIAISON),
    "staff:commitments_measurement": only(LIAISON),
    "staff:commitments_manage": only(FORUM, LIAISON),
    "staff:commitments_edit": only(FORUM),
    "staff:commitments_reprogram": only(FORUM),
    "staff:commitments_from_candidate": POST_ONLY,
    "staff:commitments_transition": POST_ONLY,
    "staff:commitments_actor_add": only(FORUM),
    "staff:commitments_actor_remove": POST_ONLY,
    "staff:commitments_milestone_create": only(FORUM),
    "staff:commitments_milestone_edit": only(FORUM),
    "staff:commitments_indicator_create": only(FORUM),
    "staff:commitments_irm": only(FORUM),
    "staff:commitments_proposals_link": only(FORUM),
    "staff:commitments_report": only(LIAISON),
}


def staff_url_names() -> list[tuple[str, list[str]]]:
    """(namespaced name, its URL arguments) of every pattern in the ``staff`` namespace."""
    found = []

    def walk(patterns, namespace):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                walk(pattern.url_patterns, pattern.namespace or namespace)
            elif isinstance(pattern, URLPattern) and namespace == "staff" and pattern.name:
                found.append((f"staff:{pattern.name}", list(pattern.pattern.converters)))

    walk(get_resolver().url_patterns, None)
    return found


def _png() -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", (4, 4)).save(buffer, format="PNG")
    return SimpleUploadedFile("foto.png", buffer.getvalue(), content_type="image/png")


@pytest.fixture
def world(db, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    users = {
        CITIZEN: make_user("c@example.org", Role.CITIZEN),
        FAC: make_user("f1@example.org", Role.FACILITATOR),
        FAC_OTHER: make_user("f2@example.org", Role.FACILITATOR),
        EVAL: make_user("e@example.org", Role.EVALUATOR),
        LIAISON: make_user("l@example.org", Role.LIAISON),
        FORUM: make_user("g@example.org", Role.FORUM_MEMBER),
        ADMIN: make_user("a@example.org", Role.ADMIN),
    }
    plan = proposals_demo._example_plan(timezone.localdate())
    plan.facilitators.add(users[FAC])
    proposal, _ = proposal_services.proposal_submit(
        actor=None,
        plan=plan,
        title="Datos abiertos de compras municipales",
        problem="Las compras municipales se publican en archivos escaneados sin datos.",
        solution="Publicar cada compra en formato abierto con un estándar común.",
        beneficiaries="Veedurías ciudadanas.",
        province="pichincha",
        proposer_type="ciudadania",
        contact_name="Ana Quispe",
        contact_email="ana@example.org",
        attachments=[check_upload(_png(), kinds={"png"}, max_bytes=10**6)],
    )
    org = Organization.objects.create(name="Fundación Ejemplo", sector="sociedad-civil")
    mesa = mesa_services.mesa_create(
        actor=None,
        plan=plan,
        title="Mesa de la matriz",
        kind="territorial",
        city="Riobamba",
        province="chimborazo",
        starts_at=timezone.now() + datetime.timedelta(days=3),
        ends_at=timezone.now() + datetime.timedelta(days=3, hours=2),
        capacity=10,
        facilitators=[users[FAC]],
    )
    objects = {
        "plan": plan,
        "axis": plan.axes.first(),
        "proposal": proposal,
        "attachment": proposal.attachments.get(),
        "organization": org,
        "topic": InterestTopic.objects.create(name="Datos", slug="datos"),
        "membership": ForumMembership.objects.create(
            organization=org, start_date=timezone.localdate()
        ),
        "meeting": ForumMeeting.objects.create(date=timezone.localdate(), title="Reunión"),
        "page": Page.objects.create(slug="que-es", title="Qué es", body="Texto"),
        "document": Document.objects.create(
            doc_type="otro", title="Doc", date=timezone.localdate(), external_url="https://x.org"
        ),
        "account": users[CITIZEN],
        "mesa": mesa,
        "attendance": mesa_services.attendance_check_in(actor=None, mesa=mesa),
    }
    objects.update(_evaluation_world(plan, users))
    objects.update(_commitment_objects(users, org, plan))
    return users, objects


def _evaluation_world(plan, users) -> dict:
    """A commission with the evaluator as member, an open round, one assignment to them."""
    import datetime

    from abierto.evaluation import services as evaluation_services
    from abierto.evaluation.models import Assignment, MemberKind

    forum = users[FORUM]
    admitted, _ = proposal_services.proposal_submit(
        actor=None,
        plan=plan,
        title="Agenda pública de reuniones de autoridades",
        problem="No se publica con quién se reúnen las autoridades ni de qué hablan.",
        solution="Publicar la agenda de reuniones con asistentes y temas.",
        beneficiaries="Ciudadanía.",
        province="pichincha",
        proposer_type="ciudadania",
        contact_name="Luis Pérez",
    )
    admitted = proposal_services.proposal_transition(
        actor=forum, proposal=admitted, to_status="en-revision"
    )
    proposal_services.proposal_transition(actor=forum, proposal=admitted, to_status="en-evaluacion")
    commission = evaluation_services.commission_create(actor=forum, plan=plan)
    evaluation_services.commission_member_add(
        actor=forum, commission=commission, user=users[EVAL], kind=MemberKind.EXPERT
    )
    evaluation_round = evaluation_services.round_create(
        actor=forum,
        plan=plan,
        name="Ronda",
        deadline=timezone.now() + datetime.timedelta(days=5),
        evaluators_per_proposal=1,
    )
    evaluation_round = evaluation_services.round_open(
        actor=forum, evaluation_round=evaluation_round
    )
    evaluation_services.round_assign(actor=forum, evaluation_round=evaluation_round)
    assignment = Assignment.objects.select_related("entry").get(entry__round=evaluation_round)
    candidate = evaluation_services.candidate_save(
        actor=forum, evaluation_round=evaluation_round, name="Grupo", entries=[assignment.entry]
    )
    return {"evaluation_round": evaluation_round, "assignment": assignment, "candidate": candidate}


def _commitment_objects(users, org, plan) -> dict:
    """A commitment in progress led by ``org``, whose liaison is the matrix's liaison."""
    import datetime

    from abierto.commitments import services as commitment_services
    from abierto.commitments.models import ConsultationComment

    liaison = users[LIAISON]
    liaison.organization = org
    liaison.save(update_fields=["organization"])
    forum = users[FORUM]
    start = plan.start_date
    commitment = commitment_services.commitment_create(
        actor=forum,
        plan=plan,
        data={
            "code": "EC0999",
            "title": "Compromiso de la matriz",
            "problem": "p",
            "objective": "o",
            "start_date": start,
            "end_date": plan.end_date,
        },
    )
    actor = commitment_services.actor_add(
        actor=forum, commitment=commitment, organization=org, role="responsable"
    )
    milestone = commitment_services.milestone_create(
        actor=forum,
        commitment=commitment,
        data={
            "deliverable": "Hito",
            "responsible": org,
            "start_date": start,
            "end_date": start + datetime.timedelta(days=30),
            "weight": 100,
        },
    )
    indicator = commitment_services.indicator_create(
        actor=forum,
        commitment=commitment,
        data={
            "name": "Indicador",
            "unit": "u",
            "baseline_value": 1,
            "baseline_date": start,
            "target_value": 5,
            "target_date": plan.end_date,
        },
    )
    for status in ("en-consulta", "aprobado", "formalizado", "en-implementacion"):
        commitment_services.commitment_transition(
            actor=forum, commitment=commitment, status=status, acta_url="https://e.org/a"
        )
    evidence = commitment_services.evidence_submit(
        actor=liaison, milestone=milestone, description="x", url="https://e.org/x"
    )
    comment = ConsultationComment.objects.create(
        commitment=commitment, author=users[CITIZEN], body="Comentario"
    )
    from abierto.accounts import services as account_services

    api_token, _raw = account_services.api_token_create(actor=liaison, name="Matriz")
    return {
        "api_token": api_token,
        "commitment": commitment,
        "commitment_actor": actor,
        "milestone": milestone,
        "indicator": indicator,
        "evidence": evidence,
        "comment": comment,
    }


#: Which object each URL's ``pk`` (and other arguments) stands for.
ARGUMENTS = {
    "staff:accounts_manage": lambda o: {"pk": o["account"].pk},
    "staff:accounts_api_token_revoke": lambda o: {"pk": o["api_token"].pk},
    "staff:content_page_edit": lambda o: {"pk": o["page"].pk},
    "staff:content_document_edit": lambda o: {"pk": o["document"].pk},
    "staff:plans_manage": lambda o: {"pk": o["plan"].pk},
    "staff:plans_edit": lambda o: {"pk": o["plan"].pk},
    "staff:plans_new_version": lambda o: {"pk": o["plan"].pk},
    "staff:plans_facilitators": lambda o: {"pk": o["plan"].pk},
    "staff:plans_part_create": lambda o: {"pk": o["plan"].pk, "kind": "ejes"},
    "staff:plans_part_edit": lambda o: {
        "pk": o["plan"].pk,
        "kind": "ejes",
        "part_pk": o["axis"].pk,
    },
    "staff:forum_org_edit": lambda o: {"pk": o["organization"].pk},
    "staff:forum_topic_edit": lambda o: {"pk": o["topic"].pk},
    "staff:forum_membership_edit": lambda o: {"pk": o["membership"].pk},
    "staff:forum_meeting_edit": lambda o: {"pk": o["meeting"].pk},
    "staff:proposals_manage": lambda o: {"pk": o["proposal"].pk},
    "staff:proposals_receipt": lambda o: {"pk": o["proposal"].pk},
    "staff:proposals_attachment": lambda o: {"pk": o["attachment"].pk},
    "staff:proposals_mesa_enter": lambda o: {"mesa_pk": o["mesa"].pk},
    "staff:proposals_mesa_import": lambda o: {"mesa_pk": o["mesa"].pk},
    "staff:proposals_mesa_template": lambda o: {"mesa_pk": o["mesa"].pk},
    **{
        f"staff:mesas_{name}": lambda o: {"pk": o["mesa"].pk}
        for name in (
            "edit",
            "facilitators",
            "cancel",
            "manage",
            "checkin",
            "registrations_csv",
            "minutes",
            "held",
        )
    },
    "staff:mesas_profile": lambda o: {"pk": o["mesa"].pk, "attendance_pk": o["attendance"].pk},
    "staff:evaluation_commission": lambda o: {"plan_pk": o["plan"].pk},
    "staff:evaluation_commission_create": lambda o: {"plan_pk": o["plan"].pk},
    "staff:evaluation_round": lambda o: {"pk": o["evaluation_round"].pk},
    "staff:evaluation_round_edit": lambda o: {"pk": o["evaluation_round"].pk},
    "staff:evaluation_group": lambda o: {"pk": o["evaluation_round"].pk},
    "staff:evaluation_reassign": lambda o: {
        "pk": o["evaluation_round"].pk,
        "assignment_pk": o["assignment"].pk,
    },
    "staff:evaluation_decide": lambda o: {
        "pk": o["evaluation_round"].pk,
        "entry_pk": o["assignment"].entry_id,
    },
    "staff:evaluation_score": lambda o: {
        "pk": o["evaluation_round"].pk,
        "proposal_pk": o["assignment"].entry.proposal_id,
    },
    "staff:evaluation_attachment": lambda o: {
        "pk": o["evaluation_round"].pk,
        "proposal_pk": o["assignment"].entry.proposal_id,
        "attachment_pk": o["attachment"].pk,
    },
    "staff:commitments_evidence_review": lambda o: {"pk": o["evidence"].pk},
    "staff:commitments_comment_answer": lambda o: {"pk": o["comment"].pk},
    "staff:commitments_milestone_progress": lambda o: {"pk": o["milestone"].pk},
    "staff:commitments_evidence_submit": lambda o: {"pk": o["milestone"].pk},
    "staff:commitments_measurement": lambda o: {"pk": o["indicator"].pk},
    "staff:commitments_manage": lambda o: {"pk": o["commitment"].pk},
    "staff:commitments_edit": lambda o: {"pk": o["commitment"].pk},
    "staff:commitments_reprogram": lambda o: {"pk": o["commitment"].pk},
    "staff:commitments_transition": lambda o: {"pk": o["commitment"].pk},
    "staff:commitments_from_candidate": lambda o: {"pk": o["candidate"].pk},
    "staff:commitments_actor_add": lambda o: {"pk": o["commitment"].pk},
    "staff:commitments_actor_remove": lambda o: {
        "pk": o["commitment"].pk,
        "actor_pk": o["commitment_actor"].pk,
    },
    "staff:commitments_milestone_create": lambda o: {"pk": o["commitment"].pk},
    "staff:commitments_milestone_edit": lambda o: {
        "pk": o["commitment"].pk,
        "milestone_pk": o["milestone"].pk,
    },
    "staff:commitments_indicator_create": lambda o: {"pk": o["commitment"].pk},
    "staff:commitments_irm": lambda o: {"pk": o["commitment"].pk},
    "staff:commitments_proposals_link": lambda o: {"pk": o["commitment"].pk},
    "staff:commitments_report": lambda o: {"pk": o["commitment"].pk},
}


def test_every_back_office_url_has_an_expected_answer_per_role():
    names = {name for name, _args in staff_url_names()}
    assert names, "no staff URLs discovered"
    missing = sorted(names - set(EXPECTED))
    assert not missing, f"Back-office URLs without an entry in EXPECTED: {missing}"
    needing_args = {name for name, args in staff_url_names() if args}
    assert not sorted(needing_args - set(ARGUMENTS)), "URLs without ARGUMENTS"


@pytest.mark.parametrize("role", ROLES)
def test_each_role_gets_the_expected_answer_on_every_back_office_url(client, world, role):
    users, objects = world
    if role != ANON:
        client.force_login(users[role])
    wrong = []
    for name, _args in staff_url_names():
        kwargs = ARGUMENTS[name](objects) if name in ARGUMENTS else {}
        url = reverse(name, kwargs=kwargs)
        status = client.get(url).status_code
        if status != EXPECTED[name][role]:
            wrong.append(f"{url}: {status} (expected {EXPECTED[name][role]})")
    assert not wrong, f"{role}:\n" + "\n".join(wrong)
