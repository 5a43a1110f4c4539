"""Static UI checks without a browser.

- the contrast table of the design tokens, recomputed from tokens.css with the WCAG 2.x formula;
- logical CSS only (no physical left/right), no ``outline: none`` without a focus-visible ring;
- no external asset (CDN, web font) in templates, CSS or JS;
- every page template that extends base.html yields exactly one ``<h1>`` on every branch.
"""

import math
import re
from pathlib import Path

import pytest

from django.template import engines
from django.template.base import Node, TextNode
from django.template.defaulttags import ForNode, IfNode
from django.template.loader_tags import BlockNode, ExtendsNode, IncludeNode
from django.templatetags.i18n import BlockTranslateNode

SRC = Path(__file__).resolve().parents[1]  # src/regie
STATIC = SRC / "core" / "static" / "regie"
TOKENS = STATIC / "tokens.css"
CSS_FILES = sorted(p for p in SRC.rglob("*.css") if ".venv" not in p.parts)
JS_FILES = sorted(p for p in SRC.rglob("*.js") if ".venv" not in p.parts)
TEMPLATES = sorted(p for p in SRC.rglob("templates/**/*.html"))
WHITE = "#ffffff"


def strip_css_comments(text: str) -> str:
    return re.sub(r"/\*.*?\*/", "", text, flags=re.S)


# --- contrast ---------------------------------------------------------------------------------


def tokens() -> dict[str, str]:
    text = strip_css_comments(TOKENS.read_text(encoding="utf-8"))
    root = re.search(r":root\s*\{(.*?)\}", text, flags=re.S)
    assert root, "tokens.css heeft geen :root-blok"
    return {
        name: value.strip()
        for name, value in re.findall(r"(--[\w-]+)\s*:\s*([^;]+);", root.group(1))
    }


def luminance(hex_colour: str) -> float:
    value = hex_colour.lstrip("#")
    if len(value) == 3:
        value = "".join(c * 2 for c in value)
    assert re.fullmatch(r"[0-9a-fA-F]{6}", value), f"geen hexkleur: {hex_colour}"

    def channel(c: int) -> float:
        s = c / 255
        return s / 12.92 if s <= 0.04045 else ((s + 0.055) / 1.055) ** 2.4

    r, g, b = (int(value[i : i + 2], 16) for i in (0, 2, 4))
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)


def contrast(a: str, b: str) -> float:
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


TEXT, UI = 4.5, 3.0
# (name, foreground, background, minimum). Token names, or a literal colour.
PAIRS = [
    (
        "tekst / wit",
        "--basis-color-default-color-document",
        "--basis-color-default-bg-document",
        TEXT,
    ),
    (
        "tekst / bg-subtle",
        "--basis-color-default-color-document",
        "--basis-color-default-bg-subtle",
        TEXT,
    ),
    (
        "subtiele tekst / wit",
        "--basis-color-default-color-subtle",
        "--basis-color-default-bg-document",
        TEXT,
    ),
    (
        "subtiele tekst / bg-subtle",
        "--basis-color-default-color-subtle",
        "--basis-color-default-bg-subtle",
        TEXT,
    ),
    ("link / wit", "--regie-color-interactive", "--basis-color-default-bg-document", TEXT),
    ("link / bg-subtle", "--regie-color-interactive", "--basis-color-default-bg-subtle", TEXT),
    (
        "link hover / bg-subtle",
        "--regie-color-interactive-hover",
        "--basis-color-default-bg-subtle",
        TEXT,
    ),
    ("wit / primaire knop", WHITE, "--regie-color-interactive", TEXT),
    ("wit / knop hover", WHITE, "--regie-color-interactive-hover", TEXT),
    ("bezocht / wit", "--regie-color-visited", "--basis-color-default-bg-document", TEXT),
    (
        "bezocht / bg-subtle (voettekst)",
        "--regie-color-visited",
        "--basis-color-default-bg-subtle",
        TEXT,
    ),
    ("wit / kopbalk", WHITE, "--regie-color-header-bg", TEXT),
    (
        "invoerrand / wit",
        "--basis-color-default-border-default",
        "--basis-color-default-bg-document",
        UI,
    ),
    (
        "fout / wit",
        "--basis-color-negative-color-default",
        "--basis-color-default-bg-document",
        TEXT,
    ),
    (
        "fout / eigen tint",
        "--basis-color-negative-color-default",
        "--basis-color-negative-bg-subtle",
        TEXT,
    ),
    (
        "succes / eigen tint",
        "--basis-color-positive-color-default",
        "--basis-color-positive-bg-subtle",
        TEXT,
    ),
    (
        "waarschuwing / eigen tint",
        "--basis-color-warning-color-default",
        "--basis-color-warning-bg-subtle",
        TEXT,
    ),
    ("info / eigen tint", "--basis-color-info-color-default", "--basis-color-info-bg-subtle", TEXT),
    ("info / wit", "--basis-color-info-color-default", "--basis-color-default-bg-document", TEXT),
    (
        "neutrale badge / eigen tint",
        "--regie-color-neutral-badge",
        "--regie-color-neutral-badge-bg",
        TEXT,
    ),
    ("wit / gevaar-knop", WHITE, "--basis-color-negative-color-default", TEXT),
    ("focusring / wit", "--basis-focus-outline-color", "--basis-color-default-bg-document", UI),
    ("focusring / bg-subtle", "--basis-focus-outline-color", "--basis-color-default-bg-subtle", UI),
    ("halo / kopbalk", "--regie-focus-halo-color", "--regie-color-header-bg", UI),
    ("halo / primaire knop", "--regie-focus-halo-color", "--regie-color-interactive", UI),
    (
        "tekst / halo (skiplink)",
        "--basis-color-default-color-document",
        "--regie-focus-halo-color",
        TEXT,
    ),
    *[
        (f"grafiek {i} / wit", f"--regie-chart-{i}", "--basis-color-default-bg-document", UI)
        for i in range(1, 6)
    ],
]


@pytest.mark.parametrize(("name", "fg", "bg", "minimum"), PAIRS, ids=[p[0] for p in PAIRS])
def test_token_contrast(name, fg, bg, minimum):
    values = tokens()
    fg_colour = values.get(fg, fg)
    bg_colour = values.get(bg, bg)
    assert fg_colour.startswith("#") and bg_colour.startswith("#"), (fg, bg)
    ratio = contrast(fg_colour, bg_colour)
    assert ratio >= minimum, (
        f"{name}: {fg_colour} op {bg_colour} heeft contrast {ratio:.2f}:1, minimaal {minimum}:1"
    )


def test_body_text_is_not_pure_black():
    values = tokens()
    ratio = contrast(values["--basis-color-default-color-document"], WHITE)
    assert ratio < 21, "NL DS: hoofdtekst niet puur zwart"


def test_contrast_formula():
    assert math.isclose(contrast("#000000", "#ffffff"), 21.0)
    assert math.isclose(contrast("#777777", "#ffffff"), 4.48, abs_tol=0.01)


# --- logical CSS, focus ---------------------------------------------------------------------

PHYSICAL = [
    re.compile(
        r"(?<![\w-])(?:margin|padding|border|scroll-margin|scroll-padding)-(?:left|right)\b"
    ),
    re.compile(r"(?<![\w-])border-(?:top|bottom)-(?:left|right)-radius\b"),
    re.compile(r"(?<![\w-])(?:left|right)\s*:"),
    re.compile(r"(?<![\w-])(?:text-align|float|clear|caption-side)\s*:\s*(?:left|right)\b"),
    re.compile(r"background-position(?:-x)?\s*:[^;]*\b(?:left|right)\b"),
]


def css_rules(text: str):
    """(selector, declarations) of every innermost rule; @media wrappers are skipped over."""
    for selector, body in re.findall(r"([^{}]+)\{([^{}]*)\}", strip_css_comments(text)):
        yield " ".join(selector.split()), body


def test_css_uses_logical_properties_only():
    found = []
    for path in CSS_FILES:
        for selector, body in css_rules(path.read_text(encoding="utf-8")):
            for pattern in PHYSICAL:
                for match in pattern.finditer(body):
                    found.append(f"{path.relative_to(SRC)}: {selector} {{ {match.group(0)} }}")
    assert not found, "fysieke links/rechts in CSS (gebruik inline-start/end):\n" + "\n".join(found)


def test_scripts_and_templates_set_no_physical_left_right():
    found = []
    for path in JS_FILES:
        if re.search(
            r"\.style\.(?:left|right|marginLeft|marginRight|paddingLeft|paddingRight)\b",
            path.read_text(encoding="utf-8"),
        ):
            found.append(str(path.relative_to(SRC)))
    for path in TEMPLATES:
        for style in re.findall(r'style="([^"]*)"', path.read_text(encoding="utf-8")):
            if any(p.search(style) for p in PHYSICAL):
                found.append(f'{path.relative_to(SRC)}: style="{style}"')
    assert not found, found


OUTLINE_OFF = re.compile(r"outline(?:-style)?\s*:\s*(?:none|0(?:px)?)\s*(?:!important)?\s*(?:;|$)")
OUTLINE_ON = re.compile(r"outline(?:-style)?\s*:\s*(?!none|0)")


def test_no_outline_none_without_focus_visible_ring():
    problems = []
    for path in CSS_FILES:
        rules = list(css_rules(path.read_text(encoding="utf-8")))
        rings = {sel for sel, body in rules if OUTLINE_ON.search(body)}
        for selector, body in rules:
            if not OUTLINE_OFF.search(body):
                continue
            for part in (s.strip() for s in selector.split(",")):
                replacement = (
                    part.replace(":focus", ":focus-visible") if part.endswith(":focus") else None
                )
                ok = replacement is not None and any(
                    replacement in (s.strip() for s in ring.split(",")) for ring in rings
                )
                if not ok:
                    problems.append(f"{path.relative_to(SRC)}: {part} {{ outline: none }}")
    assert not problems, "outline: none zonder :focus-visible-ring:\n" + "\n".join(problems)


def test_focus_ring_uses_outline_for_forced_colours():
    rules = dict(css_rules((STATIC / "app.css").read_text(encoding="utf-8")))
    ring = rules.get(":focus-visible", "")
    assert "outline:" in ring and "var(--basis-focus-outline-color)" in ring, ring


def test_text_sizes_are_not_in_px():
    found = []
    for path in CSS_FILES:
        for selector, body in css_rules(path.read_text(encoding="utf-8")):
            for match in re.finditer(
                r"(?<![\w-])(?:font-size|font)\s*:[^;]*\b\d+(?:\.\d+)?px", body
            ):
                found.append(f"{path.relative_to(SRC)}: {selector} {{ {match.group(0)} }}")
        for name, value in re.findall(
            r"(--[\w-]*font-size[\w-]*)\s*:\s*([^;]+);", path.read_text(encoding="utf-8")
        ):
            if "px" in value:
                found.append(f"{path.relative_to(SRC)}: {name}: {value}")
    assert not found, found


# --- no external assets -----------------------------------------------------------------------

EXTERNAL = "(?:https?:)?//"
ASSET_PATTERNS = [
    re.compile(rf"<script\b[^>]*\bsrc\s*=\s*[\"']?{EXTERNAL}", re.I),
    re.compile(rf"<link\b[^>]*\bhref\s*=\s*[\"']?{EXTERNAL}", re.I),
    re.compile(
        rf"<(?:img|iframe|source|video|audio|embed|track|input)\b[^>]*\bsrcset?\s*=\s*[\"']?{EXTERNAL}",
        re.I,
    ),
    re.compile(rf"<object\b[^>]*\bdata\s*=\s*[\"']?{EXTERNAL}", re.I),
    re.compile(rf"url\(\s*[\"']?{EXTERNAL}", re.I),
    re.compile(rf"@import\s+(?:url\()?\s*[\"']?{EXTERNAL}", re.I),
]


def test_no_external_assets_in_templates_css_or_js():
    found = []
    for path in TEMPLATES + CSS_FILES:
        text = path.read_text(encoding="utf-8")
        for pattern in ASSET_PATTERNS:
            found += [f"{path.relative_to(SRC)}: {m.group(0)}" for m in pattern.finditer(text)]
    for path in JS_FILES:  # our own scripts load nothing from elsewhere
        text = path.read_text(encoding="utf-8")
        found += [
            f"{path.relative_to(SRC)}: {m.group(0)}" for m in re.finditer(r"https?://\S+", text)
        ]
    assert not found, "externe bestanden (CDN, webfont):\n" + "\n".join(found)


@pytest.mark.django_db
def test_rendered_shell_loads_scripts_and_styles_from_our_own_server(client):
    html = client.get("/inloggen/").content.decode()
    sources = re.findall(r"<script\b[^>]*\bsrc=\"([^\"]+)\"", html)
    sheets = re.findall(r"<link\b[^>]*\bhref=\"([^\"]+)\"", html)
    assert any("htmx" in s for s in sources), sources
    outside = [u for u in sources + sheets if re.match(r"(?:[a-z]+:)?//", u)]
    assert not outside, outside


# --- exactly one h1 per page template -------------------------------------------------------

H1 = re.compile(r"<h1[\s>]", re.I)
INFINITE = 99


def _sum(a, b):
    return (a[0] + b[0], min(a[1] + b[1], INFINITE))


def h1_range(nodes, engine) -> tuple[int, int]:
    """(fewest, most) <h1> a node list can render, over all if/else branches and loops."""
    total = (0, 0)
    for node in nodes:
        total = _sum(total, _node_h1_range(node, engine))
    return total


def _node_h1_range(node: Node, engine) -> tuple[int, int]:
    if isinstance(node, TextNode):
        n = len(H1.findall(node.s))
        return (n, n)
    if isinstance(node, BlockTranslateNode):
        n = sum(len(H1.findall(t.contents)) for t in node.singular)
        return (n, n)
    if isinstance(node, IfNode):
        ranges = [h1_range(nodelist, engine) for _cond, nodelist in node.conditions_nodelists]
        if node.conditions_nodelists[-1][0] is not None:  # no {% else %}: nothing may render
            ranges.append((0, 0))
        return (min(r[0] for r in ranges), max(r[1] for r in ranges))
    if isinstance(node, ForNode):
        loop = h1_range(node.nodelist_loop, engine)
        empty = h1_range(node.nodelist_empty, engine) if node.nodelist_empty else (0, 0)
        return (min(0, empty[0]), INFINITE if loop[1] else empty[1])
    if isinstance(node, IncludeNode):
        name = node.template.var if hasattr(node.template, "var") else None
        if isinstance(name, str):
            included = engine.get_template(name.strip("\"'"))
            return h1_range(included.nodelist, engine)
        return (0, 0)
    total = (0, 0)
    for attr in getattr(node, "child_nodelists", ()):
        nodelist = getattr(node, attr, None)
        if nodelist:
            total = _sum(total, h1_range(nodelist, engine))
    return total


def page_templates():
    engine = engines["django"].engine
    for path in TEMPLATES:
        template = engine.from_string(path.read_text(encoding="utf-8"))
        extends = [n for n in template.nodelist if isinstance(n, ExtendsNode)]
        if extends and getattr(extends[0].parent_name, "var", None) == "base.html":
            yield path, extends[0]


def test_base_template_has_no_h1_of_its_own():
    base = SRC / "templates" / "base.html"
    assert not H1.search(base.read_text(encoding="utf-8"))


def test_every_page_template_renders_exactly_one_h1():
    engine = engines["django"].engine
    pages = list(page_templates())
    assert len(pages) >= 10, [str(p) for p, _ in pages]
    wrong = []
    for path, extends in pages:
        blocks = [n for n in extends.nodelist if isinstance(n, BlockNode)]
        fewest, most = h1_range(blocks, engine)
        if (fewest, most) != (1, 1):
            wrong.append(
                f"{path.relative_to(SRC)}: {fewest} tot {most if most < INFINITE else 'veel'} h1's"
            )
    assert not wrong, "\n".join(wrong)


def test_components_and_fragments_have_no_h1():
    engine = engines["django"].engine
    page_paths = {p for p, _ in page_templates()}
    found = []
    for path in TEMPLATES:
        if path in page_paths or path.name in ("base.html", "error_500.html", "report_pdf.html"):
            continue
        if path.name.startswith("_") or "components" in path.parts:
            template = engine.from_string(path.read_text(encoding="utf-8"))
            if h1_range(template.nodelist, engine)[1]:
                found.append(str(path.relative_to(SRC)))
    assert not found, f"fragmenten met een eigen h1: {found}"
