"""Intake API, and the permission matrix over every role for the intake pages and API."""

import pytest

from django.urls import reverse

from regie.core.locking import CONFLICT_MESSAGE
from regie.core.models import AccessLogEntry
from regie.core.principal import Principal
from regie.intake import services
from regie.intake.models import Intake
from regie.testing import CLIENT_KEYS, EXPECTED

from .helpers import COMPLETE_DATA

API = "/api/v1/intakes/"
INTAKE_ROLES = {"cm1", "cm2", "cm_b", "tl", "tl_b"}  # case managers and team leaders only


def expected_for(role_key):
    visible, changeable = EXPECTED[role_key]
    return (visible if role_key in INTAKE_ROLES else set()), changeable


@pytest.mark.django_db
def test_api_lifecycle_conflict_and_errors(world, login, client):
    c = world.clients["own_cm1"]
    login(*world.as_role("cm1"))
    assert client.get(f"{API}{c.uuid}/").status_code == 404
    started = client.post(f"{API}{c.uuid}/starten/")
    assert started.status_code == 201 and started.json()["status"] == "draft"
    assert len(started.json()["domains"]) == 10
    again = client.post(f"{API}{c.uuid}/starten/")
    assert again.status_code == 400 and "al gestart" in str(again.json())
    put = client.put(
        f"{API}{c.uuid}/onderdelen/werk/",
        {"version": 1, "data": {"sector": "Zorg"}, "done": False},
        content_type="application/json",
    )
    assert put.status_code == 200 and put.json()["status"] == "in_progress"
    stale = client.put(
        f"{API}{c.uuid}/onderdelen/werk/",
        {"version": 1, "data": {"sector": "Bouw"}, "done": False},
        content_type="application/json",
    )
    assert stale.status_code == 409 and stale.json()["detail"] == str(CONFLICT_MESSAGE)
    bad = client.put(
        f"{API}{c.uuid}/onderdelen/achtergrond/",
        {"version": 1, "data": {"arrival_year": "later"}, "done": True},
        content_type="application/json",
    )
    assert bad.status_code == 400
    errors = bad.json()["errors"]
    assert "arrival_year" in errors and "country_of_origin" in errors
    garbage = client.put(f"{API}{c.uuid}/onderdelen/werk/", "nee", content_type="application/json")
    assert garbage.status_code == 400
    assert client.get(f"{API}{c.uuid}/onderdelen/onzin/").status_code == 404
    early = client.post(f"{API}{c.uuid}/afronden/")
    assert early.status_code == 400 and len(early.json()["errors"]) == 11
    for domain, data in COMPLETE_DATA.items():
        version = client.get(f"{API}{c.uuid}/onderdelen/{domain}/").json()["version"]
        response = client.put(
            f"{API}{c.uuid}/onderdelen/{domain}/",
            {"version": version, "data": data, "done": True},
            content_type="application/json",
        )
        assert response.status_code == 200, response.json()
    lbt = client.put(
        f"{API}{c.uuid}/leerbaarheidstoets/",
        {"version": 0, "taken_on": "2026-01-05", "assessor": "Bureau X", "outcome": "b1"},
        content_type="application/json",
    )
    assert lbt.status_code == 200 and lbt.json()["version"] == 1
    done = client.post(f"{API}{c.uuid}/afronden/")
    assert done.status_code == 200 and done.json()["status"] == "completed"
    detail = client.get(f"{API}{c.uuid}/").json()
    assert detail["learnability_test"]["outcome"] == "b1"
    assert "special" not in str(detail) and "mental" not in str(detail)
    assert AccessLogEntry.objects.filter(person_id=c.pk, channel="api").exists()


@pytest.mark.django_db
@pytest.mark.parametrize("role_key", sorted(EXPECTED))
def test_intake_pages_and_api_per_role(world, login, client, role_key):
    readable, changeable = expected_for(role_key)
    for key in CLIENT_KEYS:
        c = world.clients[key]
        services.start_intake(
            Principal.from_assignment(world.assignments["tl" if key != "region_b" else "tl_b"]), c
        )
    login(*world.as_role(role_key))
    listed = {row["client"] for row in client.get(API).json()["results"]}
    assert listed == {str(world.clients[k].uuid) for k in readable}, role_key
    for key in CLIENT_KEYS:
        c = world.clients[key]
        can_read = key in readable
        can_change = key in changeable and role_key in INTAKE_ROLES
        read_status = 200 if can_read else 404
        pages = [
            reverse("intake:overview", args=[c.uuid]),
            reverse("intake:domain", args=[c.uuid, "taal"]),
            reverse("intake:lbt", args=[c.uuid]),
        ]
        for page in pages:
            assert client.get(page).status_code == read_status, f"{role_key} {page} {key}"
        special = client.get(reverse("intake:special", args=[c.uuid])).status_code
        assert special == (200 if can_change else 404), f"{role_key} special {key}"
        assert client.get(f"{API}{c.uuid}/").status_code == read_status, f"{role_key} api {key}"

        version = c.intake.domains.get(domain="taal").version
        ui = client.post(
            reverse("intake:domain", args=[c.uuid, "taal"]),
            {"version": version, "languages_spoken": "Tigrinya", "actie": "later"},
        )
        api = client.put(
            f"{API}{c.uuid}/onderdelen/taal/",
            {"version": version + (1 if ui.status_code == 302 else 0), "data": {}, "done": False},
            content_type="application/json",
        )
        stored = c.intake.domains.get(domain="taal").data
        if can_change:
            assert ui.status_code == 302 and api.status_code == 200, f"{role_key} change {key}"
            assert stored == {}
        else:
            assert ui.status_code == 404, f"{role_key} ui change {key}"
            assert api.status_code == (403 if can_read else 404), f"{role_key} api change {key}"
            assert stored == {}
            assert client.post(reverse("intake:complete", args=[c.uuid])).status_code == 404
            assert client.post(f"{API}{c.uuid}/afronden/").status_code in (403, 404)
            assert Intake.objects.get(client=c).status == "draft"


@pytest.mark.django_db
def test_guessed_uuid_is_404(world, login, client):
    login(*world.as_role("tl"))
    guess = "00000000-0000-0000-0000-000000000000"
    assert client.get(f"/klanten/{guess}/intake/").status_code == 404
    assert client.get(f"{API}{guess}/").status_code == 404
    assert client.post(f"{API}{guess}/starten/").status_code == 404
