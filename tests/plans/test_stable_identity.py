"""Issue 8, finding 1: a re-programmed plan keeps its identity, so what hangs on it follows.

Before, a new version was a new ActionPlan row: proposals stayed on the old row and the
plan's "propuestas recibidas" link, which filters by the plan in force, showed none of them.
"""

import re
import uuid

from django.urls import reverse

from abierto.plans import services
from abierto.proposals import services as proposal_services

from .factories import D, make_plan


def test_proposals_received_before_a_reprogramming_stay_listed_on_the_plan(client, forum_member):
    plan = make_plan(stages=0, slug="plan-repro")
    services.stage_save(
        actor=forum_member,
        plan=plan,
        number=1,
        name="Recepción de propuestas",
        start_date=D(2030, 1, 1),
        end_date=D(2030, 3, 31),
        receives_proposals=True,
    )
    axis = services.axis_save(actor=forum_member, plan=plan, name="Transparencia")
    proposal_services.proposal_submit(
        actor=forum_member,
        plan=plan,
        title="Compras municipales en datos abiertos",
        problem="Nadie puede comparar las compras.",
        solution="Publicarlas en formato abierto.",
        beneficiaries="Veedurías.",
        axis=axis,
        province="pichincha",
        proposer_type="sociedad-civil",
        contact_name="Persona de prueba",
        channel="papel",
        idempotency_token=uuid.uuid4(),
    )
    services.plan_new_version(
        actor=forum_member, plan=plan, reason="Reprogramación de plazos.", end_date=D(2032, 6, 30)
    )

    page = client.get(reverse("plans:detail", args=["plan-repro"])).content.decode()
    link = re.search(r'href="([^"]+)"[^>]*>Ver las propuestas recibidas', page)
    assert link, "the plan page links to the proposals received"
    listing = client.get(link.group(1).replace("&amp;", "&")).content.decode()
    assert "Compras municipales en datos abiertos" in listing
