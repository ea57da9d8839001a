import pytest
from django.contrib.admin.sites import site as admin_site
from django.core import mail
from django.core.exceptions import ValidationError
from django.db.models import ProtectedError
from django.test import RequestFactory

from abierto.core.models import ActionLog
from abierto.proposals import services
from abierto.proposals.admin import ProposalAdmin
from abierto.proposals.models import DECISION_STATUSES, Proposal, Status

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


RESPONSE = "Respuesta razonada suficientemente larga para publicarla."


def move(proposal, forum_member, *statuses, response=RESPONSE):
    for status in statuses:
        if status in DECISION_STATUSES:
            proposal = services.proposal_decide(
                actor=forum_member, proposal=proposal, to_status=status, response_text=response
            )
        else:
            proposal = services.proposal_transition(
                actor=forum_member, proposal=proposal, to_status=status
            )
    return proposal


def history(proposal) -> list[str]:
    """The public history of ``proposal`` as a Spanish reader sees it."""
    from django.utils import translation

    from abierto.core.audit import history_line
    from abierto.core.selectors import public_history

    with translation.override("es"):
        return [history_line(row) for row in public_history(target=proposal).order_by("id")]


@pytest.mark.django_db(transaction=True)
def test_submit_gives_a_code_logs_publicly_without_personal_data_and_mails_the_code(plan, worker):
    proposal = submit(plan)
    assert len(proposal.tracking_code) == 16
    log = ActionLog.objects.get(object_id=str(proposal.pk), content_type__model="proposal")
    text = str(log.data) + str(log.changes)
    assert log.public and "Ana" not in text and "@" not in text
    outbox = worker()
    assert len(outbox) == 1
    assert outbox[0].to == [PERSONAL["contact_email"]]
    assert proposal.display_code in outbox[0].body


def test_same_idempotency_token_gives_back_the_first_proposal(plan):
    first = submit(plan)
    again, created = services.proposal_submit(
        actor=None,
        plan=plan,
        title="  Un portal de transparencia para todos ",
        problem=first.problem,
        solution=first.solution,
        beneficiaries=first.beneficiaries,
        province=first.province,
        proposer_type=first.proposer_type,
        axis=first.axis,
        **{**PERSONAL, "contact_email": PERSONAL["contact_email"].upper()},
        idempotency_token=first.idempotency_token,
    )
    assert not created and again.pk == first.pk
    assert Proposal.objects.count() == 1


def test_token_reused_with_other_content_is_refused_by_the_service_itself(plan):
    first = submit(plan)
    with pytest.raises(ValidationError) as caught:
        services.proposal_submit(
            actor=None,
            plan=plan,
            title="Otra propuesta con el mismo formulario",
            problem="x" * 40,
            solution="y" * 40,
            beneficiaries="Las personas de la parroquia.",
            province="loja",
            proposer_type="ciudadania",
            contact_name="Otra persona",
            idempotency_token=first.idempotency_token,
        )
    assert caught.value.code == "token_reused"
    assert first.display_code not in str(caught.value)
    assert Proposal.objects.count() == 1


def test_submit_runs_the_model_validators(plan):
    with pytest.raises(ValidationError) as caught:
        submit(plan, title="Corto", solution="Poca cosa.", contact_phone="llámeme")
    errors = caught.value.message_dict
    assert {"title", "solution", "contact_phone"} <= set(errors)
    assert Proposal.objects.count() == 0


def test_submit_refuses_an_axis_or_theme_of_another_plan(plan):
    from abierto.plans.models import ActionPlan

    other = ActionPlan.objects.create(
        number=9,
        slug="otro-plan",
        title="Otro plan",
        start_date=plan.start_date,
        end_date=plan.end_date,
    )
    axis = other.axes.create(name="Eje ajeno", order=1)
    theme = other.themes.create(name="Tema ajeno", order=1)
    with pytest.raises(ValidationError) as caught:
        submit(plan, axis=axis, theme=theme)
    assert set(caught.value.message_dict) == {"axis", "theme"}
    assert Proposal.objects.count() == 0


def test_web_submission_needs_reception_open_today(plan):
    plan.stages.update(receives_proposals=False)
    with pytest.raises(ValidationError) as caught:
        submit(plan)
    assert caught.value.code == "closed"
    # Mesa and paper entries only need the plan in co-creation.
    assert submit(plan, channel="papel", contact_email="").channel == "papel"


def test_staff_entry_needs_the_plan_in_co_creation(plan):
    from abierto.plans.models import PlanStatus

    plan.status = PlanStatus.IMPLEMENTATION
    plan.save(update_fields=["status"])
    with pytest.raises(ValidationError) as caught:
        submit(plan, channel="mesa")
    assert caught.value.code == "closed"
    assert Proposal.objects.count() == 0


@pytest.mark.django_db(transaction=True)
def test_decide_takes_a_received_proposal_to_a_decision_in_one_step_and_mails_once(
    plan, forum_member, worker
):
    proposal = submit(plan)
    worker()  # the receipt with the code
    mail.outbox.clear()
    proposal = services.proposal_decide(
        actor=forum_member,
        proposal=proposal,
        to_status=Status.SELECTED,
        response_text=RESPONSE,
    )
    assert proposal.status == Status.SELECTED and proposal.response_text == RESPONSE
    assert proposal.response_role == "grupo-nucleo" and proposal.response_date is not None
    assert history(proposal) == [
        "Propuesta recibida (Formulario web).",
        "Estado: En revisión.",
        "Estado: En evaluación.",
        "Decisión: Seleccionada.",
    ]
    outbox = worker()
    assert len(outbox) == 1
    assert "Seleccionada" in outbox[0].subject and RESPONSE in outbox[0].body


def test_inadmissible_needs_only_the_review_step(plan, forum_member):
    proposal = move(submit(plan), forum_member, Status.INADMISSIBLE)
    assert history(proposal)[1:] == ["Estado: En revisión.", "Decisión: No admitida."]


def test_decide_refuses_a_non_final_state_and_a_closed_proposal(plan, forum_member):
    proposal = submit(plan)
    with pytest.raises(ValidationError) as caught:
        services.proposal_decide(
            actor=forum_member,
            proposal=proposal,
            to_status=Status.IN_REVIEW,
            response_text=RESPONSE,
        )
    assert "to_status" in caught.value.message_dict
    decided = move(proposal, forum_member, Status.NOT_SELECTED)
    with pytest.raises(ValidationError):
        move(decided, forum_member, Status.SELECTED)


@pytest.mark.django_db(transaction=True)
def test_moving_forward_without_deciding_sends_no_mail(plan, forum_member, worker):
    proposal = submit(plan)
    worker()
    mail.outbox.clear()
    proposal = services.proposal_transition(
        actor=forum_member, proposal=proposal, to_status=Status.IN_EVALUATION
    )
    assert proposal.status == Status.IN_EVALUATION
    assert history(proposal)[1:] == ["Estado: En revisión.", "Estado: En evaluación."]
    assert worker() == []


def test_transition_will_not_decide_without_a_response(plan, forum_member):
    proposal = submit(plan)
    with pytest.raises(ValidationError):
        services.proposal_transition(
            actor=forum_member, proposal=proposal, to_status=Status.SELECTED
        )
    proposal.refresh_from_db()
    assert proposal.status == Status.RECEIVED


REASON = "La comisión recibió información nueva del ministerio."


@pytest.mark.django_db(transaction=True)
def test_correcting_a_decision_needs_a_public_reason_and_mails_once(plan, forum_member, worker):
    proposal = move(submit(plan), forum_member, Status.NOT_SELECTED)
    worker()
    mail.outbox.clear()
    new_response = "Seleccionada tras revisar la información nueva del ministerio."
    for reason in ("", "muy corto"):
        with pytest.raises(ValidationError) as caught:
            services.proposal_correct(
                actor=forum_member,
                proposal=proposal,
                to_status=Status.SELECTED,
                response_text=new_response,
                reason=reason,
            )
        assert "reason" in caught.value.message_dict
    with pytest.raises(ValidationError) as caught:  # nothing changes: nothing to record
        services.proposal_correct(
            actor=forum_member,
            proposal=proposal,
            to_status=Status.NOT_SELECTED,
            response_text=RESPONSE,
            reason=REASON,
        )
    assert caught.value.code == "unchanged"
    proposal = services.proposal_correct(
        actor=forum_member,
        proposal=proposal,
        to_status=Status.SELECTED,
        response_text=new_response,
        reason=REASON,
    )
    assert proposal.status == Status.SELECTED and proposal.response_text == new_response
    assert history(proposal)[-1] == f"Decisión corregida: Seleccionada. Motivo: {REASON}"
    outbox = worker()
    assert len(outbox) == 1 and REASON in outbox[0].body and new_response in outbox[0].body


@pytest.mark.django_db(transaction=True)
def test_reopening_goes_back_to_evaluation_with_a_public_reason(plan, forum_member, worker):
    proposal = move(submit(plan), forum_member, Status.SELECTED)
    worker()
    mail.outbox.clear()
    with pytest.raises(ValidationError):
        services.proposal_reopen(actor=forum_member, proposal=proposal, reason="porque sí")
    proposal = services.proposal_reopen(actor=forum_member, proposal=proposal, reason=REASON)
    assert proposal.status == Status.IN_EVALUATION and proposal.response_text == ""
    assert history(proposal)[-1] == (
        f"Decisión reabierta para una nueva evaluación. Motivo: {REASON}"
    )
    assert len(worker()) == 1
    # And it can be decided again.
    assert move(proposal, forum_member, Status.NOT_SELECTED).status == Status.NOT_SELECTED


def test_withdrawn_or_open_proposals_cannot_be_reopened_or_corrected(plan, forum_member):
    open_one = submit(plan)
    with pytest.raises(ValidationError):
        services.proposal_reopen(actor=forum_member, proposal=open_one, reason=REASON)
    withdrawn = services.proposal_withdraw(proposal=submit(plan))
    with pytest.raises(ValidationError) as caught:
        services.proposal_reopen(actor=forum_member, proposal=withdrawn, reason=REASON)
    assert caught.value.code == "withdrawn"
    with pytest.raises(ValidationError):
        services.proposal_correct(
            actor=forum_member,
            proposal=withdrawn,
            to_status=Status.SELECTED,
            response_text=RESPONSE,
            reason=REASON,
        )


def test_admin_never_shows_the_tracking_code(client, plan, admin_user):
    proposal = submit(plan)
    client.force_login(admin_user)
    page = client.get(f"/admin/proposals/proposal/{proposal.pk}/change/").content.decode()
    assert proposal.title in page
    assert proposal.tracking_code not in page and proposal.display_code not in page
    assert str(proposal.idempotency_token) not in page


@pytest.mark.parametrize("status", [Status.INADMISSIBLE])
def test_reasoned_response_required_to_declare_inadmissible(plan, forum_member, status):
    proposal = move(submit(plan), forum_member, Status.IN_REVIEW)
    with pytest.raises(ValidationError):
        services.proposal_decide(
            actor=forum_member, proposal=proposal, to_status=status, response_text=""
        )
    proposal.refresh_from_db()
    assert proposal.status == Status.IN_REVIEW


@pytest.mark.parametrize("status", [Status.SELECTED, Status.NOT_SELECTED, Status.MERGED])
def test_reasoned_response_required_to_close_proposal(plan, forum_member, status):
    proposal = move(submit(plan), forum_member, Status.IN_REVIEW, Status.IN_EVALUATION)
    with pytest.raises(ValidationError):
        services.proposal_decide(
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
    assert history(proposal)[-1] == "Decisión: Seleccionada."


def test_merge_needs_another_proposal_of_the_same_plan(plan, forum_member):
    target = submit(plan)
    proposal = move(
        submit(plan, title="Portal de transparencia nacional único"),
        forum_member,
        Status.IN_REVIEW,
        Status.IN_EVALUATION,
    )
    with pytest.raises(ValidationError):
        services.proposal_decide(
            actor=forum_member,
            proposal=proposal,
            to_status=Status.MERGED,
            response_text="Trata lo mismo que otra propuesta recibida.",
        )
    merged = services.proposal_decide(
        actor=forum_member,
        proposal=proposal,
        to_status=Status.MERGED,
        response_text="Trata lo mismo que otra propuesta recibida.",
        merged_into=target,
    )
    assert merged.merged_into == target


def test_transitions_follow_the_lifecycle(plan, forum_member):
    proposal = move(submit(plan), forum_member, Status.IN_EVALUATION)
    with pytest.raises(ValidationError):  # no way back, and no "inadmissible" after review
        services.proposal_decide(
            actor=forum_member,
            proposal=proposal,
            to_status=Status.INADMISSIBLE,
            response_text="Una respuesta razonada larga de verdad.",
        )
    with pytest.raises(ValidationError):
        services.proposal_transition(
            actor=forum_member, proposal=proposal, to_status=Status.IN_REVIEW
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
    assert ActionLog.objects.filter(verb="proposal.hidden", public=False).count() == 1


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
    assert "Proposal received (Web form)." in english
    assert "Estado: En revisión." not in english
