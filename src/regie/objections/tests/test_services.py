"""The objection procedure through its services: each test is named after the rule it enforces."""

import datetime as dt
from decimal import Decimal

import pytest

from django.core.exceptions import PermissionDenied

from regie.clients.models import Deadline
from regie.objections import deadlines, services
from regie.objections.models import DecisionKind, Outcome, WaiverGround
from regie.plans.models import VersionStatus
from regie.plans.tests.factories import PlanVersionFactory

pytestmark = pytest.mark.django_db


def _register(principal, world, pip, **extra):
    values = {
        "decision_kind": DecisionKind.PIP,
        "plan_version": pip,
        "received_on": dt.date(2026, 3, 20),
        "grounds": "De Z-route past niet bij mij.",
    }
    values.update(extra)
    return services.register_objection(principal("cm1"), world.clients["own_cm1"], **values)


def _decision_deadline(objection):
    return Deadline.objects.get(
        client=objection.client, kind=deadlines.DECISION, sequence=objection.number
    )


def _waive_and_dismiss(principal, objection, decided_on, reasoning="Ongegrond."):
    """The objector waived the hearing (Awb 7:3) and the team leader dismissed the objection."""
    services.waive_hearing(
        principal("cm1"), objection, objection.version, ground=WaiverGround.WAIVED
    )
    objection.refresh_from_db()
    services.decide(
        principal("tl"),
        objection,
        objection.version,
        outcome=Outcome.DISMISSED,
        decided_on=decided_on,
        reasoning=reasoning,
    )


def test_objection_register_records_received_date_and_the_pip_decision(principal, world, pip):
    objection = _register(principal, world, pip)
    assert objection.number == 1
    assert objection.received_on == dt.date(2026, 3, 20)
    assert objection.decision_made_known_on == dt.date(2026, 3, 3)


def test_objection_decision_term_is_in_the_worklist_registry(principal, world, pip):
    objection = _register(principal, world, pip)
    deadline = _decision_deadline(objection)
    # made known 3-3-2026 -> objection term ends 14-4-2026 -> decide by 26-5-2026 (Awb 7:10)
    assert deadline.due_date == dt.date(2026, 5, 26)
    assert "Awb art. 7:10" in deadline.basis
    assert deadline.get_kind_display() == "Beslissen op bezwaar (Awb art. 7:10)"


def test_objection_with_advisory_committee_has_twelve_weeks(principal, world, pip):
    objection = _register(principal, world, pip, advisory_committee=True)
    assert _decision_deadline(objection).due_date == dt.date(2026, 7, 7)


def test_repair_request_suspends_the_decision_term(principal, world, pip):
    objection = _register(principal, world, pip)
    services.request_repair(
        principal("cm1"),
        objection,
        objection.version,
        requested_on=dt.date(2026, 4, 20),
        deadline=dt.date(2026, 5, 4),
        defect="Het bezwaarschrift is niet ondertekend.",
    )
    objection.refresh_from_db()
    services.record_repair(
        principal("cm1"), objection, objection.version, repaired_on=dt.date(2026, 4, 30)
    )
    assert _decision_deadline(objection).due_date == dt.date(2026, 6, 4)


def test_postponement_over_six_weeks_needs_consent(principal, world, pip):
    objection = _register(principal, world, pip)
    with pytest.raises(services.ObjectionError) as exc:
        services.postpone(
            principal("cm1"),
            objection,
            objection.version,
            postponed_on=dt.date(2026, 5, 1),
            weeks=7,
        )
    assert "Awb art. 7:10 lid 3" in str(exc.value)
    services.postpone(
        principal("cm1"), objection, objection.version, postponed_on=dt.date(2026, 5, 1), weeks=6
    )
    objection.refresh_from_db()
    assert _decision_deadline(objection).due_date == dt.date(2026, 7, 7)
    with pytest.raises(services.ObjectionError):  # one postponement only
        services.postpone(
            principal("cm1"),
            objection,
            objection.version,
            postponed_on=dt.date(2026, 5, 2),
            weeks=1,
        )
    with pytest.raises(services.ObjectionError):  # further delay needs a ground of lid 4
        services.delay_further(
            principal("cm1"),
            objection,
            objection.version,
            delayed_on=dt.date(2026, 7, 1),
            weeks=4,
            ground="",
        )
    services.delay_further(
        principal("cm1"),
        objection,
        objection.version,
        delayed_on=dt.date(2026, 7, 1),
        weeks=4,
        ground="b",
    )
    assert _decision_deadline(objection).due_date == dt.date(2026, 8, 4)


def test_decision_on_objection_requires_hearing_or_a_waiver_ground_awb_7_2(principal, world, pip):
    objection = _register(principal, world, pip)
    with pytest.raises(services.ObjectionError) as exc:
        services.decide(
            principal("tl"),
            objection,
            objection.version,
            outcome=Outcome.DISMISSED,
            decided_on=dt.date(2026, 5, 20),
            reasoning="Het PIP is zorgvuldig vastgesteld.",
        )
    assert "Awb art. 7:2" in str(exc.value)
    _waive_and_dismiss(
        principal, objection, dt.date(2026, 5, 20), "Het PIP is zorgvuldig vastgesteld."
    )
    assert _decision_deadline(objection).met_on == dt.date(2026, 5, 20)
    appeal = Deadline.objects.get(client=objection.client, kind=deadlines.APPEAL_TERM)
    assert appeal.due_date == dt.date(2026, 7, 1)


def test_only_the_team_leader_decides_on_an_objection(principal, world, pip):
    objection = _register(principal, world, pip)
    services.record_hearing(
        principal("cm1"),
        objection,
        objection.version,
        held_on=dt.date(2026, 5, 1),
        report="Gehoord.",
    )
    objection.refresh_from_db()
    with pytest.raises(PermissionDenied):
        services.decide(
            principal("cm1"),
            objection,
            objection.version,
            outcome=Outcome.DISMISSED,
            decided_on=dt.date(2026, 5, 20),
            reasoning="x",
        )


def test_upheld_objection_against_a_pip_links_the_revision(principal, world, pip):
    objection = _register(principal, world, pip)
    services.record_hearing(
        principal("cm1"),
        objection,
        objection.version,
        held_on=dt.date(2026, 5, 1),
        report="Gehoord.",
    )
    objection.refresh_from_db()
    services.decide(
        principal("tl"),
        objection,
        objection.version,
        outcome=Outcome.UPHELD,
        decided_on=dt.date(2026, 5, 20),
        reasoning="De leerbaarheidstoets wees op de B1-route.",
    )
    objection.refresh_from_db()
    revision = PlanVersionFactory(
        plan=pip.plan, number=2, status=VersionStatus.DECIDED, decision_date=dt.date(2026, 6, 1)
    )
    with pytest.raises(services.ObjectionError):
        services.link_revision(principal("cm1"), objection, objection.version, plan_version=pip)
    services.link_revision(principal("cm1"), objection, objection.version, plan_version=revision)
    objection.refresh_from_db()
    assert objection.new_plan_version == revision


def test_upheld_objection_against_a_fine_lowers_or_withdraws_it(principal, world, fine):
    objection = services.register_objection(
        principal("cm1"),
        world.clients["own_cm1"],
        decision_kind=DecisionKind.FINE,
        enforcement_case=fine,
        received_on=dt.date(2026, 3, 25),
    )
    services.record_hearing(
        principal("cm1"), objection, objection.version, held_on=dt.date(2026, 5, 1), report="Ziek."
    )
    objection.refresh_from_db()
    for amount in (None, Decimal("400"), Decimal("500")):
        with pytest.raises(services.ObjectionError):
            services.decide(
                principal("tl"),
                objection,
                objection.version,
                outcome=Outcome.UPHELD,
                decided_on=dt.date(2026, 5, 20),
                reasoning="Verminderde verwijtbaarheid.",
                new_fine_amount=amount,
            )
    services.decide(
        principal("tl"),
        objection,
        objection.version,
        outcome=Outcome.UPHELD,
        decided_on=dt.date(2026, 5, 20),
        reasoning="Verminderde verwijtbaarheid.",
        new_fine_amount=Decimal("0"),
    )
    objection.refresh_from_db()
    assert objection.new_fine_amount == 0


def test_penalty_for_late_decision_follows_awb_4_17(principal, world, pip):
    objection = _register(principal, world, pip)
    with pytest.raises(services.ObjectionError) as exc:  # premature notice
        services.record_default_notice(
            principal("cm1"), objection, objection.version, received_on=dt.date(2026, 5, 26)
        )
    assert "Awb art. 4:17" in str(exc.value)
    services.record_default_notice(
        principal("cm1"), objection, objection.version, received_on=dt.date(2026, 6, 1)
    )
    objection.refresh_from_db()
    _waive_and_dismiss(principal, objection, dt.date(2026, 7, 1))
    objection.refresh_from_db()
    # first day 15-6-2026; decided 1-7-2026: 17 days = 14 x 23 + 3 x 35 = 427
    fix = Deadline.objects.get(client=objection.client, kind=deadlines.PENALTY_FIX)
    assert fix.due_date == dt.date(2026, 7, 15)  # Awb 4:18: two weeks after the last day
    assert fix.unconfirmed  # the 2026 text of Awb 4:17 was not read
    services.fix_penalty(
        principal("tl"), objection, objection.version, fixed_on=dt.date(2026, 7, 2)
    )
    objection.refresh_from_db()
    assert objection.penalty_amount == Decimal("427")
    assert Deadline.objects.get(pk=fix.pk).met_on == dt.date(2026, 7, 2)


def test_appeal_filed_and_its_outcome_are_recorded(principal, world, pip):
    objection = _register(principal, world, pip)
    with pytest.raises(services.ObjectionError):  # no decision to appeal against yet
        services.file_appeal(
            principal("cm1"),
            objection,
            objection.version,
            kind="besluit",
            filed_on=dt.date(2026, 5, 1),
            court="Rechtbank Noord-Holland",
        )
    _waive_and_dismiss(principal, objection, dt.date(2026, 5, 20))
    objection.refresh_from_db()
    services.file_appeal(
        principal("cm1"),
        objection,
        objection.version,
        kind="besluit",
        filed_on=dt.date(2026, 6, 10),
        court="Rechtbank Noord-Holland",
    )
    objection.refresh_from_db()
    assert Deadline.objects.get(
        client=objection.client, kind=deadlines.APPEAL_TERM
    ).met_on == dt.date(2026, 6, 10)
    services.record_appeal_outcome(
        principal("cm1"),
        objection,
        objection.version,
        outcome="ongegrond",
        decided_on=dt.date(2026, 11, 2),
    )
    objection.refresh_from_db()
    assert objection.status == "afgerond"


def test_objection_against_a_refusal_needs_a_description_of_the_refused_request(principal, world):
    with pytest.raises(services.ObjectionError) as exc:
        services.register_objection(
            principal("cm1"),
            world.clients["own_cm1"],
            decision_kind=DecisionKind.REFUSAL,
            decision_date=dt.date(2026, 3, 2),
            received_on=dt.date(2026, 3, 20),
        )
    assert "decision_description" in exc.value.error_dict


def test_a_case_manager_of_another_team_cannot_register_an_objection(principal, world, pip):
    with pytest.raises(PermissionDenied):
        services.register_objection(
            principal("cm_b"),
            world.clients["own_cm1"],
            decision_kind=DecisionKind.PIP,
            plan_version=pip,
            received_on=dt.date(2026, 3, 20),
        )


def test_heard_objection_is_a_work_item_for_the_team_leader_until_decided(principal, world, pip):
    from regie.core.models import WorkItem
    from regie.objections import work_items

    objection = _register(principal, world, pip)
    services.record_hearing(
        principal("cm1"),
        objection,
        objection.version,
        held_on=dt.date(2026, 5, 1),
        report="Gehoord.",
    )
    item = WorkItem.objects.get(kind=work_items.KIND)
    assert item.state == "open" and item.role == "teamleider"
    assert item.due_date == dt.date(2026, 5, 26)  # the decision term (Awb art. 7:10)
    objection.refresh_from_db()
    services.decide(
        principal("tl"),
        objection,
        objection.version,
        outcome=Outcome.DISMISSED,
        decided_on=dt.date(2026, 5, 20),
        reasoning="Ongegrond.",
    )
    item.refresh_from_db()
    assert item.state == "done"
