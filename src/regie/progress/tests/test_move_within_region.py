"""A move within the region (issue 9 item 10): not a closing, not a handover; a new PIP for the new
college keeping route and term; figures and costs follow the residence history."""

import datetime as dt

import pytest

from django.urls import reverse

from regie.clients.models import ClientStatus, Residence
from regie.clients.residence import municipality_id_on
from regie.clients.selectors import municipality_figures
from regie.core.models import OutboxMessage, WorkItem
from regie.plans import services as plans
from regie.plans.models import Reason, VersionStatus
from regie.plans.tests.helpers import Z_COMPONENTS, decided_plan, submit
from regie.progress import services
from regie.progress.services import ProgressError

pytestmark = pytest.mark.django_db


def _move(world, principal, client, to="a2", moved_on=None, who="cm1"):
    client.refresh_from_db()
    return services.move_within_region(
        principal(who),
        client,
        client.version,
        municipality=world.orgs[to],
        moved_on=moved_on or dt.date.today() - dt.timedelta(days=10),
    )


def test_move_within_region_keeps_route_and_term_and_needs_new_pip(world, principal):
    c = world.clients["own_cm1"]
    first = decided_plan(world, c, day=dt.date(2025, 1, 15), route="z", components=Z_COMPONENTS)
    plan = first.plan
    plan.refresh_from_db()
    term = (plan.term_start, plan.term_end)
    moved_on = dt.date.today() - dt.timedelta(days=10)
    period, draft = _move(world, principal, c, moved_on=moved_on)
    c.refresh_from_db()
    # the case stays with the team: no closing, no handover
    assert c.status != ClientStatus.CLOSED and c.team == world.orgs["team_a"]
    assert c.municipality == world.orgs["a2"]
    assert period.valid_from == moved_on
    # a new PIP version for the new college, with the route of the old one
    assert draft is not None and draft.reason == Reason.MOVE and draft.route == "z"
    assert draft.status == VersionStatus.DRAFT and "Gemeente A2" in draft.reason_note
    assert WorkItem.objects.filter(kind="progress.move_pip", subject_id=c.pk).exists()
    # switching the route in the move revision is refused
    p = principal("cm1")
    changed = plans.update_draft(p, draft, draft.version, route="b1")
    with pytest.raises(plans.PlanError, match="leerroute van het vorige PIP"):
        submit(world, changed)
    changed = plans.update_draft(p, changed, changed.version, route="z")
    submit(world, changed)
    changed.refresh_from_db()
    plans.decide(
        principal("tl"),
        changed,
        changed.version,
        decision_date=dt.date.today(),
        made_known_on=dt.date.today(),
    )
    changed.refresh_from_db()
    plan.refresh_from_db()
    # decided on behalf of the college of the new municipality; the term does not restart
    assert changed.decided_on_behalf_of == world.orgs["a2"]
    assert (plan.term_start, plan.term_end) == term
    message = OutboxMessage.objects.filter(message_type="pip.revised").latest("id")
    assert message.payload["data"]["reason"] == "move"
    assert message.payload["subject"]["municipality"] == world.orgs["a2"].cbs_code


def test_figures_count_client_in_new_municipality_from_move_date(world, principal):
    c = world.clients["own_cm1"]  # lives in A1
    moved_on = dt.date.today() - dt.timedelta(days=10)
    _move(world, principal, c, moved_on=moved_on)
    assert municipality_id_on(c, moved_on - dt.timedelta(days=1)) == world.orgs["a1"].pk
    assert municipality_id_on(c, moved_on) == world.orgs["a2"].pk
    a1 = principal("policy_a1")
    before = municipality_figures(a1, today=moved_on - dt.timedelta(days=1))
    after = municipality_figures(a1, today=moved_on)
    # A1 had own_cm1 and income before the move, only income after it (both shown as "<5")
    assert before["total"] == after["total"] == "<5"
    from regie.clients.models import Client
    from regie.clients.residence import living_in_on

    in_a1 = Client.objects.filter(living_in_on(world.orgs["a1"].pk, moved_on - dt.timedelta(1)))
    assert in_a1.count() == 2
    assert Client.objects.filter(living_in_on(world.orgs["a1"].pk, moved_on)).count() == 1
    assert Client.objects.filter(living_in_on(world.orgs["a2"].pk, moved_on)).count() == 2
    # the old municipality keeps the aggregate of its own period, without names
    assert after["moved_away"] == "<5" and before["moved_away"] == "0"


def test_move_within_region_refuses_another_region_the_same_municipality_and_a_closed_dossier(
    world, principal, today
):
    c = world.clients["own_cm1"]
    with pytest.raises(ProgressError, match="niet bij de regio"):
        _move(world, principal, c, to="b1")
    with pytest.raises(ProgressError, match="woont al"):
        _move(world, principal, c, to="a1")
    with pytest.raises(ProgressError, match="verhuisdatum"):
        _move(world, principal, c, moved_on=today + dt.timedelta(days=1))
    _move(world, principal, c, moved_on=today - dt.timedelta(days=20))
    with pytest.raises(ProgressError, match="na het begin"):
        _move(world, principal, c, to="a1", moved_on=today - dt.timedelta(days=30))
    assert Residence.objects.filter(client=c).count() == 2


def test_every_client_has_an_open_residence_period_in_his_municipality(world):
    for c in world.clients.values():
        periods = list(Residence.objects.filter(client=c))
        assert len(periods) == 1 and periods[0].valid_to is None
        assert periods[0].municipality_id == c.municipality_id


def test_move_page_records_the_move_and_the_dossier_shows_the_history(world, login, client):
    c = world.clients["own_cm1"]
    login(*world.as_role("cm1"))
    url = reverse("progress:move", args=[c.uuid])
    page = client.get(url).content.decode()
    assert "Gemeente A2" in page and "Gemeente B1" not in page
    bad = client.post(url, {"version": c.version, "moved_on": ""})
    assert bad.status_code == 400 and "Kies de nieuwe gemeente." in bad.content.decode()
    day = dt.date.today() - dt.timedelta(days=5)
    ok = client.post(
        url,
        {
            "version": c.version,
            "municipality": str(world.orgs["a2"].uuid),
            "moved_on": day.strftime("%d-%m-%Y"),
        },
    )
    assert ok.status_code == 302
    page = client.get(reverse("progress:duo", args=[c.uuid])).content.decode()
    assert "Woonperiodes" in page and day.strftime("%d-%m-%Y") in page
    assert (day - dt.timedelta(days=1)).strftime("%d-%m-%Y") in page
