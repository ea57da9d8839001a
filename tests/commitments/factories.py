"""Builders for commitments tests: everything goes through the services, as on the site."""

import datetime
import itertools
from decimal import Decimal

from abierto.commitments import services
from abierto.commitments.models import ActorRole, OGPValue, Status
from abierto.core.roles import Role
from abierto.forum.models import Organization, Sector
from abierto.plans.models import ActionPlan, Axis

from ..helpers import make_user

D = datetime.date
_codes = itertools.count(100)
DEFAULT_MILESTONES = ((50, D(2025, 3, 1), D(2025, 12, 31)), (50, D(2026, 1, 1), D(2027, 6, 1)))
_numbers = itertools.count(40)


def make_plan(**fields) -> ActionPlan:
    number = next(_numbers)
    values = {
        "slug": f"plan-seguimiento-{number}",
        "title": f"Plan de seguimiento {number}",
        "start_date": D(2025, 1, 1),
        "end_date": D(2027, 12, 31),
    }
    values.update(fields)
    plan = ActionPlan.objects.create(number=number, **values)
    Axis.objects.create(plan=plan, name="Institucional", order=1)
    Axis.objects.create(plan=plan, name="Social", order=2)
    return plan


def make_org(name: str, sector: str = Sector.PUBLIC_SECTOR) -> Organization:
    return Organization.objects.get_or_create(name=name, defaults={"sector": sector})[0]


def make_liaison(email: str, organization: Organization):
    return make_user(email, Role.LIAISON, organization=organization)


def sheet(**overrides) -> dict:
    data = {
        "code": f"EC{next(_codes):04d}",
        "title": "Portal de transparencia",
        "problem": "La información pública está dispersa.",
        "objective": "Reunir la información en un portal.",
        "ogp_values": [OGPValue.ACCESS_TO_INFORMATION],
        "sdgs": [16],
        "start_date": D(2025, 2, 1),
        "end_date": D(2027, 6, 30),
    }
    data.update(overrides)
    return data


def make_commitment(
    forum_member,
    *,
    plan=None,
    lead=None,
    support=(),
    counterpart=None,
    status=Status.IN_PROGRESS,
    milestones=None,
    **sheet_overrides,
):
    plan = plan or make_plan()
    if milestones is None:
        milestones = DEFAULT_MILESTONES
    if "axis" not in sheet_overrides:
        sheet_overrides["axis"] = plan.axes.first()
    commitment = services.commitment_create(
        actor=forum_member, plan=plan, data=sheet(**sheet_overrides)
    )
    lead = lead or make_org(f"Institución {commitment.code}")
    services.actor_add(
        actor=forum_member,
        commitment=commitment,
        organization=lead,
        role=ActorRole.LEAD,
        contact_name="Persona Privada",
        contact_email="privada@example.org",
    )
    for org in support:
        services.actor_add(
            actor=forum_member, commitment=commitment, organization=org, role=ActorRole.SUPPORT
        )
    if counterpart:
        services.actor_add(
            actor=forum_member,
            commitment=commitment,
            organization=counterpart,
            role=ActorRole.COUNTERPART,
        )
    for n, (weight, start, end) in enumerate(milestones, start=1):
        services.milestone_create(
            actor=forum_member,
            commitment=commitment,
            data={
                "deliverable": f"Hito {n}",
                "responsible": lead,
                "start_date": start,
                "end_date": end,
                "weight": weight,
                "order": n,
            },
        )
    path = [Status.IN_CONSULTATION, Status.APPROVED, Status.FORMALIZED, Status.IN_PROGRESS]
    for step in path:
        if commitment.status == status:
            break
        services.commitment_transition(
            actor=forum_member,
            commitment=commitment,
            status=step,
            acta_url="https://example.org/acta.pdf",
        )
    commitment.refresh_from_db()
    return commitment


def make_indicator(forum_member, commitment, **overrides):
    data = {
        "name": "Instituciones que publican",
        "unit": "instituciones",
        "direction": "sube",
        "baseline_value": Decimal("10"),
        "baseline_date": D(2025, 1, 15),
        "target_value": Decimal("60"),
        "target_date": D(2027, 6, 30),
    }
    data.update(overrides)
    return services.indicator_create(actor=forum_member, commitment=commitment, data=data)
