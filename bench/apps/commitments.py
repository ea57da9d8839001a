"""Commitments: ``counts["commitments"]`` commitments (1,000 at L) with ``counts["milestones"]``
milestones (10,000) and ``counts["measurements"]`` indicator measurements (20,000), spread over
the demo's plans that already have commitments; the tracking pages as families.

Bulk-created in batches, bypassing the services (which write one row and one audit entry per
call) but writing what they would: public statuses (in implementation or completed), a lead
institution per commitment, milestone weights that add up to 100, a completed milestone at
100%, one indicator per commitment whose measurements move from its baseline to its target.
"""

import datetime
from decimal import Decimal

from families import Dataset, PageFamily, dataset_builder, page_family

BATCH = 200


@dataset_builder("commitments", after=("core", "plans", "forum"))
def build(data: Dataset) -> None:
    from django.db import transaction

    from abierto.commitments.models import (
        ActorRole,
        Commitment,
        CommitmentActor,
        Direction,
        Indicator,
        Measurement,
        Milestone,
        MilestoneStatus,
        OGPValue,
        Status,
    )
    from abierto.forum.models import Organization
    from abierto.plans.models import ActionPlan

    rng = data.rng
    total = data.scale.counts["commitments"]
    per = max(1, data.scale.counts["milestones"] // max(total, 1))
    measures = max(1, data.scale.counts["measurements"] // max(total, 1))
    plans = list(
        ActionPlan.objects.filter(commitments__isnull=False)
        .distinct()
        .prefetch_related("axes")
        .order_by("id")
    ) or list(ActionPlan.objects.prefetch_related("axes").order_by("id"))
    organizations = list(Organization.objects.values_list("id", flat=True))
    values = list(OGPValue.values)
    done = 0
    while done < total:
        size = min(BATCH, total - done)
        with transaction.atomic():
            batch = []
            for k in range(done, done + size):
                plan = plans[k % len(plans)]
                axes = list(plan.axes.all())
                start = datetime.date(2023, 1, 1) + datetime.timedelta(days=rng.randrange(60))
                batch.append(
                    Commitment(
                        plan=plan,
                        code=f"BN{k:04d}",
                        title=f"Compromiso de prueba {k}: datos abiertos y rendición de cuentas",
                        problem="La ciudadanía no puede seguir el uso de los recursos públicos.",
                        objective="Publicar la información en datos abiertos cada mes.",
                        ogp_values=rng.sample(values, 2),
                        sdgs=[16],
                        axis=rng.choice(axes) if axes else None,
                        start_date=start,
                        end_date=start + datetime.timedelta(days=600),
                        status=rng.choices(
                            [Status.IN_PROGRESS, Status.COMPLETED, Status.FORMALIZED], [6, 2, 2]
                        )[0],
                    )
                )
            created = Commitment.objects.bulk_create(batch)
            CommitmentActor.objects.bulk_create(
                CommitmentActor(
                    commitment=c, organization_id=rng.choice(organizations), role=ActorRole.LEAD
                )
                for c in created
            )
            milestones = []
            indicators = []
            for c in created:
                for m in range(per):
                    begins = c.start_date + datetime.timedelta(days=m * 50)
                    progress = rng.choice([0, 25, 50, 75, 100])
                    status = (
                        MilestoneStatus.COMPLETED
                        if progress == 100
                        else MilestoneStatus.IN_PROGRESS
                        if progress
                        else MilestoneStatus.NOT_STARTED
                    )
                    milestones.append(
                        Milestone(
                            commitment=c,
                            deliverable=f"Entregable {m + 1} del compromiso {c.code}",
                            responsible_id=rng.choice(organizations),
                            start_date=begins,
                            end_date=begins + datetime.timedelta(days=45),
                            weight=100 // per,
                            status=status,
                            progress=progress,
                            order=m,
                        )
                    )
                indicators.append(
                    Indicator(
                        commitment=c,
                        name=f"Conjuntos de datos publicados ({c.code})",
                        unit="conjuntos",
                        direction=Direction.UP,
                        baseline_value=Decimal(0),
                        baseline_date=c.start_date,
                        target_value=Decimal(measures * 10),
                        target_date=c.end_date,
                    )
                )
            Milestone.objects.bulk_create(milestones)
            created_indicators = Indicator.objects.bulk_create(indicators)
            Measurement.objects.bulk_create(
                Measurement(
                    indicator=i,
                    value=Decimal(n * 10 + rng.randrange(10)),
                    date=i.baseline_date + datetime.timedelta(days=30 * (n + 1)),
                    source="Portal de datos abiertos (prueba de carga)",
                )
                for i in created_indicators
                for n in range(measures)
            )
        done += size
        data.progress("compromisos, hitos, mediciones", done, total)
    data.progress("compromisos, hitos, mediciones", total, total)
    codes = list(
        Commitment.objects.filter(code__startswith="BN")
        .order_by("code")
        .values_list("code", flat=True)
    )
    data.facts["commitment_codes"] = sorted(rng.sample(codes, min(500, len(codes))))


page_family(
    PageFamily(
        key="tracking_dashboard",
        label="/seguimiento/",
        app="commitments",
        order=60,
        paths=["/seguimiento/"],
    )
)
page_family(
    PageFamily(
        key="commitment_list",
        label="/seguimiento/compromisos/",
        app="commitments",
        order=61,
        paths=["/seguimiento/compromisos/"],
    )
)
page_family(
    PageFamily(
        key="commitment_detail",
        label="/compromisos/<código>/ (500 distintos)",
        app="commitments",
        order=62,
        paths=lambda facts: [f"/compromisos/{code}/" for code in facts["commitment_codes"]],
    )
)
