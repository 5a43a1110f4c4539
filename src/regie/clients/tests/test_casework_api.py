"""The casework API on /api/v1/klanten/: register, dates (409 on conflict), deadlines, assignment,
worklist and the linkage-list import. Every error is a 4xx with a Dutch message."""

import datetime as dt

import pytest

from django.core.files.uploadedfile import SimpleUploadedFile

from regie.clients.models import Client, Deadline
from regie.core.bsn import demo_bsns

BSNS = demo_bsns(20, start=80000)


def _body(**extra):
    body = {
        "bsn": next(BSNS),
        "given_names": "Lina",
        "surname": "Saleh",
        "date_of_birth": "1992-05-01",
        "municipality": "GM9001",
        "target_group": "gezinsmigrant",
        "permit_type": "regulier",
        "permit_date": "2026-08-01",
        "brp_date": "2026-09-01",
    }
    body.update(extra)
    return body


@pytest.mark.django_db
def test_register_through_the_api(world, login, client):
    login(*world.as_role("cm1"))
    body = _body()
    created = client.post("/api/v1/klanten/", body, content_type="application/json")
    assert created.status_code == 201, created.json()
    assert created.json()["bsn"] == body["bsn"]  # own new client: full BSN in the detail
    again = client.post("/api/v1/klanten/", body, content_type="application/json")
    assert again.status_code == 400 and "al ingeschreven" in str(again.json()["errors"])
    old = client.post(
        "/api/v1/klanten/",
        _body(permit_date="2021-06-01", regime="wi2021"),
        content_type="application/json",
    )
    assert old.status_code == 400 and "2013" in str(old.json())
    foreign = client.post(
        "/api/v1/klanten/", _body(municipality="GM9003"), content_type="application/json"
    )
    assert foreign.status_code == 400
    garbage = client.post("/api/v1/klanten/", "{niet json", content_type="application/json")
    assert garbage.status_code == 400
    login(*world.as_role("guide"))
    assert (
        client.post("/api/v1/klanten/", _body(), content_type="application/json").status_code == 403
    )


@pytest.mark.django_db
def test_dates_deadlines_and_conflict_through_the_api(world, login, client):
    c = world.clients["own_cm1"]
    login(*world.as_role("cm1"))
    url = f"/api/v1/klanten/{c.uuid}/"
    ok = client.post(
        url + "datums/",
        {"version": c.version, "brp_date": "2026-02-16"},
        content_type="application/json",
    )
    assert ok.status_code == 200
    stale = client.post(
        url + "datums/",
        {"version": c.version, "brp_date": "2026-02-17"},
        content_type="application/json",
    )
    assert stale.status_code == 409 and "Iemand anders" in stale.json()["detail"]
    deadlines = client.get(url + "termijnen/")
    assert deadlines.status_code == 200
    # paginated, as the schema says
    assert deadlines.json()["count"] == len(deadlines.json()["results"])
    rows = {row["kind"]: row for row in deadlines.json()["results"]}
    # the intake starts four weeks after the BRP registration of 16-2-2026
    assert rows["intake_start"]["due_date"] == "2026-03-16"
    assert rows["intake_start"]["client"] == str(c.uuid) and rows["intake_start"]["met_on"] is None
    login(*world.as_role("cm2"))  # read-only colleague
    assert (
        client.post(url + "datums/", {"version": 2}, content_type="application/json").status_code
        == 404
    )
    read_only = client.get(url + "termijnen/")
    assert read_only.status_code == 200 and read_only.json() == deadlines.json()
    login(*world.as_role("guide"))
    assert (
        client.get(f"/api/v1/klanten/{world.clients['own_cm2'].uuid}/termijnen/").status_code == 404
    )


@pytest.mark.django_db
def test_assignment_and_worklist_through_the_api(world, login, client):
    c = world.clients["own_cm1"]
    Deadline.objects.create(client=c, kind="review", due_date=dt.date.today(), basis="x")
    login(*world.as_role("tl"))
    response = client.post(
        f"/api/v1/klanten/{c.uuid}/toewijzing/",
        {"case_manager": str(world.users["cm2"].uuid)},
        content_type="application/json",
    )
    assert response.status_code == 200
    assert Client.objects.get(pk=c.pk).case_manager == world.users["cm2"]
    unknown = client.post(
        f"/api/v1/klanten/{c.uuid}/toewijzing/",
        {"case_manager": "00000000-0000-0000-0000-000000000000"},
        content_type="application/json",
    )
    assert unknown.status_code == 400
    team = client.get("/api/v1/werkvoorraad/?team=1").json()
    assert [row["client"] for row in team] == [str(c.uuid)]
    login(*world.as_role("cm1"))
    assert client.post(
        f"/api/v1/klanten/{c.uuid}/toewijzing/", {}, content_type="application/json"
    ).status_code in (403, 404)
    login(*world.as_role("policy_a1"))
    assert client.get("/api/v1/werkvoorraad/").status_code == 403


@pytest.mark.django_db
def test_import_through_the_api(world, login, client):
    login(*world.as_role("cm1"))
    header = "bsn;voornamen;achternaam;geboortedatum;gemeente_cbs;doelgroep;vergunning;datum_vergunning\n"
    good = (
        header + f"{next(BSNS)};Omar;Nasser;01-01-1980;GM9001;asielstatushouder;asiel;01-10-2026\n"
    )
    response = client.post(
        "/api/v1/koppelingslijsten/", {"file": SimpleUploadedFile("l.csv", good.encode())}
    )
    assert response.status_code == 202 and response.json()["status"] == "done"
    job = client.get(f"/api/v1/koppelingslijsten/{response.json()['uuid']}/").json()
    assert job["created_count"] == 1
    bad = header + "123;;;;;;;\n"
    refused = client.post(
        "/api/v1/koppelingslijsten/", {"file": SimpleUploadedFile("l.csv", bad.encode())}
    )
    assert refused.json()["status"] == "refused" and refused.json()["errors"]
    assert client.post("/api/v1/koppelingslijsten/", {}).status_code == 400
