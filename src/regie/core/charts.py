"""The one set of server-side SVG chart primitives.

Charts are plain SVG strings, no JavaScript, so the same chart renders in a page and in a
WeasyPrint PDF. Every chart built on these primitives:

* has ``role="img"``, a ``<title>`` and a ``<desc>`` (``aria-labelledby``/``aria-describedby``);
* takes its colours from the design tokens in ``core/static/regie/tokens.css`` — read once and
  cached — written both as a presentation attribute (the token's value, for renderers without
  CSS variables) and as ``var(--token, value)`` in a style (so a municipality theme that
  overrides a token recolours the chart);
* escapes every text;
* is shown next to its numbers as a table (:func:`text_alternative`), so colour and shape never
  carry the message alone.

Chart modules (``reporting.charts``, ``decisions.mca.charts``, ``decisions.costcharts``) build
their layouts from these pieces and name no colour of their own.
"""

from __future__ import annotations

import functools
import html
import math
import re
from pathlib import Path
from typing import Any

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe

TOKENS_CSS = Path(__file__).resolve().parent / "static" / "regie" / "tokens.css"
_DECLARATION = re.compile(r"(--[A-Za-z0-9_-]+)\s*:\s*([^;}]+)")
_ROOT = re.compile(r"^\s*:root\s*\{(.*?)\}", re.S | re.M)

FONT = "var(--basis-text-font-family-default,system-ui,sans-serif)"
FONT_SIZE = 14
CHAR_WIDTH = 7.6  # rough advance of a 14px sans-serif character, for layout only


@functools.cache
def tokens() -> dict[str, str]:
    """The custom properties of tokens.css's first ``:root`` block (not the media queries),
    parsed once per process."""
    text = TOKENS_CSS.read_text(encoding="utf-8")
    text = re.sub(r"/\*.*?\*/", "", text, flags=re.S)
    block = _ROOT.search(text)
    source = block.group(1) if block else ""
    return {name: value.strip() for name, value in _DECLARATION.findall(source)}


class Token(tuple):
    """A colour token: (CSS variable, its value in tokens.css)."""

    __slots__ = ()

    def __new__(cls, variable: str):
        value = tokens().get(variable)
        if value is None:
            raise KeyError(f"{variable} is not defined in {TOKENS_CSS.name}")
        return super().__new__(cls, (variable, value))

    @property
    def variable(self) -> str:
        return self[0]

    @property
    def value(self) -> str:
        return self[1]

    def css(self) -> str:
        return f"var({self[0]},{self[1]})"


# The palette of series colours and the named colours every chart uses.
SERIES = tuple(Token(f"--regie-chart-{n}") for n in range(1, 6))
TEXT = Token("--basis-color-default-color-document")
SUBTLE = Token("--basis-color-default-color-subtle")
GRID = Token("--basis-color-default-border-subtle")
TRACK = Token("--basis-color-default-bg-subtle")
WARNING = Token("--basis-color-negative-color-default")
WARNING_BG = Token("--basis-color-negative-bg-subtle")
WHITE = "#ffffff"


def esc(text: Any) -> str:
    return html.escape(str(text), quote=True)


def paint(token: tuple[str, str], prop: str = "fill") -> str:
    """``fill="#hex" style="fill:var(--token,#hex)"`` (or another property, e.g. stroke)."""
    variable, fallback = token
    return f'{prop}="{fallback}" style="{prop}:var({variable},{fallback})"'


def series(index: int) -> Token:
    return SERIES[index % len(SERIES)]


def safe_id(id_prefix: str | None, default: str) -> str:
    """An id usable in SVG (letters, digits, - and _; starting with a letter)."""
    cleaned = re.sub(r"[^A-Za-z0-9_-]", "-", id_prefix or default)
    return cleaned if cleaned[:1].isalpha() else f"{default.split('-')[0]}-{cleaned}"


def svg_open(
    prefix: str,
    width: float,
    height: float,
    title: str,
    description: str,
    *,
    fixed: bool = True,
    css_class: str = "regie-chart",
) -> str:
    """The root element with its accessible name and description. ``fixed``: the chart has its
    natural size and shrinks to fit (``max-width:100%``); otherwise it fills the width."""
    size = (
        f'width="{width:.0f}" height="{height:.0f}" direction="ltr" '
        f'font-family="system-ui,sans-serif" style="font-family:{FONT};max-width:100%;height:auto"'
        if fixed
        else 'width="100%" preserveAspectRatio="xMinYMin meet" direction="ltr" '
        f'font-family="system-ui,sans-serif" style="font-family:{FONT}"'
    )
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" class="{css_class}" '
        f'aria-labelledby="{prefix}-title" aria-describedby="{prefix}-desc" '
        f'viewBox="0 0 {width:.0f} {height:.0f}" {size}>'
        f'<title id="{prefix}-title">{esc(title)}</title>'
        f'<desc id="{prefix}-desc">{esc(description)}</desc>'
    )


SVG_CLOSE = "</svg>"


def text(
    x: float,
    y: float,
    content: Any,
    anchor: str = "start",
    token: tuple[str, str] | None = TEXT,
    weight: str = "400",
    size: int = FONT_SIZE,
    extra: str = "",
) -> str:
    """Escaped text; ``token=None`` paints it plain white (for labels on a coloured patch)."""
    colour = paint(token) if token is not None else f'fill="{WHITE}"'
    return (
        f'<text x="{x:.2f}" y="{y:.2f}" text-anchor="{anchor}" font-size="{size}" '
        f'font-weight="{weight}" {colour}{extra}>{esc(content)}</text>'
    )


def rect(x: float, y: float, width: float, height: float, token: tuple[str, str], extra="") -> str:
    return (
        f'<rect x="{x:.2f}" y="{y:.2f}" width="{max(width, 0):.2f}" height="{height:.2f}" '
        f"{paint(token)}{extra}/>"
    )


def line(
    x1: float,
    y1: float,
    x2: float,
    y2: float,
    token: tuple[str, str],
    width: float = 1,
    dash: str = "",
    inner: str = "",
) -> str:
    dashing = f' stroke-dasharray="{dash}"' if dash else ""
    head = (
        f'<line x1="{x1:.2f}" y1="{y1:.2f}" x2="{x2:.2f}" y2="{y2:.2f}" '
        f'stroke-width="{width:g}"{dashing} {paint(token, "stroke")}'
    )
    return f"{head}>{inner}</line>" if inner else f"{head}/>"


def polyline(points: list[tuple[float, float]], token: tuple[str, str], width=2.5, dash="") -> str:
    path = " ".join(f"{x:.1f},{y:.1f}" for x, y in points)
    dashing = f' stroke-dasharray="{dash}"' if dash else ""
    return (
        f'<polyline points="{path}" fill="none" stroke-width="{width:g}"{dashing} '
        f"{paint(token, 'stroke')}/>"
    )


MARKERS = ("circle", "square", "triangle", "diamond", "cross", "bar")
DASHES = ("", "6 3", "2 3", "8 3 2 3", "1 2", "10 4")


def marker(shape: str, x: float, y: float, token: tuple[str, str]) -> str:
    """A point marker; series differ in shape as well as colour."""
    fill = paint(token)
    if shape == "square":
        return f'<rect x="{x - 4:.1f}" y="{y - 4:.1f}" width="8" height="8" {fill}/>'
    if shape == "triangle":
        return (
            f'<polygon points="{x:.1f},{y - 5:.1f} {x - 5:.1f},{y + 4:.1f} {x + 5:.1f},{y + 4:.1f}"'
            f" {fill}/>"
        )
    if shape == "diamond":
        return (
            f'<polygon points="{x:.1f},{y - 5:.1f} {x + 5:.1f},{y:.1f} {x:.1f},{y + 5:.1f} '
            f'{x - 5:.1f},{y:.1f}" {fill}/>'
        )
    if shape == "cross":
        return (
            f'<path d="M{x - 4:.1f} {y - 4:.1f}L{x + 4:.1f} {y + 4:.1f}M{x + 4:.1f} {y - 4:.1f}'
            f'L{x - 4:.1f} {y + 4:.1f}" stroke-width="2" {paint(token, "stroke")}/>'
        )
    if shape == "bar":
        return f'<rect x="{x - 5:.1f}" y="{y - 2:.1f}" width="10" height="4" {fill}/>'
    return f'<circle cx="{x:.1f}" cy="{y:.1f}" r="4.5" {fill}/>'


# --- patterns: meaning that does not rest on colour alone ----------------------------------------

PATTERN_COUNT = 5


def pattern_defs(prefix: str) -> str:
    """White overlay patterns: 0 solid (none), 1 diagonal, 2 dots, 3 cross-hatch, 4 horizontal."""
    white = f'stroke="{WHITE}" stroke-opacity="0.55"'
    return (
        "<defs>"
        f'<pattern id="{prefix}-p1" width="8" height="8" patternUnits="userSpaceOnUse" '
        f'patternTransform="rotate(45)"><line x1="0" y1="0" x2="0" y2="8" {white} '
        'stroke-width="3"/></pattern>'
        f'<pattern id="{prefix}-p2" width="8" height="8" patternUnits="userSpaceOnUse">'
        f'<circle cx="4" cy="4" r="1.8" fill="{WHITE}" fill-opacity="0.6"/></pattern>'
        f'<pattern id="{prefix}-p3" width="8" height="8" patternUnits="userSpaceOnUse">'
        f'<path d="M0 0L8 8M8 0L0 8" {white} stroke-width="1.5"/></pattern>'
        f'<pattern id="{prefix}-p4" width="8" height="8" patternUnits="userSpaceOnUse">'
        f'<line x1="0" y1="4" x2="8" y2="4" {white} stroke-width="2.5"/></pattern>'
        "</defs>"
    )


def warning_hatch(prefix: str) -> str:
    """``<prefix>-hatch``: the warning hatch of a value below a norm (not colour alone)."""
    return (
        f'<defs><pattern id="{prefix}-hatch" patternUnits="userSpaceOnUse" width="6" height="6" '
        f'patternTransform="rotate(45)"><rect width="6" height="6" {paint(WARNING_BG)}/>'
        f'<line x1="0" y1="0" x2="0" y2="6" stroke-width="3" {paint(WARNING, "stroke")}/>'
        "</pattern></defs>"
    )


def swatch(
    x: float,
    y: float,
    width: float,
    height: float,
    colour: tuple[str, str],
    pattern: int,
    prefix: str,
) -> str:
    """A rectangle in a token colour, with a white overlay pattern unless ``pattern`` is 0."""
    box = f'x="{x:.2f}" y="{y:.2f}" width="{max(width, 0):.2f}" height="{height:.2f}"'
    shape = f"<rect {box} {paint(colour)}/>"
    if pattern:
        shape += f'<rect {box} fill="url(#{prefix}-p{pattern})"/>'
    return shape


def series_style(index: int) -> tuple[Token, int]:
    """Colour and pattern number of series ``index`` (pairs stay unique beyond five)."""
    return series(index), (index + index // len(SERIES)) % PATTERN_COUNT


def legend(
    entries: list[tuple[str, tuple[str, str], int]],
    prefix: str,
    x0: float,
    y0: float,
    width: float,
) -> tuple[str, float]:
    """Swatch (colour and pattern) plus text per entry, wrapped over lines; returns height."""
    parts = []
    x, y = x0, y0
    for label, colour, pattern in entries:
        item_width = 18 + 6 + len(label) * CHAR_WIDTH + 20
        if x > x0 and x + item_width > x0 + width:
            x, y = x0, y + 24
        parts.append(swatch(x, y, 18, 18, colour, pattern, prefix))
        parts.append(text(x + 24, y + 14, label))
        x += item_width
    return "".join(parts), y - y0 + 24


def nice_step(maximum: float, ticks: int = 5) -> float:
    """A round tick step (1, 2, 2.5 or 5 times a power of ten) for an axis up to ``maximum``."""
    if maximum <= 0:
        return 1.0
    raw = maximum / ticks
    magnitude = 10 ** math.floor(math.log10(raw))
    for factor in (1, 2, 2.5, 5, 10):
        if raw <= factor * magnitude:
            return factor * magnitude
    return 10 * magnitude


def done(parts: list[str]) -> SafeString:
    """Join the parts of a chart (every text in them is escaped)."""
    return mark_safe("".join(parts))  # noqa: S308 - built from escaped parts only


# --- the table as text alternative -------------------------------------------------------------


def text_alternative(
    caption: str, header: list[str], rows: list[list[Any]], *, numeric_from: int = 1
) -> SafeString:
    """The chart's numbers as a table (a chart never stands alone). The first column is
    the row header; columns from ``numeric_from`` on are right-aligned numbers."""

    def cells(row):
        head = format_html('<th scope="row">{}</th>', row[0])
        rest = format_html_join(
            "",
            '<td class="{}">{}</td>',
            (("num" if i + 1 >= numeric_from else "", v) for i, v in enumerate(row[1:])),
        )
        return head + rest

    head = format_html_join("", '<th scope="col">{}</th>', ((h,) for h in header))
    body = format_html_join("", "<tr>{}</tr>", ((cells(row),) for row in rows))
    return format_html(
        '<div class="table-region" role="region" tabindex="0" aria-label="{}"><table>'
        "<caption>{}</caption><thead><tr>{}</tr></thead><tbody>{}</tbody></table></div>",
        caption,
        caption,
        head,
        body,
    )
