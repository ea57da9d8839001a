import pytest
from django.urls import reverse

from abierto.core.models import ActionLog
from abierto.core.roles import Role
from abierto.proposals import services
from abierto.proposals.models import Proposal, Status

from ..helpers import make_user
from .conftest import PERSONAL, form_data

pytestmark = pytest.mark.django_db
QUEUE = "/gestion/propuestas/"


@pytest.fixture
def facilitator(db):
    return make_user("facilitacion@example.org", Role.FACILITATOR)


@pytest.fixture
def proposal(client, plan):
    assert client.post("/propuestas/nueva/", form_data(plan)).status_code == 302
    client.logout()
    return Proposal.objects.get()


def test_queue_is_for_intake_roles_only(client, citizen, facilitator, proposal):
    assert client.get(QUEUE).status_code == 302  # to the login page
    client.force_login(citizen)
    assert client.get(QUEUE).status_code == 403
    client.force_login(facilitator)
    response = client.get(QUEUE)
    assert response.status_code == 200 and proposal.title in response.content.decode()


def test_staff_section_is_listed_on_the_dashboard(client, forum_member):
    client.force_login(forum_member)
    assert "Propuestas ciudadanas" in client.get("/gestion/").content.decode()


def test_queue_filters(client, forum_member, proposal, plan):
    client.force_login(forum_member)
    page = client.get(QUEUE, {"status": Status.IN_REVIEW}).content.decode()
    assert proposal.title not in page
    page = client.get(QUEUE, {"codigo": proposal.display_code.lower()}).content.decode()
    assert proposal.title in page


def test_bulk_move_to_in_review(client, forum_member, facilitator, proposal):
    client.force_login(facilitator)
    assert (
        client.post(QUEUE, {"ids": [proposal.pk], "to_status": Status.IN_REVIEW}).status_code == 403
    )
    client.force_login(forum_member)
    response = client.post(QUEUE, {"ids": [proposal.pk], "to_status": Status.IN_REVIEW})
    assert response.status_code == 302
    proposal.refresh_from_db()
    assert proposal.status == Status.IN_REVIEW


def test_decision_without_reasoned_response_is_refused_in_the_back_office(
    client, forum_member, proposal
):
    for status in (Status.IN_REVIEW, Status.IN_EVALUATION):
        services.proposal_transition(actor=forum_member, proposal=proposal, to_status=status)
    client.force_login(forum_member)
    url = reverse("staff:proposals_manage", args=[proposal.pk])
    response = client.post(
        url, {"accion": "decidir", "to_status": Status.NOT_SELECTED, "response_text": ""}
    )
    assert response.status_code == 400
    assert "Escriba la respuesta razonada" in response.content.decode()
    proposal.refresh_from_db()
    assert proposal.status == Status.IN_EVALUATION
    response = client.post(
        url,
        {
            "accion": "decidir",
            "to_status": Status.NOT_SELECTED,
            "response_text": "No seleccionada: fuera del alcance del plan.",
        },
    )
    assert response.status_code == 302
    proposal.refresh_from_db()
    assert proposal.status == Status.NOT_SELECTED


def test_staff_sees_private_data_and_can_hide_and_show(client, forum_member, proposal):
    client.force_login(forum_member)
    url = reverse("staff:proposals_manage", args=[proposal.pk])
    page = client.get(url).content.decode()
    assert PERSONAL["contact_email"] in page
    client.post(url, {"accion": "ocultar", "reason": "Publicidad repetida"})
    proposal.refresh_from_db()
    assert proposal.is_hidden and proposal.hidden_reason == "Publicidad repetida"
    client.post(url, {"accion": "mostrar"})
    proposal.refresh_from_db()
    assert not proposal.is_hidden


def test_facilitator_enters_a_paper_proposal_without_email(client, facilitator, plan):
    client.force_login(facilitator)
    data = form_data(plan, channel="papel", contact_email="")
    for name in ("started", "sitio_web", "paso"):
        data.pop(name)
    response = client.post(f"/gestion/propuestas/nueva/?plan={plan.pk}", data)
    assert response.status_code == 302
    proposal = Proposal.objects.get()
    assert proposal.channel == "papel" and proposal.entered_by == facilitator
    assert proposal.submitted_by is None
    log = ActionLog.objects.get(object_id=str(proposal.pk))
    assert log.actor_role == "facilitacion" and "papel" in log.summary.lower()
    detail = client.get(f"/propuestas/{proposal.pk}/").content.decode()
    assert "Formulario en papel" in detail


def test_staff_can_enter_proposals_when_the_public_form_is_closed(client, facilitator, plan):
    plan.stages.update(receives_proposals=False)
    client.force_login(facilitator)
    assert "no está abierta" in client.get("/propuestas/nueva/").content.decode()
    assert client.get(f"/gestion/propuestas/nueva/?plan={plan.pk}").status_code == 200


def test_signed_in_citizen_sees_my_proposals(client, citizen, plan):
    client.force_login(citizen)
    assert f'value="{citizen.email}"' in client.get("/propuestas/nueva/").content.decode()
    assert client.post("/propuestas/nueva/", form_data(plan)).status_code == 302
    page = client.get("/propuestas/mias/")
    proposal = Proposal.objects.get()
    assert proposal.submitted_by == citizen
    assert proposal.title in page.content.decode()
    assert page["Referrer-Policy"] == "same-origin"
    other = make_user("otra@example.org", Role.CITIZEN)
    client.force_login(other)
    assert proposal.title not in client.get("/propuestas/mias/").content.decode()


def test_queue_pages_by_fifty(client, forum_member, plan):
    from .test_views import _create_many

    _create_many(plan, 55)
    client.force_login(forum_member)
    first = client.get(QUEUE).content.decode()
    assert "Página 1 de 2" in first and "pagina=2" in first
    second = client.get(QUEUE, {"pagina": 2}).content.decode()
    assert "Página 2 de 2" in second


def test_queue_and_manage_page_mark_examples_and_show_axis_theme_and_proposer(
    client, forum_member, proposal, plan
):
    from abierto.proposals import demo

    demo.load()
    example = Proposal.objects.filter(is_example=True, plan=plan).first()
    client.force_login(forum_member)
    queue = client.get(QUEUE).content.decode()
    row = queue.split(f'href="/gestion/propuestas/{example.pk}/"')[1].split("</tr>")[0]
    assert "Ejemplo" in row
    own = queue.split(f'href="/gestion/propuestas/{proposal.pk}/"')[1].split("</tr>")[0]
    assert "Ejemplo" not in own  # a real submission is not marked
    page = client.get(f"{QUEUE}{proposal.pk}/").content.decode()
    assert f"<dt>Eje</dt><dd>{proposal.axis.name}</dd>" in page
    assert "<dt>Tema</dt><dd>—</dd>" in page
    assert "<dt>Propone como</dt><dd>Ciudadanía</dd>" in page
