"""Closing reasons (issue 9 item 9): each reason's effect on deadlines, work items, DUO, portal."""

import datetime as dt

import pytest

from django.urls import reverse

from regie.clients.closing import CANCELLED, EFFECTS, MET
from regie.clients.deadlines import recompute
from regie.clients.models import ClientStatus, ClosureReason, Deadline
from regie.clients.work_items import HANDOVER_KIND
from regie.core import workitems
from regie.core.models import OutboxMessage, WorkItem, WorkItemState
from regie.progress import services
from regie.progress.forms import CloseForm
from regie.progress.services import ProgressError

pytestmark = pytest.mark.django_db


def _with_open_deadlines(plans, client, today, **kw):
    plans.set(client, pip_date=today - dt.timedelta(days=20), **kw)
    recompute(client)
    assert Deadline.objects.filter(client=client, met_on__isnull=True).exists()


def test_every_closing_reason_has_a_defined_effect():
    assert set(EFFECTS) == set(ClosureReason.values)
    for e in EFFECTS.values():
        assert e.deadlines in (MET, CANCELLED)
        assert str(e.deadline_note) and str(e.duo)
        assert e.duo_message is None  # no reason sends an outbox message (UNCONFIRMED)
    assert EFFECTS[ClosureReason.MET].deadlines == MET
    assert EFFECTS[ClosureReason.EXEMPTED].duo_unconfirmed is False  # DUO's own decision
    assert [r for r, e in EFFECTS.items() if e.stops_post] == [ClosureReason.DIED]


def test_closing_for_death_cancels_open_deadlines_and_sends_no_duo_message(
    world, plans, principal, today
):
    c = world.clients["own_cm1"]
    _with_open_deadlines(plans, c, today)
    open_before = Deadline.objects.filter(client=c, met_on__isnull=True).count()
    outbox_before = OutboxMessage.objects.count()
    p = principal("cm1")
    with pytest.raises(ProgressError, match="datum van overlijden"):
        services.close_dossier(p, c, c.version, reason="overleden", closed_on=today)
    closure = services.close_dossier(
        p,
        c,
        c.version,
        reason="overleden",
        closed_on=today,
        died_on=today - dt.timedelta(days=3),
    )
    c.refresh_from_db()
    assert (c.status, c.closure_reason) == (ClientStatus.CLOSED, "overleden")
    assert closure.event_date == today - dt.timedelta(days=3)
    ended = Deadline.objects.filter(client=c, met_on=today, cancelled=True)
    assert ended.count() == open_before
    assert all("overleden" in d.end_note for d in ended)
    assert not Deadline.objects.filter(client=c, met_on__isnull=True).exists()
    assert OutboxMessage.objects.count() == outbox_before
    assert closure.duo_message == ""
    recompute(c)  # a later recompute keeps them cancelled
    assert Deadline.objects.filter(client=c, cancelled=True).count() == open_before


def test_closing_for_duty_met_meets_open_deadlines_and_records_the_route(
    world, plans, principal, today
):
    c = world.clients["own_cm1"]
    _with_open_deadlines(plans, c, today, route="z")
    closure = services.close_dossier(
        principal("cm1"), c, c.version, reason="voldaan", closed_on=today
    )
    assert closure.route == "z" and closure.route_label == "Z-route"
    assert not Deadline.objects.filter(client=c, cancelled=True).exists()
    assert not Deadline.objects.filter(client=c, met_on__isnull=True).exists()


def test_closing_for_duty_met_needs_a_decided_route(world, principal, today):
    c = world.clients["own_cm1"]
    with pytest.raises(ProgressError, match="leerroute"):
        services.close_dossier(principal("cm1"), c, c.version, reason="voldaan", closed_on=today)


def test_closing_for_term_ended_needs_the_term_to_have_passed(world, plans, principal, today):
    c = world.clients["own_cm1"]
    p = principal("cm1")
    _with_open_deadlines(plans, c, today)
    with pytest.raises(ProgressError, match="nog niet verstreken"):
        services.close_dossier(p, c, c.version, reason="termijn_verstreken", closed_on=today)
    pip = today - dt.timedelta(days=3 * 366 + 10)
    plans.set(c, pip_date=pip)
    closure = services.close_dossier(p, c, c.version, reason="termijn_verstreken", closed_on=today)
    assert closure.event_date == pip.replace(year=pip.year + 3)  # the term end from the PIP
    assert Deadline.objects.filter(client=c, cancelled=True).exists()


@pytest.mark.parametrize(
    "reason,field",
    [
        ("genaturaliseerd", "naturalised_on"),
        ("aow_leeftijd", "pension_age_on"),
    ],
)
def test_closing_asks_the_date_its_reason_needs(world, plans, principal, today, reason, field):
    c = world.clients["own_cm1"]
    _with_open_deadlines(plans, c, today)
    p = principal("cm1")
    with pytest.raises(ProgressError, match="Vul de"):
        services.close_dossier(p, c, c.version, reason=reason, closed_on=today)
    with pytest.raises(ProgressError, match="toekomst"):
        services.close_dossier(
            p, c, c.version, reason=reason, closed_on=today, event_date=today + dt.timedelta(1)
        )
    closure = services.close_dossier(
        p, c, c.version, reason=reason, closed_on=today, **{field: today}
    )
    assert closure.event_date == today
    assert Deadline.objects.filter(client=c, cancelled=True).exists()


def test_close_form_asks_only_what_the_reason_needs(world):
    base = {"version": "1", "closed_on": "01-12-2026"}
    died = CloseForm({**base, "reason": "overleden"})
    assert not died.is_valid() and "died_on" in died.errors
    # a date filled in for another reason is ignored, not an error
    naturalised = CloseForm(
        {**base, "reason": "genaturaliseerd", "naturalised_on": "20-11-2026", "died_on": "x"}
    )
    assert not naturalised.is_valid() and list(naturalised.errors) == ["died_on"]
    naturalised = CloseForm(
        {**base, "reason": "genaturaliseerd", "naturalised_on": "20-11-2026", "left_on": ""}
    )
    assert naturalised.is_valid(), naturalised.errors
    values = naturalised.service_values()
    assert values["event_date"] == dt.date(2026, 11, 20) and "naturalised_on" not in values
    moved = CloseForm({**base, "reason": "verhuisd"})
    assert not moved.is_valid() and {"moved_on", "new_municipality_name"} <= set(moved.errors)


def test_closing_closes_open_work_items_with_the_reason_but_keeps_duo_portal_entries(
    world, plans, principal, today
):
    c = world.clients["own_cm1"]
    _with_open_deadlines(plans, c, today)
    team = c.team
    handover, _ = workitems.create(
        HANDOVER_KIND, organisation=team, source="t:1", subject=("client", c.pk)
    )
    duo_kind = next(k for k in workitems.kinds() if k.startswith("exchange.duo."))
    duo, _ = workitems.create(duo_kind, organisation=team, source="t:2", subject=("client", c.pk))
    services.close_dossier(
        principal("cm1"), c, c.version, reason="vertrokken", closed_on=today, left_on=today
    )
    handover.refresh_from_db()
    duo.refresh_from_db()
    assert handover.state == WorkItemState.CANCELLED
    assert "Vertrokken" in handover.outcome_note and today.strftime("%d-%m-%Y") in (
        handover.outcome_note
    )
    assert duo.state == WorkItemState.OPEN  # DUO still has to receive it
    assert WorkItem.objects.filter(subject_id=c.pk, state=WorkItemState.OPEN).count() == 1


def test_closing_for_a_move_out_of_the_region_refuses_a_municipality_of_the_region(
    world, plans, principal, today
):
    c = world.clients["own_cm1"]
    p = principal("cm1")
    with pytest.raises(ProgressError, match="binnen de regio"):
        services.close_dossier(
            p,
            c,
            c.version,
            reason="verhuisd",
            closed_on=today,
            moved_on=today,
            new_municipality_name="Gemeente A2",
            new_municipality_cbs="GM9002",
        )
    closure = services.close_dossier(
        p,
        c,
        c.version,
        reason="verhuisd",
        closed_on=today,
        moved_on=today,
        new_municipality_name="Gemeente B1",
        new_municipality_cbs="GM9003",
    )
    assert closure.event_date == today and closure.new_municipality_cbs == "GM9003"


def test_dossier_shows_the_closing_reason_in_words(world, login, client, principal, today):
    c = world.clients["own_cm1"]
    services.close_dossier(
        principal("cm1"),
        c,
        c.version,
        reason="genaturaliseerd",
        closed_on=today,
        naturalised_on=today - dt.timedelta(days=2),
    )
    login(*world.as_role("cm1"))
    page = client.get(reverse("progress:duo", args=[c.uuid])).content.decode()
    assert "Genaturaliseerd tot Nederlander" in page
    assert "Datum naturalisatie" in page
    assert (today - dt.timedelta(days=2)).strftime("%d-%m-%Y") in page
    assert "Niet bevestigd" in page


def test_close_page_posts_the_reason_and_its_date(world, login, client, today):
    c = world.clients["own_cm1"]
    login(*world.as_role("cm1"))
    url = reverse("progress:close", args=[c.uuid])
    page = client.get(url).content.decode()
    assert 'data-reveal="overleden"' in page and "Gevolgen per reden" in page
    response = client.post(
        url,
        {
            "version": c.version,
            "reason": "overleden",
            "closed_on": today.strftime("%d-%m-%Y"),
        },
    )
    assert response.status_code == 400 and "Vul de datum van overlijden in." in (
        response.content.decode()
    )
    response = client.post(
        url,
        {
            "version": c.version,
            "reason": "overleden",
            "closed_on": today.strftime("%d-%m-%Y"),
            "died_on": today.strftime("%d-%m-%Y"),
        },
    )
    assert response.status_code == 302
    c.refresh_from_db()
    assert c.closure_reason == "overleden"
