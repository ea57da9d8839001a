"""Balanced automatic assignment of evaluators to proposals: a pure function, easy to test.

Deterministic: the same input gives the same assignment. Proposals with the fewest eligible
evaluators are served first (they have the least choice), and each takes the evaluators with
the lowest load so far, ties broken by member id. Without conflicts the loads differ by at
most one.
"""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass


class NotEnoughEvaluators(Exception):
    def __init__(self, entry_id: int, eligible: int, needed: int):
        super().__init__(entry_id, eligible, needed)
        self.entry_id, self.eligible, self.needed = entry_id, eligible, needed


@dataclass(frozen=True)
class Slot:
    """A proposal of the round: who may score it and who already does."""

    entry_id: int
    eligible: frozenset[int]
    assigned: frozenset[int] = frozenset()


def balanced_assignment(
    slots: Sequence[Slot], *, per_entry: int, load: Mapping[int, int] | None = None
) -> dict[int, list[int]]:
    """New member ids per entry id so each entry has ``per_entry`` evaluators.

    ``load`` counts the assignments members already carry. Raises ``NotEnoughEvaluators`` for
    the first entry that cannot be served (nothing is assigned then).
    """
    current = dict(load or {})
    for slot in slots:
        for member in slot.eligible | slot.assigned:
            current.setdefault(member, 0)
    result: dict[int, list[int]] = {}
    ordered = sorted(slots, key=lambda s: (len(s.eligible - s.assigned), s.entry_id))
    for slot in ordered:
        missing = per_entry - len(slot.assigned)
        if missing <= 0:
            continue
        free = sorted(slot.eligible - slot.assigned, key=lambda m: (current[m], m))
        if len(free) < missing:
            raise NotEnoughEvaluators(slot.entry_id, len(slot.eligible), per_entry)
        chosen = free[:missing]
        for member in chosen:
            current[member] += 1
        result[slot.entry_id] = sorted(chosen)
    return result
