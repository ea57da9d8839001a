"""Reads of the evaluation app. Aggregation itself is pure (``aggregation.py``, re-exported
here); these functions fetch rows in a fixed number of queries and feed it.
"""

from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, Prefetch, Q, QuerySet

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


SORTS = {
    "puntaje": lambda r: (r.result.total is None, -(r.result.total or 0), r.entry.proposal_id),
    "titulo": lambda r: (r.entry.proposal.title.casefold(), r.entry.proposal_id),
    "numero": lambda r: (r.entry.proposal_id,),
    "decision": lambda r: (r.entry.decision, r.entry.proposal_id),
}


def public_round_table(
    evaluation_round: EvaluationRound, sort: str = "puntaje"
) -> list[RankedEntry]:
    rows = round_results(evaluation_round)
    key = SORTS.get(sort, SORTS["puntaje"])
    return sorted(rows, key=key)


def admitted_count(plan) -> int:
    return Proposal.objects.filter(plan=plan, status=Status.IN_EVALUATION, is_hidden=False).count()


def pending_count(*, user) -> int:
    """Evaluations waiting for this person in open rounds (the dashboard card)."""
    return Assignment.objects.filter(
        member__user=user, entry__round__status=RoundStatus.OPEN, submitted_at__isnull=True
    ).count()
