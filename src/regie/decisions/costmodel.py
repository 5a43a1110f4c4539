"""Scenario cost and capacity model (issue item 7): FTE, costs and funding per year.

The 2019 feasibility study for Westfriesland left open what each scenario costs once and per
year, how much staff it needs and how long the implementation takes (§6.3, point 5). This
module answers those questions from explicit inputs. It is pure Python: no database, no I/O.

Modelling rules (all in one place, so they can be checked and argued about):

* **Clients.** New clients per municipality per year = taakstelling (persons housed per year)
  × ``adult_share`` (the share of housed persons who are adults obliged to integrate). Client
  numbers are not rounded: they are expected values.
* **Cohorts.** A cohort stays ``term_years`` (default 3) years in the term. Active clients in a
  year = the new clients of that year and of the ``term_years - 1`` years before it. Before the
  first modelled year there are ``existing_cohorts`` earlier cohorts of the same size still in
  the term (0 = a fresh start, ``term_years - 1`` = the steady state from the first year on).
* **Case managers.** Two estimates, both reported; the larger is the required FTE:

  - hours-based: (new × (hours_intake + hours_pip) + active × reviews_per_client_per_year ×
    hours_review) / productive_hours_per_fte;
  - caseload-based: active / caseload_norm.

* **Other roles.** Team leader, contract management and policy are fixed FTE. Social guidance
  is ``fte_social_guidance`` plus, when ``social_guidance_clients_per_fte`` is given,
  new clients / that ratio (guidance runs in the first year after housing).
* **Personnel cost** = Σ FTE × cost per FTE (one number, or one per role).
* **Route cost** = new clients × Σ share × price per route (the price of a whole trajectory is
  counted in the year of housing, as the SPUK pays it in that year).
* **ICT** ``yearly_ict`` every year. **One-off costs** (project, ICT, training) are spread
  evenly over the ``implementation_months`` from January of the first year (0 or at most 12
  months: all in the first year); the last year with implementation months takes the remainder,
  so the parts add up exactly.
* **Funding** (an estimate of the SPUK): new clients × ``funding_per_client``, the average
  trajectory price (SZW's assumption, an average over the routes, not a norm). When an
  onderwijsroute price per person is given (``onderwijs_price_per_client``, from 2026), the
  onderwijs share of the new clients is funded at that price **instead of** the average:
  new × ((1 − onderwijs share) × average + onderwijs share × onderwijs price); it is no add-on.
  Both amounts can differ per year: ``funding_by_year`` maps a year to its (average, onderwijs
  price) pair and wins over the single amounts for that year. The amounts come from the rule set
  of each year at run time; this module never hard-codes them.
* **Balance** = funding − (structural + one-off costs); **net cost** = −balance.
* **Municipalities.** The SPUK of each municipality goes into the regional pot
  (``own_funding``: split of the funding in proportion to its new clients); the net cost is split
  by the chosen key: ``taakstelling``, ``inhabitants`` or ``fixed_plus_variable`` (``fixed_share``
  equally over the municipalities, the rest by taakstelling). ``contribution`` = own funding +
  share of the net cost = what the municipality pays to the region. Amounts per municipality are
  rounded to the cent with the largest-remainder rule (:func:`split_cents`), so they add up
  exactly to the (cent-rounded) total of the year; horizon totals are sums of the years.

Numbers are :class:`decimal.Decimal` throughout (floats are read by their shortest decimal
form); rounding happens only at presentation (:func:`split_cents`, :meth:`Result.to_dict`).

Input files (:func:`load_inputs`) are JSON; any value may be wrapped as
``{"value": 40, "aanname": true, "bron": "…"}`` to mark it as an assumption with its source.
Bad input is refused as a whole with :class:`CostModelError`, listing every problem with its
place (``scenarios[1].route_shares``) and a Dutch message.
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction
from typing import Any

from django.utils.translation import gettext as _

ROLES = ("case_manager", "team_leader", "social_guidance", "contract_management", "policy")
ROUTES = ("b1", "onderwijs", "z")
ONE_OFF_ITEMS = ("project", "ict", "training")
KEYS = ("taakstelling", "inhabitants", "fixed_plus_variable")
CENT = Decimal("0.01")
ZERO = Decimal(0)
ONE = Decimal(1)
SHARE_TOLERANCE = Decimal("0.000001")

Number = Decimal | int | float


class CostModelError(ValueError):
    """Invalid input; ``errors`` is a list of (place, Dutch message)."""

    def __init__(self, errors: Sequence[tuple[str, str]]):
        self.errors = list(errors)
        super().__init__("\n".join(f"{place}: {message}" for place, message in self.errors))


# --------------------------------------------------------------------------- inputs


@dataclass(frozen=True)
class Municipality:
    name: str
    taakstelling: Number  # persons to house per year
    inhabitants: Number = 0


@dataclass(frozen=True)
class RegionInputs:
    municipalities: tuple[Municipality, ...]
    adult_share: Number
    years: tuple[int, ...]
    funding_per_client: Number | None = None  # from the rule set, at run time
    onderwijs_price_per_client: Number | None = None  # instead of the average, per onderwijs client
    term_years: int = 3
    existing_cohorts: int = 0
    name: str = ""


@dataclass(frozen=True)
class ScenarioInputs:
    key: str
    name: str
    caseload_norm: Number  # active clients per FTE case manager
    hours_intake: Number
    hours_pip: Number
    hours_review: Number
    reviews_per_client_per_year: Number
    productive_hours_per_fte: Number
    fte_team_leader: Number
    fte_social_guidance: Number
    fte_contract_management: Number
    fte_policy: Number
    cost_per_fte: Number | Mapping[str, Number]  # one number or one per role (ROLES)
    route_shares: Mapping[str, Number]  # ROUTES, summing to 1
    price_per_route: Mapping[str, Number]  # ROUTES
    one_off: Mapping[str, Number]  # ONE_OFF_ITEMS
    yearly_ict: Number
    implementation_months: int = 0
    social_guidance_clients_per_fte: Number | None = None
    description: str = ""


@dataclass(frozen=True)
class Assumption:
    aanname: bool
    bron: str = ""


@dataclass(frozen=True)
class CostModelInputs:
    region: RegionInputs
    scenarios: tuple[ScenarioInputs, ...]
    title: str = ""
    description: str = ""
    assumptions: Mapping[str, Assumption] = field(default_factory=dict)  # place -> note


# --------------------------------------------------------------------------- results


@dataclass(frozen=True)
class MunicipalityShare:
    name: str
    share: Decimal  # fraction of the net cost by the key
    new_clients: Decimal
    own_funding: Decimal  # cents
    net_cost: Decimal  # cents
    contribution: Decimal  # cents: own_funding + net_cost


@dataclass(frozen=True)
class YearResult:
    year: int
    new_clients: Decimal
    active_clients: Decimal
    case_manager_hours: Decimal
    fte_case_manager_hours: Decimal
    fte_case_manager_caseload: Decimal
    fte: dict[str, Decimal]  # per role; case_manager = the larger estimate
    fte_total: Decimal
    personnel_cost: dict[str, Decimal]  # per role
    personnel_cost_total: Decimal
    route_cost: dict[str, Decimal]  # per route
    route_cost_total: Decimal
    ict_cost: Decimal
    one_off_cost: dict[str, Decimal]  # per item
    one_off_cost_total: Decimal
    structural_cost: Decimal  # personnel + routes + ICT
    total_cost: Decimal  # structural + one-off
    funding: Decimal
    balance: Decimal  # funding - total cost
    net_cost: Decimal  # total cost - funding
    municipalities: tuple[MunicipalityShare, ...]


@dataclass(frozen=True)
class Totals:
    personnel_cost: Decimal
    route_cost: Decimal
    ict_cost: Decimal
    structural_cost: Decimal
    one_off_cost: Decimal
    total_cost: Decimal
    funding: Decimal
    balance: Decimal
    net_cost: Decimal


@dataclass(frozen=True)
class Result:
    scenario_key: str
    scenario_name: str
    key: str
    fixed_share: Decimal
    implementation_months: int
    years: tuple[YearResult, ...]
    totals: Totals  # exact sums over the horizon
    municipalities: tuple[MunicipalityShare, ...]  # horizon: sums of the yearly cents

    def to_dict(self) -> dict[str, Any]:
        """Presentation: money to the cent, FTE and clients to two decimals, as JSON numbers."""

        def money(value: Decimal) -> float:
            return float(_cents(value))

        def amount(value: Decimal) -> float:
            return float(value.quantize(CENT, rounding=ROUND_HALF_UP))

        def munis(rows: Sequence[MunicipalityShare]) -> list[dict[str, Any]]:
            return [
                {
                    "name": row.name,
                    "share": float(row.share.quantize(Decimal("0.0001"), rounding=ROUND_HALF_UP)),
                    "new_clients": amount(row.new_clients),
                    "own_funding": money(row.own_funding),
                    "net_cost": money(row.net_cost),
                    "contribution": money(row.contribution),
                }
                for row in rows
            ]

        years = []
        for y in self.years:
            years.append(
                {
                    "year": y.year,
                    "new_clients": amount(y.new_clients),
                    "active_clients": amount(y.active_clients),
                    "case_manager_hours": amount(y.case_manager_hours),
                    "fte_case_manager_hours": amount(y.fte_case_manager_hours),
                    "fte_case_manager_caseload": amount(y.fte_case_manager_caseload),
                    "fte": {role: amount(v) for role, v in y.fte.items()},
                    "fte_total": amount(y.fte_total),
                    "personnel_cost": {role: money(v) for role, v in y.personnel_cost.items()},
                    "personnel_cost_total": money(y.personnel_cost_total),
                    "route_cost": {route: money(v) for route, v in y.route_cost.items()},
                    "route_cost_total": money(y.route_cost_total),
                    "ict_cost": money(y.ict_cost),
                    "one_off_cost": {item: money(v) for item, v in y.one_off_cost.items()},
                    "one_off_cost_total": money(y.one_off_cost_total),
                    "structural_cost": money(y.structural_cost),
                    "total_cost": money(y.total_cost),
                    "funding": money(y.funding),
                    "balance": money(y.balance),
                    "net_cost": money(y.net_cost),
                    "municipalities": munis(y.municipalities),
                }
            )
        return {
            "scenario_key": self.scenario_key,
            "scenario_name": self.scenario_name,
            "key": self.key,
            "fixed_share": float(self.fixed_share),
            "implementation_months": self.implementation_months,
            "years": years,
            "totals": {
                name: money(getattr(self.totals, name)) for name in Totals.__dataclass_fields__
            },
            "municipalities": munis(self.municipalities),
        }


# --------------------------------------------------------------------------- helpers


def _d(value: Number) -> Decimal:
    """Decimal of a number; floats by their shortest decimal form (0.1 -> Decimal('0.1'))."""
    if isinstance(value, Decimal):
        return value
    if isinstance(value, bool):
        raise TypeError("bool is not a number")
    if isinstance(value, int):
        return Decimal(value)
    if isinstance(value, float):
        return Decimal(repr(value))
    if isinstance(value, Fraction):
        return Decimal(value.numerator) / Decimal(value.denominator)
    raise TypeError(f"not a number: {value!r}")


def _cents(value: Number) -> Decimal:
    return _d(value).quantize(CENT, rounding=ROUND_HALF_UP)


def split_cents(total: Number, weights: Sequence[Number]) -> list[Decimal]:
    """Split ``total`` (rounded half-up to the cent) over ``weights`` with largest remainders.

    The parts are whole cents and add up exactly to the rounded total; each part differs less
    than one cent from its exact proportional share. Ties in the remainders go to the earlier
    position. A negative total is split as its absolute value, with the sign put back. Weights
    must be non-negative; they may all be zero only when the total rounds to zero.
    """
    rounded = _cents(total)
    fractions = [Fraction(_d(w)) for w in weights]
    if not fractions:
        if rounded != 0:
            raise ValueError("split_cents: no weights for a non-zero total")
        return []
    if any(w < 0 for w in fractions):
        raise ValueError("split_cents: weights must be non-negative")
    weight_sum = sum(fractions)
    count = int(abs(rounded) * 100)
    if weight_sum == 0:
        if count:
            raise ValueError("split_cents: all weights are zero for a non-zero total")
        return [ZERO.quantize(CENT) for _w in fractions]
    quotas = [Fraction(count) * w / weight_sum for w in fractions]
    floors = [math.floor(q) for q in quotas]
    left = count - sum(floors)
    order = sorted(range(len(quotas)), key=lambda i: (-(quotas[i] - floors[i]), i))
    for i in order[:left]:
        floors[i] += 1
    sign = -1 if rounded < 0 else 1
    return [(Decimal(sign * c) / 100).quantize(CENT) for c in floors]


def _role_costs(cost_per_fte: Number | Mapping[str, Number]) -> dict[str, Decimal]:
    if isinstance(cost_per_fte, Mapping):
        return {role: _d(cost_per_fte[role]) for role in ROLES}
    return dict.fromkeys(ROLES, _d(cost_per_fte))


def _key_weights(region: RegionInputs, key: str, fixed_share: Decimal) -> list[Decimal]:
    munis = region.municipalities
    if key == "taakstelling":
        return [_d(m.taakstelling) for m in munis]
    if key == "inhabitants":
        return [_d(m.inhabitants) for m in munis]
    total = sum((_d(m.taakstelling) for m in munis), ZERO)
    count = Decimal(len(munis))
    return [fixed_share / count + (ONE - fixed_share) * _d(m.taakstelling) / total for m in munis]


def _one_off_parts(total: Decimal, months: int, year_count: int) -> list[Decimal]:
    """One-off cost per year: evenly per implementation month, remainder in the last part."""
    if months <= 12:
        return [total] + [ZERO] * (year_count - 1)
    per_year = [min(12, max(0, months - 12 * k)) for k in range(year_count)]
    parts = [total * Decimal(m) / Decimal(months) for m in per_year]
    last = max(k for k, m in enumerate(per_year) if m)
    parts[last] = total - sum((p for k, p in enumerate(parts) if k != last), ZERO)
    return parts


# --------------------------------------------------------------------------- compute


def compute(
    scenario: ScenarioInputs,
    region: RegionInputs,
    key: str = "taakstelling",
    fixed_share: Number = Decimal("0.2"),
    *,
    funding_per_client: Number | None = None,
    onderwijs_price_per_client: Number | None = None,
    funding_by_year: Mapping[int, tuple[Number, Number | None]] | None = None,
) -> Result:
    """FTE, costs, funding and the split over the municipalities per year (see module doc).

    ``funding_per_client`` (and the optional onderwijs extra) override the region's values;
    one of the two must give the amount. Raises :class:`CostModelError` on invalid input.
    """
    funding = funding_per_client if funding_per_client is not None else region.funding_per_client
    extra = (
        onderwijs_price_per_client
        if onderwijs_price_per_client is not None
        else region.onderwijs_price_per_client
    )
    _check(scenario, region, key, fixed_share, funding, extra)
    fixed = _d(fixed_share)
    for year, (avg, price) in (funding_by_year or {}).items():
        if _d(avg) < 0 or (price is not None and _d(price) < 0):
            raise CostModelError(
                [(f"funding_by_year.{year}", _("Een bedrag kan niet negatief zijn."))]
            )
    amounts_by_year = {
        int(y): (_d(avg), _d(price) if price is not None else ZERO)
        for y, (avg, price) in (funding_by_year or {}).items()
    }
    default_amounts = (_d(funding), _d(extra) if extra is not None else ZERO)

    adult = _d(region.adult_share)
    new_by_muni = [_d(m.taakstelling) * adult for m in region.municipalities]
    new_per_year = sum(new_by_muni, ZERO)
    years = tuple(region.years)
    term = int(region.term_years)
    cohorts = {c: new_per_year for c in range(-int(region.existing_cohorts), len(years))}
    key_weights = _key_weights(region, key, fixed)
    key_total = sum(key_weights, ZERO)
    shares = [w / key_total for w in key_weights]

    costs = _role_costs(scenario.cost_per_fte)
    route_shares = {r: _d(scenario.route_shares[r]) for r in ROUTES}
    prices = {r: _d(scenario.price_per_route[r]) for r in ROUTES}
    months = int(scenario.implementation_months)
    one_off_parts = {
        item: _one_off_parts(_d(scenario.one_off[item]), months, len(years))
        for item in ONE_OFF_ITEMS
    }
    hours_start = _d(scenario.hours_intake) + _d(scenario.hours_pip)
    review_hours = _d(scenario.reviews_per_client_per_year) * _d(scenario.hours_review)
    productive = _d(scenario.productive_hours_per_fte)
    guidance_ratio = scenario.social_guidance_clients_per_fte

    results = []
    for index, year in enumerate(years):
        new = cohorts[index]
        active = sum((cohorts.get(c, ZERO) for c in range(index - term + 1, index + 1)), ZERO)
        hours = new * hours_start + active * review_hours
        fte_hours = hours / productive
        fte_caseload = active / _d(scenario.caseload_norm)
        guidance = _d(scenario.fte_social_guidance)
        if guidance_ratio is not None:
            guidance += new / _d(guidance_ratio)
        fte = {
            "case_manager": max(fte_hours, fte_caseload),
            "team_leader": _d(scenario.fte_team_leader),
            "social_guidance": guidance,
            "contract_management": _d(scenario.fte_contract_management),
            "policy": _d(scenario.fte_policy),
        }
        personnel = {role: fte[role] * costs[role] for role in ROLES}
        personnel_total = sum(personnel.values(), ZERO)
        routes = {r: new * route_shares[r] * prices[r] for r in ROUTES}
        route_total = sum(routes.values(), ZERO)
        ict = _d(scenario.yearly_ict)
        one_off = {item: one_off_parts[item][index] for item in ONE_OFF_ITEMS}
        one_off_total = sum(one_off.values(), ZERO)
        structural = personnel_total + route_total + ict
        total = structural + one_off_total
        average, onderwijs_price = amounts_by_year.get(year, default_amounts)
        if onderwijs_price > 0:
            share = route_shares["onderwijs"]
            year_funding = new * ((ONE - share) * average + share * onderwijs_price)
        else:
            year_funding = new * average
        # Per municipality, in cents: own SPUK into the pot, net cost by the key.
        total_c = _cents(total)
        funding_c = _cents(year_funding)
        own = (
            split_cents(funding_c, new_by_muni)
            if funding_c
            else [ZERO.quantize(CENT)] * len(new_by_muni)
        )
        net_parts = split_cents(total_c - funding_c, key_weights)
        munis = tuple(
            MunicipalityShare(
                name=m.name,
                share=shares[i],
                new_clients=new_by_muni[i],
                own_funding=own[i],
                net_cost=net_parts[i],
                contribution=own[i] + net_parts[i],
            )
            for i, m in enumerate(region.municipalities)
        )
        results.append(
            YearResult(
                year=year,
                new_clients=new,
                active_clients=active,
                case_manager_hours=hours,
                fte_case_manager_hours=fte_hours,
                fte_case_manager_caseload=fte_caseload,
                fte=fte,
                fte_total=sum(fte.values(), ZERO),
                personnel_cost=personnel,
                personnel_cost_total=personnel_total,
                route_cost=routes,
                route_cost_total=route_total,
                ict_cost=ict,
                one_off_cost=one_off,
                one_off_cost_total=one_off_total,
                structural_cost=structural,
                total_cost=total,
                funding=year_funding,
                balance=year_funding - total,
                net_cost=total - year_funding,
                municipalities=munis,
            )
        )

    def total_of(name: str) -> Decimal:
        return sum((getattr(y, name) for y in results), ZERO)

    totals = Totals(
        personnel_cost=total_of("personnel_cost_total"),
        route_cost=total_of("route_cost_total"),
        ict_cost=total_of("ict_cost"),
        structural_cost=total_of("structural_cost"),
        one_off_cost=total_of("one_off_cost_total"),
        total_cost=total_of("total_cost"),
        funding=total_of("funding"),
        balance=total_of("balance"),
        net_cost=total_of("net_cost"),
    )
    horizon = tuple(
        MunicipalityShare(
            name=m.name,
            share=shares[i],
            new_clients=sum((y.municipalities[i].new_clients for y in results), ZERO),
            own_funding=sum((y.municipalities[i].own_funding for y in results), ZERO),
            net_cost=sum((y.municipalities[i].net_cost for y in results), ZERO),
            contribution=sum((y.municipalities[i].contribution for y in results), ZERO),
        )
        for i, m in enumerate(region.municipalities)
    )
    return Result(
        scenario_key=scenario.key,
        scenario_name=scenario.name,
        key=key,
        fixed_share=fixed,
        implementation_months=months,
        years=tuple(results),
        totals=totals,
        municipalities=horizon,
    )


def compare(
    scenarios: Sequence[ScenarioInputs],
    region: RegionInputs,
    key: str = "taakstelling",
    fixed_share: Number = Decimal("0.2"),
    *,
    funding_per_client: Number | None = None,
    onderwijs_price_per_client: Number | None = None,
    funding_by_year: Mapping[int, tuple[Number, Number | None]] | None = None,
) -> dict[str, Any]:
    """Per scenario the horizon totals (to the cent), usable as a measured MCA criterion.

    Returns ``{"direction": "cost", "unit": "EUR", "years": [...], "total_cost": {key: €},
    "net_cost": {...}, "one_off_cost": {...}, "structural_cost": {...}, "funding": {...},
    "fte_case_manager": {key: FTE in the last year}, "implementation_months": {...},
    "results": {key: Result}}``. See :func:`as_measurement` for the MCA study format.
    """
    results = {
        s.key: compute(
            s,
            region,
            key,
            fixed_share,
            funding_per_client=funding_per_client,
            onderwijs_price_per_client=onderwijs_price_per_client,
            funding_by_year=funding_by_year,
        )
        for s in scenarios
    }

    def per(name: str) -> dict[str, Decimal]:
        return {k: _cents(getattr(r.totals, name)) for k, r in results.items()}

    return {
        "direction": "cost",
        "unit": "EUR",
        "years": list(region.years),
        "total_cost": per("total_cost"),
        "net_cost": per("net_cost"),
        "one_off_cost": per("one_off_cost"),
        "structural_cost": per("structural_cost"),
        "funding": per("funding"),
        "fte_case_manager": {
            k: r.years[-1].fte["case_manager"].quantize(CENT, rounding=ROUND_HALF_UP)
            for k, r in results.items()
        },
        "implementation_months": {k: r.implementation_months for k, r in results.items()},
        "results": results,
    }


def as_measurement(
    comparison: Mapping[str, Any], which: str = "net_cost", note: str = ""
) -> dict[str, Any]:
    """A ``measurements`` entry for an MCA study: whole euros, direction ``cost``."""
    values = {
        k: int(_d(v).quantize(ONE, rounding=ROUND_HALF_UP)) for k, v in comparison[which].items()
    }
    entry: dict[str, Any] = {"values": values, "direction": "cost", "unit": "EUR"}
    if note:
        entry["note"] = note
    return entry


# --------------------------------------------------------------------------- validation

_MISSING = object()
WRAPPER_KEYS = {"value", "aanname", "bron"}


def _join(place: str, part: str | int) -> str:
    if isinstance(part, int):
        return f"{place}[{part}]"
    return f"{place}.{part}" if place else part


class _Reader:
    def __init__(self) -> None:
        self.errors: list[tuple[str, str]] = []
        self.assumptions: dict[str, Assumption] = {}

    def error(self, place: str, message: str) -> None:
        self.errors.append((place, message))

    def unwrap(self, value: Any, place: str) -> Any:
        """``{"value": x, "aanname": true, "bron": "…"}`` -> x, recording the note."""
        if isinstance(value, Mapping) and "value" in value and set(value) <= WRAPPER_KEYS:
            aanname = value.get("aanname", False)
            bron = value.get("bron", "")
            if not isinstance(aanname, bool):
                self.error(_join(place, "aanname"), _("Verwacht true of false."))
                aanname = False
            if not isinstance(bron, str):
                self.error(_join(place, "bron"), _("Verwacht een tekst."))
                bron = ""
            self.assumptions[place] = Assumption(aanname, bron)
            return value["value"]
        return value

    def mapping(self, value: Any, place: str) -> Mapping[str, Any] | None:
        value = self.unwrap(value, place)
        if not isinstance(value, Mapping):
            self.error(place, _("Verwacht een object met velden."))
            return None
        return value

    def allowed(self, data: Mapping[str, Any], place: str, keys: Sequence[str]) -> None:
        for name in data:
            if name == "onderwijs_extra_funding_per_client":
                self.error(
                    _join(place, str(name)),
                    _(
                        "Dit veld bestaat niet meer. Gebruik onderwijs_price_per_client: de prijs "
                        "van de onderwijsroute komt in plaats van de gemiddelde trajectprijs, niet "
                        "erbovenop."
                    ),
                )
            elif name not in keys:
                self.error(_join(place, str(name)), _("Onbekend veld."))

    def get(self, data: Mapping[str, Any], name: str, place: str, required: bool = True) -> Any:
        here = _join(place, name)
        if name not in data or data[name] is None:
            if required:
                self.error(here, _("Verplicht veld ontbreekt."))
            return _MISSING
        return self.unwrap(data[name], here)

    def number(
        self,
        data: Mapping[str, Any],
        name: str,
        place: str,
        *,
        minimum: Decimal | None = ZERO,
        maximum: Decimal | None = None,
        positive: bool = False,
        integer: bool = False,
        required: bool = True,
    ) -> Decimal | None:
        here = _join(place, name)
        value = self.get(data, name, place, required)
        if value is _MISSING:
            return None
        return self.check_number(value, here, minimum, maximum, positive, integer)

    def check_number(
        self,
        value: Any,
        here: str,
        minimum: Decimal | None = ZERO,
        maximum: Decimal | None = None,
        positive: bool = False,
        integer: bool = False,
    ) -> Decimal | None:
        if isinstance(value, bool) or not isinstance(value, int | float | Decimal):
            self.error(here, _("Verwacht een getal."))
            return None
        if isinstance(value, float) and not math.isfinite(value):
            self.error(here, _("Verwacht een eindig getal."))
            return None
        number = _d(value)
        if not number.is_finite():
            self.error(here, _("Verwacht een eindig getal."))
            return None
        if integer and number != number.to_integral_value():
            self.error(here, _("Verwacht een geheel getal."))
            return None
        if positive and number <= 0:
            self.error(here, _("Het getal moet groter zijn dan 0."))
            return None
        if minimum is not None and number < minimum:
            self.error(here, _("Het getal mag niet kleiner zijn dan %(min)s.") % {"min": minimum})
            return None
        if maximum is not None and number > maximum:
            self.error(here, _("Het getal mag niet groter zijn dan %(max)s.") % {"max": maximum})
            return None
        return number

    def text(self, data: Mapping[str, Any], name: str, place: str, required: bool = True) -> str:
        value = self.get(data, name, place, required)
        if value is _MISSING:
            return ""
        if not isinstance(value, str) or (required and not value.strip()):
            self.error(_join(place, name), _("Verwacht een tekst die niet leeg is."))
            return ""
        return value

    def number_map(
        self,
        data: Mapping[str, Any],
        name: str,
        place: str,
        keys: Sequence[str],
        maximum: Decimal | None = None,
    ) -> dict[str, Decimal] | None:
        here = _join(place, name)
        value = self.get(data, name, place)
        if value is _MISSING:
            return None
        raw = self.mapping(value, here)
        if raw is None:
            return None
        self.allowed(raw, here, keys)
        result: dict[str, Decimal] = {}
        ok = True
        for k in keys:
            number = self.number(raw, k, here, maximum=maximum)
            if number is None:
                ok = False
            else:
                result[k] = number
        return result if ok else None


REGION_FIELDS = (
    "name",
    "municipalities",
    "adult_share",
    "years",
    "funding_per_client",
    "onderwijs_price_per_client",
    "term_years",
    "existing_cohorts",
)
MUNICIPALITY_FIELDS = ("name", "taakstelling", "inhabitants")
SCENARIO_FIELDS = (
    "key",
    "name",
    "description",
    "caseload_norm",
    "hours_intake",
    "hours_pip",
    "hours_review",
    "reviews_per_client_per_year",
    "productive_hours_per_fte",
    "fte_team_leader",
    "fte_social_guidance",
    "social_guidance_clients_per_fte",
    "fte_contract_management",
    "fte_policy",
    "cost_per_fte",
    "route_shares",
    "price_per_route",
    "one_off",
    "yearly_ict",
    "implementation_months",
)


def _read_region(r: _Reader, value: Any, place: str) -> RegionInputs | None:
    data = r.mapping(value, place)
    if data is None:
        return None
    r.allowed(data, place, REGION_FIELDS)
    errors_before = len(r.errors)
    name = r.text(data, "name", place, required=False)
    municipalities: list[Municipality] = []
    raw_munis = r.get(data, "municipalities", place)
    munis_place = _join(place, "municipalities")
    if raw_munis is not _MISSING:
        if not isinstance(raw_munis, list) or not raw_munis:
            r.error(munis_place, _("Verwacht een lijst met ten minste één gemeente."))
        else:
            seen: set[str] = set()
            for i, item in enumerate(raw_munis):
                here = _join(munis_place, i)
                m = r.mapping(item, here)
                if m is None:
                    continue
                r.allowed(m, here, MUNICIPALITY_FIELDS)
                m_name = r.text(m, "name", here)
                if m_name in seen:
                    r.error(
                        _join(here, "name"),
                        _("De gemeente %(name)s staat er twee keer in.") % {"name": m_name},
                    )
                seen.add(m_name)
                taak = r.number(m, "taakstelling", here)
                inhabitants = r.number(m, "inhabitants", here, integer=True, required=False)
                if taak is not None:
                    municipalities.append(Municipality(m_name, taak, inhabitants or ZERO))
    adult = r.number(data, "adult_share", place, maximum=ONE)
    years: list[int] = []
    raw_years = r.get(data, "years", place)
    years_place = _join(place, "years")
    if raw_years is not _MISSING:
        if not isinstance(raw_years, list) or not raw_years:
            r.error(years_place, _("Verwacht een lijst met ten minste één jaar."))
        else:
            for i, item in enumerate(raw_years):
                year = r.check_number(item, _join(years_place, i), integer=True, positive=True)
                if year is not None:
                    years.append(int(year))
            if len(years) == len(raw_years) and any(
                b != a + 1 for a, b in zip(years, years[1:], strict=False)
            ):
                r.error(years_place, _("De jaren moeten opeenvolgend en oplopend zijn."))
    funding = r.number(data, "funding_per_client", place, required=False)
    extra = r.number(data, "onderwijs_price_per_client", place, required=False)
    term = r.number(data, "term_years", place, integer=True, positive=True, required=False)
    term_years = int(term) if term is not None else 3
    existing = r.number(data, "existing_cohorts", place, integer=True, required=False)
    if existing is not None and existing > term_years - 1:
        r.error(
            _join(place, "existing_cohorts"),
            _("Er kunnen hoogstens %(max)s eerdere cohorten nog in de termijn zitten.")
            % {"max": term_years - 1},
        )
    if len(r.errors) > errors_before or adult is None:
        return None
    if not any(_d(m.taakstelling) > 0 for m in municipalities):
        r.error(munis_place, _("De taakstelling van de gemeenten samen moet groter zijn dan 0."))
        return None
    return RegionInputs(
        municipalities=tuple(municipalities),
        adult_share=adult,
        years=tuple(years),
        funding_per_client=funding,
        onderwijs_price_per_client=extra,
        term_years=term_years,
        existing_cohorts=int(existing) if existing is not None else 0,
        name=name,
    )


def _read_scenario(
    r: _Reader, value: Any, place: str, year_count: int | None
) -> ScenarioInputs | None:
    data = r.mapping(value, place)
    if data is None:
        return None
    r.allowed(data, place, SCENARIO_FIELDS)
    errors_before = len(r.errors)
    key = r.text(data, "key", place)
    name = r.text(data, "name", place)
    description = r.text(data, "description", place, required=False)
    numbers: dict[str, Decimal | None] = {}
    for fname in ("caseload_norm", "productive_hours_per_fte"):
        numbers[fname] = r.number(data, fname, place, positive=True)
    for fname in (
        "hours_intake",
        "hours_pip",
        "hours_review",
        "reviews_per_client_per_year",
        "fte_team_leader",
        "fte_social_guidance",
        "fte_contract_management",
        "fte_policy",
        "yearly_ict",
    ):
        numbers[fname] = r.number(data, fname, place)
    ratio = r.number(data, "social_guidance_clients_per_fte", place, positive=True, required=False)
    months = r.number(data, "implementation_months", place, integer=True, required=False)
    if months is not None and year_count is not None and months > 12 * max(year_count, 1):
        r.error(
            _join(place, "implementation_months"),
            _("De implementatie duurt langer dan de %(count)s jaar van de berekening.")
            % {"count": year_count},
        )
    cost: Decimal | dict[str, Decimal] | None = None
    raw_cost = r.get(data, "cost_per_fte", place)
    cost_place = _join(place, "cost_per_fte")
    if raw_cost is not _MISSING:
        if isinstance(raw_cost, Mapping):
            cost = r.number_map(data, "cost_per_fte", place, ROLES)
        else:
            cost = r.check_number(raw_cost, cost_place)
    shares = r.number_map(data, "route_shares", place, ROUTES, maximum=ONE)
    if shares is not None and abs(sum(shares.values(), ZERO) - ONE) > SHARE_TOLERANCE:
        r.error(_join(place, "route_shares"), _("De aandelen moeten samen 1 zijn."))
    prices = r.number_map(data, "price_per_route", place, ROUTES)
    one_off = r.number_map(data, "one_off", place, ONE_OFF_ITEMS)
    if len(r.errors) > errors_before:
        return None
    return ScenarioInputs(
        key=key,
        name=name,
        description=description,
        cost_per_fte=cost,  # type: ignore[arg-type]
        route_shares=shares,  # type: ignore[arg-type]
        price_per_route=prices,  # type: ignore[arg-type]
        one_off=one_off,  # type: ignore[arg-type]
        implementation_months=int(months) if months is not None else 0,
        social_guidance_clients_per_fte=ratio,
        **numbers,  # type: ignore[arg-type]
    )


def load_inputs(
    source: str | bytes | Mapping[str, Any],
    *,
    funding_per_client: Number | None = None,
    onderwijs_price_per_client: Number | None = None,
) -> CostModelInputs:
    """Read and check a cost model file (JSON text or parsed); all errors at once.

    ``funding_per_client`` (from the rule set) is put into the region when given.
    """
    r = _Reader()
    if isinstance(source, str | bytes):
        try:
            data = json.loads(source)
        except ValueError as exc:
            raise CostModelError(
                [("", _("Geen geldige JSON: %(error)s") % {"error": exc})]
            ) from exc
    else:
        data = source
    if not isinstance(data, Mapping):
        raise CostModelError([("", _("Verwacht een object met velden."))])
    r.allowed(data, "", ("title", "description", "region", "scenarios"))
    title = r.text(data, "title", "", required=False)
    description = r.text(data, "description", "", required=False)
    region = None
    raw_region = r.get(data, "region", "")
    if raw_region is not _MISSING:
        region = _read_region(r, raw_region, "region")
    scenarios: list[ScenarioInputs] = []
    raw_scenarios = r.get(data, "scenarios", "")
    if raw_scenarios is not _MISSING:
        if not isinstance(raw_scenarios, list) or not raw_scenarios:
            r.error("scenarios", _("Verwacht een lijst met ten minste één scenario."))
        else:
            seen: set[str] = set()
            year_count = len(region.years) if region is not None else None
            for i, item in enumerate(raw_scenarios):
                place = _join("scenarios", i)
                scenario = _read_scenario(r, item, place, year_count)
                if scenario is None:
                    continue
                if scenario.key in seen:
                    r.error(
                        _join(place, "key"),
                        _("De sleutel %(key)s komt twee keer voor.") % {"key": scenario.key},
                    )
                seen.add(scenario.key)
                scenarios.append(scenario)
    if r.errors:
        raise CostModelError(r.errors)
    assert region is not None
    if funding_per_client is not None or onderwijs_price_per_client is not None:
        region = RegionInputs(
            **{
                **_fields(region),
                "funding_per_client": _d(funding_per_client)
                if funding_per_client is not None
                else region.funding_per_client,
                "onderwijs_price_per_client": _d(onderwijs_price_per_client)
                if onderwijs_price_per_client is not None
                else region.onderwijs_price_per_client,
            }
        )
    return CostModelInputs(
        region=region,
        scenarios=tuple(scenarios),
        title=title,
        description=description,
        assumptions=r.assumptions,
    )


def _fields(obj: Any) -> dict[str, Any]:
    return {name: getattr(obj, name) for name in obj.__dataclass_fields__}


def _json_value(value: Any) -> Any:
    if isinstance(value, Decimal | float | int) and not isinstance(value, bool):
        number = _d(value)
        if number == number.to_integral_value():
            return int(number)
        return float(number)
    if isinstance(value, Mapping):
        return {k: _json_value(v) for k, v in value.items()}
    return value


def _region_dict(region: RegionInputs) -> dict[str, Any]:
    data: dict[str, Any] = {}
    if region.name:
        data["name"] = region.name
    data["municipalities"] = [
        {"name": m.name, "taakstelling": m.taakstelling, "inhabitants": m.inhabitants}
        for m in region.municipalities
    ]
    data["adult_share"] = region.adult_share
    data["years"] = list(region.years)
    data["term_years"] = region.term_years
    data["existing_cohorts"] = region.existing_cohorts
    if region.funding_per_client is not None:
        data["funding_per_client"] = region.funding_per_client
    if region.onderwijs_price_per_client is not None:
        data["onderwijs_price_per_client"] = region.onderwijs_price_per_client
    return data


def _scenario_dict(s: ScenarioInputs) -> dict[str, Any]:
    data = {name: getattr(s, name) for name in SCENARIO_FIELDS}
    if not s.description:
        del data["description"]
    if s.social_guidance_clients_per_fte is None:
        del data["social_guidance_clients_per_fte"]
    return data


def _wrap(data: Any, place: str, assumptions: Mapping[str, Assumption]) -> Any:
    if isinstance(data, Mapping):
        value: Any = {k: _wrap(v, _join(place, k), assumptions) for k, v in data.items()}
    elif isinstance(data, list | tuple):
        value = [_wrap(v, _join(place, i), assumptions) for i, v in enumerate(data)]
    else:
        value = _json_value(data)
    note = assumptions.get(place)
    if note is None:
        return value
    wrapped: dict[str, Any] = {"value": value, "aanname": note.aanname}
    if note.bron:
        wrapped["bron"] = note.bron
    return wrapped


def dump_inputs(inputs: CostModelInputs) -> dict[str, Any]:
    """The inputs as a JSON-ready dict that :func:`load_inputs` reads back to equal inputs."""
    data: dict[str, Any] = {}
    if inputs.title:
        data["title"] = inputs.title
    if inputs.description:
        data["description"] = inputs.description
    data["region"] = _region_dict(inputs.region)
    data["scenarios"] = [_scenario_dict(s) for s in inputs.scenarios]
    return _wrap(data, "", inputs.assumptions)


def _check(
    scenario: ScenarioInputs,
    region: RegionInputs,
    key: str,
    fixed_share: Any,
    funding: Any,
    extra: Any,
) -> None:
    """Validate dataclass inputs through the same reader as files; raise on any problem."""
    r = _Reader()
    try:
        region_data = _json_value_deep(_region_dict(region))
        scenario_data = _json_value_deep(_scenario_dict(scenario))
    except TypeError:
        raise CostModelError([("", _("Verwacht getallen in de invoer."))]) from None
    checked_region = _read_region(r, region_data, "region")
    _read_scenario(
        r, scenario_data, "scenario", len(region.years) if checked_region is not None else None
    )
    if key not in KEYS:
        r.error(
            "key",
            _(
                "Onbekende verdeelsleutel %(key)s. Kies taakstelling, inhabitants of "
                "fixed_plus_variable."
            )
            % {"key": key},
        )
    if key == "fixed_plus_variable":
        r.check_number(fixed_share, "fixed_share", maximum=ONE)
    if (
        key == "inhabitants"
        and checked_region is not None
        and not any(_d(m.inhabitants) > 0 for m in checked_region.municipalities)
    ):
        r.error(
            "region.municipalities",
            _("Voor de verdeling naar inwoners zijn inwonertallen nodig."),
        )
    if funding is None:
        r.error(
            "region.funding_per_client",
            _("Het bedrag per inburgeraar ontbreekt; het komt uit de regelset."),
        )
    else:
        r.check_number(funding, "funding_per_client")
    if extra is not None:
        r.check_number(extra, "onderwijs_price_per_client")
    if r.errors:
        raise CostModelError(r.errors)


def _json_value_deep(data: Any) -> Any:
    """Plain data for the reader: Decimals stay exact (the reader accepts them)."""
    if isinstance(data, Mapping):
        return {k: _json_value_deep(v) for k, v in data.items()}
    if isinstance(data, list | tuple):
        return [_json_value_deep(v) for v in data]
    if isinstance(data, bool) or data is None or isinstance(data, str):
        return data
    if isinstance(data, Decimal | int | float):
        return data
    raise TypeError(f"unexpected value {data!r}")
