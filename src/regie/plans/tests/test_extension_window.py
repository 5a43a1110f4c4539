"""The deadline "Verlenging aanvragen mogelijk vanaf" and its explanation name the same day
(issue 14, item 13): the day the term has run the months of the rule set, as dd-mm-yyyy."""

import datetime as dt
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from regie.clients.models import Deadline
from regie.core.legal_terms import Term, Unit, add_term
from regie.plans import deadlines as plan_deadlines

from .helpers import decided_plan


@given(st.dates(min_value=dt.date(2022, 1, 1), max_value=dt.date(2035, 12, 31)))
@settings(max_examples=200, deadline=None)
def test_extension_window_opens_the_day_after_the_months_are_complete(first):
    opens = plan_deadlines.extension_window_opens(first, 30)
    # the term starts the day after the dagtekening; 30 full months end on the anniversary
    assert opens - dt.timedelta(days=1) == add_term(first, Term(30, Unit.MONTHS))
    assert opens > first + dt.timedelta(days=1)


@pytest.mark.django_db
def test_extension_window_deadline_and_its_explanation_name_the_same_day(world):
    client = world.clients["own_cm1"]
    decided_plan(world, client, dt.date(2026, 12, 5))
    deadline = Deadline.objects.get(client=client, kind="extension_window")
    assert deadline.due_date == dt.date(2029, 6, 6)
    assert "vanaf 06-06-2029" in deadline.basis
    assert "begon op 06-12-2026" in deadline.basis
    # no other date in the explanation, and every date as dd-mm-yyyy
    dates = re.findall(r"\d{1,2}-\d{1,2}-\d{4}", deadline.basis)
    assert sorted(dates) == ["06-06-2029", "06-12-2026"]
    assert "eindigt op" not in deadline.basis
