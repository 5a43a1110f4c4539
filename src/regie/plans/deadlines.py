"""Deadlines the PIP knows (rulebook §2.2, §2.3, §2.5, §2.6, §2.7, §4, §10).

Registered in ``PlansConfig.ready()``; ``clients.deadlines.recompute`` calls :func:`provider`.
Every number comes from the rule set in force on the date the rule counts from.
"""

import datetime as dt

from regie.clients.deadlines import DeadlineSpec, statutory_end
from regie.clients.models import Client, DeadlineKind
from regie.core.legal_terms import format_date_nl, later_of
from regie.core.ruleset import rules_on

from .models import ComponentKind, Plan, Route, VersionStatus

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
    (UNCONFIRMED, rulebook §2.2, §11.1); while information from third parties was awaited, until
    ``pip_extension_weeks`` after it was received if that is later (Besluit art. 5.3 per [T])."""
    probe = later_of(client.duo_notice_date, client.brp_date, client.linkage_date)
    if probe is None:
        return None
    choice = rules_on(probe).value("pip_term_anchor")
    anchor = pip_anchor(client, choice)
    if anchor is None:
        return None
    rules = rules_on(anchor)
    weeks = rules.value("pip_term_weeks")
    due, why = statutory_end(anchor, weeks, "weeks")
    basis = f"{weeks} weken na {ANCHORS.get(choice, choice)} ({format_date_nl(anchor)}). {why}"
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
    return DeadlineSpec(DeadlineKind.PIP_DECIDED, due, basis, unconfirmed, decided_on)


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
                DeadlineKind.ONTZORGEN_END,
                due,
                f"{months} maanden na de start van de bijstand "
                f"({format_date_nl(client.benefit_start)}), Participatiewet art. 56a. {why}",
            )
        )

    if plan is None or first is None:
        return specs
    current = plan.versions.filter(status=VersionStatus.DECIDED).order_by("-number").first()
    rules = rules_on(first)
    first_txt = format_date_nl(first)
    specs.append(
        DeadlineSpec(
            DeadlineKind.TERM_END,
            plan.term_end,
            f"Wet inburgering 2021 art. 11: {rules.value('integration_term_years')} jaar vanaf de "
            f"dag na de dagtekening van het eerste PIP ({first_txt}); geen Algemene termijnenwet.",
        )
    )
    months = rules.value("switch_window_months")
    due, why = statutory_end(first, months, "months")
    specs.append(
        DeadlineSpec(
            DeadlineKind.SWITCH_WINDOW,
            due,
            f"{months} maanden na de start van de inburgeringstermijn; van de onderwijsroute "
            f"naar de B1-route kan altijd. {why}",
        )
    )
    months = rules.value("extension_window_months")
    end, why = statutory_end(first, months, "months")
    specs.append(
        DeadlineSpec(
            DeadlineKind.EXTENSION_WINDOW,
            end + dt.timedelta(days=1),
            f"Verlenging (ziekte, overlijden, bijzondere omstandigheden) aanvragen kan als de "
            f"termijn ten minste {months} maanden loopt. {why}",
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
                DeadlineKind.OBJECTION_END,
                due,
                f"Awb 6:7 en 6:8: {weeks} weken vanaf de dag na de bekendmaking van PIP versie "
                f"{current.number} ({format_date_nl(current.made_known_on)}). {why}",
            )
        )
    comps = {c.kind: c for c in current.components.all()}
    language = comps.get(ComponentKind.LANGUAGE)
    key = "late_offer_months_education" if current.route == Route.EDUCATION else "late_offer_months"
    months = rules.value(key)
    due, why = statutory_end(first, months, "months")
    specs.append(
        DeadlineSpec(
            DeadlineKind.LATE_OFFER,
            due,
            f"Het aanbod moet binnen {months} maanden na de dagtekening van het PIP "
            f"({first_txt}) starten; anders kan de klant een verklaring te laat aanbod vragen "
            f"voor verlenging bij DUO. {why}",
            rules.unconfirmed(key),
            language.offer_start if language else None,
        )
    )
    pvt = comps.get(ComponentKind.PVT)
    if pvt is not None:
        specs.append(
            DeadlineSpec(
                DeadlineKind.PVT_DONE,
                plan.term_end,
                "Het PVT moet binnen de inburgeringstermijn af zijn (Wet inburgering 2021 art. 11).",
                met_on=pvt.completed_on,
            )
        )
    map_ = comps.get(ComponentKind.MAP)
    if map_ is not None and current.route != Route.EDUCATION:
        specs.append(
            DeadlineSpec(
                DeadlineKind.MAP_DONE,
                plan.term_end,
                "De MAP met eindgesprek moet binnen de inburgeringstermijn af zijn.",
                met_on=map_.completed_on,
            )
        )
    return specs
