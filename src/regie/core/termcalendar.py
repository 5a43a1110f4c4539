"""Legal terms with the editable royal-decree days from the database (see ``legal_terms``).

Days equated with a holiday by royal decree (Atw art. 3 lid 3) are data (``ExtraNonWorkingDay``),
kept by the functioneel beheerder. A year for which no decree day is recorded is not "a year
without extra days": the decree may simply not have been entered. :func:`years_without_decree`
lists those years so that the rule-set screen and the start page warn the functioneel beheerder.
"""

import datetime as dt

from .legal_terms import Term, TermResult, Unit, term_end_explained
from .models import ExtraNonWorkingDay
from .ruleset import LEGACY_LAW_CUTOFF


def extra_days() -> dict[dt.date, str]:
    return dict(ExtraNonWorkingDay.objects.values_list("date", "source"))


def term_end(start: dt.date, amount: int, unit: str) -> TermResult:
    """End of a statutory term counted from ``start``; the Atw applies where its art. 4 allows."""
    return term_end_explained(
        start, Term(int(amount), Unit(unit)), extra_non_working_days=extra_days()
    )


def decree_years_to_check(today: dt.date) -> range:
    """The years whose decree days terms can need: from the first year of the Wi2021 (2022) up to
    and including next year (a term of at most 12 weeks started this year can end next year)."""
    return range(LEGACY_LAW_CUTOFF.year, today.year + 2)


def years_without_decree(today: dt.date) -> list[int]:
    """Years (see :func:`decree_years_to_check`) without any recorded decree day."""
    years = decree_years_to_check(today)
    covered = set(
        ExtraNonWorkingDay.objects.filter(
            date__year__gte=years.start, date__year__lt=years.stop
        ).values_list("date__year", flat=True)
    )
    return [year for year in years if year not in covered]


def unconfirmed_decree_days() -> list[ExtraNonWorkingDay]:
    return list(ExtraNonWorkingDay.objects.filter(unconfirmed=True).order_by("date"))
