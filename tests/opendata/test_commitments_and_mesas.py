"""Open data of commitments, mesas and evaluation: datasets, API, feed and links, with no
private data (actor contacts, registrations, attendance, demographics, evaluators)."""

import csv
import io
import json
from collections import Counter

import pytest
from django.urls import reverse

from abierto.commitments.models import PUBLIC_STATUSES, Commitment, Evidence, EvidenceStatus
from abierto.evaluation.models import RoundEntry, RoundStatus
from abierto.mesas.models import Attendance, Mesa

from .conftest import REGISTRANT, assert_no_private_data
from .test_api import all_pages

pytestmark = pytest.mark.django_db


def rows(client, slug: str) -> list[dict]:
    response = client.get(reverse("opendata:download", args=[slug, "csv"]))
    assert response.status_code == 200
    return list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode())))


def test_datasets_hold_public_commitments_counts_and_aggregates_only(client, seeded):
    public = Commitment.objects.filter(status__in=sorted(PUBLIC_STATUSES))
    commitments = rows(client, "compromisos")
    assert {r["codigo"] for r in commitments} == set(public.values_list("code", flat=True))
    assert all(0 <= float(r["avance"]) <= 100 for r in commitments)
    actors = rows(client, "actores-de-compromisos")
    assert "Veeduría ciudadana de ejemplo" in {r["organizacion"] for r in actors}
    assert not {"contact_name", "contact_email", "contacto"} & set(actors[0])
    evidence = rows(client, "evidencias")
    statuses = {r["estado"] for r in evidence}
    assert statuses <= {"verificada", "pendiente"}
    assert Evidence.objects.filter(status=EvidenceStatus.REJECTED).count() == 0 or (
        "rechazada" not in statuses
    )
    text = json.dumps(evidence, ensure_ascii=False)
    for row in evidence:
        # A file's address only once verified.
        assert not row["archivo"] or row["estado"] == "verificada"
    for stored in Evidence.objects.exclude(file=""):
        # Never the file's stored path or its original name.
        assert stored.file.name not in text
        assert not stored.file_name or stored.file_name not in text
    mesas = rows(client, "mesas")
    assert len(mesas) == Mesa.objects.count()
    counts = Counter(Attendance.objects.values_list("mesa_id", flat=True))
    assert sum(counts.values()) >= 1
    for row in mesas:
        assert int(row["asistentes"]) == counts.get(int(row["id"]), 0)
    results = rows(client, "resultados-de-evaluacion")
    published = RoundEntry.objects.filter(
        round__status=RoundStatus.PUBLISHED, proposal__is_hidden=False
    )
    assert len(results) == published.count() > 0
    assert all(r["medias_por_criterio"] for r in results)


def test_commitment_api_filters_like_the_list_and_details_by_id_or_code(client, seeded):
    everything = all_pages(client, "/api/v1/compromisos?limite=4")
    assert len(everything) == Commitment.objects.filter(status__in=sorted(PUBLIC_STATUSES)).count()
    first = everything[0]
    by_plan = all_pages(client, f"/api/v1/compromisos?plan={first['plan_id']}")
    assert by_plan and all(r["plan_id"] == first["plan_id"] for r in by_plan)
    html = client.get(f"/seguimiento/compromisos/?plan={first['plan_id']}").content.decode()
    assert all(f"/compromisos/{r['codigo']}/" in html for r in by_plan)
    delayed = all_pages(client, "/api/v1/compromisos?situacion=con-retraso")
    html = client.get("/seguimiento/compromisos/?situacion=con-retraso").content.decode()
    assert all(f"/compromisos/{r['codigo']}/" in html for r in delayed)
    by_code = client.get(f"/api/v1/compromisos/{first['codigo'].lower()}").json()
    by_id = client.get(f"/api/v1/compromisos/{first['id']}").json()
    assert by_code == by_id and by_code["codigo"] == first["codigo"]
    assert by_code["hitos"] and all(h["compromiso"] == first["codigo"] for h in by_code["hitos"])
    assert "indicadores" in by_code
    # A plan, axis or institution without public commitments: an empty list, as in HTML.
    empty = client.get("/api/v1/compromisos?plan=99999&institucion=99999")
    assert empty.status_code == 200 and empty.json()["resultados"] == []
    assert client.get("/api/v1/compromisos?estado=borrador").status_code == 400
    draft = Commitment.objects.exclude(status__in=sorted(PUBLIC_STATUSES)).first()
    if draft is not None:
        assert client.get(f"/api/v1/compromisos/{draft.code}").status_code == 404


def test_mesa_api_lists_public_fields_and_counts(client, seeded):
    mesas = all_pages(client, "/api/v1/mesas?limite=3")
    assert len(mesas) == Mesa.objects.count()
    plan_slug = Mesa.objects.select_related("plan").first().plan.slug
    one_plan = all_pages(client, f"/api/v1/mesas?plan={plan_slug}")
    assert one_plan and len(one_plan) <= len(mesas)
    nothing = client.get("/api/v1/mesas?plan=no-existe")
    assert nothing.status_code == 200 and nothing.json()["resultados"] == []
    detail = client.get(f"/api/v1/mesas/{mesas[0]['id']}").json()
    assert detail == mesas[0]
    assert client.get("/api/v1/mesas/99999999").status_code == 404


def test_new_endpoints_feed_and_package_hold_no_private_data(client, seeded):
    texts = [
        json.dumps(all_pages(client, "/api/v1/compromisos?limite=200"), ensure_ascii=False),
        json.dumps(all_pages(client, "/api/v1/mesas?limite=200"), ensure_ascii=False),
        client.get("/api/v1/openapi.json").content.decode(),
        client.get(reverse("opendata:feed_commitments")).content.decode(),
    ]
    for commitment in Commitment.objects.filter(status__in=sorted(PUBLIC_STATUSES)):
        texts.append(client.get(f"/api/v1/compromisos/{commitment.code}").content.decode())
    for mesa in Mesa.objects.all():
        texts.append(client.get(f"/api/v1/mesas/{mesa.pk}").content.decode())
    for text in texts:
        assert_no_private_data(text)
        assert REGISTRANT["email"] not in text


def test_commitment_feed_and_links(client, seeded):
    feed = client.get(reverse("opendata:feed_commitments"))
    assert feed.status_code == 200
    assert feed["Content-Type"].startswith("application/atom+xml")
    text = feed.content.decode()
    assert "<entry>" in text and "/compromisos/EC" in text
    listing = client.get("/seguimiento/compromisos/").content.decode()
    assert (
        'rel="alternate" type="application/atom+xml" href="/datos/suscripciones/compromisos.atom"'
        in listing
    )
    code = Commitment.objects.filter(status__in=sorted(PUBLIC_STATUSES)).first().code
    detail = client.get(f"/compromisos/{code}/").content.decode()
    assert f'rel="alternate" type="application/json" href="/api/v1/compromisos/{code}"' in detail
    catalogue = client.get("/datos/").content.decode()
    assert reverse("opendata:feed_commitments") in catalogue
    plan = Mesa.objects.select_related("plan").first().plan
    assert reverse("mesas:plan_ics", args=[plan.slug]) in catalogue
