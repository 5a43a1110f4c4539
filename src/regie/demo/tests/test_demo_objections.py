"""The demo region shows an objection with a hearing and an outcome; its terms are working days."""

import pytest

from regie.clients.models import Deadline
from regie.core.legal_terms import is_atw_non_working
from regie.core.termcalendar import extra_days
from regie.objections import deadlines
from regie.objections.models import Objection


@pytest.mark.django_db
def test_demo_has_an_objection_with_hearing_and_outcome_and_working_day_terms():
    from regie.demo.loader import load_region

    load_region(client_count=12)
    heard = Objection.objects.filter(hearing_held_on__isnull=False).exclude(outcome="")
    assert heard.exists()
    assert Objection.objects.filter(decided_on__isnull=True, postponement_weeks=6).exists()
    kinds = [k.code for k in deadlines.KINDS]
    rows = Deadline.objects.filter(kind__in=kinds)
    assert rows.filter(kind=deadlines.DECISION).count() == Objection.objects.count()
    extra = extra_days()
    assert all(not is_atw_non_working(d.due_date, extra) for d in rows)
    load_region(client_count=12)  # idempotent
    assert Objection.objects.count() == 2
