"""Issue 9, item 11: a Wet inburgering 2013 case gets no PIP, no Wi2021 fine path, no late-offer
statement and so no DUO outbox message; the voluntary offer stays open to him."""

import pytest

from regie.clients.models import Client
from regie.core.models import OutboxMessage


@pytest.mark.django_db
def test_wi2013_client_cannot_get_a_pip_or_a_wi2021_fine(world):
    from regie.plans import services as plan_services
    from regie.plans.tests.helpers import principal as principal_of
    from regie.progress import services as progress_services

    principal = principal_of(world, "cm1")
    target = world.clients["own_cm1"]
    Client.objects.filter(pk=target.pk).update(regime="wi2013")
    target.refresh_from_db()
    with pytest.raises(plan_services.PlanError, match="Wet inburgering 2013"):
        plan_services.draft_initial(principal, target)
    with pytest.raises(progress_services.ProgressError, match="Wet inburgering 2013"):
        progress_services.open_enforcement(principal, target, violation="intake", description="x")
    assert not OutboxMessage.objects.filter(person_id=target.pk).exists()


@pytest.mark.django_db
def test_wi2013_case_and_duty_start_travel_with_a_handover(world):
    import datetime as dt

    from regie.progress.handover import build_payload

    target = world.clients["own_cm1"]
    Client.objects.filter(pk=target.pk).update(
        regime="wi2013", duty_start=dt.date(2021, 9, 1), duty_start_reason="einde_leerplicht"
    )
    target.refresh_from_db()
    payload = build_payload(target)
    assert payload["person"]["regime"] == "wi2013"
    assert payload["person"]["duty_start_reason"] == "einde_leerplicht"
    assert payload["dates"]["duty_start"] == "2021-09-01"
