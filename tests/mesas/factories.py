"""Builders for mesa tests: everything goes through the services, as on the site."""

import datetime
import itertools

from django.utils import timezone

from abierto.core.roles import Role
from abierto.mesas import services
from abierto.mesas.models import Kind, Mesa, Modality
from abierto.plans.models import Theme

from ..helpers import make_user
from ..plans.factories import make_plan

_counter = itertools.count(1)


def soon(days: int = 7, hour: int = 9) -> datetime.datetime:
    day = timezone.localdate() + datetime.timedelta(days=days)
    return datetime.datetime.combine(
        day, datetime.time(hour), tzinfo=timezone.get_current_timezone()
    )


def make_theme(plan, name="Datos abiertos") -> Theme:
    return Theme.objects.get_or_create(plan=plan, name=name)[0]


def make_mesa(plan=None, *, actor=None, facilitators=(), **fields) -> Mesa:
    n = next(_counter)
    plan = plan or make_plan(number=20 + n, slug=f"plan-mesas-{n}")
    starts_at = fields.pop("starts_at", soon())
    defaults = {
        "title": f"Mesa de prueba {n}",
        "kind": Kind.TERRITORIAL,
        "modality": Modality.IN_PERSON,
        "city": "Riobamba",
        "province": "chimborazo",
        "venue_address": "Casa comunal",
        "starts_at": starts_at,
        "ends_at": starts_at + datetime.timedelta(hours=3),
        "capacity": 30,
    }
    defaults.update(fields)
    return services.mesa_create(actor=actor, plan=plan, facilitators=facilitators, **defaults)


def make_facilitator(email="facilita@example.org"):
    return make_user(email, Role.FACILITATOR)


def register(mesa, n: int, *, prefix="persona"):
    return [
        services.registration_create(
            actor=None, mesa=mesa, name=f"Persona {i}", email=f"{prefix}{i}@example.org"
        )
        for i in range(n)
    ]
