"""The one read of the plans app: plan_facts degrades without a plan and reads a decided one."""

import datetime as dt

import pytest

from regie.progress.selectors import plan_facts

pytestmark = pytest.mark.django_db


def test_plan_facts_without_plan(world):
    facts = plan_facts(world.clients["own_cm1"])
    assert not facts.decided and facts.route == "" and facts.offer_start is None


def test_plan_facts_from_a_decided_plan(world):
    plans_models = pytest.importorskip("regie.plans.models")
    client = world.clients["own_cm1"]
    pip = dt.date(2026, 3, 14)
    plan = plans_models.Plan.objects.create(
        client=client,
        first_decision_date=pip,
        term_start=pip + dt.timedelta(days=1),
        term_end=dt.date(2029, 3, 14),
    )
    draft = plans_models.PlanVersion.objects.create(
        plan=plan,
        client=client,
        number=1,
        status="decided",
        route="z",
        decision_date=pip,
        drafted_by=world.users["cm1"],
    )
    plans_models.Component.objects.create(
        plan_version=draft, client=client, kind="language", offer_start=dt.date(2026, 5, 1)
    )
    plans_models.Component.objects.create(
        plan_version=draft, client=client, kind="knm", offer_start=dt.date(2026, 4, 1)
    )
    facts = plan_facts(client)
    assert facts.pip_date == pip and facts.route == "z"
    assert facts.term_end == dt.date(2029, 3, 14)
    assert facts.offer_start == dt.date(2026, 4, 1) and len(facts.components) == 2
