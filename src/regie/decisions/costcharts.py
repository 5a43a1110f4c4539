"""Server-side SVG charts of the cost model (:mod:`regie.decisions.costmodel`): plain strings.

* :func:`cost_chart_svg` — per scenario and year a stacked bar (personnel, routes, ICT,
  one-off) with a marker line at the funding;
* :func:`municipality_chart_svg` — net cost per municipality over the horizon, one scenario.

The root has ``role="img"``, ``aria-labelledby`` (its ``<title>``) and ``aria-describedby``
(its ``<desc>``); series have direct text labels; colours and primitives come from
:mod:`regie.core.charts` (the tokens of ``tokens.css``). All text is escaped.
Show the numbers as a table next to the chart as well.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext as _

from regie.core import charts as core
from regie.core.charts import CHAR_WIDTH, GRID

from .costmodel import Result
from .mca.textformat import format_number

PALETTE = core.SERIES
WIDTH = 760

_esc = core.esc
_paint = core.paint


def _prefix(id_prefix: str | None, kind: str) -> str:
    return core.safe_id(id_prefix, f"cost-{kind}")


def euro(value: Decimal | float) -> str:
    """Whole euros in Dutch notation: € 1.234.567 (− for negative)."""
    text = format_number(float(value), 0)
    return f"€ {text}" if not text.startswith("-") else f"−€ {text[1:]}"


def _text(x: float, y: float, content: str, anchor: str = "start", weight: str = "400") -> str:
    return core.text(x, y, content, anchor, weight=weight, size=13)


def _rect(x: float, y: float, width: float, height: float, token: tuple[str, str]) -> str:
    return core.rect(x, y, width, height, token)


def _open(prefix: str, height: float, title: str, description: str) -> str:
    return core.svg_open(prefix, WIDTH, height, title, description)


def _legend(labels: Sequence[str], x0: float, y0: float) -> tuple[str, float]:
    parts, x, y = [], x0, y0
    for index, label in enumerate(labels):
        width = 18 + 6 + len(label) * CHAR_WIDTH + 18
        if x > x0 and x + width > WIDTH - 16:
            x, y = x0, y + 22
        if index < len(PALETTE) - 1:
            parts.append(_rect(x, y, 18, 14, PALETTE[index]))
        else:  # the funding marker
            parts.append(
                f'<line x1="{x + 9:.2f}" y1="{y - 2:.2f}" x2="{x + 9:.2f}" y2="{y + 16:.2f}" '
                f'stroke-width="3" stroke-dasharray="4 2" {_paint(PALETTE[4], "stroke")}/>'
            )
        parts.append(_text(x + 24, y + 12, label))
        x += width
    return "".join(parts), y - y0 + 26


def cost_chart_svg(results: Sequence[Result], *, id_prefix: str | None = None) -> str:
    """Stacked horizontal bars: cost per year per scenario, with the funding as a marker."""
    prefix = _prefix(id_prefix, "years")
    series = [_("Personeel"), _("Leerroutes"), _("ICT"), _("Eenmalig"), _("Financiering")]
    rows: list[tuple[str, Any]] = []
    for result in results:
        for year in result.years:
            rows.append((f"{result.scenario_name} {year.year}", year))
    label_width = min(max((len(label) for label, _y in rows), default=10), 34) * CHAR_WIDTH + 16
    legend, legend_height = _legend(series, 16, 16)
    top = 16 + legend_height + 8
    bar, gap = 22, 8
    height = top + len(rows) * (bar + gap) + 40
    x0 = 16 + label_width
    amount_room = 110
    plot = WIDTH - x0 - amount_room
    maximum = max(
        [float(max(y.total_cost, y.funding)) for _label, y in rows] + [1.0],
    )
    scale = plot / maximum
    parts = [
        _open(
            prefix,
            height,
            _("Kosten per jaar per scenario, met de financiering"),
            _(
                "Per scenario en jaar de kosten, opgebouwd uit personeel, leerroutes, ICT en "
                "eenmalige kosten; de stippellijn is de financiering."
            ),
        ),
        legend,
    ]
    for index, (label, year) in enumerate(rows):
        y = top + index * (bar + gap)
        parts.append(_text(16, y + bar / 2 + 4, label))
        x = x0
        for colour, value in enumerate(
            (
                year.personnel_cost_total,
                year.route_cost_total,
                year.ict_cost,
                year.one_off_cost_total,
            )
        ):
            width = float(value) * scale
            if width > 0:
                parts.append(_rect(x, y, width, bar, PALETTE[colour]))
            x += width
        parts.append(_text(x + 6, y + bar / 2 + 4, euro(year.total_cost), weight="600"))
        fx = x0 + float(year.funding) * scale
        parts.append(
            f'<line x1="{fx:.2f}" y1="{y - 3:.2f}" x2="{fx:.2f}" y2="{y + bar + 3:.2f}" '
            f'stroke-width="3" stroke-dasharray="4 2" {_paint(PALETTE[4], "stroke")}>'
            f"<title>{_esc(_('Financiering') + ': ' + euro(year.funding))}</title></line>"
        )
    axis_y = top + len(rows) * (bar + gap)
    parts.append(
        f'<line x1="{x0:.2f}" y1="{top - 4:.2f}" x2="{x0:.2f}" y2="{axis_y:.2f}" '
        f'stroke-width="1" {_paint(GRID, "stroke")}/>'
    )
    parts.append(_text(x0, axis_y + 20, euro(0)))
    parts.append(_text(x0 + plot, axis_y + 20, euro(maximum), "end"))
    parts.append("</svg>")
    return "".join(parts)


def municipality_chart_svg(result: Result, *, id_prefix: str | None = None) -> str:
    """Horizontal bars: each municipality's share of the net cost over the horizon."""
    prefix = _prefix(id_prefix, "municipalities")
    rows = [(m.name, float(m.net_cost)) for m in result.municipalities]
    label_width = min(max((len(n) for n, _v in rows), default=10), 30) * CHAR_WIDTH + 16
    top, bar, gap = 16, 22, 8
    height = top + len(rows) * (bar + gap) + 40
    amount_room = 120
    x_left = 16 + label_width
    plot = WIDTH - x_left - 2 * amount_room
    low = min([v for _n, v in rows] + [0.0])
    high = max([v for _n, v in rows] + [0.0])
    span = (high - low) or 1.0
    scale = plot / span
    zero = x_left + amount_room + (-low) * scale
    years = result.years
    period = f"{years[0].year}–{years[-1].year}" if years else ""
    parts = [
        _open(
            prefix,
            height,
            _("Netto kosten per gemeente, %(scenario)s, %(period)s")
            % {"scenario": result.scenario_name, "period": period},
            _(
                "Per gemeente het aandeel in de kosten min de financiering over de hele periode, "
                "verdeeld naar de sleutel %(key)s."
            )
            % {"key": result.key},
        )
    ]
    for index, (name, value) in enumerate(rows):
        y = top + index * (bar + gap)
        parts.append(_text(16, y + bar / 2 + 4, name))
        width = abs(value) * scale
        x = zero if value >= 0 else zero - width
        parts.append(_rect(x, y, width, bar, PALETTE[0 if value >= 0 else 2]))
        if value >= 0:
            parts.append(_text(zero + width + 6, y + bar / 2 + 4, euro(value), weight="600"))
        else:
            parts.append(_text(zero - width - 6, y + bar / 2 + 4, euro(value), "end", "600"))
    axis_y = top + len(rows) * (bar + gap)
    parts.append(
        f'<line x1="{zero:.2f}" y1="{top - 4:.2f}" x2="{zero:.2f}" y2="{axis_y:.2f}" '
        f'stroke-width="1" {_paint(GRID, "stroke")}/>'
    )
    parts.append(_text(zero, axis_y + 20, euro(0), "middle"))
    parts.append("</svg>")
    return "".join(parts)
