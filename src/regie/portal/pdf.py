""" "My plan" as a PDF in the newcomer's language. WeasyPrint embeds the Noto fonts shipped in
``portal/fonts`` (OFL) for Arabic and Ge'ez script, so the PDF reads the same on every machine."""

from pathlib import Path

from django.template.loader import render_to_string
from django.utils import translation

FONT_DIR = Path(__file__).resolve().parent / "fonts"
FONTS = {
    "Regie Noto Arabic": FONT_DIR / "NotoSansArabic-Regular.ttf",
    "Regie Noto Ethiopic": FONT_DIR / "NotoSansEthiopic-Regular.ttf",
}


def font_faces() -> str:
    return "\n".join(
        f'@font-face {{ font-family: "{name}"; src: url("{path.as_uri()}"); }}'
        for name, path in FONTS.items()
    )


def plan_html(client, mine, language: str) -> str:
    with translation.override(language):
        return render_to_string(
            "portal/plan_pdf.html",
            {
                "client": client,
                "mine": mine,
                "font_faces": font_faces(),
                "bidi": translation.get_language_bidi(),
                "lang": language,
            },
        )


def render_plan_pdf(client, mine, language: str) -> bytes:
    from regie.core.pdf import html_to_pdf  # the demo marking on every page in demo mode

    return html_to_pdf(plan_html(client, mine, language), base_url=str(FONT_DIR))
