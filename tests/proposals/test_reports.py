"""«Denunciar»: reports, hiding at the plan's threshold, the Grupo Núcleo's review."""

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.test import Client

from abierto.core.models import ActionLog
from abierto.plans import services as plan_services
from abierto.proposals import services
from abierto.proposals.models import Proposal, Report

from .test_services import submit

pytestmark = pytest.mark.django_db

REPORT = "/propuestas/{pk}/denunciar/"


def report(proposal, who: str, reason: str = "spam", details: str = ""):
    return services.report_submit(
        proposal=proposal, reason=reason, details=details, reporter_key=who
    )


@pytest.mark.django_db(transaction=True)
def test_the_third_report_hides_the_proposal_and_tells_the_proposer_why(plan, worker):
    proposal = submit(plan)
    worker()
    mail.outbox.clear()
    report(proposal, "a", "ofensivo", details="Insulta a un funcionario con nombre y apellido")
    report(proposal, "b", "spam")
    assert not Proposal.objects.get(pk=proposal.pk).is_hidden
    assert worker() == []
    report(proposal, "c", "spam")
    proposal.refresh_from_db()
    assert proposal.is_hidden
    assert "3 denuncias" in proposal.hidden_reason
    assert "contenido ofensivo" in proposal.hidden_reason and "spam" in proposal.hidden_reason
    (message,) = worker()
    assert message.to == [proposal.contact_email]
    assert proposal.hidden_reason in message.body
    assert "Insulta" not in message.body  # never the reporters' own words
    assert Client().get(f"/propuestas/{proposal.pk}/").status_code == 404


def test_one_report_per_browser_or_account_and_the_threshold_is_the_plans(plan, forum_member):
    plan_services.plan_update(actor=forum_member, plan=plan, report_threshold=2)
    proposal = submit(plan)
    _first, created = report(proposal, "a")
    _again, created_again = report(proposal, "a")
    assert created and not created_again
    assert Report.objects.count() == 1
    assert not Proposal.objects.get(pk=proposal.pk).is_hidden
    report(proposal, "b")
    assert Proposal.objects.get(pk=proposal.pk).is_hidden
    with pytest.raises(ValidationError):
        report(proposal, "c")  # hidden: no longer public, nothing to report


def test_restoring_publishes_again_and_closes_the_reports(plan, forum_member):
    plan_services.plan_update(actor=forum_member, plan=plan, report_threshold=1)
    proposal = submit(plan)
    report(proposal, "a")
    services.reports_review(actor=forum_member, proposal=proposal, restore=True)
    proposal.refresh_from_db()
    assert not proposal.is_hidden and proposal.hidden_reason == ""
    assert not Report.objects.filter(reviewed_at__isnull=True).exists()
    assert ActionLog.objects.filter(verb="report.reviewed", public=False).exists()
    # New reports start a new count.
    report(proposal, "b")
    assert Proposal.objects.get(pk=proposal.pk).is_hidden


@pytest.mark.django_db(transaction=True)
def test_keeping_it_hidden_needs_a_reason_that_the_proposer_receives(plan, forum_member, worker):
    proposal = submit(plan)
    worker()
    mail.outbox.clear()
    report(proposal, "a")
    with pytest.raises(ValidationError):
        services.reports_review(actor=forum_member, proposal=proposal, restore=False, reason="")
    services.reports_review(
        actor=forum_member,
        proposal=proposal,
        restore=False,
        reason="Publica el teléfono de una persona sin su permiso.",
    )
    proposal.refresh_from_db()
    assert proposal.is_hidden
    (message,) = worker()
    assert "Publica el teléfono de una persona" in message.body


@pytest.mark.django_db(transaction=True)
def test_staff_hiding_also_tells_the_proposer(plan, forum_member, worker):
    proposal = submit(plan)
    worker()
    mail.outbox.clear()
    services.proposal_hide(actor=forum_member, proposal=proposal, reason="Publicidad.")
    (message,) = worker()
    assert message.to == [proposal.contact_email] and "Publicidad." in message.body


# --- Pages --------------------------------------------------------------------------------


def test_anonymous_reports_without_javascript_once_per_browser(client, plan):
    proposal = submit(plan)
    page = client.get(f"/propuestas/{proposal.pk}/").content.decode()
    assert f'href="{REPORT.format(pk=proposal.pk)}"' in page
    form = client.get(REPORT.format(pk=proposal.pk)).content.decode()
    assert "Spam o publicidad" in form and "No es una propuesta" in form
    empty = client.post(REPORT.format(pk=proposal.pk), {})
    assert empty.status_code == 400 and "Elija el motivo de la denuncia" in empty.content.decode()
    sent = client.post(REPORT.format(pk=proposal.pk), {"reason": "spam", "details": "Venta"})
    assert "El Grupo Núcleo revisará la denuncia" in sent.content.decode()
    again = client.post(REPORT.format(pk=proposal.pk), {"reason": "otro"})
    assert "Ya había denunciado esta propuesta" in again.content.decode()
    assert Report.objects.count() == 1
    Client().post(REPORT.format(pk=proposal.pk), {"reason": "spam"})  # another browser
    assert Report.objects.count() == 2


def test_reporting_is_rate_limited_per_address(client, plan, limits):
    limits(report_ip=(1, 3600))
    proposal = submit(plan)
    client.post(REPORT.format(pk=proposal.pk), {"reason": "spam"})
    limited = Client().post(REPORT.format(pk=proposal.pk), {"reason": "spam"})
    assert limited.status_code == 429 and "Demasiadas denuncias" in limited.content.decode()


def test_staff_see_reported_proposals_and_the_status_page_says_why(client, plan, forum_member):
    plan_services.plan_update(actor=forum_member, plan=plan, report_threshold=1)
    proposal = submit(plan)
    report(proposal, "a", "datos-personales", details="Sale mi cédula")
    client.force_login(forum_member)
    dashboard = client.get("/gestion/").content.decode()
    assert "1 propuesta denunciada por revisar" in dashboard
    listing = client.get("/gestion/propuestas/denuncias/").content.decode()
    assert proposal.title in listing
    review = client.get(f"/gestion/propuestas/denuncias/{proposal.pk}/").content.decode()
    assert "Publica datos personales" in review and "Sale mi cédula" in review
    refused = client.post(f"/gestion/propuestas/denuncias/{proposal.pk}/", {"decision": "mantener"})
    assert (
        refused.status_code == 400 and "Explique por qué sigue oculta" in refused.content.decode()
    )
    client.post(
        f"/gestion/propuestas/denuncias/{proposal.pk}/",
        {"decision": "mantener", "reason": "Muestra la cédula de una persona."},
    )
    client.logout()
    status = client.post("/propuestas/estado/", {"code": proposal.display_code}).content.decode()
    assert "Su propuesta está oculta" in status and "Muestra la cédula de una persona." in status
