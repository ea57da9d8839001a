"""Public tracking pages: what a visitor sees, bad query strings, pinned query counts."""

import pytest
from django.urls import reverse

from abierto.commitments import services
from abierto.commitments.models import Evidence, EvidenceStatus, Status

from .conftest import populate
from .factories import make_commitment, make_plan


def test_dashboard_shows_progress_by_axis_institution_and_delays(client, tracked):
    response = client.get(reverse("commitments:dashboard"))
    assert response.status_code == 200
    text = response.content.decode()
    assert tracked["plan"].title in text
    assert "Avance por eje" in text
    assert "Institucional" in text
    assert "Inst 0" in text
    # Hito 1 ended in 2025 and is completed; hito 2 runs to 2027: nothing delayed.
    assert "Ningún hito está retrasado." in text
    assert "<svg" in text and "style=" not in text


def test_dashboard_bad_plan_gives_a_notice_not_an_error(client, tracked):
    for value in ("abc", "999999", "1%00"):
        response = client.get(reverse("commitments:dashboard"), {"plan": value})
        assert response.status_code == 200
        assert "El plan pedido no existe" in response.content.decode()


def test_list_filters_and_bad_values_give_a_notice(client, tracked):
    url = reverse("commitments:list")
    code = tracked["commitments"][0].code
    response = client.get(url, {"q": code})
    assert code in response.content.decode()
    assert tracked["commitments"][1].code not in response.content.decode()
    response = client.get(url, {"eje": "nope", "estado": "xx", "plan": "-4", "situacion": "?"})
    assert response.status_code == 200
    text = response.content.decode()
    assert "Se ignoraron filtros con valores no válidos" in text
    assert tracked["commitments"][1].code in text


def test_list_filters_by_standing(client, forum_member, tracked):
    late = make_commitment(
        forum_member,
        plan=tracked["plan"],
        milestones=(
            (
                100,
                tracked["plan"].start_date.replace(month=3),
                tracked["plan"].start_date.replace(month=4),
            ),
        ),
    )
    response = client.get(reverse("commitments:list"), {"situacion": "con-retraso"})
    text = response.content.decode()
    assert late.code in text
    assert tracked["commitments"][0].code not in text


def test_commitment_page_shows_sheet_actors_milestones_indicators_and_no_personal_data(
    client, tracked
):
    commitment = tracked["commitments"][0]
    response = client.get(commitment.get_absolute_url())
    assert response.status_code == 200
    text = response.content.decode()
    assert commitment.title in text
    assert "Inst 0" in text and "Institución responsable" in text
    assert "Persona Privada" not in text and "privada@example.org" not in text
    assert "enlace0" not in text
    assert "Verificada" in text and "Pendiente de verificación" in text
    assert "Instituciones que publican" in text
    assert "Evaluación independiente (IRM)" in text
    assert "Historial de cambios" in text
    # Pending evidence is listed but not linked.
    assert "https://example.org/b" not in text


def test_draft_commitments_are_not_public(client, forum_member):
    draft = make_commitment(forum_member, status=Status.DRAFT)
    assert client.get(draft.get_absolute_url()).status_code == 404
    assert draft.code not in client.get(reverse("commitments:list")).content.decode()


def test_version_page_shows_field_differences(client, forum_member, tracked):
    commitment = tracked["commitments"][0]
    old_title = commitment.title
    services.commitment_reprogram(
        actor=forum_member,
        commitment=commitment,
        data={"title": "Título reprogramado"},
        justification="Cambio de alcance acordado.",
    )
    page = client.get(commitment.get_absolute_url()).content.decode()
    assert "Versión 1" in page
    response = client.get(reverse("commitments:version", args=[commitment.code, 1]))
    text = response.content.decode()
    assert old_title in text and "Título reprogramado" in text
    assert "Cambio de alcance acordado." in text
    assert "La ficha completa en la versión 1" in text
    assert commitment.problem in text
    assert client.get(reverse("commitments:version", args=[commitment.code, 7])).status_code == 404


def test_evidence_files_are_public_only_once_verified(client, tracked, forum_member):
    commitment = tracked["commitments"][0]
    verified = Evidence.objects.get(
        milestone__commitment=commitment, status=EvidenceStatus.VERIFIED
    )
    response = client.get(reverse("commitments:evidence_file", args=[verified.pk]))
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    liaison = tracked["liaisons"][0]
    pending = services.evidence_submit(
        actor=liaison,
        milestone=commitment.milestones.last(),
        description="Pendiente",
        upload=__import__("django.core.files.uploadedfile", fromlist=["x"]).SimpleUploadedFile(
            "p.pdf", b"%PDF-1.4\n%%EOF\n"
        ),
    )
    url = reverse("commitments:evidence_file", args=[pending.pk])
    assert client.get(url).status_code == 404
    client.force_login(tracked["liaisons"][1])
    assert client.get(url).status_code == 404
    client.force_login(forum_member)
    assert client.get(url).status_code == 200


def test_consultation_comment_is_public_without_name(client, forum_member, citizen):
    commitment = make_commitment(forum_member, status=Status.IN_CONSULTATION)
    url = reverse("commitments:comment", args=[commitment.code])
    assert client.post(url, {"body": "Hola"}).status_code == 302  # to sign in
    client.force_login(citizen)
    client.post(url, {"body": "Que incluya a los municipios."})
    page = client.get(commitment.get_absolute_url()).content.decode()
    assert "Que incluya a los municipios." in page
    assert citizen.email not in page


@pytest.mark.parametrize("count", [1, 6])
def test_pages_run_a_fixed_number_of_queries(
    client, forum_member, media, django_assert_num_queries, count
):
    """Dashboard: plans, commitments, milestones, actors. List: the filters' choices, the
    count of the page's paginator, then commitments, milestones, actors. Page: the commitment
    and one query per kind of related row (actors, milestones, evidence, indicators,
    measurements, versions, reports, comments, proposals, history)."""
    plan = make_plan()
    made = populate(forum_member, plan, count, prefix=f"Q{count}")
    code = made[0][0].code
    with django_assert_num_queries(4):
        assert client.get(reverse("commitments:dashboard")).status_code == 200
    with django_assert_num_queries(8):
        assert client.get(reverse("commitments:list"), {"plan": plan.pk}).status_code == 200
    with django_assert_num_queries(12):
        assert client.get(reverse("commitments:detail", args=[code])).status_code == 200


def test_tracking_pages_read_in_english(client, tracked):
    client.post("/idioma/", {"language": "en", "next": "/"})
    text = client.get(reverse("commitments:dashboard")).content.decode()
    assert "Commitment tracking" in text and "Progress by axis" in text
    page = client.get(tracked["commitments"][0].get_absolute_url()).content.decode()
    assert "Independent review (IRM)" in page and "Lead institution" in page


def test_proposal_page_names_the_commitment_it_fed(client, forum_member, tracked):
    from abierto.proposals import services as proposal_services

    commitment = tracked["commitments"][0]
    proposal, _ = proposal_services.proposal_submit(
        actor=forum_member,
        channel="papel",
        plan=commitment.plan,
        title="Portal con datos de todas las instituciones",
        problem="La información está dispersa entre instituciones.",
        solution="Un portal único con datos abiertos de todas ellas.",
        beneficiaries="La ciudadanía.",
        province="pichincha",
        proposer_type="ciudadania",
        contact_name="Persona",
    )
    proposal_services.proposal_decide(
        actor=forum_member,
        proposal=proposal,
        to_status="seleccionada",
        response_text="Seleccionada: se integra al compromiso de la institución.",
    )
    services.commitment_link_proposals(
        actor=forum_member, commitment=commitment, proposals=[proposal]
    )
    page = client.get(reverse("proposals:detail", args=[proposal.pk])).content.decode()
    assert commitment.get_absolute_url() in page
    detail = client.get(commitment.get_absolute_url()).content.decode()
    assert proposal.title in detail


def test_progress_reports_are_public_without_the_author(client, tracked):
    commitment, liaison = tracked["commitments"][0], tracked["liaisons"][0]
    services.report_submit(
        actor=liaison,
        commitment=commitment,
        period_start=commitment.start_date,
        period_end=commitment.start_date.replace(month=6),
        narrative="Se publicaron los primeros conjuntos de datos.",
        difficulties="Retrasos en la contratación.",
    )
    page = client.get(commitment.get_absolute_url()).content.decode()
    assert "Se publicaron los primeros conjuntos de datos." in page
    assert "Retrasos en la contratación." in page
    assert liaison.email not in page


def _late(forum_member, plan, n: int):
    start = plan.start_date
    return [
        make_commitment(
            forum_member,
            plan=plan,
            milestones=((100, start.replace(month=3), start.replace(month=4)),),
        )
        for _ in range(n)
    ]


def test_list_is_paginated_and_standing_filters_every_page(
    client, forum_member, tracked, monkeypatch
):
    """Rows are computed for the page shown; the standing filter runs over all of them."""
    from abierto.commitments import views

    monkeypatch.setattr(views, "COMMITMENTS_PER_PAGE", 2)
    late = _late(forum_member, tracked["plan"], 3)
    url = reverse("commitments:list")
    first = client.get(url).content.decode()
    assert "5 compromisos" in first and "Página 1 de 3" in first
    shown = [c.code for c in tracked["commitments"] + late if f">{c.code}<" in first]
    assert len(shown) == 2
    filtered = client.get(url, {"situacion": "con-retraso", "pagina": "2"}).content.decode()
    assert "3 compromisos" in filtered and "Página 2 de 2" in filtered
    assert "situacion=con-retraso&amp;pagina=1" in filtered
    assert f">{late[2].code}<" in filtered
    assert all(f">{c.code}<" not in filtered for c in tracked["commitments"])
    # A page past the end or not a number shows a page, not an error.
    for value in ("99", "x"):
        assert client.get(url, {"pagina": value}).status_code == 200


def test_dashboard_of_a_large_plan_links_to_the_list(client, forum_member, tracked, monkeypatch):
    from abierto.commitments import views

    monkeypatch.setattr(views, "DASHBOARD_DELAYED_MAX", 1)
    monkeypatch.setattr(views, "DASHBOARD_CHART_MAX", 3)
    _late(forum_member, tracked["plan"], 2)
    text = client.get(reverse("commitments:dashboard")).content.decode()
    assert "Y 1 hito más con retraso" in text
    assert f"?plan={tracked['plan'].pk}&amp;situacion=con-retraso" in text
    assert 'id="grafico-compromisos' not in text
    assert "Este plan tiene 4 compromisos" in text
    # One bar per institution up to the same cap, then a link to the list (filterable).
    from abierto.commitments import selectors

    institutions = len(selectors.plan_dashboard(plan=tracked["plan"]).by_institution)
    assert institutions > 3
    assert "las 3 con más compromisos" in text
    more = institutions - 3
    assert f"Y {more} instituci{'ón' if more == 1 else 'ones'} más" in text
