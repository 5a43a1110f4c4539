"""Pure date arithmetic of the progress app (no imports from the app, so every module may use it)."""

import datetime as dt

from dateutil.relativedelta import relativedelta


def late_offer_deadline(pip_date: dt.date, months: int) -> dt.date:
    """The last day the education (language or KNM) may start: the PIP date plus ``months``
    calendar months (the same day of the month, clamped to a shorter month's end).

    No Algemene termijnenwet: the threshold comes from the minister's implementation letter as
    reported by Stimulansz, not from a law or AMvB, and Atw art. 1 lid 1 covers "een in een wet
    gestelde termijn". UNCONFIRMED whether DUO counts it otherwise (docs/decisions.md, "Law
    (issue 9): late offer and family migrants")."""
    return pip_date + relativedelta(months=months)
