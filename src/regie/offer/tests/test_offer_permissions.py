"""The permission matrix for the offer, over every role of EXPECTED: which clients and which
enrolments a role can list, open and change, in the UI and the API, also by guessing ids.

A provider (staff or API token) sees exactly the clients enrolled with it (not those it refused)
and only its own enrolments; it can never read or write another provider's enrolments, groups or
clients.
"""

import datetime as dt

import pytest

from django.urls import reverse

from regie.core.drf import issue_token
from regie.core.models import ApiClient
from regie.core.roles import Role
from regie.offer import services
from regie.offer.models import Enrolment, EnrolmentStatus
from regie.plans.tests.helpers import decided_plan
from regie.testing import CLIENT_KEYS, EXPECTED

from .test_enrolment import PIP_DAY, build_offer, language_component, principal

TEAM = {"e1", "e2", "e3"}
# role key: (visible clients, visible enrolments, enrolments it may act on)
OFFER_EXPECTED = {key: (visible, set(), set()) for key, (visible, _c) in EXPECTED.items()}
OFFER_EXPECTED.update(
    {
        "cm1": (EXPECTED["cm1"][0], TEAM, set()),
        "cm2": (EXPECTED["cm2"][0], TEAM, set()),
        "tl": (EXPECTED["tl"][0], TEAM, set()),
        "provider_p1": ({"own_cm1"}, {"e1", "e3"}, {"e1"}),
        "provider_p2": ({"own_cm2"}, {"e2"}, {"e2"}),
    }
)
# the dossier part "Aanbod" opens for FULL, READ and ENROLMENT accesses (not CONTACT, INCOME)
NO_OFFER_PART = {"guide", "income"}


@pytest.fixture
def setup(world):
    _contract, products, groups = build_offer(world)
    cm1, cm2 = principal(world, "cm1"), principal(world, "cm2")
    p1, p2 = principal(world, "provider_p1"), principal(world, "provider_p2")
    a, b, c = (world.clients[k] for k in ("own_cm1", "own_cm2", "income"))
    for client in (a, b, c):
        decided_plan(world, client, PIP_DAY)
    e1 = services.refer(cm1, a, language_component(a).uuid, products["p1"])
    e1 = services.accept(p1, e1, e1.version)
    e1 = services.place(p1, e1, e1.version, group=groups["p1"], start_date=PIP_DAY)
    e2 = services.refer(cm2, b, language_component(b).uuid, products["p2"])
    e2 = services.accept(p2, e2, e2.version)
    e3 = services.refer(cm2, c, language_component(c).uuid, products["p1"])
    e3 = services.refuse(p1, e3, e3.version, "Geen plek.")
    return {"e1": e1, "e2": e2, "e3": e3}, groups


def test_matrix_covers_every_role(world):
    assert {world.assignments[k].role for k in OFFER_EXPECTED} == set(Role.values)


def _snapshot(enrolments):
    return {
        k: (e.status, e.version)
        for k, e in ((k, Enrolment.objects.get(pk=e.pk)) for k, e in enrolments.items())
    }


@pytest.mark.django_db
@pytest.mark.parametrize("role_key", sorted(OFFER_EXPECTED))
def test_ui_clients_enrolments_and_steps(world, setup, login, client, role_key):
    enrolments, groups = setup
    visible, seen, actable = OFFER_EXPECTED[role_key]
    login(*world.as_role(role_key))
    listing = client.get(reverse("clients:list")).content.decode()
    for key in CLIENT_KEYS:
        c = world.clients[key]
        assert (c.surname in listing) == (key in visible), f"{role_key} list {key}"
        dossier = client.get(reverse("clients:dossier", args=[c.uuid]))
        assert dossier.status_code == (200 if key in visible else 404), f"{role_key} open {key}"
        part = client.get(reverse("offer:dossier", args=[c.uuid]))
        expected = 200 if key in visible and role_key not in NO_OFFER_PART else 404
        assert part.status_code == expected, f"{role_key} aanbod {key}"
        assert c.bsn not in listing
    before = _snapshot(enrolments)
    for key, e in enrolments.items():
        detail = client.get(reverse("offer:enrolment_detail", args=[e.uuid]))
        assert detail.status_code == (200 if key in seen else 404), f"{role_key} detail {key}"
        for step in ("accepteren", "weigeren", "plaatsen", "starten", "afronden"):
            url = reverse("offer:enrolment_step", args=[e.uuid, step])
            response = client.get(url)
            if key in actable:
                assert response.status_code == 200, f"{role_key} {step} {key}"
            elif role_key.startswith("provider") and key in seen:
                assert response.status_code == 200  # its own, closed: the service refuses
            else:
                assert response.status_code in (403, 404), f"{role_key} {step} {key}"
            if key not in actable:
                client.post(url, {"version": e.version, "reason": "x", "started_on": "03-03-2025"})
    after = _snapshot(enrolments)
    for key in enrolments:
        if key not in actable:
            assert after[key] == before[key], f"{role_key} changed {key}"
    provider_list = client.get(reverse("offer:enrolments"))
    if role_key.startswith("provider"):
        page = provider_list.content.decode()
        for key, e in enrolments.items():
            assert (str(e.uuid) in page) == (key in seen), f"{role_key} provider list {key}"
            assert e.client.bsn not in page
    else:
        assert provider_list.status_code == 403
    # groups: a provider sees and opens only its own
    for key, g in groups.items():
        response = client.get(reverse("offer:group_detail", args=[g.uuid]))
        if role_key == "contract":
            assert response.status_code == 200
        elif role_key.startswith("provider"):
            assert response.status_code == (200 if role_key.endswith(key) else 404)
        else:
            assert response.status_code == 403


@pytest.mark.django_db
@pytest.mark.parametrize("role_key", sorted(OFFER_EXPECTED))
def test_api_enrolments_and_guessed_ids(world, setup, login, client, role_key):
    enrolments, groups = setup
    visible, seen, _actable = OFFER_EXPECTED[role_key]
    login(*world.as_role(role_key))
    clients = {r["uuid"] for r in client.get("/api/v1/klanten/").json()["results"]}
    assert clients == {str(world.clients[k].uuid) for k in visible}
    rows = client.get("/api/v1/inschrijvingen/").json()["results"]
    assert {r["uuid"] for r in rows} == {str(enrolments[k].uuid) for k in seen}
    for row in rows:
        assert len(row["bsn"].strip("*")) == 3
    before = _snapshot(enrolments)
    for key, e in enrolments.items():
        url = f"/api/v1/inschrijvingen/{e.uuid}/"
        assert client.get(url).status_code == (200 if key in seen else 404), f"{role_key} {key}"
        for step, body in (
            ("accepteren", {"version": e.version}),
            ("weigeren", {"version": e.version, "reason": "x"}),
            ("starten", {"version": e.version, "started_on": "2025-03-03"}),
        ):
            if role_key.startswith("provider") and key in seen:
                continue  # its own: allowed or refused by the rules, tested elsewhere
            response = client.post(url + step + "/", body, content_type="application/json")
            assert response.status_code in (403, 404), f"{role_key} {step} {key}"
    after = _snapshot(enrolments)
    for key in enrolments:
        if not (role_key.startswith("provider") and key in seen):
            assert after[key] == before[key]
    for key, g in groups.items():
        response = client.patch(
            f"/api/v1/groepen/{g.uuid}/", {"name": "Gewijzigd"}, content_type="application/json"
        )
        own = role_key.startswith("provider") and role_key.endswith(key)
        assert (response.status_code == 200) == own, f"{role_key} group {key}"


@pytest.mark.django_db
def test_provider_tokens_never_reach_the_other_provider(world, setup, client):
    enrolments, groups = setup
    for mine, theirs, own in (("p1", "p2", {"e1", "e3"}), ("p2", "p1", {"e2"})):
        api = ApiClient.objects.create(
            name=f"LVS {mine}", organisation=world.orgs[mine], role=Role.PROVIDER_STAFF
        )
        h = {"HTTP_AUTHORIZATION": f"Token {issue_token(api)}"}
        rows = client.get("/api/v1/inschrijvingen/", **h).json()["results"]
        assert {r["uuid"] for r in rows} == {str(enrolments[k].uuid) for k in own}
        for key, e in enrolments.items():
            if key in own:
                continue
            url = f"/api/v1/inschrijvingen/{e.uuid}/"
            assert client.get(url, **h).status_code == 404
            response = client.post(
                url + "afronden/",
                {"version": e.version, "ended_on": "2025-06-01"},
                content_type="application/json",
                **h,
            )
            assert response.status_code == 404
            response = client.get(f"/api/v1/klanten/{e.client.uuid}/", **h)
            assert response.status_code == (200 if key in own else 404)
        # a referral is not a provider's to make
        response = client.post(
            "/api/v1/inschrijvingen/",
            {
                "client": str(enrolments["e1"].client.uuid),
                "component_uuid": str(enrolments["e1"].component_uuid),
                "product": str(enrolments["e1"].product.uuid),
            },
            content_type="application/json",
            **h,
        )
        assert response.status_code in (403, 404)
        theirs_group = groups[theirs]
        assert client.get(f"/api/v1/groepen/{theirs_group.uuid}/", **h).status_code == 404
        # a malformed id is a 404, never a 500
        assert client.get("/api/v1/inschrijvingen/niet-een-uuid/", **h).status_code == 404
        assert client.get("/api/v1/inschrijvingen/?client=x", **h).status_code == 400
    assert Enrolment.objects.get(pk=enrolments["e2"].pk).status == EnrolmentStatus.ACCEPTED


@pytest.mark.django_db
def test_refused_client_leaves_provider_scope(world, setup, login, client):
    enrolments, _g = setup
    login(*world.as_role("provider_p1"))
    income = world.clients["income"]
    assert client.get(reverse("clients:dossier", args=[income.uuid])).status_code == 404
    # distinct: two enrolments of one client with the provider list him once
    e1 = enrolments["e1"]
    Enrolment.objects.create(
        client=e1.client,
        product=e1.product,
        provider=e1.provider,
        price=e1.price,
        referred_on=dt.date(2025, 2, 1),
    )
    rows = client.get("/api/v1/klanten/").json()["results"]
    assert [r["uuid"] for r in rows] == [str(e1.client.uuid)]
