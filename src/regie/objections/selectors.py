"""Reads of the objection register, always through the client scope (``clients.selectors``)."""

import datetime as dt
from dataclasses import dataclass

from django.db.models import QuerySet

from regie.clients.selectors import visible_clients
from regie.core.legal_terms import format_date_nl
from regie.core.ruleset import rules_on
from regie.core.termcalendar import extra_days
from regie.plans.models import PlanVersion, VersionStatus
from regie.progress.models import EnforcementCase

from . import terms
from .models import Objection


def visible_objections(principal) -> QuerySet[Objection]:
    """Objections of the clients the principal may see (the team's register)."""
    return Objection.objects.filter(client__in=visible_clients(principal)).select_related(
        "client", "client__municipality", "client__case_manager"
    )


def objections_of(client) -> QuerySet[Objection]:
    return client.objections.select_related("plan_version", "enforcement_case", "new_plan_version")


def contestable_plan_versions(client) -> QuerySet[PlanVersion]:
    return PlanVersion.objects.filter(
        client=client, status__in=[VersionStatus.DECIDED, VersionStatus.SUPERSEDED]
    ).order_by("number")


def contestable_fines(client) -> QuerySet[EnforcementCase]:
    return EnforcementCase.objects.filter(client=client, fine_amount__isnull=False).order_by(
        "decision_date"
    )


def revision_candidates(objection: Objection) -> QuerySet[PlanVersion]:
    """PIP versions that can be the new decision after an upheld objection against a PIP."""
    qs = contestable_plan_versions(objection.client)
    if objection.plan_version_id:
        qs = qs.filter(number__gt=objection.plan_version.number)
    return qs


@dataclass(frozen=True)
class Terms:
    objection_term_end: dt.date
    decision: terms.DecisionTerm
    max_postponement_weeks: int
    penalty: terms.Penalty
    penalty_unconfirmed: bool

    @property
    def decision_due(self) -> dt.date:
        return self.decision.end


def penalty_rules(day: dt.date):
    rules = rules_on(day)
    bands = (
        (14, rules.value("late_penalty_day_1_14_eur")),
        (14, rules.value("late_penalty_day_15_28_eur")),
        (None, rules.value("late_penalty_day_29_eur")),
    )
    unconfirmed = any(
        rules.unconfirmed(k)
        for k in (
            "late_penalty_max_days",
            "late_penalty_day_1_14_eur",
            "late_penalty_day_15_28_eur",
            "late_penalty_day_29_eur",
            "late_penalty_wait_days",
        )
    )
    return (
        bands,
        rules.value("late_penalty_max_days"),
        rules.value("late_penalty_wait_days"),
        unconfirmed,
    )


def terms_for(objection: Objection, today: dt.date, extra=None) -> Terms:
    """Every term of one objection, from the rule set in force on the day the decision was made
    known and the royal-decree days of the Atw."""
    extra = extra_days() if extra is None else extra
    rules = rules_on(objection.decision_made_known_on)
    obj_end = terms.objection_term_end(
        objection.decision_made_known_on, rules.value("objection_term_weeks"), extra
    )
    weeks = rules.value(
        "objection_committee_weeks" if objection.advisory_committee else "objection_decision_weeks"
    )
    suspended = terms.suspended_days(
        objection.repair_requested_on, objection.repaired_on, objection.repair_deadline, today
    )
    decision = terms.decision_term(
        obj_end,
        weeks=weeks,
        received_on=objection.received_on,
        suspended=suspended,
        postponement_weeks=objection.postponement_weeks,
        further_weeks=objection.further_delay_weeks,
        extra=extra,
    )
    bands, max_days, wait_days, unconfirmed = penalty_rules(decision.end)
    pen = terms.penalty(
        decision.end,
        objection.default_notice_received_on,
        objection.decided_on,
        today,
        bands=bands,
        max_days=max_days,
        wait_days=wait_days,
    )
    return Terms(obj_end, decision, rules.value("objection_postponement_weeks"), pen, unconfirmed)


def decision_label(objection: Objection) -> str:
    """The contested decision in words, for lists and letters."""
    if objection.plan_version_id:
        return f"PIP versie {objection.plan_version.number} ({format_date_nl(objection.decision_date)})"
    if objection.enforcement_case_id:
        return (
            f"Boete € {objection.enforcement_case.fine_amount} "
            f"({format_date_nl(objection.decision_date)})"
        )
    label = objection.decision_description or objection.get_decision_kind_display()
    return f"{label} ({format_date_nl(objection.decision_date)})"
