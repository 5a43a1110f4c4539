"""The cost model in the UI and on the command line, with funding from the rule set."""

import json
from io import StringIO

import pytest

from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError

from regie.core.models import RuleSet
from regie.decisions import costs


@pytest.mark.django_db
def test_funding_comes_from_the_rule_set():
    before = costs.run(costs.load())["funding"]["funding_per_client"]
    rule_set = RuleSet.objects.get()
    values = dict(rule_set.values)
    values["spuk_per_client_eur"] = {**values["spuk_per_client_eur"], "value": 12000}
    rule_set.values = values
    rule_set.save()
    outcome = costs.run(costs.load())
    assert before == 11600 and outcome["funding"]["funding_per_client"] == 12000
    result = next(iter(outcome["comparison"]["results"].values()))
    year = result.years[0]
    extra = outcome["funding"]["onderwijs_extra_funding_per_client"]
    share = outcome["inputs"].scenarios[0].route_shares["onderwijs"]
    assert year.funding == pytest.approx(
        float(year.new_clients * 12000 + year.new_clients * share * extra)
    )


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
