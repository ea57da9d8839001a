"""The stage timeline drawn by ``core.charts``: every year labelled, bars inside the drawing."""

import datetime
import itertools

from abierto.core import charts


def _stages():
    return [
        charts.TimelineStage(1, datetime.date(2021, 10, 1), datetime.date(2022, 1, 31), "past"),
        charts.TimelineStage(2, datetime.date(2022, 5, 1), datetime.date(2022, 8, 31), "current"),
        charts.TimelineStage(3, datetime.date(2022, 9, 1), datetime.date(2023, 3, 15), "upcoming"),
    ]


def test_no_stages_no_drawing():
    assert charts.stage_timeline([], day=datetime.date(2022, 6, 1)) is None


def test_first_year_is_labelled_even_when_the_plan_starts_mid_year():
    chart = charts.stage_timeline(_stages(), day=datetime.date(2022, 6, 1))
    for drawing in chart.drawings:
        assert [y.label for y in drawing.years] == ["2021", "2022", "2023"]
        first = drawing.years[0]
        assert first.line is False  # the plot's left edge, not a 1 January grid line
        assert first.label_x > drawing.label_x


def test_year_labels_never_overlap():
    # A plan starting on 20 December puts 1 January a few units after the left edge.
    stages = [
        charts.TimelineStage(1, datetime.date(2021, 12, 20), datetime.date(2024, 1, 5), "past"),
    ]
    for drawing in charts.stage_timeline(stages, day=datetime.date(2030, 1, 1)).drawings:
        font = {"wide": 16, "compact": 18}[drawing.kind]
        xs = [y.label_x for y in drawing.years]
        assert all(b - a >= font * 0.62 * 4 for a, b in itertools.pairwise(xs))
        assert drawing.today_x is None


def test_bars_span_the_drawing_width():
    chart = charts.stage_timeline(_stages(), day=datetime.date(2022, 6, 1))
    for drawing in chart.drawings:
        first, last = drawing.bars[0], drawing.bars[-1]
        assert first.x == drawing.label_x + 8  # right after the stage-number column
        assert drawing.width - (last.x + last.w) < 14  # the last bar reaches the right margin
        assert drawing.today_x is not None and first.x < drawing.today_x < drawing.width
        assert [b.state for b in drawing.bars] == ["past", "current", "upcoming"]
