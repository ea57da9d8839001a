"""Public pages of the forum app: /grupo-nucleo/ and /actores/."""

import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext

from abierto.forum import demo
from abierto.forum.models import (
    ForumMeeting,
    ForumMembership,
    ForumRole,
    InterestTopic,
    Organization,
    Sector,
)

pytestmark = pytest.mark.django_db
TZ = ZoneInfo("America/Guayaquil")


def count_queries(client, url) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


def make_orgs(start: int, stop: int) -> None:
    topic, _ = InterestTopic.objects.get_or_create(
        slug="datos-abiertos", defaults={"name": "Datos abiertos"}
    )
    sectors = list(Sector)
    for i in range(start, stop):
        org = Organization.objects.create(
            name=f"Organización {i}",
            sector=sectors[i % len(sectors)],
            province=["pichincha", "guayas", "azuay", ""][i % 4],
        )
        org.topics.add(topic)
        ForumMembership.objects.create(
            organization=org,
            role=ForumRole.MEMBER,
            person_name=f"Persona {i}",
            start_date=datetime.date(2020, 1, 1),
        )
        ForumMeeting.objects.create(
            date=datetime.date(2020, 1, 1) + datetime.timedelta(i), title=f"Reunión {i}"
        )


def test_forum_page_shows_members_by_sector_roles_and_meetings(client):
    demo.load()
    org = Organization.objects.get(acronym="MINTEL")
    ForumMembership.objects.create(
        organization=org,
        role=ForumRole.PRESIDENCY,
        person_name="María Ejemplo",
        start_date=datetime.date(2024, 1, 1),
    )
    html = client.get("/grupo-nucleo/").content.decode()
    for sector in ["Sector público", "Sociedad civil", "Academia"]:
        assert f">{sector}</caption>" in html
    assert "Grupo FARO" in html and "Universidad Técnica Particular de Loja" in html
    assert "Presidencia" in html and "María Ejemplo" in html
    assert "Conformación de la comisión evaluadora (ejemplo)" in html
    assert "Orden del día" in html and "Asistentes" in html
    assert "@" not in html.split('id="contenido"')[1].split("</main>")[0]


def test_days_since_last_meeting_is_public_and_warns_after_180(client):
    ForumMeeting.objects.create(
        date=datetime.date(2025, 1, 1), title="Sesión ordinaria", attendance_count=12
    )
    with time_machine.travel(datetime.datetime(2025, 3, 2, 12, tzinfo=TZ), tick=False):
        html = client.get("/grupo-nucleo/").content.decode()
    assert '<span class="stat">60</span> días desde la última reunión' in html
    assert "no se reúne desde hace" not in html
    with time_machine.travel(datetime.datetime(2025, 7, 1, 12, tzinfo=TZ), tick=False):
        html = client.get("/grupo-nucleo/").content.decode()
    assert "no se reúne desde hace 181 días" in html


def test_actors_filters_by_sector_province_and_topic_without_js(client):
    demo.load()
    html = client.get("/actores/?sector=academia&provincia=loja&tema=").content.decode()
    assert "1 organización encontrada." in html
    assert "Universidad Técnica Particular de Loja" in html
    assert "Grupo FARO" not in html.split("Actores por sector y provincia")[0]
    html = client.get("/actores/?tema=genero").content.decode()
    assert "Red de mujeres del Azuay (ejemplo)" in html
    assert "1 organización encontrada." in html
    # Unknown values are ignored rather than breaking the page.
    assert client.get("/actores/?sector=nada&provincia=x").status_code == 200


def test_actors_count_table_is_accessible(client):
    demo.load()
    html = client.get("/actores/").content.decode()
    assert '<caption id="tabla-conteo">Número de organizaciones registradas por provincia' in html
    assert '<th scope="col">Academia</th>' in html
    assert '<th scope="row">Chimborazo</th>' in html


@pytest.mark.parametrize("url", ["/actores/", "/grupo-nucleo/"])
def test_list_pages_run_a_fixed_number_of_queries(client, url, django_assert_max_num_queries):
    make_orgs(0, 3)
    with django_assert_max_num_queries(6):
        few = count_queries(client, url)
    make_orgs(3, 30)
    with django_assert_max_num_queries(6):
        many = count_queries(client, url)
    assert many == few
    assert "Organización 29" in client.get(url).content.decode()


def test_representative_column_only_when_a_seat_names_its_holder(client):
    demo.load()
    ForumMembership.objects.update(person_name="")
    html = client.get("/grupo-nucleo/").content.decode()
    assert ">Representante</th>" not in html  # no column made only of dashes
    membership = ForumMembership.objects.filter(end_date__isnull=True).first()
    membership.person_name = "Rosa Ejemplo"
    membership.save()
    html = client.get("/grupo-nucleo/").content.decode()
    assert ">Representante</th>" in html and ">Rosa Ejemplo</td>" in html


def test_actors_are_sorted_as_spanish_readers_expect(client):
    """«Cámara» comes before «Cooperativa» (accents ignored), not after it (byte order)."""
    from abierto.forum.models import Organization

    for name in ["Cooperativa Andina", "Cámara de Comercio", "Ágora Ciudadana", "Zona Libre"]:
        Organization.objects.create(name=name, sector="sociedad-civil")
    html = client.get("/actores/").content.decode()
    positions = [html.index(n) for n in ["Ágora", "Cámara", "Cooperativa", "Zona"]]
    assert positions == sorted(positions)


def test_no_acronym_is_written_twice(client):
    from abierto.forum import demo

    demo.load()
    demo.load()  # a re-load finds the renamed row instead of adding a second one
    for url in ("/actores/?sector=organismo-internacional", "/grupo-nucleo/"):
        html = client.get(url).content.decode()
        assert "(CEPAL) (ILPES)" not in html
    html = client.get("/actores/?sector=organismo-internacional").content.decode()
    assert "Planificación Económica y Social de la CEPAL</a> (ILPES)" in html
    assert html.count("Planificación Económica y Social") == 1


def test_province_filters_say_todas_not_todos(client):
    """'Provincia' is feminine: every province filter offers 'Todas' (issue 15.7)."""
    for url in ("/actores/", "/mesas/", "/propuestas/"):
        html = client.get(url).content.decode()
        select = html.split('name="provincia"')[1].split("</select>")[0]
        first = select.split("<option", 2)[1]
        assert ">Todas" in first and ">Todos" not in first, url
