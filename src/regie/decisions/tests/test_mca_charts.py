"""Server-side SVG charts: well-formed, accessible, escaped, colours from tokens with fallback."""

import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from regie.decisions.mca import (
    acceptability_chart_svg,
    evaluate,
    scores_chart_svg,
    tornado_chart_svg,
)

from .test_mca_engine import small_study

DEMO = Path(__file__).resolve().parent.parent / "demo"
SVG = "{http://www.w3.org/2000/svg}"
CHARTS = [scores_chart_svg, tornado_chart_svg, acceptability_chart_svg]


@pytest.fixture(scope="module")
def result():
    return evaluate(json.loads((DEMO / "reconstructie-2019.json").read_text()), draws=5000)


@pytest.mark.parametrize("chart", CHARTS)
def test_chart_is_accessible_svg(chart, result):
    svg = chart(result)
    root = ET.fromstring(svg)
    assert root.tag == f"{SVG}svg"
    assert root.get("role") == "img"
    title_id = root.get("aria-labelledby")
    title = root.find(f"{SVG}title")
    assert title is not None and title.get("id") == title_id and title.text
    desc = root.find(f"{SVG}desc")
    assert desc is not None and desc.get("id") == root.get("aria-describedby") and desc.text
    assert root.get("direction") == "ltr"
    assert "<script" not in svg and "http" not in svg.replace("http://www.w3.org/2000/svg", "")
    # Colour from the token with its fallback, also as a plain attribute.
    assert "fill:var(--regie-chart-1,#1f6f8b)" in svg
    assert 'fill="#1f6f8b"' in svg
    # A pattern as a second carrier besides colour.
    assert root.find(f"{SVG}defs/{SVG}pattern") is not None
    assert "url(#" in svg
    texts = [t.text for t in root.iter(f"{SVG}text")]
    assert all(texts)


def test_scores_chart_labels_and_colours(result):
    svg = scores_chart_svg(result)
    root = ET.fromstring(svg)
    texts = [t.text for t in root.iter(f"{SVG}text")]
    for label in ("Opplusscenario", "Bestuur en beleid", "Bedrijfsvoering", "98,14", "82,14"):
        assert label in texts
    for colour in ("#1f6f8b", "#b85c00", "#2e7d43", "#7b3fa0"):
        assert colour in svg
    assert "--regie-chart-4" in svg


def rows(root):
    return [g.get("data-key") for g in root.iter(f"{SVG}g") if g.get("class") == "regie-chart-row"]


def test_tornado_chart_lists_criteria_most_sensitive_first(result):
    root = ET.fromstring(tornado_chart_svg(result))
    intervals = result["robustness"]["weight_intervals"]
    margins = {e["criterion"]: e["margin"] for e in intervals}
    order = rows(root)
    assert sorted(order) == sorted(margins)
    known = [margins[key] for key in order if margins[key] is not None]
    assert known == sorted(known)
    assert all(margins[key] is None for key in order[len(known) :])
    texts = [t.text for t in root.iter(f"{SVG}text")]
    first = next(e for e in intervals if e["criterion"] == order[0])
    assert first["name"].split()[0] in " ".join(texts)
    assert any(t.startswith(("vanaf", "tot")) or " tot " in t for t in texts)
    assert rows(ET.fromstring(tornado_chart_svg(result, limit=3))) == order[:3]


def test_bar_charts_keep_the_study_order(result):
    for chart in (scores_chart_svg, acceptability_chart_svg):
        assert rows(ET.fromstring(chart(result))) == ["opplus", "integratie", "uitbesteding"]


def test_acceptability_chart_shows_shares(result):
    svg = acceptability_chart_svg(result)
    texts = [t.text for t in ET.fromstring(svg).iter(f"{SVG}text")]
    assert "1e plaats" in texts and "3e plaats" in texts
    assert "1e: 0%" in texts  # Opplusscenario never wins
    assert any(t.endswith("%") for t in texts)


@pytest.mark.parametrize("chart", CHARTS)
def test_all_text_is_escaped(chart):
    data = small_study()
    data["alternatives"][0]["name"] = "<script>alert('x')</script> & \"co\""
    data["clusters"][0]["name"] = "A & B <i>"
    data["clusters"][0]["criteria"][0]["name"] = "Een ]]> <b>vet</b>"
    result = evaluate(data, draws=500)
    svg = chart(result, id_prefix="voorbeeld 1")
    root = ET.fromstring(svg)  # parses: nothing broke out of its element
    assert "<script" not in svg and "<b>" not in svg and "<i>" not in svg
    assert root.get("aria-labelledby") == "voorbeeld-1-title"
    names = {t.text for t in root.iter(f"{SVG}text")} | {root.find(f"{SVG}desc").text}
    assert any("<script>" in (n or "") or "A & B <i>" in (n or "") or "<b>" in (n or "")
               for n in names) or chart is acceptability_chart_svg  # fmt: skip


def test_ids_are_unique_per_prefix(result):
    first = scores_chart_svg(result, id_prefix="a")
    second = scores_chart_svg(result, id_prefix="b")
    ids_a = {e.get("id") for e in ET.fromstring(first).iter() if e.get("id")}
    ids_b = {e.get("id") for e in ET.fromstring(second).iter() if e.get("id")}
    assert ids_a and not ids_a & ids_b
