import re
import xml.etree.ElementTree as ET

import pytest

from abierto.opendata.ical import escape_text, fold
from abierto.plans.models import Stage

from .conftest import assert_no_private_data

pytestmark = pytest.mark.django_db
ATOM = "{http://www.w3.org/2005/Atom}"


def test_new_proposals_feed_is_atom_with_public_fields_only(client, seeded):
    response = client.get("/datos/suscripciones/propuestas.atom")
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = ET.fromstring(response.content)  # noqa: S314 - our own feed
    titles = [entry.find(f"{ATOM}title").text for entry in feed.iter(f"{ATOM}entry")]
    assert "Mingas de datos abiertos en Cotacachi" in titles
    assert_no_private_data(response.content.decode())


def test_decisions_feed_carries_the_reasoned_response(client, seeded):
    response = client.get("/datos/suscripciones/decisiones.atom")
    text = response.content.decode()
    assert "No admitida: Mingas de datos abiertos en Cotacachi" in text
    assert "No corresponde al alcance del plan" in text
    assert_no_private_data(text)


def test_stage_calendar_is_valid_icalendar(client, seeded):
    response = client.get("/datos/suscripciones/etapas.ics")
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    raw = response.content.decode()
    assert raw.startswith("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n")
    assert raw.endswith("END:VCALENDAR\r\n")
    assert "\n" not in raw.replace("\r\n", "")  # every line ends in CRLF
    for line in raw.split("\r\n"):
        assert len(line.encode()) <= 75
    unfolded = raw.replace("\r\n ", "")
    uids = re.findall(r"^UID:(.+)$", unfolded, flags=re.M)
    assert len(uids) == Stage.objects.count() == len(set(uids))
    assert re.search(r"^DTSTAMP:\d{8}T\d{6}Z\r$", unfolded, flags=re.M)
    stage = Stage.objects.order_by("pk").first()
    assert f"DTSTART;VALUE=DATE:{stage.start_date:%Y%m%d}" in unfolded


def test_one_plans_calendar_and_bad_plan_values(client, seeded):
    raw = client.get(f"/datos/suscripciones/etapas.ics?plan={seeded.pk}").content.decode()
    assert raw.count("BEGIN:VEVENT") == seeded.stages.count()
    assert client.get("/datos/suscripciones/etapas.ics?plan=x").status_code == 400
    assert client.get("/datos/suscripciones/etapas.ics?plan=%C2%B2").status_code == 400
    assert client.get("/datos/suscripciones/etapas.ics?plan=99999").status_code == 404


def test_ical_text_escaping_and_folding():
    assert escape_text("a,b;c\\d\ne") == "a\\,b\\;c\\\\d\\ne"
    line = "DESCRIPTION:" + "ñ" * 80
    folded = fold(line)
    assert all(len(part.encode()) <= 75 for part in folded.split("\r\n"))
    assert folded.replace("\r\n ", "") == line


def test_robots_and_sitemap(client, seeded):
    robots = client.get("/robots.txt").content.decode()
    assert "Disallow: /gestion/" in robots and "Sitemap: http://testserver/sitemap.xml" in robots
    index = client.get("/sitemap.xml").content.decode()
    assert "sitemap-propuestas.xml" in index
    proposals = client.get("/sitemap-propuestas.xml").content.decode()
    assert "/propuestas/" in proposals
    from abierto.proposals.models import Proposal

    hidden = Proposal.objects.filter(is_hidden=True).get()
    assert f"/propuestas/{hidden.pk}/<" not in proposals


def test_pages_point_to_their_feed_or_dataset(client, seeded):
    listing = client.get("/propuestas/").content.decode()
    assert (
        'rel="alternate" type="application/atom+xml" href="/datos/suscripciones/propuestas.atom"'
        in listing
    )
    plan_page = client.get(f"/planes/{seeded.slug}/").content.decode()
    assert f'href="/datos/suscripciones/etapas.ics?plan={seeded.pk}"' in plan_page
    assert 'rel="alternate" type="text/calendar"' in plan_page
