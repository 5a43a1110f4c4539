"""The weighted sum: hand-computed examples, the 2019 table to the cent, and an independent
cross-check with scikit-criteria's WeightedSumModel (raw points × weights, no normalisation)."""

import json
from fractions import Fraction
from pathlib import Path

import numpy as np
import pytest
import skcriteria as skc
from skcriteria.agg.simple import WeightedSumModel

from regie.decisions.mca import evaluate, format_number, format_text_table, load_study, score_table
from regie.decisions.mca.engine import build_model

DEMO = Path(__file__).resolve().parent.parent / "demo"


def small_study(**changes):
    """Two stakeholders, two clusters, three criteria, three alternatives (hand-computed below).

    Mean weights: k1 (3+2)/2 = 2.5, k2 (1+2)/2 = 1.5, k3 (3+3)/2 = 3.
    Scores: x = 3·2.5 + 1·1.5 + 2·3 = 15; y = 1·2.5 + 3·1.5 + 3·3 = 16; z = 2·2.5 + 2·1.5 + 1·3 = 11.
    """
    data = {
        "title": "Klein voorbeeld",
        "clusters": [
            {
                "key": "A",
                "name": "Cluster A",
                "criteria": [{"key": "k1", "name": "Eén"}, {"key": "k2", "name": "Twee"}],
            },
            {"key": "B", "name": "Cluster B", "criteria": [{"key": "k3", "name": "Drie"}]},
        ],
        "stakeholders": ["P", "Q"],
        "alternatives": [
            {"key": "x", "name": "Alternatief X"},
            {"key": "y", "name": "Alternatief Y"},
            {"key": "z", "name": "Alternatief Z"},
        ],
        "weights": {"P": {"k1": 3, "k2": 1, "k3": 3}, "Q": {"k1": 2, "k2": 2, "k3": 3}},
        "points": {
            "x": {"k1": 3, "k2": 1, "k3": 2},
            "y": {"k1": 1, "k2": 3, "k3": 3},
            "z": {"k1": 2, "k2": 2, "k3": 1},
        },
    }
    data.update(changes)
    return data


def demo(name):
    return json.loads((DEMO / name).read_text(encoding="utf-8"))


def test_small_example_by_hand():
    table = score_table(load_study(small_study()))
    assert table["total"]["scores"] == {"x": 15.0, "y": 16.0, "z": 11.0}
    assert table["ranking"] == ["y", "x", "z"]
    assert table["ranks"] == {"x": 2, "y": 1, "z": 3}
    cluster_a, cluster_b = table["clusters"]
    assert cluster_a["mean_weight"] == 2.0  # (2.5 + 1.5) / 2
    assert cluster_a["scores"] == {"x": 9.0, "y": 7.0, "z": 8.0}
    assert cluster_b["mean_weight"] == 3.0
    assert cluster_b["scores"] == {"x": 6.0, "y": 9.0, "z": 3.0}
    # The study's overall mean weight is the mean of the cluster means, not of all criteria.
    assert table["total"]["mean_weight"] == 2.5
    assert table["total"]["mean_weight_all_criteria"] == pytest.approx(7 / 3)
    assert [c["weight"] for c in table["criteria"]] == [2.5, 1.5, 3.0]
    assert table["criteria"][0]["contributions"] == {"x": 7.5, "y": 2.5, "z": 5.0}


def test_stakeholders_own_results_by_hand():
    result = evaluate(small_study(), draws=2000)
    assert result["stakeholders"]["P"] == {
        "ranking": ["x", "y", "z"],
        "scores": {"x": 16.0, "y": 15.0, "z": 11.0},
    }
    assert result["stakeholders"]["Q"] == {
        "ranking": ["y", "x", "z"],
        "scores": {"x": 14.0, "y": 17.0, "z": 11.0},
    }


def test_equal_scores_keep_study_order_in_ranking():
    data = small_study()
    data["points"]["z"] = dict(data["points"]["x"])  # z now equals x: 15 each
    table = score_table(load_study(data))
    assert table["ranking"] == ["y", "x", "z"]
    assert table["ranks"] == {"x": 2, "y": 1, "z": 2}


def test_reconstruction_reproduces_the_published_table_to_the_cent():
    result = evaluate(demo("reconstructie-2019.json"), draws=1000)
    published = {
        "bestuur": ("2,20", "24,71", "22,00", "18,14"),
        "uitvoering": ("2,49", "15,29", "27,57", "31,71"),
        "client": ("2,83", "25,57", "31,29", "28,57"),
        "bedrijfsvoering": ("2,29", "16,57", "16,57", "19,71"),
    }
    alternatives = ["opplus", "integratie", "uitbesteding"]
    for cluster in result["clusters"]:
        expected = published[cluster["key"]]
        assert format_number(cluster["mean_weight"]) == expected[0]
        assert [format_number(cluster["scores"][alt]) for alt in alternatives] == list(expected[1:])
    assert format_number(result["total"]["mean_weight"]) == "2,45"
    assert format_number(result["total"]["mean_weight_all_criteria"]) == "2,46"
    assert [format_number(result["total"]["scores"][alt]) for alt in alternatives] == [
        "82,14",
        "97,43",
        "98,14",
    ]
    assert [c["criteria_count"] for c in result["clusters"]] == [5, 5, 5, 4]
    assert result["ranking"] == ["uitbesteding", "integratie", "opplus"]


def test_reconstruction_is_exact_in_sevenths():
    """Every published number is k/7; the engine must hit them exactly."""
    study = load_study(demo("reconstructie-2019.json"))
    model = build_model(study)
    assert model.scores == (Fraction(575, 7), Fraction(682, 7), Fraction(687, 7))
    assert sum(model.weights) * 7 == 327
    sums = {}
    for cluster in study.clusters:
        keys = {c.key for c in cluster.criteria}
        sums[cluster.key] = sum(w for k, w in zip(model.criteria, model.weights) if k in keys) * 7
    assert sums == {"bestuur": 77, "uitvoering": 87, "client": 99, "bedrijfsvoering": 64}


def test_reconstruction_inputs_have_the_required_shape():
    data = demo("reconstructie-2019.json")
    assert "reconstructie" in data["title"].lower()
    assert "RECONSTRUCTIE" in data["description"]
    assert data["stakeholders"] == [
        "Hoorn",
        "Opmeer",
        "Koggenland",
        "Medemblik",
        "Stede Broec",
        "Enkhuizen",
        "Drechterland",
    ]
    values = [v for row in data["weights"].values() for v in row.values()]
    values += [v for row in data["points"].values() for v in row.values()]
    assert all(isinstance(v, int) and 1 <= v <= 3 for v in values)
    assert [len(c["criteria"]) for c in data["clusters"]] == [5, 5, 5, 4]
    assert [a["name"] for a in data["alternatives"]] == [
        "Opplusscenario",
        "Integratiescenario",
        "Uitbestedingsscenario",
    ]
    # The working group's rule: best 3, worst 1; ties at the top 3-3-1, at the bottom 3-1-1.
    study = load_study(data)
    allowed = {(1, 2, 3), (1, 1, 3), (1, 3, 3), (1, 1, 1), (2, 2, 2), (3, 3, 3)}
    for key in study.criterion_keys:
        pattern = tuple(sorted(int(study.points[alt][key]) for alt in study.alternative_keys))
        assert pattern in allowed, key


def test_mean_weight_totals_equal_mean_of_stakeholder_totals():
    """Linearity: the study's totals are the mean of the own totals."""
    result = evaluate(demo("reconstructie-2019.json"), draws=1000)
    for alt, score in result["total"]["scores"].items():
        own = [entry["scores"][alt] for entry in result["stakeholders"].values()]
        assert score == pytest.approx(sum(own) / len(own))


def skcriteria_scores(points, weights, alternatives, criteria):
    matrix = skc.mkdm(
        np.asarray(points, dtype=float),
        [max] * len(criteria),
        weights=np.asarray(weights, dtype=float),
        alternatives=list(alternatives),
        criteria=list(criteria),
    )
    return WeightedSumModel().evaluate(matrix)


@pytest.mark.parametrize("name", ["reconstructie-2019.json", "met-synthesescenario.json"])
def test_scores_agree_with_scikit_criteria(name):
    """Independent oracle: scikit-criteria's WeightedSumModel on the raw matrix."""
    study = load_study(demo(name))
    model = build_model(study)
    result = evaluate(study, draws=1000)
    points = model.points_array()
    rank = skcriteria_scores(
        points, [float(w) for w in model.weights], model.alternatives, model.criteria
    )
    ours = [result["total"]["scores"][alt] for alt in model.alternatives]
    np.testing.assert_allclose(rank.e_.score, ours, rtol=1e-12)
    best_first = [model.alternatives[i] for i in np.argsort(rank.rank_, kind="stable")]
    assert best_first == result["ranking"]
    for name_, ratings in zip(model.stakeholders, model.ratings_array()):
        own = skcriteria_scores(points, ratings, model.alternatives, model.criteria)
        expected = [result["stakeholders"][name_]["scores"][alt] for alt in model.alternatives]
        np.testing.assert_allclose(own.e_.score, expected, rtol=1e-12)


def test_text_table_has_the_study_layout():
    text = format_text_table(evaluate(demo("reconstructie-2019.json"), draws=1000))
    lines = text.splitlines()
    assert lines[0].split("  ")[0] == "Criteriacluster"
    assert "Gemiddeld gewicht" in lines[0]
    assert lines[0].rstrip().endswith("Uitbestedingsscenario")
    body = [line for line in lines if line and not line.startswith("-")]
    assert body[1].split() == ["Bestuur", "en", "beleid", "(5", "criteria)", "2,20", "24,71",
                               "22,00", "18,14"]  # fmt: skip
    assert body[4].split()[-4:] == ["2,29", "16,57", "16,57", "19,71"]
    assert body[5].split() == ["Totaal", "2,45", "82,14", "97,43", "98,14"]
    assert "2,46" in text  # the mean over all criteria, named in a note


def test_text_table_straight_from_a_study_and_singular_label():
    data = small_study()
    text = format_text_table(data, notes=False)
    assert "Cluster B (1 criterium)" in text
    assert "Cluster A (2 criteria)" in text
    assert text.splitlines()[-1].split() == ["Totaal", "2,50", "15,00", "16,00", "11,00"]


@pytest.mark.parametrize(
    ("value", "decimals", "expected"),
    [
        (82.142857142857, 2, "82,14"),
        (97.428571428571, 2, "97,43"),
        (2.675, 2, "2,68"),
        (1234.5, 2, "1.234,50"),
        (100000, 0, "100.000"),
        (-0.001, 2, "0,00"),
        (-3.14159, 2, "-3,14"),
    ],
)
def test_dutch_number_format(value, decimals, expected):
    assert format_number(value, decimals) == expected


def test_result_is_json_and_has_the_fixed_keys():
    result = evaluate(demo("reconstructie-2019.json"), draws=1000)
    json.dumps(result, allow_nan=False)
    assert {"clusters", "total", "ranking", "robustness", "stakeholders"} <= set(result)
    for cluster in result["clusters"]:
        assert {"key", "name", "mean_weight", "scores"} <= set(cluster)
    assert {"mean_weight", "scores"} <= set(result["total"])
    assert {"clear_winner", "smallest_point_change", "rank_acceptability"} <= set(
        result["robustness"]
    )
    change = result["robustness"]["smallest_point_change"]
    assert {"alternative", "criterion", "from", "to", "new_ranking"} <= set(change)
    for entry in result["stakeholders"].values():
        assert set(entry) == {"ranking", "scores"}
    assert all(isinstance(v, float) for v in result["total"]["scores"].values())
