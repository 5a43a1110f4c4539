"""The group behind the weights: each stakeholder's own result, disagreement, aggregation rules.

Method: the study aggregated the municipalities' ratings with the
arithmetic mean. By linearity the mean-weight totals equal the mean of the municipalities' own
totals, yet the municipalities' own rankings can differ, so each one's result is shown
("aggregating individual priorities", Forman & Peniwati 1998). Disagreement per criterion is
shown as range, standard deviation and the Tastle & Wierman (2007) consensus (1 = unanimous,
0 = split between the two extremes). Two other aggregation rules show whether the winner
depends on the rule: the median (robust against one outlier, coarse on a 1–3 scale) and the
geometric mean (the rule for ratio judgments; it pulls down criteria with disagreement).
"""

from __future__ import annotations

import math
import statistics
from collections.abc import Sequence
from fractions import Fraction
from typing import Any

from django.utils.translation import gettext as _

from .engine import Model, mean_weights, ranking, weighted_scores, winners

DISCUSS_COUNT = 5
AGGREGATION_RULES = ("mean", "median", "geometric_mean")


def join_names(names: Sequence[str]) -> str:
    """'A', 'A en B', 'A, B en C' (Dutch enumeration)."""
    names = list(names)
    if len(names) <= 1:
        return "".join(names)
    return _("%(first)s en %(last)s") % {"first": ", ".join(names[:-1]), "last": names[-1]}


def stakeholder_results(model: Model) -> dict[str, dict[str, Any]]:
    """Each stakeholder's own scores and ranking, with its own weights only."""
    result = {}
    for name, ratings in zip(model.stakeholders, model.ratings, strict=True):
        scores = weighted_scores(model.points, ratings)
        result[name] = {
            "ranking": [model.alternatives[i] for i in ranking(scores)],
            "scores": {
                alt: float(score) for alt, score in zip(model.alternatives, scores, strict=True)
            },
        }
    return result


def tastle_wierman(values: Sequence[Fraction], width: Fraction) -> float:
    """Consensus of ordinal ratings: 1 + Σ_k p_k · log2(1 − |X_k − μ| / d) (Tastle & Wierman)."""
    count = len(values)
    mean = sum(values, Fraction(0)) / count
    total = 0.0
    for value in set(values):
        share = values.count(value) / count
        total += share * math.log2(1 - float(abs(value - mean) / width))
    return 1 + total


def weight_spread(model: Model) -> list[dict[str, Any]]:
    """Per criterion: mean, median, min, max, range, population std and consensus of ratings,
    and how the top two differ in points on it (``top_two_difference``: first minus second)."""
    order = ranking(model.scores)
    leader, runner_up = order[0], order[1]
    width = model.study.weight_scale[1] - model.study.weight_scale[0]
    result = []
    for j, criterion in enumerate(model.study.criteria):
        values = [row[j] for row in model.ratings]
        mean = sum(values, Fraction(0)) / len(values)
        variance = sum(((v - mean) ** 2 for v in values), Fraction(0)) / len(values)
        result.append(
            {
                "criterion": criterion.key,
                "name": criterion.name,
                "cluster": criterion.cluster,
                "ratings": {
                    name: float(v) for name, v in zip(model.stakeholders, values, strict=True)
                },
                "mean": float(mean),
                "median": float(statistics.median(values)),
                "min": float(min(values)),
                "max": float(max(values)),
                "range": float(max(values) - min(values)),
                "std": math.sqrt(variance),
                "consensus": tastle_wierman(values, width),
                "top_two_difference": float(model.points[leader][j] - model.points[runner_up][j]),
            }
        )
    return result


def discuss_first(spread: list[dict[str, Any]], count: int = DISCUSS_COUNT) -> list[str]:
    """Criteria to discuss first: most disagreement (std), then most decisive for the top two.

    Criteria on which all stakeholders agree are never listed.
    """
    ranked = sorted(
        (entry for entry in spread if entry["std"] > 0),
        key=lambda e: (-round(e["std"], 12), -abs(e["top_two_difference"])),
    )
    return [entry["criterion"] for entry in ranked[:count]]


def aggregate(model: Model, rule: str) -> list[float] | tuple[Fraction, ...]:
    """Criterion weights under an aggregation rule (exact for mean and median)."""
    if rule == "mean":
        return mean_weights(model.ratings)
    if rule == "median":
        return tuple(Fraction(statistics.median(column)) for column in zip(*model.ratings))
    if rule == "geometric_mean":
        count = len(model.ratings)
        return [
            math.prod(float(v) for v in column) ** (1 / count) for column in zip(*model.ratings)
        ]
    raise ValueError(f"unknown aggregation rule {rule!r}")


def aggregation_label(rule: str) -> str:
    labels = {
        "mean": _("gemiddelde (zoals in de studie)"),
        "median": _("mediaan"),
        "geometric_mean": _("meetkundig gemiddelde"),
    }
    return labels[rule]


def aggregations(model: Model) -> dict[str, dict[str, Any]]:
    """Scores, ranking and winner under each aggregation rule; ``winner_changed`` compares the
    winner(s) with those of the mean (the study's rule)."""
    base = [model.alternatives[i] for i in winners(model.scores)]
    result = {}
    for rule in AGGREGATION_RULES:
        weights = aggregate(model, rule)
        if rule == "geometric_mean":
            points = model.points_array()
            scores: Sequence[Any] = [float(v) for v in points @ weights]
            tolerance = 1e-9 * max(1.0, max(abs(s) for s in scores))
        else:
            scores = weighted_scores(model.points, weights)
            tolerance = 0.0
        top = [model.alternatives[i] for i in winners(scores, tolerance)]
        result[rule] = {
            "label": aggregation_label(rule),
            "weights": {key: float(w) for key, w in zip(model.criteria, weights, strict=True)},
            "scores": {
                alt: float(score) for alt, score in zip(model.alternatives, scores, strict=True)
            },
            "ranking": [model.alternatives[i] for i in ranking(scores, tolerance)],
            "winners": top,
            "winner_changed": top != base,
        }
    return result


def leave_one_out(model: Model) -> dict[str, dict[str, Any]]:
    """The mean-weight ranking without each stakeholder in turn, and whether the winner moves."""
    base = winners(model.scores)
    result = {}
    if len(model.stakeholders) < 2:
        return result
    for m, name in enumerate(model.stakeholders):
        rest = [row for k, row in enumerate(model.ratings) if k != m]
        scores = weighted_scores(model.points, mean_weights(rest))
        result[name] = {
            "ranking": [model.alternatives[i] for i in ranking(scores)],
            "winner_changed": winners(scores) != base,
        }
    return result


def group_analysis(model: Model, own: dict[str, dict[str, Any]]) -> dict[str, Any]:
    """Favourites per alternative, Dutch statements, spread, aggregation rules, leave-one-out.

    ``own`` is the output of :func:`stakeholder_results`.
    """
    names = {alt.key: alt.name for alt in model.study.alternatives}
    favourites: dict[str, list[str]] = {alt: [] for alt in model.alternatives}
    statements = []
    for name, data in own.items():
        scores = data["scores"]
        best = max(scores.values())
        top = [alt for alt in data["ranking"] if scores[alt] == best]
        for alt in top:
            favourites[alt].append(name)
        if len(top) == 1:
            statements.append(
                _("Met de gewichten van %(name)s wint %(winner)s.")
                % {"name": name, "winner": names[top[0]]}
            )
        else:
            statements.append(
                _("Met de gewichten van %(name)s staan %(winners)s gelijk bovenaan.")
                % {"name": name, "winners": join_names([names[alt] for alt in top])}
            )
    spread = weight_spread(model)
    rules = aggregations(model)
    return {
        "favourites": favourites,
        "favourite_counts": {alt: len(members) for alt, members in favourites.items()},
        "statements": statements,
        "weight_spread": spread,
        "discuss_first": discuss_first(spread),
        "aggregations": rules,
        "winner_depends_on_aggregation": any(r["winner_changed"] for r in rules.values()),
        "leave_one_out": leave_one_out(model),
    }
