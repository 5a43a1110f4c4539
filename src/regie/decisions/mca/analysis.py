"""``evaluate``: the whole analysis of a study as one JSON-able dictionary."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from . import derive
from .engine import build_model, ranking, score_table, weighted_scores
from .group import group_analysis, stakeholder_results
from .robustness import (
    reallocation_to_win,
    smaa,
    smallest_point_change,
    top_two_reversal,
    weight_intervals,
)
from .study import Study, load_study
from .verdict import build_verdict


def tie_rule_sensitivity(study: Study) -> dict[str, Any] | None:
    """Scores and ranking when every ordering is scored with each tie rule in turn.

    Only for studies that derive points from orderings; None
    otherwise. ``winner_depends_on_rule`` is true when the rules disagree on the winner(s).
    """
    if not study.orderings:
        return None
    model = build_model(study)
    rules: dict[str, Any] = {}
    winner_sets = set()
    for rule in derive.TIE_RULES:
        points = {alt: dict(row) for alt, row in study.points.items()}
        for criterion, ordering in study.orderings.items():
            level = ordering.level if rule == "anchored" else None
            derived = derive.ordering_points(ordering.groups, study.points_scale, rule, level)
            for alt, value in derived.items():
                points[alt][criterion] = value
        matrix = [[points[alt][key] for key in model.criteria] for alt in model.alternatives]
        scores = weighted_scores(matrix, model.weights)
        best = max(scores)
        top = tuple(alt for alt, s in zip(model.alternatives, scores, strict=True) if s == best)
        winner_sets.add(top)
        rules[rule] = {
            "label": derive.tie_rule_label(rule),
            "scores": {alt: float(s) for alt, s in zip(model.alternatives, scores, strict=True)},
            "ranking": [model.alternatives[i] for i in ranking(scores)],
            "winners": list(top),
        }
    return {"rules": rules, "winner_depends_on_rule": len(winner_sets) > 1}


def alternative_set_sensitivity(study: Study) -> dict[str, Any] | None:
    """Does the order of the others change when one alternative is left out?

    Rank-based points (orderings) and measured values on a local range are re-derived
    without the alternative; points given directly and measured values on a given range stay
    as they are. Only for studies with at least
    three alternatives and at least one such set-dependent criterion; None otherwise.
    """
    local = [key for key, m in study.measurements.items() if m.value_range is None]
    if len(study.alternatives) < 3 or not (study.orderings or local):
        return None
    model = build_model(study)
    full_order = [model.alternatives[i] for i in ranking(model.scores)]
    result: dict[str, Any] = {}
    for removed in model.alternatives:
        rest = [alt for alt in model.alternatives if alt != removed]
        points = {alt: dict(study.points[alt]) for alt in rest}
        for criterion, ordering in study.orderings.items():
            groups = [tuple(a for a in group if a != removed) for group in ordering.groups]
            groups = [group for group in groups if group]
            level = ordering.level if len(groups) == 1 else None
            derived = derive.ordering_points(groups, study.points_scale, ordering.tie_rule, level)
            for alt in rest:
                points[alt][criterion] = derived[alt]
        for criterion in local:
            measurement = study.measurements[criterion]
            values = {alt: measurement.values[alt] for alt in rest}
            derived, _used = derive.linear_value_points(
                values, measurement.direction, study.points_scale
            )
            for alt in rest:
                points[alt][criterion] = derived[alt]
        matrix = [[points[alt][key] for key in model.criteria] for alt in rest]
        scores = weighted_scores(matrix, model.weights)
        order = [rest[i] for i in ranking(scores)]
        before = [alt for alt in full_order if alt != removed]
        result[removed] = {
            "ranking": order,
            "scores": {alt: float(s) for alt, s in zip(rest, scores, strict=True)},
            "order_changed": order != before,
        }
    return {
        "without": result,
        "order_depends_on_set": any(entry["order_changed"] for entry in result.values()),
    }


def evaluate(
    study: Study | Mapping[str, Any] | str,
    draws: int = 100_000,
    seed: int = 0,
    *,
    weight_model: str = "stakeholders",
) -> dict[str, Any]:
    """Run the full analysis. ``study`` may be a :class:`Study`, a mapping or JSON text.

    The result (all numbers unrounded floats) has the keys the issue fixes::

        {"clusters": [{"key", "name", "mean_weight", "scores": {alt: score}}],
         "total": {"mean_weight", "scores"},
         "ranking": [alt keys, best first],
         "robustness": {"clear_winner": bool,
                        "smallest_point_change": {"alternative", "criterion", "from", "to",
                                                  "new_ranking"} or None,
                        "rank_acceptability": {alt: [share at rank 1, rank 2, …]}},
         "stakeholders": {name: {"ranking": [...], "scores": {...}}}}

    and these extra keys: ``title``, ``alternatives`` (key and name), ``stakeholder_count``,
    ``ranks``, ``criteria`` (weight, points, contributions), ``derivations`` (how each
    criterion's points were found), ``clusters[*].criteria_count`` and ``weight_sum``,
    ``total.mean_weight_all_criteria``, ``robustness.gap``, ``robustness.weight_intervals``,
    ``robustness.top_two_reversal``, ``robustness.reallocation_to_win``, ``robustness.smaa``
    (central weights, pairwise winning indices, standard error), ``robustness.
    rank_acceptability_simplex`` (SMAA without preference information), ``group`` (favourites,
    statements, weight spread, criteria to discuss first, aggregation rules, leave-one-out),
    ``tie_rules`` (only with orderings), ``alternative_set`` (only with set-dependent points:
    the ranking without each alternative) and ``verdict`` (Dutch text).
    """
    if not isinstance(study, Study):
        study = load_study(study)
    model = build_model(study)
    result = score_table(study, model)
    result["title"] = study.title
    result["derivations"] = {key: study.derivation(key) for key in model.criteria}

    scores = model.scores
    order = ranking(scores)
    change = smallest_point_change(model)
    simulation = smaa(model, draws=draws, seed=seed, weight_model=weight_model)
    other_model = "simplex" if weight_model == "stakeholders" else "stakeholders"
    other = smaa(model, draws=draws, seed=seed, weight_model=other_model)
    result["robustness"] = {
        "clear_winner": False,  # set from the verdict below
        "smallest_point_change": change,
        "rank_acceptability": simulation["rank_acceptability"],
        f"rank_acceptability_{other_model}": other["rank_acceptability"],
        "gap": float(scores[order[0]] - scores[order[1]]),
        "weight_intervals": weight_intervals(model),
        "top_two_reversal": top_two_reversal(model),
        "reallocation_to_win": reallocation_to_win(model),
        "smaa": {key: value for key, value in simulation.items() if key != "rank_acceptability"},
    }
    own = stakeholder_results(model)
    result["stakeholders"] = own
    result["group"] = group_analysis(model, own)
    tie_rules = tie_rule_sensitivity(study)
    if tie_rules is not None:
        result["tie_rules"] = tie_rules
    alternative_set = alternative_set_sensitivity(study)
    if alternative_set is not None:
        result["alternative_set"] = alternative_set
    names = {alt.key: alt.name for alt in study.alternatives}
    criterion_names = {c.key: c.name for c in study.criteria}
    result["nature"] = study.nature
    verdict = build_verdict(
        result,
        names,
        criterion_names,
        nature=study.nature,
        weight_floor=float(study.weight_scale[0]),
    )
    result["robustness"]["clear_winner"] = verdict["clear_winner"]
    result["verdict"] = verdict
    return result
