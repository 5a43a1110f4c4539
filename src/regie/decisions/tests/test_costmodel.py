"""Scenario cost and capacity model: hand-computed example, split, validation, demo, charts."""

import json
import xml.etree.ElementTree as ET
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from regie.decisions.costcharts import cost_chart_svg, municipality_chart_svg
from regie.decisions.costmodel import (
    CostModelError,
    Municipality,
    RegionInputs,
    ScenarioInputs,
    as_measurement,
    compare,
    compute,
    dump_inputs,
    load_inputs,
    split_cents,
)

DEMO = Path(__file__).resolve().parent.parent / "demo" / "kostenmodel-westfriesland.json"
SVG = "{http://www.w3.org/2000/svg}"
D = Decimal


def region(**overrides):
    values = {
        "municipalities": (
            Municipality("Aadorp", 30, 20000),
            Municipality("Beedorp", 10, 20000),
        ),
        "adult_share": D("0.5"),
        "years": (2027,),
        "existing_cohorts": 2,
    }
    values.update(overrides)
    return RegionInputs(**values)


def scenario(**overrides):
    values = {
        "key": "s",
        "name": "Voorbeeld",
        "caseload_norm": 40,
        "hours_intake": 10,
        "hours_pip": 15,
        "hours_review": D("2.5"),
        "reviews_per_client_per_year": 2,
        "productive_hours_per_fte": 1000,
        "fte_team_leader": D("0.5"),
        "fte_social_guidance": D("0.5"),
        "fte_contract_management": D("0.2"),
        "fte_policy": D("0.3"),
        "cost_per_fte": {
            "case_manager": 80000,
            "team_leader": 100000,
            "social_guidance": 70000,
            "contract_management": 90000,
            "policy": 90000,
        },
        "route_shares": {"b1": D("0.5"), "onderwijs": D("0.25"), "z": D("0.25")},
        "price_per_route": {"b1": 10000, "onderwijs": 16000, "z": 8000},
        "one_off": {"project": 30000, "ict": 15000, "training": 5000},
        "yearly_ict": 10000,
        "implementation_months": 6,
    }
    values.update(overrides)
    return ScenarioInputs(**values)


def test_hand_computed_example():
    # New clients: (30 + 10) × 0.5 = 20 (Aadorp 15, Beedorp 5). Two earlier cohorts still in
    # the 3-year term: active = 3 × 20 = 60.
    # Case managers: hours = 20 × (10 + 15) + 60 × 2 × 2.5 = 500 + 300 = 800 → 0.8 FTE;
    #   caseload 60 / 40 = 1.5 FTE; required = max = 1.5.
    # Personnel: 1.5×80,000 + 0.5×100,000 + 0.5×70,000 + 0.2×90,000 + 0.3×90,000
    #   = 120,000 + 50,000 + 35,000 + 18,000 + 27,000 = 250,000.
    # Routes: 20 × (0.5×10,000 + 0.25×16,000 + 0.25×8,000) = 20 × 11,000 = 220,000.
    # ICT 10,000; structural 480,000; one-off 50,000 (6 months: all in 2027); total 530,000.
    # Funding 20 × 10,000 = 200,000; balance −330,000; net cost 330,000.
    # Split by taakstelling (3:1): net 247,500 / 82,500; own SPUK 150,000 / 50,000;
    #   contribution 397,500 / 132,500 (sum 530,000).
    result = compute(scenario(), region(), funding_per_client=10000)
    (year,) = result.years
    assert year.new_clients == 20 and year.active_clients == 60
    assert year.case_manager_hours == 800
    assert year.fte_case_manager_hours == D("0.8")
    assert year.fte_case_manager_caseload == D("1.5")
    assert year.fte["case_manager"] == D("1.5")
    assert year.fte_total == D("3.0")
    assert year.personnel_cost_total == 250000
    assert year.personnel_cost["contract_management"] == 18000
    assert year.route_cost == {"b1": 100000, "onderwijs": 80000, "z": 40000}
    assert year.route_cost_total == 220000
    assert year.ict_cost == 10000
    assert year.structural_cost == 480000
    assert year.one_off_cost_total == 50000
    assert year.total_cost == 530000
    assert year.funding == 200000
    assert year.balance == -330000 and year.net_cost == 330000
    a, b = year.municipalities
    assert (a.share, b.share) == (D("0.75"), D("0.25"))
    assert (a.net_cost, b.net_cost) == (D("247500.00"), D("82500.00"))
    assert (a.own_funding, b.own_funding) == (D("150000.00"), D("50000.00"))
    assert (a.contribution, b.contribution) == (D("397500.00"), D("132500.00"))
    assert result.totals.net_cost == 330000
    assert [m.net_cost for m in result.municipalities] == [247500, 82500]

    # Inhabitants 20,000 each: half each. Fixed plus variable (0.2): 0.1 + 0.8 × 0.75 = 0.7.
    by_inhabitants = compute(scenario(), region(), "inhabitants", funding_per_client=10000)
    assert [m.net_cost for m in by_inhabitants.years[0].municipalities] == [165000, 165000]
    mixed = compute(scenario(), region(), "fixed_plus_variable", D("0.2"), funding_per_client=10000)
    assert [m.share for m in mixed.years[0].municipalities] == [D("0.7"), D("0.3")]
    assert [m.net_cost for m in mixed.years[0].municipalities] == [231000, 99000]


def test_onderwijsroute_price_replaces_the_average_price_and_is_no_add_on():
    # 20 new clients, a quarter in the onderwijsroute: 15 × 10,000 + 5 × 17,000 = 235,000
    # (not 20 × 10,000 + 5 × 17,000 = 285,000).
    result = compute(
        scenario(), region(), funding_per_client=10000, onderwijs_price_per_client=17000
    )
    assert result.years[0].funding == 235000
    # No onderwijsroute price (0, as in 2022-2025): everyone at the average price.
    none = compute(scenario(), region(), funding_per_client=10000, onderwijs_price_per_client=0)
    assert none.years[0].funding == 200000


def test_each_service_year_is_funded_with_its_own_years_amounts():
    years = (2025, 2026)
    result = compute(
        scenario(),
        region(years=years),
        funding_per_client=1,
        funding_by_year={2025: (11600, 0), 2026: (11600, 17000)},
    )
    first, second = result.years
    assert first.funding == 20 * 11600
    assert second.funding == 15 * 11600 + 5 * 17000


def test_hours_bind_when_larger():
    # Fresh start: active 20 → caseload 0.5 FTE; hours 500 + 20 × 5 = 600 → 0.6 FTE.
    result = compute(scenario(), region(existing_cohorts=0), funding_per_client=10000)
    year = result.years[0]
    assert year.fte_case_manager_caseload == D("0.5")
    assert year.fte["case_manager"] == D("0.6")


def test_cohorts_stay_three_years():
    years = (2027, 2028, 2029, 2030)
    fresh = compute(scenario(), region(years=years, existing_cohorts=0), funding_per_client=1)
    assert [y.active_clients for y in fresh.years] == [20, 40, 60, 60]
    assert [y.new_clients for y in fresh.years] == [20, 20, 20, 20]
    one = compute(scenario(), region(years=years, existing_cohorts=1), funding_per_client=1)
    assert [y.active_clients for y in one.years] == [40, 60, 60, 60]
    two_year_term = compute(
        scenario(), region(years=years, term_years=2, existing_cohorts=0), funding_per_client=1
    )
    assert [y.active_clients for y in two_year_term.years] == [20, 40, 40, 40]


def test_one_off_spread_over_implementation_months():
    result = compute(
        scenario(implementation_months=18),
        region(years=(2027, 2028, 2029)),
        funding_per_client=10000,
    )
    parts = [y.one_off_cost_total for y in result.years]
    assert sum(parts) == 50000
    assert parts[0].quantize(D("0.01")) == D("33333.33") and parts[2] == 0
    assert [y.ict_cost for y in result.years] == [10000] * 3


def test_split_cents_examples():
    assert split_cents(D("100"), [1, 1, 1]) == [D("33.34"), D("33.33"), D("33.33")]
    assert split_cents(D("-100"), [1, 1, 1]) == [D("-33.34"), D("-33.33"), D("-33.33")]
    assert split_cents(D("0.005"), [1, 0]) == [D("0.01"), D("0.00")]
    assert split_cents(0, [0, 0]) == [D("0.00"), D("0.00")]
    with pytest.raises(ValueError):
        split_cents(1, [0, 0])


@settings(max_examples=200, deadline=None)
@given(
    total=st.decimals(min_value=-(10**9), max_value=10**9, places=4, allow_nan=False),
    weights=st.lists(
        st.decimals(min_value=0, max_value=10**6, places=3, allow_nan=False),
        min_size=1,
        max_size=12,
    ).filter(lambda w: sum(w) > 0),
)
def test_split_cents_sums_exactly(total, weights):
    parts = split_cents(total, weights)
    rounded = total.quantize(D("0.01"), rounding="ROUND_HALF_UP")
    assert sum(parts) == rounded
    assert all(p == p.quantize(D("0.01")) for p in parts)
    weight_sum = sum(weights)
    for part, weight in zip(parts, weights, strict=True):
        assert abs(part - rounded * weight / weight_sum) < D("0.01")


@settings(max_examples=50, deadline=None)
@given(
    taak=st.lists(st.integers(min_value=0, max_value=80), min_size=1, max_size=7).filter(any),
    funding=st.integers(min_value=0, max_value=20000),
    key=st.sampled_from(["taakstelling", "fixed_plus_variable"]),
)
def test_municipalities_sum_to_the_total(taak, funding, key):
    munis = tuple(Municipality(f"G{i}", t, 1000 + i) for i, t in enumerate(taak))
    result = compute(
        scenario(route_shares={"b1": D("0.6"), "onderwijs": D("0.1"), "z": D("0.3")}),
        region(municipalities=munis, adult_share=D("0.47"), years=(2027, 2028)),
        key,
        funding_per_client=funding,
    )
    for year in result.years:
        cents = D("0.01")
        total_c = year.total_cost.quantize(cents, rounding="ROUND_HALF_UP")
        funding_c = year.funding.quantize(cents, rounding="ROUND_HALF_UP")
        assert sum(m.net_cost for m in year.municipalities) == total_c - funding_c
        assert sum(m.own_funding for m in year.municipalities) == funding_c
        assert sum(m.contribution for m in year.municipalities) == total_c


def _demo_data():
    return json.loads(DEMO.read_text())


def test_validation_errors_name_the_place():
    data = _demo_data()
    data["scenarios"][1]["route_shares"] = {"b1": 0.5, "onderwijs": 0.1, "z": 0.3}
    data["scenarios"][2]["caseload_norm"] = 0
    data["scenarios"][3]["kleur"] = "blauw"
    del data["scenarios"][0]["hours_pip"]
    data["region"]["municipalities"][1]["taakstelling"] = "acht"
    data["region"]["years"] = [2027, 2029]
    with pytest.raises(CostModelError) as info:
        load_inputs(data)
    errors = dict(info.value.errors)
    assert errors["scenarios[1].route_shares"] == "De aandelen moeten samen 1 zijn."
    assert "groter zijn dan 0" in errors["scenarios[2].caseload_norm"]
    assert errors["scenarios[3].kleur"] == "Onbekend veld."
    assert errors["scenarios[0].hours_pip"] == "Verplicht veld ontbreekt."
    assert errors["region.municipalities[1].taakstelling"] == "Verwacht een getal."
    assert "opeenvolgend" in errors["region.years"]
    assert "scenarios[1].route_shares: De aandelen moeten samen 1 zijn." in str(info.value)


def test_compute_refuses_bad_dataclasses_and_missing_funding():
    with pytest.raises(CostModelError) as info:
        compute(scenario(caseload_norm=-1), region())
    places = [place for place, _message in info.value.errors]
    assert "scenario.caseload_norm" in places
    assert "region.funding_per_client" in places
    with pytest.raises(CostModelError) as info:
        compute(scenario(), region(), "per_hoofd", funding_per_client=1)
    assert [p for p, _m in info.value.errors] == ["key"]


def test_demo_file_loads_and_computes():
    data = _demo_data()
    assert "funding_per_client" not in DEMO.read_text()
    inputs = load_inputs(DEMO.read_text(), funding_per_client=10000)
    assert [s.name for s in inputs.scenarios] == [
        "Opplusscenario",
        "Integratiescenario",
        "Uitbestedingsscenario",
        "Synthesescenario",
    ]
    assert {m.name: m.taakstelling for m in inputs.region.municipalities} == {
        "Koggenland": 16,
        "Opmeer": 8,
        "Medemblik": 32,
        "Stede Broec": 16,
        "Enkhuizen": 14,
        "Drechterland": 14,
        "Hoorn": 50,
    }
    # Every number in the file sits under a wrapper marked as an assumption with a source.
    assert inputs.assumptions and all(
        a.aanname and a.bron.strip() for a in inputs.assumptions.values()
    )

    def bare_numbers(node, wrapped=False, place=""):
        if isinstance(node, dict):
            inside = wrapped or "aanname" in node
            for k, v in node.items():
                yield from bare_numbers(v, inside, f"{place}.{k}")
        elif isinstance(node, list):
            for i, v in enumerate(node):
                yield from bare_numbers(v, wrapped, f"{place}[{i}]")
        elif isinstance(node, int | float) and not isinstance(node, bool) and not wrapped:
            yield place

    bare = [p for p in bare_numbers(data) if not p.startswith((".region.years", ".region.term"))]
    assert bare == []
    assert dump_inputs(inputs) == {
        **data,
        "region": {**data["region"], "funding_per_client": 10000},
    }
    for key in ("taakstelling", "inhabitants", "fixed_plus_variable"):
        comparison = compare(inputs.scenarios, inputs.region, key)
        assert set(comparison["net_cost"]) == {"opplus", "integratie", "uitbesteding", "synthese"}
        assert comparison["direction"] == "cost"
        for result in comparison["results"].values():
            assert len(result.years) == 3
            assert result.years[0].new_clients == 75  # 150 × 0.5
            assert result.years[0].active_clients == 225  # steady state
            assert sum(m.net_cost for m in result.municipalities) == sum(
                y.total_cost.quantize(D("0.01")) - y.funding.quantize(D("0.01"))
                for y in result.years
            )
            json.dumps(result.to_dict())
    measurement = as_measurement(comparison, "one_off_cost", note="Kostenmodel, aanname")
    assert measurement["direction"] == "cost" and measurement["unit"] == "EUR"
    assert all(isinstance(v, int) for v in measurement["values"].values())


def test_load_inputs_reports_bad_json():
    with pytest.raises(CostModelError) as info:
        load_inputs("{niet json")
    assert info.value.errors[0][0] == ""


@pytest.fixture(scope="module")
def demo_results():
    inputs = load_inputs(DEMO.read_text())
    return list(
        compare(inputs.scenarios, inputs.region, funding_per_client=10000)["results"].values()
    )


def _check_svg(svg):
    root = ET.fromstring(svg)
    assert root.tag == f"{SVG}svg" and root.get("role") == "img"
    title = root.find(f"{SVG}title")
    assert title is not None and title.get("id") == root.get("aria-labelledby") and title.text
    desc = root.find(f"{SVG}desc")
    assert desc is not None and desc.get("id") == root.get("aria-describedby")
    assert "<script" not in svg
    return [t.text for t in root.iter(f"{SVG}text")]


def test_cost_chart_svg(demo_results):
    svg = cost_chart_svg(demo_results)
    texts = _check_svg(svg)
    for label in ("Personeel", "Leerroutes", "ICT", "Eenmalig", "Financiering"):
        assert label in texts
    assert "Synthesescenario 2027" in texts and "Opplusscenario 2029" in texts
    for colour in ("#1f6f8b", "#b85c00", "#2e7d43", "#7b3fa0", "#5f6368"):
        assert colour in svg
    assert "var(--regie-chart-1,#1f6f8b)" in svg
    assert any(t and t.startswith("€ ") for t in texts)


def test_municipality_chart_svg_escapes_and_labels(demo_results):
    synthese = next(r for r in demo_results if r.scenario_key == "synthese")
    texts = _check_svg(municipality_chart_svg(synthese))
    for name in ("Hoorn", "Opmeer", "Stede Broec"):
        assert name in texts
    odd = compute(
        scenario(name="A & <B>"),
        region(municipalities=(Municipality("X<&>", 10, 1), Municipality("Y", 0, 1))),
        funding_per_client=10**6,  # surplus: negative net cost
    )
    svg = municipality_chart_svg(odd, id_prefix="1 bad id")
    texts = _check_svg(svg)
    assert "X<&>" in texts
    assert any(t and t.startswith("−€ ") for t in texts)
    _check_svg(cost_chart_svg([odd]))


def test_old_onderwijs_add_on_field_is_refused_with_its_new_meaning():
    data = json.loads(DEMO.read_text())
    data["region"]["onderwijs_extra_funding_per_client"] = 5000
    with pytest.raises(CostModelError) as error:
        load_inputs(data)
    [(place, message)] = error.value.errors
    assert place == "region.onderwijs_extra_funding_per_client"
    assert "in plaats van" in message
