"""``core.charts.count_chart``: counts as bars scaled to the largest shown; a suppressed group
keeps its "<5" text and gets no bar, so its size cannot be read from the drawing."""

from django.template.loader import render_to_string

from abierto.core.charts import count_chart


def chart():
    return count_chart(
        [("Web", 8, "8"), ("Mesa", None, "<5"), ("Papel", 4, "4")],
        caption="Propuestas por canal",
        label_heading="Canal",
        value_heading="Propuestas",
    )


def test_bars_are_scaled_to_the_largest_shown_count_and_suppressed_rows_have_none():
    rows = chart().rows
    assert [r.shown for r in rows] == ["8", "<5", "4"]
    assert rows[0].bar is not None and rows[0].bar.value == 100.0
    assert rows[1].bar is None
    assert rows[2].bar is not None and rows[2].bar.value == 50.0


def test_no_count_at_all_draws_no_bar_and_does_not_divide_by_zero():
    only_hidden = count_chart(
        [("Mesa", None, "<5")], caption="x", label_heading="y", value_heading="z"
    )
    assert only_hidden.rows[0].bar is None


def test_the_template_renders_a_table_with_the_shown_text():
    html = render_to_string(
        "core/charts/count_chart.html", {"chart": chart(), "chart_id": "tabla-canal"}
    )
    assert '<caption id="tabla-canal">Propuestas por canal</caption>' in html
    assert html.count("<svg") == 2  # the suppressed row has no bar
    assert "&lt;5" in html and 'width="50.0"' in html
