"""Legal terms with the editable royal-decree days from the database (see ``legal_terms``)."""

import datetime as dt

from .legal_terms import Term, TermResult, Unit, term_end_explained
from .models import ExtraNonWorkingDay


def extra_days() -> dict[dt.date, str]:
    return dict(ExtraNonWorkingDay.objects.values_list("date", "source"))


def term_end(start: dt.date, amount: int, unit: str) -> TermResult:
    """End of a statutory term counted from ``start``; the Atw applies where its art. 4 allows."""
    return term_end_explained(
        start, Term(int(amount), Unit(unit)), extra_non_working_days=extra_days()
    )
