"""The provider reporting API: happy path, idempotency, all-or-nothing, and provider isolation
(a provider can never read or write another provider's enrolments)."""

import datetime as dt

import pytest

from regie.core.drf import issue_token
from regie.core.models import ApiClient
from regie.core.roles import Role
from regie.offer.models import ProviderReport

from .test_reporting import TODAY, attendance, make_offer

URL = "/api/v1/meldingen/"


def token_for(world, org="p1", role=Role.PROVIDER_STAFF):
    client = ApiClient(name=f"Systeem {org}", organisation=world.orgs[org], role=role)
    return {"HTTP_AUTHORIZATION": f"Token {issue_token(client)}"}


@pytest.mark.django_db
def test_api_reports_a_month_of_attendance_idempotently(world, client):
    _product, enrolments = make_offer(world, clients=("own_cm1", "own_cm2"))
    headers = token_for(world)
    rows = [
        attendance(e, f"{e.pk}-les-{d}", TODAY - dt.timedelta(days=d), "3.00", "2.50")
        for e in enrolments
        for d in range(1, 31)
        if (TODAY - dt.timedelta(days=d)).weekday() in (0, 3)
    ]
    response = client.post(URL, {"reports": rows}, content_type="application/json", **headers)
    assert response.status_code == 200, response.json()
    assert response.json() == {
        "total": len(rows),
        "created": len(rows),
        "updated": 0,
        "unchanged": 0,
    }
    again = client.post(URL, {"reports": rows}, content_type="application/json", **headers).json()
    assert again["unchanged"] == len(rows) and again["created"] == 0

    listed = client.get(URL + f"?enrolment={enrolments[0].uuid}", **headers).json()
    assert listed["count"] == len(rows) // 2
    assert listed["results"][0]["hours_attended"] == "2.50"
    assert client.get(URL + "?enrolment=geen-uuid", **headers).status_code == 400
    assert client.get(URL + "?kind=onzin", **headers).status_code == 400


@pytest.mark.django_db
def test_api_all_or_nothing_with_row_errors(world, client):
    _product, (enrolment,) = make_offer(world)
    headers = token_for(world)
    rows = [
        attendance(enrolment, "a", TODAY),
        {"record_id": "b", "enrolment": str(enrolment.uuid), "kind": "voortgang", "date": "x"},
        "geen object",
    ]
    response = client.post(URL, {"reports": rows}, content_type="application/json", **headers)
    assert response.status_code == 400
    body = response.json()
    assert "niets opgeslagen" in body["detail"]
    assert body["errors"][0]["row"] == 3
    assert not ProviderReport.objects.exists()
    nul = client.post(  # found by schemathesis: PostgreSQL cannot store NUL characters
        URL,
        {"reports": [{**attendance(enrolment, "a\x00b", TODAY), "reason": "\ud800"}]},
        content_type="application/json",
        **headers,
    )
    assert nul.status_code == 400 and "stuurtekens" in nul.json()["errors"][0]["message"]
    assert client.get(URL + "?record_id=a%00b", **headers).status_code == 400
    for bad in ({}, {"reports": []}, [1, 2], {"reports": "x"}):
        assert client.post(URL, bad, content_type="application/json", **headers).status_code == 400


@pytest.mark.django_db
def test_provider_never_reads_or_writes_another_providers_enrolments(world, client):
    _p1, (mine,) = make_offer(world, provider="p1", clients=("own_cm1",))
    _p2, (theirs,) = make_offer(world, provider="p2", clients=("own_cm2",))
    p1, p2 = token_for(world, "p1"), token_for(world, "p2")
    # p2 reports on its own enrolment
    ok = client.post(
        URL, {"reports": [attendance(theirs, "p2-1", TODAY)]}, content_type="application/json", **p2
    )
    assert ok.status_code == 200
    # p1 writes on p2's enrolment: refused exactly like an unknown enrolment
    refused = client.post(
        URL, {"reports": [attendance(theirs, "p1-1", TODAY)]}, content_type="application/json", **p1
    )
    unknown = client.post(
        URL,
        {
            "reports": [
                {
                    **attendance(theirs, "p1-1", TODAY),
                    "enrolment": "00000000-0000-0000-0000-000000000001",
                }
            ]
        },
        content_type="application/json",
        **p1,
    )
    assert refused.status_code == unknown.status_code == 400
    assert refused.json()["errors"][0]["message"] == unknown.json()["errors"][0]["message"]
    # p1 reading p2's enrolment sees nothing; the same record id is p1's own namespace
    assert client.get(URL + f"?enrolment={theirs.uuid}", **p1).json()["count"] == 0
    assert client.get(URL + "?record_id=p2-1", **p1).json()["count"] == 0
    same_id = client.post(
        URL, {"reports": [attendance(mine, "p2-1", TODAY)]}, content_type="application/json", **p1
    )
    assert same_id.status_code == 200 and same_id.json()["created"] == 1
    assert ProviderReport.objects.get(provider=world.orgs["p2"]).enrolment == theirs
    # other roles may neither send nor read
    team = token_for(world, "team_a", Role.CASE_MANAGER)
    assert client.get(URL, **team).status_code == 403
    assert (
        client.post(URL, {"reports": []}, content_type="application/json", **team).status_code
        == 403
    )
    assert client.get(URL).status_code == 401
