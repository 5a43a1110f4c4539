"""Turn a working group's ordering or measured values into points.

Two optional ways to give the points of a criterion, next to typing them in directly:

* **An ordering** of the alternatives, best first, with ties as groups, plus a named *tie rule*.
  The rules are the usual ranking conventions, all
  mapped linearly onto the points scale so that the best position gets the maximum and the
  worst position the minimum (with three alternatives on a 1–3 scale: 3, 2 and 1):

  ``midrank`` (default)
      Tied alternatives get the mean of the positions they share (fractional ranking; Kendall
      1945). The only rule under which every criterion's points add up to the same total, so no
      criterion gains or loses influence because it produced a tie.
  ``competition``
      Standard competition ranking ("1224"): tied alternatives get the best position they share.
  ``modified_competition``
      Modified competition ranking ("1334"): tied alternatives get the worst position they share.
  ``dense``
      Dense ranking ("1223"): the groups get consecutive positions 1, 2, 3, …
  ``anchored``
      What the 2019 study describes: the best group gets the maximum, the worst group the
      minimum, and groups in between are spread evenly (over the groups, not the positions).
      With three alternatives this gives 3-3-1 for a tie at the top and 3-1-1 for a tie at the
      bottom, the pattern the reconstruction of the 2019 table found. When all alternatives
      are equal the study set the level ad hoc; the ordering may then carry a ``level``
      (default: the middle of the scale).

  Rank-based points depend on the set of alternatives: adding or removing one re-scales every
  criterion. The result therefore always reports how the points
  were derived.

* **Measured values** (for example euros) with a direction, ``benefit`` (more is better) or
  ``cost`` (less is better), turned into points by a linear value function over a range: the
  given ``range`` [low, high] if any (an anchored, absolute scale that does not move when an
  alternative is added), else the lowest and highest measured value (a local scale).

All arithmetic is exact (``fractions.Fraction``), so derived points such as 7/3 compare exactly.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from fractions import Fraction

TIE_RULES = ("midrank", "competition", "modified_competition", "dense", "anchored")
DEFAULT_TIE_RULE = "midrank"
DIRECTIONS = ("benefit", "cost")


def tie_rule_label(rule: str) -> str:
    """Return a short Dutch label for a tie rule (for reports and derivations)."""
    from django.utils.translation import gettext as _

    labels = {
        "midrank": _("gemiddelde rang: gelijke alternatieven delen hun plaatsen"),
        "competition": _("gelijke alternatieven krijgen de beste gedeelde plaats (1-2-2-4)"),
        "modified_competition": _(
            "gelijke alternatieven krijgen de slechtste gedeelde plaats (1-3-3-4)"
        ),
        "dense": _("groepen krijgen opeenvolgende plaatsen (1-2-2-3)"),
        "anchored": _("beste groep krijgt het hoogste punt, slechtste groep het laagste"),
    }
    return labels[rule]


def ordering_points(
    groups: Sequence[Sequence[str]],
    points_scale: tuple[Fraction, Fraction],
    rule: str = DEFAULT_TIE_RULE,
    level: Fraction | None = None,
) -> dict[str, Fraction]:
    """Points per alternative for an ordering ``groups`` (best group first).

    ``points_scale`` is (minimum, maximum). Position p (1 = best) of m alternatives is worth
    ``max - (p - 1) * (max - min) / (m - 1)``; the tie rule decides which position, or mean of
    positions, a tied group gets (see the module docstring). ``level`` is used only by the
    ``anchored`` rule when all alternatives form one group.
    """
    if rule not in TIE_RULES:
        raise ValueError(f"unknown tie rule {rule!r}")
    low, high = points_scale
    size = sum(len(group) for group in groups)
    if size < 2:
        raise ValueError("an ordering needs at least two alternatives")
    step = (high - low) / (size - 1)

    def worth(position: Fraction | int) -> Fraction:
        return high - (Fraction(position) - 1) * step

    result: dict[str, Fraction] = {}
    position = 1
    group_count = len(groups)
    for index, group in enumerate(groups):
        first, last = position, position + len(group) - 1
        if rule == "midrank":
            value = worth(Fraction(first + last, 2))
        elif rule == "competition":
            value = worth(first)
        elif rule == "modified_competition":
            value = worth(last)
        elif rule == "dense":
            value = worth(index + 1)
        elif group_count == 1:  # anchored, all equal
            value = level if level is not None else (low + high) / 2
        else:  # anchored
            value = high - index * (high - low) / (group_count - 1)
        for key in group:
            result[key] = value
        position = last + 1
    return result


def linear_value_points(
    values: Mapping[str, Fraction],
    direction: str,
    points_scale: tuple[Fraction, Fraction],
    value_range: tuple[Fraction, Fraction] | None = None,
) -> tuple[dict[str, Fraction], tuple[Fraction, Fraction]]:
    """Points per alternative from measured values by a linear value function.

    ``benefit``: points = min + (x - low) / (high - low) * (max - min); ``cost`` mirrors it, so
    the lowest cost gets the maximum. Without ``value_range`` the range is the lowest and highest
    measured value; if all values are equal there, every alternative gets the middle of the
    points scale. Returns the points and the range used.
    """
    if direction not in DIRECTIONS:
        raise ValueError(f"unknown direction {direction!r}")
    low_points, high_points = points_scale
    if value_range is None:
        value_range = (min(values.values()), max(values.values()))
    low, high = value_range
    points: dict[str, Fraction] = {}
    for key, value in values.items():
        if high == low:
            points[key] = (low_points + high_points) / 2
            continue
        fraction = (value - low) / (high - low)
        if direction == "cost":
            fraction = 1 - fraction
        points[key] = low_points + fraction * (high_points - low_points)
    return points, value_range
