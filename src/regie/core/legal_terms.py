"""Legal-term calendar: statutory terms and the *Algemene termijnenwet* (Atw).

Pure Python (no Django, no database): every function takes dates and returns dates, so it can
be used from models, services, views, management commands and tests alike.

Rules implemented (Algemene termijnenwet, BWBR0002448, art. 1-4, and the Awb):

* **Counting convention (Awb 6:8; Wet inburgering 2021 art. 11).** ``start`` is the day of the
  event that triggers the term (the day a decision is made known, the *dagtekening* of the PIP,
  the day of DUO's *kennisgeving*, ...). The term itself begins on the *next* day and its last
  day is returned, inclusive: a term of N days ends N days after ``start``; a term of N weeks
  ends on the same weekday N weeks later (a 6-week objection term against a decision made
  known on a Tuesday ends on the Tuesday six weeks later); a term of N months or years ends on
  the same day of the month, clamped to the last day of a shorter month (31 January + 1 month
  = 28/29 February; 29 February + 1 year = 28 February). Example: a PIP dated
  14-3-2023 gives an *inburgeringstermijn* from 15-3-2023 up to and including 14-3-2026.
  Negative amounts are terms counted backwards from ``start``.
* **Atw art. 1 lid 1.** A term that ends on a Saturday, Sunday or generally recognised holiday
  is extended up to and including the next day that is none of these.
  **Art. 1 lid 2:** not for terms counted backwards from a moment (negative amounts here).
* **Atw art. 2.** A term of at least three days is extended, if necessary, so that it contains
  at least two days that are not a Saturday, Sunday or holiday. The start day (the event day)
  does not count; the days counted are ``start + 1`` up to the end.
* **Atw art. 3 lid 1-2.** Generally recognised holidays: Nieuwjaarsdag, Tweede Paasdag,
  Hemelvaartsdag, Tweede Pinksterdag, Eerste and Tweede Kerstdag, the day the King's birthday is
  celebrated (Koningsdag: 27 April, or 26 April when 27 April is a Sunday), 5 May
  (Bevrijdingsdag) **every year**, and Goede Vrijdag (art. 3 lid 2). :func:`atw_holidays` also
  lists Eerste Paasdag and Eerste Pinksterdag: they always fall on a Sunday, so they change no
  result, but naming them makes the explanation readable ("zondag 5-4-2026 is Eerste
  Paasdag").
* **Atw art. 3 lid 3.** Days equated with a holiday by royal decree (KB; about every three
  years, mostly bridge days) are *data*, never hard-coded here: callers pass them as
  ``extra_non_working_days`` (a set of dates, an iterable of ``(date, source)`` pairs or a
  mapping ``date -> source``), e.g. from an editable table seeded with Stcrt. 2025, 24713
  (2-1-2026, 15-5-2026, 7-5-2027, 28-4-2028, 26-5-2028).
* **Atw art. 4.** The Atw does not apply to terms longer than
  90 days, 12 weeks or 3 months, nor to terms of a year or more: it applies to the 10-week PIP
  term and the 6-week objection term, never to the 3-year *inburgeringstermijn*, the 18-month
  switching window, the 2.5-year extension window or the 6 months of *ontzorgen*. See
  :meth:`Term.atw_applies`.
* **Scope.** The Atw only covers terms set in a formal law or an AMvB (the Wet and the Besluit
  inburgering 2021, the Awb); not terms in a ministerial regulation, a local policy rule or a
  contract. Length is checked here; the source of a term is the caller's knowledge, passed as
  ``apply_atw=False`` for terms outside that scope.

Holiday dates: the Easter-based feasts are computed from Easter Sunday as given by
``dateutil.easter.easter`` (Western/Gregorian), the same function the ``holidays`` package uses
for ``holidays.Netherlands``. The Atw set is built here explicitly from named feasts rather than
by filtering ``holidays.Netherlands``, because that list is not the Atw's (it has
Bevrijdingsdag only in lustrum years) and its contents and names depend on the package version
and language; the tests cross-check both calendars. Supported from 2014 (the
first Koningsdag), see :data:`MIN_YEAR`.

Explanations (:attr:`TermResult.reason`) are plain Dutch strings, not gettext messages: they
are legal text that ends up in Dutch decisions and case files, whatever the user's interface
language. Dates in them are written as d-m-Y (``7-4-2026``), see :func:`format_date_nl`.
"""

from __future__ import annotations

import calendar
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import StrEnum
from functools import lru_cache
from types import MappingProxyType

from dateutil.easter import EASTER_WESTERN, easter

__all__ = [
    "ATW_MAX_DAYS",
    "ATW_MAX_MONTHS",
    "ATW_MAX_WEEKS",
    "EXTENSION_APPLICATION_WINDOW",
    "INBURGERINGSTERMIJN",
    "MIN_YEAR",
    "OBJECTION_TERM",
    "ONTZORGEN_PERIOD",
    "PIP_TERM",
    "SWITCH_WINDOW",
    "ExtraDays",
    "Term",
    "TermResult",
    "Unit",
    "add_term",
    "atw_holidays",
    "atw_non_working_label",
    "extend_to_working_day",
    "format_date_long_nl",
    "format_date_nl",
    "is_atw_non_working",
    "later_of",
    "term_end",
    "term_end_explained",
]

#: First calendar year supported: Koningsdag (27/26 April) replaced Koninginnedag in 2014.
MIN_YEAR = 2014

#: Atw art. 4: the Atw does not apply to terms longer than these (or to terms of a year or more).
ATW_MAX_DAYS = 90
ATW_MAX_WEEKS = 12
ATW_MAX_MONTHS = 3

#: Atw art. 2 applies to terms of at least this many days.
_ART2_MIN_TERM_DAYS = 3
#: ... and requires at least this many days that are not a Saturday, Sunday or holiday.
_ART2_MIN_WORKING_DAYS = 2

_WEEKDAYS_NL = ("maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag")
_SATURDAY = 5

#: Caller-supplied days equated with a holiday by royal decree (Atw art. 3 lid 3): a set of
#: dates, an iterable of ``(date, source)`` pairs, or a mapping ``date -> source``.
ExtraDays = Mapping[date, str] | Iterable[date] | Iterable[tuple[date, str]]


class Unit(StrEnum):
    """Unit in which a statutory term is expressed."""

    DAYS = "days"
    WEEKS = "weeks"
    MONTHS = "months"
    YEARS = "years"


_UNIT_NAMES_NL = {
    Unit.DAYS: ("dag", "dagen"),
    Unit.WEEKS: ("week", "weken"),
    Unit.MONTHS: ("maand", "maanden"),
    Unit.YEARS: ("jaar", "jaar"),
}


@dataclass(frozen=True)
class Term:
    """A statutory term such as ``Term(10, Unit.WEEKS)``.

    ``amount`` is a non-zero integer; a negative amount is a term counted backwards from its
    start (Atw art. 1 lid 2).
    """

    amount: int
    unit: Unit

    def __post_init__(self) -> None:
        if isinstance(self.amount, bool) or not isinstance(self.amount, int):
            raise TypeError(f"Term amount must be an int, not {type(self.amount).__name__}")
        if self.amount == 0:
            raise ValueError("Term amount must not be zero")
        # Accept plain strings such as "weeks" (e.g. from a model field) and store the enum.
        object.__setattr__(self, "unit", Unit(self.unit))

    def atw_applies(self) -> bool:
        """Whether the Atw may extend this term, judged by its length and direction.

        Atw art. 4: not for terms longer than 90 days, 12 weeks or 3 months, nor for terms of
        a year or more (so never for a term in years). Atw art. 1 lid 2: not for terms counted
        backwards.
        """
        if self.amount < 0:
            return False
        match self.unit:
            case Unit.DAYS:
                return self.amount <= ATW_MAX_DAYS
            case Unit.WEEKS:
                return self.amount <= ATW_MAX_WEEKS
            case Unit.MONTHS:
                return self.amount <= ATW_MAX_MONTHS
            case Unit.YEARS:
                return False
        raise AssertionError(self.unit)  # pragma: no cover - Unit is exhaustive

    def __str__(self) -> str:
        singular, plural = _UNIT_NAMES_NL[self.unit]
        return f"{self.amount} {singular if abs(self.amount) == 1 else plural}"


#: The PIP within 10 weeks (Besluit inburgering 2021 art. 5.3, article text not checked).
PIP_TERM = Term(10, Unit.WEEKS)
#: Awb 6:7: the objection (*bezwaar*) term, from the day after the decision was made known.
OBJECTION_TERM = Term(6, Unit.WEEKS)
#: Wet inburgering 2021 art. 11: 3 years from the day after the *dagtekening* of the first PIP.
INBURGERINGSTERMIJN = Term(3, Unit.YEARS)
#: Route switch (*schakelen*) only within 18 months after the term started (Divosa; UNCONFIRMED).
SWITCH_WINDOW = Term(18, Unit.MONTHS)
#: Extension applications (illness, death, BIO) only once the term started 2.5 years earlier.
EXTENSION_APPLICATION_WINDOW = Term(30, Unit.MONTHS)
#: Financial *ontzorgen*: 6 months from the start of *bijstand* (Participatiewet art. 56a).
ONTZORGEN_PERIOD = Term(6, Unit.MONTHS)


@dataclass(frozen=True)
class TermResult:
    """The end of a term with the reason why it did or did not move."""

    start: date
    term: Term
    #: Last day of the term, after any Atw extension.
    end: date
    #: Last day by plain calendar arithmetic (:func:`add_term`).
    unextended_end: date
    #: Whether the Atw was applied to this term at all (scope, art. 4, art. 1 lid 2).
    atw_applied: bool
    #: Whether the Atw moved the end (``end > unextended_end``).
    extended_by_atw: bool
    #: Dutch explanation for a case manager, dates as d-m-Y.
    reason: str

    @property
    def extension_days(self) -> int:
        return (self.end - self.unextended_end).days


# --- formatting ------------------------------------------------------------------------------


def format_date_nl(d: date) -> str:
    """``7-4-2026``: day-month-year without leading zeros."""
    return f"{d.day}-{d.month}-{d.year}"


def format_date_long_nl(d: date) -> str:
    """``dinsdag 7-4-2026``."""
    return f"{_WEEKDAYS_NL[d.weekday()]} {format_date_nl(d)}"


# --- calendar arithmetic ---------------------------------------------------------------------


def _check_date(d: object, name: str) -> date:
    if isinstance(d, datetime) or not isinstance(d, date):
        raise TypeError(f"{name} must be a datetime.date (not a datetime), got {d!r}")
    return d


def _add_months(d: date, months: int) -> date:
    index = d.year * 12 + (d.month - 1) + months
    year, month0 = divmod(index, 12)
    month = month0 + 1
    last_day = calendar.monthrange(year, month)[1]
    return date(year, month, min(d.day, last_day))


def add_term(start: date, term: Term) -> date:
    """Last day of ``term`` counted from the event day ``start`` (plain arithmetic, no Atw).

    The term begins on the day after ``start`` (Awb 6:8) and the returned day is its last day:
    days and weeks add exactly; months and years keep the day of the month, clamped to the
    last day of a shorter month (31-1 + 1 month = 28-2 or 29-2; 29-2 + 1 year = 28-2).
    """
    _check_date(start, "start")
    match term.unit:
        case Unit.DAYS:
            return start + timedelta(days=term.amount)
        case Unit.WEEKS:
            return start + timedelta(weeks=term.amount)
        case Unit.MONTHS:
            return _add_months(start, term.amount)
        case Unit.YEARS:
            return _add_months(start, 12 * term.amount)
    raise AssertionError(term.unit)  # pragma: no cover - Unit is exhaustive


def later_of(*dates: date | None) -> date | None:
    """The latest of the given dates, ignoring ``None``; ``None`` when no date is given.

    For anchors such as the PIP term, which by default counts from the later of DUO's
    *kennisgeving* and the BRP registration (anchor UNCONFIRMED).
    """
    known = [_check_date(d, "date") for d in dates if d is not None]
    return max(known) if known else None


# --- the Atw calendar ------------------------------------------------------------------------


@lru_cache(maxsize=256)
def _atw_holidays(year: int) -> Mapping[date, str]:
    if year < MIN_YEAR:
        raise ValueError(f"Atw calendar is supported from {MIN_YEAR}, not for {year}")
    easter_sunday = easter(year, EASTER_WESTERN)
    kings_day = date(year, 4, 27)
    if kings_day.weekday() == 6:  # Sunday: celebrated on Saturday 26 April
        kings_day = date(year, 4, 26)
    feasts = [
        (date(year, 1, 1), "Nieuwjaarsdag"),
        (easter_sunday - timedelta(days=2), "Goede Vrijdag"),  # art. 3 lid 2
        (easter_sunday, "Eerste Paasdag"),  # always a Sunday
        (easter_sunday + timedelta(days=1), "Tweede Paasdag"),
        (kings_day, "Koningsdag"),
        (date(year, 5, 5), "Bevrijdingsdag"),  # every year, not only in lustrum years
        (easter_sunday + timedelta(days=39), "Hemelvaartsdag"),
        (easter_sunday + timedelta(days=49), "Eerste Pinksterdag"),  # always a Sunday
        (easter_sunday + timedelta(days=50), "Tweede Pinksterdag"),
        (date(year, 12, 25), "Eerste Kerstdag"),
        (date(year, 12, 26), "Tweede Kerstdag"),
    ]
    names: dict[date, list[str]] = {}
    for day, name in feasts:
        names.setdefault(day, []).append(name)  # e.g. 5-5-2016: Hemelvaartsdag and 5 May
    return MappingProxyType({day: " en ".join(names[day]) for day in sorted(names)})


def atw_holidays(year: int) -> dict[date, str]:
    """Generally recognised holidays of ``year`` per Atw art. 3 lid 1-2, with Dutch names.

    Days equated by royal decree (art. 3 lid 3) are not included: pass them as
    ``extra_non_working_days``. Raises ``ValueError`` for years before :data:`MIN_YEAR`.
    """
    return dict(_atw_holidays(year))


def _normalize_extra(extra: ExtraDays | None) -> dict[date, str | None]:
    """Turn caller-supplied KB days into ``{date: source or None}``."""
    if not extra:
        return {}
    if isinstance(extra, Mapping):
        items: Iterable[object] = extra.items()
    else:
        items = extra
    result: dict[date, str | None] = {}
    for item in items:
        if isinstance(item, tuple):
            if len(item) != 2:
                raise ValueError(f"Expected (date, source), got {item!r}")
            day, source = item
            result[_check_date(day, "extra non-working day")] = (
                str(source) if source is not None else None
            )
        else:
            result.setdefault(_check_date(item, "extra non-working day"), None)
    return result


def _label(d: date, extra: Mapping[date, str | None]) -> str | None:
    """Why ``d`` is an Atw non-working day (Dutch), or ``None`` for a working day."""
    holiday = _atw_holidays(d.year).get(d)
    if holiday is not None:
        return holiday
    if d in extra:
        source = extra[d]
        suffix = f" ({source})" if source else ""
        return f"bij koninklijk besluit gelijkgesteld met een algemeen erkende feestdag{suffix}"
    if d.weekday() >= _SATURDAY:
        return "weekend"
    return None


def atw_non_working_label(d: date, extra: ExtraDays = ()) -> str | None:
    """Dutch description of why ``d`` is not a working day under the Atw, else ``None``.

    The holiday name wins over "weekend" (e.g. "Tweede Kerstdag" on a Saturday).
    """
    return _label(_check_date(d, "d"), _normalize_extra(extra))


def is_atw_non_working(d: date, extra: ExtraDays = ()) -> bool:
    """Whether ``d`` is a Saturday, Sunday or recognised holiday (Atw art. 1 and 3).

    ``extra``: days equated by royal decree (art. 3 lid 3), supplied by the caller.
    """
    return atw_non_working_label(d, extra) is not None


def _is_non_working(d: date, extra: Mapping[date, str | None]) -> bool:
    return d in _atw_holidays(d.year) or d in extra or d.weekday() >= _SATURDAY


def _first_working_day_from(d: date, extra: Mapping[date, str | None]) -> date:
    while _is_non_working(d, extra):
        d += timedelta(days=1)
    return d


def extend_to_working_day(d: date, extra: ExtraDays = ()) -> date:
    """Atw art. 1 lid 1: ``d`` itself if it is a working day, else the next working day."""
    return _first_working_day_from(_check_date(d, "d"), _normalize_extra(extra))


def _nth_working_day_after(start: date, n: int, extra: Mapping[date, str | None]) -> date:
    d = start
    found = 0
    while found < n:
        d += timedelta(days=1)
        if not _is_non_working(d, extra):
            found += 1
    return d


# --- term ends -------------------------------------------------------------------------------


def term_end_explained(
    start: date,
    term: Term,
    *,
    extra_non_working_days: ExtraDays = (),
    apply_atw: bool | None = None,
) -> TermResult:
    """End of ``term`` counted from the event day ``start``, with the Atw, and why.

    ``apply_atw``:
      * ``None`` (default): apply the Atw when :meth:`Term.atw_applies` (art. 4, art. 1 lid 2);
      * ``False``: do not apply it (the term is not set in a formal law or AMvB, e.g. a
        ministerial regulation, a local policy rule or an agreement);
      * ``True``: apply it, and raise ``ValueError`` when art. 4 or art. 1 lid 2 excludes the
        term, so that the Atw is never applied to a term of a year or more or longer than
        90 days, 12 weeks or 3 months.

    ``extra_non_working_days``: days equated by royal decree (Atw art. 3 lid 3), as data.
    """
    _check_date(start, "start")
    plain_end = add_term(start, term)
    in_scope = term.atw_applies()
    if apply_atw and not in_scope:
        raise ValueError(f"The Algemene termijnenwet does not apply to a term of {term}")
    plain_long = format_date_long_nl(plain_end)

    if apply_atw is False or not in_scope:
        if apply_atw is False:
            why = "de Algemene termijnenwet is op deze termijn niet toegepast"
        elif term.amount < 0:
            why = (
                "de Algemene termijnenwet verlengt geen termijn die wordt teruggerekend "
                "(art. 1 lid 2 Atw)"
            )
        else:
            why = (
                f"de Algemene termijnenwet geldt niet voor een termijn van {term}, want die is "
                "langer dan 90 dagen, 12 weken of 3 maanden (art. 4 Atw)"
            )
        return TermResult(
            start=start,
            term=term,
            end=plain_end,
            unextended_end=plain_end,
            atw_applied=False,
            extended_by_atw=False,
            reason=f"Niet verlengd: {why}. De termijn eindigt op {plain_long}.",
        )

    extra = _normalize_extra(extra_non_working_days)
    end_art1 = _first_working_day_from(plain_end, extra)
    end = end_art1
    art2 = False
    if (plain_end - start).days >= _ART2_MIN_TERM_DAYS:
        end_art2 = _nth_working_day_after(start, _ART2_MIN_WORKING_DAYS, extra)
        if end_art2 > end_art1:
            end, art2 = end_art2, True

    if end == plain_end:
        reason = (
            f"Niet verlengd: {plain_long} is geen zaterdag, zondag of algemeen erkende feestdag "
            "(Algemene termijnenwet)."
        )
    elif art2:
        reason = (
            f"Verlengd tot {format_date_long_nl(end)} (art. 2 Algemene termijnenwet): een termijn "
            "van ten minste drie dagen moet ten minste twee dagen bevatten die geen zaterdag, "
            f"zondag of algemeen erkende feestdag zijn; tot en met {plain_long} bevatte de "
            f"termijn er {_count_working_days(start, plain_end, extra)}."
        )
    else:
        skipped = []
        d = plain_end
        while d < end:
            label = _label(d, extra)
            skipped.append(
                f"{format_date_long_nl(d)} valt in het weekend"
                if label == "weekend"
                else f"{format_date_long_nl(d)} is {label}"
            )
            d += timedelta(days=1)
        reason = (
            f"Verlengd tot {format_date_long_nl(end)} (art. 1 Algemene termijnenwet): "
            + "; ".join(skipped)
            + "."
        )
    return TermResult(
        start=start,
        term=term,
        end=end,
        unextended_end=plain_end,
        atw_applied=True,
        extended_by_atw=end > plain_end,
        reason=reason,
    )


def _count_working_days(start: date, end: date, extra: Mapping[date, str | None]) -> int:
    """Working days in ``start + 1`` up to and including ``end`` (the start day never counts)."""
    return sum(
        not _is_non_working(start + timedelta(days=i), extra)
        for i in range(1, (end - start).days + 1)
    )


def term_end(
    start: date,
    term: Term,
    *,
    extra_non_working_days: ExtraDays = (),
    apply_atw: bool | None = None,
) -> date:
    """Last day of ``term`` counted from the event day ``start``, extended by the Atw where it
    applies. See :func:`term_end_explained` for the parameters and the reasoning."""
    return term_end_explained(
        start, term, extra_non_working_days=extra_non_working_days, apply_atw=apply_atw
    ).end
