"""The term arithmetic of the objection procedure (Awb art. 6:7, 6:8, 7:10, 4:17), pure dates."""

import datetime as dt
from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from regie.core.legal_terms import is_atw_non_working
from regie.objections import terms

KB_2026 = {dt.date(2026, 1, 2): "Stcrt. 2025, 24713", dt.date(2026, 5, 15): "Stcrt. 2025, 24713"}
days = st.dates(min_value=dt.date(2022, 1, 1), max_value=dt.date(2028, 10, 1))


def test_objection_term_is_six_weeks_from_the_day_after_it_was_made_known():
    # Awb 6:7, 6:8: made known on Tuesday 3-3-2026, the term runs to Tuesday 14-4-2026.
    assert terms.objection_term_end(dt.date(2026, 3, 3)) == dt.date(2026, 4, 14)


def test_objection_decision_term_is_six_weeks_from_day_after_objection_term_ended():
    result = terms.decision_term(dt.date(2026, 4, 14))
    assert result.end == dt.date(2026, 5, 26)
    assert "Awb art. 7:10 lid 1" in result.explanation


def test_objection_term_with_advisory_committee_is_twelve_weeks():
    assert terms.decision_term(dt.date(2026, 4, 14), weeks=12).end == dt.date(2026, 7, 7)


def test_decision_term_ending_on_whit_monday_moves_to_tuesday_atw():
    # 13-4-2026 + 6 weeks = Monday 25-5-2026, Tweede Pinksterdag: Atw art. 1 -> 26-5-2026.
    result = terms.decision_term(dt.date(2026, 4, 13))
    assert result.end == dt.date(2026, 5, 26)
    assert "Pinksterdag" in result.explanation


def test_decision_term_ending_on_a_royal_decree_day_moves_to_the_next_working_day():
    # 3-4-2026 + 6 weeks = Friday 15-5-2026, equated with a holiday (Stcrt. 2025, 24713).
    assert terms.decision_term(dt.date(2026, 4, 3), extra=KB_2026).end == dt.date(2026, 5, 18)
    assert terms.decision_term(dt.date(2026, 4, 3)).end == dt.date(2026, 5, 15)


def test_late_objection_counts_the_decision_term_from_the_day_after_receipt():
    result = terms.decision_term(dt.date(2026, 4, 14), received_on=dt.date(2026, 4, 21))
    assert result.end == dt.date(2026, 6, 2)


def test_repair_of_a_defect_suspends_the_decision_term_awb_7_10_lid_2():
    # asked on 20-4, repaired on 30-4: suspended from 21-4 up to (not including) 30-4 = 9 days.
    suspended = terms.suspended_days(dt.date(2026, 4, 20), dt.date(2026, 4, 30), None)
    assert suspended == 9
    assert terms.decision_term(dt.date(2026, 4, 14), suspended=9).end == dt.date(2026, 6, 4)


def test_repair_term_passed_unused_ends_the_suspension_after_its_last_day():
    suspended = terms.suspended_days(
        dt.date(2026, 4, 20), None, dt.date(2026, 5, 4), today=dt.date(2026, 6, 1)
    )
    assert suspended == 14


def test_postponement_counts_from_the_end_of_the_decision_term():
    result = terms.decision_term(dt.date(2026, 4, 14), postponement_weeks=6)
    assert result.end == dt.date(2026, 7, 7)
    assert "lid 3" in result.explanation


def test_penalty_for_late_decision_follows_awb_4_17():
    due = dt.date(2026, 5, 26)
    # notice received 1-6; first day two weeks later (15-6); 42 days at most.
    p = terms.penalty(due, dt.date(2026, 6, 1), None, dt.date(2026, 6, 14))
    assert p.first_day == dt.date(2026, 6, 15) and p.days == 0 and p.amount == 0
    p = terms.penalty(due, dt.date(2026, 6, 1), None, dt.date(2026, 6, 28))
    assert p.days == 14 and p.amount == Decimal("322")  # 14 x 23
    p = terms.penalty(due, dt.date(2026, 6, 1), None, dt.date(2026, 7, 12))
    assert p.days == 28 and p.amount == Decimal("812")  # + 14 x 35
    p = terms.penalty(due, dt.date(2026, 6, 1), None, dt.date(2026, 12, 31))
    assert p.days == 42 and p.amount == Decimal("1442")  # + 14 x 45, the maximum
    assert p.last_day == dt.date(2026, 7, 26) and p.fix_by == dt.date(2026, 8, 9)


def test_penalty_counts_up_to_and_including_the_day_of_the_decision():
    p = terms.penalty(
        dt.date(2026, 5, 26), dt.date(2026, 6, 1), dt.date(2026, 6, 16), dt.date(2026, 12, 1)
    )
    assert (p.days, p.amount, p.last_day) == (2, Decimal("46"), dt.date(2026, 6, 16))


def test_notice_of_default_before_the_term_ended_is_premature_and_gives_no_penalty():
    p = terms.penalty(dt.date(2026, 5, 26), dt.date(2026, 5, 26), None, dt.date(2026, 12, 1))
    assert p.premature and p.amount == 0 and p.first_day is None


# --- hypothesis: the term arithmetic --------------------------------------------------------


@given(
    start=days,
    weeks=st.sampled_from([6, 12]),
    suspended=st.integers(0, 60),
    postponement=st.integers(0, 6),
)
def test_decision_term_ends_on_a_working_day_within_a_few_days_of_plain_arithmetic(
    start, weeks, suspended, postponement
):
    result = terms.decision_term(
        start, weeks=weeks, suspended=suspended, postponement_weeks=postponement, extra=KB_2026
    )
    plain = start + dt.timedelta(weeks=weeks + postponement, days=suspended)
    assert not is_atw_non_working(result.end, KB_2026)
    assert plain <= result.end <= plain + dt.timedelta(days=10)


@given(start=days, weeks=st.sampled_from([6, 12]), a=st.integers(0, 40), b=st.integers(0, 40))
def test_more_suspended_days_never_shorten_the_decision_term(start, weeks, a, b):
    lo, hi = sorted((a, b))
    assert (
        terms.decision_term(start, weeks=weeks, suspended=lo).end
        <= terms.decision_term(start, weeks=weeks, suspended=hi).end
    )


@given(start=days)
def test_decision_term_on_a_working_day_is_not_moved(start):
    plain = start + dt.timedelta(weeks=6)
    result = terms.decision_term(start)
    if not is_atw_non_working(plain):
        assert result.end == plain


@given(
    due=days,
    notice_after=st.integers(1, 60),
    elapsed=st.integers(0, 200),
)
def test_penalty_is_at_most_42_days_and_1442_euro(due, notice_after, elapsed):
    notice = due + dt.timedelta(days=notice_after)
    p = terms.penalty(due, notice, None, notice + dt.timedelta(days=elapsed))
    assert p.first_day == notice + dt.timedelta(days=14)
    assert 0 <= p.days <= 42
    assert p.amount <= Decimal("1442")
    expected = 23 * min(p.days, 14) + 35 * min(max(p.days - 14, 0), 14) + 45 * max(p.days - 28, 0)
    assert p.amount == expected
