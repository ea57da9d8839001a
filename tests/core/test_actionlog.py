import pytest
from django.core.management import CommandError, call_command

from abierto.core.models import ActionLog
from abierto.core.selectors import actionlog_first_broken_link, public_history
from abierto.core.services import actionlog_record
from abierto.forum.models import Organization, Sector

pytestmark = pytest.mark.django_db


@pytest.fixture
def organization():
    return Organization.objects.create(name="Fundación Ejemplo", sector=Sector.CIVIL_SOCIETY)


def test_each_row_holds_the_hash_of_the_previous_one(organization, forum_member):
    first = actionlog_record(actor=forum_member, verb="crear", target=organization, summary="A")
    second = actionlog_record(actor=None, verb="editar", target=organization, summary="B")
    assert first.prev_hash == ""
    assert second.prev_hash == first.row_hash
    assert second.actor_role == "publico"
    assert first.actor_role == "grupo-nucleo"


def test_verify_actionlog_says_ok_on_an_intact_chain(organization, capsys):
    for verb in ("crear", "editar", "publicar"):
        actionlog_record(actor=None, verb=verb, target=organization, summary=verb)
    call_command("verify_actionlog")
    assert capsys.readouterr().out.strip() == "ok"


def test_verify_actionlog_names_the_first_tampered_row(organization):
    rows = [
        actionlog_record(actor=None, verb=f"paso-{n}", target=organization, summary=str(n))
        for n in range(4)
    ]
    ActionLog.objects.filter(pk=rows[2].pk).update(summary="alterado")
    assert actionlog_first_broken_link().pk == rows[2].pk
    with pytest.raises(CommandError, match=f"registro {rows[2].pk}"):
        call_command("verify_actionlog")


def test_verify_actionlog_detects_a_deleted_row(organization):
    rows = [
        actionlog_record(actor=None, verb="paso", target=organization, summary=str(n))
        for n in range(3)
    ]
    ActionLog.objects.filter(pk=rows[1].pk).delete()
    assert actionlog_first_broken_link().pk == rows[2].pk


def test_public_history_hides_private_rows(organization):
    actionlog_record(actor=None, verb="crear", target=organization, summary="Creada")
    actionlog_record(actor=None, verb="nota", target=organization, summary="interna", public=False)
    assert [row.summary for row in public_history(target=organization)] == ["Creada"]


def test_public_history_page_only_for_registered_models(client, organization):
    response = client.get(f"/historial/forum/organization/{organization.pk}/")
    assert response.status_code == 404


def test_public_history_of_a_malformed_id_is_a_404(client):
    response = client.get("/historial/plans/actionplan/abc/")
    assert response.status_code == 404
    assert "No encontramos esa página" in response.content.decode()
