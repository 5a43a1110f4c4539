"""core.charts: colours come from tokens.css (parsed once), every primitive escapes its text."""

import re

from regie.core import charts


def test_colours_are_the_tokens_of_tokens_css():
    css = charts.TOKENS_CSS.read_text()
    for token in (*charts.SERIES, charts.TEXT, charts.GRID, charts.WARNING, charts.WARNING_BG):
        assert re.search(rf"{re.escape(token.variable)}:\s*{re.escape(token.value)}\s*;", css)
    assert charts.series(0) == ("--regie-chart-1", "#1f6f8b")
    assert charts.series(5) == charts.series(0)
    assert charts.tokens() is charts.tokens()  # parsed once
    # the reduced-motion override in a media query is not the token's value
    assert charts.tokens()["--regie-motion-duration"] == "150ms"


def test_paint_has_the_value_and_the_variable():
    assert charts.paint(charts.SERIES[1], "stroke") == (
        'stroke="#b85c00" style="stroke:var(--regie-chart-2,#b85c00)"'
    )


def test_svg_frame_is_accessible_and_text_is_escaped():
    svg = charts.svg_open("x1", 100, 50, "Titel <b>", "Uitleg & meer") + charts.SVG_CLOSE
    assert 'role="img"' in svg and 'aria-labelledby="x1-title"' in svg
    assert 'aria-describedby="x1-desc"' in svg
    assert "Titel &lt;b&gt;" in svg and "Uitleg &amp; meer" in svg
    assert "&lt;script&gt;" in charts.text(0, 0, "<script>")
    assert charts.safe_id("1 <x>", "mca-scores") == "mca-1--x-"


def test_table_as_text_alternative():
    table = str(charts.text_alternative("Aanwezigheid", ["Aanbieder", "%"], [["A <b>", "70,0"]]))
    assert "<caption>Aanwezigheid</caption>" in table
    assert '<th scope="row">A &lt;b&gt;</th><td class="num">70,0</td>' in table
