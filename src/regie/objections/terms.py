"""Term arithmetic of the objection procedure (pure Python: dates in, dates out).

Rules, each read in the text of the Algemene wet bestuursrecht (Awb):

* **Awb art. 6:7 and 6:8 lid 1.** The objection term is six weeks and starts on the day after
  the decision was made known (*bekendgemaakt*).
* **Awb art. 7:10 lid 1.** The college decides on the objection within six weeks, or twelve
  weeks when an advisory committee as meant in Awb art. 7:13 is set up, "gerekend vanaf de dag
  na die waarop de termijn voor het indienen van het bezwaarschrift is verstreken".
* **Awb art. 7:10 lid 2.** The term is suspended from the day after the objector was asked to
  repair a defect (Awb art. 6:6) until the day the defect is repaired or the term set for it
  passed unused.
* **Awb art. 7:10 lid 3-4.** One postponement (*verdaging*) of at most six weeks; further delay
  only with the objector's consent (and no harm to other interested parties), with all
  interested parties' consent, or when needed to comply with statutory procedure rules.
* **Awb art. 7:10 lid 5.** Every suspension, postponement and further delay is notified in
  writing.
* **Awb art. 4:17 (applies to the decision on objection through Awb art. 7:14).** Late
  decision: a penalty (*dwangsom*) per day in default, at most 42 days (the Atw does not apply
  to those 42 days); 14 days at EUR 23, 14 days at EUR 35, the rest at EUR 45; the first day
  is the day on which two weeks have passed after the later of the day the term ended and the
  day the college received the written notice of default (*ingebrekestelling*).
* **Awb art. 4:18.** The college fixes the penalty by decision within two weeks after the last
  day for which it was due.
* **Algemene termijnenwet.** Applies to the statutory terms of at most 12 weeks (art. 4):
  the objection term, the decision term, the postponement, the 4:18 term. See
  :mod:`regie.core.legal_terms`.

Choices where the Awb text is silent (``docs/decisions.md``, "Law (issue 9): objections"):
the suspended days run from the day after the request up to, not including, the day of repair
("tot de dag"); a postponement counts from the end of the (Atw-extended) decision term and a
further delay from the end of the postponement; an objection received after the objection
term ended has its decision term counted from the day after receipt (UNCONFIRMED).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from regie.core.legal_terms import (
    ExtraDays,
    Term,
    Unit,
    format_date_nl,
    term_end_explained,
)

#: Awb art. 4:17 lid 1-2: the defaults; the rule set holds the values in force.
PENALTY_BANDS = ((14, Decimal("23")), (14, Decimal("35")), (None, Decimal("45")))
PENALTY_MAX_DAYS = 42
PENALTY_WAIT_DAYS = 14


@dataclass(frozen=True)
class DecisionTerm:
    """The last day to decide on an objection and how it was reached (Dutch, for the screen)."""

    start: dt.date  # the day the term counts from (the term begins on the day after)
    weeks: int
    suspended_days: int
    postponement_weeks: int
    further_weeks: int
    end: dt.date
    steps: tuple[str, ...]

    @property
    def explanation(self) -> str:
        return " ".join(self.steps)


def objection_term_end(made_known_on: dt.date, weeks: int = 6, extra: ExtraDays = ()) -> dt.date:
    """Awb art. 6:7 and 6:8: last day of the objection term (Atw applied)."""
    return term_end_explained(
        made_known_on, Term(weeks, Unit.WEEKS), extra_non_working_days=extra
    ).end


def suspended_days(
    requested_on: dt.date | None,
    repaired_on: dt.date | None,
    repair_deadline: dt.date | None,
    today: dt.date | None = None,
) -> int:
    """Awb art. 7:10 lid 2: days the decision term stands still for the repair of a defect.

    From the day after the request up to (not including) the day of repair, or the day after
    the repair term passed unused; while the repair is still open, up to ``today``.
    """
    if requested_on is None:
        return 0
    if repaired_on is not None:
        until = repaired_on
    elif repair_deadline is not None and (today is None or today > repair_deadline):
        until = repair_deadline + dt.timedelta(days=1)
    elif today is not None:
        until = today
    else:
        return 0
    return max(0, (until - requested_on).days - 1)


def decision_term(
    objection_term_last_day: dt.date,
    *,
    weeks: int = 6,
    received_on: dt.date | None = None,
    suspended: int = 0,
    postponement_weeks: int = 0,
    further_weeks: int = 0,
    extra: ExtraDays = (),
) -> DecisionTerm:
    """Awb art. 7:10: last day to decide on the objection.

    ``weeks`` is 6, or 12 with an advisory committee (Awb art. 7:13). The term counts from the
    day after the objection term ended (lid 1), or from the day after receipt when the objection
    came in later; ``suspended`` days are added (lid 2); then the postponement (lid 3) and a
    further delay (lid 4) each run from the end reached so far. The Atw extends each end that
    falls on a Saturday, Sunday or holiday.
    """
    if suspended < 0 or postponement_weeks < 0 or further_weeks < 0:
        raise ValueError("suspension and postponement cannot be negative")
    start = objection_term_last_day
    steps = [
        f"Awb art. 7:10 lid 1: {weeks} weken vanaf de dag na het einde van de bezwaartermijn "
        f"({format_date_nl(objection_term_last_day)})."
    ]
    if received_on is not None and received_on > objection_term_last_day:
        start = received_on
        steps = [
            f"Awb art. 7:10 lid 1: {weeks} weken; het bezwaarschrift kwam na de bezwaartermijn "
            f"binnen, dus vanaf de dag na ontvangst ({format_date_nl(received_on)})."
        ]
    shifted = start + dt.timedelta(days=suspended)
    result = term_end_explained(shifted, Term(weeks, Unit.WEEKS), extra_non_working_days=extra)
    if suspended:
        steps.append(
            f"Awb art. 7:10 lid 2: {suspended} dagen opgeschort voor herstel van een verzuim."
        )
    steps.append(result.reason)
    end = result.end
    for amount, label in ((postponement_weeks, "lid 3 (verdaging)"), (further_weeks, "lid 4")):
        if amount:
            step = term_end_explained(end, Term(amount, Unit.WEEKS), extra_non_working_days=extra)
            steps.append(f"Awb art. 7:10 {label}: {amount} weken erbij. {step.reason}")
            end = step.end
    return DecisionTerm(
        start, weeks, suspended, postponement_weeks, further_weeks, end, tuple(steps)
    )


@dataclass(frozen=True)
class Penalty:
    """Awb art. 4:17: the penalty for a late decision on the objection."""

    first_day: dt.date | None  # first day the penalty is due (None: no penalty yet / premature)
    days: int
    amount: Decimal
    last_day: dt.date | None
    fix_by: dt.date | None  # Awb art. 4:18: fix it by decision within two weeks of the last day
    premature: bool = False


def penalty(
    term_end: dt.date,
    notice_received_on: dt.date | None,
    decided_on: dt.date | None,
    today: dt.date,
    *,
    bands=PENALTY_BANDS,
    max_days: int = PENALTY_MAX_DAYS,
    wait_days: int = PENALTY_WAIT_DAYS,
) -> Penalty:
    """Awb art. 4:17 lid 1-3: the penalty due so far, counted up to the decision (the day the
    decision is sent still counts, Awb 4:18 MvT) or ``today``; at most ``max_days`` days.

    A notice of default received on or before the last day of the term is premature (the
    college was not yet in default): no penalty.
    """
    zero = Penalty(None, 0, Decimal("0"), None, None)
    if notice_received_on is None:
        return zero
    if notice_received_on <= term_end:
        return Penalty(None, 0, Decimal("0"), None, None, premature=True)
    if decided_on is not None and decided_on <= term_end:
        return zero
    first = max(term_end, notice_received_on) + dt.timedelta(days=wait_days)
    until = decided_on or today
    if until < first:
        return Penalty(first, 0, Decimal("0"), None, None)
    days = min(max_days, (until - first).days + 1)
    last = first + dt.timedelta(days=days - 1)
    amount = Decimal("0")
    left = days
    for size, rate in bands:
        take = left if size is None else min(left, size)
        amount += rate * take
        left -= take
        if left <= 0:
            break
    finished = decided_on is not None or days == max_days
    return Penalty(first, days, amount, last, last + dt.timedelta(days=14) if finished else None)
