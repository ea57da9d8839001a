"""Reads of the commitments app: the tracking platform and the back office.

Every page reads a fixed number of queries whatever the number of commitments (tests pin it):
commitments with their plan and axis in one query, then milestones, actors and so on each in one
prefetch; the arithmetic runs in Python over what was read (``arith.py``).
"""

import datetime
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils import timezone

from abierto.plans.models import ActionPlan

from . import progress as arith
from .models import (
    PUBLIC_STATUSES,
    ActorRole,
    Commitment,
    CommitmentActor,
    CommitmentVersion,
    ConsultationComment,
    Evidence,
    EvidenceStatus,
    Indicator,
    Measurement,
    Milestone,
    MilestoneStatus,
    ProgressReport,
    Status,
)
from .rules import REPORTING_ROLES

PUBLIC_EVIDENCE = (EvidenceStatus.VERIFIED, EvidenceStatus.PENDING)


def milestone_facts(milestone: Milestone) -> arith.MilestoneFacts:
    return arith.MilestoneFacts(
        weight=milestone.weight,
        progress=milestone.progress,
        end_date=milestone.end_date,
        completed=milestone.is_completed,
    )


@dataclass
class CommitmentRow:
    """A commitment with what the tracking pages show about it, computed once."""

    commitment: Commitment
    progress: float
    standing: arith.Standing
    lead: Any  # Organization | None
    delayed_milestones: list[Milestone] = field(default_factory=list)

    @property
    def bar(self):
        from abierto.core.charts import progress_bar

        return progress_bar(self.progress)


def _row(commitment: Commitment, today: datetime.date) -> CommitmentRow:
    milestones = list(commitment.milestones.all())
    facts = [milestone_facts(m) for m in milestones]
    lead = next((a.organization for a in commitment.actors.all() if a.role == ActorRole.LEAD), None)
    return CommitmentRow(
        commitment=commitment,
        progress=arith.commitment_progress(facts),
        standing=arith.commitment_standing(
            facts, today, completed=commitment.status == Status.COMPLETED
        ),
        lead=lead,
        delayed_milestones=[m for m in milestones if m.is_delayed_on(today)],
    )


_ACTORS = Prefetch(
    "actors",
    queryset=CommitmentActor.objects.select_related("organization").only(
        "id",
        "commitment_id",
        "role",
        "organization__id",
        "organization__name",
        "organization__acronym",
    ),
)


def _public_base() -> QuerySet[Commitment]:
    return (
        Commitment.objects.filter(status__in=sorted(PUBLIC_STATUSES))
        .select_related("plan", "axis", "candidate")
        .prefetch_related(_ACTORS)
    )


#: What a row (progress, standing, delays) and the tracking pages read of a milestone: not its
#: responsible person or anything else a sheet shows.
ROW_MILESTONE_FIELDS = (
    "id",
    "commitment_id",
    "deliverable",
    "start_date",
    "end_date",
    "weight",
    "status",
    "progress",
    "order",
    "is_example",
)


def public_commitments() -> QuerySet[Commitment]:
    """Commitments the public sees (drafts stay private), with what rows need prefetched."""
    return _public_base().prefetch_related(
        Prefetch(
            "milestones",
            queryset=Milestone.objects.only(*ROW_MILESTONE_FIELDS).order_by("order", "start_date"),
        )
    )


def commitment_rows(queryset: QuerySet[Commitment], *, today=None) -> list[CommitmentRow]:
    today = today or timezone.localdate()
    return [_row(c, today) for c in queryset]


def commitment_ids_in_standing(
    queryset: QuerySet[Commitment], standing: str, *, today=None
) -> list[int]:
    """Ids of the commitments of ``queryset`` whose standing is ``standing``, in its order.

    Standing is derived from milestones, so it cannot be a WHERE clause: this reads only the
    four facts each milestone contributes (one query for the ids, one for the milestones,
    tuples, no model instances), so filtering a thousand commitments stays cheap.
    """
    today = today or timezone.localdate()
    commitments = list(queryset.prefetch_related(None).values_list("id", "status"))
    facts: dict[int, list[arith.MilestoneFacts]] = {pk: [] for pk, _ in commitments}
    milestones = Milestone.objects.filter(commitment_id__in=list(facts)).values_list(
        "commitment_id", "weight", "progress", "end_date", "status"
    )
    for commitment_id, weight, progress, end_date, status in milestones.iterator(chunk_size=2000):
        facts[commitment_id].append(
            arith.MilestoneFacts(
                weight=weight,
                progress=progress,
                end_date=end_date,
                completed=status == MilestoneStatus.COMPLETED,
            )
        )
    return [
        pk
        for pk, status in commitments
        if arith.commitment_standing(facts[pk], today, completed=status == Status.COMPLETED)
        == standing
    ]


def plans_with_commitments() -> list[ActionPlan]:
    """Plans that have public commitments, newest first, with how many."""
    return list(
        ActionPlan.objects.annotate(
            public_commitments=Count(
                "commitments", filter=Q(commitments__status__in=sorted(PUBLIC_STATUSES))
            )
        )
        .filter(public_commitments__gt=0)
        .order_by("-number")
    )


@dataclass
class Dashboard:
    plan: ActionPlan
    rows: list[CommitmentRow]
    overall: float
    counts: arith.Counts
    by_axis: list[arith.Rollup]
    by_institution: list[arith.Rollup]
    delayed: list[tuple[CommitmentRow, Milestone]]
    milestone_counts: arith.Counts
    withdrawn: int


def plan_dashboard(*, plan: ActionPlan, today=None) -> Dashboard:
    """Overall progress, by axis, by lead institution, counts and delays of one plan."""
    today = today or timezone.localdate()
    rows = commitment_rows(public_commitments().filter(plan=plan).order_by("code"), today=today)
    withdrawn = sum(1 for r in rows if r.commitment.status == Status.WITHDRAWN)
    counted = [
        r
        for r in rows
        if r.commitment.status not in (Status.WITHDRAWN, Status.IN_CONSULTATION, Status.APPROVED)
    ]
    milestones = [m for r in counted for m in r.commitment.milestones.all()]
    milestone_standings = [
        arith.Standing.COMPLETED
        if m.is_completed
        else arith.Standing.DELAYED
        if m.is_delayed_on(today)
        else arith.Standing.ON_TRACK
        for m in milestones
    ]
    return Dashboard(
        plan=plan,
        rows=rows,
        overall=arith.mean(r.progress for r in counted),
        counts=arith.standing_counts(r.standing for r in counted),
        by_axis=arith.rollup(
            (r.commitment.axis.name if r.commitment.axis else "—", r.progress, r.standing)
            for r in counted
        ),
        by_institution=arith.rollup(
            (str(r.lead) if r.lead else "—", r.progress, r.standing) for r in counted
        ),
        delayed=[(r, m) for r in counted for m in r.delayed_milestones],
        milestone_counts=arith.standing_counts(milestone_standings),
        withdrawn=withdrawn,
    )


def _sheet_prefetches() -> tuple[Prefetch, Prefetch]:
    """Milestones (with their public evidence) and indicators (with their measurements): what
    a commitment sheet shows, on its page and in the plan's printable documents."""
    return (
        Prefetch(
            "milestones",
            queryset=Milestone.objects.select_related("responsible")
            .order_by("order", "start_date")
            .prefetch_related(
                Prefetch(
                    "evidence",
                    queryset=Evidence.objects.filter(status__in=PUBLIC_EVIDENCE).order_by(
                        "-created_at"
                    ),
                )
            ),
        ),
        Prefetch(
            "indicators",
            queryset=Indicator.objects.prefetch_related(
                Prefetch("measurements", queryset=Measurement.objects.order_by("date"))
            ),
        ),
    )


def plan_sheets(*, plan: ActionPlan) -> list[Commitment]:
    """Every public commitment of a plan with its sheet (actors, milestones with public
    evidence, indicators with measurements), by code, in a fixed number of queries."""
    return list(
        _public_base().prefetch_related(*_sheet_prefetches()).filter(plan=plan).order_by("code")
    )


def plan_evidence_counts(*, plan: ActionPlan) -> dict[str, int]:
    """How much public evidence of a plan's commitments is verified and how much pending."""
    counts = dict(
        Evidence.objects.filter(
            milestone__commitment__plan=plan,
            milestone__commitment__status__in=sorted(PUBLIC_STATUSES),
            status__in=PUBLIC_EVIDENCE,
        )
        .order_by()
        .values_list("status")
        .annotate(n=Count("id"))
    )
    return {status: counts.get(status, 0) for status in PUBLIC_EVIDENCE}


def commitment_page(*, code: str) -> Commitment | None:
    """One public commitment with everything its page shows, in a fixed number of queries."""
    return (
        _public_base()
        .prefetch_related(
            *_sheet_prefetches(),
            Prefetch("versions", queryset=CommitmentVersion.objects.order_by("-number")),
            Prefetch(
                "reports",
                queryset=ProgressReport.objects.select_related("organization").only(
                    "id",
                    "commitment_id",
                    "period_start",
                    "period_end",
                    "narrative",
                    "difficulties",
                    "is_example",
                    "organization__id",
                    "organization__name",
                    "organization__acronym",
                ),
            ),
            Prefetch(
                "comments",
                queryset=ConsultationComment.objects.only(
                    "id", "commitment_id", "body", "created_at", "answer", "answered_at"
                ),
            ),
            "irm_assessment",
        )
        .filter(code=code)
        .first()
    )


def source_proposals(*, commitment: Commitment) -> list:
    """Public proposals this commitment came from (hidden ones left out)."""
    return list(commitment.source_proposals.filter(is_hidden=False).only("id", "title", "status"))


def indicator_compliance(indicator: Indicator) -> float | None:
    """Compliance of the latest measurement, or None before any measurement."""
    measurements = list(indicator.measurements.all())
    if not measurements:
        return None
    latest = measurements[-1]
    return arith.indicator_compliance(
        baseline=indicator.baseline_value, target=indicator.target_value, value=latest.value
    )


# --- back office ---------------------------------------------------------------------------


def liaison_commitments(*, user) -> QuerySet[Commitment]:
    """Commitments where the liaison's organisation is lead or support."""
    org_id = getattr(user, "organization_id", None)
    if org_id is None:
        return Commitment.objects.none()
    return (
        Commitment.objects.filter(
            actors__organization_id=org_id, actors__role__in=list(REPORTING_ROLES)
        )
        .distinct()
        .select_related("plan", "axis")
        .prefetch_related(
            Prefetch("milestones", queryset=Milestone.objects.order_by("order", "start_date")),
            "actors",
            Prefetch(
                "milestones__evidence",
                queryset=Evidence.objects.order_by("-created_at"),
            ),
        )
        .order_by("code")
    )


@dataclass
class LiaisonDesk:
    rows: list[CommitmentRow]
    due: list[tuple[Commitment, Milestone]]
    late: list[tuple[Commitment, Milestone]]
    rejected: list[tuple[Commitment, Evidence]]
    pending: list[tuple[Commitment, Evidence]]


DUE_WINDOW_DAYS = 60


def liaison_desk(*, user, today=None) -> LiaisonDesk:
    """What a liaison must do: milestones due soon, late, evidence rejected (and why)."""
    today = today or timezone.localdate()
    commitments = list(liaison_commitments(user=user))
    rows = [_row(c, today) for c in commitments]
    due, late, rejected, pending = [], [], [], []
    horizon = today + datetime.timedelta(days=DUE_WINDOW_DAYS)
    for commitment in commitments:
        for milestone in commitment.milestones.all():
            if milestone.is_delayed_on(today):
                late.append((commitment, milestone))
            elif not milestone.is_completed and today <= milestone.end_date <= horizon:
                due.append((commitment, milestone))
            for evidence in milestone.evidence.all():
                if evidence.status == EvidenceStatus.REJECTED:
                    rejected.append((commitment, evidence))
                elif evidence.status == EvidenceStatus.PENDING:
                    pending.append((commitment, evidence))
    return LiaisonDesk(rows=rows, due=due, late=late, rejected=rejected, pending=pending)


def staff_commitments() -> QuerySet[Commitment]:
    return Commitment.objects.select_related("plan").order_by("plan__number", "code")


def evidence_queue() -> QuerySet[Evidence]:
    return (
        Evidence.objects.filter(status=EvidenceStatus.PENDING)
        .select_related("milestone__commitment")
        .order_by("created_at")
    )


def staff_commitment(*, pk: int) -> Commitment | None:
    return (
        Commitment.objects.select_related("plan", "axis")
        .prefetch_related(
            Prefetch("actors", queryset=CommitmentActor.objects.select_related("organization")),
            Prefetch(
                "milestones",
                queryset=Milestone.objects.select_related("responsible").prefetch_related(
                    Prefetch("evidence", queryset=Evidence.objects.order_by("-created_at"))
                ),
            ),
            Prefetch(
                "indicators",
                queryset=Indicator.objects.prefetch_related(
                    Prefetch("measurements", queryset=Measurement.objects.order_by("date"))
                ),
            ),
            "reports",
            "comments",
            "versions",
        )
        .filter(pk=pk)
        .first()
    )


def version_diff(*, commitment: Commitment, number: int) -> list[dict] | None:
    """Field-by-field differences between version ``number`` and the one after it."""
    from .services import SHEET_FIELDS, sheet_snapshot

    versions = {v.number: v for v in commitment.versions.all()}
    if number not in versions:
        return None
    old = versions[number].snapshot
    new = versions[number + 1].snapshot if number + 1 in versions else sheet_snapshot(commitment)
    labels = {f.name: f.verbose_name for f in Commitment._meta.fields}
    diff = []
    for name in SHEET_FIELDS:
        before = old.get("axis_name") if name == "axis" else old.get(name)
        after = new.get("axis_name") if name == "axis" else new.get(name)
        if before != after:
            diff.append(
                {
                    "field": labels.get(name, name),
                    "before": _display(name, before),
                    "after": _display(name, after),
                }
            )
    return diff


def version_sheet(*, version: CommitmentVersion) -> list[dict]:
    """The sheet as it read in ``version``, field by field (for reading an old version)."""
    from .services import SHEET_FIELDS

    labels = {f.name: f.verbose_name for f in Commitment._meta.fields}
    snapshot = version.snapshot
    rows = []
    for name in SHEET_FIELDS:
        value = snapshot.get("axis_name") if name == "axis" else snapshot.get(name)
        rows.append({"field": labels.get(name, name), "value": _display(name, value)})
    return rows


def _display(name: str, value: Any) -> str:
    from .models import OGPValue

    if value in (None, "", []):
        return "—"
    if name == "ogp_values":
        labels = dict(OGPValue.choices)
        return ", ".join(str(labels.get(v, v)) for v in value)
    if name == "sdgs":
        return ", ".join(str(n) for n in value)
    if name in ("start_date", "end_date"):
        return datetime.date.fromisoformat(value).strftime("%d/%m/%Y")
    return str(value)


def staff_waiting_count(*, user) -> int:
    """What waits for this person: evidence to verify (Grupo Núcleo); late milestones and
    rejected evidence of their institution (liaisons)."""
    from abierto.core.permissions import allowed

    count = 0
    if allowed(user, "commitments.manage"):
        count += Evidence.objects.filter(status=EvidenceStatus.PENDING).count()
    org_id = getattr(user, "organization_id", None)
    if org_id is not None:
        mine = Q(
            commitment__actors__organization_id=org_id,
            commitment__actors__role__in=list(REPORTING_ROLES),
        )
        today = timezone.localdate()
        count += (
            Milestone.objects.filter(mine, end_date__lt=today)
            .exclude(status="cumplido")
            .distinct()
            .count()
        )
        count += (
            Evidence.objects.filter(
                status=EvidenceStatus.REJECTED,
                milestone__commitment__actors__organization_id=org_id,
                milestone__commitment__actors__role__in=list(REPORTING_ROLES),
            )
            .distinct()
            .count()
        )
    return count
