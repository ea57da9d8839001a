import json

import pytest

from abierto.proposals.models import Proposal

from .conftest import HIDDEN_TITLE, assert_no_private_data

pytestmark = pytest.mark.django_db


def all_pages(client, url: str) -> list[dict]:
    rows = []
    while url:
        response = client.get(url)
        assert response.status_code == 200, response.content
        page = response.json()
        rows += page["resultados"]
        url = page["siguiente"]
    return rows


def test_proposal_list_pages_by_cursor_through_every_public_proposal(client, seeded):
    rows = all_pages(client, "/api/v1/propuestas?limite=3")
    public = Proposal.public_objects.count()
    assert len(rows) == public and len({row["id"] for row in rows}) == public
    assert HIDDEN_TITLE not in json.dumps(rows, ensure_ascii=False)


def test_proposal_filters_use_the_list_parameter_names(client, seeded):
    rows = all_pages(client, f"/api/v1/propuestas?estado=no-admitida&plan={seeded.pk}")
    assert rows and all(row["estado"] == "no-admitida" for row in rows)
    assert rows[0]["respuesta_razonada"]
    found = client.get("/api/v1/propuestas", {"q": "MINGAS datos"}).json()["resultados"]
    assert [row["titulo"] for row in found] == ["Mingas de datos abiertos en Cotacachi"]


@pytest.mark.parametrize(
    "url",
    [
        "/api/v1/propuestas?limite=201",
        "/api/v1/propuestas?limite=0",
        "/api/v1/propuestas?estado=aprobada",
        "/api/v1/propuestas?plan=uno",
        "/api/v1/propuestas?provincia=atlantis",
        "/api/v1/propuestas?despues=-4",
        "/api/v1/propuestas/abc",
        "/api/v1/propuestas/99999999999999999999999",
        "/api/v1/organizaciones?sector=otro",
        "/api/v1/organizaciones/1.5",
        "/api/v1/planes?estado=x",
        "/api/v1/propuestas?plan=%C2%B2",
        "/api/v1/propuestas?plan=9223372036854775808",
        "/api/v1/compromisos?estado=borrador",
        "/api/v1/compromisos?situacion=perdido",
        "/api/v1/compromisos?limite=500",
        "/api/v1/mesas?tipo=otra",
        "/api/v1/mesas/x",
    ],
)
def test_bad_input_answers_400_with_a_json_error(client, db, url):
    response = client.get(url)
    assert response.status_code == 400
    assert response["Content-Type"].startswith("application/json")
    assert response.json()["error"]


def test_hidden_or_missing_proposal_is_404_json(client, seeded):
    hidden = Proposal.objects.get(title=HIDDEN_TITLE)
    response = client.get(f"/api/v1/propuestas/{hidden.pk}")
    assert response.status_code == 404 and "error" in response.json()


def test_plan_detail_with_a_digit_like_or_huge_identifier_is_404(client, seeded):
    for ident in ("%C2%B2", "9" * 15, "9" * 40):
        response = client.get(f"/api/v1/planes/{ident}")
        assert response.status_code == 404 and response.json()["error"]


def test_plan_detail_by_id_or_slug_with_stages(client, seeded):
    by_id = client.get(f"/api/v1/planes/{seeded.pk}").json()
    by_slug = client.get(f"/api/v1/planes/{seeded.slug}").json()
    assert by_id == by_slug and by_id["etapas"]


def test_organisation_list_and_detail(client, seeded):
    rows = all_pages(client, "/api/v1/organizaciones?sector=sector-publico&limite=5")
    assert rows and all(row["sector"] == "sector-publico" for row in rows)
    detail = client.get(f"/api/v1/organizaciones/{rows[0]['id']}").json()
    assert detail == rows[0]


def test_api_responses_hold_no_private_data(client, seeded):
    texts = [json.dumps(all_pages(client, "/api/v1/propuestas?limite=200"), ensure_ascii=False)]
    for proposal in Proposal.public_objects.all():
        texts.append(client.get(f"/api/v1/propuestas/{proposal.pk}").content.decode())
    texts.append(client.get("/api/v1/openapi.json").content.decode())
    for text in texts:
        assert_no_private_data(text)
    schema = client.get("/api/v1/openapi.json").json()
    proposal_fields = schema["components"]["schemas"]["Propuesta"]["properties"]
    assert not {"contact_name", "contact_email", "tracking_code", "gender"} & set(proposal_fields)


def test_list_query_count_is_fixed(client, seeded, django_assert_max_num_queries):
    with django_assert_max_num_queries(3):
        client.get("/api/v1/propuestas?limite=200")
    with django_assert_max_num_queries(3):
        client.get("/api/v1/organizaciones?limite=200")
