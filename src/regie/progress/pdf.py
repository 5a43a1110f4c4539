"""PDF documents of the progress app (WeasyPrint): fine decision and late-offer statement."""

from django.template.loader import render_to_string


def render(template: str, context: dict) -> bytes:
    from regie.core.pdf import html_to_pdf

    return html_to_pdf(render_to_string(template, context))


def fine_decision_pdf(case) -> bytes:
    return render("progress/pdf/fine_decision.html", {"case": case, "client": case.client})


def late_offer_pdf(statement) -> bytes:
    """The late-offer statement: a letter to the newcomer, who adds it to his own request to DUO."""
    from .terms import late_offer_deadline

    deadline = late_offer_deadline(statement.pip_date, statement.allowed_months)
    return render(
        "progress/pdf/late_offer.html",
        {"statement": statement, "client": statement.client, "deadline": deadline},
    )
