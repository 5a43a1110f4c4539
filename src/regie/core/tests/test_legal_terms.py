"""Tests for the legal-term calendar (Algemene termijnenwet, Awb 6:8)."""

import calendar
from datetime import date, datetime, timedelta

import holidays
import pytest
from hypothesis import given
from hypothesis import strategies as st

from regie.core.legal_terms import (
    EXTENSION_APPLICATION_WINDOW,
    INBURGERINGSTERMIJN,
    MIN_YEAR,
    OBJECTION_TERM,
    ONTZORGEN_PERIOD,
    PIP_TERM,
    SWITCH_WINDOW,
    Term,
    Unit,
    add_term,
    atw_holidays,
    atw_non_working_label,
    extend_to_working_day,
    format_date_long_nl,
    format_date_nl,
    is_atw_non_working,
    later_of,
    term_end,
    term_end_explained,
)

D = Unit.DAYS
W = Unit.WEEKS
M = Unit.MONTHS
Y = Unit.YEARS

#: Days equated with holidays by royal decree for 2026-2028 (Atw art. 3 lid 3), Stcrt. 2025, 24713:
#: test data only, the module never hard-codes them.
KB_2026_2028 = [
    (date(2026, 1, 2), "Stcrt. 2025, 24713"),
    (date(2026, 5, 15), "Stcrt. 2025, 24713"),
    (date(2027, 5, 7), "Stcrt. 2025, 24713"),
    (date(2028, 4, 28), "Stcrt. 2025, 24713"),
    (date(2028, 5, 26), "Stcrt. 2025, 24713"),
]

#: Longest Atw extension without royal-decree days, found by brute force over 2014-2099:
#: Goede Vrijdag 23-4-2038 to Koningsdag 27-4-2038 (five days in a row).
MAX_EXTENSION_WITHOUT_KB = 5


# --- the Atw holiday list (art. 3) -----------------------------------------------------------


def test_atw_holidays_2026():
    assert atw_holidays(2026) == {
        date(2026, 1, 1): "Nieuwjaarsdag",
        date(2026, 4, 3): "Goede Vrijdag",
        date(2026, 4, 5): "Eerste Paasdag",
        date(2026, 4, 6): "Tweede Paasdag",
        date(2026, 4, 27): "Koningsdag",
        date(2026, 5, 5): "Bevrijdingsdag",
        date(2026, 5, 14): "Hemelvaartsdag",
        date(2026, 5, 24): "Eerste Pinksterdag",
        date(2026, 5, 25): "Tweede Pinksterdag",
        date(2026, 12, 25): "Eerste Kerstdag",
        date(2026, 12, 26): "Tweede Kerstdag",
    }


def test_atw_holidays_returns_a_fresh_dict():
    atw_holidays(2026).clear()
    assert len(atw_holidays(2026)) == 11


def test_koningsdag_moves_to_26_april_when_27_april_is_a_sunday():
    assert date(2025, 4, 27).weekday() == 6
    assert atw_holidays(2025)[date(2025, 4, 26)] == "Koningsdag"
    assert date(2025, 4, 27) not in atw_holidays(2025)


def test_coinciding_feasts_are_both_named():
    # 2016: Ascension Day fell on 5 May.
    assert atw_holidays(2016)[date(2016, 5, 5)] == "Bevrijdingsdag en Hemelvaartsdag"


def test_years_before_koningsdag_are_not_supported():
    with pytest.raises(ValueError):
        atw_holidays(MIN_YEAR - 1)
    with pytest.raises(ValueError):
        is_atw_non_working(date(2013, 12, 31))


@pytest.mark.parametrize("year", range(MIN_YEAR, 2101))
def test_atw_list_agrees_with_holidays_package(year):
    """Every public holiday of ``holidays.Netherlands`` is an Atw day on the same date; the Atw
    adds only Goede Vrijdag (missing in older package versions) and 5 May outside lustrum
    years."""
    package = holidays.Netherlands(years=year)
    ours = atw_holidays(year)
    assert set(package) <= set(ours)
    easter_sunday = next(d for d, name in ours.items() if "Eerste Paasdag" in name)
    assert set(ours) - set(package) <= {date(year, 5, 5), easter_sunday - timedelta(days=2)}
    assert date(year, 5, 5) in ours


def test_bevrijdingsdag_every_year_unlike_holidays_package():
    assert date(2026, 5, 5) not in holidays.Netherlands(years=2026)  # lustrum years only
    assert is_atw_non_working(date(2026, 5, 5))


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (date(2026, 4, 3), "Goede Vrijdag"),
        (date(2026, 5, 5), "Bevrijdingsdag"),
        (date(2026, 12, 26), "Tweede Kerstdag"),  # a Saturday: the feast's name wins
        (date(2025, 4, 27), "weekend"),  # Sunday 27 April 2025 is no Koningsdag
        (date(2026, 5, 4), None),
        (date(2025, 4, 28), None),
        (date(2026, 5, 15), None),  # a KB day only when the caller supplies it
    ],
)
def test_non_working_labels(day, expected):
    assert atw_non_working_label(day) == expected
    assert is_atw_non_working(day) is (expected is not None)


def test_kb_days_are_caller_data_in_any_form():
    day = date(2026, 5, 15)
    assert not is_atw_non_working(day)
    assert is_atw_non_working(day, {day})
    assert is_atw_non_working(day, [day])
    assert is_atw_non_working(day, KB_2026_2028)
    assert is_atw_non_working(day, dict(KB_2026_2028))
    assert atw_non_working_label(day, KB_2026_2028) == (
        "bij koninklijk besluit gelijkgesteld met een algemeen erkende feestdag "
        "(Stcrt. 2025, 24713)"
    )
    assert atw_non_working_label(day, {day}) == (
        "bij koninklijk besluit gelijkgesteld met een algemeen erkende feestdag"
    )


def test_bad_kb_data_is_rejected():
    with pytest.raises(ValueError):
        is_atw_non_working(date(2026, 5, 15), [(date(2026, 5, 15), "a", "b")])
    with pytest.raises(TypeError):
        is_atw_non_working(date(2026, 5, 15), ["2026-05-15"])


# --- plain calendar arithmetic ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("start", "term", "expected"),
    [
        (date(2026, 1, 31), Term(1, M), date(2026, 2, 28)),
        (date(2028, 1, 31), Term(1, M), date(2028, 2, 29)),
        (date(2026, 3, 31), Term(1, M), date(2026, 4, 30)),
        (date(2025, 8, 31), Term(6, M), date(2026, 2, 28)),
        (date(2027, 8, 31), Term(6, M), date(2028, 2, 29)),
        (date(2025, 12, 15), Term(1, M), date(2026, 1, 15)),
        (date(2026, 3, 31), Term(-1, M), date(2026, 2, 28)),
        (date(2024, 2, 29), Term(1, Y), date(2025, 2, 28)),
        (date(2024, 2, 29), Term(12, M), date(2025, 2, 28)),
        (date(2024, 2, 29), Term(4, Y), date(2028, 2, 29)),
        (date(2023, 2, 28), Term(1, Y), date(2024, 2, 28)),
        (date(2026, 1, 1), Term(10, D), date(2026, 1, 11)),
        (date(2026, 4, 15), Term(-2, W), date(2026, 4, 1)),
    ],
)
def test_add_term(start, term, expected):
    assert add_term(start, term) == expected


def test_inburgeringstermijn_worked_example():
    # PIP dated 14-3-2023: term from 15-3-2023 up to and including 14-3-2026 (a Saturday).
    result = term_end_explained(date(2023, 3, 14), INBURGERINGSTERMIJN)
    assert result.end == date(2026, 3, 14)
    assert not result.atw_applied
    assert not result.extended_by_atw


def test_objection_term_ends_on_same_weekday_six_weeks_later():
    # Awb 6:8: made known on Tuesday 3-3-2026, the term starts on 4-3-2026 and ends on
    # Tuesday 14-4-2026.
    assert term_end(date(2026, 3, 3), OBJECTION_TERM) == date(2026, 4, 14)


def test_later_of():
    assert later_of() is None
    assert later_of(None, None) is None
    assert later_of(date(2026, 1, 5), None) == date(2026, 1, 5)
    assert later_of(None, date(2026, 1, 5), date(2026, 2, 1)) == date(2026, 2, 1)


def test_pip_term_from_the_later_anchor():
    kennisgeving, brp = date(2026, 2, 16), date(2026, 2, 9)
    assert term_end(later_of(kennisgeving, brp), PIP_TERM) == date(2026, 4, 28)


# --- Atw extensions (art. 1) -----------------------------------------------------------------


def test_example_koningsdag_2026():
    # 10 weeks from Monday 16-2-2026 end on Monday 27-4-2026 (Koningsdag) -> Tuesday 28-4-2026.
    result = term_end_explained(date(2026, 2, 16), PIP_TERM)
    assert result.unextended_end == date(2026, 4, 27)
    assert result.end == date(2026, 4, 28)
    assert result.extended_by_atw
    assert result.reason == (
        "Verlengd tot dinsdag 28-4-2026 (art. 1 Algemene termijnenwet): "
        "maandag 27-4-2026 is Koningsdag."
    )


def test_example_kb_day_2026():
    # 10 weeks ending on Friday 15-5-2026 (KB day) run to Monday 18-5-2026 ...
    start = date(2026, 3, 6)
    result = term_end_explained(start, PIP_TERM, extra_non_working_days=KB_2026_2028)
    assert result.unextended_end == date(2026, 5, 15)
    assert result.end == date(2026, 5, 18)
    assert "vrijdag 15-5-2026 is bij koninklijk besluit gelijkgesteld" in result.reason
    assert "(Stcrt. 2025, 24713)" in result.reason
    # ... but only when the caller supplies the decree's days.
    assert term_end(start, PIP_TERM) == date(2026, 5, 15)


def test_term_ending_on_good_friday_chains_over_easter():
    result = term_end_explained(date(2026, 1, 23), PIP_TERM)
    assert result.unextended_end == date(2026, 4, 3)
    assert result.end == date(2026, 4, 7)
    assert result.extension_days == 4
    assert result.reason == (
        "Verlengd tot dinsdag 7-4-2026 (art. 1 Algemene termijnenwet): "
        "vrijdag 3-4-2026 is Goede Vrijdag; zaterdag 4-4-2026 valt in het weekend; "
        "zondag 5-4-2026 is Eerste Paasdag; maandag 6-4-2026 is Tweede Paasdag."
    )


def test_term_ending_on_5_may_in_a_non_lustrum_year():
    result = term_end_explained(date(2026, 3, 24), OBJECTION_TERM)
    assert result.unextended_end == date(2026, 5, 5)
    assert result.end == date(2026, 5, 6)
    assert "dinsdag 5-5-2026 is Bevrijdingsdag" in result.reason


def test_term_ending_on_koningsdag_when_27_april_is_a_sunday():
    result = term_end_explained(date(2025, 3, 15), OBJECTION_TERM)
    assert result.unextended_end == date(2025, 4, 26)
    assert result.end == date(2025, 4, 28)
    assert result.reason == (
        "Verlengd tot maandag 28-4-2025 (art. 1 Algemene termijnenwet): "
        "zaterdag 26-4-2025 is Koningsdag; zondag 27-4-2025 valt in het weekend."
    )


@pytest.mark.parametrize(
    ("start", "plain", "extended"),
    [
        # Saturday 24-12-2022, Christmas on Sunday and Monday -> Tuesday 27-12-2022.
        (date(2022, 10, 15), date(2022, 12, 24), date(2022, 12, 27)),
        # Christmas on Friday 25-12-2026, Tweede Kerstdag on Saturday -> Monday 28-12-2026.
        (date(2026, 10, 16), date(2026, 12, 25), date(2026, 12, 28)),
    ],
)
def test_christmas_chains_over_the_weekend(start, plain, extended):
    result = term_end_explained(start, PIP_TERM)
    assert result.unextended_end == plain
    assert result.end == extended


def test_longest_extension_without_kb_days():
    result = term_end_explained(date(2038, 2, 12), PIP_TERM)
    assert result.unextended_end == date(2038, 4, 23)  # Goede Vrijdag
    assert result.end == date(2038, 4, 28)  # after Easter and Koningsdag on Tuesday 27-4
    assert result.extension_days == MAX_EXTENSION_WITHOUT_KB


def test_nine_day_chain_with_kb_days():
    # Hemelvaartsdag on 7 May and 5 May on a Tuesday (2043), with the bridge days a decree
    # typically adds: a term ending on Saturday 2 May runs to Monday 11 May.
    kb = {date(2043, 5, 4), date(2043, 5, 6), date(2043, 5, 8)}
    result = term_end_explained(date(2043, 3, 21), OBJECTION_TERM, extra_non_working_days=kb)
    assert result.unextended_end == date(2043, 5, 2)
    assert result.end == date(2043, 5, 11)
    assert result.extension_days == 9


def test_kb_day_after_new_year():
    start = date(2025, 11, 20)  # 6 weeks -> Thursday 1-1-2026
    assert term_end(start, OBJECTION_TERM) == date(2026, 1, 2)
    assert term_end(start, OBJECTION_TERM, extra_non_working_days=KB_2026_2028) == date(2026, 1, 5)


def test_not_extended_on_a_working_day():
    result = term_end_explained(date(2026, 1, 30), PIP_TERM)
    assert result.end == result.unextended_end == date(2026, 4, 10)
    assert result.atw_applied
    assert not result.extended_by_atw
    assert result.reason == (
        "Niet verlengd: vrijdag 10-4-2026 is geen zaterdag, zondag of algemeen erkende "
        "feestdag (Algemene termijnenwet)."
    )


# --- Atw art. 2: at least two working days ---------------------------------------------------


def test_art2_three_day_term_over_a_weekend():
    # Friday 9-1-2026 + 3 days = Monday 12-1-2026, which holds one working day only.
    result = term_end_explained(date(2026, 1, 9), Term(3, D))
    assert result.unextended_end == date(2026, 1, 12)
    assert result.end == date(2026, 1, 13)
    assert "(art. 2 Algemene termijnenwet)" in result.reason
    assert result.reason.endswith("tot en met maandag 12-1-2026 bevatte de termijn er 1.")


def test_art2_three_day_term_over_easter():
    # Thursday 2-4-2026 + 3 days = Easter Sunday; Tuesday 7-4 and Wednesday 8-4 are the first
    # two working days after the start.
    result = term_end_explained(date(2026, 4, 2), Term(3, D))
    assert result.unextended_end == date(2026, 4, 5)
    assert result.end == date(2026, 4, 8)


def test_art2_not_for_terms_shorter_than_three_days():
    # Friday + 2 days = Sunday -> Monday (art. 1 only; Monday is the only working day).
    assert term_end(date(2026, 1, 9), Term(2, D)) == date(2026, 1, 12)
    assert term_end(date(2026, 1, 9), Term(1, D)) == date(2026, 1, 12)


def test_art2_start_day_does_not_count():
    # Thursday 8-1-2026 + 3 days = Sunday: Friday 9-1 is the only working day in the term, the
    # start day Thursday does not count -> Monday 12-1 is the second one.
    assert term_end(date(2026, 1, 8), Term(3, D)) == date(2026, 1, 12)


# --- Atw art. 4 and art. 1 lid 2: when the Atw does not apply --------------------------------


@pytest.mark.parametrize(
    ("term", "applies"),
    [
        (Term(90, D), True),
        (Term(91, D), False),
        (Term(12, W), True),
        (Term(13, W), False),
        (Term(3, M), True),
        (Term(4, M), False),
        (Term(1, Y), False),
        (Term(-1, D), False),
        (PIP_TERM, True),
        (OBJECTION_TERM, True),
        (INBURGERINGSTERMIJN, False),
        (SWITCH_WINDOW, False),
        (EXTENSION_APPLICATION_WINDOW, False),
        (ONTZORGEN_PERIOD, False),
    ],
)
def test_atw_applies(term, applies):
    assert term.atw_applies() is applies


@pytest.mark.parametrize(
    ("start", "term", "plain", "expected"),
    [
        # All four pairs end on Saturday 7-3-2026: extended inside the limit, not beyond it.
        (date(2025, 12, 7), Term(90, D), date(2026, 3, 7), date(2026, 3, 9)),
        (date(2025, 12, 6), Term(91, D), date(2026, 3, 7), date(2026, 3, 7)),
        (date(2025, 12, 13), Term(12, W), date(2026, 3, 7), date(2026, 3, 9)),
        (date(2025, 12, 6), Term(13, W), date(2026, 3, 7), date(2026, 3, 7)),
        (date(2025, 12, 7), Term(3, M), date(2026, 3, 7), date(2026, 3, 9)),
        (date(2025, 11, 7), Term(4, M), date(2026, 3, 7), date(2026, 3, 7)),
        # Month-end clamping, then the Atw: 30-11-2025 + 3 months = Saturday 28-2-2026.
        (date(2025, 11, 30), Term(3, M), date(2026, 2, 28), date(2026, 3, 2)),
        # The 3-year term ending on Sunday 15-3-2026 is not extended.
        (date(2023, 3, 15), INBURGERINGSTERMIJN, date(2026, 3, 15), date(2026, 3, 15)),
        # 6 months ending on Easter Sunday 5-4-2026: not extended.
        (date(2025, 10, 5), ONTZORGEN_PERIOD, date(2026, 4, 5), date(2026, 4, 5)),
        # 18 months ending on Eerste Kerstdag 2026, 2.5 years ending on Koningsdag 2026.
        (date(2025, 6, 25), SWITCH_WINDOW, date(2026, 12, 25), date(2026, 12, 25)),
        (date(2023, 10, 27), EXTENSION_APPLICATION_WINDOW, date(2026, 4, 27), date(2026, 4, 27)),
    ],
)
def test_atw_limits(start, term, plain, expected):
    assert add_term(start, term) == plain
    assert term_end(start, term) == expected


def test_long_term_reason():
    result = term_end_explained(date(2023, 3, 15), INBURGERINGSTERMIJN)
    assert result.reason == (
        "Niet verlengd: de Algemene termijnenwet geldt niet voor een termijn van 3 jaar, want "
        "die is langer dan 90 dagen, 12 weken of 3 maanden (art. 4 Atw). De termijn eindigt op "
        "zondag 15-3-2026."
    )


def test_backward_term_is_not_extended():
    result = term_end_explained(date(2026, 4, 19), Term(-14, D))
    assert result.end == date(2026, 4, 5)  # Easter Sunday
    assert not result.atw_applied
    assert "art. 1 lid 2 Atw" in result.reason


def test_apply_atw_true_never_applies_the_atw_to_long_terms():
    with pytest.raises(ValueError):
        term_end(date(2023, 3, 15), INBURGERINGSTERMIJN, apply_atw=True)
    with pytest.raises(ValueError):
        term_end(date(2025, 12, 6), Term(91, D), apply_atw=True)
    assert term_end(date(2026, 2, 16), PIP_TERM, apply_atw=True) == date(2026, 4, 28)


def test_apply_atw_false_gives_plain_arithmetic():
    result = term_end_explained(date(2026, 2, 16), PIP_TERM, apply_atw=False)
    assert result.end == date(2026, 4, 27)
    assert not result.atw_applied
    assert result.reason.startswith("Niet verlengd: de Algemene termijnenwet is op deze termijn")


# --- values and formatting -------------------------------------------------------------------


def test_term_validation_and_text():
    assert str(Term(1, D)) == "1 dag"
    assert str(Term(90, D)) == "90 dagen"
    assert str(Term(1, W)) == "1 week"
    assert str(PIP_TERM) == "10 weken"
    assert str(Term(1, M)) == "1 maand"
    assert str(ONTZORGEN_PERIOD) == "6 maanden"
    assert str(INBURGERINGSTERMIJN) == "3 jaar"
    assert Term(10, "weeks") == PIP_TERM
    assert Term(10, "weeks").unit is Unit.WEEKS
    with pytest.raises(ValueError):
        Term(0, D)
    with pytest.raises(TypeError):
        Term(True, D)
    with pytest.raises(TypeError):
        Term(1.5, D)
    with pytest.raises(ValueError):
        Term(1, "fortnights")


def test_datetimes_are_rejected():
    with pytest.raises(TypeError):
        add_term(datetime(2026, 1, 1, 12, 0), PIP_TERM)
    with pytest.raises(TypeError):
        later_of(datetime(2026, 1, 1, 12, 0))


def test_date_formatting():
    assert format_date_nl(date(2026, 4, 7)) == "7-4-2026"
    assert format_date_nl(date(2026, 12, 25)) == "25-12-2026"
    assert format_date_long_nl(date(2026, 4, 7)) == "dinsdag 7-4-2026"


# --- properties ------------------------------------------------------------------------------

starts = st.dates(min_value=date(MIN_YEAR, 1, 1), max_value=date(2099, 12, 31))
atw_terms = st.one_of(
    st.builds(Term, st.integers(1, 90), st.just(D)),
    st.builds(Term, st.integers(1, 12), st.just(W)),
    st.builds(Term, st.integers(1, 3), st.just(M)),
)
long_terms = st.one_of(
    st.builds(Term, st.integers(91, 2000), st.just(D)),
    st.builds(Term, st.integers(13, 300), st.just(W)),
    st.builds(Term, st.integers(4, 60), st.just(M)),
    st.builds(Term, st.integers(1, 5), st.just(Y)),
)
any_terms = st.one_of(atw_terms, long_terms)
#: KB days as offsets from the plain end, so they actually meet the end of the term.
kb_offsets = st.sets(st.integers(-5, 12), max_size=6)


def _kb(start, term, offsets):
    plain = add_term(start, term)
    return {plain + timedelta(days=o) for o in offsets}


@given(starts, atw_terms, kb_offsets)
def test_atw_end_is_never_a_non_working_day(start, term, offsets):
    kb = _kb(start, term, offsets)
    assert not is_atw_non_working(term_end(start, term, extra_non_working_days=kb), kb)


@given(starts, any_terms, kb_offsets)
def test_end_is_never_earlier_than_plain_and_bounded(start, term, offsets):
    kb = _kb(start, term, offsets)
    plain = add_term(start, term)
    assert plain <= term_end(start, term) <= plain + timedelta(days=MAX_EXTENSION_WITHOUT_KB)
    # Each KB day can add itself and bridge to one more run of at most five weekend/holiday
    # days (see test_nine_day_chain_with_kb_days: three KB days, nine days).
    bound = MAX_EXTENSION_WITHOUT_KB + (MAX_EXTENSION_WITHOUT_KB + 1) * len(kb)
    with_kb = term_end(start, term, extra_non_working_days=kb)
    assert plain <= with_kb <= plain + timedelta(days=bound)


@given(st.dates(min_value=date(2025, 10, 1), max_value=date(2028, 10, 1)), atw_terms)
def test_real_kb_days_stay_within_the_bound(start, term):
    end = term_end(start, term, extra_non_working_days=KB_2026_2028)
    assert end <= add_term(start, term) + timedelta(days=MAX_EXTENSION_WITHOUT_KB)


@given(starts, atw_terms, kb_offsets)
def test_atw_end_is_the_earliest_day_satisfying_art_1_and_2(start, term, offsets):
    kb = _kb(start, term, offsets)
    end = term_end(start, term, extra_non_working_days=kb)
    plain = add_term(start, term)

    def acceptable(d):
        if is_atw_non_working(d, kb):
            return False
        if (plain - start).days < 3:
            return True
        days = [start + timedelta(days=i) for i in range(1, (d - start).days + 1)]
        return sum(not is_atw_non_working(x, kb) for x in days) >= 2

    assert acceptable(end)
    d = plain
    while d < end:
        assert not acceptable(d)
        d += timedelta(days=1)


@given(starts, any_terms, kb_offsets)
def test_without_atw_the_end_is_plain_arithmetic(start, term, offsets):
    kb = _kb(start, term, offsets)
    plain = add_term(start, term)
    assert term_end(start, term, extra_non_working_days=kb, apply_atw=False) == plain
    if not term.atw_applies():
        result = term_end_explained(start, term, extra_non_working_days=kb)
        assert result.end == plain
        assert not result.atw_applied


@given(starts, st.integers(-60, 60).filter(bool), st.sampled_from([M, Y]))
def test_months_and_years_never_overflow_the_day_of_month(start, amount, unit):
    end = add_term(start, Term(amount, unit))
    months = amount * (12 if unit is Y else 1)
    assert (end.year * 12 + end.month) - (start.year * 12 + start.month) == months
    assert end.day == min(start.day, calendar.monthrange(end.year, end.month)[1])


@given(starts, st.integers(-500, 500).filter(bool))
def test_weeks_are_seven_days(start, amount):
    assert add_term(start, Term(amount, W)) == add_term(start, Term(7 * amount, D))
    assert add_term(start, Term(amount, D)) == start + timedelta(days=amount)


@given(starts, st.integers(0, 40), any_terms, kb_offsets)
def test_a_later_start_never_gives_an_earlier_end(start, delay, term, offsets):
    later = start + timedelta(days=delay)
    kb = _kb(later, term, offsets)
    assert add_term(start, term) <= add_term(later, term)
    assert term_end(start, term, extra_non_working_days=kb) <= term_end(
        later, term, extra_non_working_days=kb
    )


@given(starts, atw_terms, kb_offsets)
def test_extension_is_idempotent(start, term, offsets):
    kb = _kb(start, term, offsets)
    end = term_end(start, term, extra_non_working_days=kb)
    assert extend_to_working_day(end, kb) == end
    once = extend_to_working_day(add_term(start, term), kb)
    assert extend_to_working_day(once, kb) == once


@given(starts, any_terms)
def test_reason_names_the_end_date(start, term):
    result = term_end_explained(start, term)
    assert format_date_long_nl(result.end) in result.reason
    assert result.extended_by_atw is (result.end > result.unextended_end)
    assert result.reason.startswith("Verlengd" if result.extended_by_atw else "Niet verlengd")
