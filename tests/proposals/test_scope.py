"""Issue 15.2: a proposal may be national or for Ecuadorians abroad, not only for a province."""

import pytest
from django.core.exceptions import ValidationError

from abierto.core.geo import ProposalScope, Province
from abierto.proposals.forms import ProposalForm, StaffProposalForm
from abierto.proposals.models import Proposal

from .conftest import form_data
from .test_services import submit as service_submit

pytestmark = pytest.mark.django_db
NEW = "/propuestas/nueva/"


def test_scope_lists_the_two_extra_values_first_then_the_provinces():
    values = [value for value, _label in ProposalScope.choices]
    assert values[:2] == ["nacional", "exterior"]
    assert values[2:] == [value for value, _label in Province.choices]
    assert ProposalScope("nacional").label == "Todo el país (alcance nacional)"
    assert ProposalScope("exterior").label == "Ecuatorianos en el exterior"


@pytest.mark.parametrize("scope", ["nacional", "exterior"])
def test_the_public_form_accepts_a_national_or_abroad_proposal_without_canton(client, plan, scope):
    response = client.post(NEW, form_data(plan, province=scope, canton=""))
    assert response.status_code == 302
    proposal = Proposal.objects.get()
    assert proposal.province == scope and proposal.canton == ""


def test_the_form_offers_the_scope_and_refuses_a_made_up_value_in_spanish(client, plan):
    page = client.get(NEW).content.decode()
    assert "Provincia o alcance" in page
    assert page.index("Todo el país (alcance nacional)") < page.index("Azuay")
    response = client.post(NEW, form_data(plan, province="atlantida"))
    assert response.status_code == 400  # the form again, with its errors
    assert "Elija una provincia o un alcance de la lista." in response.content.decode()
    assert not Proposal.objects.exists()
    form = ProposalForm(form_data(plan, province="luna"), plan=plan)
    assert not form.is_valid() and "province" in form.errors


@pytest.mark.parametrize("scope", ["nacional", "exterior"])
def test_the_service_accepts_national_and_abroad_proposals(plan, scope):
    proposal = service_submit(plan, province=scope)
    assert proposal.get_province_display() == ProposalScope(scope).label


def test_the_service_refuses_a_made_up_scope(plan):
    with pytest.raises(ValidationError):
        service_submit(plan, province="luna")


def test_the_list_filters_by_national_scope_and_counts_it(client, plan):
    service_submit(plan, province="nacional", title="Un portal nacional de datos de salud")
    service_submit(plan, province="exterior", title="Voto y trámites consulares en línea")
    service_submit(plan, province="guayas", title="Semáforos inteligentes en Guayaquil")
    page = client.get("/propuestas/").content.decode()
    assert "Todo el país (alcance nacional) (1)" in page
    assert "Ecuatorianos en el exterior (1)" in page
    assert "Provincia o alcance" in page and ">Todas</option>" in page
    filtered = client.get("/propuestas/?provincia=nacional")
    html = filtered.content.decode()
    assert filtered.status_code == 200
    assert "Un portal nacional de datos de salud" in html
    assert "Voto y trámites consulares en línea" not in html
    assert "Semáforos inteligentes en Guayaquil" not in html


def test_a_made_up_scope_in_the_list_is_ignored_with_a_notice(client, plan):
    service_submit(plan, province="nacional", title="Un portal nacional de datos de salud")
    response = client.get("/propuestas/?provincia=luna")
    html = response.content.decode()
    assert response.status_code == 200
    assert "No entendimos el valor de estos filtros y no se aplicaron" in html
    assert "Un portal nacional de datos de salud" in html


def test_the_public_page_shows_the_national_scope(client, plan):
    proposal = service_submit(plan, province="nacional")
    page = client.get(f"/propuestas/{proposal.pk}/").content.decode()
    assert "Todo el país (alcance nacional)" in page


def test_the_api_filters_by_scope_and_refuses_a_made_up_one(client, plan):
    service_submit(plan, province="exterior", title="Voto y trámites consulares en línea")
    service_submit(plan, province="guayas", title="Semáforos inteligentes en Guayaquil")
    response = client.get("/api/v1/propuestas", {"provincia": "exterior"})
    assert response.status_code == 200
    rows = response.json()["resultados"]
    assert [row["provincia"] for row in rows] == ["exterior"]
    assert client.get("/api/v1/propuestas", {"provincia": "luna"}).status_code == 400


def test_the_staff_intake_form_offers_the_same_scope(plan):
    form = StaffProposalForm(plan=plan)
    values = [value for value, _label in form.fields["province"].choices]
    assert values[1:3] == ["nacional", "exterior"] and "pichincha" in values
