"""Issue 9 items 1 and 6, the offer side: the attendance providers report counts as attended
hours for completing the PVT (through ``core.hooks``), and the keurmerk check that afschalen uses
is the provider's Blik op Werk Keurmerk Inburgeren."""

import datetime as dt
from decimal import Decimal

from django.utils import timezone

from regie.clients.models import PermitType, TargetGroup
from regie.core import hooks
from regie.core.models import OutboxMessage
from regie.core.principal import Principal
from regie.offer import provider_reports as reporting
from regie.offer.models import MarkKind, QualityMark
from regie.plans import selectors as plan_selectors
from regie.plans import services as plan_services
from regie.plans.models import Component, Plan, PlanVersion

from .test_reporting import attendance, make_offer, provider_principal

TODAY = timezone.localdate()


def _decided_pvt(world, client):
    decided = TODAY - dt.timedelta(days=90)
    plan = Plan.objects.create(
        client=client,
        first_decision_date=decided,
        term_start=decided + dt.timedelta(days=1),
        term_end=decided + dt.timedelta(days=3 * 365),
    )
    version = PlanVersion.objects.create(
        plan=plan,
        client=client,
        number=1,
        status="decided",
        route="b1",
        drafted_by=world.users["cm1"],
        decision_date=decided,
    )
    return Component.objects.create(
        plan_version=version, client=client, kind="pvt", hours_planned=12
    )


def test_pvt_completion_counts_attendance_reported_by_the_provider(world):
    client = world.clients["own_cm1"]
    client.target_group, client.permit_type = TargetGroup.ASYLUM, PermitType.ASYLUM
    client.save()
    pvt = _decided_pvt(world, client)
    _product, (enrolment,) = make_offer(world, kind="pvt", name="PVT Hoorn")
    enrolment.component_uuid = pvt.uuid
    enrolment.save()
    rows = [
        attendance(enrolment, f"pvt-{i}", TODAY - dt.timedelta(days=10 + i), "3", "3")
        for i in range(3)
    ]
    assert reporting.submit_reports(provider_principal(world), rows).ok

    summary = plan_selectors.attended_hours(client, ["pvt"])
    assert summary.reported_total == Decimal(9)
    assert [r.source for r in summary.reported] == [world.orgs["p1"].name]

    cm = Principal.from_assignment(world.assignments["cm1"])
    plan_services.record_milestone(
        cm, client, kind="pvt_signed", held_on=TODAY - dt.timedelta(days=5), conducted_by="X"
    )
    pvt.refresh_from_db()
    try:
        plan_services.record_progress(cm, pvt, pvt.version, completed_on=TODAY)
    except plan_services.PlanError as exc:
        assert "er ontbreken er 3" in " ".join(exc.messages)
    else:  # pragma: no cover
        raise AssertionError("9 reported hours must not complete the PVT")
    plan_services.record_activity(
        cm,
        client,
        kind="pvt",
        date=TODAY - dt.timedelta(days=5),
        hours=3,
        description="Ondertekening en excursie",
        reported_by_kind="gemeente",
        reported_by_name="Gemeente Hoorn",
    )
    pvt.refresh_from_db()
    plan_services.record_progress(cm, pvt, pvt.version, completed_on=TODAY)
    assert OutboxMessage.objects.get(message_type="pvt.completed").payload["data"]["hours"] == 12


def test_keurmerk_check_uses_the_providers_quality_mark(world):
    provider = world.orgs["p1"]
    assert hooks.has_keurmerk(provider.pk, TODAY) is False
    QualityMark.objects.create(
        provider=provider,
        kind=MarkKind.KEURMERK,
        valid_from=TODAY - dt.timedelta(days=10),
        valid_until=TODAY + dt.timedelta(days=10),
    )
    assert hooks.has_keurmerk(provider.pk, TODAY) is True
    assert hooks.has_keurmerk(provider.pk, TODAY + dt.timedelta(days=11)) is False
