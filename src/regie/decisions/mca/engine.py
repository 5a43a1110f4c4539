"""The weighted sum exactly as the 2019 Westfriesland study computed it.

Method (haalbaarheidsonderzoek Westfriesland (2019), chapter 6, "Toelichting"):

* the weight of criterion j is the mean of the stakeholders' ratings, w_j = (1/M) Σ_m r_mj
  (the study: "de door de gemeenten toegekende gewichten te delen door 7");
* the score of alternative i is V_i = Σ_j a_ij · w_j, points times weight, with no
  normalisation of any kind (normalising the weights would not change a ranking, only the
  printed totals);
* per cluster: the mean weight of its criteria and each alternative's sum over its criteria;
* the overall mean weight is the mean of the cluster means, as the study prints it (2,45); the
  mean over all criteria (2,46 in the study) is reported next to it.

Everything here is exact (``fractions.Fraction``); floats appear only in the JSON output. Ties
are exact too, which matters: the study's S1 and S2 tie on business operations (116/7 each).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

import numpy as np

from .study import Study


@dataclass(frozen=True)
class Model:
    """A study as exact matrices, in the study's order of alternatives and criteria."""

    study: Study
    alternatives: tuple[str, ...]
    criteria: tuple[str, ...]
    stakeholders: tuple[str, ...]
    ratings: tuple[tuple[Fraction, ...], ...]  # stakeholder × criterion
    points: tuple[tuple[Fraction, ...], ...]  # alternative × criterion
    weights: tuple[Fraction, ...]  # criterion: mean of the ratings
    scores: tuple[Fraction, ...]  # alternative

    def ratings_array(self) -> np.ndarray:
        return np.array([[float(v) for v in row] for row in self.ratings], dtype=float)

    def points_array(self) -> np.ndarray:
        return np.array([[float(v) for v in row] for row in self.points], dtype=float)

    def name(self, alternative: str) -> str:
        return next(a.name for a in self.study.alternatives if a.key == alternative)

    def criterion_name(self, criterion: str) -> str:
        return next(c.name for c in self.study.criteria if c.key == criterion)


def build_model(study: Study) -> Model:
    """Exact matrices and the mean-weight scores of a study."""
    alternatives = study.alternative_keys
    criteria = study.criterion_keys
    ratings = tuple(
        tuple(study.weights[name][key] for key in criteria) for name in study.stakeholders
    )
    points = tuple(tuple(study.points[alt][key] for key in criteria) for alt in alternatives)
    weights = mean_weights(ratings)
    return Model(
        study=study,
        alternatives=alternatives,
        criteria=criteria,
        stakeholders=study.stakeholders,
        ratings=ratings,
        points=points,
        weights=weights,
        scores=weighted_scores(points, weights),
    )


def mean_weights(ratings: Sequence[Sequence[Fraction]]) -> tuple[Fraction, ...]:
    """Criterion weights as the arithmetic mean over the stakeholders (the study's rule)."""
    count = len(ratings)
    return tuple(sum(column, Fraction(0)) / count for column in zip(*ratings, strict=True))


def weighted_scores(
    points: Sequence[Sequence[Fraction]], weights: Sequence[Fraction]
) -> tuple[Fraction, ...]:
    """V_i = Σ_j a_ij · w_j for every alternative i."""
    return tuple(
        sum((a * w for a, w in zip(row, weights, strict=True)), Fraction(0)) for row in points
    )


def ranking(scores: Sequence[Any], tolerance: float = 0.0) -> list[int]:
    """Indices of the alternatives, best first; equal scores keep the study's order.

    Exact for fractions (``tolerance`` 0). For floats, scores within ``tolerance`` of the best
    of their group count as equal.
    """
    order = sorted(range(len(scores)), key=lambda i: (-scores[i], i))
    if not tolerance:
        return order
    result: list[int] = []
    group: list[int] = []
    for index in order:
        if group and scores[group[0]] - scores[index] > tolerance:
            result.extend(sorted(group))
            group = []
        group.append(index)
    result.extend(sorted(group))
    return result


def competition_ranks(scores: Sequence[Any], tolerance: float = 0.0) -> list[int]:
    """Rank per alternative (1 = best); equal scores share the best rank ("1224")."""
    return [1 + sum(1 for other in scores if other - score > tolerance) for score in scores]


def winners(scores: Sequence[Any], tolerance: float = 0.0) -> list[int]:
    """Indices of all alternatives with the highest score (more than one on a tie)."""
    best = max(scores)
    return [i for i, score in enumerate(scores) if best - score <= tolerance]


def score_table(study: Study, model: Model | None = None) -> dict[str, Any]:
    """The study's table and the criterion detail behind it, as JSON-able data.

    Keys: ``alternatives`` (key, name), ``clusters`` (key, name, criteria_count, mean_weight,
    weight_sum, scores), ``total`` (mean_weight as the study reports it: the mean of the cluster
    means; mean_weight_all_criteria; scores), ``ranking`` (keys, best first), ``ranks``
    (competition ranks) and ``criteria`` (weight, points and contribution per alternative).
    """
    model = model or build_model(study)
    index = {key: j for j, key in enumerate(model.criteria)}
    clusters = []
    cluster_means: list[Fraction] = []
    for cluster in study.clusters:
        columns = [index[c.key] for c in cluster.criteria]
        weight_sum = sum((model.weights[j] for j in columns), Fraction(0))
        mean = weight_sum / len(columns)
        cluster_means.append(mean)
        clusters.append(
            {
                "key": cluster.key,
                "name": cluster.name,
                "criteria_count": len(columns),
                "mean_weight": float(mean),
                "weight_sum": float(weight_sum),
                "scores": {
                    alt: float(
                        sum((model.points[i][j] * model.weights[j] for j in columns), Fraction(0))
                    )
                    for i, alt in enumerate(model.alternatives)
                },
            }
        )
    order = ranking(model.scores)
    ranks = competition_ranks(model.scores)
    criteria = []
    for criterion in study.criteria:
        j = index[criterion.key]
        criteria.append(
            {
                "key": criterion.key,
                "name": criterion.name,
                "cluster": criterion.cluster,
                "weight": float(model.weights[j]),
                "points": {
                    alt: float(model.points[i][j]) for i, alt in enumerate(model.alternatives)
                },
                "contributions": {
                    alt: float(model.points[i][j] * model.weights[j])
                    for i, alt in enumerate(model.alternatives)
                },
            }
        )
    return {
        "alternatives": [{"key": a.key, "name": a.name} for a in study.alternatives],
        "stakeholder_count": len(study.stakeholders),
        "scale": {
            "weights": [float(v) for v in study.weight_scale],
            "points": [float(v) for v in study.points_scale],
        },
        "clusters": clusters,
        "total": {
            "mean_weight": float(sum(cluster_means, Fraction(0)) / len(cluster_means)),
            "mean_weight_method": "mean_of_cluster_means",
            "mean_weight_all_criteria": float(sum(model.weights, Fraction(0)) / len(model.weights)),
            "scores": {alt: float(score) for alt, score in zip(model.alternatives, model.scores)},
        },
        "ranking": [model.alternatives[i] for i in order],
        "ranks": {alt: rank for alt, rank in zip(model.alternatives, ranks)},
        "criteria": criteria,
    }
