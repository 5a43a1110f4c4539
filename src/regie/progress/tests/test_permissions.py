"""Every role of the permission matrix: who reads and who changes the progress parts, in the UI
and the API, also by guessing ids."""

import datetime as dt

import pytest

from django.urls import reverse

from regie.core.roles import Role
from regie.progress import services
from regie.progress.models import EnforcementCase, Review
from regie.testing import CLIENT_KEYS, EXPECTED

pytestmark = pytest.mark.django_db

CASEWORK = {Role.CASE_MANAGER, Role.TEAM_LEADER}
PAGES = ["progress:reviews", "progress:enforcement", "progress:duo"]


def _readable(world, role_key):
    visible, _changeable = EXPECTED[role_key]
    return visible if world.assignments[role_key].role in CASEWORK else set()


@pytest.mark.parametrize("role_key", sorted(EXPECTED))
def test_ui_read_and_write(world, login, client, principal, role_key, today):
    readable = _readable(world, role_key)
    _visible, changeable = EXPECTED[role_key]
    cases = {}
    for key in CLIENT_KEYS:
        c = world.clients[key]
        owner = "tl_b" if key == "region_b" else "tl"
        cases[key] = services.open_enforcement(
            principal(owner), c, violation="pip", description="Niet gekomen."
        )
    login(*world.as_role(role_key))
    for key in CLIENT_KEYS:
        c = world.clients[key]
        for name in PAGES:
            response = client.get(reverse(name, args=[c.uuid]))
            assert response.status_code == (200 if key in readable else 404), (
                f"{role_key} {name} {key}"
            )
            if key in readable:
                assert c.full_name in response.content.decode(), f"{role_key} {name} {key}"
            else:
                assert c.surname not in response.content.decode()
        case_page = client.get(reverse("progress:enforcement_case", args=[c.uuid, cases[key].uuid]))
        assert case_page.status_code == (200 if key in readable else 404)
        if key in readable:
            assert "Niet gekomen." in case_page.content.decode()
        # another client's case under this client's url: never found
        other = cases["region_b" if key != "region_b" else "own_cm1"]
        assert (
            client.get(reverse("progress:enforcement_case", args=[c.uuid, other.uuid])).status_code
            == 404
        )
        before = Review.objects.filter(client=c).count()
        response = client.post(
            reverse("progress:reviews", args=[c.uuid]),
            {"kind": "voortgangsgesprek", "planned_on": today.strftime("%d-%m-%Y")},
        )
        allowed = key in changeable and key in readable
        assert response.status_code == (302 if allowed else 404), f"{role_key} write {key}"
        assert Review.objects.filter(client=c).count() == before + (1 if allowed else 0)
        for name in ("progress:close", "progress:handover_export"):
            assert client.get(reverse(name, args=[c.uuid])).status_code == (200 if allowed else 404)
        # the fine decision page: team leaders only
        case = cases[key]
        EnforcementCase.objects.filter(pk=case.pk).update(status="voorgesteld")
        decide = client.get(reverse("progress:decide_fine", args=[c.uuid, case.uuid]))
        is_leader = world.assignments[role_key].role == Role.TEAM_LEADER
        assert decide.status_code == (200 if allowed and is_leader else 404), f"{role_key} {key}"
    imp = client.get(reverse("progress:handover_import"))
    assert imp.status_code == (200 if world.assignments[role_key].role in CASEWORK else 404)


@pytest.mark.parametrize("role_key", sorted(EXPECTED))
def test_api_read_and_write(world, login, client, principal, role_key, today):
    readable = _readable(world, role_key)
    _visible, changeable = EXPECTED[role_key]
    reviews = {}
    for key in CLIENT_KEYS:
        owner = "tl_b" if key == "region_b" else "tl"
        reviews[key] = services.schedule_review(
            principal(owner), world.clients[key], planned_on=today
        )
    login(*world.as_role(role_key))
    listed = client.get("/api/v1/voortgangsgesprekken/").json()["results"]
    assert {r["client"] for r in listed} == {str(world.clients[k].uuid) for k in readable}
    for key in CLIENT_KEYS:
        c = world.clients[key]
        detail = client.get(f"/api/v1/voortgangsgesprekken/{reviews[key].uuid}/")
        assert detail.status_code == (200 if key in readable else 404), f"{role_key} {key}"
        created = client.post(
            "/api/v1/voortgangsgesprekken/",
            {"client": str(c.uuid), "planned_on": today.isoformat()},
            content_type="application/json",
        )
        if key in changeable and key in readable:
            assert created.status_code == 201
        else:
            assert created.status_code in (403, 404), f"{role_key} api write {key}"
        export = client.get(f"/api/v1/overdrachten/{c.uuid}/")
        assert export.status_code == (200 if key in changeable and key in readable else 404)


def test_api_enforcement_path_and_errors(world, login, client, today):
    c = world.clients["own_cm1"]
    login(*world.as_role("cm1"))
    case = client.post(
        "/api/v1/handhavingszaken/",
        {"client": str(c.uuid), "violation": "intake", "description": "Niet gekomen."},
        content_type="application/json",
    ).json()
    url = f"/api/v1/handhavingszaken/{case['uuid']}/"
    early = client.post(
        url + "boete-voorstellen/",
        {"version": case["version"], "amount": "250"},
        content_type="application/json",
    )
    assert early.status_code == 400 and "niet wil" in str(early.json())
    stale = client.post(
        url + "beoordelen/",
        {"version": 99, "assessment": "wil_niet", "reason": "x"},
        content_type="application/json",
    )
    assert stale.status_code == 409 and "Iemand anders" in stale.json()["detail"]
    bad = client.post(
        url + "beoordelen/",
        {"version": 1, "assessment": "misschien"},
        content_type="application/json",
    )
    assert bad.status_code == 400
    ok = client.post(
        url + "beoordelen/",
        {"version": 1, "assessment": "wil_niet", "reason": "Weigert."},
        content_type="application/json",
    )
    assert ok.status_code == 200 and ok.json()["enforcement_status"] == "wil_niet"
    decide = client.post(
        url + "boete-besluiten/", {"version": 2, "impose": True}, content_type="application/json"
    )
    assert decide.status_code == 403
    guessed = client.get("/api/v1/handhavingszaken/?client=geen-uuid")
    assert guessed.status_code == 400


def test_api_duo_and_closing(world, login, client, today):
    c = world.clients["own_cm1"]
    login(*world.as_role("cm1"))
    bad = client.post(
        "/api/v1/duo-besluiten/",
        {"client": str(c.uuid), "decision_kind": "verlenging", "decision_date": today.isoformat()},
        content_type="application/json",
    )
    assert bad.status_code == 400 and "grond" in str(bad.json())
    closed = client.post(
        "/api/v1/afsluitingen/",
        {
            "client": str(c.uuid),
            "version": c.version,
            "closure_reason": "vertrokken",
            "closed_on": today.isoformat(),
        },
        content_type="application/json",
    )
    assert closed.status_code == 201
    again = client.post(
        "/api/v1/afsluitingen/",
        {
            "client": str(c.uuid),
            "version": c.version + 1,
            "closure_reason": "vertrokken",
            "closed_on": (today - dt.timedelta(days=1)).isoformat(),
        },
        content_type="application/json",
    )
    assert again.status_code == 409 and "gesloten" in str(again.json())
