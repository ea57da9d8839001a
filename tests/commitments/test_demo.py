"""The demo loads the real commitments of both closed plans through the services, once."""

from django.core.management import call_command

from abierto.commitments.models import Commitment, Evidence, Milestone, Status
from abierto.core.models import ActionLog


def test_demo_loads_both_plans_commitments_and_is_idempotent(db, media, client):
    call_command("load_demo", verbosity=0)
    assert Commitment.objects.filter(plan__number=1).count() == 10
    assert Commitment.objects.filter(plan__number=2).count() == 6
    ec16 = Commitment.objects.get(code="EC0016")
    assert ec16.actors.count() == 8
    fiti = Commitment.objects.get(code="EC0020")
    assert fiti.status == Status.COMPLETED
    assert [m.deliverable for m in fiti.milestones.all()][1] == "Informe anual FiTI"
    assert fiti.source_proposals.exists()
    # Completed milestones each have verified evidence; examples are marked.
    for milestone in Milestone.objects.filter(status="cumplido"):
        assert milestone.evidence.filter(status="verificada").exists()
    assert Evidence.objects.filter(is_example=False).count() == 0
    logs = ActionLog.objects.count()
    call_command("load_demo", verbosity=0)
    assert Commitment.objects.count() == 16
    assert ActionLog.objects.filter(verb__startswith="commitment.").count() <= logs
    page = client.get("/seguimiento/")
    assert page.status_code == 200
    assert "Incluye datos de ejemplo" in page.content.decode()
    detail = client.get("/compromisos/EC0003/").content.decode()
    assert "Sobresaliente" in detail
