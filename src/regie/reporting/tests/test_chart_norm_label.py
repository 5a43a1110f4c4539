"""The quality charts' norm line never runs through a value label (issue 14, item 13)."""

import re

from hypothesis import given
from hypothesis import strategies as st

from regie.reporting.charts import bar_chart, line_chart

TEXT = re.compile(r'<text x="([\d.]+)" y="([\d.]+)"[^>]*>([^<]*)</text>')
NORM_LINE = re.compile(r'<line x1="([\d.]+)" y1="([\d.]+)" x2="([\d.]+)" y2="([\d.]+)"')


def _norm_x(svg: str) -> float:
    lines = [m for m in NORM_LINE.finditer(svg) if m.group(1) == m.group(3)]  # the vertical one
    return float(lines[-1].group(1))


@given(
    st.lists(st.integers(min_value=0, max_value=100), min_size=1, max_size=6),
    st.integers(min_value=1, max_value=100),
)
def test_bar_value_labels_start_right_of_the_norm_line(values, norm):
    rows = [(f"Aanbieder {i}", v) for i, v in enumerate(values)]
    svg = str(bar_chart("q", "Aanwezigheid", rows, threshold=norm))
    x = _norm_x(svg)
    labels = [m for m in TEXT.finditer(svg) if "%" in m.group(3) and "norm " not in m.group(3)]
    assert len(labels) == len(values)
    for label in labels:
        assert float(label.group(1)) > x, label.group(3)


def test_bar_just_below_the_norm_keeps_its_label_clear_of_the_line():
    svg = str(bar_chart("q", "Aanwezigheid", [("Taalschool", 78)], threshold=80))
    label = next(m for m in TEXT.finditer(svg) if "onder de norm" in m.group(3))
    assert float(label.group(1)) > _norm_x(svg)


def test_line_chart_series_label_keeps_clear_of_the_norm_label():
    svg = str(
        line_chart(
            "q",
            "Aanwezigheid per kwartaal",
            ["K1", "K2"],
            [{"name": "Taalschool", "values": [80, 80]}],
            threshold=80,
        )
    )
    texts = list(TEXT.finditer(svg))
    norm = next(m for m in texts if m.group(3).startswith("norm "))
    series = next(m for m in texts if m.group(3).startswith("Taalschool"))
    assert abs(float(series.group(2)) - float(norm.group(2))) >= 14
