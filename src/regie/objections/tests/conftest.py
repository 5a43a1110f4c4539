import datetime as dt
from decimal import Decimal

import pytest

from regie.core.principal import Principal
from regie.objections import services
from regie.plans.models import VersionStatus
from regie.plans.tests.factories import PlanVersionFactory
from regie.progress.models import EnforcementCase, EnforcementStatus, Violation

TODAY = dt.date(2026, 12, 1)


@pytest.fixture(autouse=True)
def fixed_today(monkeypatch):
    monkeypatch.setattr(services, "_today", lambda: TODAY)
    return TODAY


@pytest.fixture
def principal(world):
    def _p(key):
        return Principal.from_assignment(world.assignments[key])

    return _p


@pytest.fixture
def pip(world):
    """PIP version 1 of cm1's client, decided 2-3-2026 and made known on Tuesday 3-3-2026."""
    client = world.clients["own_cm1"]
    return PlanVersionFactory(
        plan__client=client,
        plan__first_decision_date=dt.date(2026, 3, 2),
        plan__term_start=dt.date(2026, 3, 3),
        plan__term_end=dt.date(2029, 3, 2),
        status=VersionStatus.DECIDED,
        decision_date=dt.date(2026, 3, 2),
        made_known_on=dt.date(2026, 3, 3),
    )


@pytest.fixture
def fine(world):
    return EnforcementCase.objects.create(
        client=world.clients["own_cm1"],
        violation=Violation.PIP,
        description="Niet verschenen bij de les",
        opened_on=dt.date(2026, 1, 5),
        status=EnforcementStatus.FINED,
        decision_date=dt.date(2026, 3, 3),
        fine_amount=Decimal("400.00"),
    )
