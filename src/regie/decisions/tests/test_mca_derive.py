"""Points from orderings (tie rules) and from measured values (linear value function), and how
adding an alternative shifts rank-based points."""

import json
from fractions import Fraction
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from regie.decisions.mca import evaluate, load_study
from regie.decisions.mca.derive import TIE_RULES, linear_value_points, ordering_points

DEMO = Path(__file__).resolve().parent.parent / "demo"
SCALE = (Fraction(1), Fraction(3))


def points(groups, rule, level=None):
    found = ordering_points(groups, SCALE, rule, level)
    return [float(found[key]) for key in "ABC"]


# Three options, best = 3.
@pytest.mark.parametrize(
    ("rule", "top_tie", "bottom_tie", "all_equal"),
    [
        ("midrank", [2.5, 2.5, 1], [3, 1.5, 1.5], [2, 2, 2]),
        ("competition", [3, 3, 1], [3, 2, 2], [3, 3, 3]),
        ("modified_competition", [2, 2, 1], [3, 1, 1], [1, 1, 1]),
        ("dense", [3, 3, 2], [3, 2, 2], [3, 3, 3]),
        ("anchored", [3, 3, 1], [3, 1, 1], [2, 2, 2]),
    ],
)
def test_tie_rules_match_the_design_table(rule, top_tie, bottom_tie, all_equal):
    assert points([("A", "B"), ("C",)], rule) == top_tie
    assert points([("A",), ("B", "C")], rule) == bottom_tie
    assert points([("A", "B", "C")], rule) == all_equal
    assert points([("A",), ("B",), ("C",)], rule) == [3, 2, 1]


def test_anchored_level_for_all_equal():
    assert points([("A", "B", "C")], "anchored", level=Fraction(3)) == [3, 3, 3]


def test_four_alternatives_spread_over_the_scale():
    found = ordering_points([("A",), ("B",), ("C",), ("D",)], SCALE, "midrank")
    assert [found[k] for k in "ABCD"] == [3, Fraction(7, 3), Fraction(5, 3), 1]
    anchored = ordering_points([("A",), ("B", "C"), ("D",)], SCALE, "anchored")
    assert [anchored[k] for k in "ABCD"] == [3, 2, 2, 1]


@given(
    st.lists(st.integers(min_value=1, max_value=4), min_size=1, max_size=6).filter(
        lambda sizes: sum(sizes) >= 2
    )
)
def test_midrank_keeps_every_criterion_total_the_same(sizes):
    """Only mid-ranks keep Σ points = m·(min+max)/2, so a tie never changes a criterion's
    influence (Kendall 1945)."""
    names = iter(f"a{i}" for i in range(sum(sizes)))
    groups = [tuple(next(names) for _ in range(size)) for size in sizes]
    found = ordering_points(groups, SCALE, "midrank")
    assert sum(found.values()) == len(found) * (SCALE[0] + SCALE[1]) / 2
    for rule in TIE_RULES:
        values = ordering_points(groups, SCALE, rule)
        assert all(SCALE[0] <= v <= SCALE[1] for v in values.values())
        ranked = [values[group[0]] for group in groups]
        assert ranked == sorted(ranked, reverse=True)  # better groups never get fewer points


def test_linear_value_function_benefit_and_cost():
    values = {"a": Fraction(100), "b": Fraction(250), "c": Fraction(400)}
    benefit, used = linear_value_points(values, "benefit", SCALE)
    assert used == (100, 400)
    assert benefit == {"a": 1, "b": 2, "c": 3}
    cost, _used = linear_value_points(values, "cost", SCALE, (Fraction(0), Fraction(400)))
    assert cost == {"a": Fraction(5, 2), "b": Fraction(7, 4), "c": 1}
    flat, _used = linear_value_points({"a": Fraction(5), "b": Fraction(5)}, "cost", SCALE)
    assert flat == {"a": 2, "b": 2}


def test_measurement_derivation_is_shown_in_the_result():
    data = json.loads((DEMO / "reconstructie-2019.json").read_text())
    for row in data["points"].values():
        del row["c18"]
    data["measurements"] = {
        "c18": {
            "values": {"opplus": 50000, "integratie": 150000, "uitbesteding": 250000},
            "direction": "cost",
            "unit": "EUR",
            "note": "Verzonnen bedragen, alleen als voorbeeld.",
        }
    }
    result = evaluate(data, draws=500)
    derivation = result["derivations"]["c18"]
    assert derivation["method"] == "measurement"
    assert derivation["points"] == {"opplus": 3.0, "integratie": 2.0, "uitbesteding": 1.0}
    assert derivation["range"] == [50000, 250000]
    assert derivation["range_source"] == "values"
    assert "Minder is beter" in derivation["explanation"]
    assert "50000 EUR" in derivation["explanation"]
    assert result["derivations"]["c01"]["method"] == "direct"
    # A local range depends on the set of alternatives, so the set check runs.
    assert "alternative_set" in result


def test_synthesis_demo_without_synthesis_gives_the_reconstruction_points():
    """The orderings of the second demo, with the synthesis scenario left out, give exactly
    the reconstruction's points (all-equal criteria at the level the reconstruction used)."""
    plain = load_study(json.loads((DEMO / "reconstructie-2019.json").read_text()))
    data = json.loads((DEMO / "met-synthesescenario.json").read_text())
    data["alternatives"] = [a for a in data["alternatives"] if a["key"] != "synthese"]
    for key, spec in data["orderings"].items():
        groups = [[g] if isinstance(g, str) else g for g in spec["order"]]
        groups = [[a for a in g if a != "synthese"] for g in groups]
        spec["order"] = [g for g in groups if g]
        if len(spec["order"]) == 1:
            spec["level"] = int(plain.points["opplus"][key])
    reduced = load_study(data)
    assert reduced.points == plain.points


def test_adding_an_alternative_shifts_rank_based_points_and_the_order():
    with_synthesis = evaluate(
        json.loads((DEMO / "met-synthesescenario.json").read_text()), draws=2000
    )
    plain = evaluate(json.loads((DEMO / "reconstructie-2019.json").read_text()), draws=2000)
    # Without new information about them, integration and outsourcing swap places.
    assert plain["ranking"][:2] == ["uitbesteding", "integratie"]
    order = [alt for alt in with_synthesis["ranking"] if alt != "synthese"]
    assert order[:2] == ["integratie", "uitbesteding"]
    # Points of the old alternatives moved, e.g. 'Ruimte voor lokale keuzes' (c02).
    assert plain["derivations"]["c02"]["points"]["integratie"] == 2.0
    assert with_synthesis["derivations"]["c02"]["points"]["integratie"] == pytest.approx(7 / 3)
    assert with_synthesis["derivations"]["c02"]["tie_rule"] == "anchored"
    check = with_synthesis["alternative_set"]
    assert check["order_depends_on_set"] is True
    assert check["without"]["synthese"]["ranking"] == ["uitbesteding", "integratie", "opplus"]
    assert check["without"]["synthese"]["order_changed"] is True
    assert "Zonder Synthesescenario" in with_synthesis["verdict"]["text"]
    rules = with_synthesis["tie_rules"]["rules"]
    assert set(rules) == set(TIE_RULES)
    assert rules["anchored"]["ranking"] == with_synthesis["ranking"]
