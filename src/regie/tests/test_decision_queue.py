"""Issue 14 item 5: the team leader's decision queue. PIPs offered for decision, fines proposed
and objections not yet decided, with days waiting and the last day, on his start page and as a
filter of the worklist; only his team's; the same number of queries for 1 or 10 rows."""

import datetime as dt
from decimal import Decimal

import pytest

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from regie.clients.tests.factories import ClientFactory
from regie.core.hooks import decision_queue
from regie.core.principal import Principal
from regie.objections import services as objection_services
from regie.objections.models import DecisionKind
from regie.plans.models import VersionStatus
from regie.plans.tests.factories import PlanVersionFactory
from regie.plans.tests.helpers import draft, submit
from regie.progress.models import EnforcementCase, EnforcementStatus, Violation

pytestmark = pytest.mark.django_db


def _p(world, key):
    return Principal.from_assignment(world.assignments[key])


def _proposed_fine(client, *, report_date=dt.date(2026, 11, 2)):
    return EnforcementCase.objects.create(
        client=client,
        violation=Violation.PIP,
        description="Niet verschenen bij de les",
        opened_on=dt.date(2026, 10, 1),
        violation_on=dt.date(2026, 9, 28),
        status=EnforcementStatus.PROPOSED,
        report_date=report_date,
        proposed_amount=Decimal("250.00"),
        proposed_on=dt.date(2026, 11, 20),
    )


def _objection(world, client):
    pip = PlanVersionFactory(
        plan__client=client,
        plan__first_decision_date=dt.date(2026, 3, 2),
        plan__term_start=dt.date(2026, 3, 3),
        plan__term_end=dt.date(2029, 3, 2),
        status=VersionStatus.DECIDED,
        decision_date=dt.date(2026, 3, 2),
        made_known_on=dt.date(2026, 3, 3),
    )
    return objection_services.register_objection(
        _p(world, "cm1" if client.case_manager == world.users["cm1"] else "cm2"),
        client,
        decision_kind=DecisionKind.PIP,
        plan_version=pip,
        received_on=dt.date(2026, 3, 20),
        grounds="De Z-route past niet bij mij.",
    )


@pytest.fixture
def queue(world):
    offered = submit(world, draft(world, world.clients["own_cm1"]))
    fine = _proposed_fine(world.clients["own_cm2"])
    objection = _objection(world, world.clients["income"])
    # team B's own decisions never reach team A's leader
    other_b = submit(world, draft(world, world.clients["region_b"], drafter="cm_b"), who="cm_b")
    _proposed_fine(world.clients["region_b"])
    return {"pip": offered, "fine": fine, "objection": objection, "other_b": other_b}


def test_decision_queue_lists_offered_pips_proposed_fines_and_undecided_objections_of_the_team(
    world, queue
):
    rows = decision_queue(_p(world, "tl"))
    kinds = sorted(r.kind for r in rows)
    assert kinds == ["Bezwaar beslissen", "Boete besluiten", "PIP vaststellen"]
    names = {r.client_name for r in rows}
    assert world.clients["region_b"].full_name not in names
    fine = next(r for r in rows if r.kind == "Boete besluiten")
    assert fine.waiting_since == dt.date(2026, 11, 20)
    assert fine.deadline == dt.date(2026, 11, 2) + dt.timedelta(weeks=13)
    assert fine.days_waiting(dt.date(2026, 12, 1)) == 11
    objection = next(r for r in rows if r.kind == "Bezwaar beslissen")
    assert objection.deadline is not None and objection.waiting_since == dt.date(2026, 3, 20)
    # nearest last day first
    deadlines = [r.deadline for r in rows if r.deadline]
    assert deadlines == sorted(deadlines)
    # team B's leader sees only team B's
    assert {r.client_name for r in decision_queue(_p(world, "tl_b"))} == {
        world.clients["region_b"].full_name
    }


@pytest.mark.parametrize("key", ["cm1", "guide", "income", "provider_p1", "contract", "admin"])
def test_only_the_team_leader_has_a_decision_queue(world, queue, key):
    assert decision_queue(_p(world, key)) == []


def test_decided_items_leave_the_decision_queue(world, queue):
    queue["fine"].status = EnforcementStatus.FINED
    queue["fine"].save()
    rows = decision_queue(_p(world, "tl"))
    assert "Boete besluiten" not in {r.kind for r in rows}


def test_team_leader_start_page_shows_the_decision_queue_with_age_and_deadline(
    world, queue, login, client
):
    login(*world.as_role("tl"))
    page = client.get(reverse("core:home")).content.decode()
    assert "Besluiten te nemen" in page and "3 besluiten wachten op u" in page
    assert "Boetevoorstel € 250,00" in page
    assert "uiterlijk" in page and "01-02-2027" in page  # 2-11-2026 + 13 weeks
    assert "?toon=besluiten" in page
    login(*world.as_role("cm1"))
    assert "Besluiten te nemen" not in client.get(reverse("core:home")).content.decode()


def test_worklist_filter_shows_only_the_decision_queue_for_the_team_leader(
    world, queue, login, client
):
    login(*world.as_role("tl"))
    page = client.get(reverse("clients:worklist"), {"toon": "besluiten"}).content.decode()
    assert "Besluiten te nemen (3)" in page
    assert world.clients["own_cm2"].full_name in page
    assert world.clients["region_b"].full_name not in page
    assert "sec-overdue" not in page  # the deadline buckets are filtered away
    # the municipality filter narrows the queue too
    a2 = world.orgs["a2"]
    page = client.get(
        reverse("clients:worklist"), {"toon": "besluiten", "gemeente": str(a2.uuid)}
    ).content.decode()
    assert "Besluiten te nemen (1)" in page
    # the plain worklist also carries the section
    assert "Besluiten te nemen (3)" in client.get(reverse("clients:worklist")).content.decode()
    # a case manager has no such filter
    login(*world.as_role("cm1"))
    page = client.get(reverse("clients:worklist"), {"toon": "besluiten"}).content.decode()
    assert "Besluiten te nemen" not in page


def test_decision_queue_query_count_does_not_grow_with_rows(world, queue, login, client):
    leader = _p(world, "tl")
    login(*world.as_role("tl"))
    url = reverse("clients:worklist") + "?toon=besluiten"
    with CaptureQueriesContext(connection) as few_queue:
        decision_queue(leader)
    with CaptureQueriesContext(connection) as few_page:
        client.get(url)
    with CaptureQueriesContext(connection) as few_home:
        client.get(reverse("core:home"))

    def new_client():
        return ClientFactory(
            municipality=world.orgs["a1"],
            team=world.orgs["team_a"],
            case_manager=world.users["cm1"],
        )

    for _i in range(4):
        c = new_client()
        submit(world, draft(world, c))
        _proposed_fine(c)
        _objection(world, new_client())
    assert len(decision_queue(leader)) == 15
    with CaptureQueriesContext(connection) as many_queue:
        decision_queue(leader)
    with CaptureQueriesContext(connection) as many_page:
        client.get(url)
    with CaptureQueriesContext(connection) as many_home:
        client.get(reverse("core:home"))
    assert len(many_queue) == len(few_queue) == 3
    assert len(many_page) == len(few_page)
    assert len(many_home) == len(few_home)
