"""Mesas (co-creation tables): ``counts["mesas"]`` mesas (200 at L) of the plan open for
proposals, with ``counts["registrations"]`` registrations (10,000), the public list, calendar
and a mesa page as GET families, and registration as a POST flow.

Bulk-created, bypassing ``services.mesa_create`` / ``registration_create`` (one row, one audit
entry and one email per call) but writing what they would: scheduled mesas in the coming
weeks across provinces, a unique registration code each, confirmed up to the capacity.
"""

import datetime
import uuid

from families import Dataset, PageFamily, dataset_builder, page_family

BATCH = 100


@dataset_builder("mesas", after=("core", "plans", "forum"))
def build(data: Dataset) -> None:
    from django.db import transaction
    from django.utils import timezone

    from abierto.core.geo import Province
    from abierto.mesas.demo import EXAMPLE_PLAN_SLUG
    from abierto.mesas.models import Kind, Mesa, Modality, Registration, RegistrationStatus
    from abierto.plans.models import ActionPlan

    rng = data.rng
    total = data.scale.counts["mesas"]
    per = max(1, data.scale.counts["registrations"] // max(total, 1))
    plan = ActionPlan.objects.get(slug=EXAMPLE_PLAN_SLUG)
    provinces = list(Province.values)
    now = timezone.now().replace(minute=0, second=0, microsecond=0)
    alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
    done = 0
    while done < total:
        size = min(BATCH, total - done)
        with transaction.atomic():
            batch = []
            for k in range(done, done + size):
                starts = now + datetime.timedelta(days=2 + k % 40, hours=k % 8)
                province = rng.choice(provinces)
                batch.append(
                    Mesa(
                        plan=plan,
                        title=f"Mesa de cocreación {k + 1}: datos abiertos en {province}",
                        description="Mesa de prueba de carga (make bench).",
                        kind=rng.choice([Kind.TERRITORIAL, Kind.THEMATIC]),
                        modality=Modality.IN_PERSON,
                        city="Quito",
                        province=province,
                        venue_address="Casa comunal (prueba de carga)",
                        starts_at=starts,
                        ends_at=starts + datetime.timedelta(hours=3),
                        capacity=per + 500,  # room left for the registration flow
                        uid=uuid.UUID(int=rng.getrandbits(128), version=4),
                    )
                )
            created = Mesa.objects.bulk_create(batch)
            Registration.objects.bulk_create(
                Registration(
                    mesa=mesa,
                    name=f"Persona {mesa.pk}-{n}",
                    email=f"mesa{mesa.pk}.persona{n}@bench.example.org",
                    code="".join(rng.choice(alphabet) for _ in range(12)),
                    status=RegistrationStatus.CONFIRMED,
                )
                for mesa in created
                for n in range(per)
            )
        done += size
        data.progress("mesas e inscripciones", done, total)
    data.progress("mesas e inscripciones", total, total)
    ids = list(
        Mesa.objects.filter(description="Mesa de prueba de carga (make bench).")
        .order_by("id")
        .values_list("id", flat=True)
    )
    data.facts["mesa_ids"] = ids


def _register_driver(context):
    from load import registrations

    return registrations(context)


page_family(PageFamily(key="mesas", label="/mesas/", app="mesas", order=50, paths=["/mesas/"]))
page_family(
    PageFamily(
        key="mesas_calendar",
        label="/mesas/calendario/",
        app="mesas",
        order=51,
        paths=["/mesas/calendario/"],
    )
)
page_family(
    PageFamily(
        key="mesa_detail",
        label="/mesas/<id>/",
        app="mesas",
        order=52,
        paths=lambda facts: [f"/mesas/{pk}/" for pk in facts["mesa_ids"]],
    )
)
page_family(
    PageFamily(
        key="mesa_register",
        label="POST /mesas/<id>/inscripcion/",
        app="mesas",
        order=53,
        driver=_register_driver,
    )
)
