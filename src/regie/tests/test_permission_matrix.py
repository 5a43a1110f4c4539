"""The permission matrix: every role, two municipalities and two providers (docs/roles.md).

Data-driven: EXPECTED (in regie/testing.py, beside the world it describes) says, per role,
which clients it may list/open and which it may change. The test fails if any role can list, open, export or change anything outside that, in the UI or
the API, also by guessing ids. Later issues add their models as more rows and checks here.
"""

import csv
import io

import pytest

from django.urls import reverse

from regie.core.drf import issue_token
from regie.core.models import ApiClient, AuditEvent
from regie.core.roles import Role
from regie.testing import CLIENT_KEYS, EXPECTED


def test_matrix_covers_every_role(world):
    roles = {world.assignments[key].role for key in EXPECTED}
    assert roles == set(Role.values)


@pytest.mark.django_db
@pytest.mark.parametrize("role_key", sorted(EXPECTED))
def test_ui_list_open_export_change(world, login, client, role_key):
    visible, changeable = EXPECTED[role_key]
    user, assignment = world.as_role(role_key)
    login(user, assignment)

    listing = client.get(reverse("clients:list"))
    assert listing.status_code == 200
    export = client.get(reverse("clients:list") + "?formaat=csv")
    assert export.status_code == 200
    exported = "".join(part.decode() for part in export.streaming_content)
    exported_names = {
        row[2] for row in csv.reader(io.StringIO(exported.lstrip("\ufeff")), delimiter=";")
    }
    for key in CLIENT_KEYS:
        c = world.clients[key]
        listed = c.surname in listing.content.decode()
        assert listed == (key in visible), f"{role_key} list {key}"
        assert (c.surname in exported_names) == (key in visible), f"{role_key} export {key}"
        assert c.bsn not in listing.content.decode(), "a full BSN in a list"

        dossier = client.get(reverse("clients:dossier", args=[c.uuid]))
        assert dossier.status_code == (200 if key in visible else 404), f"{role_key} open {key}"

        before = c.phone
        change = client.post(
            reverse("clients:edit_contact", args=[c.uuid]),
            {"phone": "0612345678", "email": "nieuw@voorbeeld.nl", "version": c.version},
        )
        c.refresh_from_db()
        if key in changeable:
            assert change.status_code == 302, f"{role_key} change {key}"
            assert c.phone == "0612345678"
            c.phone = before
            c.save()
        else:
            assert change.status_code == 404, f"{role_key} change {key}"
            assert c.phone == before


@pytest.mark.django_db
@pytest.mark.parametrize("role_key", sorted(EXPECTED))
def test_api_list_and_guessed_ids(world, login, client, role_key):
    visible, _changeable = EXPECTED[role_key]
    user, assignment = world.as_role(role_key)
    login(user, assignment)
    data = client.get("/api/v1/klanten/").json()
    listed = {row["uuid"] for row in data["results"]}
    assert listed == {str(world.clients[k].uuid) for k in visible}
    for row in data["results"]:
        assert len(row["bsn"].strip("*")) == 3, "the list shows a masked BSN"
    for key in CLIENT_KEYS:
        response = client.get(f"/api/v1/klanten/{world.clients[key].uuid}/")
        assert response.status_code == (200 if key in visible else 404), f"{role_key} api {key}"
        # the API offers no way to change a client (405), whatever the role
        assert client.patch(
            f"/api/v1/klanten/{world.clients[key].uuid}/",
            {"phone": "1"},
            content_type="application/json",
        ).status_code in (403, 404, 405)


@pytest.mark.django_db
def test_provider_tokens_see_only_their_own(world, client):
    for key in ("p1", "p2"):
        api_client = ApiClient(
            name=f"Systeem {key}", organisation=world.orgs[key], role=Role.PROVIDER_STAFF
        )
        token = issue_token(api_client)
        headers = {"HTTP_AUTHORIZATION": f"Token {token}"}
        assert client.get("/api/v1/klanten/", **headers).json()["results"] == []
        for c in world.clients.values():
            assert client.get(f"/api/v1/klanten/{c.uuid}/", **headers).status_code == 404
        orgs = client.get("/api/v1/organisaties/", **headers).json()["results"]
        assert [o["name"] for o in orgs] == [world.orgs[key].name]


@pytest.mark.django_db
def test_unknown_token_and_no_token(client):
    assert client.get("/api/v1/klanten/").status_code == 401
    response = client.get("/api/v1/klanten/", HTTP_AUTHORIZATION="Token verzonnen")
    assert response.status_code == 401
    assert "onbekend" in response.json()["detail"]


LOG_PAGES = ["core:access_log", "core:change_log"]


@pytest.mark.django_db
@pytest.mark.parametrize("role_key", sorted(EXPECTED))
def test_logs_only_for_privacy_officer(world, login, client, role_key):
    user, assignment = world.as_role(role_key)
    login(user, assignment)
    for name in LOG_PAGES:
        for suffix in ("", "?formaat=csv"):
            response = client.get(reverse(name) + suffix)
            expected = 200 if assignment.role == Role.PRIVACY_OFFICER else 403
            assert response.status_code == expected, f"{role_key} {name}{suffix}"


@pytest.mark.django_db
def test_privacy_officer_sees_only_own_region(world, login, client):
    login(*world.as_role("tl"))
    client.get(reverse("clients:dossier", args=[world.clients["own_cm1"].uuid]))
    login(*world.as_role("tl_b"))
    client.get(reverse("clients:dossier", args=[world.clients["region_b"].uuid]))
    login(*world.as_role("privacy"))
    page = client.get(reverse("core:access_log")).content.decode()
    assert f"intern nummer {world.clients['own_cm1'].pk}<" in page
    assert f"intern nummer {world.clients['region_b'].pk}<" not in page


@pytest.mark.django_db
@pytest.mark.parametrize("role_key", sorted(EXPECTED))
def test_reference_data_change_only_by_functional_admin(world, login, client, role_key):
    user, assignment = world.as_role(role_key)
    login(user, assignment)
    a1, b1 = world.orgs["a1"], world.orgs["b1"]
    response = client.post(
        reverse("core:organisation_edit", args=[a1.uuid]),
        {
            "name": "Gemeente A1",
            "inhabitants": "12345",
            "inhabitants_note": "test",
            "version": a1.version,
        },
    )
    a1.refresh_from_db()
    if assignment.role == Role.FUNCTIONAL_ADMIN:
        assert response.status_code == 302 and a1.inhabitants == 12345
        # another region's municipality cannot be reached by guessing its id
        other = client.post(
            reverse("core:organisation_edit", args=[b1.uuid]), {"name": "x", "version": 1}
        )
        assert other.status_code == 404
    else:
        assert response.status_code == 403 and a1.inhabitants is None
    admin = client.get("/beheer/core/organisation/")
    assert admin.status_code == (200 if role_key == "admin" else 302)


@pytest.mark.django_db
def test_policy_officer_sees_aggregates_with_small_counts_hidden(world, login, client):
    login(*world.as_role("policy_a1"))
    page = client.get(reverse("core:home")).content.decode()
    assert "&lt;5" in page  # two clients live in A1: shown as <5
    for c in world.clients.values():
        assert c.surname not in page
    assert not AuditEvent.objects.filter(action="read").exists()


# --- decisions (MCA studies): the five roles of the study's region; others nothing -------------
MCA_ROLES = {"policy_a1", "mca", "admin", "tl", "contract"}
MCA_ROLES_B = {"policy_b1", "tl_b"}


@pytest.mark.django_db
@pytest.mark.parametrize("role_key", sorted(EXPECTED))
def test_mca_studies_scoped_to_region_and_role(world, login, client, role_key):
    from regie.decisions.services import load_demo_studies

    study = load_demo_studies(world.orgs["a1"].region)[0]
    user, assignment = world.as_role(role_key)
    login(user, assignment)
    listing = client.get("/mca/")
    page = client.get(f"/mca/{study.uuid}/")
    export = client.get(f"/mca/{study.uuid}/export.json")
    if role_key in MCA_ROLES:
        assert listing.status_code == 200 and study.title in listing.content.decode()
        assert page.status_code == 200 and export.status_code == 200
    elif role_key in MCA_ROLES_B:
        assert listing.status_code == 200 and study.title not in listing.content.decode()
        assert page.status_code == 404 and export.status_code == 404
    else:
        assert listing.status_code in (403, 404)
        assert page.status_code in (403, 404) and export.status_code in (403, 404)


def test_college_objection_route_is_recorded_by_functional_admin_and_needs_an_address(
    world, login, client
):
    """Awb art. 2:15: the digital route is off unless the college opened it; opening it without
    saying where is refused with a Dutch message next to the field."""
    user, assignment = world.as_role("admin")
    login(user, assignment)
    a1 = world.orgs["a1"]
    url = reverse("core:organisation_edit", args=[a1.uuid])
    page = client.get(url).content.decode()
    assert "Kan een inwoner digitaal bezwaar maken?" in page and "Postadres" in page
    data = {"name": a1.name, "version": a1.version, "postal_address": "Postbus 1\n1600 AA Plaats"}
    refused = client.post(url, {**data, "objection_digital_open": "True"})
    assert refused.status_code == 400  # the form again, with the error next to the field
    assert "Vul in waar digitaal bezwaar maken kan" in refused.content.decode()
    ok = client.post(
        url,
        {**data, "objection_digital_open": "True", "objection_digital_route": "https://x.nl/b"},
    )
    assert ok.status_code == 302
    a1.refresh_from_db()
    assert a1.objection_digital_open and a1.postal_address.startswith("Postbus 1")
