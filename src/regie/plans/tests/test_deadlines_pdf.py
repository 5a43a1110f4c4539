import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from regie.clients import deadlines
from regie.clients.models import Deadline, PermitType
from regie.core.legal_terms import Term, Unit, add_term
from regie.plans import pdf, services, validation
from regie.plans.models import ComponentKind, Reason, Route

from .helpers import EDU_COMPONENTS, decide, decided_plan, principal, revision, submit

DAY = dt.date(2025, 1, 15)
dates = st.dates(min_value=dt.date(2022, 1, 1), max_value=dt.date(2030, 12, 31))


@pytest.mark.django_db
@given(dates)
@settings(max_examples=60, deadline=None)
def test_term_is_three_years_from_day_after_dagtekening(day):
    start, end = services.term_for(day)
    assert start == day + dt.timedelta(days=1)
    # same day of the month three years later, clamped (29-2 -> 28-2), never moved by the Atw
    assert end.month == day.month and end.year == day.year + 3
    assert end.day == day.day or (day.month, day.day, end.day) == (2, 29, 28)
    assert validation.switch_window_end(day) == add_term(day, Term(18, Unit.MONTHS))
    assert start < validation.switch_window_end(day) < end


def test_worked_term(db):
    assert services.term_for(dt.date(2023, 3, 14)) == (dt.date(2023, 3, 15), dt.date(2026, 3, 14))


def _due(client, kind):
    deadlines.recompute(client)
    return Deadline.objects.filter(client=client, kind=kind).first()


def test_pip_deadline_with_atw_example(world):
    c = world.clients["own_cm1"]
    c.brp_date = dt.date(2026, 2, 10)
    c.duo_notice_date = dt.date(2026, 2, 16)  # the later one is the anchor
    c.save()
    d = _due(c, "pip_decided")
    assert d.due_date == dt.date(2026, 4, 28)  # 27-4-2026 is Koningsdag
    assert d.unconfirmed and "Koningsdag" in d.basis


def test_pip_deadline_extended_after_third_party_info(world):
    c = world.clients["own_cm1"]
    c.duo_notice_date = dt.date(2026, 2, 16)
    c.third_party_info_awaited = True
    c.third_party_info_received = dt.date(2026, 4, 23)
    c.save()
    d = _due(c, "pip_decided")
    assert d.due_date == dt.date(2026, 5, 7)
    assert "Verlengd" in d.basis


def test_deadlines_after_decision(world):
    c = world.clients["own_cm1"]
    c.duo_notice_date = dt.date(2024, 12, 1)
    c.permit_type = PermitType.ASYLUM
    c.benefit_start = dt.date(2024, 11, 30)
    c.save()
    v = decided_plan(world, c, DAY)
    due = {d.kind: d for d in Deadline.objects.filter(client=c)}
    assert due["pip_decided"].met_on == DAY
    assert due["term_end"].due_date == dt.date(2028, 1, 15)
    assert due["switch_window"].due_date == dt.date(2026, 7, 15)
    assert due["extension_window"].due_date == dt.date(2027, 7, 16)
    assert due["objection_end"].due_date == dt.date(2025, 2, 26)
    assert due["ontzorgen_end"].due_date == dt.date(2025, 5, 30)  # no Atw
    assert due["late_offer"].due_date == dt.date(2025, 4, 15)
    assert due["late_offer"].met_on is None
    assert due["pvt_done"].due_date == due["map_done"].due_date
    lang = v.components.get(kind=ComponentKind.LANGUAGE)
    services.record_progress(principal(world, "cm1"), lang, lang.version, offer_start=DAY)
    assert Deadline.objects.get(client=c, kind="late_offer").met_on == DAY


def test_education_route_late_offer_six_months_and_no_map(world):
    c = world.clients["own_cm1"]
    decided_plan(world, c, DAY, route=Route.EDUCATION, components=EDU_COMPONENTS)
    due = {d.kind: d for d in Deadline.objects.filter(client=c)}
    assert due["late_offer"].due_date == dt.date(2025, 7, 15)
    assert "map_done" not in due


def test_revision_keeps_term_deadline(world):
    c = world.clients["own_cm1"]
    decided_plan(world, c, DAY)
    v2 = revision(world, c, Reason.OTHER, notes="x")
    submit(world, v2)
    decide(world, v2, dt.date(2025, 8, 1))
    assert Deadline.objects.get(client=c, kind="term_end").due_date == dt.date(2028, 1, 15)
    assert Deadline.objects.get(client=c, kind="objection_end").due_date == (dt.date(2025, 9, 12))


@pytest.mark.django_db
def test_pdf_renders_with_objection_clause(world):
    c = world.clients["own_cm1"]
    v = decided_plan(world, c, DAY)
    html = pdf.decision_html(v)
    assert (
        "binnen zes weken na de dag waarop deze brief is verzonden" in html
        and "College van burgemeester en wethouders van Gemeente A1" in html
    )
    assert "15 januari 2025" in html and "15 januari 2028" in html  # date and term end
    assert "B1-route" in html
    assert "Niet bevestigd" not in html  # unconfirmed rules stay on the staff screens
    assert c.bsn not in html
    content = pdf.render_decision_pdf(v)
    assert content.startswith(b"%PDF") and len(content) > 1000
