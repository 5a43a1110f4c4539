"""The scenario cost and capacity model as the region uses it: inputs file + funding from the rule
set of each modelled year, for the web page and the command line."""

import datetime as dt
from decimal import Decimal
from pathlib import Path

from regie.core.ruleset import rules_for_year, rules_on

from . import costmodel

DEMO_INPUTS = Path(__file__).resolve().parent / "demo" / "kostenmodel-westfriesland.json"
AVERAGE = "avg_trajectory_price_eur"
EDUCATION = "education_route_price_eur"


def funding_for_year(year: int) -> dict:
    """The amounts of one service year from the rule-set version in force on 1 January of it:
    the average trajectory price (not a norm) and, from 2026, the onderwijsroute price per person
    (instead of the average, not on top; 0 = none). Both UNCONFIRMED (docs/rules.md)."""
    rules = rules_for_year(year)
    return _funding(rules, year)


def _funding(rules, year=None) -> dict:
    return {
        "year": year,
        "funding_per_client": Decimal(str(rules.value(AVERAGE))),
        "onderwijs_price_per_client": Decimal(str(rules.value(EDUCATION))),
        "unconfirmed": rules.unconfirmed(AVERAGE) or rules.unconfirmed(EDUCATION),
        "source": rules.source(AVERAGE),
        "onderwijs_source": rules.source(EDUCATION),
        "valid_from": rules.valid_from,
    }


def funding_from_rules(day: dt.date | None = None) -> dict:
    """The amounts of the rule set in force on ``day`` (today by default), for display only; a
    calculation over years uses :func:`funding_for_year` per year."""
    return _funding(rules_on(day or dt.date.today()))


def load(text_or_mapping=None):
    """Validated inputs (the demo file by default). Raises costmodel.CostModelError."""
    data = DEMO_INPUTS.read_text(encoding="utf-8") if text_or_mapping is None else text_or_mapping
    return costmodel.load_inputs(data)


def run(inputs, key: str = "taakstelling", fixed_share: Decimal = Decimal("0.2"), day=None) -> dict:
    """Costs and funding per scenario; every modelled year is funded with the amounts of its own
    rule-set year (``day`` is ignored for the calculation and kept for callers)."""
    years = [funding_for_year(year) for year in inputs.region.years]
    first = years[0]
    comparison = costmodel.compare(
        inputs.scenarios,
        inputs.region,
        key=key,
        fixed_share=fixed_share,
        funding_per_client=first["funding_per_client"],
        onderwijs_price_per_client=first["onderwijs_price_per_client"],
        funding_by_year={
            f["year"]: (f["funding_per_client"], f["onderwijs_price_per_client"]) for f in years
        },
    )
    funding = {
        **first,
        "by_year": years,
        "unconfirmed": any(f["unconfirmed"] for f in years),
    }
    return {
        "inputs": inputs,
        "comparison": comparison,
        "funding": funding,
        "key": key,
        "fixed_share": fixed_share,
    }
