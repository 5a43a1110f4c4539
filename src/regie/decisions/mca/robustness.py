"""How stable is the result? Closed-form checks, a small linear program and SMAA-2.

All methods are for the weighted sum V_i = Σ_j a_ij · w_j and are these:

* :func:`smallest_point_change` — score-side criticality (Triantaphyllou & Sánchez 1997, second
  part): the smallest change of one working-group point that changes
  the winner. A tie for first place counts as a change.
* :func:`weight_intervals` — one-at-a-time weight thresholds and stability intervals
  (Triantaphyllou & Sánchez 1997, first part; Mareschal 1988): per criterion
  the interval of its weight, the others fixed, in which the ranking holds. For a weighted sum
  this equals keeping the other weights in proportion, unlike the equal spreading
  some libraries use.
* :func:`weight_reallocation` — the smallest total change of the normalised weight shares (L1,
  in percentage points) that reverses the top two, or that makes a chosen alternative win
  (Wolters & Mareschal 1995), solved with ``scipy.optimize.linprog``.
* :func:`smaa` — SMAA-2 rank acceptability indices (Lahdelma & Salminen 2001; computation after
  Tervonen & Lahdelma 2007), by default over convex mixtures of the stakeholders'
  own weight vectors (mixture shares drawn from Dirichlet(1, …, 1)), or uniformly over all
  weight vectors (``weight_model="simplex"``). Monte Carlo, vectorised with numpy and seeded.

The first three are exact (fractions) where the answer is a threshold, so a tie is never missed
through rounding.
"""

from __future__ import annotations

import math
from fractions import Fraction
from typing import Any

import numpy as np
from scipy.optimize import linprog

from .engine import Model, ranking, weighted_scores, winners

WEIGHT_MODELS = ("stakeholders", "simplex")


def point_grid(scale: tuple[Fraction, Fraction]) -> list[Fraction]:
    """The values a working group can give: whole steps from the minimum, and the maximum."""
    low, high = scale
    values = []
    value = low
    while value <= high:
        values.append(value)
        value += 1
    if values[-1] != high:
        values.append(high)
    return values


def smallest_point_change(model: Model) -> dict[str, Any] | None:
    """The smallest change of one point that changes the winner, or None if none does.

    Every point a_ij may move to another value of :func:`point_grid` (whole points on the
    study's points scale). A change *changes the winner* when the set of alternatives with the
    highest score differs afterwards; a new tie for first place counts. Among all such changes
    the smallest |to − from| is taken; equal ones are decided by the study's order of criteria,
    then of alternatives, then the lower new value.

    Extra keys next to ``alternative``, ``criterion``, ``from``, ``to`` and ``new_ranking``:
    ``change`` (to − from), ``threshold`` (the exact point value at which the winner starts to
    change on this cell; from the closed form Δ = gap / w_j), ``new_scores``, ``winners_before``,
    ``winners_after`` and ``one_point_changes`` (how many single changes of at most one point
    change the winner).
    """
    scores = model.scores
    before = winners(scores)
    grid = point_grid(model.study.points_scale)
    best: tuple[tuple[Fraction, int, int, Fraction], tuple[Fraction, ...]] | None = None
    one_point = 0
    for j, weight in enumerate(model.weights):
        if weight == 0:
            continue
        for i in range(len(model.alternatives)):
            current = model.points[i][j]
            for value in grid:
                if value == current:
                    continue
                delta = value - current
                new_scores = list(scores)
                new_scores[i] += weight * delta
                if winners(new_scores) == before:
                    continue
                if abs(delta) <= 1:
                    one_point += 1
                key = (abs(delta), j, i, value)
                if best is None or key < best[0]:
                    best = (key, tuple(new_scores))
    if best is None:
        return None
    (_size, j, i, value), new_scores = best
    current = model.points[i][j]
    weight = model.weights[j]
    if i in before and len(before) == 1:
        runner_up = max(score for k, score in enumerate(scores) if k != i)
        threshold = current - (scores[i] - runner_up) / weight
    elif i in before:
        threshold = current  # already tied for first: any change decides the tie
    else:
        threshold = current + (max(scores) - scores[i]) / weight
    return {
        "alternative": model.alternatives[i],
        "criterion": model.criteria[j],
        "from": float(current),
        "to": float(value),
        "new_ranking": [model.alternatives[k] for k in ranking(new_scores)],
        "change": float(value - current),
        "threshold": float(threshold),
        "new_scores": {
            alt: float(s) for alt, s in zip(model.alternatives, new_scores, strict=True)
        },
        "winners_before": [model.alternatives[k] for k in before],
        "winners_after": [model.alternatives[k] for k in winners(new_scores)],
        "one_point_changes": one_point,
    }


def weight_intervals(model: Model) -> list[dict[str, Any]]:
    """Per criterion, the interval of its (mean) weight in which the ranking holds.

    The other weights stay as they are. Raising w_j by δ moves the gap between i and k by
    δ·(a_ij − a_kj), so the pair swaps at δ = −G_ik / (a_ij − a_kj).
    ``lower``/``upper`` are the nearest such weights below and above the current one (the
    ranking holds strictly between them; at the bound two alternatives tie). ``lower`` is None
    when the ranking holds all the way down to 0, ``upper`` when it holds for any higher weight.
    ``winner_lower``/``winner_upper`` do the same for the winner alone. ``in_scale`` says whether
    a bound lies inside the weight scale, i.e. whether the stakeholders could reach it with
    their ratings; ``margin`` is the smallest relative distance to a bound.
    """
    scores = model.scores
    count = len(model.alternatives)
    top = winners(scores)
    low_scale, high_scale = model.study.weight_scale
    result = []
    for j, key in enumerate(model.criteria):
        weight = model.weights[j]
        full = _interval(model, j, [(i, k) for i in range(count) for k in range(count) if i != k])
        if len(top) == 1:
            pairs = [(top[0], k) for k in range(count) if k != top[0]]
        else:
            pairs = [(i, k) for i in top for k in range(count) if k != i]
        winner = _interval(model, j, pairs)
        lower = None if full[0] is None or weight + full[0][0] < 0 else weight + full[0][0]
        upper = None if full[1] is None else weight + full[1][0]
        winner_lower = (
            None if winner[0] is None or weight + winner[0][0] < 0 else weight + winner[0][0]
        )
        winner_upper = None if winner[1] is None else weight + winner[1][0]
        margins = []
        if weight and lower is not None:
            margins.append((weight - lower) / weight)
        if weight and upper is not None:
            margins.append((upper - weight) / weight)
        criterion = next(c for c in model.study.criteria if c.key == key)
        result.append(
            {
                "criterion": key,
                "name": criterion.name,
                "cluster": criterion.cluster,
                "weight": float(weight),
                "lower": _float(lower),
                "upper": _float(upper),
                "lower_pair": _pair(model, full[0]) if lower is not None else None,
                "upper_pair": _pair(model, full[1]) if upper is not None else None,
                "winner_lower": _float(winner_lower),
                "winner_upper": _float(winner_upper),
                "in_scale": any(
                    bound is not None and low_scale <= bound <= high_scale
                    for bound in (lower, upper)
                ),
                "winner_in_scale": any(
                    bound is not None and low_scale <= bound <= high_scale
                    for bound in (winner_lower, winner_upper)
                ),
                "margin": float(min(margins)) if margins else None,
            }
        )
    return result


def _interval(
    model: Model, j: int, pairs: list[tuple[int, int]]
) -> tuple[tuple[Fraction, tuple[int, int]] | None, tuple[Fraction, tuple[int, int]] | None]:
    """Nearest δ below and above 0 at which one of ``pairs`` (i ≥ k now) changes order."""
    scores = model.scores
    low: tuple[Fraction, tuple[int, int]] | None = None
    high: tuple[Fraction, tuple[int, int]] | None = None
    for i, k in pairs:
        gap = scores[i] - scores[k]
        if gap < 0:
            continue
        slope = model.points[i][j] - model.points[k][j]
        if slope == 0:
            continue
        if gap == 0:
            bound_low = bound_high = Fraction(0)
            if low is None or bound_low > low[0]:
                low = (bound_low, (i, k))
            if high is None or bound_high < high[0]:
                high = (bound_high, (i, k))
            continue
        bound = -gap / slope
        if slope < 0 and (high is None or bound < high[0]):
            high = (bound, (i, k))
        elif slope > 0 and (low is None or bound > low[0]):
            low = (bound, (i, k))
    return low, high


def _pair(model: Model, found: tuple[Fraction, tuple[int, int]] | None) -> list[str] | None:
    if found is None:
        return None
    i, k = found[1]
    return [model.alternatives[i], model.alternatives[k]]


def _float(value: Fraction | None) -> float | None:
    return None if value is None else float(value)


def weight_reallocation(model: Model, target: int, rivals: list[int]) -> dict[str, Any] | None:
    """Smallest L1 change of the weight shares that lets ``target`` reach every rival.

    Linear program: minimise Σ_j (p_j + q_j) subject to
    s' = s + p − q, Σ s' = 1, 0 ≤ s' ≤ 1 and V_target(s') ≥ V_r(s') for each rival r (a tie
    counts). ``s`` are the current shares w_j / Σ w. Returns ``distance_pp`` (the L1 distance in
    percentage points), ``moved_pp`` (half of it: the weight that moves from some criteria to
    others) and the ``moves`` per criterion, or None when no weights can do it.
    """
    weights = np.array([float(w) for w in model.weights])
    shares = weights / weights.sum()
    points = model.points_array()
    n = len(shares)
    exact_now = weighted_scores(model.points, model.weights)
    if all(exact_now[target] >= exact_now[r] for r in rivals):
        return {"distance_pp": 0.0, "moved_pp": 0.0, "moves": []}
    cost = np.concatenate([np.zeros(n), np.ones(2 * n)])
    a_eq = np.zeros((n + 1, 3 * n))
    a_eq[:n, :n] = np.eye(n)
    a_eq[:n, n : 2 * n] = -np.eye(n)
    a_eq[:n, 2 * n :] = np.eye(n)
    a_eq[n, :n] = 1.0
    b_eq = np.concatenate([shares, [1.0]])
    a_ub = np.zeros((len(rivals), 3 * n))
    for row, rival in enumerate(rivals):
        a_ub[row, :n] = points[rival] - points[target]  # V_rival − V_target ≤ 0
    b_ub = np.zeros(len(rivals))
    bounds = [(0.0, 1.0)] * n + [(0.0, None)] * (2 * n)
    solution = linprog(
        cost, A_ub=a_ub, b_ub=b_ub, A_eq=a_eq, b_eq=b_eq, bounds=bounds, method="highs"
    )
    if solution.status != 0:
        return None
    new_shares = solution.x[:n]
    moves = [
        {
            "criterion": key,
            "share_before": float(shares[j]),
            "share_after": float(new_shares[j]),
            "change_pp": float((new_shares[j] - shares[j]) * 100),
        }
        for j, key in enumerate(model.criteria)
        if abs(new_shares[j] - shares[j]) > 1e-9
    ]
    distance = float(solution.fun) * 100
    return {"distance_pp": distance, "moved_pp": distance / 2, "moves": moves}


def top_two_reversal(model: Model) -> dict[str, Any] | None:
    """The smallest L1 weight-share change (percentage points) after which the runner-up
    reaches the leader. ``from``/``to`` are the current first and second."""
    order = ranking(model.scores)
    leader, runner_up = order[0], order[1]
    found = weight_reallocation(model, runner_up, [leader])
    if found is None:
        return None
    return {"from": model.alternatives[leader], "to": model.alternatives[runner_up], **found}


def reallocation_to_win(model: Model) -> dict[str, float | None]:
    """Per alternative: the smallest L1 share change (pp) that makes it (joint) first."""
    count = len(model.alternatives)
    result: dict[str, float | None] = {}
    for target in range(count):
        found = weight_reallocation(model, target, [k for k in range(count) if k != target])
        result[model.alternatives[target]] = None if found is None else found["distance_pp"]
    return result


def smaa(
    model: Model, draws: int = 100_000, seed: int = 0, weight_model: str = "stakeholders"
) -> dict[str, Any]:
    """SMAA-2 rank acceptability indices by Monte Carlo.

    ``weight_model="stakeholders"``: each draw is a convex mixture Σ_m λ_m r_m of the
    stakeholders' own rating vectors, λ ~ Dirichlet(1, …, 1): the hull of the views in the
    group. ``"simplex"``: criterion weight shares uniform on the simplex (Dirichlet(1, …, 1)
    over the criteria), i.e. no preference information. The points are taken as given.

    Ties within a draw share the ranks they occupy equally (two alternatives tied for first
    each get half a first and half a second place), so every row and every column of the
    acceptability matrix sums to 1. With a single stakeholder every draw is that stakeholder's
    own vector, so its winner has acceptability 1.0.

    Returns ``rank_acceptability`` ({alternative: [share at rank 1, rank 2, …]}),
    ``central_weights`` (the mean weight shares among the draws where an alternative is first;
    None if it never is), ``central_mixture`` (stakeholders model only: the mean mixture shares
    among those draws), ``pairwise_winning`` (share of draws where i beats k, ties half) and
    ``max_standard_error`` (0.5 / √draws, the worst-case standard error of any index).
    """
    if weight_model not in WEIGHT_MODELS:
        raise ValueError(f"unknown weight model {weight_model!r}")
    if draws < 1:
        raise ValueError("draws must be at least 1")
    rng = np.random.default_rng(seed)
    ratings = model.ratings_array()
    points = model.points_array()
    mixture = None
    if weight_model == "stakeholders":
        mixture = rng.dirichlet(np.ones(len(model.stakeholders)), size=draws)
        weights = mixture @ ratings
    else:
        weights = rng.dirichlet(np.ones(len(model.criteria)), size=draws)
    scores = weights @ points.T
    tolerance = 1e-9 * max(1.0, float(np.abs(scores).max()))
    difference = scores[:, None, :] - scores[:, :, None]  # [n, i, k] = V_k − V_i
    beaten = difference > tolerance  # [n, i, k]: k beats i
    tied = np.abs(difference) <= tolerance  # [n, i, k]: k ties with i (i itself included)
    above = beaten.sum(axis=2)  # how many beat i
    level = tied.sum(axis=2)  # how many share i's score
    count = len(model.alternatives)
    acceptability = np.empty((count, count))
    for rank in range(count):
        occupies = (rank >= above) & (rank < above + level)
        acceptability[:, rank] = (occupies / level).mean(axis=0)
    first = (above == 0) / level  # share of first place per draw and alternative
    first_total = first.sum(axis=0)
    shares = weights / weights.sum(axis=1, keepdims=True)
    central = first.T @ shares
    central_mix = first.T @ mixture if mixture is not None else None
    # i beats k in a draw when k is beaten by i: beaten[n, k, i].
    wins = beaten.mean(axis=0).T + 0.5 * (tied.mean(axis=0) - np.eye(count))
    result: dict[str, Any] = {
        "weight_model": weight_model,
        "draws": draws,
        "seed": seed,
        "max_standard_error": 0.5 / math.sqrt(draws),
        "rank_acceptability": {
            alt: [float(v) for v in acceptability[i]] for i, alt in enumerate(model.alternatives)
        },
        "central_weights": {
            alt: (
                {key: float(central[i, j] / first_total[i]) for j, key in enumerate(model.criteria)}
                if first_total[i] > 0
                else None
            )
            for i, alt in enumerate(model.alternatives)
        },
        "pairwise_winning": {
            alt: {other: float(wins[i, k]) for k, other in enumerate(model.alternatives) if k != i}
            for i, alt in enumerate(model.alternatives)
        },
    }
    if central_mix is not None:
        result["central_mixture"] = {
            alt: (
                {
                    name: float(central_mix[i, m] / first_total[i])
                    for m, name in enumerate(model.stakeholders)
                }
                if first_total[i] > 0
                else None
            )
            for i, alt in enumerate(model.alternatives)
        }
    return result
