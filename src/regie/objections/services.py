"""State changes of the objection register. Each runs in one transaction, checks the principal
(Access.FULL on the dossier; the decision on the objection and the penalty only by the team
leader) and names the rule of the Awb it enforces.

Raises :class:`ObjectionError` (a ``ValidationError`` with a Dutch message, keyed by field where
one field is wrong) for a step the Awb does not allow, ``PermissionDenied`` for a principal who may
not act, ``VersionConflict`` for a stale form.
"""

import datetime as dt
from decimal import Decimal

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from regie.clients import deadlines
from regie.clients.models import Client
from regie.clients.selectors import Access, dossier_access
from regie.core.locking import VersionConflict, save_with_version
from regie.core.roles import Role
from regie.core.ruleset import rules_on

from . import fine_lapse, selectors, work_items
from .errors import ObjectionError
from .models import (
    UPHELD_OUTCOMES,
    AppealKind,
    AppealOutcome,
    DecisionKind,
    FurtherDelayGround,
    Objection,
    Outcome,
    WaiverGround,
)


def _today() -> dt.date:
    return timezone.localdate()


def _require_full(principal, client: Client) -> None:
    if dossier_access(principal, client) != Access.FULL:
        raise PermissionDenied


def _require_team_leader(principal, client: Client) -> None:
    _require_full(principal, client)
    if principal.role != Role.TEAM_LEADER:
        raise PermissionDenied


def _user(principal):
    return principal.user if principal is not None else None


def _for_update(objection: Objection, expected_version: int) -> Objection:
    locked = Objection.objects.select_for_update().get(pk=objection.pk)
    if locked.version != expected_version:
        raise VersionConflict
    return locked


def _save(objection: Objection, expected_version: int, fields: list[str]) -> Objection:
    save_with_version(objection, expected_version, fields=fields, audit=True)
    deadlines.facts_changed(objection.client_id)  # an UPDATE sends no post_save
    return objection


def _not_in_future(day: dt.date | None, field: str) -> None:
    if day is not None and day > _today():
        raise ObjectionError(
            {field: _("Deze datum ligt in de toekomst. Vul de datum in waarop het gebeurde.")}
        )


def _not_decided(objection: Objection) -> None:
    if objection.decided_on:
        raise ObjectionError(_("Op dit bezwaar is al beslist. Deze stap kan niet meer."))


# --- register --------------------------------------------------------------------------------


@transaction.atomic
def register_objection(
    principal,
    client: Client,
    *,
    decision_kind: str,
    received_on: dt.date,
    decision_date: dt.date | None = None,
    decision_made_known_on: dt.date | None = None,
    plan_version=None,
    enforcement_case=None,
    decision_description: str = "",
    grounds: str = "",
    advisory_committee: bool = False,
) -> Objection:
    """Register a received objection (Awb art. 6:4) against a decision of the college.

    For a PIP and a fine the decision's own dates are used; the day the decision was made known
    defaults to its date (*dagtekening*) when not recorded.
    """
    _require_full(principal, client)
    Client.objects.select_for_update().filter(pk=client.pk).first()
    errors = {}
    if decision_kind == DecisionKind.PIP:
        if (
            plan_version is None
            or plan_version.client_id != client.pk
            or not plan_version.is_decided
        ):
            errors["plan_version"] = _(
                "Kies de vastgestelde PIP-versie waartegen het bezwaar is gericht."
            )
        else:
            decision_date = plan_version.decision_date
            decision_made_known_on = plan_version.made_known_on or plan_version.decision_date
    elif decision_kind == DecisionKind.FINE:
        if (
            enforcement_case is None
            or enforcement_case.client_id != client.pk
            or enforcement_case.fine_amount is None
        ):
            errors["enforcement_case"] = _(
                "Kies het boetebesluit waartegen het bezwaar is gericht."
            )
        else:
            decision_date = enforcement_case.decision_date
            decision_made_known_on = decision_made_known_on or enforcement_case.decision_date
    elif decision_kind == DecisionKind.LBT_DISPENSATION:
        lbt = getattr(client, "learnability_test", None)
        if not decision_date and lbt is not None and lbt.dispensation_decided_on:
            decision_date = lbt.dispensation_decided_on
        if not decision_description:
            decision_description = str(DecisionKind.LBT_DISPENSATION.label)
    elif decision_kind == DecisionKind.REFUSAL:
        if not decision_description.strip():
            errors["decision_description"] = _("Beschrijf welke aanvraag het college weigerde.")
    else:
        errors["decision_kind"] = _("Kies het soort besluit.")
    if not decision_date and "decision_date" not in errors and not errors:
        errors["decision_date"] = _("Vul de dagtekening van het bestreden besluit in.")
    if errors:
        raise ObjectionError(errors)
    decision_made_known_on = decision_made_known_on or decision_date
    if decision_made_known_on < decision_date:
        raise ObjectionError(
            {
                "decision_made_known_on": _(
                    "Bekendmaken kan niet vóór de dagtekening van het besluit."
                )
            }
        )
    _not_in_future(received_on, "received_on")
    number = (client.objections.aggregate(n=Max("number"))["n"] or 0) + 1
    objection = Objection.objects.create(
        client=client,
        number=number,
        decision_kind=decision_kind,
        plan_version=plan_version if decision_kind == DecisionKind.PIP else None,
        enforcement_case=enforcement_case if decision_kind == DecisionKind.FINE else None,
        decision_description=decision_description[:300],
        decision_date=decision_date,
        decision_made_known_on=decision_made_known_on,
        received_on=received_on,
        grounds=grounds,
        advisory_committee=advisory_committee,
        registered_by=_user(principal),
    )
    fine_lapse.objection_registered(principal, objection)
    return objection


# --- the decision term (Awb art. 7:10) --------------------------------------------------------


@transaction.atomic
def request_repair(principal, objection, expected_version, *, requested_on, deadline, defect):
    """Awb art. 6:6 and 7:10 lid 2: ask the objector to repair a defect; the decision term is
    suspended from the next day. The request is the written notice (lid 5)."""
    _require_full(principal, objection.client)
    objection = _for_update(objection, expected_version)
    _not_decided(objection)
    if objection.repair_requested_on and not objection.repaired_on:
        raise ObjectionError(_("Er loopt al een verzoek om herstel. Leg eerst het herstel vast."))
    _not_in_future(requested_on, "requested_on")
    if deadline <= requested_on:
        raise ObjectionError(
            {"deadline": _("De hersteltermijn moet na de datum van het verzoek eindigen.")}
        )
    objection.repair_requested_on = requested_on
    objection.repair_deadline = deadline
    objection.repair_defect = defect[:300]
    objection.repaired_on = None
    return _save(
        objection,
        expected_version,
        ["repair_requested_on", "repair_deadline", "repair_defect", "repaired_on"],
    )


@transaction.atomic
def record_repair(principal, objection, expected_version, *, repaired_on):
    """Awb art. 7:10 lid 2: the suspension ends on the day the defect is repaired."""
    _require_full(principal, objection.client)
    objection = _for_update(objection, expected_version)
    if not objection.repair_requested_on or objection.repaired_on:
        raise ObjectionError(_("Er is geen open verzoek om herstel."))
    _not_in_future(repaired_on, "repaired_on")
    if repaired_on < objection.repair_requested_on:
        raise ObjectionError({"repaired_on": _("Herstel kan niet vóór het verzoek om herstel.")})
    objection.repaired_on = repaired_on
    return _save(objection, expected_version, ["repaired_on"])


@transaction.atomic
def postpone(principal, objection, expected_version, *, postponed_on, weeks):
    """Awb art. 7:10 lid 3: one postponement of at most six weeks (the rule set's value),
    notified in writing (lid 5); a longer delay only as further delay (lid 4)."""
    _require_full(principal, objection.client)
    objection = _for_update(objection, expected_version)
    _not_decided(objection)
    limit = rules_on(objection.decision_made_known_on).value("objection_postponement_weeks")
    if objection.postponement_weeks:
        raise ObjectionError(
            _(
                "Het college kan maar één keer verdagen (Awb art. 7:10 lid 3). Verder uitstel kan "
                "alleen met instemming of voor wettelijke procedurevoorschriften (lid 4)."
            )
        )
    if weeks < 1 or weeks > limit:
        raise ObjectionError(
            {
                "weeks": _(
                    "Verdagen kan voor ten hoogste %(n)s weken (Awb art. 7:10 lid 3). Langer "
                    "uitstel kan alleen met instemming van de bezwaarmaker (lid 4)."
                )
                % {"n": limit}
            }
        )
    _not_in_future(postponed_on, "postponed_on")
    terms = selectors.terms_for(objection, _today())
    if postponed_on > terms.decision_due:
        raise ObjectionError(
            {
                "postponed_on": _(
                    "De beslistermijn was al verstreken; verdagen moet binnen de termijn."
                )
            }
        )
    objection.postponement_weeks = weeks
    objection.postponed_on = postponed_on
    return _save(objection, expected_version, ["postponement_weeks", "postponed_on"])


@transaction.atomic
def delay_further(principal, objection, expected_version, *, delayed_on, weeks, ground):
    """Awb art. 7:10 lid 4: further delay after the postponement, only with consent (a, b) or
    for statutory procedure rules (c); notified in writing (lid 5)."""
    _require_full(principal, objection.client)
    objection = _for_update(objection, expected_version)
    _not_decided(objection)
    if not objection.postponement_weeks:
        raise ObjectionError(_("Verdaag eerst (Awb art. 7:10 lid 3); verder uitstel komt daarna."))
    if ground not in FurtherDelayGround.values:
        raise ObjectionError(
            {
                "ground": _(
                    "Verder uitstel kan alleen met instemming van de bezwaarmaker of voor "
                    "wettelijke procedurevoorschriften (Awb art. 7:10 lid 4). Kies de grond."
                )
            }
        )
    if weeks < 1:
        raise ObjectionError({"weeks": _("Vul het aantal weken uitstel in.")})
    _not_in_future(delayed_on, "delayed_on")
    objection.further_delay_weeks += weeks
    objection.further_delay_ground = ground
    objection.further_delay_on = delayed_on
    return _save(
        objection,
        expected_version,
        ["further_delay_weeks", "further_delay_ground", "further_delay_on"],
    )


# --- the hearing (Awb art. 7:2, 7:3) ----------------------------------------------------------


@transaction.atomic
def plan_hearing(principal, objection, expected_version, *, planned_on):
    _require_full(principal, objection.client)
    objection = _for_update(objection, expected_version)
    _not_decided(objection)
    objection.hearing_planned_on = planned_on
    return _save(objection, expected_version, ["hearing_planned_on"])


@transaction.atomic
def record_hearing(principal, objection, expected_version, *, held_on, report):
    """Awb art. 7:2: the objector was given the opportunity to be heard; the report is kept."""
    _require_full(principal, objection.client)
    objection = _for_update(objection, expected_version)
    _not_decided(objection)
    _not_in_future(held_on, "held_on")
    if not report.strip():
        raise ObjectionError({"report": _("Vat samen wat de bezwaarmaker bij het horen zei.")})
    objection.hearing_held_on = held_on
    objection.hearing_report = report
    objection.hearing_waiver = ""
    _save(objection, expected_version, ["hearing_held_on", "hearing_report", "hearing_waiver"])
    _ready_for_decision(principal, objection)
    return objection


@transaction.atomic
def waive_hearing(principal, objection, expected_version, *, ground):
    """Awb art. 7:3: the hearing may be skipped only on one of its grounds a-e."""
    _require_full(principal, objection.client)
    objection = _for_update(objection, expected_version)
    _not_decided(objection)
    if ground not in WaiverGround.values:
        raise ObjectionError(
            {"ground": _("Kies de grond uit Awb art. 7:3 om van horen af te zien.")}
        )
    objection.hearing_waiver = ground
    _save(objection, expected_version, ["hearing_waiver"])
    _ready_for_decision(principal, objection)
    return objection


def _ready_for_decision(principal, objection: Objection) -> None:
    """Heard or hearing waived: the team leader gets a work item, due on the decision term."""
    work_items.ready(principal, objection, selectors.terms_for(objection, _today()).decision_due)


# --- the decision on the objection ----------------------------------------------------------


@transaction.atomic
def decide(
    principal,
    objection,
    expected_version,
    *,
    outcome,
    decided_on,
    reasoning,
    new_fine_amount: Decimal | None = None,
    new_decision: str = "",
):
    """The team leader decides on the objection (Awb art. 7:11 and 7:12).

    Not before the objector was heard or the hearing was waived on a ground of Awb art. 7:3
    (Awb art. 7:2), unless the objection was withdrawn. Upheld against a fine: the new decision is
    the lower amount or withdrawal (0). Upheld against a PIP: the revision is linked afterwards
    (:func:`link_revision`). Upheld otherwise: the new decision in words.
    """
    _require_team_leader(principal, objection.client)
    objection = _for_update(objection, expected_version)
    _not_decided(objection)
    if outcome not in Outcome.values:
        raise ObjectionError({"outcome": _("Kies de uitkomst.")})
    if outcome != Outcome.WITHDRAWN and not objection.hearing_done:
        raise ObjectionError(
            _(
                "Hoor de bezwaarmaker eerst (Awb art. 7:2) of leg vast waarom van horen wordt "
                "afgezien (Awb art. 7:3)."
            )
        )
    if (
        objection.repair_requested_on
        and not objection.repaired_on
        and outcome != Outcome.INADMISSIBLE
    ):
        raise ObjectionError(
            _(
                "Het verzuim is niet hersteld. Leg het herstel vast, of verklaar het bezwaar "
                "niet-ontvankelijk (Awb art. 6:6)."
            )
        )
    _not_in_future(decided_on, "decided_on")
    if decided_on < objection.received_on:
        raise ObjectionError(
            {"decided_on": _("Beslissen kan niet vóór de ontvangst van het bezwaar.")}
        )
    if outcome != Outcome.WITHDRAWN and not reasoning.strip():
        raise ObjectionError(
            {"reasoning": _("Motiveer de beslissing op het bezwaar (Awb art. 7:12).")}
        )
    if outcome in UPHELD_OUTCOMES:
        if objection.decision_kind == DecisionKind.FINE:
            old = objection.enforcement_case.fine_amount
            if new_fine_amount is None or new_fine_amount < 0 or new_fine_amount >= old:
                raise ObjectionError(
                    {
                        "new_fine_amount": _(
                            "Vul het nieuwe boetebedrag in: lager dan € %(old)s, of 0 "
                            "als de boete wordt ingetrokken."
                        )
                        % {"old": old}
                    }
                )
            objection.new_fine_amount = new_fine_amount
        elif objection.decision_kind != DecisionKind.PIP and not new_decision.strip():
            raise ObjectionError(
                {"new_decision": _("Beschrijf het nieuwe besluit (Awb art. 7:11 lid 2).")}
            )
    objection.outcome = outcome
    objection.decided_on = decided_on
    objection.decided_by = _user(principal)
    objection.reasoning = reasoning
    objection.new_decision = new_decision
    _save(
        objection,
        expected_version,
        ["outcome", "decided_on", "decided_by", "reasoning", "new_decision", "new_fine_amount"],
    )
    others = [
        (o, selectors.terms_for(o, _today()).decision_due)
        for o in objection.client.objections.filter(decided_on__isnull=True).exclude(
            pk=objection.pk
        )
        if o.hearing_done
    ]
    work_items.decided(principal, objection, others)
    if outcome == Outcome.WITHDRAWN:
        fine_lapse.objection_withdrawn(principal, objection)
    return objection


@transaction.atomic
def link_revision(principal, objection, expected_version, *, plan_version):
    """An upheld objection against a PIP: the new decision is a later, decided PIP version."""
    _require_full(principal, objection.client)
    objection = _for_update(objection, expected_version)
    if objection.decision_kind != DecisionKind.PIP or objection.outcome not in UPHELD_OUTCOMES:
        raise ObjectionError(
            _("Alleen een gegrond bezwaar tegen een PIP krijgt een nieuwe PIP-versie.")
        )
    if not selectors.revision_candidates(objection).filter(pk=plan_version.pk).exists():
        raise ObjectionError(
            {"plan_version": _("Kies een vastgestelde, latere PIP-versie van deze klant.")}
        )
    objection.new_plan_version = plan_version
    return _save(objection, expected_version, ["new_plan_version"])


# --- late decision: notice of default and penalty (Awb art. 4:17, 4:18 via 7:14) ---------


@transaction.atomic
def record_default_notice(principal, objection, expected_version, *, received_on):
    """The objector's written notice of default (*ingebrekestelling*). A notice received on or
    before the last day of the decision term is premature (Awb art. 4:17 lid 3)."""
    _require_full(principal, objection.client)
    objection = _for_update(objection, expected_version)
    _not_decided(objection)
    _not_in_future(received_on, "received_on")
    due = selectors.terms_for(objection, _today()).decision_due
    if received_on <= due:
        raise ObjectionError(
            {
                "received_on": _(
                    "De beslistermijn liep toen nog (tot en met %(d)s): deze "
                    "ingebrekestelling is te vroeg en laat geen dwangsom lopen "
                    "(Awb art. 4:17 lid 3)."
                )
                % {"d": due.strftime("%d-%m-%Y")}
            }
        )
    objection.default_notice_received_on = received_on
    return _save(objection, expected_version, ["default_notice_received_on"])


@transaction.atomic
def fix_penalty(principal, objection, expected_version, *, fixed_on, exception_note=""):
    """Awb art. 4:18: the team leader fixes the penalty due by decision. The amount is the one
    Awb art. 4:17 gives; with a ground of 4:17 lid 6 (e.g. the objection is manifestly
    inadmissible or unfounded) it is 0 and the ground is recorded."""
    _require_team_leader(principal, objection.client)
    objection = _for_update(objection, expected_version)
    if objection.penalty_fixed_on:
        raise ObjectionError(_("De dwangsom is al vastgesteld."))
    if not objection.default_notice_received_on:
        raise ObjectionError(
            _("Zonder ingebrekestelling is geen dwangsom verschuldigd (Awb art. 4:17 lid 3).")
        )
    pen = selectors.terms_for(objection, fixed_on).penalty
    objection.penalty_amount = Decimal("0") if exception_note.strip() else pen.amount
    objection.penalty_fixed_on = fixed_on
    objection.penalty_note = exception_note[:300]
    return _save(
        objection, expected_version, ["penalty_amount", "penalty_fixed_on", "penalty_note"]
    )


# --- appeal (beroep) -------------------------------------------------------------------------


@transaction.atomic
def file_appeal(principal, objection, expected_version, *, kind, filed_on, court):
    """Record that the objector appealed to the court: against the decision on the objection,
    or against not deciding in time (Awb art. 6:12: after a notice of default and two weeks)."""
    _require_full(principal, objection.client)
    objection = _for_update(objection, expected_version)
    if objection.appeal_filed_on:
        raise ObjectionError(_("Het beroep is al vastgelegd."))
    if kind not in AppealKind.values:
        raise ObjectionError({"kind": _("Kies waartegen het beroep is gericht.")})
    if kind == AppealKind.DECISION and not objection.decided_on:
        raise ObjectionError(
            {"kind": _("Er is nog geen beslissing op bezwaar om beroep tegen in te stellen.")}
        )
    if kind == AppealKind.LATE and objection.decided_on:
        raise ObjectionError(
            {"kind": _("Op het bezwaar is al beslist; kies beroep tegen de beslissing.")}
        )
    _not_in_future(filed_on, "filed_on")
    objection.appeal_kind = kind
    objection.appeal_filed_on = filed_on
    objection.appeal_court = court[:100]
    _save(objection, expected_version, ["appeal_kind", "appeal_filed_on", "appeal_court"])
    fine_lapse.appeal_filed(principal, objection)
    return objection


@transaction.atomic
def record_appeal_outcome(principal, objection, expected_version, *, outcome, decided_on, note=""):
    _require_full(principal, objection.client)
    objection = _for_update(objection, expected_version)
    if not objection.appeal_filed_on or objection.appeal_decided_on:
        raise ObjectionError(_("Er is geen lopend beroep."))
    if outcome not in AppealOutcome.values:
        raise ObjectionError({"outcome": _("Kies de uitspraak.")})
    _not_in_future(decided_on, "decided_on")
    if decided_on < objection.appeal_filed_on:
        raise ObjectionError(
            {"decided_on": _("De uitspraak kan niet vóór het instellen van het beroep.")}
        )
    objection.appeal_outcome = outcome
    objection.appeal_decided_on = decided_on
    objection.appeal_note = note
    _save(objection, expected_version, ["appeal_outcome", "appeal_decided_on", "appeal_note"])
    fine_lapse.appeal_decided(principal, objection)
    return objection
