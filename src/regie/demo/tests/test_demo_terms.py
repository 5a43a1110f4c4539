"""Every deadline in the demo region whose term the Algemene termijnenwet covers falls on a
working day (not a Saturday, Sunday, holiday or day equated by royal decree)."""

import pytest

from django.core.management import call_command

from regie.clients.deadline_kinds import atw_codes
from regie.clients.models import Deadline
from regie.core.legal_terms import atw_non_working_label
from regie.core.termcalendar import extra_days


@pytest.mark.django_db
def test_every_atw_deadline_in_the_demo_falls_on_a_working_day():
    call_command("demo", "load")
    codes = atw_codes()
    # Generic over every kind flagged ``atw`` (the PIP term and the PIP objection term today;
    # a new kind such as the objection decision term is checked once it sets the flag).
    assert {"pip_decided", "objection_end"} <= set(codes)
    decree_days = extra_days()
    rows = list(Deadline.objects.filter(kind__in=codes).values_list("kind", "due_date", "basis"))
    assert {kind for kind, _due, _basis in rows} >= {"pip_decided"}
    wrong = [
        (kind, due, atw_non_working_label(due, decree_days))
        for kind, due, _basis in rows
        if atw_non_working_label(due, decree_days) is not None
    ]
    assert wrong == []
