"""The arithmetic of the tracking platform, as pure functions (no database, no Django).

Rules
-----
* **Milestone progress** is 0-100. A milestone counts as *completed* only when its status is
  completed, which the services allow only with at least one verified piece of evidence.
* **Commitment progress** is the mean of its milestones' progress weighted by their weights.
  Zero weights: when *every* weight is 0 (nobody set them), each milestone counts the same
  (plain mean); when some weights are set, a milestone of weight 0 counts nothing. A commitment
  without milestones has progress 0.
* **Indicator compliance** is how far a value went from the baseline toward the target, as a
  percentage clamped to 0-100. It works both ways: for an indicator that must go down, a value
  below the baseline is progress. Target equal to baseline is refused (there is nothing to
  measure): ``ValueError``.
* **Roll-ups** (plan, axis, institution) are the plain mean of their commitments' progress;
  withdrawn commitments are left out by the caller.
* **Standing** of a commitment: completed (status completed or every milestone completed),
  delayed (some milestone past its end and not completed) or on track.
"""

import datetime
from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

Number = int | float | Decimal


@dataclass(frozen=True)
class MilestoneFacts:
    weight: int
    progress: int
    end_date: datetime.date
    completed: bool


class Standing(StrEnum):
    ON_TRACK = "a-tiempo"
    DELAYED = "con-retraso"
    COMPLETED = "cumplido"


def clamp_percent(value: float) -> float:
    return max(0.0, min(100.0, value))


def weighted_progress(items: Sequence[tuple[Number, Number]]) -> float:
    """Mean of ``(weight, progress)`` pairs weighted by weight; see the module rules."""
    if not items:
        return 0.0
    total_weight = sum(float(weight) for weight, _ in items)
    if total_weight <= 0:
        return clamp_percent(sum(float(progress) for _, progress in items) / len(items))
    total = sum(float(weight) * float(progress) for weight, progress in items)
    return clamp_percent(total / total_weight)


def commitment_progress(milestones: Sequence[MilestoneFacts]) -> float:
    return weighted_progress([(m.weight, m.progress) for m in milestones])


def is_delayed(milestone: MilestoneFacts, today: datetime.date) -> bool:
    return milestone.end_date < today and not milestone.completed


def commitment_standing(
    milestones: Sequence[MilestoneFacts], today: datetime.date, *, completed: bool = False
) -> Standing:
    if completed or (milestones and all(m.completed for m in milestones)):
        return Standing.COMPLETED
    if any(is_delayed(m, today) for m in milestones):
        return Standing.DELAYED
    return Standing.ON_TRACK


def indicator_compliance(*, baseline: Number, target: Number, value: Number) -> float:
    """Progress from baseline to target in percent (0-100), for rising and falling indicators."""
    baseline_f, target_f, value_f = float(baseline), float(target), float(value)
    span = target_f - baseline_f
    if span == 0:
        raise ValueError("target equals baseline")
    return clamp_percent((value_f - baseline_f) / span * 100.0)


def mean(values: Iterable[float]) -> float:
    values = list(values)
    return sum(values) / len(values) if values else 0.0


@dataclass(frozen=True)
class Rollup:
    key: Hashable
    progress: float
    commitments: int
    on_track: int
    delayed: int
    completed: int


def rollup(entries: Iterable[tuple[Hashable, float, Standing]]) -> list[Rollup]:
    """Group ``(key, progress, standing)`` triples: mean progress and counts per key.

    Keys keep the order in which they first appear.
    """
    groups: dict[Hashable, list[tuple[float, Standing]]] = {}
    for key, progress, standing in entries:
        groups.setdefault(key, []).append((progress, standing))
    return [
        Rollup(
            key=key,
            progress=mean(p for p, _ in rows),
            commitments=len(rows),
            on_track=sum(1 for _, s in rows if s == Standing.ON_TRACK),
            delayed=sum(1 for _, s in rows if s == Standing.DELAYED),
            completed=sum(1 for _, s in rows if s == Standing.COMPLETED),
        )
        for key, rows in groups.items()
    ]


@dataclass(frozen=True)
class Counts:
    on_track: int
    delayed: int
    completed: int

    @property
    def total(self) -> int:
        return self.on_track + self.delayed + self.completed


def standing_counts(standings: Iterable[Standing]) -> Counts:
    counts = dict.fromkeys(Standing, 0)
    for standing in standings:
        counts[standing] += 1
    return Counts(
        on_track=counts[Standing.ON_TRACK],
        delayed=counts[Standing.DELAYED],
        completed=counts[Standing.COMPLETED],
    )
