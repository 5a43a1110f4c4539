"""The delivery worker runs from the worker process: a frequent job registered in core.hooks."""

import pytest

from regie.core import hooks
from regie.core.management.commands import worker
from regie.exchange.models import Delivery, DeliveryState
from regie.plans.tests.helpers import decided_plan

pytestmark = pytest.mark.django_db


def test_the_worker_process_runs_the_delivery_round(world, zgw, monkeypatch):
    assert "exchange.deliver" in hooks.frequent_jobs
    ran = []

    def broken(now):
        raise RuntimeError("kapot")

    monkeypatch.setitem(hooks.frequent_jobs, "a.broken", broken)
    monkeypatch.setitem(hooks.frequent_jobs, "z.after", lambda now: ran.append(now))
    decided_plan(world, world.clients["own_cm1"])
    worker.run_frequent_jobs()
    assert ran, "a failing job does not stop the others"
    assert Delivery.objects.get(receiver="zgw").state == DeliveryState.DELIVERED
    assert len(zgw.items("zaken")) == 1
