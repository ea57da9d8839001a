"""Writes through the API with a liaison's personal token: the token's life (create, show once,
use, revoke), the same services, rules and audit entries as the forms, 403 across
institutions, Spanish 400s, 429 over the limit, and no write with a session cookie alone."""

import json

import pytest
from django.urls import reverse

from abierto.accounts.models import ApiToken
from abierto.commitments.models import Measurement, ProgressReport
from abierto.core.models import ActionLog

from ..helpers import PASSWORD

pytestmark = pytest.mark.django_db


def create_token(client, liaison, name="Sistema de seguimiento") -> str:
    client.force_login(liaison)
    page = client.post(reverse("staff:accounts_api_tokens"), {"name": name})
    assert page.status_code == 200
    text = page.content.decode()
    start = text.index('value="abt_') + len('value="')
    raw = text[start : text.index('"', start)]
    client.logout()
    return raw


def post(client, url, body, token=None, **extra):
    headers = {"HTTP_AUTHORIZATION": f"Bearer {token}"} if token else {}
    return client.post(url, json.dumps(body), content_type="application/json", **headers, **extra)


def report_url(commitment) -> str:
    return f"/api/v1/compromisos/{commitment.code}/reportes"


REPORT = {
    "inicio_periodo": "2025-07-01",
    "fin_periodo": "2025-12-31",
    "avances": "Se publicaron los datos de compras del semestre.",
    "dificultades": "Retrasos en la contratación.",
}


def test_token_is_shown_once_stored_hashed_and_listed_by_prefix(client, tracked):
    liaison = tracked["liaisons"][0]
    raw = create_token(client, liaison)
    token = ApiToken.objects.get(user=liaison)
    assert raw.startswith("abt_") and len(raw) > 40
    assert token.key_hash != raw and raw not in token.key_hash
    assert token.prefix == raw[:12] and token.last_used_at is None
    client.force_login(liaison)
    listing = client.get(reverse("staff:accounts_api_tokens"))
    text = listing.content.decode()
    assert raw not in text and f"{token.prefix}…" in text
    assert "no-store" in listing["Cache-Control"] or "max-age=0" in listing["Cache-Control"]
    created = ActionLog.objects.get(verb="api_token.created")
    assert created.public is False and created.actor == liaison
    assert raw not in json.dumps(created.data) and "key_hash" not in json.dumps(created.changes)
    assert "Tokens de API de su institución" in client.get("/cuenta/perfil/").content.decode()


def test_token_writes_a_report_with_the_same_audit_entry_as_the_form(client, tracked):
    commitment, liaison = tracked["commitments"][0], tracked["liaisons"][0]
    raw = create_token(client, liaison)
    response = post(client, report_url(commitment), REPORT, raw)
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["compromiso"] == commitment.code and body["avances"] == REPORT["avances"]
    report = ProgressReport.objects.get(pk=body["id"])
    assert report.author == liaison and report.organization == liaison.organization
    api_entry = ActionLog.objects.filter(verb="report.submitted").latest("id")
    # The same report through the form leaves the same kind of entry.
    client.force_login(liaison)
    form = client.post(
        reverse("staff:commitments_report", args=[commitment.pk]),
        {
            "period_start": "2026-01-01",
            "period_end": "2026-01-31",
            "narrative": "Otro avance por el formulario.",
        },
    )
    assert form.status_code == 302
    form_entry = ActionLog.objects.filter(verb="report.submitted").latest("id")
    assert form_entry.pk != api_entry.pk
    for field in ("verb", "actor_id", "actor_role", "content_type_id", "object_id", "public"):
        assert getattr(api_entry, field) == getattr(form_entry, field), field
    assert ApiToken.objects.get(user=liaison).last_used_at is not None


def test_token_records_a_measurement_through_the_service_rules(client, tracked):
    commitment, liaison = tracked["commitments"][0], tracked["liaisons"][0]
    indicator = commitment.indicators.get()
    raw = create_token(client, liaison)
    url = f"/api/v1/indicadores/{indicator.pk}/mediciones"
    ok = post(client, url, {"valor": "41.5", "fecha": "2026-02-01", "fuente": "Registro"}, raw)
    assert ok.status_code == 201, ok.content
    assert ok.json()["valor"] == 41.5
    measurement = Measurement.objects.get(pk=ok.json()["id"])
    assert measurement.reported_by == liaison
    assert ActionLog.objects.filter(verb="measurement.recorded").latest("id").actor == liaison
    # The service's own rule (inside the plan's period) answers in Spanish, nothing saved.
    count = Measurement.objects.count()
    outside = post(client, url, {"valor": "3", "fecha": "2024-01-01", "fuente": "R"}, raw)
    assert outside.status_code == 400
    detail = outside.json()["detalles"]
    assert detail[0]["parametro"] == "fecha"
    assert "dentro del periodo del plan" in detail[0]["motivo"]
    # The form's own validation, also in Spanish.
    bad = post(client, url, {"valor": "mucho", "fecha": "ayer", "fuente": ""}, raw)
    assert bad.status_code == 400
    reasons = {d["parametro"]: d["motivo"] for d in bad.json()["detalles"]}
    assert set(reasons) == {"valor", "fecha", "fuente"}
    assert "Introduzca" in reasons["valor"] and "obligatorio" in reasons["fuente"]
    assert Measurement.objects.count() == count


def test_a_token_of_institution_a_cannot_write_on_bs_commitment(client, tracked):
    own, other = tracked["commitments"]
    raw = create_token(client, tracked["liaisons"][0])
    reports, measurements = ProgressReport.objects.count(), Measurement.objects.count()
    logs = ActionLog.objects.count()
    response = post(client, report_url(other), REPORT, raw)
    assert response.status_code == 403
    assert "institución no reporta" in response.json()["error"]
    indicator = other.indicators.get()
    measurement = post(
        client,
        f"/api/v1/indicadores/{indicator.pk}/mediciones",
        {"valor": "1", "fecha": "2026-02-01", "fuente": "R"},
        raw,
    )
    assert measurement.status_code == 403
    assert ProgressReport.objects.count() == reports
    assert Measurement.objects.count() == measurements
    assert ActionLog.objects.count() == logs
    # Its own commitment works with the same token.
    assert post(client, report_url(own), REPORT, raw).status_code == 201


def test_a_revoked_missing_or_malformed_token_and_a_session_cannot_write(client, tracked):
    commitment, liaison = tracked["commitments"][0], tracked["liaisons"][0]
    raw = create_token(client, liaison)
    token = ApiToken.objects.get(user=liaison)
    client.force_login(liaison)
    revoke = client.post(reverse("staff:accounts_api_token_revoke", args=[token.pk]))
    assert revoke.status_code == 302
    assert ActionLog.objects.filter(verb="api_token.revoked", public=False).exists()
    # A signed-in session alone does not authenticate API writes.
    session = post(client, report_url(commitment), REPORT)
    assert session.status_code == 401
    client.logout()
    for bad in (raw, "abt_nada", "x" * 500, ""):
        response = post(client, report_url(commitment), REPORT, bad or None)
        assert response.status_code == 401, bad
        assert "token personal" in response.json()["error"]
        assert response["WWW-Authenticate"] == "Bearer"
    assert not ProgressReport.objects.filter(narrative=REPORT["avances"]).exists()


def test_someone_elses_token_cannot_be_revoked_and_citizens_get_no_token_page(
    client, tracked, citizen
):
    first, second = tracked["liaisons"]
    create_token(client, first)
    token = ApiToken.objects.get(user=first)
    client.force_login(second)
    assert (
        client.post(reverse("staff:accounts_api_token_revoke", args=[token.pk])).status_code == 403
    )
    token.refresh_from_db()
    assert token.revoked_at is None
    client.force_login(citizen)
    assert client.get(reverse("staff:accounts_api_tokens")).status_code == 403


def test_writes_over_the_token_limit_answer_429_json(client, tracked, limits):
    limits(api_write_token=(2, 3600))
    commitment, liaison = tracked["commitments"][0], tracked["liaisons"][0]
    raw = create_token(client, liaison)
    # Different reports (an identical one resent is the same report, not a second one).
    bodies = [{**REPORT, "avances": f"{REPORT['avances']} Entrega {n}."} for n in range(4)]
    statuses = [post(client, report_url(commitment), b, raw).status_code for b in bodies[:3]]
    assert statuses == [201, 201, 429]
    refused = post(client, report_url(commitment), bodies[3], raw)
    assert refused.status_code == 429 and refused["Content-Type"].startswith("application/json")
    assert "Demasiadas escrituras" in refused.json()["error"]
    assert ProgressReport.objects.filter(narrative__startswith=REPORT["avances"]).count() == 2


def test_password_is_not_a_token(client, tracked):
    commitment = tracked["commitments"][0]
    response = post(client, report_url(commitment), REPORT, PASSWORD)
    assert response.status_code == 401
