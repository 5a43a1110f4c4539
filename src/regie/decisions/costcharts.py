"""Server-side SVG charts of the cost model (:mod:`regie.decisions.costmodel`): plain strings.

* :func:`cost_chart_svg` — per scenario and year a stacked bar (personnel, routes, ICT,
  one-off) with a marker line at the funding;
* :func:`municipality_chart_svg` — net cost per municipality over the horizon, one scenario.

The root has ``role="img"``, ``aria-labelledby`` (its ``<title>``) and ``aria-describedby``
(its ``<desc>``); series have direct text labels; colours come from the tokens
``--regie-chart-1`` … ``--regie-chart-5`` with their hex value as fallback. All text is escaped.
Show the numbers as a table next to the chart as well.
"""

from __future__ import annotations

import html
import re
from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext as _

from .costmodel import Result
from .mca.textformat import format_number

PALETTE = (
    ("--regie-chart-1", "#1f6f8b"),
    ("--regie-chart-2", "#b85c00"),
    ("--regie-chart-3", "#2e7d43"),
    ("--regie-chart-4", "#7b3fa0"),
    ("--regie-chart-5", "#5f6368"),
)
TEXT = ("--basis-color-default-color-document", "#1b1b1b")
GRID = ("--basis-color-default-border-subtle", "#c9ced4")
FONT = "var(--basis-text-font-family-default,system-ui,sans-serif)"
CHAR_WIDTH = 7.6
WIDTH = 760


def _esc(text: Any) -> str:
    return html.escape(str(text), quote=True)


def _paint(token: tuple[str, str], prop: str = "fill") -> str:
    variable, fallback = token
    return f'{prop}="{fallback}" style="{prop}:var({variable},{fallback})"'


def _prefix(id_prefix: str | None, kind: str) -> str:
    cleaned = re.sub(r"[^A-Za-z0-9_-]", "-", id_prefix or f"cost-{kind}")
    return cleaned if cleaned[:1].isalpha() else f"cost-{cleaned}"


def euro(value: Decimal | float) -> str:
    """Whole euros in Dutch notation: € 1.234.567 (− for negative)."""
    text = format_number(float(value), 0)
    return f"€ {text}" if not text.startswith("-") else f"−€ {text[1:]}"


def _text(x: float, y: float, content: str, anchor: str = "start", weight: str = "400") -> str:
    return (
        f'<text x="{x:.2f}" y="{y:.2f}" text-anchor="{anchor}" font-size="13" '
        f'font-weight="{weight}" {_paint(TEXT)}>{_esc(content)}</text>'
    )


def _rect(x: float, y: float, width: float, height: float, token: tuple[str, str]) -> str:
    return (
        f'<rect x="{x:.2f}" y="{y:.2f}" width="{max(width, 0):.2f}" height="{height:.2f}" '
        f"{_paint(token)}/>"
    )


def _open(prefix: str, height: float, title: str, description: str) -> str:
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" class="regie-chart" '
        f'aria-labelledby="{prefix}-title" aria-describedby="{prefix}-desc" '
        f'viewBox="0 0 {WIDTH} {height:.0f}" width="{WIDTH}" height="{height:.0f}" '
        f'direction="ltr" font-family="system-ui,sans-serif" '
        f'style="font-family:{FONT};max-width:100%;height:auto">'
        f'<title id="{prefix}-title">{_esc(title)}</title>'
        f'<desc id="{prefix}-desc">{_esc(description)}</desc>'
    )


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
