"""Server-side SVG charts of an :func:`evaluate` result: plain strings, no JavaScript, no assets.

Three charts:

* :func:`scores_chart_svg` — stacked bars: each alternative's score, split by cluster;
* :func:`tornado_chart_svg` — per criterion the weight interval in which the ranking holds,
  most sensitive criterion first;
* :func:`acceptability_chart_svg` — SMAA-2 rank acceptability as 100 % stacked bars.

Accessibility: the root has ``role="img"`` and ``aria-labelledby`` pointing at its ``<title>``
(and ``aria-describedby`` at a ``<desc>`` with the chart's message); every series has a direct
text label and, besides its colour, a pattern, so colour never carries meaning alone. Colours
and the primitives come from :mod:`regie.core.charts` (the tokens of ``tokens.css``). Coordinates
are absolute and left to right (``direction="ltr"``): charts do not flip in right-to-left pages.
All text is escaped. Show the numbers as a table next to the chart as well.
"""

from __future__ import annotations

import math
import textwrap
from typing import Any

from django.utils.translation import gettext as _

from regie.core import charts as core
from regie.core.charts import CHAR_WIDTH, GRID, SUBTLE, TEXT, TRACK

from .textformat import format_number

PALETTE = core.SERIES
WIDTH = 760

_esc = core.esc
_paint = core.paint
_series = core.series_style
_pattern_defs = core.pattern_defs
_swatch = core.swatch
_text = core.text
_legend = core.legend
_nice_step = core.nice_step


def _prefix(id_prefix: str | None, kind: str) -> str:
    return core.safe_id(id_prefix, f"mca-{kind}")


def _rect(x: float, y: float, width: float, height: float, index: int, prefix: str) -> str:
    colour, pattern = _series(index)
    return _swatch(x, y, width, height, colour, pattern, prefix)


def _label_on_bar(x: float, y: float, width: float, height: float, content: str, index: int) -> str:
    """A value label inside a segment, on a solid patch so the pattern never crosses the text."""
    needed = len(content) * CHAR_WIDTH + 8
    if width < needed:
        return ""
    colour, _pattern = _series(index)
    centre = x + width / 2
    return (
        f'<rect x="{centre - needed / 2:.2f}" y="{y + height / 2 - 10:.2f}" width="{needed:.2f}" '
        f'height="20" rx="3" {_paint(colour)}/>'
        + _text(centre, y + height / 2 + 5, content, "middle", None)
    )


def _wrap(text: str, chars: int) -> list[str]:
    return textwrap.wrap(text, chars, break_long_words=True) or [""]


def _open(prefix: str, width: float, height: float, title: str, description: str) -> str:
    return core.svg_open(prefix, width, height, title, description)


def _series_legend(labels: list[str]) -> list[tuple[str, tuple[str, str], int]]:
    return [(label, *_series(index)) for index, label in enumerate(labels)]


def _label_column(names: list[str]) -> tuple[int, float]:
    chars = min(max(len(name) for name in names), 32)
    return chars, chars * CHAR_WIDTH + 16


def scores_chart_svg(result: dict[str, Any], *, id_prefix: str | None = None) -> str:
    """Stacked horizontal bars: per alternative its score per cluster, and the total."""
    prefix = _prefix(id_prefix, "scores")
    alternatives = result["alternatives"]
    clusters = result["clusters"]
    totals = result["total"]["scores"]
    names = [a["name"] for a in alternatives]
    chars, label_width = _label_column(names)
    legend, legend_height = _legend(
        _series_legend([c["name"] for c in clusters]), prefix, 16, 16, WIDTH - 32
    )
    plot_x = 16 + label_width
    plot_width = WIDTH - plot_x - 80
    maximum = max(max(totals.values()), 0.0)
    step = _nice_step(maximum)
    top = max(step * math.ceil(maximum / step), step)
    bar, gap = 30.0, 22.0
    rows_y = 16 + legend_height + 16
    line_height = 17
    row_heights = [max(bar, len(_wrap(name, chars)) * line_height) for name in names]
    height = rows_y + sum(row_heights) + gap * len(names) + 40

    def x_of(value: float) -> float:
        return plot_x + plot_width * value / top

    leader = max(alternatives, key=lambda a: totals[a["key"]])
    title = _("Score per cluster en alternatief")
    description = _(
        "Gestapelde balken: de score van elk alternatief, opgebouwd uit de clusters. "
        "Hoogste totaal: %(name)s met %(score)s."
    ) % {"name": leader["name"], "score": format_number(totals[leader["key"]])}
    parts = [_open(prefix, WIDTH, height, title, description), _pattern_defs(prefix), legend]
    axis_y = height - 30
    tick = 0.0
    while tick <= top + 1e-9:
        x = x_of(tick)
        parts.append(
            f'<line x1="{x:.2f}" y1="{rows_y - 6:.2f}" x2="{x:.2f}" y2="{axis_y:.2f}" '
            f'{_paint(GRID, "stroke")} stroke-width="1"/>'
        )
        parts.append(
            _text(
                x,
                axis_y + 18,
                format_number(tick, 0 if step >= 1 else 2),
                "middle",
                SUBTLE,
                size=12,
            )
        )
        tick += step
    y = rows_y
    for alternative, name, row_height in zip(alternatives, names, row_heights, strict=True):
        parts.append(f'<g class="regie-chart-row" data-key="{_esc(alternative["key"])}">')
        lines = _wrap(name, chars)
        text_y = y + row_height / 2 - (len(lines) - 1) * line_height / 2 + 5
        for number, line in enumerate(lines):
            parts.append(_text(16, text_y + number * line_height, line))
        bar_y = y + (row_height - bar) / 2
        x = plot_x
        for index, cluster in enumerate(clusters):
            value = cluster["scores"][alternative["key"]]
            width = x_of(value) - plot_x
            parts.append(f"<g><title>{_esc(cluster['name'])}: {_esc(format_number(value))}</title>")
            parts.append(_rect(x, bar_y, width, bar, index, prefix))
            parts.append(_label_on_bar(x, bar_y, width, bar, format_number(value), index))
            parts.append("</g>")
            x += width
        parts.append(
            _text(
                x + 6, bar_y + bar / 2 + 5, format_number(totals[alternative["key"]]), weight="700"
            )
        )
        parts.append("</g>")
        y += row_height + gap
    parts.append("</svg>")
    return "".join(parts)


def tornado_chart_svg(
    result: dict[str, Any], *, id_prefix: str | None = None, limit: int | None = None
) -> str:
    """Per criterion the weight interval in which the ranking holds (tornado chart).

    Criteria are sorted by their smallest relative margin (most sensitive first). The grey
    track is the weight axis from 0 to the top of the weight scale, the hatched part left of
    the scale minimum cannot be reached with ratings, the bar is the stable interval, and the
    dark line the current mean weight. The interval is also written out on the right.
    """
    prefix = _prefix(id_prefix, "tornado")
    intervals = sorted(
        result["robustness"]["weight_intervals"],
        key=lambda e: (e["margin"] is None, e["margin"] if e["margin"] is not None else 0),
    )
    if limit is not None:
        intervals = intervals[:limit]
    low_scale, high_scale = result["scale"]["weights"]
    names = [entry["name"] for entry in intervals]
    chars, label_width = _label_column(names)
    interval_texts = [_interval_text(entry, high_scale) for entry in intervals]
    text_width = max(len(t) for t in interval_texts) * CHAR_WIDTH + 16
    plot_x = 16 + label_width
    plot_width = max(WIDTH - plot_x - text_width - 16, 160)
    width = plot_x + plot_width + text_width + 16
    stable, unreachable = (PALETTE[0], 0), (PALETTE[4], 1)
    legend_items = [
        (_("rangorde blijft gelijk"), *stable),
        (_("buiten de schaal van de gewichten"), *unreachable),
    ]
    legend, legend_height = _legend(legend_items, prefix, 16, 16, width - 32)
    legend += _text(
        16, 16 + legend_height + 14, _("Zwarte streep: huidig gemiddeld gewicht."), token=SUBTLE
    )
    legend_height += 24
    bar, gap, line_height = 18.0, 12.0, 17
    rows_y = 16 + legend_height + 20
    row_heights = [max(bar, len(_wrap(name, chars)) * line_height) for name in names]
    height = rows_y + sum(row_heights) + gap * len(names) + 36

    def x_of(value: float) -> float:
        return plot_x + plot_width * min(max(value, 0.0), high_scale) / high_scale

    most = intervals[0] if intervals else None
    title = _("Gevoeligheid voor het gewicht per criterium")
    description = (
        _(
            "Per criterium het bereik van het gewicht waarin de rangorde gelijk blijft. "
            "Het gevoeligst: %(name)s."
        )
        % {"name": most["name"]}
        if most
        else title
    )
    parts = [_open(prefix, width, height, title, description), _pattern_defs(prefix), legend]
    axis_y = height - 28
    for tick in range(0, int(math.floor(high_scale)) + 1):
        x = x_of(tick)
        parts.append(
            f'<line x1="{x:.2f}" y1="{rows_y - 6:.2f}" x2="{x:.2f}" y2="{axis_y:.2f}" '
            f'{_paint(GRID, "stroke")} stroke-width="1"/>'
        )
        parts.append(_text(x, axis_y + 18, format_number(tick, 0), "middle", SUBTLE, size=12))
    y = rows_y
    for entry, name, row_height, interval in zip(
        intervals, names, row_heights, interval_texts, strict=True
    ):
        parts.append(f'<g class="regie-chart-row" data-key="{_esc(entry["criterion"])}">')
        lines = _wrap(name, chars)
        text_y = y + row_height / 2 - (len(lines) - 1) * line_height / 2 + 5
        for number, line in enumerate(lines):
            parts.append(_text(16, text_y + number * line_height, line))
        bar_y = y + (row_height - bar) / 2
        parts.append(
            f'<rect x="{plot_x:.2f}" y="{bar_y:.2f}" width="{plot_width:.2f}" '
            f'height="{bar:.2f}" {_paint(TRACK)}/>'
        )
        if low_scale > 0:
            parts.append(
                _swatch(plot_x, bar_y, x_of(low_scale) - plot_x, bar, *unreachable, prefix)
            )
        start = x_of(entry["lower"] if entry["lower"] is not None else 0.0)
        end = x_of(entry["upper"] if entry["upper"] is not None else high_scale)
        parts.append(_swatch(start, bar_y + 3, end - start, bar - 6, *stable, prefix))
        current = x_of(entry["weight"])
        parts.append(
            f'<line x1="{current:.2f}" y1="{bar_y - 3:.2f}" x2="{current:.2f}" '
            f'y2="{bar_y + bar + 3:.2f}" {_paint(TEXT, "stroke")} stroke-width="3"/>'
        )
        parts.append(_text(plot_x + plot_width + 12, bar_y + bar / 2 + 5, interval))
        parts.append("</g>")
        y += row_height + gap
    parts.append("</svg>")
    return "".join(parts)


def _interval_text(entry: dict[str, Any], high_scale: float) -> str:
    lower, upper = entry["lower"], entry["upper"]
    if lower is None and upper is None:
        return _("altijd gelijk")
    if lower is None:
        return _("tot %(upper)s") % {"upper": format_number(upper)}
    if upper is None:
        return _("vanaf %(lower)s") % {"lower": format_number(lower)}
    return _("%(lower)s tot %(upper)s") % {
        "lower": format_number(lower),
        "upper": format_number(upper),
    }


def acceptability_chart_svg(result: dict[str, Any], *, id_prefix: str | None = None) -> str:
    """100 % stacked bars: per alternative the share of draws in which it takes each rank."""
    prefix = _prefix(id_prefix, "acceptability")
    alternatives = result["alternatives"]
    acceptability = result["robustness"]["rank_acceptability"]
    count = len(alternatives)
    names = [a["name"] for a in alternatives]
    chars, label_width = _label_column(names)
    ranks = [_("%(rank)se plaats") % {"rank": rank} for rank in range(1, count + 1)]
    legend, legend_height = _legend(_series_legend(ranks), prefix, 16, 16, WIDTH - 32)
    plot_x = 16 + label_width
    plot_width = WIDTH - plot_x - 120
    bar, gap, line_height = 30.0, 22.0, 17
    rows_y = 16 + legend_height + 16
    row_heights = [max(bar, len(_wrap(name, chars)) * line_height) for name in names]
    height = rows_y + sum(row_heights) + gap * len(names) + 40
    leader = max(alternatives, key=lambda a: acceptability[a["key"]][0])
    first = acceptability[leader["key"]][0]
    title = _("Kans op elke plaats bij andere gewichten")
    description = _(
        "Per alternatief het deel van de trekkingen waarin het op elke plaats staat. "
        "%(name)s staat het vaakst bovenaan: %(share)s%%."
    ) % {"name": leader["name"], "share": format_number(first * 100, 0)}
    parts = [_open(prefix, WIDTH, height, title, description), _pattern_defs(prefix), legend]
    axis_y = height - 30
    for tick in range(0, 101, 25):
        x = plot_x + plot_width * tick / 100
        parts.append(
            f'<line x1="{x:.2f}" y1="{rows_y - 6:.2f}" x2="{x:.2f}" y2="{axis_y:.2f}" '
            f'{_paint(GRID, "stroke")} stroke-width="1"/>'
        )
        parts.append(_text(x, axis_y + 18, f"{tick}%", "middle", SUBTLE, size=12))
    y = rows_y
    for alternative, name, row_height in zip(alternatives, names, row_heights, strict=True):
        parts.append(f'<g class="regie-chart-row" data-key="{_esc(alternative["key"])}">')
        lines = _wrap(name, chars)
        text_y = y + row_height / 2 - (len(lines) - 1) * line_height / 2 + 5
        for number, line in enumerate(lines):
            parts.append(_text(16, text_y + number * line_height, line))
        bar_y = y + (row_height - bar) / 2
        x = plot_x
        for rank, share in enumerate(acceptability[alternative["key"]]):
            width = plot_width * share
            label = f"{format_number(share * 100, 0)}%"
            parts.append(f"<g><title>{_esc(ranks[rank])}: {_esc(label)}</title>")
            parts.append(_rect(x, bar_y, width, bar, rank, prefix))
            parts.append(_label_on_bar(x, bar_y, width, bar, label, rank))
            parts.append("</g>")
            x += width
        parts.append(
            _text(
                plot_x + plot_width + 8,
                bar_y + bar / 2 + 5,
                _("1e: %(share)s%%")
                % {"share": format_number(acceptability[alternative["key"]][0] * 100, 0)},
                weight="700",
            )
        )
        parts.append("</g>")
        y += row_height + gap
    parts.append("</svg>")
    return "".join(parts)
