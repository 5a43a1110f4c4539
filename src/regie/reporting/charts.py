"""Server-side SVG charts (ux.md §4 Charts): role="img" with a title and a description through
aria-labelledby, direct labels on every bar and line, patterns and marker shapes as well as
colour, and colours from CSS variables with fallbacks. Pages always show the table as well."""

from decimal import Decimal

from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

PALETTE = (
    "var(--regie-chart-1,#1f6f8b)",
    "var(--regie-chart-2,#b3541e)",
    "var(--regie-chart-3,#4b7f3a)",
    "var(--regie-chart-4,#6a4c93)",
    "var(--regie-chart-5,#8a6d00)",
    "var(--regie-chart-6,#3d4f5c)",
)
MARKERS = ("circle", "square", "triangle", "diamond", "cross", "bar")
DASHES = ("", "6 3", "2 3", "8 3 2 3", "1 2", "10 4")
TEXT = "var(--regie-chart-text,#1b1b1b)"
GRID = "var(--regie-chart-grid,#8c8c8c)"
WARN = "var(--regie-chart-warning,#a4262c)"


def _fmt(value) -> str:
    if value is None:
        return _("geen gegevens")
    number = Decimal(value)
    text = f"{number:.1f}".replace(".", ",")
    return text[:-2] if text.endswith(",0") else text


def _svg(chart_id: str, title: str, description: str, width: int, height: int, body: str):
    return mark_safe(  # noqa: S308 - every text below is escaped
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" '
        f'viewBox="0 0 {width} {height}" width="100%" preserveAspectRatio="xMinYMin meet" '
        f'aria-labelledby="{chart_id}-title {chart_id}-desc" id="{chart_id}">'
        f'<title id="{chart_id}-title">{escape(title)}</title>'
        f'<desc id="{chart_id}-desc">{escape(description)}</desc>'
        f'<defs><pattern id="{chart_id}-hatch" patternUnits="userSpaceOnUse" width="6" '
        f'height="6" patternTransform="rotate(45)"><rect width="6" height="6" '
        f'fill="var(--regie-chart-warning-bg,#f6d7d8)"/><line x1="0" y1="0" x2="0" y2="6" '
        f'stroke="{WARN}" stroke-width="3"/></pattern></defs>{body}</svg>'
    )


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
    label_w, bar_w, row_h, top = 220, 360, 30, 10
    width = label_w + bar_w + 150
    height = top + row_h * max(1, len(rows)) + (30 if threshold is not None else 10)
    parts = []
    values = [Decimal(v) for _l, v in rows if v is not None]
    top_value = max([Decimal(maximum or 0), *values]) or Decimal(1)
    for index, (label, value) in enumerate(rows):
        y = top + index * row_h
        parts.append(
            f'<text x="{label_w - 8}" y="{y + 19}" text-anchor="end" fill="{TEXT}" '
            f'font-size="13">{escape(label)}</text>'
        )
        if value is None:
            parts.append(
                f'<text x="{label_w + 4}" y="{y + 19}" fill="{TEXT}" font-size="13" '
                f'font-style="italic">{escape(_fmt(None))}</text>'
            )
            continue
        length = float(Decimal(value) / top_value * bar_w)
        below = threshold is not None and Decimal(value) < Decimal(threshold)
        fill = f"url(#{chart_id}-hatch)" if below else PALETTE[0]
        parts.append(
            f'<rect x="{label_w}" y="{y + 5}" width="{length:.1f}" height="20" fill="{fill}" '
            f'stroke="{WARN if below else PALETTE[0]}"/>'
        )
        note = f" {unit} – {_('onder de norm')}" if below else f" {unit}"
        weight = ' font-weight="bold"' if below else ""
        parts.append(
            f'<text x="{label_w + length + 6:.1f}" y="{y + 19}" fill="{TEXT}" font-size="13"'
            f"{weight}>{escape(_fmt(value) + note)}</text>"
        )
    if threshold is not None:
        x = label_w + float(Decimal(threshold) / top_value * bar_w)
        bottom = top + row_h * max(1, len(rows))
        parts.append(
            f'<line x1="{x:.1f}" y1="{top}" x2="{x:.1f}" y2="{bottom}" stroke="{WARN}" '
            f'stroke-width="2" stroke-dasharray="4 3"/>'
            f'<text x="{x:.1f}" y="{bottom + 18}" text-anchor="middle" fill="{TEXT}" '
            f'font-size="12">{escape(_("norm") + " " + _fmt(threshold) + " " + unit)}</text>'
        )
    description = "; ".join(f"{label}: {_fmt(value)} {unit}" for label, value in rows)
    return _svg(chart_id, title, description, width, height, "".join(parts))


def _marker(shape: str, x: float, y: float, colour: str) -> str:
    if shape == "square":
        return f'<rect x="{x - 4:.1f}" y="{y - 4:.1f}" width="8" height="8" fill="{colour}"/>'
    if shape == "triangle":
        return (
            f'<polygon points="{x:.1f},{y - 5:.1f} {x - 5:.1f},{y + 4:.1f} {x + 5:.1f},{y + 4:.1f}"'
            f' fill="{colour}"/>'
        )
    if shape == "diamond":
        return (
            f'<polygon points="{x:.1f},{y - 5:.1f} {x + 5:.1f},{y:.1f} {x:.1f},{y + 5:.1f} '
            f'{x - 5:.1f},{y:.1f}" fill="{colour}"/>'
        )
    if shape == "cross":
        return (
            f'<path d="M{x - 4:.1f} {y - 4:.1f}L{x + 4:.1f} {y + 4:.1f}M{x + 4:.1f} {y - 4:.1f}'
            f'L{x - 4:.1f} {y + 4:.1f}" stroke="{colour}" stroke-width="2"/>'
        )
    if shape == "bar":
        return f'<rect x="{x - 5:.1f}" y="{y - 2:.1f}" width="10" height="4" fill="{colour}"/>'
    return f'<circle cx="{x:.1f}" cy="{y:.1f}" r="4.5" fill="{colour}"/>'


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
    left, right, top, plot_h = 50, 230, 15, 220
    step = 110
    plot_w = step * max(1, len(categories) - 1)
    width, height = left + plot_w + right, top + plot_h + 45
    top_value = Decimal(maximum or 1)

    def y_of(value) -> float:
        return top + plot_h - float(Decimal(value) / top_value) * plot_h

    parts = []
    for tick in range(0, int(top_value) + 1, max(1, int(top_value) // 4)):
        y = y_of(tick)
        parts.append(
            f'<line x1="{left}" y1="{y:.1f}" x2="{left + plot_w}" y2="{y:.1f}" stroke="{GRID}" '
            f'stroke-width="0.5"/><text x="{left - 6}" y="{y + 4:.1f}" text-anchor="end" '
            f'fill="{TEXT}" font-size="11">{tick}{escape(unit)}</text>'
        )
    for index, name in enumerate(categories):
        x = left + index * step
        parts.append(
            f'<text x="{x}" y="{top + plot_h + 20}" text-anchor="middle" fill="{TEXT}" '
            f'font-size="12">{escape(name)}</text>'
        )
    if threshold is not None:
        y = y_of(threshold)
        parts.append(
            f'<line x1="{left}" y1="{y:.1f}" x2="{left + plot_w}" y2="{y:.1f}" stroke="{WARN}" '
            f'stroke-width="1.5" stroke-dasharray="4 3"/><text x="{left + plot_w + 6}" '
            f'y="{y + 4:.1f}" fill="{TEXT}" font-size="11">'
            f"{escape(_('norm') + ' ' + _fmt(threshold) + ' ' + unit)}</text>"
        )
    label_slots: list[float] = []
    for index, entry in enumerate(series):
        colour = PALETTE[index % len(PALETTE)]
        dash = DASHES[index % len(DASHES)]
        shape = MARKERS[index % len(MARKERS)]
        points = [
            (left + i * step, y_of(v)) for i, v in enumerate(entry["values"]) if v is not None
        ]
        if not points:
            continue
        path = " ".join(f"{x:.1f},{y:.1f}" for x, y in points)
        dashing = f' stroke-dasharray="{dash}"' if dash else ""
        parts.append(
            f'<polyline points="{path}" fill="none" stroke="{colour}" stroke-width="2.5"{dashing}/>'
        )
        parts.extend(_marker(shape, x, y, colour) for x, y in points)
        last = next(v for v in reversed(entry["values"]) if v is not None)
        x, y = points[-1]
        while any(abs(y - slot) < 14 for slot in label_slots):
            y += 14
        label_slots.append(y)
        parts.append(
            f'<text x="{left + plot_w + 12}" y="{y + 4:.1f}" fill="{TEXT}" font-size="12">'
            f"{escape(entry['name'] + ': ' + _fmt(last) + ' ' + unit)}</text>"
        )
    description = "; ".join(
        f"{entry['name']}: "
        + ", ".join(f"{cat} {_fmt(v)}" for cat, v in zip(categories, entry["values"], strict=False))
        for entry in series
    )
    return _svg(chart_id, title, description, width, height, "".join(parts))
