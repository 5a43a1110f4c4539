"""The one way to make a PDF (WeasyPrint). In demo mode every page carries the demo marking.

Apps render their HTML and call :func:`html_to_pdf`; a test checks no other module imports
WeasyPrint, so no PDF leaves the demo without the marking and every PDF is tagged (PDF/UA-1).
"""

from django.conf import settings
from django.utils.html import escape
from django.utils.translation import gettext as _


def demo_marking() -> str:
    return _("DEMO – fictieve gegevens, geen echt document")


def mark_demo(html: str) -> str:
    """Add the demo marking to the top of every page (a fixed element repeats on each page)."""
    if not settings.REGIE_DEMO:
        return html
    text = escape(demo_marking())
    style = (
        "<style>.regie-demo-marking{position:fixed;top:-1.2cm;left:0;right:0;"
        "text-align:center;font:bold 10pt sans-serif;color:#a00000;"
        "border:1pt solid #a00000;padding:1pt 4pt}"
        "@page{margin-top:2.5cm}</style>"
    )
    marking = f'<div class="regie-demo-marking">{text}</div>'
    html = html.replace("</head>", style + "</head>", 1) if "</head>" in html else style + html
    lower = html.lower()
    start = lower.find("<body")
    if start != -1:
        end = html.find(">", start) + 1
        return html[:end] + marking + html[end:]
    return marking + html


# Every letter and report is a tagged PDF (PDF/UA-1): a structure tree and /MarkInfo, so a
# screen reader reads headings, tables and reading order; the document language (/Lang) comes from
# the template's ``<html lang="…">``, which every template that calls this sets.
PDF_VARIANT = "pdf/ua-1"


def html_to_pdf(html: str, *, base_url: str | None = None) -> bytes:
    from weasyprint import HTML  # imported here: loading it is slow and needs Pango

    return HTML(string=mark_demo(html), base_url=base_url).write_pdf(pdf_variant=PDF_VARIANT)
