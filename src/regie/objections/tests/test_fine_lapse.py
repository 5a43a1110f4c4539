"""Objection and appeal against a fine suspend the fine's lapse term (Awb art. 5:45 lid 3): the
objection services call the public services of ``progress`` (stood in for here, so the test does
not depend on the state of that app)."""

import datetime as dt

import pytest

from regie.objections import jobs, services
from regie.objections.models import DecisionKind, Outcome, WaiverGround
from regie.progress import services as progress_services
from regie.progress.services import ProgressError

pytestmark = pytest.mark.django_db


@pytest.fixture
def calls(monkeypatch):
    log = []

    def suspend(case, *, start, reason, kind, source_ref, principal=None, end=None):
        log.append(("suspend", case.pk, start, kind, source_ref))

    def end(case, *, end, source_ref="", principal=None):
        log.append(("end", case.pk, end, source_ref))

    monkeypatch.setattr(progress_services, "suspend_fine_lapse", suspend, raising=False)
    monkeypatch.setattr(progress_services, "end_fine_lapse_suspension", end, raising=False)
    return log


def _decided_fine_objection(principal, world, fine):
    objection = services.register_objection(
        principal("cm1"),
        world.clients["own_cm1"],
        decision_kind=DecisionKind.FINE,
        enforcement_case=fine,
        received_on=dt.date(2026, 3, 25),
    )
    services.waive_hearing(
        principal("cm1"), objection, objection.version, ground=WaiverGround.WAIVED
    )
    objection.refresh_from_db()
    services.decide(
        principal("tl"),
        objection,
        objection.version,
        outcome=Outcome.DISMISSED,
        decided_on=dt.date(2026, 5, 20),
        reasoning="De boete is terecht.",
    )
    objection.refresh_from_db()
    return objection


def test_objection_and_appeal_against_a_fine_suspend_its_lapse_term_awb_5_45(
    principal, world, fine, calls
):
    objection = _decided_fine_objection(principal, world, fine)
    ref = f"bezwaar:{objection.pk}"
    assert calls == [("suspend", fine.pk, dt.date(2026, 3, 25), "bezwaar", ref)]
    services.file_appeal(
        principal("cm1"),
        objection,
        objection.version,
        kind="besluit",
        filed_on=dt.date(2026, 6, 20),
        court="Rechtbank Noord-Holland",
    )
    objection.refresh_from_db()
    services.record_appeal_outcome(
        principal("cm1"),
        objection,
        objection.version,
        outcome="ongegrond",
        decided_on=dt.date(2026, 11, 2),
    )
    appeal = f"beroep:{objection.pk}"
    assert calls[1:] == [
        ("end", fine.pk, dt.date(2026, 6, 20), ref),
        ("suspend", fine.pk, dt.date(2026, 6, 20), "beroep", appeal),
        ("end", fine.pk, dt.date(2026, 11, 2), appeal),
    ]


def test_unappealed_decision_on_a_fine_objection_ends_the_suspension_after_the_appeal_term(
    principal, world, fine, calls
):
    objection = _decided_fine_objection(principal, world, fine)
    # decided 20-5-2026: appeal term to 1-7-2026 (Awb art. 6:7, 6:8)
    jobs.daily(dt.date(2026, 7, 1))
    assert [c[0] for c in calls] == ["suspend"]
    result = jobs.daily(dt.date(2026, 7, 2))
    assert calls[-1] == ("end", fine.pk, dt.date(2026, 7, 1), f"bezwaar:{objection.pk}")
    assert result["lapse_suspensions_ended"] == 1


def test_a_refusal_of_the_fine_service_refuses_the_objection_step(
    principal, world, fine, monkeypatch
):
    def refuse(case, **kwargs):
        raise ProgressError("De vervaltermijn is al opgeschort.")

    monkeypatch.setattr(progress_services, "suspend_fine_lapse", refuse, raising=False)
    with pytest.raises(services.ObjectionError) as exc:
        services.register_objection(
            principal("cm1"),
            world.clients["own_cm1"],
            decision_kind=DecisionKind.FINE,
            enforcement_case=fine,
            received_on=dt.date(2026, 3, 25),
        )
    assert "al opgeschort" in str(exc.value)
    assert not fine.client.objections.exists()


def test_objection_against_a_pip_does_not_touch_a_fine(principal, world, pip, calls):
    services.register_objection(
        principal("cm1"),
        world.clients["own_cm1"],
        decision_kind=DecisionKind.PIP,
        plan_version=pip,
        received_on=dt.date(2026, 3, 20),
    )
    assert calls == []


def test_the_real_progress_service_records_the_suspension_periods(principal, world, fine):
    from regie.progress.models import FineLapseSuspension

    objection = _decided_fine_objection(principal, world, fine)
    period = FineLapseSuspension.objects.get(case=fine)
    assert (period.kind, period.start, period.end) == ("bezwaar", dt.date(2026, 3, 25), None)
    services.file_appeal(
        principal("cm1"),
        objection,
        objection.version,
        kind="besluit",
        filed_on=dt.date(2026, 6, 20),
        court="Rechtbank Noord-Holland",
    )
    objection.refresh_from_db()
    services.record_appeal_outcome(
        principal("cm1"),
        objection,
        objection.version,
        outcome="ongegrond",
        decided_on=dt.date(2026, 11, 2),
    )
    periods = list(
        FineLapseSuspension.objects.filter(case=fine).values_list("kind", "start", "end")
    )
    assert periods == [
        ("bezwaar", dt.date(2026, 3, 25), dt.date(2026, 6, 20)),
        ("beroep", dt.date(2026, 6, 20), dt.date(2026, 11, 2)),
    ]
