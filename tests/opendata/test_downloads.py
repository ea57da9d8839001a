import csv
import datetime
import io
import json

import pytest
from django.urls import reverse

from abierto.opendata.registry import all_datasets
from abierto.proposals.models import Proposal

from .conftest import FORMULA_TITLE, HIDDEN_TITLE, assert_no_private_data

pytestmark = pytest.mark.django_db

EXPECTED = {
    "planes",
    "versiones-de-planes",
    "etapas",
    "ejes",
    "criterios",
    "organizaciones",
    "reuniones-grupo-nucleo",
    "propuestas",
    "historial-publico",
    "compromisos",
    "actores-de-compromisos",
    "hitos",
    "indicadores",
    "mediciones",
    "reportes-de-avance",
    "evidencias",
    "evaluaciones-irm",
    "mesas",
    "actas-de-mesas",
    "resultados-de-evaluacion",
}


def body(response) -> str:
    return b"".join(response.streaming_content).decode()


def test_every_app_dataset_is_discovered():
    assert {dataset.slug for dataset in all_datasets()} >= EXPECTED


def test_catalogue_lists_each_dataset_with_fields_count_update_and_licence(client, seeded):
    page = client.get("/datos/").content.decode()
    for dataset in all_datasets():
        assert str(dataset.title) in page
        assert reverse("opendata:download", args=[dataset.slug, "csv"]) in page
        assert reverse("opendata:download", args=[dataset.slug, "json"]) in page
        for field in dataset.fields:
            assert f"<code>{field.name}</code>" in page
    assert "Creative Commons Atribución 4.0 Internacional (CC BY 4.0)" in page
    assert "Última actualización" in page
    public = client.get(reverse("opendata:download", args=["propuestas", "csv"]))
    rows = list(csv.DictReader(io.StringIO(body(public))))
    assert f"<dt>Filas</dt><dd>{len(rows)}</dd>" in page


def test_catalogue_runs_a_bounded_number_of_queries(client, seeded, django_assert_max_num_queries):
    with django_assert_max_num_queries(3 * len(all_datasets()) + 5):
        client.get("/datos/")
    with django_assert_max_num_queries(4):  # counts cached
        client.get("/datos/")


def test_licence_is_configurable(client, seeded, settings):
    settings.ABIERTO_DATA_LICENSE = "CC0-1.0"
    page = client.get("/datos/").content.decode()
    assert "CC0 1.0" in page and "sin condiciones" in page and "citando la fuente" not in page
    response = client.get(reverse("opendata:download", args=["planes", "csv"]))
    assert "publicdomain/zero/1.0" in response["Link"]


def test_footer_names_the_licence_and_links_to_the_catalogue(client, db):
    page = client.get("/").content.decode()
    assert "CC BY 4.0" in page and 'href="/datos/"' in page
    assert "pueden reutilizarse citando la fuente" not in page


def test_csv_has_header_utf8_and_public_proposals_only(client, seeded):
    response = client.get("/datos/propuestas.csv")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="propuestas-')
    text = body(response)
    rows = list(csv.DictReader(io.StringIO(text)))
    assert list(rows[0]) == next(d for d in all_datasets() if d.slug == "propuestas").field_names
    assert "Mingas de datos abiertos en Cotacachi" in text
    decided = next(r for r in rows if r["titulo"].startswith("Mingas de datos abiertos"))
    assert decided["estado"] == "no-admitida"
    assert decided["respuesta_razonada"].startswith("No corresponde al alcance")
    assert HIDDEN_TITLE not in text
    assert_no_private_data(text)


def test_csv_cells_that_spreadsheets_run_as_formulas_are_neutralised(client, seeded):
    rows = list(csv.DictReader(io.StringIO(body(client.get("/datos/propuestas.csv")))))
    titles = [row["titulo"] for row in rows]
    assert "'" + FORMULA_TITLE in titles
    assert not any(title.startswith(("=", "+", "-", "@")) for title in titles)


def test_json_is_an_array_of_the_same_rows(client, seeded):
    response = client.get("/datos/propuestas.json")
    assert response["Content-Type"] == "application/json"
    data = json.loads(body(response))
    csv_rows = list(csv.DictReader(io.StringIO(body(client.get("/datos/propuestas.csv")))))
    assert len(data) == len(csv_rows)
    assert FORMULA_TITLE in [row["titulo"] for row in data]  # JSON is not a spreadsheet
    assert_no_private_data(json.dumps(data, ensure_ascii=False))


def test_the_export_and_the_api_give_each_proposal_the_same_values(client, seeded):
    """The whole-file export reads light records (``Dataset.record_columns``), the API reads
    model instances; the one row function must give both the same values."""

    def instants(row: dict) -> dict:
        # The API writes times in UTC with milliseconds, the files in Ecuador's time to the
        # second: the same instant either way.
        return {
            name: datetime.datetime.fromisoformat(value).replace(microsecond=0)
            if name in ("recibida", "estado_desde") and value
            else value
            for name, value in row.items()
        }

    exported = json.loads(body(client.get("/datos/propuestas.json")))
    assert exported
    for row in exported:
        answer = client.get(f"/api/v1/propuestas/{row['id']}")
        assert answer.status_code == 200
        assert instants(answer.json()) == instants(row)


@pytest.mark.parametrize("slug", sorted(EXPECTED))
def test_every_dataset_downloads_without_private_data(client, seeded, slug):
    for fmt in ("csv", "json"):
        response = client.get(reverse("opendata:download", args=[slug, fmt]))
        assert response.status_code == 200
        assert_no_private_data(body(response))


def test_unsupported_format_and_unknown_dataset_answer_json_errors(client, db):
    response = client.get("/datos/propuestas.xlsx")
    assert response.status_code == 400
    assert response.json()["error"].startswith("Formato no disponible")
    missing = client.get("/datos/no-existe.csv")
    assert missing.status_code == 404 and "error" in missing.json()


def test_public_history_withholds_hidden_proposals_and_private_rows(client, seeded):
    rows = list(csv.DictReader(io.StringIO(body(client.get("/datos/historial-publico.csv")))))
    assert [int(row["seq"]) for row in rows] == list(range(1, len(rows) + 1))
    shown = [row for row in rows if row["contenido_visible"] == "true"]
    withheld = [row for row in rows if row["contenido_visible"] == "false"]
    assert shown and withheld
    assert all(row["hash"] and row["hash_contenido"] for row in withheld)
    assert not any(row["accion"] or row["datos"] for row in withheld)
    hidden = Proposal.objects.get(title=HIDDEN_TITLE)
    assert not [
        r for r in shown if r["objeto"] == "proposals.proposal" and r["objeto_id"] == str(hidden.pk)
    ]
