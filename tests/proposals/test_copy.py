"""Copy a newcomer reads on the proposal pages (issue 15.7): one wording, limits stated
before the error, optional fields marked, dates written one way."""

import datetime

import pytest
from django.template import Context, Template

from abierto.proposals.models import Proposal

from .conftest import form_data

pytestmark = pytest.mark.django_db
NEW = "/propuestas/nueva/"


def test_form_states_the_minimum_length_and_marks_optional_fields(client, plan):
    page = client.get(NEW).content.decode()
    assert "Describa la situación actual y a quién afecta (al menos 30 caracteres)." in page
    assert "podría llevarla adelante (al menos 30 caracteres)." in page
    for label in (
        "Tema (opcional)",
        "Cantón (opcional)",
        "Organización (opcional)",
        "Teléfono (opcional)",
        "Género (opcional)",
        "Edad (opcional)",
        "Autoidentificación (opcional)",
    ):
        assert f">{label}</label>" in page, label


def test_not_saying_is_offered_in_one_wording(client, plan):
    page = client.get(NEW).content.decode()
    assert "Prefiero no responder" not in page
    # Each of the three optional questions offers "Prefiero no decirlo" once, beside the
    # usual empty choice.
    assert page.count(">Prefiero no decirlo</option>") == 3
    assert page.count(">— Elija una opción —</option>") >= 3


def test_dates_are_written_one_way_whatever_format_a_template_asks_for():
    day = datetime.date(2022, 6, 9)
    moment = datetime.datetime(2022, 6, 9, 14, 5, tzinfo=datetime.UTC)
    rendered = Template(
        '{{ d|date:"DATE_FORMAT" }}|{{ d|date:"SHORT_DATE_FORMAT" }}|{{ d|date }}|'
        '{{ m|date:"SHORT_DATETIME_FORMAT" }}'
    ).render(Context({"d": day, "m": moment}))
    assert rendered == (
        "9 de junio de 2022|9 de junio de 2022|9 de junio de 2022|9 de junio de 2022 a las 09:05"
    )


def test_public_list_writes_the_received_date_in_the_house_format(client, plan):
    assert client.post(NEW, form_data(plan)).status_code == 302
    client.logout()
    proposal = Proposal.objects.get()
    from django.utils import timezone
    from django.utils.formats import date_format

    page = client.get("/propuestas/").content.decode()
    assert date_format(timezone.localdate(proposal.created_at), "DATE_FORMAT") in page
    assert timezone.localdate(proposal.created_at).strftime("%d/%m/%Y") not in page
