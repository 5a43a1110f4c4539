"""Letters of the objection procedure (WeasyPrint through ``core.pdf``)."""

from django.template.loader import render_to_string


def letter_pdf(objection, kind: str, title: str, terms, decision_label: str) -> bytes:
    from regie.core.pdf import html_to_pdf

    html = render_to_string(
        "objections/pdf/letter.html",
        {
            "objection": objection,
            "client": objection.client,
            "kind": kind,
            "title": title,
            "terms": terms,
            "decision_label": decision_label,
        },
    )
    return html_to_pdf(html)
