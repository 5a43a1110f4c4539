"""The group: each stakeholder's result, disagreement per criterion, aggregation rules."""

import json
import math
from fractions import Fraction
from pathlib import Path

import pytest

from regie.decisions.mca import evaluate
from regie.decisions.mca.group import join_names, tastle_wierman

from .test_mca_engine import small_study

DEMO = Path(__file__).resolve().parent.parent / "demo"


@pytest.fixture(scope="module")
def reconstruction():
    return evaluate(json.loads((DEMO / "reconstructie-2019.json").read_text()), draws=20_000)


def test_each_stakeholder_has_an_own_ranking(reconstruction):
    winners = {name: entry["ranking"][0] for name, entry in reconstruction["stakeholders"].items()}
    assert winners == {
        "Hoorn": "integratie",
        "Opmeer": "uitbesteding",
        "Koggenland": "uitbesteding",
        "Medemblik": "integratie",
        "Stede Broec": "integratie",
        "Enkhuizen": "uitbesteding",
        "Drechterland": "uitbesteding",
    }
    group = reconstruction["group"]
    assert group["favourite_counts"] == {"opplus": 0, "integratie": 3, "uitbesteding": 4}
    assert "Met de gewichten van Hoorn wint Integratiescenario." in group["statements"]


def test_weight_spread_per_criterion(reconstruction):
    spread = {e["criterion"]: e for e in reconstruction["group"]["weight_spread"]}
    c01 = spread["c01"]  # everyone rated 3
    assert (c01["min"], c01["max"], c01["range"], c01["std"], c01["consensus"]) == (
        3.0,
        3.0,
        0.0,
        0.0,
        1.0,
    )
    c04 = spread["c04"]  # Democratische legitimiteit: three 3s, four 1s
    assert sorted(c04["ratings"].values()) == [1, 1, 1, 1, 3, 3, 3]
    assert c04["range"] == 2.0
    mean = 13 / 7
    assert c04["std"] == pytest.approx(math.sqrt((3 * (3 - mean) ** 2 + 4 * (1 - mean) ** 2) / 7))
    assert c04["median"] == 1.0
    assert c04["top_two_difference"] == -2.0  # outsourcing 1, integration 3
    discuss = reconstruction["group"]["discuss_first"]
    assert discuss[0] == "c04"
    assert len(discuss) == 5
    assert "c01" not in discuss


def test_tastle_wierman_extremes():
    width = Fraction(2)
    assert tastle_wierman([Fraction(2)] * 7, width) == 1.0
    assert tastle_wierman([Fraction(1), Fraction(3)], width) == pytest.approx(0.0)
    assert 0 < tastle_wierman([Fraction(1), Fraction(2), Fraction(2)], width) < 1


def test_aggregation_rules_by_hand():
    result = evaluate(small_study(), draws=500)
    rules = result["group"]["aggregations"]
    assert rules["mean"]["scores"] == result["total"]["scores"]
    assert rules["mean"]["winner_changed"] is False
    # Median of two values is their mean; geometric means: √6, √2, 3.
    assert rules["median"]["weights"] == {"k1": 2.5, "k2": 1.5, "k3": 3.0}
    assert rules["geometric_mean"]["weights"] == pytest.approx(
        {"k1": math.sqrt(6), "k2": math.sqrt(2), "k3": 3.0}
    )
    x = 3 * math.sqrt(6) + math.sqrt(2) + 6
    y = math.sqrt(6) + 3 * math.sqrt(2) + 9
    assert rules["geometric_mean"]["scores"]["x"] == pytest.approx(x)
    assert rules["geometric_mean"]["scores"]["y"] == pytest.approx(y)
    assert rules["geometric_mean"]["winners"] == ["y"]
    assert result["group"]["winner_depends_on_aggregation"] is False


def test_aggregation_rule_can_change_the_winner():
    """Median versus mean with three stakeholders, one of them outlying."""
    data = small_study(stakeholders=["P", "Q", "R"])
    data["scale"] = {"weights": [1, 9], "points": [1, 3]}
    data["weights"] = {
        "P": {"k1": 1, "k2": 1, "k3": 1},
        "Q": {"k1": 1, "k2": 1, "k3": 1},
        "R": {"k1": 9, "k2": 1, "k3": 1},
    }
    # Mean weights (11/3, 1, 1): x = 11 + 1 + 2 = 14 > y = 11/3 + 3 + 3; median (1, 1, 1): y wins.
    result = evaluate(data, draws=500)
    assert result["ranking"][0] == "x"
    rules = result["group"]["aggregations"]
    assert rules["median"]["winners"] == ["y"]
    assert rules["median"]["winner_changed"] is True
    assert result["group"]["winner_depends_on_aggregation"] is True
    assert result["group"]["leave_one_out"]["R"]["winner_changed"] is True
    assert (
        "Als de gewichten van R niet meetellen, verandert de winnaar."
        in (result["verdict"]["text"])
    )


def test_leave_one_out_on_the_reconstruction(reconstruction):
    changed = [
        n for n, e in reconstruction["group"]["leave_one_out"].items() if e["winner_changed"]
    ]
    assert changed == ["Enkhuizen"]


def test_join_names():
    assert join_names(["A"]) == "A"
    assert join_names(["A", "B"]) == "A en B"
    assert join_names(["A", "B", "C"]) == "A, B en C"
