"""Paper proposals written at a mesa: the service's rules, the facilitator's fast form, the CSV
import (all rows or none), the counts on the mesa's pages and the proposals half of the
participation statistics."""

import datetime
import re

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from abierto.core.models import ActionLog
from abierto.core.roles import Role
from abierto.mesas import services as mesa_services
from abierto.mesas.models import MesaStatus
from abierto.proposals import services
from abierto.proposals.csv_import import COLUMNS, MAX_ROWS
from abierto.proposals.models import Channel, Proposal

from ..helpers import make_user
from ..mesas.factories import make_mesa
from ..plans.factories import make_plan
from .conftest import PERSONAL

pytestmark = pytest.mark.django_db


def held(plan, **fields):
    """A mesa of ``plan`` that took place yesterday."""
    start = timezone.now() - datetime.timedelta(days=1)
    return make_mesa(plan, starts_at=start, ends_at=start + datetime.timedelta(hours=3), **fields)


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
    return services.proposal_submit(**fields)[0]


def mesa_error(caught) -> str:
    return " ".join(caught.value.message_dict["mesa"])


# --- The service ----------------------------------------------------------------------------


def test_a_mesa_proposal_must_name_its_mesa(plan):
    with pytest.raises(ValidationError) as caught:
        submit(plan, channel=Channel.MESA)
    assert "Indique la mesa" in mesa_error(caught)
    assert not Proposal.objects.exists()


def test_a_mesa_of_another_plan_is_refused(plan):
    other = held(make_plan(number=40, slug="otro-plan"))
    with pytest.raises(ValidationError) as caught:
        submit(plan, channel=Channel.MESA, mesa=other)
    assert "otro plan de acción" in mesa_error(caught)
    assert not Proposal.objects.exists()


def test_another_channel_names_no_mesa(plan):
    mesa = held(plan)
    for channel in (Channel.PAPER, Channel.WEB):
        with pytest.raises(ValidationError) as caught:
            submit(plan, channel=channel, mesa=mesa)
        assert "Solo las propuestas recibidas en una mesa" in mesa_error(caught)
    assert not Proposal.objects.exists()


def test_a_mesa_not_yet_held_or_cancelled_receives_nothing(plan, forum_member):
    upcoming = make_mesa(plan)
    with pytest.raises(ValidationError) as caught:
        submit(plan, channel=Channel.MESA, mesa=upcoming)
    assert "todavía no se ha realizado" in mesa_error(caught)
    mesa_services.mesa_cancel(
        actor=forum_member, mesa=upcoming, reason="Lluvias fuertes en la zona"
    )
    upcoming.refresh_from_db()
    assert upcoming.status == MesaStatus.CANCELLED
    with pytest.raises(ValidationError) as caught:
        submit(plan, channel=Channel.MESA, mesa=upcoming)
    assert "cancelada" in mesa_error(caught)


def test_a_mesa_proposal_is_stored_with_its_mesa_and_audited(plan):
    mesa = held(plan)
    facilitator = make_user("fac@example.org", Role.FACILITATOR)
    proposal = submit(plan, actor=facilitator, channel=Channel.MESA, mesa=mesa)
    assert proposal.mesa == mesa and proposal.entered_by == facilitator
    log = ActionLog.objects.get(verb="proposal.received", object_id=str(proposal.pk))
    assert log.data == {"channel": "mesa"}


# --- The facilitator's fast form --------------------------------------------------------------


@pytest.fixture
def mesa_a(plan):
    return held(plan, title="Mesa de Riobamba")


@pytest.fixture
def mesa_b(plan):
    return held(plan, title="Mesa de Macas")


@pytest.fixture
def facilitator_a(mesa_a):
    user = make_user("facilita.a@example.org", Role.FACILITATOR)
    mesa_services.mesa_set_facilitators(actor=None, mesa=mesa_a, facilitators={user})
    return user


def fast_form(plan, **overrides) -> dict:
    data = {
        "title": "Agua potable con datos abiertos en la parroquia",
        "problem": "La junta de agua no publica cuánto cobra ni en qué gasta lo recaudado.",
        "solution": "Publicar cada mes ingresos y gastos de la junta de agua en la cartelera.",
        "beneficiaries": "Familias de la parroquia.",
        "axis": str(plan.axes.order_by("order").first().pk),
        "theme": "",
        "province": "chimborazo",
        "canton": "",
        "proposer_type": "ciudadania",
        "organization_name": "",
        "contact_name": "Rosa Guamán",
        "contact_email": "",
        "contact_phone": "",
        "gender": "",
        "age_range": "",
        "self_identification": "",
        "token": "9f0c2d7e-2b8a-4d55-9f1e-0c8b7a6d5e4f",
        "consent": "on",
    }
    data.update(overrides)
    return data


def enter_url(mesa) -> str:
    return reverse("staff:proposals_mesa_enter", kwargs={"mesa_pk": mesa.pk})


def test_the_fast_form_speaks_of_the_proposer_and_marks_optional_fields(
    client, facilitator_a, mesa_a
):
    client.force_login(facilitator_a)
    page = client.get(enter_url(mesa_a)).content.decode()
    assert "Mesa de Riobamba" in page and mesa_a.plan.title in page
    assert "¿Qué problema quiere resolver la persona?" in page
    assert "Nombre de quien propone" in page
    assert "Teléfono de quien propone (opcional)" in page
    assert "Cantón (opcional)" in page and "Tema (opcional)" in page
    assert "¿Qué problema quiere resolver?" not in page  # not the proposer's own voice
    assert 'name="channel"' not in page and 'name="mesa"' not in page  # fixed by the page


def test_a_facilitator_enters_proposals_one_after_another(client, facilitator_a, mesa_a):
    client.force_login(facilitator_a)
    response = client.post(enter_url(mesa_a), fast_form(mesa_a.plan))
    assert response.status_code == 302 and response["Location"] == enter_url(mesa_a)
    proposal = Proposal.objects.get()
    assert (proposal.mesa, proposal.channel, proposal.plan) == (mesa_a, "mesa", mesa_a.plan)
    assert proposal.entered_by == facilitator_a
    page = client.get(enter_url(mesa_a)).content.decode()
    assert f"Propuesta n.º {proposal.pk} registrada" in page
    receipt = reverse("staff:proposals_receipt", kwargs={"pk": proposal.pk})
    assert receipt in page
    # The form is blank again, ready for the next sheet.
    assert 'value="Agua potable' not in page and "La junta de agua no publica" not in page
    # A double click gives back the same proposal, not a second one.
    client.post(enter_url(mesa_a), fast_form(mesa_a.plan))
    assert Proposal.objects.count() == 1
    assert "ya estaba registrada" in client.get(enter_url(mesa_a)).content.decode()
    # Two entries before printing: both receipts still show their code, once.
    response = client.post(
        enter_url(mesa_a),
        fast_form(mesa_a.plan, token="1b2c3d4e-5f60-4a7b-8c9d-0e1f2a3b4c5d", title="Otra idea"),
    )
    assert response.status_code == 302, response.content.decode()
    second = Proposal.objects.latest("id")
    for entered in (proposal, second):
        url = reverse("staff:proposals_receipt", kwargs={"pk": entered.pk})
        shown = "</span>-<span>".join(entered.display_code.split("-"))
        assert shown in client.get(url).content.decode()
        assert shown not in client.get(url).content.decode()


def test_a_facilitator_of_mesa_a_cannot_enter_for_mesa_b(client, facilitator_a, mesa_a, mesa_b):
    client.force_login(facilitator_a)
    assert client.get(enter_url(mesa_b)).status_code == 403
    assert client.post(enter_url(mesa_b), fast_form(mesa_b.plan)).status_code == 403
    import_url = reverse("staff:proposals_mesa_import", kwargs={"mesa_pk": mesa_b.pk})
    assert client.post(import_url, {"consent": "on"}).status_code == 403
    assert not Proposal.objects.exists()


def test_the_general_intake_form_only_offers_the_facilitators_own_mesas(
    client, plan, facilitator_a, mesa_a, mesa_b
):
    plan.facilitators.add(facilitator_a)
    client.force_login(facilitator_a)
    url = reverse("staff:proposals_enter") + f"?plan={plan.pk}"
    page = client.get(url).content.decode()
    assert "Mesa de Riobamba" in page and "Mesa de Macas" not in page
    data = fast_form(plan, channel="mesa", mesa=str(mesa_b.pk))
    response = client.post(url, data)
    assert response.status_code == 400
    assert "Elija una de las mesas de la lista" in response.content.decode()
    response = client.post(url, {**data, "mesa": ""})
    assert response.status_code == 400
    assert "Indique la mesa" in response.content.decode()
    assert not Proposal.objects.exists()
    assert client.post(url, {**data, "mesa": str(mesa_a.pk)}).status_code == 302
    assert Proposal.objects.get().mesa == mesa_a


def test_the_forms_say_why_a_mesa_cannot_take_proposals_yet(client, forum_member, plan):
    upcoming = make_mesa(plan, title="Mesa del próximo mes")
    client.force_login(forum_member)
    staff = client.get(reverse("staff:mesas_manage", args=[upcoming.pk])).content.decode()
    assert "todavía no se ha realizado" in staff and enter_url(upcoming) not in staff
    page = client.get(enter_url(upcoming)).content.decode()
    assert "todavía no se ha realizado" in page and 'name="title"' not in page
    # Nor is it offered on the general intake form.
    general = client.get(reverse("staff:proposals_enter") + f"?plan={plan.pk}")
    assert "Mesa del próximo mes" not in general.content.decode()


def test_the_grupo_nucleo_may_enter_for_any_mesa(client, forum_member, mesa_b):
    client.force_login(forum_member)
    assert client.post(enter_url(mesa_b), fast_form(mesa_b.plan)).status_code == 302
    assert Proposal.objects.get().mesa == mesa_b


def test_an_invalid_sheet_keeps_what_was_typed_and_says_why(client, facilitator_a, mesa_a):
    client.force_login(facilitator_a)
    response = client.post(enter_url(mesa_a), fast_form(mesa_a.plan, problem="Corto"))
    assert response.status_code == 400
    page = response.content.decode()
    assert "al menos 30 caracteres" in page and "Agua potable con datos abiertos" in page
    assert not Proposal.objects.exists()


# --- CSV import ---------------------------------------------------------------------------------


def csv_file(rows, *, header=None, name="propuestas.csv", encoding="utf-8") -> SimpleUploadedFile:
    header = header if header is not None else list(COLUMNS)
    lines = [",".join(header)] + [",".join(row) for row in rows]
    data = ("\r\n".join(lines) + "\r\n").encode(encoding)
    return SimpleUploadedFile(name, data, content_type="text/csv")


def row(plan, **cells) -> list[str]:
    values = {
        "titulo": "Agua potable con datos abiertos",
        "problema": "La junta de agua no publica cuánto cobra ni en qué gasta lo recaudado.",
        "solucion": "Publicar cada mes ingresos y gastos de la junta de agua en la cartelera.",
        "beneficiarios": "Familias de la parroquia.",
        "eje": plan.axes.order_by("order").first().name,
        "tema": "",
        "provincia": "Chimborazo",
        "canton": "Guamote",
        "tipo_proponente": "Sociedad civil",
        "organizacion": "",
        "nombre": "Rosa Guamán",
        "correo": "",
        "telefono": "+593 99 765 4321",
        "genero": "Mujer",
        "edad": "",
        "autoidentificacion": "indígena",
    }
    values.update(cells)
    return [f'"{values[c]}"' for c in COLUMNS]


def import_url(mesa) -> str:
    return reverse("staff:proposals_mesa_import", kwargs={"mesa_pk": mesa.pk})


def upload(client, mesa, file, consent=True):
    data = {"archivo": file}
    if consent:
        data["consent"] = "on"
    return client.post(import_url(mesa), data)


def test_the_template_has_the_exact_header(client, facilitator_a, mesa_a):
    client.force_login(facilitator_a)
    response = client.get(reverse("staff:proposals_mesa_template", kwargs={"mesa_pk": mesa_a.pk}))
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    text = response.content.decode("utf-8-sig")
    assert text == ",".join(COLUMNS) + "\r\n"


def test_a_valid_file_stores_every_row_linked_to_the_mesa(client, facilitator_a, mesa_a):
    client.force_login(facilitator_a)
    plan = mesa_a.plan
    rows = [row(plan, titulo=f"Propuesta de la mesa número {n}") for n in range(3)]
    rows.append(row(plan, titulo='=HYPERLINK("http://x")', nombre="@Pedro"))
    response = upload(client, mesa_a, csv_file(rows))
    assert response.status_code == 302
    proposals = list(Proposal.objects.order_by("id"))
    assert len(proposals) == 4
    assert all(p.mesa == mesa_a and p.channel == "mesa" for p in proposals)
    assert all(p.entered_by == facilitator_a for p in proposals)
    first = proposals[0]
    assert (first.province, first.proposer_type, first.gender) == (
        "chimborazo",
        "sociedad-civil",
        "mujer",
    )
    assert first.self_identification == "indigena" and first.contact_phone == "+593 99 765 4321"
    # Cells a spreadsheet would run are stored as text (core.csvsafe).
    assert proposals[3].title.startswith("'=HYPERLINK") and proposals[3].contact_name == "'@Pedro"
    # Audited like any other intake: one "received" entry per proposal.
    assert ActionLog.objects.filter(verb="proposal.received").count() == 4
    page = client.get(import_url(mesa_a)).content.decode()
    assert "Se registraron 4 propuestas" in page
    assert reverse("staff:proposals_receipt", kwargs={"pk": first.pk}) in page
    # The same file again stores nothing twice.
    assert upload(client, mesa_a, csv_file(rows)).status_code == 302
    assert Proposal.objects.count() == 4
    assert "4 filas ya estaban registradas" in client.get(import_url(mesa_a)).content.decode()


def test_one_bad_row_saves_nothing_and_every_bad_row_is_reported(client, facilitator_a, mesa_a):
    client.force_login(facilitator_a)
    plan = mesa_a.plan
    rows = [
        row(plan),
        row(plan, problema="Corto"),
        row(plan, titulo="Otra propuesta válida de la mesa"),
        row(plan, provincia="Atlántida", eje="Eje que no existe"),
    ]
    response = upload(client, mesa_a, csv_file(rows))
    assert response.status_code == 400
    page = response.content.decode()
    assert "No se guardó ninguna propuesta" in page
    assert "2 filas tienen errores" in page
    table = page.split('id="tabla-errores"', 1)[1]
    assert re.search(r'<th scope="row">3</th>.*al menos 30 caracteres', table, re.S)
    assert re.search(r'<th scope="row">5</th>.*«Atlántida» no es un valor válido', table, re.S)
    assert "«Eje que no existe» no es un eje de este plan" in table
    assert '<th scope="row">2</th>' not in table
    assert not Proposal.objects.exists()
    assert not ActionLog.objects.filter(verb="proposal.received").exists()


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"", "está vacío"),
        (b"   \r\n", "está vacío"),
        (b"titulo,problema\r\nA,B\r\n", "Falta la columna «solucion»"),
        (
            (",".join(COLUMNS) + ",extra\r\n").encode(),
            "Columna desconocida «extra»",
        ),
        ((",".join(COLUMNS) + "\r\n").encode(), "no tiene filas de datos"),
        ((",".join(COLUMNS) + "\r\nPropuesta en \xe9\r\n").encode("latin-1"), "no está en UTF-8"),
        (b"\x89PNG\r\n\x1a\n" + b"\x00" * 64, "no está en UTF-8"),
    ],
)
def test_a_bad_file_is_refused_clearly(client, facilitator_a, mesa_a, content, expected):
    client.force_login(facilitator_a)
    response = upload(client, mesa_a, SimpleUploadedFile("p.csv", content, "text/csv"))
    assert response.status_code == 400
    assert expected in response.content.decode()
    assert not Proposal.objects.exists()


def test_too_many_rows_are_refused(client, facilitator_a, mesa_a):
    client.force_login(facilitator_a)
    rows = [row(mesa_a.plan)]
    rows = rows * (MAX_ROWS + 1)
    response = upload(client, mesa_a, csv_file(rows))
    assert response.status_code == 400
    assert f"el máximo es {MAX_ROWS}" in response.content.decode()
    assert not Proposal.objects.exists()


def test_the_import_needs_the_consent_of_everyone_in_the_file(client, facilitator_a, mesa_a):
    client.force_login(facilitator_a)
    response = upload(client, mesa_a, csv_file([row(mesa_a.plan)]), consent=False)
    assert response.status_code == 400
    assert "aceptaron el aviso de privacidad" in response.content.decode()
    assert not Proposal.objects.exists()


def test_a_semicolon_file_from_a_spanish_spreadsheet_is_read(client, facilitator_a, mesa_a):
    client.force_login(facilitator_a)
    header = ";".join(COLUMNS)
    cells = ";".join(row(mesa_a.plan))
    data = ("\ufeff" + header + "\r\n" + cells + "\r\n").encode()
    response = upload(client, mesa_a, SimpleUploadedFile("p.csv", data, "text/csv"))
    assert response.status_code == 302
    assert Proposal.objects.get().mesa == mesa_a


# --- Counts on the mesa's pages and the list filter -----------------------------------------------


def test_the_mesa_pages_count_its_proposals_and_link_the_filtered_list(
    client, facilitator_a, mesa_a, mesa_b
):
    plan = mesa_a.plan
    for n in range(2):
        submit(plan, channel=Channel.MESA, mesa=mesa_a, title=f"Propuesta de Riobamba {n}")
    submit(plan, channel=Channel.MESA, mesa=mesa_b, title="Propuesta de Macas")
    page = client.get(reverse("mesas:detail", args=[mesa_a.pk])).content.decode()
    assert "En esta mesa se recibieron 2 propuestas." in page
    assert f"/propuestas/?mesa={mesa_a.pk}" in page
    listed = client.get("/propuestas/", {"mesa": mesa_a.pk}).content.decode()
    assert "Propuesta de Riobamba 0" in listed and "Propuesta de Riobamba 1" in listed
    assert "Propuesta de Macas" not in listed
    assert "Solo las propuestas recibidas en la mesa «Mesa de Riobamba»" in listed
    detail = client.get(f"/propuestas/{Proposal.objects.filter(mesa=mesa_b).get().pk}/")
    assert f'href="/mesas/{mesa_b.pk}/">Mesa de Macas</a>' in detail.content.decode()
    # A bad value is named and ignored, never a 500.
    response = client.get("/propuestas/", {"mesa": "9" * 30})
    assert response.status_code == 200 and "Propuesta de Macas" in response.content.decode()
    client.force_login(facilitator_a)
    staff = client.get(reverse("staff:mesas_manage", args=[mesa_a.pk])).content.decode()
    assert "2 propuestas registradas" in staff
    assert enter_url(mesa_a) in staff and import_url(mesa_a) in staff


# --- Participation statistics -----------------------------------------------------------------


def test_statistics_count_proposals_and_never_show_a_group_under_five(client, plan):
    mesa = held(plan)
    for n in range(8):
        submit(plan, channel=Channel.WEB, created_at=timezone.now(), title=f"Web número {n}")
    for n in range(6):
        submit(plan, channel=Channel.MESA, mesa=mesa, title=f"Mesa número {n}")
    for n in range(2):
        submit(plan, channel=Channel.PAPER, title=f"Papel número {n}")
    page = client.get(reverse("mesas:participation", args=[plan.slug])).content.decode()
    assert "Propuestas públicas recibidas para este plan: 16." in page
    table = page.split('id="tabla-propuestas-canal"', 1)[1].split("</table>", 1)[0]
    pattern = r'<th scope="row">([^<]+)</th>.*?chart-progress-value">([^<]+)<'
    cells = dict(re.findall(pattern, table, re.S))
    # Paper (2) is under 5; the next smallest (mesa, 6) is hidden too, so that 16 - 8 - 6
    # cannot give the paper count back.
    assert cells == {
        "Formulario web": "8",
        "Mesa de cocreación": "&lt;5",
        "Formulario en papel": "&lt;5",
    }
    assert "<svg" in table
    province = page.split('id="tabla-propuestas-provincia"', 1)[1].split("</table>", 1)[0]
    assert "Guayas" in province and ">16<" in province
    assert 'id="tabla-propuestas-eje"' in page and 'id="tabla-propuestas-actor"' in page
