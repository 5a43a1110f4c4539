"""A multi-criteria study: its JSON form, validation and export.

The JSON form (issue 5), with the optional extensions this module documents::

    {
      "title": "…",                       # required, text
      "description": "…",                 # optional, text
      "clusters": [                       # required, at least one
        {"key": "bestuur", "name": "Bestuur en beleid", "description": "…",   # description optional
         "criteria": [{"key": "b1", "name": "Bestuurlijke eenduidigheid", "description": "…"}]}
      ],
      "stakeholders": ["Hoorn", "Opmeer"],           # required, at least one, unique
      "alternatives": [{"key": "s1", "name": "Opplusscenario", "description": "…"}],  # >= 2
      "weights": {"Hoorn": {"b1": 3, …}, …},        # every stakeholder rates every criterion
      "points": {"s1": {"b1": 2, …}, …},             # the working group's points
      "scale": {"weights": [1, 3], "points": [1, 3]},  # optional; default 1 to 3 for both
      "nature": "reconstruction",          # optional: measured (default), reconstruction,
                                           # illustration (see NATURES)

      # Extension 1: points from an ordering (best first; a list inside the list is a tie).
      "orderings": {"b1": {"order": ["s3", ["s1", "s2"]], "tie_rule": "anchored",
                           "level": 2, "note": "…"}},
      # Extension 2: points from measured values by a linear value function.
      "measurements": {"f3": {"values": {"s1": 120000, "s2": 250000, "s3": 180000},
                              "direction": "cost", "unit": "EUR",
                              "range": [0, 300000], "note": "…"}}
    }

Every point of every alternative on every criterion comes from exactly one source: ``points``,
``orderings`` or ``measurements``. ``tie_rule`` defaults to ``midrank``; ``level`` is allowed
only for ``anchored`` with all alternatives in one group; ``range`` is optional (default: the
lowest and highest value). See :mod:`regie.decisions.mca.derive` for the rules.

Bad input is refused as a whole with :class:`StudyError`, which lists every problem found, each
with the place in the JSON as a dotted path (``weights.Hoorn.c07``, ``clusters[0].criteria[2].key``)
and a Dutch message. Nothing is returned for a study with any error, so nothing can be stored.

Numbers are kept as exact fractions (``fractions.Fraction``): the study's weights are sevenths
and its published totals must come out to the cent.
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

from django.utils.translation import gettext as _

from . import derive

ROOT = "studie"
DEFAULT_SCALE = (Fraction(1), Fraction(3))
TOP_LEVEL_KEYS = (
    "title",
    "description",
    "clusters",
    "stakeholders",
    "alternatives",
    "weights",
    "points",
    "scale",
    "orderings",
    "measurements",
    "nature",
)
# What a study's numbers are (issue 14, MCA honesty). ``measured``: the working group's own
# weights and points (the default). ``reconstruction``: weights and points invented to match
# published totals; only the totals are real. ``illustration``: an example whose positions are
# invented to show a mechanism. The verdict of the last two names no municipality or criterion.
NATURES = ("measured", "reconstruction", "illustration")


@dataclass(frozen=True)
class ValidationIssue:
    """One problem in a study: where (dotted path) and what (Dutch message)."""

    place: str
    message: str

    def to_dict(self) -> dict[str, str]:
        return {"place": self.place, "message": self.message}


class StudyError(ValueError):
    """A study was refused. ``errors`` lists every problem found, in the order of the JSON."""

    def __init__(self, errors: list[ValidationIssue]):
        self.errors = list(errors)
        super().__init__("\n".join(f"{error.place}: {error.message}" for error in self.errors))

    def to_list(self) -> list[dict[str, str]]:
        return [error.to_dict() for error in self.errors]


@dataclass(frozen=True)
class Criterion:
    key: str
    name: str
    cluster: str
    description: str = ""


@dataclass(frozen=True)
class Cluster:
    key: str
    name: str
    criteria: tuple[Criterion, ...]
    description: str = ""


@dataclass(frozen=True)
class Alternative:
    key: str
    name: str
    description: str = ""


@dataclass(frozen=True)
class Ordering:
    """The working group's ordering on one criterion (best group first) and its tie rule."""

    groups: tuple[tuple[str, ...], ...]
    tie_rule: str = derive.DEFAULT_TIE_RULE
    level: Fraction | None = None
    note: str = ""


@dataclass(frozen=True)
class Measurement:
    """Measured values on one criterion, turned into points by a linear value function."""

    values: Mapping[str, Fraction]
    direction: str
    unit: str = ""
    value_range: tuple[Fraction, Fraction] | None = None
    note: str = ""


@dataclass(frozen=True)
class Study:
    """A validated study. Build it with :func:`load_study`; export it with :meth:`to_dict`.

    ``points`` holds the final points of every alternative on every criterion, whatever their
    source; ``direct_points``, ``orderings`` and ``measurements`` keep the inputs as given, and
    ``derivations`` says per criterion how its points were found.
    """

    title: str
    clusters: tuple[Cluster, ...]
    stakeholders: tuple[str, ...]
    alternatives: tuple[Alternative, ...]
    weights: Mapping[str, Mapping[str, Fraction]]
    points: Mapping[str, Mapping[str, Fraction]]
    weight_scale: tuple[Fraction, Fraction] = DEFAULT_SCALE
    points_scale: tuple[Fraction, Fraction] = DEFAULT_SCALE
    description: str = ""
    direct_points: Mapping[str, Mapping[str, Fraction]] = field(default_factory=dict)
    orderings: Mapping[str, Ordering] = field(default_factory=dict)
    measurements: Mapping[str, Measurement] = field(default_factory=dict)
    scale_given: bool = False
    nature: str = "measured"

    @property
    def criteria(self) -> tuple[Criterion, ...]:
        """All criteria in the study's order (clusters in order, criteria in order)."""
        return tuple(criterion for cluster in self.clusters for criterion in cluster.criteria)

    @property
    def criterion_keys(self) -> tuple[str, ...]:
        return tuple(criterion.key for criterion in self.criteria)

    @property
    def alternative_keys(self) -> tuple[str, ...]:
        return tuple(alternative.key for alternative in self.alternatives)

    def derivation(self, criterion_key: str) -> dict[str, Any]:
        """How the points of one criterion were found, as JSON-able data with Dutch text."""
        points = {key: float(self.points[key][criterion_key]) for key in self.alternative_keys}
        if criterion_key in self.orderings:
            ordering = self.orderings[criterion_key]
            result: dict[str, Any] = {
                "method": "ordering",
                "order": [list(group) for group in ordering.groups],
                "tie_rule": ordering.tie_rule,
                "tie_rule_label": derive.tie_rule_label(ordering.tie_rule),
                "points": points,
                "explanation": _(
                    "Punten uit de volgorde van de werkgroep (beste eerst), regel: %(rule)s."
                )
                % {"rule": derive.tie_rule_label(ordering.tie_rule)},
            }
            if ordering.level is not None:
                result["level"] = float(ordering.level)
            if ordering.note:
                result["note"] = ordering.note
            return result
        if criterion_key in self.measurements:
            measurement = self.measurements[criterion_key]
            _points, used = derive.linear_value_points(
                measurement.values,
                measurement.direction,
                self.points_scale,
                measurement.value_range,
            )
            low_points, high_points = self.points_scale
            if measurement.direction == "benefit":
                explanation = _(
                    "Meer is beter. %(low)s krijgt %(pmin)s punt, %(high)s krijgt %(pmax)s punten; "
                    "daartussen in rechte lijn."
                )
            else:
                explanation = _(
                    "Minder is beter. %(low)s krijgt %(pmax)s punten, %(high)s krijgt %(pmin)s "
                    "punt; daartussen in rechte lijn."
                )
            unit = f" {measurement.unit}" if measurement.unit else ""
            result = {
                "method": "measurement",
                "values": {key: _number(value) for key, value in measurement.values.items()},
                "direction": measurement.direction,
                "unit": measurement.unit,
                "range": [_number(used[0]), _number(used[1])],
                "range_source": "given" if measurement.value_range is not None else "values",
                "points": points,
                "explanation": explanation
                % {
                    "low": f"{_number(used[0])}{unit}",
                    "high": f"{_number(used[1])}{unit}",
                    "pmin": _number(low_points),
                    "pmax": _number(high_points),
                },
            }
            if measurement.note:
                result["note"] = measurement.note
            return result
        return {
            "method": "direct",
            "points": points,
            "explanation": _("Punten rechtstreeks gegeven door de werkgroep."),
        }

    def to_dict(self) -> dict[str, Any]:
        """Export in the JSON form :func:`load_study` reads (a lossless round trip)."""
        data: dict[str, Any] = {"title": self.title}
        if self.description:
            data["description"] = self.description
        if self.nature != "measured":
            data["nature"] = self.nature
        data["clusters"] = [
            _drop_empty(
                {
                    "key": cluster.key,
                    "name": cluster.name,
                    "description": cluster.description,
                    "criteria": [
                        _drop_empty({"key": c.key, "name": c.name, "description": c.description})
                        for c in cluster.criteria
                    ],
                }
            )
            for cluster in self.clusters
        ]
        data["stakeholders"] = list(self.stakeholders)
        data["alternatives"] = [
            _drop_empty({"key": a.key, "name": a.name, "description": a.description})
            for a in self.alternatives
        ]
        data["weights"] = {
            name: {key: _number(value) for key, value in row.items()}
            for name, row in self.weights.items()
        }
        if any(self.direct_points.values()) or not (self.orderings or self.measurements):
            data["points"] = {
                alt: {key: _number(value) for key, value in row.items()}
                for alt, row in self.direct_points.items()
            }
        if self.scale_given:
            data["scale"] = {
                "weights": [_number(v) for v in self.weight_scale],
                "points": [_number(v) for v in self.points_scale],
            }
        if self.orderings:
            data["orderings"] = {}
            for key, ordering in self.orderings.items():
                spec: dict[str, Any] = {
                    "order": [
                        group[0] if len(group) == 1 else list(group) for group in ordering.groups
                    ],
                    "tie_rule": ordering.tie_rule,
                }
                if ordering.level is not None:
                    spec["level"] = _number(ordering.level)
                if ordering.note:
                    spec["note"] = ordering.note
                data["orderings"][key] = spec
        if self.measurements:
            data["measurements"] = {}
            for key, measurement in self.measurements.items():
                spec = {
                    "values": {alt: _number(v) for alt, v in measurement.values.items()},
                    "direction": measurement.direction,
                }
                if measurement.unit:
                    spec["unit"] = measurement.unit
                if measurement.value_range is not None:
                    spec["range"] = [_number(v) for v in measurement.value_range]
                if measurement.note:
                    spec["note"] = measurement.note
                data["measurements"][key] = spec
        return data


def _number(value: Fraction) -> int | float:
    """A fraction as a JSON number: an int when whole, else the nearest float."""
    if value.denominator == 1:
        return int(value)
    return float(value)


def _drop_empty(data: dict[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in data.items() if value != ""}


class _PairsDict(dict):
    """A JSON object that remembers keys that occurred more than once in the source text."""

    duplicates: list[str]


def _pairs_hook(pairs: list[tuple[str, Any]]) -> _PairsDict:
    result = _PairsDict()
    result.duplicates = []
    for key, value in pairs:
        if key in result:
            result.duplicates.append(key)
        result[key] = value
    return result


def _reject_constant(name: str) -> None:
    raise ValueError(name)


def _join(place: str, key: str | int) -> str:
    if isinstance(key, int):
        return f"{place}[{key}]"
    return f"{place}.{key}" if place != ROOT else key


class _Reader:
    """Collects validation issues while reading the raw JSON structure."""

    def __init__(self) -> None:
        self.errors: list[ValidationIssue] = []

    def error(self, place: str, message: str) -> None:
        self.errors.append(ValidationIssue(place, message))

    # -- primitive readers; each returns None after recording an error ----------------------
    def mapping(self, value: Any, place: str) -> Mapping[str, Any] | None:
        if not isinstance(value, Mapping):
            self.error(place, _("Verwacht een object met sleutels en waarden."))
            return None
        for key in getattr(value, "duplicates", ()):
            self.error(_join(place, key), _("Dubbele sleutel %(key)s.") % {"key": key})
        for key in value:
            if not isinstance(key, str):
                self.error(place, _("Sleutel %(key)r is geen tekst.") % {"key": key})
                return None
        return value

    def sequence(self, value: Any, place: str, minimum: int = 0) -> list[Any] | None:
        if not isinstance(value, list | tuple):
            self.error(place, _("Verwacht een lijst."))
            return None
        if len(value) < minimum:
            self.error(place, _("Verwacht minstens %(count)s elementen.") % {"count": minimum})
            return None
        return list(value)

    def text(self, value: Any, place: str, required: bool = True) -> str | None:
        if not isinstance(value, str):
            self.error(place, _("Verwacht een tekst."))
            return None
        if required and not value.strip():
            self.error(place, _("Deze tekst mag niet leeg zijn."))
            return None
        return value

    def number(self, value: Any, place: str) -> Fraction | None:
        if isinstance(value, bool) or not isinstance(value, int | float):
            self.error(place, _("Verwacht een getal."))
            return None
        if isinstance(value, float) and not math.isfinite(value):
            self.error(place, _("Verwacht een eindig getal."))
            return None
        return Fraction(value)

    def in_scale(self, value: Any, place: str, scale: tuple[Fraction, Fraction]) -> Fraction | None:
        number = self.number(value, place)
        if number is None:
            return None
        if not scale[0] <= number <= scale[1]:
            self.error(
                place,
                _("Waarde %(value)s ligt buiten de schaal %(min)s tot en met %(max)s.")
                % {"value": value, "min": _number(scale[0]), "max": _number(scale[1])},
            )
            return None
        return number

    def allowed_keys(self, data: Mapping[str, Any], place: str, allowed: tuple[str, ...]) -> None:
        for key in data:
            if key not in allowed:
                self.error(
                    _join(place, key),
                    _("Onbekend veld %(key)s. Toegestaan: %(allowed)s.")
                    % {"key": key, "allowed": ", ".join(allowed)},
                )

    def pair(self, value: Any, place: str) -> tuple[Fraction, Fraction] | None:
        items = self.sequence(value, place)
        if items is None:
            return None
        if len(items) != 2:
            self.error(place, _("Verwacht twee getallen: [minimum, maximum]."))
            return None
        low = self.number(items[0], _join(place, 0))
        high = self.number(items[1], _join(place, 1))
        if low is None or high is None:
            return None
        if not low < high:
            self.error(place, _("Het minimum moet kleiner zijn dan het maximum."))
            return None
        return low, high


def load_study(data: Mapping[str, Any] | str | bytes) -> Study:
    """Validate a study given as parsed JSON (a mapping) or as JSON text, and return it.

    Raises :class:`StudyError` listing every problem (place and Dutch message) if anything is
    wrong; then no :class:`Study` exists, so nothing can be stored. JSON text is read strictly:
    a key that occurs twice in one object, ``NaN`` and ``Infinity`` are refused.
    """
    if isinstance(data, str | bytes | bytearray):
        try:
            data = json.loads(data, object_pairs_hook=_pairs_hook, parse_constant=_reject_constant)
        except ValueError as exc:
            raise StudyError(
                [ValidationIssue(ROOT, _("Geen geldige JSON: %(error)s") % {"error": exc})]
            ) from None
    reader = _Reader()
    root = reader.mapping(data, ROOT)
    if root is None:
        raise StudyError(reader.errors)
    reader.allowed_keys(root, ROOT, TOP_LEVEL_KEYS)
    for key in ("title", "clusters", "stakeholders", "alternatives", "weights"):
        if key not in root:
            reader.error(key, _("Verplicht veld ontbreekt."))

    title = reader.text(root["title"], "title") if "title" in root else None
    description = ""
    if "description" in root:
        description = reader.text(root["description"], "description", required=False) or ""

    nature = "measured"
    if "nature" in root:
        if root["nature"] in NATURES:
            nature = root["nature"]
        else:
            reader.error(
                "nature",
                _("Onbekende soort studie. Kies uit: %(choices)s.")
                % {"choices": ", ".join(NATURES)},
            )

    weight_scale, points_scale = DEFAULT_SCALE, DEFAULT_SCALE
    scale_ok = True
    if "scale" in root:
        scale = reader.mapping(root["scale"], "scale")
        if scale is None:
            scale_ok = False
        else:
            reader.allowed_keys(scale, "scale", ("weights", "points"))
            if "weights" in scale:
                pair = reader.pair(scale["weights"], "scale.weights")
                if pair is None:
                    scale_ok = False
                elif pair[0] < 0:
                    reader.error("scale.weights", _("Een gewicht kan niet negatief zijn."))
                    scale_ok = False
                else:
                    weight_scale = pair
            if "points" in scale:
                pair = reader.pair(scale["points"], "scale.points")
                if pair is None:
                    scale_ok = False
                else:
                    points_scale = pair

    clusters = _read_clusters(reader, root.get("clusters")) if "clusters" in root else None
    criteria_keys: list[str] = []
    if clusters:
        criteria_keys = [c.key for cluster in clusters for c in cluster.criteria]
    stakeholders = (
        _read_stakeholders(reader, root["stakeholders"]) if "stakeholders" in root else None
    )
    alternatives = (
        _read_alternatives(reader, root["alternatives"]) if "alternatives" in root else None
    )
    alternative_keys = [a.key for a in alternatives] if alternatives else []

    weights: dict[str, dict[str, Fraction]] = {}
    if "weights" in root and stakeholders is not None and clusters is not None and scale_ok:
        weights = _read_weights(reader, root["weights"], stakeholders, criteria_keys, weight_scale)

    direct: dict[str, dict[str, Fraction]] = {key: {} for key in alternative_keys}
    orderings: dict[str, Ordering] = {}
    measurements: dict[str, Measurement] = {}
    can_check_points = clusters is not None and alternatives is not None and scale_ok
    if can_check_points:
        if "points" in root:
            direct = _read_points(
                reader, root["points"], alternative_keys, criteria_keys, points_scale
            )
        if "orderings" in root:
            orderings = _read_orderings(
                reader, root["orderings"], alternative_keys, criteria_keys, points_scale
            )
        if "measurements" in root:
            measurements = _read_measurements(
                reader, root["measurements"], alternative_keys, criteria_keys
            )
        _check_sources(reader, criteria_keys, alternative_keys, direct, orderings, measurements)

    if reader.errors:
        raise StudyError(reader.errors)
    assert title is not None and clusters and stakeholders and alternatives  # for type checkers

    points: dict[str, dict[str, Fraction]] = {key: {} for key in alternative_keys}
    for criterion in criteria_keys:
        if criterion in orderings:
            ordering = orderings[criterion]
            derived = derive.ordering_points(
                ordering.groups, points_scale, ordering.tie_rule, ordering.level
            )
        elif criterion in measurements:
            measurement = measurements[criterion]
            derived, _used = derive.linear_value_points(
                measurement.values, measurement.direction, points_scale, measurement.value_range
            )
        else:
            derived = {alt: direct[alt][criterion] for alt in alternative_keys}
        for alt in alternative_keys:
            points[alt][criterion] = derived[alt]

    return Study(
        title=title,
        description=description,
        clusters=tuple(clusters),
        stakeholders=tuple(stakeholders),
        alternatives=tuple(alternatives),
        weights=weights,
        points=points,
        weight_scale=weight_scale,
        points_scale=points_scale,
        direct_points={alt: row for alt, row in direct.items() if row},
        orderings=orderings,
        measurements=measurements,
        scale_given="scale" in root,
        nature=nature,
    )


def _read_clusters(reader: _Reader, value: Any) -> list[Cluster] | None:
    items = reader.sequence(value, "clusters", minimum=1)
    if items is None:
        return None
    clusters: list[Cluster] = []
    cluster_places: dict[str, str] = {}
    criterion_places: dict[str, str] = {}
    ok = True
    for index, item in enumerate(items):
        place = _join("clusters", index)
        data = reader.mapping(item, place)
        if data is None:
            ok = False
            continue
        reader.allowed_keys(data, place, ("key", "name", "description", "criteria"))
        key = _required_text(reader, data, place, "key")
        name = _required_text(reader, data, place, "name")
        description = _optional_text(reader, data, place, "description")
        if key is not None:
            if key in cluster_places:
                reader.error(
                    _join(place, "key"),
                    _("Dubbele sleutel %(key)s: die staat al in %(other)s.")
                    % {"key": key, "other": cluster_places[key]},
                )
                ok = False
            else:
                cluster_places[key] = _join(place, "key")
        criteria: list[Criterion] = []
        if "criteria" not in data:
            reader.error(_join(place, "criteria"), _("Verplicht veld ontbreekt."))
            ok = False
        else:
            criteria_items = reader.sequence(data["criteria"], _join(place, "criteria"), 1)
            if criteria_items is None:
                ok = False
                criteria_items = []
            for c_index, c_item in enumerate(criteria_items):
                c_place = _join(_join(place, "criteria"), c_index)
                c_data = reader.mapping(c_item, c_place)
                if c_data is None:
                    ok = False
                    continue
                reader.allowed_keys(c_data, c_place, ("key", "name", "description"))
                c_key = _required_text(reader, c_data, c_place, "key")
                c_name = _required_text(reader, c_data, c_place, "name")
                c_description = _optional_text(reader, c_data, c_place, "description")
                if c_key is None or c_name is None:
                    ok = False
                    continue
                if c_key in criterion_places:
                    reader.error(
                        _join(c_place, "key"),
                        _("Dubbele sleutel %(key)s: die staat al in %(other)s.")
                        % {"key": c_key, "other": criterion_places[c_key]},
                    )
                    ok = False
                    continue
                criterion_places[c_key] = _join(c_place, "key")
                criteria.append(Criterion(c_key, c_name, key or "", c_description))
        if key is None or name is None:
            ok = False
            continue
        clusters.append(Cluster(key, name, tuple(criteria), description))
    return clusters if ok else None


def _read_stakeholders(reader: _Reader, value: Any) -> list[str] | None:
    items = reader.sequence(value, "stakeholders", minimum=1)
    if items is None:
        return None
    names: list[str] = []
    ok = True
    for index, item in enumerate(items):
        place = _join("stakeholders", index)
        name = reader.text(item, place)
        if name is None:
            ok = False
        elif name in names:
            reader.error(place, _("Dubbele belanghebbende %(name)s.") % {"name": name})
            ok = False
        else:
            names.append(name)
    return names if ok else None


def _read_alternatives(reader: _Reader, value: Any) -> list[Alternative] | None:
    items = reader.sequence(value, "alternatives", minimum=2)
    if items is None:
        return None
    alternatives: list[Alternative] = []
    places: dict[str, str] = {}
    ok = True
    for index, item in enumerate(items):
        place = _join("alternatives", index)
        data = reader.mapping(item, place)
        if data is None:
            ok = False
            continue
        reader.allowed_keys(data, place, ("key", "name", "description"))
        key = _required_text(reader, data, place, "key")
        name = _required_text(reader, data, place, "name")
        description = _optional_text(reader, data, place, "description")
        if key is None or name is None:
            ok = False
            continue
        if key in places:
            reader.error(
                _join(place, "key"),
                _("Dubbele sleutel %(key)s: die staat al in %(other)s.")
                % {"key": key, "other": places[key]},
            )
            ok = False
            continue
        places[key] = _join(place, "key")
        alternatives.append(Alternative(key, name, description))
    return alternatives if ok else None


def _read_weights(
    reader: _Reader,
    value: Any,
    stakeholders: list[str],
    criteria: list[str],
    scale: tuple[Fraction, Fraction],
) -> dict[str, dict[str, Fraction]]:
    data = reader.mapping(value, "weights")
    if data is None:
        return {}
    result: dict[str, dict[str, Fraction]] = {}
    for name in data:
        if name not in stakeholders:
            reader.error(
                _join("weights", name),
                _("Onbekende belanghebbende %(name)s in %(place)s.")
                % {"name": name, "place": "weights"},
            )
    for name in stakeholders:
        place = _join("weights", name)
        if name not in data:
            reader.error(place, _("Gewichten ontbreken voor %(name)s.") % {"name": name})
            continue
        row = _read_matrix_row(reader, data[name], place, criteria, scale, _("Gewicht ontbreekt."))
        if row is not None:
            if all(weight == 0 for weight in row.values()):
                reader.error(place, _("Alle gewichten van %(name)s zijn 0.") % {"name": name})
            result[name] = row
    return result


def _read_points(
    reader: _Reader,
    value: Any,
    alternatives: list[str],
    criteria: list[str],
    scale: tuple[Fraction, Fraction],
) -> dict[str, dict[str, Fraction]]:
    data = reader.mapping(value, "points")
    result: dict[str, dict[str, Fraction]] = {key: {} for key in alternatives}
    if data is None:
        return result
    for key in data:
        if key not in alternatives:
            reader.error(
                _join("points", key),
                _("Onbekende alternatiefsleutel %(key)s in %(place)s.")
                % {"key": key, "place": "points"},
            )
    for alt in alternatives:
        if alt in data:
            row = _read_matrix_row(reader, data[alt], _join("points", alt), criteria, scale, None)
            if row is None:
                # Reported already. Mark the cells that are there, so they are not also
                # reported as missing; a partial row never reaches a Study (errors exist).
                raw = data[alt] if isinstance(data[alt], Mapping) else {}
                row = {key: Fraction(0) for key in raw if key in criteria}
            result[alt] = row
    return result


def _read_matrix_row(
    reader: _Reader,
    value: Any,
    place: str,
    criteria: list[str],
    scale: tuple[Fraction, Fraction],
    missing_message: str | None,
) -> dict[str, Fraction] | None:
    """Read ``{criterion: number}``; report unknown keys, and missing ones if a message is given."""
    data = reader.mapping(value, place)
    if data is None:
        return None
    row: dict[str, Fraction] = {}
    ok = True
    for key, item in data.items():
        item_place = _join(place, key)
        if key not in criteria:
            reader.error(
                item_place,
                _("Onbekende criteriumsleutel %(key)s in %(place)s.")
                % {"key": key, "place": place},
            )
            ok = False
            continue
        number = reader.in_scale(item, item_place, scale)
        if number is None:
            ok = False
        else:
            row[key] = number
    if missing_message is not None:
        for key in criteria:
            if key not in data:
                reader.error(_join(place, key), missing_message)
                ok = False
    # Keep the study's order of criteria, whatever the order in the JSON.
    ordered = {key: row[key] for key in criteria if key in row}
    return ordered if ok else None


def _read_orderings(
    reader: _Reader,
    value: Any,
    alternatives: list[str],
    criteria: list[str],
    scale: tuple[Fraction, Fraction],
) -> dict[str, Ordering]:
    data = reader.mapping(value, "orderings")
    if data is None:
        return {}
    result: dict[str, Ordering] = {}
    for criterion, spec_value in data.items():
        place = _join("orderings", criterion)
        if criterion not in criteria:
            reader.error(
                place,
                _("Onbekende criteriumsleutel %(key)s in %(place)s.")
                % {"key": criterion, "place": "orderings"},
            )
            continue
        spec = reader.mapping(spec_value, place)
        if spec is None:
            continue
        reader.allowed_keys(spec, place, ("order", "tie_rule", "level", "note"))
        rule = derive.DEFAULT_TIE_RULE
        if "tie_rule" in spec:
            rule_value = reader.text(spec["tie_rule"], _join(place, "tie_rule"))
            if rule_value is not None and rule_value not in derive.TIE_RULES:
                reader.error(
                    _join(place, "tie_rule"),
                    _("Onbekende regel %(rule)s. Kies uit: %(rules)s.")
                    % {"rule": rule_value, "rules": ", ".join(derive.TIE_RULES)},
                )
                continue
            if rule_value is None:
                continue
            rule = rule_value
        note = _optional_text(reader, spec, place, "note")
        if "order" not in spec:
            reader.error(_join(place, "order"), _("Verplicht veld ontbreekt."))
            continue
        groups = _read_groups(reader, spec["order"], _join(place, "order"), alternatives)
        if groups is None:
            continue
        level = None
        if "level" in spec:
            level_place = _join(place, "level")
            if rule != "anchored" or len(groups) != 1:
                reader.error(
                    level_place,
                    _(
                        "Een vast niveau (level) mag alleen bij de regel anchored, als alle "
                        "alternatieven gelijk zijn."
                    ),
                )
                continue
            level = reader.in_scale(spec["level"], level_place, scale)
            if level is None:
                continue
        result[criterion] = Ordering(groups, rule, level, note)
    return result


def _read_groups(
    reader: _Reader, value: Any, place: str, alternatives: list[str]
) -> tuple[tuple[str, ...], ...] | None:
    items = reader.sequence(value, place, minimum=1)
    if items is None:
        return None
    groups: list[tuple[str, ...]] = []
    seen: dict[str, str] = {}
    ok = True
    for index, item in enumerate(items):
        item_place = _join(place, index)
        members = [item] if isinstance(item, str) else reader.sequence(item, item_place, 1)
        if members is None:
            ok = False
            continue
        group: list[str] = []
        for m_index, member in enumerate(members):
            member_place = item_place if isinstance(item, str) else _join(item_place, m_index)
            key = reader.text(member, member_place)
            if key is None:
                ok = False
            elif key not in alternatives:
                reader.error(
                    member_place,
                    _("Onbekende alternatiefsleutel %(key)s in %(place)s.")
                    % {"key": key, "place": place},
                )
                ok = False
            elif key in seen:
                reader.error(
                    member_place,
                    _("Alternatief %(key)s staat al in %(other)s.")
                    % {"key": key, "other": seen[key]},
                )
                ok = False
            else:
                seen[key] = member_place
                group.append(key)
        groups.append(tuple(group))
    if ok:
        for key in alternatives:
            if key not in seen:
                reader.error(
                    place,
                    _("Alternatief %(key)s ontbreekt in de volgorde.") % {"key": key},
                )
                ok = False
    return tuple(groups) if ok else None


def _read_measurements(
    reader: _Reader, value: Any, alternatives: list[str], criteria: list[str]
) -> dict[str, Measurement]:
    data = reader.mapping(value, "measurements")
    if data is None:
        return {}
    result: dict[str, Measurement] = {}
    for criterion, spec_value in data.items():
        place = _join("measurements", criterion)
        if criterion not in criteria:
            reader.error(
                place,
                _("Onbekende criteriumsleutel %(key)s in %(place)s.")
                % {"key": criterion, "place": "measurements"},
            )
            continue
        spec = reader.mapping(spec_value, place)
        if spec is None:
            continue
        reader.allowed_keys(spec, place, ("values", "direction", "unit", "range", "note"))
        ok = True
        direction = None
        if "direction" not in spec:
            reader.error(_join(place, "direction"), _("Verplicht veld ontbreekt."))
            ok = False
        else:
            direction = reader.text(spec["direction"], _join(place, "direction"))
            if direction is not None and direction not in derive.DIRECTIONS:
                reader.error(
                    _join(place, "direction"),
                    _(
                        "Onbekende richting %(value)s. Kies benefit (meer is beter) of cost "
                        "(minder is beter)."
                    )
                    % {"value": direction},
                )
                ok = False
            elif direction is None:
                ok = False
        unit = _optional_text(reader, spec, place, "unit")
        note = _optional_text(reader, spec, place, "note")
        value_range = None
        if "range" in spec:
            value_range = reader.pair(spec["range"], _join(place, "range"))
            if value_range is None:
                ok = False
        values: dict[str, Fraction] = {}
        if "values" not in spec:
            reader.error(_join(place, "values"), _("Verplicht veld ontbreekt."))
            ok = False
        else:
            values_place = _join(place, "values")
            raw = reader.mapping(spec["values"], values_place)
            if raw is None:
                ok = False
            else:
                for key, item in raw.items():
                    if key not in alternatives:
                        reader.error(
                            _join(values_place, key),
                            _("Onbekende alternatiefsleutel %(key)s in %(place)s.")
                            % {"key": key, "place": values_place},
                        )
                        ok = False
                        continue
                    number = reader.number(item, _join(values_place, key))
                    if number is None:
                        ok = False
                        continue
                    if value_range is not None and not (value_range[0] <= number <= value_range[1]):
                        reader.error(
                            _join(values_place, key),
                            _("Waarde %(value)s ligt buiten het bereik %(min)s tot en met %(max)s.")
                            % {
                                "value": item,
                                "min": _number(value_range[0]),
                                "max": _number(value_range[1]),
                            },
                        )
                        ok = False
                        continue
                    values[key] = number
                for key in alternatives:
                    if key not in raw:
                        reader.error(_join(values_place, key), _("Meetwaarde ontbreekt."))
                        ok = False
        if ok and direction is not None:
            ordered = {key: values[key] for key in alternatives}
            result[criterion] = Measurement(ordered, direction, unit, value_range, note)
    return result


def _check_sources(
    reader: _Reader,
    criteria: list[str],
    alternatives: list[str],
    direct: dict[str, dict[str, Fraction]],
    orderings: dict[str, Ordering],
    measurements: dict[str, Measurement],
) -> None:
    """Every point comes from exactly one source; report gaps and double sources."""
    for criterion in criteria:
        given = [alt for alt in alternatives if criterion in direct.get(alt, {})]
        if criterion in orderings and criterion in measurements:
            reader.error(
                _join("measurements", criterion),
                _("De punten voor %(key)s staan al in %(other)s. Geef ze op één manier op.")
                % {"key": criterion, "other": _join("orderings", criterion)},
            )
        elif criterion in orderings or criterion in measurements:
            source = "orderings" if criterion in orderings else "measurements"
            for alt in given:
                reader.error(
                    _join(_join("points", alt), criterion),
                    _("De punten voor %(key)s staan al in %(other)s. Geef ze op één manier op.")
                    % {"key": criterion, "other": _join(source, criterion)},
                )
        else:
            for alt in alternatives:
                if alt not in given:
                    reader.error(_join(_join("points", alt), criterion), _("Punt ontbreekt."))


def _required_text(reader: _Reader, data: Mapping[str, Any], place: str, key: str) -> str | None:
    if key not in data:
        reader.error(_join(place, key), _("Verplicht veld ontbreekt."))
        return None
    return reader.text(data[key], _join(place, key))


def _optional_text(reader: _Reader, data: Mapping[str, Any], place: str, key: str) -> str:
    if key not in data:
        return ""
    return reader.text(data[key], _join(place, key), required=False) or ""
