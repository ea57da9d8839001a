"""Every query parameter of every list, with hostile values: never a 500; the list comes back
and names the filter it ignored (one typed layer: abierto.core.filters)."""

import pytest
from django.test import Client
from django.utils import timezone

from abierto.core.filters import MAX_ID, bounded_int
from abierto.core.roles import Role
from abierto.proposals import demo

from ..helpers import make_user
from ..proposals.conftest import form_data

HOSTILE = [
    str(MAX_ID + 1),  # 9223372036854775808: overflows a 64-bit column on SQLite
    "99999999999999999999999999",
    "-1",
    "0",
    "²",  # str.isdigit() is true, int() fails
    "١٢",  # Arabic-Indic digits: int() reads 12
    "abc",
    "\x00",
    "1\x00",
    "<script>alert(1)</script>",
    "x" * 5000,
]
NOTICE = "No entendimos el valor de estos filtros y no se aplicaron"

LISTS = {
    "/propuestas/": [
        "plan",
        "eje",
        "tema",
        "provincia",
        "estado",
        "canal",
        "q",
        "despues",
        "antes",
        "ultima",
        "mesa",
    ],
    "/propuestas/similares/": ["plan", "titulo", "problema"],
    "/actores/": ["sector", "provincia", "tema", "pagina"],
    "/documentos/": ["q", "tipo", "plan", "anio", "pagina"],
    "/propuestas/nueva/": ["plan"],
}
STAFF_LISTS = {
    "/gestion/propuestas/": [
        "plan",
        "eje",
        "tema",
        "provincia",
        "estado",
        "canal",
        "q",
        "oculta",
        "pagina",
        "mesa",
    ],
    "/gestion/contenido/documentos/": ["pagina"],
    "/gestion/propuestas/nueva/": ["plan"],
}


@pytest.fixture
def some_proposals(client, db):
    plan = demo._example_plan(timezone.localdate())
    for n in range(2):
        assert client.post("/propuestas/nueva/", form_data(plan)).status_code == 302, n
    client.cookies.clear()
    return plan


def _params(lists):
    return [(url, name) for url, names in lists.items() for name in names]


@pytest.mark.django_db
@pytest.mark.parametrize(("url", "name"), _params(LISTS))
def test_hostile_values_never_break_a_public_list(client, some_proposals, url, name):
    for value in HOSTILE:
        response = client.get(url, {name: value})
        assert response.status_code in {200, 429}, (url, name, value[:30])
        assert b"<script>alert(1)</script>" not in response.content


@pytest.mark.django_db
@pytest.mark.parametrize(("url", "name"), _params(STAFF_LISTS))
def test_hostile_values_never_break_a_staff_list(client, some_proposals, url, name):
    client.force_login(make_user("nucleo@example.org", Role.FORUM_MEMBER))
    for value in HOSTILE:
        response = client.get(url, {name: value})
        assert response.status_code == 200, (url, name, value[:30])
        assert b"<script>alert(1)</script>" not in response.content


@pytest.mark.django_db
@pytest.mark.parametrize("name", ["plan", "eje", "tema", "despues", "antes", "mesa"])
@pytest.mark.parametrize("value", [str(MAX_ID + 1), "²", "١٢", "-1", "abc"])
def test_a_bad_number_is_named_and_the_list_still_shows(client, some_proposals, name, value):
    response = client.get("/propuestas/", {name: value})
    html = response.content.decode()
    assert response.status_code == 200
    assert NOTICE in html
    assert "2 propuestas" in html


@pytest.mark.django_db
def test_the_largest_id_is_a_valid_filter_that_matches_nothing(client, some_proposals):
    for name in ("plan", "mesa"):
        html = client.get("/propuestas/", {name: str(MAX_ID)}).content.decode()
        assert NOTICE not in html
        assert "0 propuestas" in html


@pytest.mark.django_db
def test_spanish_names_filter_the_public_list(client, some_proposals):
    plan = some_proposals
    axis = plan.axes.order_by("order").first()
    html = client.get("/propuestas/", {"plan": plan.pk, "eje": axis.pk}).content.decode()
    assert "2 propuestas" in html and NOTICE not in html
    assert 'name="eje"' in html and 'name="provincia"' in html
    html = client.get("/propuestas/", {"provincia": "loja"}).content.decode()
    assert "0 propuestas" in html
    html = client.get("/propuestas/", {"estado": "recibida", "canal": "web"}).content.decode()
    assert NOTICE not in html


@pytest.mark.django_db
def test_staff_queue_names_what_it_ignored(client, some_proposals):
    client.force_login(make_user("nucleo@example.org", Role.FORUM_MEMBER))
    html = client.get("/gestion/propuestas/", {"plan": str(MAX_ID + 1)}).content.decode()
    assert NOTICE in html
    assert "2 propuestas" in html


def test_bounded_int_reads_ascii_digits_within_the_database_range():
    assert bounded_int("12") == 12
    assert bounded_int(str(MAX_ID)) == MAX_ID
    for value in [str(MAX_ID + 1), "²", "١٢", "-1", "0", "", None, "1e3", " ", "12 3"]:
        assert bounded_int(value) is None, value


@pytest.mark.django_db
def test_filtered_lists_cost_the_same_queries_whatever_their_size(client, some_proposals):
    """Parsing through the FilterSets adds no query per row (staff queue, actors, documents)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(make_user("nucleo@example.org", Role.FORUM_MEMBER))
    urls = [
        "/gestion/propuestas/?estado=recibida&plan=1&pagina=1",
        "/actores/?sector=academia&pagina=2",
        "/documentos/?tipo=acta&pagina=1",
    ]

    def counts():
        found = {}
        for url in urls:
            with CaptureQueriesContext(connection) as captured:
                assert client.get(url).status_code == 200
            found[url] = len(captured)
        return found

    before = counts()
    plan = some_proposals
    for _ in range(3):
        Client().post("/propuestas/nueva/", form_data(plan))
    assert counts() == before


@pytest.mark.django_db
@pytest.mark.parametrize("name", ["q", "rol", "pagina"])
def test_hostile_values_never_break_the_accounts_list(client, name):
    client.force_login(make_user("admin@example.org", Role.ADMIN))
    for value in HOSTILE:
        response = client.get("/gestion/cuentas/", {name: value})
        assert response.status_code == 200, (name, value[:30])
        assert b"<script>alert(1)</script>" not in response.content


@pytest.mark.django_db
@pytest.mark.parametrize("value", [str(MAX_ID + 1), "²", "-1", "abc"])
def test_chosen_ids_out_of_range_are_refused_not_a_500(client, some_proposals, value):
    """``pk__in=[2**63]`` overflows on SQLite: the staff queue's bulk move and the forum's
    organisation form check ids first (core.filters.BoundedModelMultipleChoiceField)."""
    client.force_login(make_user("nucleo@example.org", Role.FORUM_MEMBER))
    bulk = client.post("/gestion/propuestas/", {"ids": [value], "to_status": "en-revision"})
    assert bulk.status_code == 302
    organization = client.post(
        "/gestion/foro/organizaciones/nueva/",
        {"name": "Fundación Prueba", "sector": "academia", "level": "nacional", "topics": [value]},
    )
    assert organization.status_code == 200
