"""The case lifecycle and the deadline hook seen from the apps above clients: a forbidden
transition answers 409 with a Dutch message in the API and in the pages; facts recompute."""

import datetime as dt

import pytest

from django.urls import reverse
from django.utils import timezone

from regie.clients import deadlines
from regie.clients.lifecycle import TransitionNotAllowed
from regie.clients.models import Client, ClientStatus, Deadline
from regie.core.principal import Principal

pytestmark = pytest.mark.django_db


def _in(client: Client, status: str) -> Client:
    Client.objects.filter(pk=client.pk).update(status=status)
    client.refresh_from_db()
    return client


# --- 409 with a Dutch message -----------------------------------------------------------------


def _close_body(client, today):
    return {
        "client": str(client.uuid),
        "version": client.version,
        "closure_reason": "vertrokken",
        "closed_on": today.isoformat(),
    }


def test_api_answers_409_in_dutch_on_a_forbidden_transition(world, login, client):
    c = world.clients["own_cm1"]
    today = timezone.localdate()
    login(*world.as_role("cm1"))
    ok = client.post(
        "/api/v1/afsluitingen/", _close_body(c, today), content_type="application/json"
    )
    assert ok.status_code == 201, ok.content
    c.refresh_from_db()
    again = client.post(
        "/api/v1/afsluitingen/", _close_body(c, today), content_type="application/json"
    )
    assert again.status_code == 409
    detail = again.json()["detail"]
    assert "Afgesloten" in detail and "het dossier sluiten" in detail


def test_view_answers_409_in_dutch_when_the_dossier_was_closed_meanwhile(
    world, login, client, monkeypatch
):
    """Another user closes the dossier between the page load and this save: the table refuses
    under the row lock and the page answers 409 with the Dutch message."""
    from regie.progress import services

    c = world.clients["own_cm1"]
    login(*world.as_role("cm1"))
    url = reverse("progress:close", args=[c.uuid])
    original = services._require_full

    def and_someone_closes_it(principal, target):
        original(principal, target)
        Client.objects.filter(pk=target.pk).update(status=ClientStatus.CLOSED)

    monkeypatch.setattr(services, "_require_full", and_someone_closes_it)
    today = timezone.localdate().strftime("%d-%m-%Y")
    answer = client.post(url, {"version": c.version, "reason": "vertrokken", "closed_on": today})
    assert answer.status_code == 409
    assert "het dossier sluiten" in answer.content.decode()


def test_service_refuses_closing_a_closed_dossier(world):
    from regie.progress import services

    principal = Principal.from_assignment(world.assignments["cm1"])
    c = _in(world.clients["own_cm1"], ClientStatus.CLOSED)
    with pytest.raises(TransitionNotAllowed):
        services.close_dossier(
            principal, c, c.version, reason="vertrokken", closed_on=timezone.localdate()
        )


# --- the one recompute hook -------------------------------------------------------------------


def test_changing_a_fact_recomputes_and_other_saves_do_not(world, monkeypatch):
    c = world.clients["own_cm1"]
    c.linkage_date = dt.date(2026, 2, 2)
    c.save(update_fields=["linkage_date"])
    first = Deadline.objects.get(client=c, kind="intake_start").due_date
    c.brp_date = dt.date(2026, 3, 2)  # the BRP date counts before the koppeling
    c.save(update_fields=["brp_date"])
    assert Deadline.objects.get(client=c, kind="intake_start").due_date > first

    calls = []
    monkeypatch.setattr(deadlines, "recompute", lambda client: calls.append(client.pk))
    c.phone = "0612345678"
    c.save(update_fields=["phone"])  # not a fact any deadline reads
    assert calls == []
    from regie.intake.models import Intake

    Intake.objects.create(client=c, started_on=dt.date(2026, 3, 10))  # a registered fact model
    assert calls == [c.pk]
