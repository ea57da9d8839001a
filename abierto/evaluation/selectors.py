"""Reads of the evaluation app. Aggregation itself is pure (``aggregation.py``, re-exported
here); these functions fetch rows in a fixed number of queries and feed it.
"""

import time
from dataclasses import dataclass, field
from decimal import Decimal

from django.core.cache import cache
from django.db.models import Count, Prefetch, Q, QuerySet

from abierto.core.pagecache import reads
from abierto.proposals.models import Proposal, Status
from abierto.proposals.selectors import similar_proposals

from .aggregation import EntryResult, aggregate, competition_ranks, to_decimal
from .models import (
    Assignment,
    Commission,
    CommissionMember,
    EvaluationRound,
    RoundCriterion,
    RoundEntry,
    RoundStatus,
    Score,
)

__all__ = ["aggregate", "competition_ranks", "to_decimal"]


def weights_of(criteria) -> dict[int, int]:
    return {c.pk: c.weight for c in criteria}


@dataclass
class RankedEntry:
    entry: RoundEntry
    result: EntryResult
    rank: int | None = None
    assignments: list[Assignment] = field(default_factory=list)

    @property
    def submitted(self) -> int:
        return sum(1 for a in self.assignments if a.submitted_at)


def round_results(evaluation_round: EvaluationRound) -> list[RankedEntry]:
    """Every proposal of the round with its aggregate and rank (best first). 4 queries."""
    criteria = list(evaluation_round.criteria.all())
    weights = weights_of(criteria)
    entries = list(
        evaluation_round.entries.select_related("proposal", "candidate").prefetch_related(
            Prefetch(
                "assignments",
                queryset=Assignment.objects.select_related("member__user").prefetch_related(
                    "scores"
                ),
            )
        )
    )
    rows = []
    for entry in entries:
        assignments = list(entry.assignments.all())
        sheets = [
            {s.criterion_id: s.value for s in a.scores.all()} for a in assignments if a.submitted_at
        ]
        rows.append(RankedEntry(entry, aggregate(weights, sheets), assignments=assignments))
    ranks = competition_ranks([r.result.total_display for r in rows])
    for row, rank in zip(rows, ranks, strict=True):
        row.rank = rank
    rows.sort(key=lambda r: (r.rank is None, r.rank or 0, r.entry.proposal_id))
    return rows


@dataclass
class EvaluatorProgress:
    member: CommissionMember
    submitted: int
    pending: int


def evaluator_progress(evaluation_round: EvaluationRound) -> list[EvaluatorProgress]:
    """Scored / pending per evaluator of the round, for the chair. One query."""
    members = (
        CommissionMember.objects.filter(assignments__entry__round=evaluation_round)
        .select_related("user")
        .annotate(
            done=Count(
                "assignments",
                filter=Q(
                    assignments__submitted_at__isnull=False,
                    assignments__entry__round=evaluation_round,
                ),
            ),
            todo=Count(
                "assignments",
                filter=Q(
                    assignments__submitted_at__isnull=True,
                    assignments__entry__round=evaluation_round,
                ),
            ),
        )
        .order_by("id")
    )
    return [EvaluatorProgress(m, m.done, m.todo) for m in members]


def my_assignments(*, user) -> QuerySet[Assignment]:
    """What the person is asked to score in open rounds (and what they already sent)."""
    return (
        Assignment.objects.filter(member__user=user, entry__round__status=RoundStatus.OPEN)
        .select_related("entry__round__plan", "entry__proposal")
        .order_by("entry__round__deadline", "entry__proposal_id")
    )


def evaluation_plans(*, user, manager: bool) -> QuerySet[Commission]:
    qs = Commission.objects.select_related("plan").prefetch_related("plan__evaluation_rounds")
    if not manager:
        qs = qs.filter(members__user=user, members__is_chair=True)
    return qs.order_by("-plan__number")


def assignment_for(*, user, round_id: int, proposal_id: int) -> Assignment | None:
    """The user's assignment for this proposal of this round, or None (→ 404)."""
    return (
        Assignment.objects.filter(
            member__user=user, entry__round_id=round_id, entry__proposal_id=proposal_id
        )
        .select_related(
            "entry__round__plan", "entry__proposal__axis", "entry__proposal__theme", "member"
        )
        .first()
    )


def scoring_sheet(assignment: Assignment) -> tuple[list[RoundCriterion], dict[int, Score]]:
    criteria = list(assignment.entry.round.criteria.all())
    scores = {s.criterion_id: s for s in assignment.scores.all()}
    return criteria, scores


def other_sheets(assignment: Assignment) -> list[Assignment]:
    """The other evaluators' submitted sheets, only once this one is submitted."""
    if not assignment.submitted_at:
        return []
    return list(
        Assignment.objects.filter(entry=assignment.entry, submitted_at__isnull=False)
        .exclude(pk=assignment.pk)
        .select_related("member__user")
        .prefetch_related(Prefetch("scores", queryset=Score.objects.select_related("criterion")))
    )


def reviewer_attachments(assignment: Assignment) -> list:
    if not assignment.entry.round.allow_attachments:
        return []
    return list(assignment.entry.proposal.attachments.all())


def grouping_suggestions(entry: RoundEntry, entries: list[RoundEntry], limit: int = 3):
    """Other proposals of the round that read alike (the project's similarity search)."""
    in_round = {e.proposal_id for e in entries}
    found = similar_proposals(
        plan_id=entry.proposal.plan_id,
        title=entry.proposal.title,
        problem=entry.proposal.problem,
        limit=limit + 5,
    )
    return [p for p in found if p.pk != entry.proposal_id and p.pk in in_round][:limit]


def draft_response(
    ranked: RankedEntry, criteria: list[RoundCriterion], *, decision: str, candidate_name: str = ""
) -> str:
    """A reasoned response built from the means, for the chair to edit (official Spanish)."""
    from django.utils import translation
    from django.utils.translation import gettext as _

    from .models import Decision

    with translation.override("es"):
        parts = []
        result = ranked.result
        if result.total is not None:
            means = "; ".join(
                f"{c.name}: {cr.mean_display}"
                for c, cr in zip(criteria, result.criteria, strict=True)
                if cr.mean is not None
            )
            parts.append(
                _(
                    "La comisión evaluadora calificó la propuesta con %(total)s sobre 5 (media "
                    "ponderada de %(n)s evaluaciones). Medias por criterio: %(means)s."
                )
                % {"total": result.total_display, "n": result.sheets, "means": means}
            )
        if decision == Decision.SELECTED:
            parts.append(_("La propuesta se selecciona para el plan de acción."))
        elif decision == Decision.GROUPED:
            parts.append(
                _("La propuesta se agrupa con otras en el compromiso candidato «%(name)s».")
                % {"name": candidate_name}
            )
        elif decision == Decision.NOT_SELECTED:
            parts.append(_("La propuesta no se selecciona en esta ocasión."))
        return " ".join(parts)


# --- Public ----------------------------------------------------------------------------------


def published_round_for_proposal(proposal_id: int) -> RoundEntry | None:
    return (
        RoundEntry.objects.filter(proposal_id=proposal_id, round__status=RoundStatus.PUBLISHED)
        .select_related("round__plan", "candidate")
        .order_by("-round__published_at")
        .first()
    )


@dataclass
class PublicProposalScores:
    entry: RoundEntry
    criteria: list[tuple[RoundCriterion, Decimal | None]]
    total: Decimal | None
    sheets: int


def public_proposal_scores(proposal) -> PublicProposalScores | None:
    """Means per criterion and the weighted total of a published round (never per person)."""
    entry = published_round_for_proposal(proposal.pk)
    if entry is None:
        return None
    criteria = list(entry.round.criteria.all())
    sheets_qs = Assignment.objects.filter(entry=entry, submitted_at__isnull=False).prefetch_related(
        "scores"
    )
    sheets = [{s.criterion_id: s.value for s in a.scores.all()} for a in sheets_qs]
    result = aggregate(weights_of(criteria), sheets)
    return PublicProposalScores(
        entry=entry,
        criteria=[(c, cr.mean_display) for c, cr in zip(criteria, result.criteria, strict=True)],
        total=result.total_display,
        sheets=result.sheets,
    )


def public_commission(plan) -> Commission | None:
    return (
        Commission.objects.filter(plan=plan)
        .prefetch_related(
            Prefetch(
                "members",
                queryset=CommissionMember.objects.filter(listed_publicly=True)
                .exclude(public_name="")
                .select_related("organization"),
                to_attr="listed_members",
            )
        )
        .first()
    )


def public_rounds(plan) -> list[EvaluationRound]:
    return list(
        EvaluationRound.objects.filter(plan=plan, status=RoundStatus.PUBLISHED)
        .prefetch_related("criteria")
        .order_by("-published_at")
    )


SORTS = ("puntaje", "titulo", "numero", "decision")

#: Rows of the public results table per page.
RESULTS_PER_PAGE = 50
#: Bump when the shape of the cached aggregation changes.
AGGREGATE_VERSION = 1
AGGREGATE_TTL = 30 * 24 * 3600
AGGREGATE_LOCK_SECONDS = 60
AGGREGATE_WAIT_SECONDS = 20


@dataclass
class PublicRow:
    """One proposal of a published round as the public table shows it. Everything but
    ``entry`` (read per page: the proposal's title can still change) comes from the cached
    aggregation, which a published round never changes."""

    entry_id: int
    proposal_id: int
    rank: int | None
    total: Decimal | None
    sheets: int
    means: tuple[Decimal | None, ...]
    decision: str
    entry: RoundEntry | None = None


def _hundredths(value: Decimal | None) -> int | None:
    return None if value is None else int(value.scaleb(2))


def _from_hundredths(value: int | None) -> Decimal | None:
    return None if value is None else Decimal(value).scaleb(-2)


def _compute_aggregate(evaluation_round: EvaluationRound) -> list[tuple]:
    """Every entry of the round, ranked, as plain tuples in score order (3 queries, no model
    instances): what the public table and CSV need and a published round never changes."""
    weights = weights_of(evaluation_round.criteria.all())
    entries = list(
        RoundEntry.objects.filter(round=evaluation_round)
        .order_by()
        .values_list("pk", "proposal_id", "decision")
    )
    sheets: dict[int, dict[int, dict[int, int | None]]] = {}
    for assignment_id, entry_id in Assignment.objects.filter(
        entry__round=evaluation_round, submitted_at__isnull=False
    ).values_list("pk", "entry_id"):
        sheets.setdefault(entry_id, {})[assignment_id] = {}
    for assignment_id, entry_id, criterion_id, value in Score.objects.filter(
        assignment__entry__round=evaluation_round, assignment__submitted_at__isnull=False
    ).values_list("assignment_id", "assignment__entry_id", "criterion_id", "value"):
        sheets[entry_id][assignment_id][criterion_id] = value
    results = [
        (pk, proposal_id, decision, aggregate(weights, list(sheets.get(pk, {}).values())))
        for pk, proposal_id, decision in entries
    ]
    ranks = competition_ranks([r[3].total_display for r in results])
    ranked = sorted(
        zip(results, ranks, strict=True),
        key=lambda x: (x[0][3].total is None, -(x[0][3].total or 0), x[0][1]),
    )
    return [
        (
            pk,
            proposal_id,
            rank,
            _hundredths(result.total_display),
            result.sheets,
            tuple(_hundredths(c.mean_display) for c in result.criteria),
            decision,
        )
        for (pk, proposal_id, decision, result), rank in ranked
    ]


def published_results(evaluation_round: EvaluationRound) -> list[PublicRow]:
    """The ranked aggregation of a published round, best first, from the shared cache.

    Scores, criteria and decisions of a published round cannot change (the services refuse
    them once the round is closed or published), so it is computed once per round and
    publication (single-flight, like the proposal counts) instead of from every score on
    each request. A kept page showing it still goes with any write to the tables it comes
    from (``reads``)."""
    reads(
        Score._meta.db_table,
        Assignment._meta.db_table,
        RoundEntry._meta.db_table,
        RoundCriterion._meta.db_table,
    )
    published = evaluation_round.published_at.isoformat() if evaluation_round.published_at else ""
    key = f"evaluation:results:{AGGREGATE_VERSION}:{evaluation_round.pk}:{published}"
    rows = cache.get(key)
    if rows is None:
        lock = f"{key}:calculando"
        if not cache.add(lock, 1, AGGREGATE_LOCK_SECONDS):
            deadline = time.monotonic() + AGGREGATE_WAIT_SECONDS
            while time.monotonic() < deadline:
                time.sleep(0.02)
                rows = cache.get(key)
                if rows is not None or cache.get(lock) is None:
                    break
        if rows is None:
            try:
                rows = _compute_aggregate(evaluation_round)
                cache.set(key, rows, AGGREGATE_TTL)
            finally:
                cache.delete(lock)
    return [
        PublicRow(
            entry_id=pk,
            proposal_id=proposal_id,
            rank=rank,
            total=_from_hundredths(total),
            sheets=sheets,
            means=tuple(_from_hundredths(m) for m in means),
            decision=decision,
        )
        for pk, proposal_id, rank, total, sheets, means, decision in rows
    ]


def sorted_results(
    evaluation_round: EvaluationRound, rows: list[PublicRow], sort: str = "puntaje"
) -> list[PublicRow]:
    """The whole round in the order asked for (the rows come in score order)."""
    if sort == "numero":
        return sorted(rows, key=lambda r: r.proposal_id)
    if sort == "decision":
        return sorted(rows, key=lambda r: (r.decision, r.proposal_id))
    if sort == "titulo":
        titles = dict(
            RoundEntry.objects.filter(round=evaluation_round)
            .order_by()
            .values_list("pk", "proposal__title")
        )
        return sorted(rows, key=lambda r: (titles.get(r.entry_id, "").casefold(), r.proposal_id))
    return rows


def with_entries(rows: list[PublicRow]) -> list[PublicRow]:
    """Attach each row's entry with its proposal and candidate (one query for the lot)."""
    found = RoundEntry.objects.select_related("proposal", "candidate").in_bulk(
        [r.entry_id for r in rows]
    )
    for row in rows:
        row.entry = found.get(row.entry_id)
    return [r for r in rows if r.entry is not None]


def admitted_count(plan) -> int:
    return Proposal.objects.filter(plan=plan, status=Status.IN_EVALUATION, is_hidden=False).count()


def pending_count(*, user) -> int:
    """Evaluations waiting for this person in open rounds (the dashboard card)."""
    return Assignment.objects.filter(
        member__user=user, entry__round__status=RoundStatus.OPEN, submitted_at__isnull=True
    ).count()
