import io
import re
import time

import pytest
from django.core import signing
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from PIL import Image

from abierto.proposals import services
from abierto.proposals.forms import started_token
from abierto.proposals.models import Attachment, Proposal, Status

from .conftest import PERSONAL, form_data

pytestmark = pytest.mark.django_db
NEW = "/propuestas/nueva/"


def png_bytes() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), "red").save(buffer, "PNG")
    return buffer.getvalue()


def submit(client, plan, **overrides):
    return client.post(NEW, form_data(plan, **overrides))


def test_two_step_submission_creates_one_proposal_and_shows_the_code(client, plan):
    review = client.post(NEW, form_data(plan, paso="revisar"))
    assert review.status_code == 200
    page = review.content.decode()
    assert "Revisar y enviar" in page and 'value="enviar"' in page
    assert Proposal.objects.count() == 0
    sent = submit(client, plan)
    assert sent.status_code == 302 and sent["Location"] == reverse("proposals:sent")
    proposal = Proposal.objects.get()
    confirmation = client.get(sent["Location"])
    assert proposal.display_code in re.sub(r"<[^>]+>", "", confirmation.content.decode())
    assert confirmation["Referrer-Policy"] == "same-origin"
    assert proposal.channel == "web" and proposal.status == Status.RECEIVED


def test_the_code_is_shown_once_from_a_cookie_of_that_page_and_no_session_is_opened(
    client, plan, settings
):
    sent = submit(client, plan)
    assert settings.SESSION_COOKIE_NAME not in sent.cookies  # no session row per submission
    cookie = sent.cookies["propuesta_enviada"]
    assert cookie["path"] == reverse("proposals:sent")
    assert cookie["httponly"] and cookie["max-age"] == 600 and cookie["samesite"] == "Strict"
    proposal = Proposal.objects.get()
    first = client.get(reverse("proposals:sent"))
    assert proposal.display_code in re.sub(r"<[^>]+>", "", first.content.decode())
    again = client.get(reverse("proposals:sent"))  # the cookie went with the first showing
    assert again.status_code == 302 and again["Location"] == reverse("proposals:status")
    forged = signing.dumps({"id": proposal.pk, "code": "AAAA-BBBB-CCCC"}, salt="otra-sal")
    client.cookies["propuesta_enviada"] = forged
    assert client.get(reverse("proposals:sent")).status_code == 302  # not signed by the site


def test_review_step_lists_similar_proposals_without_javascript(client, plan):
    submit(client, plan)
    client.session.flush()
    review = client.post(
        NEW, form_data(plan, paso="revisar", title="Compras públicas municipales abiertas")
    )
    assert "Propuestas parecidas" in review.content.decode()
    assert "Datos abiertos de compras públicas municipales" in review.content.decode()


def test_similar_endpoint_ignores_accents_and_case(client, plan):
    submit(client, plan)
    response = client.get(
        "/propuestas/similares/", {"plan": plan.pk, "titulo": "COMPRAS PUBLICAS municipales"}
    )
    assert "Datos abiertos de compras públicas municipales" in response.content.decode()


def test_double_submit_makes_one_proposal(client, plan):
    data = form_data(plan)
    first = client.post(NEW, data)
    second = client.post(NEW, data)
    assert first.status_code == second.status_code == 302
    assert Proposal.objects.count() == 1


def test_each_field_is_validated_in_spanish_and_text_is_kept(client, plan):
    response = submit(
        client, plan, title="abc", contact_email="no-es-correo", province="marte", paso="revisar"
    )
    page = response.content.decode()
    assert "El título es muy corto" in page
    assert "Escriba un correo electrónico válido" in page
    assert "Elija una provincia o un alcance de la lista" in page
    assert "Los municipios publican sus compras" in page
    assert Proposal.objects.count() == 0


def test_honeypot_refuses_the_submission(client, plan):
    response = submit(client, plan, sitio_web="http://spam.example")
    assert response.status_code == 400
    assert "No pudimos aceptar el envío" in response.content.decode()
    assert Proposal.objects.count() == 0


def test_form_sent_faster_than_a_person_can_is_refused_but_kept(client, plan):
    response = submit(client, plan, started=started_token(time.time()))
    assert response.status_code == 400
    page = response.content.decode()
    assert "demasiado rápido" in page
    assert "Datos abiertos de compras públicas municipales" in page
    assert Proposal.objects.count() == 0


def test_forged_start_time_is_refused(client, plan):
    response = submit(client, plan, started="123")
    assert response.status_code == 400
    assert Proposal.objects.count() == 0


def test_submission_rate_limit_answers_429_in_spanish(client, plan, limits):
    limits(submit_ip=(2, 3600))
    assert submit(client, plan).status_code == 302
    assert submit(client, plan).status_code == 302
    response = submit(client, plan)
    assert response.status_code == 429
    assert "Demasiados intentos" in response.content.decode()
    assert response["Retry-After"] == "3600"
    assert Proposal.objects.count() == 2


def test_per_email_rate_limit(client, plan, limits):
    limits(submit_email=(1, 3600))
    assert submit(client, plan).status_code == 302
    response = submit(client, plan, contact_email=PERSONAL["contact_email"].upper())
    assert response.status_code == 429


def test_form_closed_outside_the_proposal_stage_says_when(client, plan):
    plan.stages.filter(receives_proposals=True).update(
        start_date="2022-05-01", end_date="2022-08-31"
    )
    response = client.get(NEW)
    page = response.content.decode()
    assert "no está abierta" in page
    assert "31 de agosto de 2022" in page
    assert submit(client, plan).status_code == 200
    assert Proposal.objects.count() == 0


# --- Attachments ----------------------------------------------------------------------------


def test_attachment_type_comes_from_the_content(client, plan):
    png_named_pdf = SimpleUploadedFile("informe.pdf", png_bytes(), content_type="application/pdf")
    response = submit(client, plan, attachments=[png_named_pdf])
    assert response.status_code == 302
    attachment = Attachment.objects.get()
    assert attachment.content_type == "image/png" and attachment.extension == "png"
    assert attachment.original_name == "informe.pdf"
    assert "/private/" in attachment.file.path


def test_text_named_pdf_is_refused_and_the_text_is_kept(client, plan):
    fake = SimpleUploadedFile(
        "informe.pdf", b"hola, no soy un PDF\n" * 10, content_type="application/pdf"
    )
    response = submit(client, plan, attachments=[fake])
    assert response.status_code == 400
    page = response.content.decode()
    assert "no es un PDF, ODT, DOCX, JPEG o PNG válido" in page
    assert "elíjalos de nuevo" in page
    assert "Datos abiertos de compras públicas municipales" in page  # kept in hidden fields
    assert Proposal.objects.count() == 0


def test_at_most_three_attachments(client, plan):
    files = [SimpleUploadedFile(f"f{i}.png", png_bytes()) for i in range(4)]
    response = submit(client, plan, attachments=files)
    assert "como máximo 3 archivos" in response.content.decode()
    assert Proposal.objects.count() == 0


def test_oversized_attachment_is_dropped_while_read_and_reported(client, plan, monkeypatch):
    from abierto.proposals import uploads

    monkeypatch.setattr(uploads, "MAX_FILE_BYTES", 1024)
    big = SimpleUploadedFile("grande.png", png_bytes() + b"\0" * 4096)
    response = submit(client, plan, attachments=[big])
    assert response.status_code == 400
    assert "«grande.png» pesa más de 10 MB" in response.content.decode()


def test_attachments_are_served_to_staff_only(client, plan, forum_member, citizen):
    submit(client, plan, attachments=[SimpleUploadedFile("foto.png", png_bytes())])
    attachment = Attachment.objects.get()
    url = reverse("staff:proposals_attachment", args=[attachment.pk])
    client.force_login(citizen)
    assert client.get(url).status_code == 403
    client.force_login(forum_member)
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    assert b"".join(response.streaming_content) == png_bytes()


# --- Status by code -------------------------------------------------------------------------


def make_proposal(client, plan, **overrides) -> Proposal:
    assert submit(client, plan, **overrides).status_code == 302
    return Proposal.objects.order_by("-id").first()


def test_status_by_code_shows_changes_and_response_but_no_personal_data(client, plan, forum_member):
    proposal = make_proposal(client, plan)
    services.proposal_decide(
        actor=forum_member,
        proposal=proposal,
        to_status=Status.NOT_SELECTED,
        response_text="No seleccionada: ya existe un compromiso vigente sobre el tema.",
    )
    typed = proposal.display_code.lower().replace("-", " ")
    response = client.post("/propuestas/estado/", {"code": typed})
    page = response.content.decode()
    assert "No seleccionada" in page
    assert "ya existe un compromiso vigente" in page
    assert "En revisión" in page and "En evaluación" in page
    assert response["Referrer-Policy"] == "same-origin"
    assert '<meta name="robots" content="noindex">' in page
    for value in PERSONAL.values():
        assert value not in page


def test_wrong_and_unknown_codes_get_the_same_answer(client, plan):
    proposal = make_proposal(client, plan)
    wrong = proposal.tracking_code[:-1] + ("A" if proposal.tracking_code[-1] != "A" else "B")
    answers = set()
    for code in (wrong, "ZZZZ-ZZZZ-ZZZZ-ZZZZ", "1234", "<b>x</b>"):
        page = client.post("/propuestas/estado/", {"code": code}).content.decode()
        answers.add("No encontramos ninguna propuesta con ese código" in page)
    assert answers == {True}


def test_status_lookups_are_rate_limited(client, limits):
    limits(status_ip=(3, 600))
    for _ in range(3):
        assert client.post("/propuestas/estado/", {"code": "x"}).status_code == 200
    response = client.post("/propuestas/estado/", {"code": "x"})
    assert response.status_code == 429
    assert "Demasiados intentos" in response.content.decode()


def test_proposer_withdraws_with_the_code(client, plan):
    proposal = make_proposal(client, plan)
    client.post(
        "/propuestas/estado/",
        {"code": proposal.display_code, "accion": "retirar", "confirmar": "si"},
    )
    proposal.refresh_from_db()
    assert proposal.status == Status.WITHDRAWN


# --- Public pages ---------------------------------------------------------------------------


def test_no_email_or_phone_on_any_public_page(client, plan, forum_member):
    proposal = make_proposal(client, plan, organization_name="Colectivo Transparencia")
    services.proposal_transition(actor=forum_member, proposal=proposal, to_status=Status.IN_REVIEW)
    pages = [
        "/propuestas/",
        f"/propuestas/{proposal.pk}/",
        "/propuestas/?q=compras",
        f"/historial/proposals/proposal/{proposal.pk}/",
        f"/propuestas/similares/?titulo=compras+municipales&plan={plan.pk}",
    ]
    contents = [client.get(url).content.decode() for url in pages]
    contents.append(
        client.post("/propuestas/estado/", {"code": proposal.tracking_code}).content.decode()
    )
    for content in contents:
        for value in PERSONAL.values():
            assert value not in content
        assert "@example.org" not in content


def test_html_in_fields_is_shown_as_text(client, plan):
    proposal = make_proposal(client, plan, title="<script>alert('x')</script> Datos abiertos")
    page = client.get(f"/propuestas/{proposal.pk}/").content.decode()
    assert "<script>alert" not in page
    assert "&lt;script&gt;alert" in page


def test_hidden_proposals_leave_public_pages(client, plan, forum_member):
    proposal = make_proposal(client, plan)
    services.proposal_hide(actor=forum_member, proposal=proposal, reason="spam")
    assert client.get(f"/propuestas/{proposal.pk}/").status_code == 404
    assert proposal.title not in client.get("/propuestas/").content.decode()
    assert client.get(f"/historial/proposals/proposal/{proposal.pk}/").status_code == 404


def test_list_filters_search_and_counts(client, plan):
    make_proposal(client, plan, title="Participación ciudadana en Galápagos", province="galapagos")
    make_proposal(client, plan, province="loja")
    response = client.get("/propuestas/", {"q": "PARTICIPACION galapagos"})
    page = response.content.decode()
    assert "Participación ciudadana en Galápagos" in page
    assert "Datos abiertos de compras" not in page
    page = client.get("/propuestas/", {"provincia": "loja"}).content.decode()
    assert "Datos abiertos de compras" in page and "Galápagos</a>" not in page
    assert "Loja (1)" in page and "Galápagos (1)" in page


def test_seek_pagination_walks_forward_and_to_the_last_page(client, plan, settings):
    from abierto.proposals import selectors

    _create_many(plan, 45)
    first = selectors.public_proposal_page({}, page_size=20)
    assert first.total == 45 and first.has_next and not first.has_previous
    second = selectors.public_proposal_page({}, after=first.next_cursor, page_size=20)
    assert second.rows[0].id == first.rows[-1].id - 1 and second.has_previous
    last = selectors.public_proposal_page({}, last=True, page_size=20)
    assert not last.has_next and last.rows[-1].id == Proposal.objects.order_by("id").first().id
    back = selectors.public_proposal_page({}, before=second.previous_cursor, page_size=20)
    assert [p.id for p in back.rows] == [p.id for p in first.rows]
    response = client.get("/propuestas/", {"despues": first.next_cursor})
    assert response.status_code == 200 and "Anterior" in response.content.decode()


def _create_many(plan, n, start=0):
    for i in range(start, start + n):
        services.proposal_submit(
            actor=None,
            plan=plan,
            title=f"Propuesta de ejemplo {i}",
            problem="Un problema descrito con detalle suficiente.",
            solution="Una solución descrita con detalle suficiente.",
            beneficiaries="Todos.",
            province="azuay",
            proposer_type="academia",
            axis=plan.axes.first(),
            theme=plan.themes.first(),
            contact_name="N",
        )


def test_list_and_detail_run_a_fixed_number_of_queries(client, plan, django_assert_max_num_queries):
    """3 or 30 proposals: the same queries (pinned), whatever the number of rows."""
    pinned = {"list": 8, "list_plan": 12, "detail": 3}

    def urls():
        newest = Proposal.objects.order_by("-id").first()
        return {
            "list": "/propuestas/",
            "list_plan": f"/propuestas/?plan={plan.pk}",
            "detail": f"/propuestas/{newest.pk}/",
        }

    for start, n in ((0, 3), (3, 27)):
        _create_many(plan, n, start=start)
        for name, url in urls().items():
            with django_assert_max_num_queries(pinned[name]) as captured:
                assert client.get(url).status_code == 200
            assert len(captured) == pinned[name], (name, n, len(captured))


def test_warm_list_answers_from_the_cache_and_a_write_refreshes_the_counts(
    client, plan, django_assert_max_num_queries
):
    _create_many(plan, 3)
    client.get("/propuestas/")
    with django_assert_max_num_queries(1):  # only the page of rows
        page = client.get("/propuestas/").content.decode()
    assert "3 propuestas" in page
    _create_many(plan, 1, start=3)
    assert "4 propuestas" in client.get("/propuestas/").content.decode()


def test_pages_speak_english_when_chosen(client, plan):
    client.cookies["idioma"] = "en"
    assert "Send a proposal" in client.get("/propuestas/nueva/").content.decode()
    assert "Citizen proposals" in client.get("/propuestas/").content.decode()


def test_reused_token_with_other_content_never_reveals_the_first_code(client, plan):
    data = form_data(plan)
    assert client.post(NEW, data).status_code == 302
    first = Proposal.objects.get()
    other = Client()
    response = other.post(NEW, {**data, "contact_email": "intruso@example.org"})
    assert response.status_code == 409
    page = response.content.decode()
    assert first.display_code not in page
    assert "ya se había enviado" in page
    assert Proposal.objects.count() == 1


def test_detail_says_where_a_merged_proposal_went_and_what_merged_into_it(
    client, plan, forum_member
):
    target = make_proposal(client, plan, title="Portal único de compras municipales")
    merged = make_proposal(client, plan, title="Compras municipales en un solo portal")
    services.proposal_decide(
        actor=forum_member,
        proposal=merged,
        to_status=Status.MERGED,
        merged_into=target,
        response_text="Fusionada: trata el mismo problema que otra propuesta.",
    )
    page = client.get(f"/propuestas/{merged.pk}/").content.decode()
    assert "Se fusionó con:" in page and target.title in page
    page = client.get(f"/propuestas/{target.pk}/").content.decode()
    assert "Propuestas fusionadas con esta" in page and merged.title in page


def test_confirmation_shows_the_code_in_groups_and_how_to_read_it_aloud(client, plan):
    assert submit(client, plan).status_code == 302
    proposal = Proposal.objects.get()
    page = client.get(reverse("proposals:sent")).content.decode()
    groups = proposal.display_code.split("-")
    assert "<span>" + "</span>-<span>".join(groups) + "</span>" in page
    assert "no usa la O, la I, la L ni la U, ni los números 0 y 1" in page


def test_missing_proposer_type_is_explained_in_plain_spanish(client, plan):
    page = client.post(NEW, form_data(plan, proposer_type="", paso="revisar")).content.decode()
    assert "Elija en calidad de qué presenta la propuesta." in page
    assert "como quién" not in page


def test_closed_form_in_english_gives_english_dates_and_says_no_date_is_set(client, plan):
    plan.stages.filter(receives_proposals=True).update(
        start_date="2022-05-01", end_date="2022-08-31"
    )
    page = client.get(NEW).content.decode()
    assert "Todavía no hay fecha para la próxima recepción" in page
    assert 'href="/planes/"' in page
    client.cookies["idioma"] = "en"
    page = client.get(NEW).content.decode()
    assert "31 August 2022" in page and "de August" not in page  # the house format in English
    assert "There is no date yet for the next call" in page


def test_example_proposal_history_says_its_dates_are_those_of_the_demo_load(client, plan):
    from abierto.proposals import demo

    demo.load()
    example = Proposal.objects.filter(is_example=True).order_by("id").first()
    page = client.get(f"/propuestas/{example.pk}/").content.decode()
    from django.utils import timezone
    from django.utils.formats import date_format

    # Before the dates, the page says both: the example's own date and the day of the load.
    note = page.split('class="muted small example-dates">')[1].split("</p>")[0]
    received = date_format(timezone.localdate(example.created_at), "DATE_FORMAT")
    loaded = date_format(timezone.localdate(), "DATE_FORMAT")
    assert f"dice haber llegado el {received}" in note
    assert f"su historial registra el {loaded}, día en que se cargaron los datos" in note
    assert page.index("example-dates") < page.index('class="timeline-list"')
    assert submit(client, plan).status_code == 302
    real = Proposal.objects.get(is_example=False)
    page = client.get(f"/propuestas/{real.pk}/").content.decode()
    assert "datos de demostración" not in page


def test_detail_dates_are_english_in_english(client, plan):
    assert submit(client, plan).status_code == 302
    proposal = Proposal.objects.get()
    client.cookies["idioma"] = "en"
    page = client.get(f"/propuestas/{proposal.pk}/").content.decode()
    assert " de " not in page.split("Received on")[1].split("</dd>")[0]


def test_english_confirmation_names_the_forum_in_english(client, plan):
    assert submit(client, plan).status_code == 302
    client.cookies["idioma"] = "en"
    page = client.get(reverse("proposals:sent")).content.decode()
    assert "The Core Group&#x27;s evaluation commission" in page or "Core Group's" in page
    assert "Grupo Núcleo" not in page.split('id="contenido"')[1].split("</main>")[0]


@pytest.mark.django_db
def test_list_names_filters_it_could_not_understand_and_ignores_them(client):
    response = client.get("/propuestas/?provincia=atlantida&estado=zz&canal=web&plan=abc")
    html = response.content.decode()
    assert response.status_code == 200
    assert "No entendimos el valor de estos filtros y no se aplicaron" in html
    assert "Provincia" in html.split("no se aplicaron:", 1)[1].split("</p>", 1)[0]
    assert "Plan" in html.split("no se aplicaron:", 1)[1].split("</p>", 1)[0]
    assert "Canal" not in html.split("no se aplicaron:", 1)[1].split("</p>", 1)[0]


def test_rate_limited_citizen_keeps_what_they_wrote(client, plan, limits):
    limits(submit_ip=(1, 3600))
    assert submit(client, plan).status_code == 302
    response = submit(client, plan, title="Otra propuesta sobre presupuestos abiertos")
    page = response.content.decode()
    assert response.status_code == 429
    assert "Otra propuesta sobre presupuestos abiertos" in page
    assert "Su texto sigue aquí" in page


def test_a_resent_form_does_not_count_against_the_limit(client, plan, limits):
    limits(submit_ip=(1, 3600))
    data = form_data(plan)
    assert client.post(NEW, data).status_code == 302
    assert client.post(NEW, data).status_code == 302  # the double click: same proposal
    assert Proposal.objects.count() == 1
