"""The cost model in the UI and on the command line, with funding from the rule set."""

import datetime as dt
import json
from io import StringIO

import pytest

from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError

from regie.core.models import RuleSet
from regie.decisions import costs


@pytest.mark.django_db
def test_funding_comes_from_the_rule_set_of_each_service_year():
    inputs = costs.load()
    assert list(inputs.region.years) == [2027, 2028, 2029]
    before = costs.run(inputs)["funding"]
    assert [f["funding_per_client"] for f in before["by_year"]] == [11600] * 3
    latest = RuleSet.objects.order_by("-valid_from").first()
    assert latest.valid_from.isoformat() == "2026-01-01"
    values = dict(latest.values)
    values["avg_trajectory_price_eur"] = {**values["avg_trajectory_price_eur"], "value": 12000}
    RuleSet.objects.create(valid_from=dt.date(2028, 1, 1), label="2028", values=values)
    outcome = costs.run(inputs)
    by_year = {f["year"]: f for f in outcome["funding"]["by_year"]}
    assert [by_year[y]["funding_per_client"] for y in (2027, 2028, 2029)] == [11600, 12000, 12000]
    result = next(iter(outcome["comparison"]["results"].values()))
    share = inputs.scenarios[0].route_shares["onderwijs"]
    for year in result.years:
        amounts = by_year[year.year]
        expected = year.new_clients * (
            (1 - share) * amounts["funding_per_client"]
            + share * amounts["onderwijs_price_per_client"]
        )
        assert year.funding == pytest.approx(float(expected))
    assert outcome["funding"]["unconfirmed"]


@pytest.mark.django_db
def test_a_2023_service_year_is_not_costed_at_2026_amounts():
    amounts = costs.funding_for_year(2023)
    assert amounts["funding_per_client"] == 10000
    assert amounts["onderwijs_price_per_client"] == 0
    assert costs.funding_for_year(2026)["onderwijs_price_per_client"] == 17000


@pytest.mark.django_db
def test_cost_page_for_mca_roles(world, login, client):
    login(*world.as_role("mca"))
    page = client.get("/mca/kosten/?verdeling=fixed_plus_variable&vast_deel=30")
    html = page.content.decode()
    assert page.status_code == 200
    assert "Synthesescenario" in html and "<svg" in html and "aanname" in html.lower()
    assert html.count("<h1") == 1
    bad = client.get("/mca/kosten/?vast_deel=veel")
    assert bad.status_code == 400 and "percentage van 0 tot 100" in bad.content.decode()
    upload = SimpleUploadedFile("x.json", b'{"title": "x"}', content_type="application/json")
    refused = client.post("/mca/kosten/", {"invoer": upload})
    assert refused.status_code == 400 and "Er is een probleem" in refused.content.decode()
    login(*world.as_role("cm1"))
    assert client.get("/mca/kosten/").status_code == 403


@pytest.mark.django_db
def test_cost_cli_text_and_json_and_bad_input(tmp_path):
    out = StringIO()
    call_command("mca", "costs", stdout=out)
    assert "Synthesescenario" in out.getvalue() and "11.600,00" in out.getvalue()
    out = StringIO()
    call_command("mca", "costs", "--format", "json", stdout=out)
    data = json.loads(out.getvalue())
    assert data["measurement"]["direction"] == "cost" and set(data["scenarios"]) == {
        "opplus",
        "integratie",
        "uitbesteding",
        "synthese",
    }
    bad = tmp_path / "bad.json"
    bad.write_text('{"title": "x", "region": {}, "scenarios": []}', encoding="utf-8")
    err = StringIO()
    with pytest.raises(CommandError) as exc:
        call_command("mca", "costs", str(bad), stderr=err)
    assert exc.value.returncode == 2 and "region" in err.getvalue()
