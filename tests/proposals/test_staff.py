import pytest
from django.urls import reverse
from django.utils.formats import date_format

from abierto.core.models import ActionLog
from abierto.core.roles import Role
from abierto.proposals import services
from abierto.proposals.models import Proposal, Status

from ..helpers import make_user
from .conftest import PERSONAL, form_data

pytestmark = pytest.mark.django_db
QUEUE = "/gestion/propuestas/"


@pytest.fixture
def facilitator(plan):
    """A facilitator assigned to the plan (facilitators reach only their plans)."""
    user = make_user("facilitacion@example.org", Role.FACILITATOR)
    plan.facilitators.add(user)
    return user


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
    page = client.get(QUEUE, {"estado": Status.IN_REVIEW}).content.decode()
    assert proposal.title not in page
    # An old link with the code in its address opens the proposal, and the code goes no
    # further (not echoed in the queue, its links or the language switch).
    response = client.get(QUEUE, {"codigo": proposal.display_code.lower()})
    assert response.status_code == 302 and response["Location"] == f"{QUEUE}{proposal.pk}/"
    page = client.get(response["Location"]).content.decode()
    assert proposal.title in page and proposal.tracking_code not in page


def test_staff_find_a_proposal_by_the_code_a_citizen_reads_out_without_seeing_it(
    client, facilitator, proposal
):
    client.force_login(facilitator)
    typed = proposal.display_code.lower().replace("-", " ")
    response = client.post(QUEUE, {"accion": "codigo", "codigo": typed}, follow=True)
    page = response.content.decode()
    assert response.redirect_chain[-1][0] == f"{QUEUE}{proposal.pk}/"
    assert proposal.title in page
    assert proposal.display_code not in page and proposal.tracking_code not in page
    response = client.post(QUEUE, {"accion": "codigo", "codigo": "AAAA-BBBB"}, follow=True)
    assert "Ninguna propuesta tiene ese código" in response.content.decode()


@pytest.mark.parametrize("role", [Role.FACILITATOR, Role.FORUM_MEMBER, Role.ADMIN])
def test_no_staff_role_sees_the_tracking_code(client, proposal, role):
    client.force_login(make_user(f"{role.value}@example.org", role))
    for url in (QUEUE, f"{QUEUE}{proposal.pk}/"):
        page = client.get(url).content.decode()
        assert proposal.display_code not in page and proposal.tracking_code not in page


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
    client.force_login(forum_member)
    url = reverse("staff:proposals_manage", args=[proposal.pk])
    response = client.post(
        url, {"accion": "decidir", "to_status": Status.NOT_SELECTED, "response_text": ""}
    )
    assert response.status_code == 400
    assert "Escriba la respuesta razonada" in response.content.decode()
    proposal.refresh_from_db()
    assert proposal.status == Status.RECEIVED


RESPONSE = "No seleccionada: fuera del alcance del plan de acción."
REASON = "La comisión recibió información nueva del ministerio."


def decide(client, proposal, **data):
    url = reverse("staff:proposals_manage", args=[proposal.pk])
    return client.post(url, {"accion": "decidir", **data})


def test_forum_member_decides_a_received_proposal_in_one_save(client, forum_member, proposal):
    client.force_login(forum_member)
    response = decide(client, proposal, to_status=Status.NOT_SELECTED, response_text=RESPONSE)
    assert response.status_code == 302
    proposal.refresh_from_db()
    assert proposal.status == Status.NOT_SELECTED and proposal.response_text == RESPONSE
    public = client.get(f"/propuestas/{proposal.pk}/").content.decode()
    for line in ("Estado: En revisión.", "Estado: En evaluación.", "Decisión: No seleccionada."):
        assert line in public
    assert RESPONSE in public


def test_decision_form_preselects_nothing_and_saving_it_untouched_moves_nothing(
    client, forum_member, proposal
):
    client.force_login(forum_member)
    page = client.get(reverse("staff:proposals_manage", args=[proposal.pk])).content.decode()
    select = page.split('name="to_status"')[1].split("</select>")[0]
    assert select.count("selected") == 1 and 'value="" selected>' in select
    response = decide(client, proposal, to_status="", response_text="")
    assert response.status_code == 400 and "Elija el nuevo estado" in response.content.decode()
    proposal.refresh_from_db()
    assert proposal.status == Status.RECEIVED


def test_a_typed_response_with_a_non_final_state_is_kept_and_explained(
    client, forum_member, proposal
):
    client.force_login(forum_member)
    response = decide(client, proposal, to_status=Status.IN_REVIEW, response_text=RESPONSE)
    page = response.content.decode()
    assert response.status_code == 400
    assert "no es una decisión final" in page
    assert RESPONSE in page  # what was typed is still in the textarea
    proposal.refresh_from_db()
    assert proposal.status == Status.RECEIVED


def test_moving_forward_without_a_response_still_works(client, forum_member, proposal):
    client.force_login(forum_member)
    assert decide(client, proposal, to_status=Status.IN_REVIEW).status_code == 302
    proposal.refresh_from_db()
    assert proposal.status == Status.IN_REVIEW


def test_administration_does_not_decide(client, proposal):
    admin = make_user("admin@example.org", Role.ADMIN)
    client.force_login(admin)
    page = client.get(reverse("staff:proposals_manage", args=[proposal.pk])).content.decode()
    assert "Guardar la decisión" not in page
    response = decide(client, proposal, to_status=Status.NOT_SELECTED, response_text=RESPONSE)
    assert response.status_code == 403
    proposal.refresh_from_db()
    assert proposal.status == Status.RECEIVED


def test_correction_and_reopening_are_offered_only_on_final_states(client, forum_member, proposal):
    client.force_login(forum_member)
    url = reverse("staff:proposals_manage", args=[proposal.pk])
    page = client.get(url).content.decode()
    assert "Corregir la decisión" not in page and "Reabrir la propuesta" not in page
    services.proposal_decide(
        actor=forum_member,
        proposal=proposal,
        to_status=Status.NOT_SELECTED,
        response_text=RESPONSE,
    )
    page = client.get(url).content.decode()
    assert "Corregir la decisión" in page and "Reabrir la propuesta" in page
    assert "Guardar la decisión" not in page


def test_forum_member_corrects_a_decision_with_a_public_reason(client, forum_member, proposal):
    services.proposal_decide(
        actor=forum_member, proposal=proposal, to_status=Status.NOT_SELECTED, response_text=RESPONSE
    )
    client.force_login(forum_member)
    url = reverse("staff:proposals_manage", args=[proposal.pk])
    new_response = "Seleccionada: la información nueva muestra que es factible."
    response = client.post(
        url,
        {
            "accion": "corregir",
            "to_status": Status.SELECTED,
            "response_text": new_response,
            "reason": "corto",
        },
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "al menos 20 caracteres" in page and new_response in page
    response = client.post(
        url,
        {
            "accion": "corregir",
            "to_status": Status.SELECTED,
            "response_text": new_response,
            "reason": REASON,
        },
    )
    assert response.status_code == 302
    public = client.get(f"/propuestas/{proposal.pk}/").content.decode()
    assert f"Decisión corregida: Seleccionada. Motivo: {REASON}" in public
    assert new_response in public


def test_forum_member_reopens_a_decision_but_not_a_withdrawn_proposal(
    client, forum_member, proposal, plan
):
    services.proposal_decide(
        actor=forum_member, proposal=proposal, to_status=Status.SELECTED, response_text=RESPONSE
    )
    client.force_login(forum_member)
    url = reverse("staff:proposals_manage", args=[proposal.pk])
    assert client.post(url, {"accion": "reabrir", "reason": REASON}).status_code == 302
    proposal.refresh_from_db()
    assert proposal.status == Status.IN_EVALUATION
    withdrawn = services.proposal_withdraw(proposal=proposal)
    url = reverse("staff:proposals_manage", args=[withdrawn.pk])
    page = client.get(url).content.decode()
    assert "Reabrir la propuesta" not in page and "Guardar la decisión" not in page
    response = client.post(url, {"accion": "reabrir", "reason": REASON})
    assert response.status_code == 400 and "retiró esta propuesta" in response.content.decode()


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


def staff_form(plan, **overrides):
    data = form_data(plan, channel="papel", **overrides)
    for name in ("started", "sitio_web", "paso"):
        data.pop(name)
    return data


ENTER = "/gestion/propuestas/nueva/"


def test_facilitator_enters_a_paper_proposal_without_email(client, facilitator, plan):
    client.force_login(facilitator)
    response = client.post(f"{ENTER}?plan={plan.pk}", staff_form(plan, contact_email=""))
    assert response.status_code == 302
    proposal = Proposal.objects.get()
    assert response["Location"] == f"{QUEUE}{proposal.pk}/comprobante/"
    assert proposal.display_code not in response["Location"]
    assert proposal.channel == "papel" and proposal.entered_by == facilitator
    assert proposal.submitted_by is None
    log = ActionLog.objects.get(object_id=str(proposal.pk), content_type__model="proposal")
    assert log.actor_role == "facilitacion" and log.data == {"channel": "papel"}
    detail = client.get(f"/propuestas/{proposal.pk}/").content.decode()
    assert "Formulario en papel" in detail


def test_paper_receipt_shows_the_code_exactly_once(client, facilitator, plan):
    client.force_login(facilitator)
    response = client.post(f"{ENTER}?plan={plan.pk}", staff_form(plan, contact_email=""))
    proposal = Proposal.objects.get()
    receipt = client.get(response["Location"])
    page = receipt.content.decode()
    assert receipt["Cache-Control"].startswith("no-store")
    assert "-".join(f"<span>{g}</span>" for g in proposal.display_code.split("-")) in page
    assert "El equipo no podrá volver a ver este código" in page
    assert "no dejó correo" in page
    again = client.get(response["Location"]).content.decode()
    assert proposal.tracking_code[:4] not in again.replace(proposal.title, "")
    assert "ya se mostró una vez" in again
    manage = client.get(f"{QUEUE}{proposal.pk}/").content.decode()
    assert proposal.tracking_code[:4] + "</span>" not in manage
    assert proposal.display_code not in manage


def test_a_double_click_on_paper_entry_still_shows_the_receipt_once(client, facilitator, plan):
    client.force_login(facilitator)
    data = staff_form(plan, contact_email="")
    first = client.post(f"{ENTER}?plan={plan.pk}", data)  # its answer never reaches the page
    second = client.post(f"{ENTER}?plan={plan.pk}", data)
    proposal = Proposal.objects.get()
    assert second["Location"] == first["Location"]
    page = client.get(second["Location"]).content.decode()
    assert "-".join(f"<span>{g}</span>" for g in proposal.display_code.split("-")) in page
    third = client.post(f"{ENTER}?plan={plan.pk}", data)  # once shown, never again
    assert third["Location"] == f"{QUEUE}{proposal.pk}/"


@pytest.mark.django_db(transaction=True)
def test_paper_entry_with_an_email_mails_the_code_to_the_proposer(
    client, facilitator, plan, worker
):
    client.force_login(facilitator)
    response = client.post(f"{ENTER}?plan={plan.pk}", staff_form(plan))
    proposal = Proposal.objects.get()
    page = client.get(response["Location"]).content.decode()
    assert "También se envió por correo" in page
    outbox = worker()
    assert [m.to for m in outbox] == [[PERSONAL["contact_email"]]]
    assert proposal.display_code in outbox[0].body


def test_staff_form_never_hands_the_first_code_to_a_second_person(client, facilitator, plan):
    client.force_login(facilitator)
    first_data = staff_form(plan, contact_email="")
    client.post(f"{ENTER}?plan={plan.pk}", first_data)
    first = Proposal.objects.get()
    second = {**first_data, "contact_name": "Otra Persona", "title": "Otra idea para el plan"}
    response = client.post(f"{ENTER}?plan={plan.pk}", second)
    page = response.content.decode()
    assert response.status_code == 409
    assert "ya se había enviado" in page
    assert first.display_code not in page and first.tracking_code not in page
    assert "Otra idea para el plan" in page  # what was typed is kept
    assert f'value="{first_data["token"]}"' not in page  # a fresh token for the next try
    assert Proposal.objects.count() == 1


def test_a_service_rule_lands_on_the_staff_form_and_keeps_what_was_typed(client, facilitator, plan):
    from abierto.plans.models import PlanStatus

    plan.status = PlanStatus.CLOSED
    plan.save(update_fields=["status"])
    client.force_login(facilitator)
    response = client.post(f"{ENTER}?plan={plan.pk}", staff_form(plan))
    page = response.content.decode()
    assert response.status_code == 400
    assert "no está en cocreación" in page
    assert "Datos abiertos de compras públicas municipales" in page
    assert Proposal.objects.count() == 0


def test_staff_intake_form_speaks_about_the_proposer(client, facilitator, plan):
    client.force_login(facilitator)
    page = client.get(f"{ENTER}?plan={plan.pk}").content.decode()
    assert "Nombre de quien propone" in page and "Propone como" in page
    assert "Su nombre" not in page and "Usted propone como" not in page
    for label in ("Correo electrónico (opcional)", "Teléfono (opcional)", "Género (opcional)"):
        assert label in page


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


def _set_status(proposal, status):
    """Put a proposal in ``status`` (test set-up only: the services walk the transitions)."""
    Proposal.objects.filter(pk=proposal.pk).update(status=status)


def test_queue_shows_what_waits_for_review_by_default_and_all_on_request(
    client, forum_member, plan
):
    from .test_views import _create_many

    _create_many(plan, 3)
    waiting, reviewing, decided = Proposal.objects.order_by("pk")
    _set_status(reviewing, Status.IN_REVIEW)
    _set_status(decided, Status.IN_EVALUATION)
    client.force_login(forum_member)
    page = client.get(QUEUE).content.decode()
    assert "2 propuestas esperan revisión" in page
    assert f'href="{QUEUE}{waiting.pk}/"' in page and f'href="{QUEUE}{reviewing.pk}/"' in page
    assert f'href="{QUEUE}{decided.pk}/"' not in page
    assert '<option value="por-revisar" selected>Por revisar<' in page
    assert "Ver todas, en cualquier estado" in page and "estado=todos" in page
    every = client.get(QUEUE, {"estado": "todos"}).content.decode()
    assert "3 propuestas" in every and f'href="{QUEUE}{decided.pk}/"' in every
    assert '<option value="todos" selected>Todos los estados' in every
    only = client.get(QUEUE, {"estado": Status.IN_EVALUATION}).content.decode()
    assert f'href="{QUEUE}{decided.pk}/"' in only and f'href="{QUEUE}{waiting.pk}/"' not in only


def test_queue_shows_age_and_response_deadline(client, forum_member, plan):
    import datetime

    from django.utils import timezone

    from .test_views import _create_many

    _create_many(plan, 2)
    old, new = Proposal.objects.order_by("pk")
    type(plan).objects.filter(pk=plan.pk).update(response_days=None)
    today = timezone.localdate()
    Proposal.objects.filter(pk=old.pk).update(
        created_at=timezone.now() - datetime.timedelta(days=40)
    )
    client.force_login(forum_member)

    def row(page, proposal):
        return page.split(f'href="{QUEUE}{proposal.pk}/"')[1].split("</tr>")[0]

    page = client.get(QUEUE).content.decode()
    assert "Días desde que llegó" in page and "Responder antes del" in page
    assert "<td>40</td>" in row(page, old) and "<td>0</td>" in row(page, new)
    assert "Vencido" not in page  # the plan sets no response period: no deadline
    type(plan).objects.filter(pk=plan.pk).update(response_days=30)
    page = client.get(QUEUE).content.decode()
    due_old = today - datetime.timedelta(days=10)
    due_new = today + datetime.timedelta(days=30)
    assert date_format(due_old, "DATE_FORMAT") in row(page, old) and "Vencido" in row(page, old)
    assert date_format(due_new, "DATE_FORMAT") in row(page, new)
    assert "Vencido" not in row(page, new)


def test_bulk_action_applies_to_every_row_of_the_page_without_javascript(
    client, forum_member, plan
):
    from .test_views import _create_many

    _create_many(plan, 3)
    ids = list(Proposal.objects.values_list("pk", flat=True))
    client.force_login(forum_member)
    page = client.get(QUEUE).content.decode()
    assert "Aplicar a las 3 propuestas de esta página" in page
    assert page.count('name="pagina_ids"') == 3
    response = client.post(
        QUEUE,
        {"todas": "on", "pagina_ids": ids, "to_status": Status.IN_REVIEW},
        follow=True,
    )
    assert "3 propuestas cambiaron de estado" in response.content.decode()
    assert set(Proposal.objects.values_list("status", flat=True)) == {Status.IN_REVIEW}
    # Nothing marked and the box left empty: a clear error, nothing moved.
    response = client.post(
        QUEUE, {"pagina_ids": ids, "to_status": Status.IN_EVALUATION}, follow=True
    )
    assert "Marque al menos una propuesta." in response.content.decode()
    assert set(Proposal.objects.values_list("status", flat=True)) == {Status.IN_REVIEW}
