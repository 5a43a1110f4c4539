"""Rule-set values per year, the money rules' meaning, and the days equated with holidays by royal
decree (Algemene termijnenwet art. 3 lid 3) as the database holds them."""

import datetime as dt
import importlib

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from django.apps import apps as django_apps

from regie.core import termcalendar
from regie.core.legal_terms import Term, Unit, add_term, is_atw_non_working
from regie.core.models import ExtraNonWorkingDay, RuleSet
from regie.core.ruleset import RULES_BY_KEY, rules_for_year, rules_on

MIGRATION = importlib.import_module("regie.core.migrations.0012_yearly_rule_sets_and_decree_days")

AMOUNTS = {  # year: (average trajectory price, onderwijsroute price per person)
    2022: (10000, 0),
    2023: (10000, 0),
    2024: (10000, 0),
    2025: (11600, 0),
    2026: (11600, 17000),
}


# --- the money rules and the yearly versions ----------------------------------------------------


def test_average_trajectory_price_is_no_norm_and_onderwijsroute_price_is_no_add_on():
    assert "spuk_per_client_eur" not in RULES_BY_KEY
    assert "spuk_education_route_eur" not in RULES_BY_KEY
    average = RULES_BY_KEY["avg_trajectory_price_eur"]
    assert "geen norm" in str(average.label) and average.unconfirmed
    education = RULES_BY_KEY["education_route_price_eur"]
    assert "in plaats van" in str(education.label) and education.unconfirmed
    assert "geen opslag" in education.source


@pytest.mark.django_db
def test_rule_set_has_one_version_per_year_so_older_cases_keep_their_years_amounts():
    starts = list(RuleSet.objects.order_by("valid_from").values_list("valid_from", flat=True))
    assert starts == [dt.date(year, 1, 1) for year in AMOUNTS]
    for year, (average, education) in AMOUNTS.items():
        for day in (dt.date(year, 1, 1), dt.date(year, 7, 1), dt.date(year, 12, 31)):
            rules = rules_on(day)
            assert rules.value("avg_trajectory_price_eur") == average, day
            assert rules.value("education_route_price_eur") == education, day
            assert rules.unconfirmed("avg_trajectory_price_eur")
            assert rules.unconfirmed("education_route_price_eur")
        assert rules_for_year(year).valid_from == dt.date(year, 1, 1)
    for row in RuleSet.objects.all():
        assert "spuk_per_client_eur" not in row.values
    # Rules that do not change per year are the same in every version.
    assert {rules_for_year(y).value("pip_term_weeks") for y in AMOUNTS} == {10}


@pytest.mark.django_db
def test_migration_renames_the_old_money_keys_and_corrects_the_2022_amounts():
    RuleSet.objects.all().delete()
    old = {
        "spuk_per_client_eur": {"value": 11600.0, "source": "oud", "unconfirmed": True},
        "spuk_education_route_eur": {"value": 17000.0, "source": "oud", "unconfirmed": True},
        "intake_start_weeks": {"value": 4.0, "source": "de wet stelt geen termijn"},
        "pip_term_weeks": {"value": 10.0, "source": "x", "unconfirmed": False},
    }
    RuleSet.objects.create(valid_from=dt.date(2022, 1, 1), label="start", values=old)
    MIGRATION.forwards(django_apps, None)
    first = RuleSet.objects.get(valid_from=dt.date(2022, 1, 1))
    assert "spuk_per_client_eur" not in first.values
    assert first.values["avg_trajectory_price_eur"]["value"] == 10000
    assert first.values["education_route_price_eur"]["value"] == 0
    assert first.values["intake_start_weeks"]["unconfirmed"] is True
    assert "niet gevonden" in first.values["intake_start_weeks"]["source"]
    assert rules_on(dt.date(2026, 3, 1)).value("education_route_price_eur") == 17000
    assert RuleSet.objects.count() == 5
    MIGRATION.forwards(django_apps, None)  # idempotent
    assert RuleSet.objects.count() == 5


# --- decree days (Atw art. 3 lid 3) -------------------------------------------------------------


@pytest.mark.django_db
def test_decree_days_2023_to_2025_are_recorded_with_their_source_and_unconfirmed():
    days = {d.date: d for d in ExtraNonWorkingDay.objects.filter(date__year__range=(2023, 2025))}
    assert sorted(days) == [
        dt.date(2023, 4, 28),
        dt.date(2023, 5, 19),
        dt.date(2024, 5, 10),
        dt.date(2024, 12, 27),
        dt.date(2025, 5, 30),
    ]
    assert all(d.unconfirmed and "2023-2025" in d.source for d in days.values())


@pytest.mark.django_db
def test_decree_day_2022_is_recorded_from_a_secondary_source_and_unconfirmed():
    (day,) = ExtraNonWorkingDay.objects.filter(date__year=2022)
    assert day.date == dt.date(2022, 5, 27) and day.unconfirmed and "2020-2022" in day.source


@pytest.mark.django_db
def test_a_term_ending_on_a_decree_day_moves_to_the_next_working_day():
    # 10 weeks from Friday 10-3-2023 end on Friday 19-5-2023, the day after Ascension Day.
    result = termcalendar.term_end(dt.date(2023, 3, 10), 10, "weeks")
    assert result.unextended_end == dt.date(2023, 5, 19)
    assert result.end == dt.date(2023, 5, 22)
    assert "koninklijk besluit" in result.reason
    # 6 weeks from Friday 15-11-2024 end on Friday 27-12-2024.
    assert termcalendar.term_end(dt.date(2024, 11, 15), 6, "weeks").end == dt.date(2024, 12, 30)


@pytest.mark.django_db
def test_year_without_decree_days_is_a_visible_warning_never_silent():
    assert termcalendar.years_without_decree(dt.date(2026, 12, 6)) == []
    # In 2028, 2029 is needed too (terms started late in 2028 end in 2029).
    assert termcalendar.years_without_decree(dt.date(2028, 10, 1)) == [2029]
    ExtraNonWorkingDay.objects.filter(date__year=2022).delete()
    assert termcalendar.years_without_decree(dt.date(2026, 12, 6)) == [2022]


@pytest.mark.django_db
def test_functional_admin_sees_the_missing_decree_year_on_the_rule_set_and_start_page(
    world, login, client
):
    ExtraNonWorkingDay.objects.filter(date__year=2022).delete()
    login(*world.as_role("admin"))
    page = client.get("/regels/").content.decode()
    assert "data-decree-warning" in page and "2022" in page
    assert "Niet bevestigd" in page and "Waarden die per versie verschillen" in page
    home = client.get("/").content.decode()
    assert "Termijnkalender" in home and "2022" in home
    ExtraNonWorkingDay.objects.create(date=dt.date(2022, 5, 27), source="test")
    ExtraNonWorkingDay.objects.update(unconfirmed=False)
    assert "data-decree-warning" not in client.get("/regels/").content.decode()
    assert "Termijnkalender" not in client.get("/").content.decode()
    # Only the functioneel beheerder gets the card.
    login(*world.as_role("cm1"))
    ExtraNonWorkingDay.objects.filter(date__year=2022).delete()
    assert "Termijnkalender" not in client.get("/").content.decode()


# --- term arithmetic with the recorded calendar (hypothesis) ------------------------------------

starts = st.dates(min_value=dt.date(2022, 1, 1), max_value=dt.date(2028, 9, 30))
atw_terms = st.one_of(
    st.builds(Term, st.integers(1, 90), st.just(Unit.DAYS)),
    st.builds(Term, st.integers(1, 12), st.just(Unit.WEEKS)),
    st.builds(Term, st.integers(1, 3), st.just(Unit.MONTHS)),
)
uncovered_terms = st.one_of(
    st.builds(Term, st.integers(91, 400), st.just(Unit.DAYS)),
    st.builds(Term, st.integers(13, 60), st.just(Unit.WEEKS)),
    st.builds(Term, st.integers(4, 30), st.just(Unit.MONTHS)),
    st.builds(Term, st.integers(1, 3), st.just(Unit.YEARS)),
)


@pytest.mark.django_db
@settings(max_examples=60, deadline=None)
@given(starts, atw_terms)
def test_atw_term_ending_on_weekend_holiday_or_decree_day_moves_to_next_working_day(start, term):
    decree_days = termcalendar.extra_days()
    plain = add_term(start, term)
    result = termcalendar.term_end(start, term.amount, term.unit)
    assert not is_atw_non_working(result.end, decree_days)
    if is_atw_non_working(plain, decree_days):
        assert result.end > plain and result.extended_by_atw
        # Atw art. 1: nothing in between is a working day (art. 2 can only add more days).
        day = plain
        while day < result.end and is_atw_non_working(day, decree_days):
            day += dt.timedelta(days=1)
        assert day == result.end or (plain - start).days >= 3
    elif (plain - start).days < 3:
        assert result.end == plain


@pytest.mark.django_db
@settings(max_examples=60, deadline=None)
@given(starts, uncovered_terms)
def test_term_the_atw_does_not_cover_keeps_its_day_even_on_a_weekend_or_decree_day(start, term):
    result = termcalendar.term_end(start, term.amount, term.unit)
    assert result.end == add_term(start, term)
    assert not result.atw_applied


@pytest.mark.django_db
def test_three_year_term_ending_on_a_decree_day_is_not_moved():
    # The inburgeringstermijn (3 years, Wi2021 art. 11) is outside the Atw (art. 4).
    result = termcalendar.term_end(dt.date(2022, 5, 19), 3, "years")
    assert result.end == dt.date(2025, 5, 19)
    start = dt.date(2022, 5, 30)
    assert termcalendar.term_end(start, 3, "years").end == dt.date(2025, 5, 30)  # decree day
