"""PDF documents of the progress app (WeasyPrint): fine decision and late-offer statement."""

from django.template.loader import render_to_string


def render(template: str, context: dict) -> bytes:
    from regie.core.pdf import html_to_pdf

    return html_to_pdf(render_to_string(template, context))


def fine_decision_pdf(case) -> bytes:
    return render("progress/pdf/fine_decision.html", {"case": case, "client": case.client})


def late_offer_pdf(statement) -> bytes:
    return render(
        "progress/pdf/late_offer.html", {"statement": statement, "client": statement.client}
    )
