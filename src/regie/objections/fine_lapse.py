"""The fine's lapse term during objection and appeal (Awb art. 5:45 lid 3), owned by ``progress``.

Objection and appeal against a fine suspend the term in which the power to fine lapses, until the
decision on them is irrevocable. ``progress.services`` publishes ``suspend_fine_lapse`` and
``end_fine_lapse_suspension``; this module calls them at the steps of the objection procedure:

* objection registered: a period starts on the day of receipt (kind ``bezwaar``);
* objection withdrawn: the period ends on that day;
* appeal against the decision on the objection lodged: the objection's period ends and the
  appeal's starts on the day it was lodged (kind ``beroep``; touching periods do not overlap);
* appeal decided: the appeal's period ends on the day of the ruling (a higher appeal is recorded
  in ``progress`` itself);
* no appeal: the daily job ends the objection's period on the last day of the appeal term, when
  the decision became irrevocable (:func:`end_after_unused_appeal_term`).

Where ``progress`` does not (yet) publish these services, nothing happens. A refusal of the
progress service (a Dutch ``ValidationError``) is passed on as the objection's own error, so the
step is not recorded without its effect on the fine.
"""

import datetime as dt

from django.core.exceptions import ValidationError

from regie.core.legal_terms import format_date_nl

from .errors import ObjectionError
from .models import AppealKind, DecisionKind, Objection


def _service(name: str):
    from regie.progress import services as progress_services

    return getattr(progress_services, name, None)


def _applies(objection: Objection) -> bool:
    return (
        objection.decision_kind == DecisionKind.FINE and objection.enforcement_case_id is not None
    )


def _call(name: str, *args, **kwargs) -> None:
    func = _service(name)
    if func is None:
        return
    try:
        func(*args, **kwargs)
    except ValidationError as exc:
        raise ObjectionError(exc.messages) from exc


def objection_ref(objection: Objection) -> str:
    return f"bezwaar:{objection.pk}"


def appeal_ref(objection: Objection) -> str:
    return f"beroep:{objection.pk}"


def objection_registered(principal, objection: Objection) -> None:
    if not _applies(objection):
        return
    _call(
        "suspend_fine_lapse",
        objection.enforcement_case,
        start=objection.received_on,
        reason=f"Bezwaar {objection.number} tegen de boete, ontvangen op "
        f"{format_date_nl(objection.received_on)}",
        kind="bezwaar",
        source_ref=objection_ref(objection),
        principal=principal,
    )


def objection_withdrawn(principal, objection: Objection) -> None:
    if _applies(objection):
        _call(
            "end_fine_lapse_suspension",
            objection.enforcement_case,
            end=objection.decided_on,
            source_ref=objection_ref(objection),
            principal=principal,
        )


def appeal_filed(principal, objection: Objection) -> None:
    if not _applies(objection) or objection.appeal_kind != AppealKind.DECISION:
        return  # an appeal against a late decision: the objection's period simply stays open
    _call(
        "end_fine_lapse_suspension",
        objection.enforcement_case,
        end=objection.appeal_filed_on,
        source_ref=objection_ref(objection),
        principal=principal,
    )
    _call(
        "suspend_fine_lapse",
        objection.enforcement_case,
        start=objection.appeal_filed_on,
        reason=f"Beroep tegen de beslissing op bezwaar {objection.number}, ingesteld op "
        f"{format_date_nl(objection.appeal_filed_on)} bij {objection.appeal_court}",
        kind="beroep",
        source_ref=appeal_ref(objection),
        principal=principal,
    )


def appeal_decided(principal, objection: Objection) -> None:
    if _applies(objection) and objection.appeal_kind == AppealKind.DECISION:
        _call(
            "end_fine_lapse_suspension",
            objection.enforcement_case,
            end=objection.appeal_decided_on,
            source_ref=appeal_ref(objection),
            principal=principal,
        )


def end_after_unused_appeal_term(objection: Objection, appeal_term_end: dt.date) -> bool:
    """Daily: the decision on the objection became irrevocable (no appeal within the term)."""
    func = _service("end_fine_lapse_suspension")
    if func is None or not _applies(objection):
        return False
    try:
        func(objection.enforcement_case, end=appeal_term_end, source_ref=objection_ref(objection))
    except ValidationError:
        return False  # already ended (or never started): nothing to do
    return True
