"""Issue 15 item 4: bad or unusual requests get a 4xx with a Dutch message (or the page works),
never a 500: the client history with structured values, a JSON body over Django's 2.5 MB limit
(10,000 provider reports is the documented maximum and is accepted; more is a 413), JSON nested
5,000 deep, the API documentation for every role, the 500 page itself, concurrent identical
provider reports, and an unknown address under /api/."""

import datetime as dt
import json

import pytest

from django.test import RequestFactory
from django.urls import reverse

from regie.core.models import AuditEvent
from regie.offer import provider_reports as reporting
from regie.offer.models import ProviderReport
from regie.offer.tests.test_reporting import TODAY, attendance, make_offer
from regie.offer.tests.test_reporting_api import URL, token_for

TWO_AND_A_HALF_MB = 2_621_440


def _dutch_json(response, status):
    assert response.status_code == status, (response.status_code, response.content[:300])
    assert response["Content-Type"].startswith("application/json")
    detail = response.json()["detail"]
    assert detail and "request" not in detail.lower() and "error" not in detail.lower(), detail
    return detail


@pytest.mark.django_db
def test_history_with_structured_values(world, login, client):
    c = world.clients["own_cm1"]
    shapes = [
        ({"status": {"van": "a"}}, {"status": {"naar": "b"}}),
        ([{"x": 1}], {"note": "tekst"}),
        ({"details": [{"a": 1}]}, "een waarde"),
        ({"kind": {"x": 1}}, {"kind": ["y"]}),
        (None, {"phone": {"old": "0612"}}),
    ]
    for before, after in shapes:
        AuditEvent.objects.create(
            action=AuditEvent.Action.UPDATE,
            object_type="clients.Client",
            object_id=c.pk,
            object_repr="x",
            person_id=c.pk,
            before=before,
            after=after,
        )
    AuditEvent.objects.create(
        action=AuditEvent.Action.UPDATE,
        object_type="core.WorkItem",
        object_id=1,
        object_repr="taak",
        person_id=c.pk,
        before={"kind": {"a": 1}},
        after={"kind": "onbekend"},
    )
    login(*world.as_role("tl"))
    response = client.get(reverse("clients:history", args=[c.uuid]))
    assert response.status_code == 200


@pytest.mark.django_db
def test_history_of_every_demo_client(login, client):
    from regie.core.models import RoleAssignment
    from regie.core.roles import Role
    from regie.demo.loader import load_region

    load_region(client_count=30)
    leader = RoleAssignment.objects.filter(role=Role.TEAM_LEADER).select_related("user").first()
    login(leader.user, leader)
    from regie.clients.models import Client

    for c in Client.objects.filter(team=leader.organisation):
        response = client.get(reverse("clients:history", args=[c.uuid]))
        assert response.status_code == 200, c.pk


def _ten_thousand_reports(world):
    _product, (enrolment,) = make_offer(world, start_days_ago=200)
    start = enrolment.referred_on
    days = max((TODAY - start).days, 1)
    return [
        attendance(enrolment, f"les-{i:05d}", start + dt.timedelta(days=i % days), "1", "1")
        for i in range(reporting.MAX_ROWS)
    ]


@pytest.mark.django_db
def test_ten_thousand_reports_over_two_and_a_half_mb_are_accepted(world, client):
    rows = _ten_thousand_reports(world)
    body = json.dumps({"reports": rows}, indent=8)
    assert len(body) > TWO_AND_A_HALF_MB
    response = client.post(URL, body, content_type="application/json", **token_for(world))
    assert response.status_code == 200, response.content[:500]
    assert response.json()["created"] == reporting.MAX_ROWS
    assert ProviderReport.objects.count() == reporting.MAX_ROWS


@pytest.mark.django_db
def test_too_large_bodies_get_413_in_dutch(world, client, login):
    from regie.core.requestlimits import PROVIDER_REPORTS_MAX_BYTES

    headers = token_for(world)
    too_big = '{"reports": [' + " " * (PROVIDER_REPORTS_MAX_BYTES + 10) + "]}"
    response = client.post(URL, too_big, content_type="application/json", **headers)
    assert "te groot" in _dutch_json(response, 413)
    # any other API endpoint: Django's own limit (2.5 MB)
    big = '{"x": "' + "a" * (TWO_AND_A_HALF_MB + 10) + '"}'
    login(*world.as_role("cm1"))  # a session may register clients through the API
    response = client.post("/api/v1/klanten/", big, content_type="application/json")
    assert "te groot" in _dutch_json(response, 413)
    # an HTML form: the app's own Dutch error page
    c = world.clients["own_cm1"]
    response = client.post(
        reverse("clients:edit_contact", args=[c.uuid]),
        "phone=" + "1" * (TWO_AND_A_HALF_MB + 10),
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code == 413
    page = response.content.decode()
    assert 'lang="nl"' in page and "te groot" in page


@pytest.mark.django_db
def test_json_nested_five_thousand_deep_is_a_400(world, client, login):
    deep = "[" * 5000 + "]" * 5000
    headers = token_for(world)
    response = client.post(URL, deep, content_type="application/json", **headers)
    assert "JSON" in _dutch_json(response, 400)
    login(*world.as_role("cm1"))  # a session may register clients through the API
    for url in ("/api/v1/klanten/",):
        response = client.post(url, deep, content_type="application/json")
        assert "JSON" in _dutch_json(response, 400)
    broken = client.post(URL, "{nee", content_type="application/json", **headers)
    assert "JSON" in _dutch_json(broken, 400)


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["admin", "cm1", "privacy", "provider_p1"])
def test_api_docs_for_every_role(world, login, client, role):
    login(*world.as_role(role))
    for name in ("api-docs", "api-redoc"):
        response = client.get(reverse(name))
        assert response.status_code == 200, (name, response.content[:300])
    assert client.get(reverse("api-schema")).status_code == 200


def test_the_500_page_renders():
    from regie.core.views.errors import server_error

    request = RequestFactory().get("/klanten/")
    request.request_id = "abc123"
    response = server_error(request)
    assert response.status_code == 500
    page = response.content.decode()
    assert "Er ging iets mis" in page and "abc123" in page
    api = server_error(RequestFactory().get("/api/v1/klanten/"))
    assert api.status_code == 500 and "Er ging iets mis" in json.loads(api.content)["detail"]


@pytest.mark.django_db
def test_concurrent_identical_provider_reports(world, client, monkeypatch):
    """Two identical submissions planned at the same moment: the second one's insert hits the
    unique constraint. It answers as if it came second: everything unchanged, no 500."""
    _product, (enrolment,) = make_offer(world)
    rows = [attendance(enrolment, f"les-{d}", TODAY - dt.timedelta(days=d)) for d in range(1, 6)]
    headers = token_for(world)
    original_plan = reporting._plan
    raced = []

    def racing_plan(*args, **kwargs):
        plan = original_plan(*args, **kwargs)
        if plan.create and not raced:
            raced.append(True)
            # between our check and our insert, the other request stores the same reports
            ProviderReport.objects.bulk_create(
                [
                    ProviderReport(
                        **{
                            f.attname: getattr(o, f.attname)
                            for f in ProviderReport._meta.concrete_fields
                            if f.attname != "id"
                        }
                    )
                    for o in plan.create
                ]
            )
        return plan

    monkeypatch.setattr(reporting, "_plan", racing_plan)
    response = client.post(URL, {"reports": rows}, content_type="application/json", **headers)
    assert raced
    assert response.status_code in (200, 409), response.content[:300]
    if response.status_code == 200:
        assert response.json()["unchanged"] == len(rows)
    else:
        _dutch_json(response, 409)
    assert ProviderReport.objects.count() == len(rows)


@pytest.mark.django_db
def test_unknown_api_address_is_a_json_404_in_dutch(world, client, login):
    for url in ("/api/v1/bestaat-niet/", "/api/", "/api/v1/klanten/geen-uuid/extra/"):
        detail = _dutch_json(client.get(url), 404)
        assert "niet gevonden" in detail.lower() or "bestaat niet" in detail.lower()
    login(*world.as_role("cm1"))
    _dutch_json(client.get("/api/v2/iets/"), 404)
    page = client.get("/bestaat-niet/")
    assert page.status_code == 404 and page["Content-Type"].startswith("text/html")
