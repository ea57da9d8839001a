"""The public plan pages: what a visitor sees, and which stage is current on a given day."""

import datetime
import re
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from abierto.forum import demo as forum_demo
from abierto.plans import demo, services

from .factories import make_plan

pytestmark = pytest.mark.django_db
TZ = ZoneInfo("America/Guayaquil")
PLAN2 = "/planes/segundo-plan-de-accion-2022-2024/"


@pytest.fixture
def demo_plans():
    forum_demo.load()
    demo.load()


def at(y, m, d):
    return time_machine.travel(datetime.datetime(y, m, d, 12, tzinfo=TZ), tick=False)


def current_stage_numbers(html: str) -> list[int]:
    """Numbers of the stages marked current in the accessible list."""
    items = re.findall(r'<li class="current">\s*<h3>Etapa (\d+):', html)
    return [int(n) for n in items]


def test_plan_two_page_shows_axes_criteria_and_stages_with_dates(client, demo_plans):
    html = client.get(PLAN2).content.decode()
    for axis in [
        "Económico",
        "Social",
        "Seguridad integral",
        "Transición ecológica",
        "Institucional",
    ]:
        assert f"<h3>{axis}</h3>" in html
    for criterion in ["Relevancia", "Factibilidad", "Innovación", "Alcance", "Sostenibilidad"]:
        assert f'<th scope="row">{criterion}</th>' in html
    assert "suman 100 %" in html
    assert html.count("<h3>Etapa ") == 5
    assert "Etapa 2: Recepción de propuestas ciudadanas" in html
    assert "1 de mayo de 2022" in html and "31 de agosto de 2022" in html
    assert "Mapeo temático y territorial de actores" in html
    assert 'aria-hidden="true"' in html and "<svg" in html
    assert "Gobernanza digital" in html and "Interculturalidad" in html


@pytest.mark.parametrize(
    ("day", "current", "message"),
    [
        ((2021, 9, 30), [], "La cocreación aún no ha empezado."),
        ((2021, 10, 1), [1], "etapa 1, Mapeo temático"),
        ((2022, 3, 31), [1], "A continuación: etapa 2"),
        ((2022, 4, 15), [], "Hoy no hay ninguna etapa en curso."),
        ((2022, 6, 1), [2], "A continuación: etapa 3"),
        ((2022, 7, 20), [2, 3], "etapa 3, Formulación de compromisos"),
        ((2022, 10, 1), [4], "A continuación: etapa 5"),
        ((2023, 1, 15), [5], "etapa 5, Formalización"),
        ((2023, 2, 1), [], "Todas las etapas han terminado."),
    ],
)
def test_current_stage_follows_the_date(client, demo_plans, day, current, message):
    with at(*day):
        html = client.get(PLAN2).content.decode()
    assert current_stage_numbers(html) == current
    assert message in html


def test_what_opens_next_says_when(client, demo_plans):
    with at(2022, 4, 15):
        html = client.get(PLAN2).content.decode()
    assert (
        "A continuación: etapa 2, Recepción de propuestas ciudadanas, empieza el 1 de mayo "
        "de 2022." in html
    )


def test_old_version_address_moves_permanently_to_the_version_page(client, demo_plans):
    response = client.get("/planes/primer-plan-de-accion-2019-2022-v1/")
    assert response.status_code == 301
    assert response["Location"] == "/planes/primer-plan-de-accion-2019-2022/versiones/1/"
    current = client.get("/planes/primer-plan-de-accion-2019-2022-v2/")
    assert current.status_code == 301
    assert current["Location"] == "/planes/primer-plan-de-accion-2019-2022/"
    assert client.get("/planes/primer-plan-de-accion-2019-2022-v7/").status_code == 404


def test_old_version_is_readable_labelled_and_links_to_current(client, demo_plans):
    html = client.get("/planes/primer-plan-de-accion-2019-2022/versiones/1/").content.decode()
    assert "versión anterior, no vigente" in html
    assert "No está en vigor" in html
    assert 'href="/planes/primer-plan-de-accion-2019-2022/"' in html
    # The frame as it was: period to August 2021, both stages with their dates then.
    assert "31 de agosto de 2021" in html
    assert "Implementación, monitoreo y seguimiento" in html
    # What changed in version 2, and why.
    assert "Qué cambió en la versión 2" in html
    assert "Fin del periodo: 31 de agosto de 2021 → 31 de agosto de 2022" in html
    assert "Fechas de la etapa 2. Implementación, monitoreo y seguimiento" in html
    assert "Reprogramación publicada por el Gobierno del Ecuador" in html

    current = client.get("/planes/primer-plan-de-accion-2019-2022/").content.decode()
    assert "Motivo de esta versión" in current
    assert "Reprogramación" in current
    assert '<h2 id="versiones">Versiones</h2>' in current
    assert 'href="/planes/primer-plan-de-accion-2019-2022/versiones/1/"' in current
    assert "Versión inicial." in current


def test_version_in_force_has_no_page_of_its_own(client, demo_plans):
    response = client.get("/planes/primer-plan-de-accion-2019-2022/versiones/2/")
    assert response.status_code == 302
    assert response["Location"] == "/planes/primer-plan-de-accion-2019-2022/"
    assert client.get("/planes/primer-plan-de-accion-2019-2022/versiones/9/").status_code == 404


def test_plan_list_shows_current_versions_and_links_old_ones(client, demo_plans):
    html = client.get(reverse("plans:list")).content.decode()
    assert "Segundo Plan de Acción" in html
    assert html.count("Primer Plan de Acción de Gobierno Abierto 2019-2022</a>") == 1
    assert "versión 1</a>" in html


def test_unknown_plan_is_404(client):
    assert client.get("/planes/no-existe/").status_code == 404


def _count_queries(client, url) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


def _plans_with_old_versions(numbers) -> None:
    for n in numbers:
        plan = make_plan(n, stages=3)
        services.plan_new_version(actor=None, plan=plan, reason="Reprogramación.")


def test_plan_list_runs_a_fixed_number_of_queries(client, django_assert_max_num_queries):
    _plans_with_old_versions(range(1, 4))
    with django_assert_max_num_queries(3):
        few = _count_queries(client, "/planes/")
    _plans_with_old_versions(range(4, 31))
    with django_assert_max_num_queries(3):
        many = _count_queries(client, "/planes/")
    assert many == few
    html = client.get("/planes/").content.decode()
    assert html.count('class="card"') == 30


def test_forum_members_see_ogp_notice_warnings_and_citizens_do_not(client, citizen, forum_member):
    plan = make_plan(7, start_date=datetime.date(2030, 1, 1))
    plan.stages.create(
        number=1,
        name="Recepción",
        start_date=datetime.date(2030, 3, 1),
        end_date=datetime.date(2030, 4, 1),
        announced_on=datetime.date(2030, 2, 20),
    )
    url = f"/planes/{plan.slug}/"
    with at(2030, 2, 25):
        client.force_login(citizen)
        assert "se anunció 9 días antes" not in client.get(url).content.decode()
        client.force_login(forum_member)
        html = client.get(url).content.decode()
    assert "se anunció 9 días antes de empezar" in html
    assert "no tiene reuniones registradas" in html


def test_plan_page_in_english(client, demo_plans):
    client.cookies["idioma"] = "en"
    html = client.get(PLAN2).content.decode()
    assert "Co-creation stages" in html and "Criteria for evaluating proposals" in html
    with at(2022, 4, 15):
        html = client.get(PLAN2).content.decode()
    assert "Next: stage 2, Recepción de propuestas ciudadanas, starts on" in html


def test_plan_receiving_proposals_links_to_the_form_and_to_what_it_received(client):
    from abierto.proposals import demo as proposals_demo

    plan = proposals_demo._example_plan(timezone.localdate())
    html = client.get(reverse("plans:detail", args=[plan.slug])).content.decode()
    assert f'href="/propuestas/nueva/?plan={plan.slug}"' in html
    assert "Enviar una propuesta para este plan" in html
    assert f'href="/propuestas/?plan={plan.pk}"' in html


def test_closed_plan_links_to_its_proposals_but_not_to_the_form(client, demo_plans):
    html = client.get(PLAN2).content.decode()
    assert "Enviar una propuesta para este plan" not in html
    assert "Ver las propuestas recibidas y sus respuestas" in html


def test_plan_without_a_proposal_stage_shows_no_proposal_links(client):
    plan = make_plan(stages=2)
    html = client.get(reverse("plans:detail", args=[plan.slug])).content.decode()
    assert "/propuestas/" not in html.split('id="contenido"')[1].split("</main>")[0]
