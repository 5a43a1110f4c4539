"""The Awb procedure for a municipal fine (Wi2021 art. 22 and 23): pure date arithmetic.

No Django, no database: every function takes dates and returns dates, so the terms can be tested
with hypothesis. The article texts were read in the Algemene wet bestuursrecht (BWBR0005537) as
published in ``statengeneraal/laws-markdown`` and on pgawb.nl (PG Awb digitaal); see
docs/decisions.md, "Law (issue 9): the fine procedure".

* **Awb 5:53 lid 1.** The article applies when the fine that *can* be imposed for the violation
  is more than € 340: :func:`awb_5_53_applies` compares the maximum from the rule set with
  :data:`AWB_5_53_THRESHOLD_EUR`. Wi2021 art. 23 (at most € 800) is such a fine; art. 22 (fixed
  € 250) is not.
* **Awb 5:53 lid 2.** Then a report is always made (in departure from 5:48, where it is optional).
  **Lid 3:** then the offender is always given the opportunity to give his views (zienswijze).
* **Awb 5:48 lid 2.** The report is dated and names the offender, the violation and the provision
  violated, and where needed the place and time it was established.
* **Awb 5:51 lid 1.** If a report was made, the authority decides on the fine within thirteen
  weeks after the report's date (*dagtekening*). A term of order (*termijn van orde*): passing it
  does not end the power to fine (ABRvS 4-10-2023, ECLI:NL:RVS:2023:3702; Kamerstukken II
  2003/04, 29 702, nr. 3, p. 150). :func:`decision_due`. Thirteen weeks is more than twelve, so
  the Algemene termijnenwet does not apply (Atw art. 4): the due date is the same weekday
  thirteen weeks later, whatever day that is (report 3-2-2020 → 4-5-2020, the example in that
  ruling).
* **Awb 5:45 lid 1.** Where 5:53 applies, the power to fine lapses five years after the violation
  took place; **lid 2:** otherwise three years. **Lid 3:** when an objection or appeal is lodged
  against the fine, the lapse term is suspended until the objection or appeal is decided
  irrevocably. :func:`lapse_date`: the violation date plus the years (29 February + N years =
  28 February when that year has none), plus every day of a suspension period; no Atw (a term of
  a year or more, Atw art. 4). The power exists up to and including that date; from the next day
  a fine can no longer be imposed.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from dateutil.relativedelta import relativedelta

#: Awb 5:53 lid 1: the article applies to a fine of more than this amount.
AWB_5_53_THRESHOLD_EUR = Decimal("340")
#: Awb 5:51 lid 1: the decision within this many weeks after the report's date.
DECISION_TERM_WEEKS = 13
#: Awb 5:45 lid 1 (5:53 applies) and lid 2 (other cases).
LAPSE_YEARS_HEAVY = 5
LAPSE_YEARS_LIGHT = 3


@dataclass(frozen=True)
class Period:
    """A suspension of the lapse term (Awb 5:45 lid 3): from ``start`` up to ``end`` (exclusive);
    ``end`` None while the objection or appeal is still pending."""

    start: dt.date
    end: dt.date | None = None

    def days(self) -> int:
        return 0 if self.end is None else max((self.end - self.start).days, 0)


def awb_5_53_applies(max_amount: Decimal | int | None) -> bool:
    """Awb 5:53 lid 1: a fine of more than € 340 can be imposed for this violation."""
    return max_amount is not None and Decimal(str(max_amount)) > AWB_5_53_THRESHOLD_EUR


def decision_due(report_date: dt.date) -> dt.date:
    """Awb 5:51 lid 1: the last day of the thirteen weeks after the report's date (no Atw)."""
    return report_date + dt.timedelta(weeks=DECISION_TERM_WEEKS)


def lapse_years(heavy: bool) -> int:
    """Awb 5:45 lid 1 (five years where 5:53 applies) or lid 2 (three years)."""
    return LAPSE_YEARS_HEAVY if heavy else LAPSE_YEARS_LIGHT


def lapse_date(
    violation_on: dt.date, heavy: bool, suspensions: Iterable[Period] = ()
) -> dt.date | None:
    """The last day on which the fine can still be imposed (Awb 5:45): the violation date plus
    five or three years, moved on by every day of a closed suspension period (lid 3). None while a
    suspension is still open: the term does not run, so there is no date yet."""
    periods = list(suspensions)
    if any(p.end is None for p in periods):
        return None
    base = violation_on + relativedelta(years=lapse_years(heavy))
    return base + dt.timedelta(days=sum(p.days() for p in periods))


def lapsed(violation_on: dt.date, heavy: bool, suspensions: Iterable[Period], day: dt.date) -> bool:
    """Whether the power to fine has lapsed on ``day``."""
    end = lapse_date(violation_on, heavy, suspensions)
    return end is not None and day > end
