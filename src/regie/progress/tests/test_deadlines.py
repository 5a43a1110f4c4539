"""Review deadlines, contact norm, late-offer statement, DUO extension, closing."""

import datetime as dt

import pytest
from dateutil.relativedelta import relativedelta
from hypothesis import given
from hypothesis import strategies as st

from django.urls import reverse

from regie.clients.deadlines import recompute
from regie.clients.models import ClientStatus, Deadline, TargetGroup
from regie.core.models import OutboxMessage
from regie.core.ruleset import rules_on
from regie.progress import services
from regie.progress.selectors import next_contact_due, review_schedule
from regie.progress.services import ProgressError

pytestmark = pytest.mark.django_db


def _deadlines(client, kind):
    return list(Deadline.objects.filter(client=client, kind=kind).order_by("sequence"))


def test_review_deadlines_from_rule_set(world, plans, principal, today):
    client = world.clients["own_cm1"]
    pip = today - dt.timedelta(days=30)
    plans.set(client, pip_date=pip)
    recompute(client)
    rules = rules_on(pip)
    n, months = rules.value("review_min_count"), rules.value("review_window_months")
    reviews = _deadlines(client, "review")
    assert [d.sequence for d in reviews] == list(range(1, n + 1))
    assert reviews[-1].due_date == pip + relativedelta(months=months)
    assert all(d.unconfirmed and d.met_on is None for d in reviews)
    # a held review meets the first slot and restarts the contact norm
    review = services.schedule_review(principal("cm1"), client, planned_on=today)
    services.record_review(
        principal("cm1"), review, review.version, held_on=today, outcome="op_koers", satisfaction=4
    )
    reviews = _deadlines(client, "review")
    assert reviews[0].met_on == today and reviews[1].met_on is None
    contact = _deadlines(client, "contact_year_one")[0]
    weeks = rules.value("contact_interval_weeks_year_one")
    assert contact.due_date == today + dt.timedelta(weeks=weeks)


@given(
    offset=st.integers(min_value=0, max_value=2000),
    held=st.lists(st.integers(min_value=-50, max_value=400), max_size=5),
)
def test_review_schedule_spreads_evenly(offset, held):
    from regie.core.ruleset import RULES_BY_KEY

    pip = dt.date(2022, 1, 1) + dt.timedelta(days=offset)
    days = [pip + dt.timedelta(days=h) for h in held]
    slots, rules = review_schedule(pip, days)
    n = RULES_BY_KEY["review_min_count"].default
    assert len(slots) == n
    assert slots[-1].due_date == pip + relativedelta(months=rules.value("review_window_months"))
    dues = [s.due_date for s in slots]
    assert dues == sorted(dues) and dues[0] > pip
    valid = sorted(d for d in days if d >= pip)
    assert [s.met_on for s in slots if s.met_on] == valid[:n]
    due, _r = next_contact_due(pip, days)
    if due is not None:
        assert due <= pip + relativedelta(years=1)


def test_contact_norm_stops_after_year_one(world, plans, today):
    client = world.clients["own_cm1"]
    plans.set(client, pip_date=today - relativedelta(years=1, days=1))
    recompute(client)  # no contact yet: the first one was due 6 weeks after the PIP (overdue)
    assert len(_deadlines(client, "contact_year_one")) == 1
    from regie.progress.models import Review

    Review.objects.create(client=client, kind="contactmoment", planned_on=today, held_on=today)
    recompute(client)  # the next contact would fall after year one: no norm any more
    assert _deadlines(client, "contact_year_one") == []


def test_review_form_errors_keep_input(world, plans, principal, login, client, today):
    c = world.clients["own_cm1"]
    review = services.schedule_review(principal("cm1"), c, planned_on=today)
    login(*world.as_role("cm1"))
    url = reverse("progress:review_record", args=[c.uuid, review.uuid])
    bad = client.post(url, {"version": review.version, "held_on": "31-02-2026", "progress": "Goed"})
    html = bad.content.decode()
    assert bad.status_code == 400 and "Fout:" in html and "Goed" in html
    ok = client.post(
        url,
        {
            "version": review.version,
            "held_on": today.strftime("%d-%m-%Y"),
            "outcome": "op_koers",
            "satisfaction": "5",
            "hours_attended": "12,5",
        },
    )
    assert ok.status_code == 302
    review.refresh_from_db()
    assert review.satisfaction == 5 and str(review.hours_attended) == "12.5"
    stale = client.post(
        url, {"version": 1, "held_on": today.strftime("%d-%m-%Y"), "outcome": "op_koers"}
    )
    assert stale.status_code == 409 and "Iemand anders" in stale.content.decode()


def test_late_offer_only_for_asylum_holders_and_only_when_late(world, plans, principal, today):
    c = world.clients["own_cm1"]
    p = principal("cm1")
    months = rules_on(today).value("late_offer_months")
    with pytest.raises(ProgressError, match="vastgesteld PIP"):
        services.issue_late_offer_statement(p, c)
    plans.set(c, pip_date=today - relativedelta(months=months) + dt.timedelta(days=1))
    with pytest.raises(ProgressError, match="loopt nog"):
        services.issue_late_offer_statement(p, c)
    # started on time: no statement even long after
    plans.set(
        c,
        pip_date=today - relativedelta(months=months + 4),
        offer_start=today - relativedelta(months=months + 3),
    )
    with pytest.raises(ProgressError, match="op tijd"):
        services.issue_late_offer_statement(p, c)
    pip = today - relativedelta(months=months + 2)
    plans.set(c, pip_date=pip)
    c.target_group = TargetGroup.FAMILY
    c.save()
    with pytest.raises(ProgressError, match="asielstatushouder"):
        services.issue_late_offer_statement(p, c)
    assert not OutboxMessage.objects.exists()
    c.target_group = TargetGroup.ASYLUM
    c.save()
    statement = services.issue_late_offer_statement(p, c)
    assert statement.months_late >= 2 and statement.allowed_months == months
    assert statement.pip_date == pip and statement.offer_start is None


def test_late_offer_education_route_uses_its_own_period(world, plans, principal, today):
    c = world.clients["own_cm1"]
    rules = rules_on(today)
    short, long_ = rules.value("late_offer_months"), rules.value("late_offer_months_education")
    assert long_ > short
    plans.set(c, pip_date=today - relativedelta(months=short + 1), route="onderwijs")
    with pytest.raises(ProgressError):
        services.issue_late_offer_statement(principal("cm1"), c)
    plans.set(c, pip_date=today - relativedelta(months=long_ + 1), route="onderwijs")
    assert services.issue_late_offer_statement(principal("cm1"), c).allowed_months == long_


def test_late_offer_pages_and_pdf(world, plans, login, client, today):
    c = world.clients["own_cm1"]
    plans.set(c, pip_date=today - relativedelta(months=12))
    login(*world.as_role("cm1"))
    assert client.get(reverse("progress:late_offer", args=[c.uuid])).status_code == 200
    assert client.post(reverse("progress:late_offer", args=[c.uuid])).status_code == 302
    statement = c.late_offer_statements.get()
    pdf = client.get(reverse("progress:late_offer_pdf", args=[c.uuid, statement.uuid]))
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")


def test_duo_extension_moves_the_term_end(world, plans, principal, today):
    c = world.clients["own_cm1"]
    pip = today - relativedelta(years=2)
    plans.set(c, pip_date=pip)

    # the term end is the progress app's one computation: from the plan, then DUO's extension
    recompute(c)
    assert _deadlines(c, "term_end")[0].due_date == pip + relativedelta(years=3)
    with pytest.raises(ProgressError, match="na de huidige einddatum"):
        services.record_duo_decision(
            principal("cm1"),
            c,
            kind="verlenging",
            decision_date=today,
            ground="ziekte",
            new_end_date=pip + relativedelta(years=3),
        )
    new_end = pip + relativedelta(years=3, months=6)
    services.record_duo_decision(
        principal("cm1"),
        c,
        kind="verlenging",
        decision_date=today,
        ground="ziekte",
        new_end_date=new_end,
    )
    term = _deadlines(c, "term_end")
    assert len(term) == 1 and term[0].due_date == new_end and "DUO" in term[0].basis


def test_duo_exemption_variants_validated(world, principal, today):
    p, c = principal("cm1"), world.clients["own_cm1"]
    with pytest.raises(ProgressError):
        services.record_duo_decision(p, c, kind="vrijstelling", variant="bio", decision_date=today)
    with pytest.raises(ProgressError, match="tijdelijke"):
        services.record_duo_decision(
            p, c, kind="vrijstelling", variant="tijdelijk", decision_date=today
        )
    d = services.record_duo_decision(p, c, kind="ontheffing", variant="bio", decision_date=today)
    assert d.variant == "bio"


def test_closing_marks_every_deadline_met(world, plans, principal, today):
    c = world.clients["own_cm1"]
    plans.set(c, pip_date=today - dt.timedelta(days=20))
    recompute(c)
    assert Deadline.objects.filter(client=c, met_on__isnull=True).exists()
    p = principal("cm1")
    with pytest.raises(ProgressError, match="DUO"):
        services.close_dossier(p, c, c.version, reason="vrijgesteld", closed_on=today)
    with pytest.raises(ProgressError, match="nieuwe gemeente"):
        services.close_dossier(p, c, c.version, reason="verhuisd", closed_on=today)
    services.record_duo_decision(p, c, kind="vrijstelling", variant="geheel", decision_date=today)
    c.refresh_from_db()
    services.close_dossier(p, c, c.version, reason="vrijgesteld", closed_on=today, note="Diploma")
    c.refresh_from_db()
    assert (c.status, c.closure_reason, c.closed_on) == (ClientStatus.CLOSED, "vrijgesteld", today)
    assert not Deadline.objects.filter(client=c, met_on__isnull=True).exists()
    assert Deadline.objects.filter(client=c).exists()  # the history of what was due stays
    recompute(c)  # a later recompute keeps them met
    assert not Deadline.objects.filter(client=c, met_on__isnull=True).exists()
    with pytest.raises(ProgressError, match="gesloten"):
        services.schedule_review(p, c, planned_on=today)


def test_close_page_confirms_and_refuses_stale(world, login, client, today):
    c = world.clients["own_cm1"]
    login(*world.as_role("cm1"))
    url = reverse("progress:close", args=[c.uuid])
    page = client.get(url)
    assert page.status_code == 200 and "Wat er gebeurt" in page.content.decode()
    bad = client.post(url, {"version": c.version, "reason": "vertrokken"})
    assert bad.status_code == 400
    stale = client.post(
        url,
        {
            "version": c.version + 5,
            "reason": "vertrokken",
            "closed_on": today.strftime("%d-%m-%Y"),
            "left_on": today.strftime("%d-%m-%Y"),
        },
    )
    assert stale.status_code == 409 and "Iemand anders" in stale.content.decode()
    ok = client.post(
        url,
        {
            "version": c.version,
            "reason": "vertrokken",
            "closed_on": today.strftime("%d-%m-%Y"),
            "left_on": today.strftime("%d-%m-%Y"),
        },
    )
    assert ok.status_code == 302
    c.refresh_from_db()
    assert c.status == ClientStatus.CLOSED
