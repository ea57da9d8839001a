import datetime

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext

from abierto.content.models import Document, DocumentType

from .factories import make_document, make_plan

pytestmark = pytest.mark.django_db


def _titles(response) -> str:
    return response.content.decode().split('id="resultados"', 1)[1]


def test_document_list_filters_by_type_plan_year_and_text(client):
    plan = make_plan(number=2, slug="segundo-plan")
    make_document(
        "Acta de la primera reunión",
        doc_type=DocumentType.MINUTES,
        date=datetime.date(2022, 3, 1),
        plan=plan,
    )
    make_document(
        "Metodología de cocreación",
        doc_type=DocumentType.METHODOLOGY,
        date=datetime.date(2021, 10, 1),
    )
    make_document(
        "Informe IRM de resultados",
        doc_type=DocumentType.IRM_REPORT,
        date=datetime.date(2023, 6, 1),
        plan=plan,
    )

    by_type = _titles(client.get("/documentos/?tipo=metodologia"))
    assert "Metodología de cocreación" in by_type and "Acta" not in by_type

    by_plan = _titles(client.get("/documentos/?plan=segundo-plan"))
    assert "Acta de la primera reunión" in by_plan and "Informe IRM" in by_plan
    assert "Metodología" not in by_plan

    by_year = _titles(client.get("/documentos/?anio=2023"))
    assert "Informe IRM" in by_year and "Acta" not in by_year

    by_text = _titles(client.get("/documentos/?q=reunión"))
    assert "Acta de la primera reunión" in by_text and "Informe" not in by_text

    nothing = client.get("/documentos/?q=inexistente").content.decode()
    assert "Ningún documento coincide con estos filtros." in nothing


def test_bad_filter_values_give_a_clean_page_with_a_spanish_note(client):
    make_document("Acta válida")
    response = client.get("/documentos/?tipo=xyz&anio=abc&plan=nada&pagina=999")
    assert response.status_code == 200
    html = response.content.decode()
    assert "No entendimos el valor de estos filtros y no se aplicaron" in html
    assert "Tipo" in html and "Año" in html
    assert "Acta válida" in html
    assert client.get("/documentos/?pagina=-3&q=" + "x" * 500).status_code == 200
    assert client.get("/documentos/?q=a%00b&anio=99999999999999999999").status_code == 200
    assert client.get("/documentos/99999999999999999999999/").status_code == 404
    assert client.get("/documentos/99999999999999999999999/descargar/").status_code == 404


def test_document_list_query_count_does_not_grow_with_rows(client, django_assert_max_num_queries):
    plan = make_plan(number=1, slug="primer-plan")
    for index in range(3):
        make_document(f"Documento {index}", plan=plan)
    with CaptureQueriesContext(connection) as few:
        assert client.get("/documentos/?plan=primer-plan&tipo=acta").status_code == 200
    for index in range(3, 30):
        make_document(f"Documento {index}", plan=plan, date=datetime.date(2020 + index % 4, 1, 1))
    with django_assert_max_num_queries(len(few)):
        response = client.get("/documentos/?plan=primer-plan&tipo=acta")
    assert response.status_code == 200
    assert "Documento 29" in response.content.decode()
    assert len(few) <= 7


def test_list_paginates(client):
    for index in range(25):
        make_document(
            f"Documento número {index:02d}",
            date=datetime.date(2022, 1, 1) + datetime.timedelta(days=index),
        )
    first = client.get("/documentos/").content.decode()
    assert "25 documentos" in first
    assert "Página 1 de 2" in first
    assert "Documento número 24" in first and "Documento número 00" not in first
    second = client.get("/documentos/?pagina=2").content.decode()
    assert "Documento número 00" in second


def test_last_update_date_is_shown_and_stale_repository_is_flagged(client):
    with time_machine.travel(datetime.datetime(2025, 1, 10, 15, tzinfo=datetime.UTC)):
        make_document("Acta antigua")
    with time_machine.travel(datetime.datetime(2025, 3, 1, 15, tzinfo=datetime.UTC)):
        html = client.get("/documentos/").content.decode()
    assert "Última actualización del repositorio:" in html
    assert "10 de enero de 2025" in html
    assert "Han pasado más de seis meses" not in html
    with time_machine.travel(datetime.datetime(2025, 9, 1, 15, tzinfo=datetime.UTC)):
        html = client.get("/documentos/").content.decode()
    assert "Han pasado más de seis meses desde el último cambio." in html


def test_document_detail_shows_link_and_example_badge(client):
    document = make_document(
        "Acta de ejemplo", is_example=True, external_url="https://example.org/acta"
    )
    html = client.get(f"/documentos/{document.pk}/").content.decode()
    assert "Acta de ejemplo" in html
    assert 'href="https://example.org/acta"' in html
    assert "Documento de demostración: no es un documento oficial." in html
    assert client.get("/documentos/999999/").status_code == 404


def test_uploaded_file_is_served_as_attachment_with_its_type(
    client, settings, tmp_path, forum_member
):
    settings.MEDIA_ROOT = tmp_path
    from abierto.content import services

    from .factories import pdf_upload

    document = services.document_create(
        actor=forum_member,
        doc_type=DocumentType.MINUTES,
        title="Acta firmada",
        date=datetime.date(2022, 9, 1),
        upload=pdf_upload(),
    )
    assert document.file.name.startswith("documentos/")
    assert (tmp_path / document.file.name).exists()
    response = client.get(f"/documentos/{document.pk}/descargar/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="acta-firmada.pdf"'
    assert b"".join(response.streaming_content).startswith(b"%PDF")
    linked = make_document("Solo enlace")
    assert client.get(f"/documentos/{linked.pk}/descargar/").status_code == 404


def test_database_refuses_a_document_with_both_or_neither(db):
    from django.db import IntegrityError, transaction

    with pytest.raises(IntegrityError), transaction.atomic():
        Document.objects.create(title="Nada", doc_type="acta", date=datetime.date(2022, 1, 1))
    with pytest.raises(IntegrityError), transaction.atomic():
        Document.objects.create(
            title="Ambos",
            doc_type="acta",
            date=datetime.date(2022, 1, 1),
            file="documentos/x.pdf",
            external_url="https://example.org",
        )
