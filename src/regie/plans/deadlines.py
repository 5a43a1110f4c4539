"""Deadlines the PIP knows: the PIP term, the route-switch window, the extension window.

Registered in ``PlansConfig.ready()`` through :func:`register` (kinds, labels, the facts they
read); ``clients.deadlines`` calls :func:`provider`. Every number comes from the rule set in force
on the date the rule counts from. The term end and the late-offer deadline belong to the progress
app (``progress.deadlines``), which also knows DUO's extensions and the late-offer statement.
"""

import datetime as dt

from django.utils.translation import gettext_lazy as _

from regie.clients import deadlines
from regie.clients.deadlines import DeadlineKindDef, DeadlineSpec, statutory_end
from regie.clients.models import Client
from regie.core.legal_terms import Term, Unit, add_term, format_date_nl, later_of
from regie.core.ruleset import rules_on

from .models import Component, ComponentKind, Plan, PlanVersion, Route, VersionStatus

PIP_DECIDED = "pip_decided"
PVT_DONE = "pvt_done"
MAP_DONE = "map_done"
SWITCH_WINDOW = "switch_window"
EXTENSION_WINDOW = "extension_window"
OBJECTION_END = "objection_end"
ONTZORGEN_END = "ontzorgen_end"

KINDS = [
    DeadlineKindDef(PIP_DECIDED, _("PIP vastgesteld"), atw=True),
    DeadlineKindDef(PVT_DONE, _("PVT afgerond")),
    DeadlineKindDef(MAP_DONE, _("MAP afgerond (eindgesprek)")),
    DeadlineKindDef(SWITCH_WINDOW, _("Einde termijn schakelen leerroute"), informational=True),
    DeadlineKindDef(EXTENSION_WINDOW, _("Verlenging aanvragen mogelijk vanaf"), informational=True),
    DeadlineKindDef(OBJECTION_END, _("Einde bezwaartermijn PIP"), informational=True, atw=True),
    DeadlineKindDef(ONTZORGEN_END, _("Einde financieel ontzorgen"), informational=True),
]

# The plan's facts, for every app whose deadlines count from the PIP.
PLAN_FACTS = {Plan: "client_id", PlanVersion: "client_id", Component: "client_id"}

ANCHORS = {
    "later_of_duo_brp": ("de kennisgeving van DUO of de inschrijving in de BRP, de laatste"),
    "duo": "de kennisgeving van DUO",
    "brp": "de inschrijving in de BRP",
    "koppeling": "de koppeling aan de gemeente",
}


def pip_anchor(client: Client, choice: str) -> dt.date | None:
    if choice == "duo":
        return client.duo_notice_date
    if choice == "brp":
        return client.brp_date
    if choice == "koppeling":
        return client.linkage_date
    return later_of(client.duo_notice_date, client.brp_date)


def pip_deadline(client: Client, decided_on: dt.date | None) -> DeadlineSpec | None:
    """PIP within ``pip_term_weeks`` (Atw applies) from the anchor ``pip_term_anchor``
    (UNCONFIRMED); while information from third parties was awaited, until
    ``pip_extension_weeks`` after it was received if that is later (Besluit inburgering 2021
    art. 5.3, article text not checked)."""
    probe = later_of(client.duo_notice_date, client.brp_date, client.linkage_date)
    if probe is None:
        return None
    choice = rules_on(probe).value("pip_term_anchor")
    anchor = pip_anchor(client, choice)
    if anchor is None:
        return None
    anchor_label = ANCHORS.get(choice, choice)
    # no term before the duty starts (a minor becomes obliged when kwalificatieplicht ends)
    if client.duty_start and client.duty_start > anchor:
        anchor = client.duty_start
        anchor_label = (
            f"de start van de inburgeringsplicht ({client.get_duty_start_reason_display()})"
        )
    rules = rules_on(anchor)
    weeks = rules.value("pip_term_weeks")
    due, why = statutory_end(anchor, weeks, "weeks")
    basis = f"{weeks} weken na {anchor_label} ({format_date_nl(anchor)}). {why}"
    unconfirmed = rules.unconfirmed("pip_term_anchor") or rules.unconfirmed("pip_term_weeks")
    received = client.third_party_info_received
    if client.third_party_info_awaited and received:
        ext_weeks = rules.value("pip_extension_weeks")
        ext_due, ext_why = statutory_end(received, ext_weeks, "weeks")
        if ext_due > due:
            due = ext_due
            basis = (
                f"Verlengd: {ext_weeks} weken na ontvangst van informatie van derden "
                f"({format_date_nl(received)}). {ext_why}"
            )
            unconfirmed = unconfirmed or rules.unconfirmed("pip_extension_weeks")
    elif client.third_party_info_awaited:
        basis += " Wij wachten op informatie van derden: de termijn kan nog verlengd worden."
    return DeadlineSpec(PIP_DECIDED, due, basis, unconfirmed, decided_on)


def _dmy(day: dt.date) -> str:
    return day.strftime("%d-%m-%Y")


def extension_window_opens(first_decision: dt.date, months: int) -> dt.date:
    """The first day on which the term has run ``months`` full months. The term starts the day
    after the dagtekening of the first PIP (``services.term_for``), so ``months`` months counted
    from the dagtekening are complete at the end of that day's monthly anniversary, and the
    window opens the day after it. A start date, not an end: no Algemene termijnenwet."""
    return add_term(first_decision, Term(int(months), Unit.MONTHS)) + dt.timedelta(days=1)


def provider(client: Client) -> list[DeadlineSpec]:
    plan = Plan.objects.filter(client=client).first()
    first = plan.first_decision_date if plan else None
    specs: list[DeadlineSpec] = []
    pip = pip_deadline(client, first)
    if pip is not None:
        specs.append(pip)

    if client.has_asylum_permit and client.benefit_start:
        rules = rules_on(client.benefit_start)
        months = rules.value("ontzorgen_months")
        due, why = statutory_end(client.benefit_start, months, "months")
        specs.append(
            DeadlineSpec(
                ONTZORGEN_END,
                due,
                f"{months} maanden na de start van de bijstand "
                f"({format_date_nl(client.benefit_start)}), Participatiewet art. 56a. {why}",
            )
        )

    if plan is None or first is None:
        return specs
    current = plan.versions.filter(status=VersionStatus.DECIDED).order_by("-number").first()
    rules = rules_on(first)
    months = rules.value("switch_window_months")
    due, why = statutory_end(first, months, "months")
    specs.append(
        DeadlineSpec(
            SWITCH_WINDOW,
            due,
            f"{months} maanden na de start van de inburgeringstermijn; van de onderwijsroute "
            f"naar de B1-route kan altijd. {why}",
        )
    )
    months = rules.value("extension_window_months")
    opens = extension_window_opens(first, months)
    term_start = first + dt.timedelta(days=1)
    specs.append(
        DeadlineSpec(
            EXTENSION_WINDOW,
            opens,
            f"Verlenging (ziekte, overlijden, bijzondere omstandigheden) aanvragen kan als de "
            f"inburgeringstermijn ten minste {months} maanden loopt. De termijn begon op "
            f"{_dmy(term_start)}, dus aanvragen kan vanaf {_dmy(opens)}. Dit is een begindatum, "
            f"geen uiterste datum: de Algemene termijnenwet verschuift hem niet.",
        )
    )
    if current is None:
        return specs
    if current.made_known_on:
        cur_rules = rules_on(current.decision_date)
        weeks = cur_rules.value("objection_term_weeks")
        due, why = statutory_end(current.made_known_on, weeks, "weeks")
        specs.append(
            DeadlineSpec(
                OBJECTION_END,
                due,
                f"Awb 6:7 en 6:8: {weeks} weken vanaf de dag na de bekendmaking van PIP versie "
                f"{current.number} ({format_date_nl(current.made_known_on)}). {why}",
            )
        )
    comps = {c.kind: c for c in current.components.all()}
    pvt = comps.get(ComponentKind.PVT)
    if pvt is not None:
        specs.append(
            DeadlineSpec(
                PVT_DONE,
                plan.term_end,
                "Het PVT moet binnen de inburgeringstermijn af zijn (Wet inburgering 2021 art. 11).",
                met_on=pvt.completed_on,
            )
        )
    map_ = comps.get(ComponentKind.MAP)
    if map_ is not None and current.route != Route.EDUCATION:
        specs.append(
            DeadlineSpec(
                MAP_DONE,
                plan.term_end,
                "De MAP met eindgesprek moet binnen de inburgeringstermijn af zijn.",
                met_on=map_.completed_on,
            )
        )
    return specs


def register() -> None:
    deadlines.register(
        provider,
        kinds=KINDS,
        facts=PLAN_FACTS,
        client_fields=(
            "duo_notice_date",
            "brp_date",
            "linkage_date",
            "third_party_info_awaited",
            "third_party_info_received",
            "benefit_start",
            "permit_type",
            "duty_start",
        ),
    )
