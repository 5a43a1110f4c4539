"""API names (docs/glossary.md): ``client`` in enrolments, ``?client=``, and for the provider reports
``?enrolment=``, ``?kind=``, ``?record_id=`` (the names of the fields they filter). The old names
(``klant``, ``inschrijving``, ``soort``, ``kenmerk``) still work for the 1.x versions (removed in
2.0: delete this file's alias cases then)."""

import pytest

from regie.core.drf import issue_token
from regie.core.models import ApiClient
from regie.core.roles import Role
from regie.offer.models import Enrolment
from regie.plans.tests.helpers import decided_plan

from .test_enrolment import PIP_DAY, asylum, build_offer, language_component
from .test_reporting import TODAY, attendance, make_offer

pytestmark = pytest.mark.django_db

ENROLMENTS = "/api/v1/inschrijvingen/"
REPORTS = "/api/v1/meldingen/"


def _token(world, org="p1"):
    api = ApiClient(name=f"Systeem {org}", organisation=world.orgs[org], role=Role.PROVIDER_STAFF)
    return {"HTTP_AUTHORIZATION": f"Token {issue_token(api)}"}


@pytest.mark.parametrize("name", ["client", "klant"])
def test_a_referral_takes_client_or_the_deprecated_klant(world, login, client, name):
    _contract, products, _groups = build_offer(world)
    c = asylum(world.clients["own_cm1"])
    decided_plan(world, c, PIP_DAY)
    login(*world.as_role("cm1"))
    body = {
        name: str(c.uuid),
        "component_uuid": str(language_component(c).uuid),
        "product": str(products["p1"].uuid),
    }
    response = client.post(ENROLMENTS, body, content_type="application/json")
    assert response.status_code == 201, response.json()
    assert response.json()["client"] == response.json()["klant"] == str(c.uuid)
    assert Enrolment.objects.get(client=c).product == products["p1"]


def test_a_referral_with_two_different_clients_or_none_is_a_400(world, login, client):
    login(*world.as_role("cm1"))
    own, other = world.clients["own_cm1"], world.clients["own_cm2"]
    rest = {"component_uuid": str(own.uuid), "product": str(own.uuid)}
    differ = client.post(
        ENROLMENTS,
        {"client": str(own.uuid), "klant": str(other.uuid), **rest},
        content_type="application/json",
    )
    assert differ.status_code == 400 and "andere waarde" in differ.json()["errors"]["client"][0]
    neither = client.post(ENROLMENTS, rest, content_type="application/json")
    assert neither.status_code == 400 and "Vul 'client' in" in neither.json()["errors"]["client"][0]


def test_enrolments_answer_client_and_filter_on_client_or_klant(world, client):
    _product, (own, other) = make_offer(world, clients=("own_cm1", "own_cm2"))
    h = _token(world)
    rows = client.get(ENROLMENTS, **h).json()["results"]
    assert {(r["client"], r["klant"]) for r in rows} == {
        (str(e.client.uuid), str(e.client.uuid)) for e in (own, other)
    }
    by_client = client.get(f"{ENROLMENTS}?client={own.client.uuid}", **h).json()
    assert [r["uuid"] for r in by_client["results"]] == [str(own.uuid)]
    assert client.get(f"{ENROLMENTS}?klant={own.client.uuid}", **h).json() == by_client
    both = client.get(f"{ENROLMENTS}?client={own.client.uuid}&klant={other.client.uuid}", **h)
    assert both.json() == by_client
    bad = client.get(f"{ENROLMENTS}?klant=x", **h)
    assert bad.status_code == 400 and bad.json()["errors"] == {
        "klant": ["Vul een geldige uuid in."]
    }


def test_provider_reports_filter_on_the_field_names_and_the_deprecated_ones(world, client):
    _product, (first, second) = make_offer(world, clients=("own_cm1", "own_cm2"))
    h = _token(world)
    rows = [attendance(first, "a-1", TODAY), attendance(second, "b-1", TODAY)]
    rows.append({**attendance(second, "b-2", TODAY), "kind": "uitval", "reason": "Verhuisd"})
    for key in ("hours_offered", "hours_attended"):
        rows[-1].pop(key)
    sent = client.post(REPORTS, {"reports": rows}, content_type="application/json", **h)
    assert sent.status_code == 200, sent.json()

    def ids(query):
        response = client.get(REPORTS + query, **h)
        assert response.status_code == 200, response.json()
        return sorted(r["record_id"] for r in response.json()["results"])

    pairs = [
        (f"enrolment={second.uuid}", f"inschrijving={second.uuid}", ["b-1", "b-2"]),
        ("kind=uitval", "soort=uitval", ["b-2"]),
        ("record_id=a-1", "kenmerk=a-1", ["a-1"]),
    ]
    for new, old, expected in pairs:
        assert ids("?" + new) == ids("?" + old) == expected
    # the new name wins when both are given
    assert ids(f"?enrolment={first.uuid}&inschrijving={second.uuid}") == ["a-1"]
    assert ids("?kind=aanwezigheid&soort=uitval") == ["a-1", "b-1"]
    assert ids("?record_id=b-1&kenmerk=a-1") == ["b-1"]
    # the message names the parameter that was used
    assert "'soort'" in client.get(REPORTS + "?soort=onzin", **h).json()["detail"]
    assert "'kind'" in client.get(REPORTS + "?kind=onzin", **h).json()["detail"]
    assert "'inschrijving'" in client.get(REPORTS + "?inschrijving=x", **h).json()["detail"]
