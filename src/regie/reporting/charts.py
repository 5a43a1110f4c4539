"""The charts of the quality figures: attendance per provider (bars, with the norm) and per
quarter (lines). Built from :mod:`regie.core.charts` (colours from ``tokens.css``, accessible
title and description); direct labels on every bar and line, hatching and marker shapes as well
as colour. The page always shows the table as well."""

from decimal import Decimal

from django.utils.translation import gettext as _

from regie.core import charts as core
from regie.core.charts import GRID, WARNING


def _unit_suffix(unit: str) -> str:
    """ "%" sticks to its number (87,5%, ux.md); any other unit after a space (12 uur)."""
    return unit if unit == "%" else f" {unit}"


def _with_unit(number: str, unit: str) -> str:
    return number + _unit_suffix(unit)


def _fmt(value) -> str:
    if value is None:
        return _("geen gegevens")
    number = Decimal(value)
    text = f"{number:.1f}".replace(".", ",")
    return text[:-2] if text.endswith(",0") else text


def bar_chart(
    chart_id: str,
    title: str,
    rows: list[tuple[str, object]],
    *,
    threshold=None,
    unit: str = "%",
    maximum=100,
) -> str:
    """Horizontal bars with the value written at each bar's end. A bar below ``threshold`` is
    hatched and labelled "onder de norm", so the signal does not rest on colour alone."""
    prefix = core.safe_id(chart_id, "chart-bars")
    label_w, bar_w, row_h, top = 220, 360, 30, 10
    width = label_w + bar_w + 150
    height = top + row_h * max(1, len(rows)) + (30 if threshold is not None else 10)
    values = [Decimal(v) for _l, v in rows if v is not None]
    top_value = max([Decimal(maximum or 0), *values]) or Decimal(1)
    description = "; ".join(f"{label}: {_with_unit(_fmt(value), unit)}" for label, value in rows)
    parts = [
        core.svg_open(prefix, width, height, title, description, fixed=False),
        core.warning_hatch(prefix),
    ]
    colour = core.series(0)
    norm_x = (
        label_w + float(Decimal(threshold) / top_value * bar_w) if threshold is not None else None
    )
    for index, (label, value) in enumerate(rows):
        y = top + index * row_h
        parts.append(core.text(label_w - 8, y + 19, label, "end", size=13))
        if value is None:
            parts.append(
                core.text(label_w + 4, y + 19, _fmt(None), size=13, extra=' font-style="italic"')
            )
            continue
        length = float(Decimal(value) / top_value * bar_w)
        below = threshold is not None and Decimal(value) < Decimal(threshold)
        if below:
            parts.append(
                f'<rect x="{label_w}" y="{y + 5}" width="{length:.1f}" height="20" '
                f'fill="url(#{prefix}-hatch)" {core.paint(WARNING, "stroke")}/>'
            )
        else:
            parts.append(
                f'<rect x="{label_w}" y="{y + 5}" width="{length:.1f}" height="20" '
                f"{core.paint(colour)}/>"
            )
        note = f"{_unit_suffix(unit)} – {_('onder de norm')}" if below else _unit_suffix(unit)
        # the value label starts right of the dashed norm line, so the line never crosses it
        label_x = max(label_w + length, norm_x or 0) + 6
        parts.append(
            core.text(
                label_x,
                y + 19,
                _fmt(value) + note,
                weight="700" if below else "400",
                size=13,
            )
        )
    if threshold is not None:
        x = norm_x
        bottom = top + row_h * max(1, len(rows))
        parts.append(core.line(x, top, x, bottom, WARNING, 2, "4 3"))
        parts.append(
            core.text(
                x,
                bottom + 18,
                _("norm") + " " + _with_unit(_fmt(threshold), unit),
                "middle",
                size=12,
            )
        )
    parts.append(core.SVG_CLOSE)
    return core.done(parts)


def line_chart(
    chart_id: str,
    title: str,
    categories: list[str],
    series: list[dict],
    *,
    threshold=None,
    unit: str = "%",
    maximum=100,
) -> str:
    """Lines over ``categories`` (quarters). Each series has its own colour, dash pattern and
    marker shape, and its name and last value written at its end (no legend to decode)."""
    prefix = core.safe_id(chart_id, "chart-lines")
    left, right, top, plot_h = 50, 230, 15, 220
    step = 110
    plot_w = step * max(1, len(categories) - 1)
    width, height = left + plot_w + right, top + plot_h + 45
    top_value = Decimal(maximum or 1)

    def y_of(value) -> float:
        return top + plot_h - float(Decimal(value) / top_value) * plot_h

    description = "; ".join(
        f"{entry['name']}: "
        + ", ".join(f"{cat} {_fmt(v)}" for cat, v in zip(categories, entry["values"], strict=False))
        for entry in series
    )
    parts = [core.svg_open(prefix, width, height, title, description, fixed=False)]
    for tick in range(0, int(top_value) + 1, max(1, int(top_value) // 4)):
        y = y_of(tick)
        parts.append(core.line(left, y, left + plot_w, y, GRID, 0.5))
        parts.append(core.text(left - 6, y + 4, f"{tick}{unit}", "end", size=11))
    for index, name in enumerate(categories):
        parts.append(core.text(left + index * step, top + plot_h + 20, name, "middle", size=12))
    if threshold is not None:
        y = y_of(threshold)
        parts.append(core.line(left, y, left + plot_w, y, WARNING, 1.5, "4 3"))
        parts.append(
            core.text(
                left + plot_w + 6,
                y + 4,
                _("norm") + " " + _with_unit(_fmt(threshold), unit),
                size=11,
            )
        )
    # the norm's own label sits at the right end of its line: the series labels keep clear of it
    label_slots: list[float] = [y_of(threshold)] if threshold is not None else []
    for index, entry in enumerate(series):
        colour = core.series(index)
        dash = core.DASHES[index % len(core.DASHES)]
        shape = core.MARKERS[index % len(core.MARKERS)]
        points = [
            (left + i * step, y_of(v)) for i, v in enumerate(entry["values"]) if v is not None
        ]
        if not points:
            continue
        parts.append(core.polyline(points, colour, 2.5, dash))
        parts.extend(core.marker(shape, x, y, colour) for x, y in points)
        last = next(v for v in reversed(entry["values"]) if v is not None)
        x, y = points[-1]
        while any(abs(y - slot) < 14 for slot in label_slots):
            y += 14
        label_slots.append(y)
        parts.append(
            core.text(
                left + plot_w + 12,
                y + 4,
                entry["name"] + ": " + _with_unit(_fmt(last), unit),
                size=12,
            )
        )
    parts.append(core.SVG_CLOSE)
    return core.done(parts)
