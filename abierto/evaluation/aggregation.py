"""Aggregation of rubric scores: pure functions over plain numbers (property-tested).

The weighted total is on the **1-5 scale** of the scores: the mean of each criterion over the
evaluators who submitted, weighted by the round's weights. A criterion nobody scored is left
out and the other weights are scaled up to 100, so a missing score never counts as a zero.
Numbers are exact (``Fraction``) and rounded to two decimals only for display and ranking.
"""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

from .models import DISAGREEMENT_SPREAD

TWO_PLACES = Decimal("0.01")


def to_decimal(value: Fraction | None) -> Decimal | None:
    if value is None:
        return None
    return (Decimal(value.numerator) / Decimal(value.denominator)).quantize(
        TWO_PLACES, rounding=ROUND_HALF_UP
    )


@dataclass(frozen=True)
class CriterionResult:
    criterion_id: int
    mean: Fraction | None
    spread: int | None
    count: int

    @property
    def mean_display(self) -> Decimal | None:
        return to_decimal(self.mean)

    @property
    def disagreement(self) -> bool:
        return self.spread is not None and self.spread >= DISAGREEMENT_SPREAD


@dataclass(frozen=True)
class EntryResult:
    criteria: tuple[CriterionResult, ...]
    total: Fraction | None
    sheets: int

    @property
    def total_display(self) -> Decimal | None:
        return to_decimal(self.total)

    @property
    def flagged(self) -> bool:
        """Evaluators disagree (spread ≥ 2 on some criterion): discuss before deciding."""
        return any(c.disagreement for c in self.criteria)


def aggregate(
    weights: Mapping[int, int], sheets: Sequence[Mapping[int, int | None]]
) -> EntryResult:
    """``weights``: criterion id -> weight; ``sheets``: one mapping criterion id -> 1..5 per
    submitted evaluation (a criterion may be missing or None)."""
    results = []
    weighted = Fraction(0)
    used_weight = 0
    for criterion_id, weight in weights.items():
        values = [v for sheet in sheets if (v := sheet.get(criterion_id)) is not None]
        if values:
            mean = Fraction(sum(values), len(values))
            results.append(
                CriterionResult(criterion_id, mean, max(values) - min(values), len(values))
            )
            weighted += mean * weight
            used_weight += weight
        else:
            results.append(CriterionResult(criterion_id, None, None, 0))
    total = weighted / used_weight if used_weight else None
    return EntryResult(tuple(results), total, len(sheets))


def competition_ranks(totals: Sequence[Decimal | None]) -> list[int | None]:
    """Ranks "1, 2, 2, 4" for the totals as shown (two decimals); no total, no rank."""
    ordered = sorted((t for t in totals if t is not None), reverse=True)
    first_index: dict[Decimal, int] = {}
    for index, total in enumerate(ordered):
        first_index.setdefault(total, index + 1)
    return [first_index[t] if t is not None else None for t in totals]
