import datetime as dt

import pytest

from django.utils import timezone

from regie.core.principal import Principal
from regie.progress import selectors
from regie.progress.selectors import PlanFacts

SAME = object()


@pytest.fixture
def plans(monkeypatch):
    """Decided plan facts per client (the plans app is stood in for, so tests do not depend on
    its state): ``plans.set(client, pip_date=..., route=..., offer_start=...)``."""

    class Facts(dict):
        def set(
            self,
            client,
            *,
            pip_date,
            route="b1",
            offer_start=None,
            term_end=None,
            education_start=SAME,
        ):
            """``offer_start``: the earliest start of any component; ``education_start``: the
            earliest language/KNM start (by default the same date)."""
            self[client.pk] = PlanFacts(
                pip_date=pip_date,
                decision_date=pip_date,
                route=route,
                term_start=pip_date + dt.timedelta(days=1),
                term_end=term_end or pip_date.replace(year=pip_date.year + 3),
                offer_start=offer_start,
                education_offer_start=offer_start if education_start is SAME else education_start,
            )

    facts = Facts()
    monkeypatch.setattr(selectors, "_from_plans", lambda client: facts.get(client.pk, PlanFacts()))
    return facts


@pytest.fixture
def today():
    return timezone.localdate()


@pytest.fixture
def principal(world):
    def _p(key):
        return Principal.from_assignment(world.assignments[key])

    return _p
