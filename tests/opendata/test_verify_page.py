import pytest

from abierto.core.models import ActionLog

pytestmark = pytest.mark.django_db


def test_verify_page_says_the_chain_holds(client, seeded):
    page = client.get("/datos/verificar/").content.decode()
    assert "La cadena se sostiene" in page
    last = ActionLog.objects.order_by("-seq").first()
    assert last.row_hash in page
    assert "verify_public_chain" in page


def test_verify_page_names_the_first_broken_row(client, seeded):
    from abierto.core.exports import chain_rows

    victim = [row for row in chain_rows() if row.shown][3]
    ActionLog.objects.filter(pk=victim.pk).update(actor_role="administracion-falsa")
    page = client.get("/datos/verificar/").content.decode()
    assert "La cadena está rota" in page
    assert f"n.º {victim.seq} no verifica" in page


def test_public_history_entry_shows_its_hash_and_its_predecessors(client, seeded):
    row = ActionLog.objects.filter(public=True, seq__gt=1, content_type__model="proposal").first()
    previous = ActionLog.objects.get(seq=row.seq - 1)
    page = client.get(f"/historial/proposals/proposal/{row.object_id}/").content.decode()
    assert row.row_hash in page and previous.row_hash in page
    assert "/datos/verificar/" in page
