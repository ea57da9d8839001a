"""Back office: liaisons report only on their organisation's commitments; the Grupo Núcleo
runs sheets, the lifecycle, evidence verification and IRM data."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from abierto.commitments.models import (
    Evidence,
    EvidenceStatus,
    IRMAssessment,
    Measurement,
    Milestone,
    ProgressReport,
    Status,
)

from .conftest import PDF
from .factories import make_commitment, make_liaison, make_org


@pytest.fixture
def two(forum_member, media):
    a, b = make_org("Institución A"), make_org("Institución B")
    ca = make_commitment(forum_member, lead=a)
    cb = make_commitment(forum_member, lead=b)
    return {
        "a": ca,
        "b": cb,
        "liaison_a": make_liaison("enlace@a.example", a),
        "liaison_b": make_liaison("enlace@b.example", b),
    }


def test_liaison_desk_lists_only_their_commitments(client, two):
    client.force_login(two["liaison_a"])
    text = client.get(reverse("staff:commitments_index")).content.decode()
    assert two["a"].code in text
    assert two["b"].code not in text
    assert client.get(reverse("staff:commitments_manage", args=[two["b"].pk])).status_code == 403


def test_liaison_of_a_cannot_post_reports_on_b(client, two):
    client.force_login(two["liaison_a"])
    b = two["b"]
    milestone = b.milestones.first()
    indicator_url = None
    posts = [
        (
            reverse("staff:commitments_report", args=[b.pk]),
            {"period_start": "2025-01-01", "period_end": "2025-06-30", "narrative": "x"},
        ),
        (reverse("staff:commitments_milestone_progress", args=[milestone.pk]), {"progress": 50}),
        (
            reverse("staff:commitments_evidence_submit", args=[milestone.pk]),
            {"description": "x", "url": "https://example.org"},
        ),
    ]
    for url, data in posts:
        assert client.post(url, data).status_code == 403
    assert indicator_url is None
    assert not ProgressReport.objects.exists()
    assert not Evidence.objects.exists()
    milestone.refresh_from_db()
    assert milestone.progress == 0


def test_anonymous_is_sent_to_sign_in(client, two):
    response = client.get(reverse("staff:commitments_report", args=[two["a"].pk]))
    assert response.status_code == 302
    assert "/cuenta/" in response["Location"]


def test_liaison_reports_progress_and_sees_a_clear_error_out_of_range(client, two):
    client.force_login(two["liaison_a"])
    milestone = two["a"].milestones.first()
    url = reverse("staff:commitments_milestone_progress", args=[milestone.pk])
    response = client.post(url, {"progress": 140})
    assert response.status_code == 200
    assert "entre 0 y 100" in response.content.decode()
    response = client.post(url, {"progress": 100})
    assert "evidencia verificada" in response.content.decode()
    response = client.post(url, {"progress": 40})
    assert response.status_code == 302
    milestone.refresh_from_db()
    assert milestone.progress == 40


def test_evidence_upload_of_the_wrong_type_is_refused_in_the_form(client, two):
    client.force_login(two["liaison_a"])
    milestone = two["a"].milestones.first()
    url = reverse("staff:commitments_evidence_submit", args=[milestone.pk])
    fake = SimpleUploadedFile("informe.pdf", b"MZ this is an exe", content_type="application/pdf")
    response = client.post(url, {"description": "Informe", "file": fake})
    assert response.status_code == 200
    assert "no es un PDF" in response.content.decode()
    assert not Evidence.objects.exists()
    good = SimpleUploadedFile("informe.pdf", PDF, content_type="application/pdf")
    assert client.post(url, {"description": "Informe", "file": good}).status_code == 302
    assert Evidence.objects.get().status == EvidenceStatus.PENDING


def test_measurement_outside_the_plan_is_refused_in_the_form(client, forum_member, two):
    from .factories import make_indicator

    indicator = make_indicator(forum_member, two["a"])
    client.force_login(two["liaison_a"])
    url = reverse("staff:commitments_measurement", args=[indicator.pk])
    response = client.post(url, {"value": "5", "date": "2019-01-01", "source": "x"})
    assert "dentro del periodo del plan" in response.content.decode()
    assert not Measurement.objects.exists()
    client.force_login(two["liaison_b"])
    assert client.post(url, {"value": "5", "date": "2025-05-01", "source": "x"}).status_code == 403


def test_forum_member_verifies_and_rejects_with_reason(client, forum_member, two):
    client.force_login(two["liaison_a"])
    milestone = two["a"].milestones.first()
    client.post(
        reverse("staff:commitments_evidence_submit", args=[milestone.pk]),
        {"description": "Uno", "url": "https://example.org/1"},
    )
    client.post(
        reverse("staff:commitments_evidence_submit", args=[milestone.pk]),
        {"description": "Dos", "url": "https://example.org/2"},
    )
    first, second = Evidence.objects.order_by("id")
    # The liaison cannot verify their own evidence.
    review = reverse("staff:commitments_evidence_review", args=[first.pk])
    assert client.post(review, {"decision": "verificar"}).status_code == 403
    client.force_login(forum_member)
    assert client.post(review, {"decision": "verificar"}).status_code == 302
    response = client.post(
        reverse("staff:commitments_evidence_review", args=[second.pk]),
        {"decision": "rechazar", "reason": ""},
    )
    assert response.status_code == 200
    client.post(
        reverse("staff:commitments_evidence_review", args=[second.pk]),
        {"decision": "rechazar", "reason": "El enlace no abre."},
    )
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.status == EvidenceStatus.VERIFIED
    assert second.status == EvidenceStatus.REJECTED
    client.force_login(two["liaison_a"])
    desk = client.get(reverse("staff:commitments_index")).content.decode()
    assert "El enlace no abre." in desk


def test_forum_member_creates_and_moves_a_commitment(client, forum_member, two):
    client.force_login(forum_member)
    plan = two["a"].plan
    response = client.post(
        reverse("staff:commitments_create"),
        {
            "plan": plan.pk,
            "code": "EC0099",
            "title": "Nuevo",
            "problem": "p",
            "objective": "o",
            "ogp_values": ["acceso-informacion"],
            "sdgs": ["16"],
            "start_date": "2025-02-01",
            "end_date": "2026-02-01",
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    from abierto.commitments.models import Commitment

    new = Commitment.objects.get(code="EC0099")
    assert new.status == Status.DRAFT
    url = reverse("staff:commitments_transition", args=[new.pk])
    client.post(url, {"status": Status.IN_CONSULTATION})
    new.refresh_from_db()
    assert new.status == Status.IN_CONSULTATION
    page = client.get(reverse("staff:commitments_manage", args=[new.pk]))
    assert page.status_code == 200
    # A liaison may not create commitments.
    client.force_login(two["liaison_a"])
    assert client.get(reverse("staff:commitments_create")).status_code == 403


def test_milestone_weights_over_100_shown_on_the_form(client, forum_member, two):
    client.force_login(forum_member)
    a = two["a"]
    response = client.post(
        reverse("staff:commitments_milestone_create", args=[a.pk]),
        {
            "deliverable": "Extra",
            "responsible": a.actors.first().organization_id,
            "start_date": "2025-03-01",
            "end_date": "2025-05-01",
            "weight": 5,
            "order": 3,
        },
    )
    assert "no pueden pasar de 100" in response.content.decode()
    assert Milestone.objects.filter(commitment=a).count() == 2


def _csv(text: str) -> SimpleUploadedFile:
    return SimpleUploadedFile("irm.csv", text.encode(), content_type="text/csv")


def test_irm_csv_import_all_or_nothing(client, forum_member, two):
    client.force_login(forum_member)
    url = reverse("staff:commitments_irm_import")
    bad = (
        "codigo;verificable;relevancia;cumplimiento;resultados_tempranos;destacado;informe\n"
        f"{two['a'].code};sí;Acceso a la información;Sustancial;Sobresaliente;sí;https://e.org\n"
        "EC9999;quizás;Magia;;;no;\n"
    )
    response = client.post(url, {"file": _csv(bad)})
    text = response.content.decode()
    assert "No se importó nada" in text
    assert "Fila 3" in text and "EC9999" in text and "verificable" in text
    assert not IRMAssessment.objects.exists()
    good = (
        "codigo,verificable,relevancia,cumplimiento,resultados_tempranos,destacado,informe\n"
        f"{two['a'].code},sí,acceso-informacion|participacion-civica,completo,marginal,no,\n"
        f"{two['b'].code},no,,limitado,no cambió,sí,https://example.org/irm\n"
    )
    response = client.post(url, {"file": _csv(good)})
    assert response.status_code == 302
    assessment = IRMAssessment.objects.get(commitment=two["b"])
    assert assessment.starred and assessment.completion == "limitado"
    page = client.get(two["a"].get_absolute_url()).content.decode()
    assert "Marginal" in page


def test_forum_member_links_source_proposals(client, forum_member, two):
    from abierto.proposals import services as proposal_services

    a = two["a"]
    proposal, _ = proposal_services.proposal_submit(
        actor=forum_member,
        channel="papel",
        plan=a.plan,
        title="Datos abiertos de la institución A",
        problem="La institución A no publica sus datos.",
        solution="Publicarlos en formato abierto cada mes.",
        beneficiaries="La ciudadanía.",
        province="pichincha",
        proposer_type="ciudadania",
        contact_name="Persona",
    )
    url = reverse("staff:commitments_proposals_link", args=[a.pk])
    client.force_login(forum_member)
    # Not selected yet: not offered, and refused if posted anyway.
    assert proposal.title not in client.get(url).content.decode()
    assert client.post(url, {"proposals": ["9223372036854775808"]}).status_code == 200
    assert client.post(url, {"proposals": [proposal.pk]}).status_code == 200
    proposal_services.proposal_decide(
        actor=forum_member,
        proposal=proposal,
        to_status="seleccionada",
        response_text="Seleccionada: se integra al compromiso de la institución.",
    )
    assert client.post(url, {"proposals": [proposal.pk]}).status_code == 302
    proposal.refresh_from_db()
    assert proposal.commitment == a
