"""Server-drawn SVG charts, one module for every app.

Each function returns plain geometry that a template in ``core/templates/core/charts/`` turns
into SVG next to an accessible data table. No JavaScript, no inline styles (strict CSP): colours
and sizes come from classes in ``abierto/css/charts.css``; SVG geometry attributes only.

* ``progress_bar(value)``: one horizontal bar, 0-100 %.
* ``bar_chart(rows)``: labelled horizontal bars, 0-100 % (labels are HTML, so they wrap and stay
  legible at 375 px whatever the number of rows).
* ``count_chart(rows)``: counts as labelled horizontal bars scaled to the largest one shown; a
  row without a count (a small group shown as "<5") keeps its text and gets no bar.
* ``line_with_target(points, ...)``: dated values as a line, with the baseline and the target
  drawn as reference lines; a ``viewBox`` with large text keeps it legible at 375 px.
* ``stage_timeline(stages, day=...)``: a Gantt-like bar per stage of a plan, drawn twice (a wide
  drawing and a compact one for phones, chosen by a CSS media query, so the text stays at least
  12 px high at 375 px); the page's ordered list of stages is the accessible version.
"""

import datetime
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal


def _clamp(value: float) -> float:
    return max(0.0, min(100.0, float(value)))


@dataclass(frozen=True)
class ProgressBar:
    value: float

    @property
    def width(self) -> str:
        """Width attribute of the filled rectangle, as a percentage of the track."""
        return f"{self.value:.1f}%"

    @property
    def rounded(self) -> int:
        return round(self.value)


def progress_bar(value: float | int | Decimal) -> ProgressBar:
    return ProgressBar(value=_clamp(float(value)))


@dataclass(frozen=True)
class BarRow:
    label: str
    value: float
    bar: ProgressBar
    note: str = ""
    url: str = ""


@dataclass(frozen=True)
class BarChart:
    caption: str
    rows: list[BarRow]
    value_heading: str


def bar_chart(
    rows: Sequence[tuple[str, float]] | Sequence[tuple[str, float, str]],
    *,
    caption: str,
    value_heading: str = "%",
    notes: Sequence[str] | None = None,
    urls: Sequence[str] | None = None,
) -> BarChart:
    built = []
    for index, row in enumerate(rows):
        label, value = str(row[0]), _clamp(float(row[1]))
        built.append(
            BarRow(
                label=label,
                value=value,
                bar=progress_bar(value),
                note=notes[index] if notes else "",
                url=urls[index] if urls else "",
            )
        )
    return BarChart(caption=caption, rows=built, value_heading=value_heading)


@dataclass(frozen=True)
class CountRow:
    label: str
    shown: str
    bar: ProgressBar | None


@dataclass(frozen=True)
class CountChart:
    caption: str
    rows: list[CountRow]
    label_heading: str
    value_heading: str


def count_chart(
    rows: Sequence[tuple[str, int | None, str]],
    *,
    caption: str,
    label_heading: str,
    value_heading: str,
) -> CountChart:
    """``rows`` are ``(label, count or None, text shown)``; None draws no bar (suppressed)."""
    top = max((count for _label, count, _shown in rows if count is not None), default=0) or 1
    return CountChart(
        caption=caption,
        rows=[
            CountRow(
                label=str(label),
                shown=str(shown),
                bar=None if count is None else progress_bar(count * 100 / top),
            )
            for label, count, shown in rows
        ],
        label_heading=label_heading,
        value_heading=value_heading,
    )


@dataclass(frozen=True)
class LinePoint:
    x: float
    y: float
    date: datetime.date
    value: Decimal | float
    label: str = ""


@dataclass(frozen=True)
class ReferenceLine:
    y: float
    value: Decimal | float
    kind: str  # "baseline" | "target"


@dataclass(frozen=True)
class Tick:
    position: float
    label: str


@dataclass
class LineChart:
    caption: str
    unit: str
    width: int
    height: int
    plot_left: float
    plot_right: float
    plot_top: float
    plot_bottom: float
    points: list[LinePoint] = field(default_factory=list)
    references: list[ReferenceLine] = field(default_factory=list)
    y_ticks: list[Tick] = field(default_factory=list)
    x_ticks: list[Tick] = field(default_factory=list)
    target_marker: LinePoint | None = None

    @property
    def polyline(self) -> str:
        return " ".join(f"{p.x:.1f},{p.y:.1f}" for p in self.points)


def _format_number(value: float) -> str:
    if float(value).is_integer():
        return f"{int(value):,}".replace(",", ".")
    return f"{value:,.2f}".replace(",", "X").replace(".", ",").replace("X", ".")


def line_with_target(
    points: Sequence[tuple[datetime.date, Decimal | float]],
    *,
    baseline: tuple[datetime.date, Decimal | float],
    target: tuple[datetime.date, Decimal | float],
    caption: str,
    unit: str = "",
) -> LineChart:
    """Values over time against the baseline and the target (dates on x, values on y)."""
    # A narrow drawing: scaled to a 375 px phone, its 20-unit text stays about 14 px high.
    width, height = 420, 300
    left, right, top, bottom = 80.0, 404.0, 18.0, 250.0
    all_dates = [baseline[0], target[0], *(d for d, _ in points)]
    all_values = [float(baseline[1]), float(target[1]), *(float(v) for _, v in points)]
    first, last = min(all_dates), max(all_dates)
    span_days = max((last - first).days, 1)
    low, high = min(all_values), max(all_values)
    if high == low:
        high = low + 1
    pad = (high - low) * 0.08
    low, high = low - pad, high + pad
    if min(all_values) >= 0 > low:
        low = 0.0

    def x_of(day: datetime.date) -> float:
        return left + (right - left) * (day - first).days / span_days

    def y_of(value: float) -> float:
        return bottom - (bottom - top) * (float(value) - low) / (high - low)

    chart = LineChart(
        caption=caption,
        unit=unit,
        width=width,
        height=height,
        plot_left=left,
        plot_right=right,
        plot_top=top,
        plot_bottom=bottom,
    )
    chart.points = [
        LinePoint(x=x_of(d), y=y_of(float(v)), date=d, value=v, label=_format_number(float(v)))
        for d, v in sorted(points, key=lambda p: p[0])
    ]
    chart.references = [
        ReferenceLine(y=y_of(float(baseline[1])), value=baseline[1], kind="baseline"),
        ReferenceLine(y=y_of(float(target[1])), value=target[1], kind="target"),
    ]
    chart.target_marker = LinePoint(
        x=x_of(target[0]), y=y_of(float(target[1])), date=target[0], value=target[1]
    )
    chart.y_ticks = [
        Tick(position=y_of(value), label=_format_number(round(value, 2)))
        for value in (low + (high - low) * step / 4 for step in range(5))
    ]
    chart.x_ticks = [
        Tick(position=x_of(day), label=str(day.year))
        for day in (datetime.date(year, 1, 1) for year in range(first.year + 1, last.year + 1))
    ] or [Tick(position=left, label=str(first.year))]
    return chart


# --- Stage timeline -------------------------------------------------------------------------


@dataclass(frozen=True)
class TimelineStage:
    """One row of the stage timeline: what the plans app hands over."""

    number: int
    start: datetime.date
    end: datetime.date
    state: str  # "past", "current" or "upcoming"


@dataclass(frozen=True)
class TimelineBar:
    number: int
    state: str
    x: float
    y: float
    w: float
    h: float
    label_y: float


@dataclass(frozen=True)
class TimelineYear:
    x: float  # where the year starts (a grid line; the plot's left edge for the first year)
    label_x: float  # where its label starts (never overlapping the previous label)
    label: str
    line: bool  # False for the first year when the drawing starts mid-year


@dataclass(frozen=True)
class TimelineDrawing:
    kind: str  # "wide" or "compact"
    width: int
    height: int
    axis_y: float
    label_x: float
    bars: list[TimelineBar]
    years: list[TimelineYear]
    today_x: float | None


@dataclass(frozen=True)
class StageTimeline:
    wide: TimelineDrawing
    compact: TimelineDrawing

    @property
    def drawings(self) -> list[TimelineDrawing]:
        return [self.wide, self.compact]


# (width, label column, right margin, row height, font size) in SVG units. The wide drawing is
# shown from 40rem up (rendered width >= ~600 px, so 16-unit text is >= 13 px); the compact one
# below, where 340 units fill a phone's ~330 px box and 18-unit text renders at ~17 px.
_TIMELINE_LAYOUTS = {
    "wide": (720, 40, 12, 32, 16),
    "compact": (340, 30, 8, 34, 18),
}


def _timeline_drawing(
    stages: Sequence[TimelineStage], day: datetime.date, kind: str
) -> TimelineDrawing:
    width, left, right, row_h, font = _TIMELINE_LAYOUTS[kind]
    top = font + 14  # room for the year labels above the bars
    first = min(s.start for s in stages)
    last = max(s.end for s in stages)
    span = max((last - first).days + 1, 1)
    scale = (width - left - right) / span

    def x(d: datetime.date) -> float:
        return round(left + (d - first).days * scale, 1)

    bars = []
    for i, stage in enumerate(stages):
        x1 = x(stage.start)
        x2 = round(x(stage.end) + scale, 1)
        bar_h = row_h - 12
        bars.append(
            TimelineBar(
                number=stage.number,
                state=stage.state,
                x=x1,
                y=top + i * row_h,
                w=max(round(x2 - x1, 1), 4),
                h=bar_h,
                label_y=round(top + i * row_h + bar_h / 2 + font * 0.35, 1),
            )
        )
    # Every year the drawing covers gets a label, the first one included (at the left edge when
    # the drawing starts mid-year). A label never overlaps the one before it.
    label_w = font * 0.62 * 4 + 6
    years: list[TimelineYear] = []
    next_free = 0.0
    for year in range(first.year, last.year + 1):
        start = max(datetime.date(year, 1, 1), first)
        at = x(start)
        # A year starting near the right edge has its label pulled back inside the drawing.
        label_x = min(max(at + 3, next_free), width - label_w + 6)
        if label_x < next_free:
            continue  # no room left: too many years for this width (never with real plans)
        years.append(TimelineYear(x=at, label_x=label_x, label=str(year), line=start != first))
        next_free = label_x + label_w
    height = top + len(stages) * row_h + 4
    return TimelineDrawing(
        kind=kind,
        width=width,
        height=height,
        axis_y=top - 6,
        label_x=left - 8,
        bars=bars,
        years=years,
        today_x=x(day) if first <= day <= last else None,
    )


def stage_timeline(stages: Sequence[TimelineStage], *, day: datetime.date) -> StageTimeline | None:
    """The stages as bars on a calendar, with a line for ``day`` when it falls inside.

    ``None`` without stages. Rows follow the order given (the plans app sorts by number).
    """
    if not stages:
        return None
    return StageTimeline(
        wide=_timeline_drawing(stages, day, "wide"),
        compact=_timeline_drawing(stages, day, "compact"),
    )
