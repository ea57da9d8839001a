"""Audit log v2: declared verbs, structured changes, a chain sealed after commit."""

import pytest
from django.core.management import CommandError, call_command
from django.db import transaction
from django.utils import translation

from abierto.core import audit
from abierto.core.audit import first_broken_link, seal_pending
from abierto.core.models import ActionLog
from abierto.core.selectors import public_history
from abierto.core.services import model_update
from abierto.forum.models import Organization, Sector
from abierto.forum.verbs import ORGANIZATION_CREATED, ORGANIZATION_UPDATED
from abierto.proposals.verbs import PROPOSAL_DECIDED

pytestmark = pytest.mark.django_db


@pytest.fixture
def organization():
    return Organization.objects.create(name="Fundación Ejemplo", sector=Sector.CIVIL_SOCIETY)


def _record(org, n=1, **kwargs):
    return [
        audit.record(actor=None, verb=ORGANIZATION_UPDATED, target=org, data={"n": i}, **kwargs)
        for i in range(n)
    ]


def test_rows_are_inserted_unsealed_then_chained_in_order(organization, forum_member):
    first = audit.record(actor=forum_member, verb=ORGANIZATION_CREATED, target=organization)
    second = audit.record(actor=None, verb=ORGANIZATION_UPDATED, target=organization)
    assert first.row_hash is None and first.seq is None  # nothing held during the request
    assert seal_pending() == 2
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.seq, second.seq) == (1, 2)
    assert first.prev_hash == ""
    assert second.prev_hash == first.row_hash
    assert second.actor_role == "publico"
    assert first.actor_role == "grupo-nucleo"
    assert seal_pending() == 0  # sealing twice changes nothing


def test_sealing_in_batches_gives_every_row_the_same_hashes(organization, forum_member):
    rows = _record(organization, 4)
    rows.append(audit.record(actor=forum_member, verb=ORGANIZATION_CREATED, target=organization))
    assert seal_pending(batch=2) == 5  # three batches: 2, 2 and 1
    fields = ("seq", "prev_hash", "content_hash", "private_hash", "row_hash")
    in_batches = list(ActionLog.objects.order_by("id").values_list(*fields))
    assert [seq for seq, *_hashes in in_batches] == [1, 2, 3, 4, 5]
    assert first_broken_link() is None
    ActionLog.objects.update(
        seq=None, prev_hash="", content_hash="", private_hash="", row_hash=None
    )
    assert seal_pending() == 5  # one batch
    assert list(ActionLog.objects.order_by("id").values_list(*fields)) == in_batches
    assert rows[0].pk == ActionLog.objects.get(seq=1).pk


def test_verify_actionlog_seals_and_says_ok_on_an_intact_chain(organization, capsys):
    _record(organization, 3)
    call_command("verify_actionlog")
    assert capsys.readouterr().out.strip() == "ok"
    assert not ActionLog.objects.filter(row_hash__isnull=True).exists()


def test_verify_actionlog_names_the_first_tampered_row(organization):
    rows = _record(organization, 4)
    seal_pending()
    ActionLog.objects.filter(pk=rows[2].pk).update(data={"n": 99})
    assert first_broken_link().pk == rows[2].pk
    with pytest.raises(CommandError, match=f"registro {rows[2].pk}"):
        call_command("verify_actionlog")


def test_changing_who_acted_breaks_the_chain(organization, forum_member, citizen):
    [row] = [audit.record(actor=forum_member, verb=ORGANIZATION_CREATED, target=organization)]
    seal_pending()
    ActionLog.objects.filter(pk=row.pk).update(actor=citizen)
    assert first_broken_link().pk == row.pk


def test_verify_actionlog_detects_a_deleted_row(organization):
    rows = _record(organization, 3)
    seal_pending()
    ActionLog.objects.filter(pk=rows[1].pk).delete()
    assert first_broken_link().pk == rows[2].pk


def test_no_entry_for_a_no_op(organization):
    changes = model_update(
        instance=organization, data={"name": "Fundación Ejemplo"}, fields=["name"]
    )
    assert changes == {}
    assert (
        audit.record(actor=None, verb=ORGANIZATION_UPDATED, target=organization, changes=changes)
        is None
    )
    assert not ActionLog.objects.exists()


def test_changes_hold_old_and_new_values(organization):
    changes = model_update(
        instance=organization,
        data={"name": "Fundación Nueva", "acronym": ""},
        fields=["name", "acronym"],
    )
    assert changes == {"name": ["Fundación Ejemplo", "Fundación Nueva"]}
    row = audit.record(actor=None, verb=ORGANIZATION_UPDATED, target=organization, changes=changes)
    assert row.changes == {"name": ["Fundación Ejemplo", "Fundación Nueva"]}
    organization.refresh_from_db()
    assert organization.name == "Fundación Nueva"


def test_an_undeclared_verb_is_refused(organization):
    with pytest.raises(KeyError, match="no declarado"):
        audit.record(actor=None, verb=audit.Verb("inventado.hecho", "x"), target=organization)


def test_public_history_hides_private_rows(organization):
    audit.record(actor=None, verb=ORGANIZATION_CREATED, target=organization)
    audit.record(actor=None, verb=ORGANIZATION_UPDATED, target=organization, public=False)
    assert [row.verb for row in public_history(target=organization)] == ["organization.created"]


def test_history_reads_in_the_visitors_language(organization):
    row = audit.record(
        actor=None, verb=PROPOSAL_DECIDED, target=organization, data={"status": "seleccionada"}
    )
    assert audit.history_line(row) == "Decisión: Seleccionada."
    with translation.override("en"):
        assert audit.history_line(row) == "Decision: Selected."


@pytest.mark.django_db(transaction=True)
def test_the_sealer_runs_after_commit_on_the_worker(worker):
    with transaction.atomic():
        org = Organization.objects.create(name="Otra", sector=Sector.ACADEMIA)
        audit.record(actor=None, verb=ORGANIZATION_CREATED, target=org)
    worker()
    assert ActionLog.objects.get().seq == 1
    assert first_broken_link() is None


def test_public_history_page_only_for_models_an_app_lists(client, citizen):
    response = client.get(f"/historial/accounts/user/{citizen.pk}/")
    assert response.status_code == 404


def test_public_history_of_a_malformed_id_is_a_404(client):
    response = client.get("/historial/plans/actionplan/abc/")
    assert response.status_code == 404
    assert "No encontramos esa página" in response.content.decode()


def test_who_acted_cannot_be_guessed_from_the_public_chain(organization, forum_member, settings):
    """The private part of a row is keyed: trying account ids against it finds nothing."""
    import hashlib

    from abierto.core.audit import canonical, private_hash

    row = audit.record(actor=forum_member, verb=ORGANIZATION_CREATED, target=organization)
    seal_pending()
    row.refresh_from_db()
    guesses = {hashlib.sha256(canonical([row.seq, n]).encode()).hexdigest() for n in range(1, 1000)}
    assert row.private_hash not in guesses
    settings.ABIERTO_AUDIT_SECRET = "otra-clave"
    assert private_hash(row) != row.private_hash  # the key is what makes it verifiable
