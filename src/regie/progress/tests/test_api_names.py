"""API names (docs/glossary.md): ``client`` in bodies and ``?client=`` in queries; the old ``klant``
still works for the 1.x versions (removed in 2.0: delete this file's alias cases then)."""

import pytest

from regie.progress import services

pytestmark = pytest.mark.django_db

REVIEWS = "/api/v1/voortgangsgesprekken/"
LISTS = [
    REVIEWS,
    "/api/v1/handhavingszaken/",
    "/api/v1/duo-besluiten/",
    "/api/v1/verklaringen-te-laat-aanbod/",
    "/api/v1/afsluitingen/",
]


def _post(client, body):
    return client.post(REVIEWS, body, content_type="application/json")


@pytest.mark.parametrize("name", ["client", "klant"])
def test_a_review_is_planned_with_client_or_the_deprecated_klant(world, login, client, today, name):
    c = world.clients["own_cm1"]
    login(*world.as_role("cm1"))
    response = _post(client, {name: str(c.uuid), "planned_on": today.isoformat()})
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["client"] == body["klant"] == str(c.uuid)


def test_client_and_klant_must_agree_and_one_is_required(world, login, client, today):
    own, other = world.clients["own_cm1"], world.clients["own_cm2"]
    login(*world.as_role("cm1"))
    same = _post(client, {"client": str(own.uuid), "klant": str(own.uuid), "planned_on": today})
    assert same.status_code == 201
    differ = _post(client, {"client": str(own.uuid), "klant": str(other.uuid), "planned_on": today})
    assert differ.status_code == 400
    assert differ.json()["errors"]["client"] == [
        "Geef de klant één keer op: 'client' en 'klant' hebben een andere waarde."
    ]
    neither = _post(client, {"planned_on": today.isoformat()})
    assert neither.status_code == 400
    assert neither.json()["errors"]["client"] == ["Vul 'client' in: de uuid van de klant."]


@pytest.mark.parametrize("url", LISTS)
def test_lists_filter_on_client_and_the_deprecated_klant(world, login, client, principal, url):
    login(*world.as_role("tl"))
    own, other = world.clients["own_cm1"], world.clients["own_cm2"]
    for c in (own, other):
        services.open_enforcement(principal("tl"), c, violation="pip", description="x")
        services.schedule_review(principal("tl"), c, planned_on=c.created_at.date())
    everything = client.get(url).json()["count"]
    by_client = client.get(f"{url}?client={own.uuid}").json()
    by_klant = client.get(f"{url}?klant={own.uuid}").json()
    assert by_client == by_klant
    assert {r["client"] for r in by_client["results"]} <= {str(own.uuid)}
    # the new name wins when both are given
    both = client.get(f"{url}?client={own.uuid}&klant={other.uuid}").json()
    assert both == by_client
    if url in (REVIEWS, "/api/v1/handhavingszaken/"):
        assert everything == 2 and by_client["count"] == 1
    bad = client.get(f"{url}?klant=geen-uuid")
    assert bad.status_code == 400 and bad.json()["errors"] == {
        "klant": ["Vul een geldige uuid in."]
    }
    bad = client.get(f"{url}?client=geen-uuid")
    assert bad.json()["errors"] == {"client": ["Vul een geldige uuid in."]}
