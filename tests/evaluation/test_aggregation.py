"""Property tests of the aggregation and of the balanced assignment (pure functions)."""

from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from abierto.evaluation.assignment import NotEnoughEvaluators, Slot, balanced_assignment
from abierto.evaluation.selectors import aggregate, competition_ranks

scores = st.integers(min_value=1, max_value=5)
weights_st = st.lists(st.integers(min_value=1, max_value=100), min_size=1, max_size=6)


@st.composite
def round_data(draw, allow_missing=False):
    weights = dict(enumerate(draw(weights_st), start=1))
    n = draw(st.integers(min_value=1, max_value=6))
    value = st.one_of(st.none(), scores) if allow_missing else scores
    sheets = [{c: draw(value) for c in weights} for _ in range(n)]
    return weights, sheets


@given(round_data())
def test_total_lies_between_lowest_and_highest_mean(data):
    weights, sheets = data
    result = aggregate(weights, sheets)
    means = [c.mean for c in result.criteria]
    assert min(means) <= result.total <= max(means)
    assert Fraction(1) <= result.total <= Fraction(5)


@given(round_data())
def test_scaling_weights_changes_nothing(data):
    weights, sheets = data
    assert (
        aggregate(weights, sheets).total
        == aggregate({c: w * 3 for c, w in weights.items()}, sheets).total
    )


@given(round_data())
def test_order_of_evaluators_does_not_matter(data):
    weights, sheets = data
    assert aggregate(weights, sheets) == aggregate(weights, list(reversed(sheets)))


@given(weights_st, st.lists(scores, min_size=6, max_size=6))
def test_single_evaluator_total_is_their_weighted_mean_and_spread_zero(weights, values):
    weights_map = dict(enumerate(weights, start=1))
    sheet = {c: values[c - 1] for c in weights_map}
    result = aggregate(weights_map, [sheet])
    expected = Fraction(sum(weights_map[c] * sheet[c] for c in weights_map), sum(weights))
    assert result.total == expected
    assert all(c.spread == 0 for c in result.criteria)
    assert not result.flagged


@given(round_data(allow_missing=True))
def test_missing_scores_are_left_out_not_counted_as_zero(data):
    weights, sheets = data
    result = aggregate(weights, sheets)
    scored = [c for c in result.criteria if c.mean is not None]
    if not scored:
        assert result.total is None
        return
    expected = sum(c.mean * weights[c.criterion_id] for c in scored) / sum(
        weights[c.criterion_id] for c in scored
    )
    assert result.total == expected
    assert result.total >= 1


@given(round_data())
def test_flagged_exactly_when_some_spread_reaches_two(data):
    weights, sheets = data
    result = aggregate(weights, sheets)
    spreads = [max(s[c] for s in sheets) - min(s[c] for s in sheets) for c in weights]
    assert result.flagged == any(s >= 2 for s in spreads)


def test_worked_example_with_the_plan_weights():
    weights = {1: 25, 2: 25, 3: 15, 4: 20, 5: 15}
    sheets = [{1: 5, 2: 4, 3: 3, 4: 4, 5: 2}, {1: 3, 2: 4, 3: 3, 4: 4, 5: 4}]
    result = aggregate(weights, sheets)
    # means 4, 4, 3, 4, 3 -> (100 + 100 + 45 + 80 + 45) / 100 = 3.70
    assert result.total_display == Decimal("3.70")
    assert result.flagged  # relevancia 5 vs 3


@given(st.lists(st.one_of(st.none(), st.decimals(min_value=1, max_value=5, places=2)), max_size=12))
def test_ranks_show_ties(totals):
    ranks = competition_ranks(totals)
    for t, r in zip(totals, ranks, strict=True):
        if t is None:
            assert r is None
        else:
            assert r == 1 + sum(1 for other in totals if other is not None and other > t)


def test_ties_share_a_rank():
    assert competition_ranks(
        [Decimal("4.00"), Decimal("3.50"), Decimal("4.00"), None, Decimal("2")]
    ) == [1, 3, 1, None, 4]


@given(
    st.integers(min_value=1, max_value=30),
    st.integers(min_value=1, max_value=8),
    st.integers(min_value=1, max_value=5),
)
def test_assignment_without_conflicts_spreads_load_evenly(n_entries, n_members, per_entry):
    members = frozenset(range(100, 100 + n_members))
    slots = [Slot(i, members) for i in range(1, n_entries + 1)]
    if per_entry > n_members:
        with pytest.raises(NotEnoughEvaluators):
            balanced_assignment(slots, per_entry=per_entry)
        return
    result = balanced_assignment(slots, per_entry=per_entry)
    load = dict.fromkeys(members, 0)
    for chosen in result.values():
        assert len(chosen) == len(set(chosen)) == per_entry
        for m in chosen:
            load[m] += 1
    assert max(load.values()) - min(load.values()) <= 1
    # Deterministic.
    assert result == balanced_assignment(list(reversed(slots)), per_entry=per_entry)


@given(st.data())
def test_assignment_never_picks_an_ineligible_member(data):
    members = list(range(1, 7))
    slots = [
        Slot(i, frozenset(data.draw(st.sets(st.sampled_from(members), min_size=2))))
        for i in range(1, 10)
    ]
    result = balanced_assignment(slots, per_entry=2)
    for slot in slots:
        assert set(result[slot.entry_id]) <= slot.eligible
