"""The scenario cost and capacity model as the region uses it: inputs file + funding from the rule
set in force, for the web page and the command line."""

import datetime as dt
from decimal import Decimal
from pathlib import Path

from regie.core.ruleset import rules_on

from . import costmodel

DEMO_INPUTS = Path(__file__).resolve().parent / "demo" / "kostenmodel-westfriesland.json"


def funding_from_rules(day: dt.date | None = None) -> dict:
    """Funding per client from the rule set (SPUK; Divosa's figures), with its UNCONFIRMED marks."""
    rules = rules_on(day or dt.date.today())
    return {
        "funding_per_client": Decimal(str(rules.value("spuk_per_client_eur"))),
        "onderwijs_extra_funding_per_client": Decimal(str(rules.value("spuk_education_route_eur"))),
        "unconfirmed": rules.unconfirmed("spuk_per_client_eur")
        or rules.unconfirmed("spuk_education_route_eur"),
        "source": rules.source("spuk_per_client_eur"),
        "valid_from": rules.valid_from,
    }


def load(text_or_mapping=None):
    """Validated inputs (the demo file by default). Raises costmodel.CostModelError."""
    data = DEMO_INPUTS.read_text(encoding="utf-8") if text_or_mapping is None else text_or_mapping
    return costmodel.load_inputs(data)


def run(inputs, key: str = "taakstelling", fixed_share: Decimal = Decimal("0.2"), day=None) -> dict:
    funding = funding_from_rules(day)
    comparison = costmodel.compare(
        inputs.scenarios,
        inputs.region,
        key=key,
        fixed_share=fixed_share,
        funding_per_client=funding["funding_per_client"],
        onderwijs_extra_funding_per_client=funding["onderwijs_extra_funding_per_client"],
    )
    return {
        "inputs": inputs,
        "comparison": comparison,
        "funding": funding,
        "key": key,
        "fixed_share": fixed_share,
    }
