"""Plain-text output in the layout of the 2019 study's table, with Dutch number formatting.

The study (chapter 6) prints one row per cluster of criteria, with the number of criteria and
the mean weight, one column per scenario, and a total row; numbers with two decimals and a
decimal comma (82,14). :func:`format_text_table` prints the same from an :func:`evaluate`
result, or straight from a study.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import ngettext


def format_number(value: float | int, decimals: int = 2) -> str:
    """Dutch notation: decimal comma, a dot between thousands, half away from zero.

    Rounds the shortest decimal form of the float (so 2.675 prints as 2,68, as a reader
    expects), not its binary expansion.
    """
    quantum = Decimal(1).scaleb(-decimals)
    rounded = Decimal(repr(float(value))).quantize(quantum, rounding=ROUND_HALF_UP)
    if rounded == 0:
        rounded = abs(rounded)  # never print -0,00
    text = f"{rounded:,.{decimals}f}"
    return text.replace(",", "_").replace(".", ",").replace("_", ".")


def format_points(value: float | int) -> str:
    """Points as people say them: '2' for a whole number, else two decimals ('2,33')."""
    if float(value).is_integer():
        return format_number(value, 0)
    return format_number(value, 2)


def format_text_table(result_or_study: Any, *, decimals: int = 2, notes: bool = True) -> str:
    """The study-style table as monospaced text.

    Accepts the dict returned by :func:`regie.decisions.mca.evaluate` (or by
    :func:`regie.decisions.mca.engine.score_table`), or a study (a :class:`Study`, a mapping or
    JSON text), for which only the table is computed (no simulation).
    """
    result = result_or_study
    if not (isinstance(result, dict) and "clusters" in result and "total" in result):
        from .engine import score_table
        from .study import Study, load_study

        study = result if isinstance(result, Study) else load_study(result)
        result = score_table(study)
    alternatives = result["alternatives"]
    header = [_("Criteriacluster"), _("Gemiddeld gewicht")] + [a["name"] for a in alternatives]
    rows = []
    for cluster in result["clusters"]:
        count = cluster["criteria_count"]
        label = ngettext(
            "%(name)s (%(count)s criterium)", "%(name)s (%(count)s criteria)", count
        ) % {"name": cluster["name"], "count": count}
        rows.append(
            [label, format_number(cluster["mean_weight"], decimals)]
            + [format_number(cluster["scores"][a["key"]], decimals) for a in alternatives]
        )
    total = result["total"]
    rows.append(
        [_("Totaal"), format_number(total["mean_weight"], decimals)]
        + [format_number(total["scores"][a["key"]], decimals) for a in alternatives]
    )
    widths = [max(len(row[c]) for row in [header, *rows]) for c in range(len(header))]

    def line(cells: list[str]) -> str:
        first = cells[0].ljust(widths[0])
        rest = [cell.rjust(width) for cell, width in zip(cells[1:], widths[1:], strict=True)]
        return "  ".join([first, *rest]).rstrip()

    rule = "-" * len(line(header))
    output = [line(header), rule, *[line(row) for row in rows[:-1]], rule, line(rows[-1])]
    if notes:
        output.append("")
        output.append(
            _(
                "Gewicht van een criterium: het gemiddelde van de gewichten van de "
                "%(count)s belanghebbenden. Score: punten maal gewicht, opgeteld per cluster."
            )
            % {"count": result.get("stakeholder_count", _("alle"))}
        )
        output.append(
            _(
                "Gemiddeld gewicht bij Totaal: het gemiddelde van de clustergemiddelden "
                "(%(cluster_mean)s). Over alle criteria samen is het %(all_mean)s."
            )
            % {
                "cluster_mean": format_number(total["mean_weight"], decimals),
                "all_mean": format_number(total["mean_weight_all_criteria"], decimals),
            }
        )
    return "\n".join(output) + "\n"


def format_moved_weight(moved_pp: float) -> str:
    """The weight that moves between criteria before the top two swap, in one unit everywhere
    (verdict and report): "procent van het totale gewicht", two decimals. ``moved_pp`` is half
    the L1 distance of the weight shares (``robustness.weight_reallocation``): what leaves some
    criteria and arrives at others."""
    if 0 < moved_pp < 0.005:
        return _("minder dan 0,01 procent")
    return _("%(n)s procent") % {"n": format_number(moved_pp, 2)}
