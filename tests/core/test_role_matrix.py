"""Every URL of the site × every role → the answer that person gets (issue 14).

The URLs are discovered from the URL conf: public pages, the back office (``staff:``), the
machine addresses (feeds, iCalendar, robots, sitemaps, dataset downloads), the API
(``api:``, checked against its OpenAPI schema), the account pages (allauth) and the Django
admin. A new URL without a row in ``EXPECTED`` fails here: whoever adds a page says who may
open it. Objects are real and come in pairs where ownership matters: citizen A owns a
proposal, citizen B does not; facilitator A runs mesa A and the plan, facilitator B only mesa
B; the assigned evaluator scores a proposal, the other commission member has none; liaison A's
institution leads the commitment, liaison B's does not.

**Adding a URL**: one row in ``EXPECTED`` (URL name -> ``{role: status}``, where the key
``DEFAULT`` answers for every role not named; ``only(...)``, ``EVERYONE``, ``LOGGED_IN`` and
``POST_ONLY`` build the usual rows) and, when it takes arguments, one in ``ARGUMENTS`` (URL
name -> the kwargs from the ``objects`` of the world). The world is built once per module.
"""

import datetime
import io
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test.utils import override_settings
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

from ..helpers import make_user, rolled_back

ANON = "anonimo"
CODE = "con-codigo"  # anonymous browser holding a tracking code / mesa registration in session
CITIZEN, CITIZEN_B = "ciudadania-a", "ciudadania-b"
FAC, FAC_OTHER = "facilitacion-a", "facilitacion-b"
EVAL, EVAL_OTHER = "evaluacion-asignada", "evaluacion-sin-asignar"
LIAISON, LIAISON_OTHER = "enlace-a", "enlace-b"
FORUM, ADMIN = "grupo-nucleo", "administracion"
ROLES = [
    ANON,
    CODE,
    CITIZEN,
    CITIZEN_B,
    FAC,
    FAC_OTHER,
    EVAL,
    EVAL_OTHER,
    LIAISON,
    LIAISON_OTHER,
    FORUM,
    ADMIN,
]
#: The key of a row that answers for every role the row does not name.
DEFAULT = "*"


def only(*allowed: str) -> dict[str, int]:
    """200 for the roles named, a login redirect for anonymous visitors, 403 for the rest."""
    return {DEFAULT: 403, ANON: 302, CODE: 302, **dict.fromkeys(allowed, 200)}


STAFF = (FAC, FAC_OTHER, EVAL, EVAL_OTHER, LIAISON, LIAISON_OTHER, FORUM, ADMIN)
#: Anyone, signed in or not.
EVERYONE = {DEFAULT: 200}
#: Any signed-in person; anonymous visitors go to the login page.
LOGGED_IN = {DEFAULT: 200, ANON: 302, CODE: 302}
#: Views that only take POST answer every GET with 405, whoever asks.
POST_ONLY = {DEFAULT: 405}
#: Nothing there for anyone (an object without the file or version the URL serves).
NO_FILE = {DEFAULT: 404}
#: An MFA page about an authenticator the person has not set up.
MFA_MISSING = {DEFAULT: 404, ANON: 302, CODE: 302}
#: Account pages for visitors only: a signed-in person is sent on.
VISITORS_ONLY = {DEFAULT: 302, ANON: 200, CODE: 200}


#: URL name -> expected status per role (GET).
EXPECTED: dict[str, dict[str, int]] = {
    "staff:dashboard": only(*STAFF),
    # Administración runs the site: pages, accounts and roles.
    "staff:accounts_index": only(ADMIN),
    "staff:accounts_manage": only(ADMIN),
    # Personal API tokens: each institution liaison (with an institution) for themselves.
    "staff:accounts_api_tokens": only(LIAISON, LIAISON_OTHER),
    "staff:accounts_api_token_revoke": POST_ONLY,
    "staff:content_pages": only(ADMIN),
    "staff:content_page_create": only(ADMIN),
    "staff:content_page_edit": only(ADMIN),
    # Documents: Administración and the Grupo Núcleo (minutes, plan documents).
    "staff:content_documents": only(ADMIN, FORUM),
    "staff:content_document_create": only(ADMIN, FORUM),
    "staff:content_document_edit": only(ADMIN, FORUM),
    # «Publicar informe» (POST on the same page) renders a PDF into the repository.
    "staff:opendata_reports": only(FORUM),
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
    "staff:proposals_reports": only(FORUM),
    "staff:proposals_report_review": only(FORUM),
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
    # on the section (the Grupo Núcleo, the member with nothing assigned) get a 404 for it.
    "staff:evaluation_index": only(FORUM, EVAL, EVAL_OTHER),
    "staff:evaluation_commission": only(FORUM),
    "staff:evaluation_commission_create": {**only(FORUM), FORUM: 405},  # POST only
    "staff:evaluation_round": only(FORUM),
    "staff:evaluation_round_edit": only(FORUM),
    "staff:evaluation_group": only(FORUM),
    "staff:evaluation_reassign": only(FORUM),
    "staff:evaluation_decide": only(FORUM),
    "staff:evaluation_score": {**only(EVAL), FORUM: 404, EVAL_OTHER: 404},
    # An attachment of another proposal (and this round does not allow attachments): 404.
    "staff:evaluation_attachment": {**only(), EVAL: 404, EVAL_OTHER: 404, FORUM: 404},
    # Commitments: the Grupo Núcleo runs sheets, lifecycle, verification and IRM data; a
    # liaison reports only on commitments where their organisation is lead or support (liaison
    # A's institution leads this one; liaison B sees their own, empty, list and a 403 here).
    "staff:commitments_index": only(FORUM, LIAISON, LIAISON_OTHER),
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


#: The public site, the machine addresses, the API and the account pages.
PUBLIC: dict[str, dict[str, int]] = {
    "content:home": EVERYONE,
    "content:page_index": EVERYONE,
    "content:page": EVERYONE,
    "content:documents": EVERYONE,
    "content:document": EVERYONE,
    "content:document_file": NO_FILE,  # a link document has no file
    "plans:list": EVERYONE,
    "plans:detail": EVERYONE,
    # The version in force is the plan itself: its number sends everyone to the plan.
    "plans:version": {DEFAULT: 302},
    "forum:forum": EVERYONE,
    "forum:minutes": NO_FILE,
    "forum:actors": EVERYONE,
    "mesas:list": EVERYONE,
    "mesas:calendar": EVERYONE,
    "mesas:detail": EVERYONE,
    "mesas:register": EVERYONE,  # the registration form (GET) and the registration (POST)
    "mesas:registered": {DEFAULT: 302, CODE: 200},
    "mesas:mesa_ics": EVERYONE,
    "mesas:minutes_file": NO_FILE,
    "mesas:registration_cancel": EVERYONE,
    "mesas:plan_ics": EVERYONE,
    "mesas:participation": EVERYONE,
    "proposals:list": EVERYONE,
    "proposals:new": EVERYONE,
    "proposals:sent": {DEFAULT: 302, CODE: 200},
    "proposals:similar": EVERYONE,
    "proposals:status": EVERYONE,
    "proposals:recover": EVERYONE,
    "proposals:mine": LOGGED_IN,
    "proposals:detail": EVERYONE,
    "proposals:join": EVERYONE,
    "proposals:report": EVERYONE,
    # A confirmation link that is not signed by the site: refused, for everyone alike.
    "proposals:join_confirm": {DEFAULT: 400},
    "accounts:profile": LOGGED_IN,
    "evaluation:plan": EVERYONE,
    "evaluation:plan_csv": EVERYONE,
    "commitments:dashboard": EVERYONE,
    "commitments:list": EVERYONE,
    "commitments:detail": EVERYONE,
    "commitments:version": NO_FILE,  # never re-programmed: no version 1 to read
    "commitments:comment": POST_ONLY,
    # Evidence not yet verified: only who verifies (Grupo Núcleo) or reports (liaison A).
    "commitments:evidence_file": {DEFAULT: 404, FORUM: 200, LIAISON: 200},
    "public_history": EVERYONE,
    # Machines: open data, feeds, calendars, robots and sitemaps.
    "opendata:catalogue": EVERYONE,
    "opendata:package": EVERYONE,
    "opendata:descriptor": EVERYONE,
    "opendata:verify": EVERYONE,
    # Printable reports: the print page and its PDF (rendered on the fly, limited per address).
    "opendata:reports": EVERYONE,
    "opendata:report": EVERYONE,
    "opendata:report_pdf": EVERYONE,
    "opendata:feed_proposals": EVERYONE,
    "opendata:feed_decisions": EVERYONE,
    "opendata:feed_commitments": EVERYONE,
    "opendata:calendar_stages": EVERYONE,
    "opendata:download": EVERYONE,
    "machines:robots": EVERYONE,
    "machines:sitemap": EVERYONE,
    "machines:sitemap_section": EVERYONE,
    "set_language": {DEFAULT: 302},  # a GET just goes back
    "switch_language": {DEFAULT: 302},  # the language link: sets the cookie, goes to the page
    "switch_home": {DEFAULT: 302},
    "javascript-catalog": EVERYONE,
    "health": EVERYONE,
    # The API: public and read-only, the same answer for everyone.
    "api:openapi-json": EVERYONE,
    "api:openapi-view": EVERYONE,
    "api:api-root": NO_FILE,  # nothing at the bare prefix: /api/v1/docs documents it
    "api:plan_list": EVERYONE,
    "api:plan_detail": EVERYONE,
    "api:organization_list": EVERYONE,
    "api:organization_detail": EVERYONE,
    "api:proposal_list": EVERYONE,
    "api:proposal_detail": EVERYONE,
    "api:commitment_list": EVERYONE,
    "api:commitment_detail": EVERYONE,
    "api:mesa_list": EVERYONE,
    "api:mesa_detail": EVERYONE,
    # Liaison writes take a personal token in the Authorization header, never the session:
    # a GET is not allowed for anyone.
    "api:report_create": POST_ONLY,
    "api:measurement_create": POST_ONLY,
    # Accounts (allauth).
    "account_login": VISITORS_ONLY,
    "account_logout": LOGGED_IN,
    "account_inactive": EVERYONE,
    "account_signup": VISITORS_ONLY,
    "account_reauthenticate": LOGGED_IN,
    "account_email": LOGGED_IN,
    "account_email_verification_sent": EVERYONE,
    "account_change_password": LOGGED_IN,
    "account_set_password": {DEFAULT: 302},  # everyone here has a password already
    "account_reset_password": EVERYONE,
    "account_confirm_login_code": {DEFAULT: 302},  # no login code pending
    "account_confirm_email": EVERYONE,
    "account_reset_password_from_key_done": EVERYONE,
    "account_reset_password_from_key": EVERYONE,
    "account_reset_password_done": EVERYONE,
    "mfa_index": LOGGED_IN,
    "mfa_authenticate": {DEFAULT: 302},  # no login half-done
    "mfa_reauthenticate": {DEFAULT: 302},
    "mfa_activate_totp": {DEFAULT: 302},  # asks to re-authenticate first
    # Nobody here has an authenticator yet.
    "mfa_deactivate_totp": MFA_MISSING,
    "mfa_view_recovery_codes": MFA_MISSING,
    "mfa_generate_recovery_codes": {DEFAULT: 302},
    "mfa_download_recovery_codes": MFA_MISSING,
}
EXPECTED.update(PUBLIC)

#: The Django admin is read-only and for Administración alone (others use /gestion/): every
#: admin URL matches one of these name patterns; the index and each model's list are opened.
ADMIN_ONLY = {DEFAULT: 302, ADMIN: 200}
ADMIN_CLOSED = {DEFAULT: 302, ADMIN: 403}
ADMIN_RULES: list[tuple[str, dict[str, int]]] = [
    (r"admin:index", ADMIN_ONLY),
    (r"admin:login", {DEFAULT: 200, ADMIN: 302}),
    (r"admin:logout", {DEFAULT: 302, ADMIN: 405}),  # POST only
    # Accounts' addresses, authenticators, login attempts and the task queue: closed to all.
    (
        r"admin:(account_emailaddress|mfa_authenticator|axes_\w+|django_tasks_database_\w+)"
        r"_changelist",
        ADMIN_CLOSED,
    ),
    (r"admin:\w+_changelist", ADMIN_ONLY),
    (r"admin:\w+_add", ADMIN_CLOSED),  # read-only: nothing is added here
    (r"admin:autocomplete", ADMIN_CLOSED),
    (r"admin:(password_change|password_change_done|jsi18n)", ADMIN_ONLY),
    (r"admin:(app_list|view_on_site|\w+_(change|delete|history))", ADMIN_ONLY),
]


def discovered_urls() -> list[tuple[str, list[str]]]:
    """(name, its URL arguments) of every named pattern in the URL conf, namespaces joined."""
    found = []

    def walk(patterns, namespace):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                inner = pattern.namespace
                joined = f"{namespace}:{inner}" if namespace and inner else inner or namespace
                walk(pattern.url_patterns, joined)
            elif isinstance(pattern, URLPattern) and pattern.name:
                name = f"{namespace}:{pattern.name}" if namespace else pattern.name
                arguments = list(pattern.pattern.converters) or list(
                    pattern.pattern.regex.groupindex
                )
                found.append((name, arguments))

    walk(get_resolver().url_patterns, None)
    return found


def admin_row(name: str) -> dict[str, int] | None:
    for rule, row in ADMIN_RULES:
        if re.fullmatch(rule, name):
            return row
    return None


def _png() -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", (4, 4)).save(buffer, format="PNG")
    return SimpleUploadedFile("foto.png", buffer.getvalue(), content_type="image/png")


def _proposal(plan, actor, title, **extra):
    fields = {
        "problem": "Las compras municipales se publican en archivos escaneados sin datos.",
        "solution": "Publicar cada compra en formato abierto con un estándar común.",
        "beneficiaries": "Veedurías ciudadanas.",
        "province": "pichincha",
        "proposer_type": "ciudadania",
        "contact_name": "Ana Quispe",
        "contact_email": "ana@example.org",
        **extra,
    }
    return proposal_services.proposal_submit(actor=actor, plan=plan, title=title, **fields)[0]


def _mesa(plan, title, facilitator):
    return mesa_services.mesa_create(
        actor=None,
        plan=plan,
        title=title,
        kind="territorial",
        city="Riobamba",
        province="chimborazo",
        starts_at=timezone.now() + datetime.timedelta(days=3),
        ends_at=timezone.now() + datetime.timedelta(days=3, hours=2),
        capacity=10,
        facilitators=[facilitator],
    )


def build_world():
    users = {
        CITIZEN: make_user("c@example.org", Role.CITIZEN),
        CITIZEN_B: make_user("c2@example.org", Role.CITIZEN),
        FAC: make_user("f1@example.org", Role.FACILITATOR),
        FAC_OTHER: make_user("f2@example.org", Role.FACILITATOR),
        EVAL: make_user("e@example.org", Role.EVALUATOR),
        EVAL_OTHER: make_user("e2@example.org", Role.EVALUATOR),
        LIAISON: make_user("l@example.org", Role.LIAISON),
        LIAISON_OTHER: make_user("l2@example.org", Role.LIAISON),
        FORUM: make_user("g@example.org", Role.FORUM_MEMBER),
        ADMIN: make_user("a@example.org", Role.ADMIN),
    }
    plan = proposals_demo._example_plan(timezone.localdate())
    plan.facilitators.add(users[FAC])
    proposal = _proposal(
        plan,
        None,
        "Datos abiertos de compras municipales",
        attachments=[check_upload(_png(), kinds={"png"}, max_bytes=10**6)],
    )
    own = _proposal(
        plan, users[CITIZEN], "Propuesta privada de la ciudadana A", contact_email="c@example.org"
    )
    org = Organization.objects.create(name="Fundación Ejemplo", sector="sociedad-civil")
    other_org = Organization.objects.create(name="Fundación Otra", sector="sociedad-civil")
    mesa = _mesa(plan, "Mesa de la matriz", users[FAC])
    mesa_b = _mesa(plan, "Mesa de la otra facilitadora", users[FAC_OTHER])
    registration = mesa_services.registration_create(
        actor=None, mesa=mesa, name="Rosa Inscrita", email="rosa@example.org"
    )
    meeting = ForumMeeting.objects.create(date=timezone.localdate(), title="Reunión")
    objects = {
        "plan": plan,
        "axis": plan.axes.first(),
        "proposal": proposal,
        "own_proposal": own,
        "attachment": proposal.attachments.get(),
        "organization": org,
        "topic": InterestTopic.objects.create(name="Datos", slug="datos"),
        "membership": ForumMembership.objects.create(
            organization=org, start_date=timezone.localdate()
        ),
        "meeting": meeting,
        "page": Page.objects.create(slug="que-es", title="Qué es", body="Texto"),
        "document": Document.objects.create(
            doc_type="otro", title="Doc", date=timezone.localdate(), external_url="https://x.org"
        ),
        "account": users[CITIZEN],
        "mesa": mesa,
        "mesa_b": mesa_b,
        "registration": registration,
        "attendance": mesa_services.attendance_check_in(actor=None, mesa=mesa),
    }
    objects.update(_evaluation_world(plan, users))
    objects.update(_commitment_objects(users, org, other_org, plan))
    return users, objects


def _evaluation_world(plan, users) -> dict:
    """A commission with the evaluator as member, an open round, one assignment to them."""
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
    # On the commission too, but with nothing assigned to them.
    evaluation_services.commission_member_add(
        actor=forum, commission=commission, user=users[EVAL_OTHER], kind=MemberKind.EXPERT
    )
    assignment = Assignment.objects.select_related("entry").get(entry__round=evaluation_round)
    candidate = evaluation_services.candidate_save(
        actor=forum, evaluation_round=evaluation_round, name="Grupo", entries=[assignment.entry]
    )
    return {"evaluation_round": evaluation_round, "assignment": assignment, "candidate": candidate}


def _commitment_objects(users, org, other_org, plan) -> dict:
    """A commitment in progress led by ``org`` (liaison A's); liaison B's is ``other_org``."""
    from abierto.commitments import services as commitment_services
    from abierto.commitments.models import ConsultationComment

    liaison = users[LIAISON]
    liaison.organization = org
    liaison.save(update_fields=["organization"])
    users[LIAISON_OTHER].organization = other_org
    users[LIAISON_OTHER].save(update_fields=["organization"])
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
        actor=liaison, milestone=milestone, description="x", upload=_png()
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
    "staff:proposals_report_review": lambda o: {"pk": o["proposal"].pk},
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


ARGUMENTS.update(
    {
        "plans:detail": lambda o: {"slug": o["plan"].slug},
        "switch_language": lambda o: {"language": "en", "page": "planes/"},
        "switch_home": lambda o: {"language": "en"},
        "plans:version": lambda o: {"slug": o["plan"].slug, "number": 1},
        "forum:minutes": lambda o: {"pk": o["meeting"].pk},
        "content:page": lambda o: {"slug": o["page"].slug},
        "content:document": lambda o: {"pk": o["document"].pk},
        "content:document_file": lambda o: {"pk": o["document"].pk},
        "mesas:detail": lambda o: {"pk": o["mesa"].pk},
        "mesas:register": lambda o: {"pk": o["mesa"].pk},
        "mesas:registered": lambda o: {"pk": o["mesa"].pk},
        "mesas:mesa_ics": lambda o: {"pk": o["mesa"].pk},
        "mesas:minutes_file": lambda o: {"pk": o["mesa"].pk},
        "mesas:registration_cancel": lambda o: {
            "token": mesa_services.cancel_token(o["registration"])
        },
        "mesas:plan_ics": lambda o: {"slug": o["plan"].slug},
        "mesas:participation": lambda o: {"slug": o["plan"].slug},
        "proposals:detail": lambda o: {"pk": o["proposal"].pk},
        "proposals:join": lambda o: {"pk": o["proposal"].pk},
        "proposals:report": lambda o: {"pk": o["proposal"].pk},
        "proposals:join_confirm": lambda o: {"token": "no-firmado"},
        "evaluation:plan": lambda o: {"slug": o["plan"].slug},
        "evaluation:plan_csv": lambda o: {"slug": o["plan"].slug},
        "commitments:detail": lambda o: {"code": o["commitment"].code},
        "commitments:version": lambda o: {"code": o["commitment"].code, "number": 1},
        "commitments:comment": lambda o: {"code": o["commitment"].code},
        "commitments:evidence_file": lambda o: {"pk": o["evidence"].pk},
        "public_history": lambda o: {
            "app_label": "proposals",
            "model": "proposal",
            "object_id": o["proposal"].pk,
        },
        "opendata:download": lambda o: {"slug": "propuestas", "fmt": "csv"},
        "opendata:report": lambda o: {"slug": o["plan"].slug, "kind": "plan-de-accion"},
        "opendata:report_pdf": lambda o: {"slug": o["plan"].slug, "kind": "plan-de-accion"},
        "machines:sitemap_section": lambda o: {"section": "propuestas"},
        "api:plan_detail": lambda o: {"ident": o["plan"].slug},
        "api:organization_detail": lambda o: {"organization_id": o["organization"].pk},
        "api:proposal_detail": lambda o: {"proposal_id": o["proposal"].pk},
        "api:commitment_detail": lambda o: {"ident": o["commitment"].code},
        "api:mesa_detail": lambda o: {"mesa_id": o["mesa"].pk},
        "api:report_create": lambda o: {"ident": o["commitment"].code},
        "api:measurement_create": lambda o: {"indicator_id": o["indicator"].pk},
        "account_confirm_email": lambda o: {"key": "clave-falsa"},
        "account_reset_password_from_key": lambda o: {"uidb36": "1", "key": "clave-falsa"},
    }
)


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker, tmp_path_factory):
    """One world for the whole module (built in a transaction, rolled back at the end)."""
    media = tmp_path_factory.mktemp("media")
    with rolled_back(django_db_blocker), override_settings(MEDIA_ROOT=media):
        yield build_world()


def sign_in(client, users, objects, role: str) -> None:
    """``client`` as ``role``: signed in, or an anonymous browser holding codes (the sent
    proposal's cookie, a mesa registration in its session)."""
    if role in users:
        client.force_login(users[role])
    elif role == CODE:
        from abierto.mesas.views import SESSION_REGISTERED
        from abierto.proposals.views import remember_sent

        client.cookies.update(remember_sent(objects["own_proposal"]).cookies)
        session = client.session
        session[SESSION_REGISTERED] = objects["registration"].pk
        session.save()


def opened_urls() -> list[str]:
    """The names requested: every discovered URL but admin ones needing an object."""
    names = []
    for name, arguments in discovered_urls():
        if name.startswith("admin:") and (arguments or name == "admin:app_list"):
            continue  # the admin site's own check (has_permission) is seen on its lists
        names.append(name)
    return names


def test_every_url_has_an_expected_answer_per_role():
    found = discovered_urls()
    names = {name for name, _args in found}
    assert {"staff:dashboard", "proposals:mine", "api:proposal_list", "machines:robots"} <= names
    missing = sorted(
        n for n in names - set(EXPECTED) if not (n.startswith("admin:") and admin_row(n))
    )
    assert not missing, f"URLs without an entry in EXPECTED: {missing}"
    needing = {name for name in opened_urls() for n, args in found if n == name and args}
    assert not sorted(needing - set(ARGUMENTS)), "URLs without ARGUMENTS"
    stale = sorted(set(EXPECTED) - names)
    assert not stale, f"Entries for URLs that no longer exist: {stale}"


def test_every_api_operation_in_the_schema_is_in_the_matrix(client, db):
    """The API's own schema lists the same endpoints as the URL conf (nothing hidden)."""
    schema = client.get(reverse("api:openapi-json")).json()
    names = {name for name, _a in discovered_urls() if name.startswith("api:")}
    for path in schema["paths"]:
        match = get_resolver().resolve(re.sub(r"\{[^}]+\}", "1", path))
        full = ":".join([*match.namespaces, match.url_name])
        assert full in names and full in EXPECTED, path


def request_as(client, users, objects, role: str, name: str):
    kwargs = ARGUMENTS[name](objects) if name in ARGUMENTS else {}
    if role == CODE:
        sign_in(client, users, objects, role)  # the code is shown once: hold it again
    return client.get(reverse(name, kwargs=kwargs))


def row_for(name: str) -> dict[str, int]:
    return EXPECTED.get(name) or admin_row(name) or {}


@pytest.mark.parametrize("role", ROLES)
def test_each_role_gets_the_expected_answer_on_every_url(client, db, world, role):
    users, objects = world
    sign_in(client, users, objects, role)
    wrong = []
    for name in opened_urls():
        row = row_for(name)
        want = row.get(role, row.get(DEFAULT))
        status = request_as(client, users, objects, role, name).status_code
        if status != want:
            wrong.append(f"{name}: {status} (expected {want})")
    assert not wrong, f"{role}:\n" + "\n".join(wrong)


# --- Object level: what the answer holds, not only its status --------------------------------


def test_only_citizen_a_sees_their_proposals_and_codes(client, db, world):
    users, objects = world
    own = objects["own_proposal"]
    for role, sees in [(CITIZEN, True), (CITIZEN_B, False), (FORUM, False)]:
        client.force_login(users[role])
        page = client.get(reverse("proposals:mine")).content.decode()
        assert (own.title in page) is sees, role
        assert (own.display_code in page) is sees, role  # to the owner only
        assert client.get(reverse("proposals:sent")).status_code == 302, role
    client.logout()
    sign_in(client, users, objects, CODE)
    page = client.get(reverse("proposals:sent")).content.decode()
    assert all(group in page for group in own.display_code.split("-"))  # shown in groups
    # Shown once: the same browser does not find it again.
    assert client.get(reverse("proposals:sent")).status_code == 302


def test_withdrawal_needs_the_code_not_a_session(client, db, world):
    users, objects = world
    own = objects["own_proposal"]
    status_url = reverse("proposals:status")
    withdraw = {"accion": "retirar", "confirmar": "si"}
    client.force_login(users[CITIZEN_B])
    wrong = client.post(status_url, {"code": "ZZZZ-ZZZZ-ZZZZ", **withdraw})
    assert wrong.status_code == 200 and own.title not in wrong.content.decode()
    own.refresh_from_db()
    assert own.status != "retirada"
    client.logout()
    sign_in(client, users, objects, CODE)  # a code in session is not the code typed in
    client.post(status_url, withdraw)
    own.refresh_from_db()
    assert own.status != "retirada"
    done = client.post(status_url, {"code": own.display_code, **withdraw})
    assert "Su propuesta fue retirada." in done.content.decode()
    own.refresh_from_db()
    assert own.status == "retirada"


def test_registration_page_only_for_the_browser_that_registered(client, db, world):
    users, objects = world
    url = reverse("mesas:registered", kwargs={"pk": objects["mesa"].pk})
    client.force_login(users[FAC])
    assert client.get(url).status_code == 302
    client.logout()
    sign_in(client, users, objects, CODE)
    assert objects["registration"].display_code in client.get(url).content.decode()
    other = reverse("mesas:registered", kwargs={"pk": objects["mesa_b"].pk})
    assert client.get(other).status_code == 302  # the registration is for mesa A only


@pytest.mark.parametrize(
    ("role", "mesa", "status"),
    [
        (FAC, "mesa", 200),
        (FAC, "mesa_b", 403),
        (FAC_OTHER, "mesa_b", 200),
        (FAC_OTHER, "mesa", 403),
    ],
)
def test_a_facilitator_manages_only_their_own_mesa(client, db, world, role, mesa, status):
    users, objects = world
    client.force_login(users[role])
    for name in ("manage", "checkin", "registrations_csv", "minutes"):
        url = reverse(f"staff:mesas_{name}", kwargs={"pk": objects[mesa].pk})
        assert client.get(url).status_code == status, url
