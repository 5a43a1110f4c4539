"""The PIP beschikking as PDF: an HTML template rendered by WeasyPrint from the stored version."""

from django.template.loader import render_to_string
from django.utils import translation

from regie.core.roles import Role
from regie.core.ruleset import rules_on

from . import validation
from .models import ComponentKind, Route

NUMBER_WORDS = {
    1: "een",
    2: "twee",
    3: "drie",
    4: "vier",
    5: "vijf",
    6: "zes",
    7: "zeven",
    8: "acht",
    9: "negen",
    10: "tien",
    11: "elf",
    12: "twaalf",
}


def dispatch_date(version):
    """The verzenddatum printed on the letter: the recorded day of bekendmaking, which for a
    decision addressed to the client is the day it is sent or handed to him (Awb art. 3:41 lid 1);
    the dagtekening when no such day is recorded."""
    return version.made_known_on or version.decision_date


def decision_context(version) -> dict:
    """What the letter shows: only what was decided. Unconfirmed rules are the team's concern
    and appear on the staff screens (the PIP summary), never in the letter."""
    plan = version.plan
    components = list(version.components.select_related("provider"))
    rules = rules_on(version.decision_date)
    weeks = int(rules.value("objection_term_weeks"))
    switch_end = (
        validation.switch_window_end(plan.first_decision_date) if plan.first_decision_date else None
    )
    return {
        "version": version,
        "plan": plan,
        "client": version.client,
        "municipality": version.decided_on_behalf_of or version.client.municipality,
        "components": components,
        "has_map": any(c.kind == ComponentKind.MAP for c in components),
        "is_education": version.route == Route.EDUCATION,
        "objection_weeks": NUMBER_WORDS.get(weeks, str(weeks)),
        "dispatch_date": dispatch_date(version),
        # the four-eyes rule lets only a team leader adopt a PIP (services.can_decide)
        "signer_function": Role.TEAM_LEADER.label,
        "switch_window_end": switch_end,
        "switch_window_months": rules.value("switch_window_months"),
    }


def decision_html(version) -> str:
    """The beschikking as HTML, always in Dutch: the Dutch text is the legal one."""
    with translation.override("nl"):
        return render_to_string("plans/decision_pdf.html", decision_context(version))


def render_decision_pdf(version, *, base_url: str = "/") -> bytes:
    from regie.core.pdf import html_to_pdf

    return html_to_pdf(decision_html(version), base_url=base_url)
