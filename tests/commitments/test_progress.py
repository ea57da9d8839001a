"""Property tests of the tracking arithmetic (abierto/commitments/progress.py)."""

import datetime

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from abierto.commitments.progress import (
    MilestoneFacts,
    Standing,
    commitment_progress,
    commitment_standing,
    indicator_compliance,
    rollup,
    standing_counts,
    weighted_progress,
)

percent = st.integers(min_value=0, max_value=100)
weight = st.integers(min_value=0, max_value=100)
values = st.floats(min_value=-1e9, max_value=1e9, allow_nan=False, allow_infinity=False)
days = st.dates(min_value=datetime.date(2020, 1, 1), max_value=datetime.date(2030, 12, 31))


@given(st.lists(st.tuples(weight, percent), min_size=1, max_size=30))
def test_weighted_progress_stays_between_the_smallest_and_largest_milestone(items):
    result = weighted_progress(items)
    counted = [p for w, p in items if w > 0] or [p for _, p in items]
    assert min(counted) - 1e-9 <= result <= max(counted) + 1e-9


@given(st.lists(percent, min_size=1, max_size=30))
def test_all_zero_weights_give_the_plain_mean(progresses):
    result = weighted_progress([(0, p) for p in progresses])
    assert result == pytest.approx(sum(progresses) / len(progresses))


@given(st.lists(st.tuples(weight, percent), min_size=1, max_size=30), percent)
def test_a_zero_weight_milestone_counts_nothing_when_others_have_weight(items, extra):
    assume(sum(w for w, _ in items) > 0)
    assert weighted_progress([*items, (0, extra)]) == pytest.approx(weighted_progress(items))


@given(st.lists(st.tuples(weight, percent), min_size=1, max_size=30), st.integers(1, 5))
def test_scaling_every_weight_changes_nothing(items, factor):
    scaled = [(w * factor, p) for w, p in items]
    assert weighted_progress(scaled) == pytest.approx(weighted_progress(items))


def test_no_milestones_is_zero_progress():
    assert weighted_progress([]) == 0.0
    assert commitment_progress([]) == 0.0


def test_weighted_mean_by_hand():
    assert weighted_progress([(25, 100), (75, 0)]) == pytest.approx(25.0)


@given(values, values, values)
def test_compliance_is_clamped_between_0_and_100(baseline, target, value):
    assume(abs(target - baseline) > 1e-6)
    assert 0.0 <= indicator_compliance(baseline=baseline, target=target, value=value) <= 100.0


@given(values, values)
def test_compliance_is_0_at_baseline_and_100_at_target(baseline, target):
    assume(abs(target - baseline) > 1e-3)
    assert indicator_compliance(baseline=baseline, target=target, value=baseline) == 0.0
    assert indicator_compliance(baseline=baseline, target=target, value=target) == pytest.approx(
        100.0
    )


@given(values, values, values, values)
def test_compliance_grows_as_the_value_moves_toward_the_target(baseline, target, a, b):
    assume(abs(target - baseline) > 1e-3)
    toward_a = (a - baseline) * (1 if target > baseline else -1)
    toward_b = (b - baseline) * (1 if target > baseline else -1)
    assume(toward_a <= toward_b)
    first = indicator_compliance(baseline=baseline, target=target, value=a)
    second = indicator_compliance(baseline=baseline, target=target, value=b)
    assert first <= second + 1e-9


def test_decreasing_indicator_counts_a_fall_as_progress():
    # Days to answer a request: from 30 down to 10. At 20, half way.
    assert indicator_compliance(baseline=30, target=10, value=20) == pytest.approx(50.0)
    assert indicator_compliance(baseline=30, target=10, value=35) == 0.0
    assert indicator_compliance(baseline=30, target=10, value=5) == 100.0


def test_target_equal_to_baseline_is_refused():
    with pytest.raises(ValueError):
        indicator_compliance(baseline=5, target=5, value=7)


@given(st.lists(st.tuples(weight, percent, days, st.booleans()), max_size=20), days)
def test_standing_is_delayed_exactly_when_an_unfinished_milestone_is_past_its_end(rows, today):
    milestones = [MilestoneFacts(w, 100 if c else p, end, c) for w, p, end, c in rows]
    standing = commitment_standing(milestones, today)
    all_done = bool(milestones) and all(m.completed for m in milestones)
    late = any(m.end_date < today and not m.completed for m in milestones)
    if all_done:
        assert standing == Standing.COMPLETED
    elif late:
        assert standing == Standing.DELAYED
    else:
        assert standing == Standing.ON_TRACK


@given(
    st.lists(
        st.tuples(st.sampled_from("abc"), st.floats(0, 100), st.sampled_from(list(Standing))),
        max_size=40,
    )
)
def test_rollup_counts_add_up_and_progress_is_the_group_mean(entries):
    groups = rollup(entries)
    assert sum(g.commitments for g in groups) == len(entries)
    for group in groups:
        assert group.on_track + group.delayed + group.completed == group.commitments
        mine = [p for key, p, _ in entries if key == group.key]
        assert group.progress == pytest.approx(sum(mine) / len(mine))
    counts = standing_counts(s for _, _, s in entries)
    assert counts.total == len(entries)
