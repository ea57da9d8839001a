"""Printable reports: each one as a print-styled page and as a PDF whose text says what the
plan's data say, without any personal data; publishing stores a numbered PDF document."""

import io

import pytest
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from abierto.commitments.models import Commitment
from abierto.content.models import Document
from abierto.core.models import ActionLog
from abierto.opendata import services
from abierto.opendata.models import PublishedReport
from abierto.opendata.reports import KINDS
from abierto.plans.models import ActionPlan
from abierto.proposals.models import Proposal

from .conftest import assert_no_private_data


def pdf_text(content: bytes) -> str:
    reader = PdfReader(io.BytesIO(content))
    return "\n".join(page.extract_text() for page in reader.pages)


def flat(text: str) -> str:
    return " ".join(text.split())


def plan_with_commitments() -> ActionPlan:
    return ActionPlan.objects.filter(commitments__isnull=False).distinct().order_by("number")[0]


def test_action_plan_pdf_holds_every_public_commitment_with_milestones(client, seeded):
    plan = plan_with_commitments()
    response = client.get(reverse("opendata:report_pdf", args=[plan.slug, "plan-de-accion"]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment;")
    text = flat(pdf_text(response.content))
    commitments = Commitment.objects.filter(plan=plan).exclude(status="borrador")
    assert commitments.exists()
    for commitment in commitments:
        assert commitment.code in text
        for milestone in commitment.milestones.all()[:2]:
            assert flat(milestone.deliverable)[:40] in text
    assert "Documento del plan de acción" in text
    assert_no_private_data(text)


def test_progress_pdf_shows_overall_axis_institution_delays_and_evidence(client, seeded):
    plan = plan_with_commitments()
    response = client.get(reverse("opendata:report_pdf", args=[plan.slug, "rendicion-de-cuentas"]))
    text = flat(pdf_text(response.content))
    for heading in (
        "Avance general",
        "Avance por eje",
        "Avance por institución responsable",
        "Retrasos",
        "Verificadas por el Grupo Núcleo",
        "Pendientes de verificación",
    ):
        assert heading in text
    assert Commitment.objects.filter(plan=plan).exclude(status="borrador")[0].code in text
    assert_no_private_data(text)


def test_responses_pdf_names_each_public_proposal_and_its_response(client, seeded):
    plan = seeded
    response = client.get(reverse("opendata:report_pdf", args=[plan.slug, "respuestas-razonadas"]))
    text = flat(pdf_text(response.content))
    assert "Mingas de datos abiertos en Cotacachi" in text
    assert "No corresponde al alcance del plan" in text
    for proposal in Proposal.public_objects.filter(plan=plan)[:5]:
        assert flat(proposal.title)[:30] in text
    assert_no_private_data(text)  # also: the hidden proposal is absent


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_print_page_links_its_own_stylesheet_and_no_inline_style(client, seeded, kind):
    plan = plan_with_commitments()
    response = client.get(reverse("opendata:report", args=[plan.slug, kind]))
    assert response.status_code == 200
    html = response.content.decode()
    assert "/static/opendata/report.css" in html
    assert "<style" not in html and " style=" not in html
    assert reverse("opendata:report_pdf", args=[plan.slug, kind]) in html
    assert_no_private_data(html)


def test_unknown_plan_or_report_is_404(client, seeded):
    assert client.get("/datos/informes/no-existe/plan-de-accion/").status_code == 404
    plan = plan_with_commitments()
    assert client.get(f"/datos/informes/{plan.slug}/otro-informe.pdf").status_code == 404


def test_pdf_fetches_only_our_static_files(settings):
    from abierto.core.pdf import BASE_URL, static_file_path

    assert static_file_path(BASE_URL + "static/opendata/report.css") is not None
    assert static_file_path("https://example.com/static/opendata/report.css") is None
    assert static_file_path("file:///etc/passwd") is None
    assert static_file_path(BASE_URL + "static/../../config/settings.py") is None
    assert static_file_path(BASE_URL + "media/documentos/x.pdf") is None


def test_publishing_stores_a_numbered_pdf_document_and_audits_it(client, seeded, forum_member):
    plan = plan_with_commitments()
    before = PublishedReport.objects.filter(plan=plan, kind="rendicion-de-cuentas").count()
    first = services.report_publish(actor=forum_member, plan=plan, kind="rendicion-de-cuentas")
    second = services.report_publish(actor=forum_member, plan=plan, kind="rendicion-de-cuentas")
    assert second.version == first.version + 1 == before + 2
    document = second.document
    assert f"versión {second.version}" in document.title
    assert document.file_type == "application/pdf"
    assert document.file_size and document.file_size > 1000
    assert document.plan == plan
    assert ActionLog.objects.filter(verb="report.published", object_id=str(document.pk)).exists()
    response = client.get(reverse("content:document_file", args=[document.pk]))
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    body = b"".join(response.streaming_content)
    assert f"versión {second.version}" in flat(pdf_text(body))
    detail = client.get(document.get_absolute_url()).content.decode()
    assert "PDF" in detail and "Descargar el documento" in detail


def test_staff_publish_action_for_the_grupo_nucleo(client, seeded, forum_member):
    plan = plan_with_commitments()
    client.force_login(forum_member)
    url = reverse("staff:opendata_reports")
    page = client.get(url).content.decode()
    assert "Publicar informe" in page
    response = client.post(url, {"plan": plan.pk, "kind": "respuestas-razonadas"})
    assert response.status_code == 302
    published = PublishedReport.objects.filter(plan=plan, kind="respuestas-razonadas").latest(
        "version"
    )
    assert Document.objects.filter(pk=published.document_id, file__gt="").exists()
    bad = client.post(url, {"plan": "x", "kind": "nada"}, follow=True)
    assert "Elija un plan y un informe de la lista." in bad.content.decode()


def test_citizen_cannot_publish(client, seeded, citizen):
    client.force_login(citizen)
    response = client.post(
        reverse("staff:opendata_reports"), {"plan": seeded.pk, "kind": "plan-de-accion"}
    )
    assert response.status_code == 403
    assert not PublishedReport.objects.filter(plan=seeded).exists()


def test_reports_leave_out_commitment_contacts_and_private_evidence(client, seeded, forum_member):
    """Contact people of a commitment's actors are private: no report prints them."""
    from abierto.commitments import services as commitment_services
    from abierto.forum.models import Organization

    plan = plan_with_commitments()
    commitment = Commitment.objects.filter(plan=plan).exclude(status="borrador").first()
    taken = commitment.actors.values_list("organization_id", flat=True)
    organization = Organization.objects.exclude(pk__in=taken).first()
    commitment_services.actor_add(
        actor=forum_member,
        commitment=commitment,
        organization=organization,
        role="apoyo",
        contact_name="Rosalía Quishpe Tenemaza",
        contact_email="rosalia.quishpe@correo-privado.example",
    )
    for kind in sorted(KINDS):
        response = client.get(reverse("opendata:report_pdf", args=[plan.slug, kind]))
        text = flat(pdf_text(response.content))
        assert_no_private_data(text)
    assert organization.name[:20] in flat(
        pdf_text(
            client.get(reverse("opendata:report_pdf", args=[plan.slug, "plan-de-accion"])).content
        )
    )


def test_on_the_fly_pdfs_are_rate_limited_per_address(client, db, settings):
    from tests.plans.factories import make_plan

    settings.ABIERTO_RATE_LIMITS = {**settings.ABIERTO_RATE_LIMITS, "report_pdf_ip": (1, 600)}
    plan = make_plan()
    url = reverse("opendata:report_pdf", args=[plan.slug, "respuestas-razonadas"])
    first = client.get(url)
    assert first.status_code == 200 and first.content.startswith(b"%PDF")
    assert "Este plan no recibió propuestas públicas." in flat(pdf_text(first.content))
    second = client.get(url)
    assert second.status_code == 429
    assert "Demasiados informes" in second.content.decode()


def test_plan_page_links_the_reports_it_has_something_for(client, seeded):
    from tests.plans.factories import make_plan

    def page(plan) -> str:
        return client.get(reverse("plans:detail", args=[plan.slug])).content.decode()

    empty = make_plan()
    assert "/datos/informes/" not in page(empty)  # no empty report offered
    tracked = plan_with_commitments()
    for kind in ("plan-de-accion", "rendicion-de-cuentas"):
        assert reverse("opendata:report", args=[tracked.slug, kind]) in page(tracked)
    assert reverse("opendata:report", args=[seeded.slug, "respuestas-razonadas"]) in page(seeded)


HOSTILE_TITLE = '<img src="http://intruso.example/x.png"><script>alert(1)</script> «Obras» ‮ =1+1'
HOSTILE_RESPONSE = (
    '<style>body{display:none}</style><a href="javascript:alert(1)">clic</a> '
    "Respuesta razonada con marcado que debe verse tal cual, nunca interpretarse."
)


def test_hostile_text_is_printed_literally_in_the_pdf_and_the_print_page(client, db, forum_member):
    """Markup typed by a proposer or staff is text in the PDF and escaped in the print page:
    nothing is fetched, hidden or run (issue 14: hostile input in every format, PDF too)."""
    from abierto.proposals import demo as proposals_demo
    from abierto.proposals import services as proposal_services
    from abierto.proposals.models import Status

    from .conftest import submit

    plan = proposals_demo._example_plan(timezone.localdate())
    proposal = submit(plan, title=HOSTILE_TITLE)
    proposal_services.proposal_decide(
        actor=forum_member,
        proposal=proposal,
        to_status=Status.INADMISSIBLE,
        response_text=HOSTILE_RESPONSE,
    )
    page = client.get(reverse("opendata:report", args=[plan.slug, "respuestas-razonadas"]))
    html = page.content.decode()
    assert page.status_code == 200
    assert "<script>alert(1)" not in html and '<img src="http://intruso' not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<style>body" not in html and 'href="javascript:' not in html
    response = client.get(reverse("opendata:report_pdf", args=[plan.slug, "respuestas-razonadas"]))
    assert response.status_code == 200 and response.content.startswith(b"%PDF")
    text = flat(pdf_text(response.content))
    # Printed as text, not run (compared without spaces: the PDF wraps the long title where
    # its width falls, which differs with the proposal's number).
    literal = '<img src="http://intruso.example/x.png"><script>alert(1)</'
    assert "".join(literal.split()) in "".join(text.split())
    assert "nunca interpretarse" in text  # a <style> in the response hid nothing
    assert "Responde: Grupo Núcleo" in text  # the role's name, not its code
    assert b"intruso.example" not in response.content or "intruso.example" in text
