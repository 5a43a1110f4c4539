import datetime as dt

import pytest

from django.urls import reverse

from regie.core.models import AccessLogEntry, OutboxMessage
from regie.plans.models import PlanVersion, VersionStatus
from regie.testing import CLIENT_KEYS, EXPECTED

from .helpers import B1_COMPONENTS, decided_plan, draft, submit

DAY = dt.date(2025, 1, 15)
PLAN_ROLES = {"cm1", "cm2", "cm_b", "tl", "tl_b"}  # roles that read the plan part


def plan_visible(role_key):
    visible, _ = EXPECTED[role_key]
    return visible if role_key in PLAN_ROLES else set()


# --- UI flow -----------------------------------------------------------------------------------


def test_ui_full_flow(world, login, client):
    c = world.clients["own_cm1"]
    login(*world.as_role("cm1"))
    assert client.get(reverse("plans:overview", args=[c.uuid])).status_code == 200
    r = client.post(reverse("plans:new", args=[c.uuid]))
    assert r.status_code == 302
    v = PlanVersion.objects.get(client=c)
    # prefilled from the brede intake (when that app is installed); start from an empty list
    v.components.all().delete()
    edit = reverse("plans:edit", args=[c.uuid, v.number])
    # a failed submit keeps the input and names what to fix
    r = client.post(edit, {"version": v.version, "route": "", "notes": "Mijn tekst"})
    assert r.status_code == 400
    page = r.content.decode()
    assert "Kies de leerroute." in page and "Mijn tekst" in page and "<title>Fout:" in page
    r = client.post(
        edit,
        {
            "version": v.version,
            "route": "b1",
            "review_count": "2",
            "review_agreements": "Elk kwartaal",
        },
    )
    assert r.status_code == 302
    v.refresh_from_db()
    for comp in B1_COMPONENTS:
        r = client.post(
            reverse("plans:component_add", args=[c.uuid, v.number]),
            {"version": v.version, **comp},
        )
        assert r.status_code == 302, r.content.decode()[:2000]
        v.refresh_from_db()
    check = reverse("plans:check", args=[c.uuid, v.number])
    assert "PIP ter besluitvorming aanbieden" in client.get(check).content.decode()
    assert client.post(check, {"version": v.version}).status_code == 302
    v.refresh_from_db()
    assert v.status == VersionStatus.SUBMITTED
    # the case manager has no decide page
    assert client.get(reverse("plans:decide", args=[c.uuid, v.number])).status_code == 404

    login(*world.as_role("tl"))
    decide_url = reverse("plans:decide", args=[c.uuid, v.number])
    page = client.get(decide_url).content.decode()
    assert "PIP vaststellen" in page and "Gemeente A1" in page
    r = client.post(
        decide_url,
        {"version": v.version, "decision_date": "15-01-2025", "made_known_on": "16-01-2025"},
    )
    assert r.status_code == 302
    v.refresh_from_db()
    assert v.status == VersionStatus.DECIDED and v.decision_date == DAY
    assert OutboxMessage.objects.filter(message_type="pip.decided").count() == 1

    r = client.get(reverse("plans:pdf", args=[c.uuid, v.number]))
    assert r.status_code == 200 and r.content.startswith(b"%PDF")
    assert AccessLogEntry.objects.filter(
        person_id=c.pk, action=AccessLogEntry.Action.PRINT
    ).exists()

    login(*world.as_role("cm1"))
    comp = v.components.get(kind="language")
    prog = reverse("plans:progress", args=[c.uuid, comp.uuid])
    r = client.post(prog, {"version": comp.version, "hours_attended": "abc"})
    assert r.status_code == 400 and "heel getal" in r.content.decode()
    r = client.post(
        prog, {"version": comp.version, "hours_attended": "10", "offer_start": "1-2-2025"}
    )
    assert r.status_code == 302


def test_ui_conflict_keeps_input(world, login, client):
    c = world.clients["own_cm1"]
    v = draft(world, c)
    login(*world.as_role("cm1"))
    r = client.post(
        reverse("plans:edit", args=[c.uuid, v.number]),
        {"version": v.version - 1, "route": "z", "notes": "Bewaard"},
    )
    assert r.status_code == 409
    assert "Iemand anders" in r.content.decode() and "Bewaard" in r.content.decode()


def test_ui_decide_errors_are_dutch(world, login, client):
    c = world.clients["own_cm1"]
    v = draft(world, c)
    submit(world, v)
    v.refresh_from_db()
    login(*world.as_role("tl"))
    r = client.post(
        reverse("plans:decide", args=[c.uuid, v.number]),
        {"version": v.version, "decision_date": "32-1-2025", "made_known_on": ""},
    )
    assert r.status_code == 400
    page = r.content.decode()
    assert "vul de datum in als dag-maand-jaar" in page


# --- permissions over every role ---------------------------------------------------------------


@pytest.mark.parametrize("role_key", sorted(EXPECTED))
def test_ui_permissions_every_role(world, login, client, role_key):
    for key in CLIENT_KEYS:
        decided_plan(world, world.clients[key], DAY)
    user, assignment = world.as_role(role_key)
    login(user, assignment)
    readable = plan_visible(role_key)
    _, changeable = EXPECTED[role_key]
    for key in CLIENT_KEYS:
        c = world.clients[key]
        ok = key in readable
        assert client.get(reverse("plans:overview", args=[c.uuid])).status_code == (
            200 if ok else 404
        ), f"{role_key} overview {key}"
        assert client.get(reverse("plans:version", args=[c.uuid, 1])).status_code == (
            200 if ok else 404
        )
        pdf_status = client.get(reverse("plans:pdf", args=[c.uuid, 1])).status_code
        assert pdf_status == (200 if ok else 404), f"{role_key} pdf {key}"
        r = client.post(reverse("plans:new", args=[c.uuid]), {"reason": "other"})
        may_change = key in changeable and role_key in PLAN_ROLES
        assert r.status_code == (302 if may_change else 404), f"{role_key} revise {key}"
        assert PlanVersion.objects.filter(client=c).count() == (2 if may_change else 1)
        # guessed ids: a version number that does not exist
        assert client.get(reverse("plans:version", args=[c.uuid, 99])).status_code == 404


@pytest.mark.parametrize("role_key", sorted(EXPECTED))
def test_api_permissions_every_role(world, login, client, role_key):
    versions = {key: decided_plan(world, world.clients[key], DAY) for key in CLIENT_KEYS}
    user, assignment = world.as_role(role_key)
    login(user, assignment)
    readable = plan_visible(role_key)
    _, changeable = EXPECTED[role_key]
    listed = {row["client"] for row in client.get("/api/v1/pip/").json()["results"]}
    assert listed == {str(world.clients[k].uuid) for k in readable}
    listed = {row["client"] for row in client.get("/api/v1/pip-versies/").json()["results"]}
    assert listed == {str(world.clients[k].uuid) for k in readable}
    for key, v in versions.items():
        ok = key in readable
        assert client.get(f"/api/v1/pip-versies/{v.uuid}/").status_code == (200 if ok else 404)
        comp = v.components.first()
        r = client.patch(
            f"/api/v1/pip-onderdelen/{comp.uuid}/",
            {"version": comp.version, "hours_attended": 3},
            content_type="application/json",
        )
        expected = 200 if key in changeable and ok else (403 if ok else 404)
        assert r.status_code == expected, f"{role_key} progress {key}: {r.content}"
        r = client.post(
            "/api/v1/pip-versies/",
            {"client": str(world.clients[key].uuid), "reason": "other"},
            content_type="application/json",
        )
        expected = 201 if key in changeable and ok else (403 if ok else 404)
        assert r.status_code == expected, f"{role_key} draft {key}: {r.content}"


def test_api_draft_submit_decide(world, login, client):
    c = world.clients["own_cm1"]
    login(*world.as_role("cm1"))
    r = client.post(
        "/api/v1/pip-versies/", {"client": str(c.uuid)}, content_type="application/json"
    )
    assert r.status_code == 201
    v = r.json()
    comps = [{**x, "kind": str(x["kind"])} for x in B1_COMPONENTS]
    r = client.patch(
        f"/api/v1/pip-versies/{v['uuid']}/",
        {
            "version": v["version"],
            "route": "b1",
            "review_count": 2,
            "review_agreements": "Elk kwartaal",
            "components": comps,
        },
        content_type="application/json",
    )
    assert r.status_code == 200, r.content
    v = r.json()
    assert len(v["components"]) == 4
    stale = client.patch(
        f"/api/v1/pip-versies/{v['uuid']}/",
        {"version": v["version"] - 1, "notes": "x"},
        content_type="application/json",
    )
    assert stale.status_code == 409 and "Iemand anders" in stale.json()["detail"]
    bad = client.patch(
        f"/api/v1/pip-versies/{v['uuid']}/",
        {"version": v["version"], "route": "x"},
        content_type="application/json",
    )
    assert bad.status_code == 400
    r = client.post(
        f"/api/v1/pip-versies/{v['uuid']}/aanbieden/",
        {"version": v["version"]},
        content_type="application/json",
    )
    assert r.status_code == 200 and r.json()["status"] == "submitted"
    v = r.json()
    body = {"version": v["version"], "decision_date": "2025-01-15", "made_known_on": "2025-01-15"}
    r = client.post(
        f"/api/v1/pip-versies/{v['uuid']}/vaststellen/", body, content_type="application/json"
    )
    assert r.status_code == 403  # the case manager may not decide
    login(*world.as_role("tl"))
    r = client.post(
        f"/api/v1/pip-versies/{v['uuid']}/vaststellen/",
        {**body, "decision_date": "nee"},
        content_type="application/json",
    )
    assert r.status_code == 400
    r = client.post(
        f"/api/v1/pip-versies/{v['uuid']}/vaststellen/", body, content_type="application/json"
    )
    assert r.status_code == 200 and r.json()["status"] == "decided"
    assert r.json()["decided_on_behalf_of"] == "GM9001"
    pdf = client.get(f"/api/v1/pip-versies/{v['uuid']}/pdf/")
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    plan = client.get(f"/api/v1/pip/?client={c.uuid}").json()["results"][0]
    assert plan["term_end"] == "2028-01-15"
    assert client.get("/api/v1/pip/?client=geen-uuid").status_code == 400
