"""MCA honesty (issue 14): reconstructions and illustrations get an honest verdict, and the
demo's points for 'Implementatiekosten' follow the demo cost model."""

import json
from fractions import Fraction
from pathlib import Path

import pytest

from django.urls import reverse

from regie.decisions import services
from regie.decisions.costmodel import compare, load_inputs
from regie.decisions.mca.analysis import evaluate
from regie.decisions.mca.derive import ordering_points
from regie.decisions.mca.study import StudyError, load_study

DEMO = Path(__file__).resolve().parent.parent / "demo"
IMPLEMENTATION_COSTS = "c18"


def demo(name):
    return json.loads((DEMO / name).read_text(encoding="utf-8"))


def _names(data):
    municipalities = list(data["stakeholders"])
    criteria = [c["name"] for cluster in data["clusters"] for c in cluster["criteria"]]
    return municipalities, criteria


def test_reconstruction_verdict_names_no_municipality_or_criterion():
    data = demo("reconstructie-2019.json")
    assert data["nature"] == "reconstruction"
    verdict = evaluate(data, draws=2000)["verdict"]
    municipalities, criteria = _names(data)
    for name in municipalities + criteria:
        assert name not in verdict["text"], name
    assert verdict["clear_winner"] is False
    assert verdict["winner"] is None


def test_reconstruction_verdict_says_what_it_can_and_cannot_support():
    verdict = evaluate(demo("reconstructie-2019.json"), draws=2000)["verdict"]
    text = verdict["text"]
    assert verdict["headline"] == "Er is geen duidelijke winnaar."
    assert "Deze studie is een reconstructie." in text
    # The published totals and the gap are real; the gap (5/7) is below the lowest weight (1).
    assert "98,14" in text and "97,43" in text and "0,71 punt" in text
    assert "kleiner dan het kleinste gewicht dat een criterium kan hebben (1)" in text
    assert "Wat de reconstructie kan dragen:" in text
    assert "Wat de reconstructie niet kan dragen:" in text
    # No claims from the invented numbers: no simulation shares, no stakeholder counts.
    assert "van de 100 gevallen" not in text
    assert "belanghebbenden hebben" not in text
    assert "van het totale gewicht" not in text  # the tipping point depends on invented weights


def test_reconstruction_with_a_gap_above_the_lowest_weight_claims_no_verdict():
    data = demo("reconstructie-2019.json")
    for row in data["points"].values():
        row["c01"] = 1
    data["points"]["uitbesteding"].update(c01=3, c06=3, c07=3)
    data["points"]["integratie"].update(c06=1, c07=1)
    verdict = evaluate(data, draws=500)["verdict"]
    assert verdict["headline"] == (
        "Of er een duidelijke winnaar is, kan deze reconstructie niet zeggen."
    )
    assert verdict["clear_winner"] is False


def test_synthesis_demo_says_its_positions_are_illustrative():
    data = demo("met-synthesescenario.json")
    assert data["nature"] == "illustration"
    assert "alleen ter illustratie" in data["description"]
    verdict = evaluate(data, draws=2000)["verdict"]
    text = verdict["text"]
    assert verdict["headline"] == (
        "Dit voorbeeld wijst geen winnaar aan: de plaatsen zijn ter illustratie."
    )
    assert verdict["clear_winner"] is False
    assert "zijn verzonnen om te laten zien hoe de berekening werkt" in text
    # The mechanism it illustrates stays: adding the synthesis scenario shifts the order.
    assert "Zonder Synthesescenario" in text
    municipalities, criteria = _names(data)
    for name in municipalities + criteria:
        assert name not in text, name


def test_unknown_study_nature_is_refused_at_its_place():
    data = demo("reconstructie-2019.json")
    data["nature"] = "echt"
    with pytest.raises(StudyError) as error:
        load_study(data)
    assert [issue["place"] for issue in error.value.to_list()] == ["nature"]


def test_study_nature_survives_the_export_round_trip():
    study = load_study(demo("met-synthesescenario.json"))
    assert study.nature == "illustration"
    assert load_study(study.to_dict()).nature == "illustration"
    plain = demo("reconstructie-2019.json")
    plain.pop("nature")
    assert "nature" not in load_study(plain).to_dict()


def _cost_model_points(keys):
    """Anchored points (cheapest 3, dearest 1) from the cost model's one-off costs."""
    inputs = load_inputs(
        (DEMO / "kostenmodel-westfriesland.json").read_text(), funding_per_client=1
    )
    scenarios = [s for s in inputs.scenarios if s.key in keys]
    one_off = compare(scenarios, inputs.region)["one_off_cost"]
    groups: dict = {}
    for key, cost in one_off.items():
        groups.setdefault(cost, []).append(key)
    order = [groups[cost] for cost in sorted(groups)]
    return ordering_points(order, (Fraction(1), Fraction(3)), "anchored")


@pytest.mark.parametrize("name", ["reconstructie-2019.json", "met-synthesescenario.json"])
def test_implementation_cost_points_follow_the_demo_cost_model(name):
    study = load_study(demo(name))
    keys = study.alternative_keys
    expected = _cost_model_points(keys)
    assert set(expected) == set(keys)
    assert {key: study.points[key][IMPLEMENTATION_COSTS] for key in keys} == expected
    assert next(c.name for c in study.criteria if c.key == IMPLEMENTATION_COSTS) == (
        "Implementatiekosten"
    )


def test_reconstruction_still_reproduces_the_published_table():
    result = evaluate(demo("reconstructie-2019.json"), draws=500)
    scores = result["total"]["scores"]
    assert [round(scores[k], 2) for k in ("opplus", "integratie", "uitbesteding")] == [
        82.14,
        97.43,
        98.14,
    ]


def test_result_page_marks_a_reconstruction(world, login, client):
    studies = services.load_demo_studies(world.orgs["a1"].region)
    login(*world.as_role("tl"))
    body = client.get(reverse("decisions:detail", args=[studies[0].uuid])).content.decode()
    assert "Reconstructie" in body
    assert "Wat de reconstructie niet kan dragen" in body
    body = client.get(reverse("decisions:detail", args=[studies[1].uuid])).content.decode()
    assert "de plaatsen in de volgordes en de gewichten zijn verzonnen" in body
