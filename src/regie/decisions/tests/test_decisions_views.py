"""Studies in the web UI: scoping, import, result page, exports, weight and points entry."""

import json

import pytest

from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from regie.core.locking import VersionConflict
from regie.core.models import AuditEvent
from regie.core.principal import Principal
from regie.decisions import services
from regie.decisions.models import Study
from regie.decisions.tests.test_decisions_cli import RECONSTRUCTION


@pytest.fixture
def studies(world):
    """The two demo studies in region A; one small copy in region B."""
    region_a = world.orgs["a1"].region
    region_b = world.orgs["b1"].region
    a = services.load_demo_studies(region_a)
    b = services.import_study(region_b, _small_study(["Gemeente B1", "Ander"]))
    return {"a": a[0], "a2": a[1], "b": b}


def _small_study(stakeholders):
    return {
        "title": "Kleine studie",
        "clusters": [
            {
                "key": "k",
                "name": "Cluster",
                "criteria": [{"key": "c1", "name": "Een"}, {"key": "c2", "name": "Twee"}],
            }
        ],
        "stakeholders": stakeholders,
        "alternatives": [{"key": "x", "name": "Scenario X"}, {"key": "y", "name": "Scenario Y"}],
        "weights": {s: {"c1": 1, "c2": 3} for s in stakeholders},
        "points": {"x": {"c1": 3, "c2": 1}, "y": {"c1": 1, "c2": 3}},
    }


def _principal(world, key):
    return Principal.from_assignment(world.assignments[key])


def _upload(content: str, name="studie.json"):
    return SimpleUploadedFile(name, content.encode("utf-8"), content_type="application/json")


def test_demo_loader_is_idempotent(world):
    region = world.orgs["a1"].region
    first = services.load_demo_studies(region)
    second = services.load_demo_studies(region)
    assert [s.pk for s in first] == [s.pk for s in second]
    assert Study.objects.filter(region=region).count() == 2


def test_writes_are_audited(world):
    study = services.import_study(world.orgs["a1"].region, _small_study(["Gemeente A1"]))
    policy = _principal(world, "policy_a1")
    services.update_weights(policy, study, "Gemeente A1", {"c1": 2, "c2": 2}, study.version)
    events = AuditEvent.objects.filter(
        object_type="decisions.Study", object_id=str(study.pk)
    ).order_by("at", "id")
    assert events.count() == 2
    change = events.last()
    assert change.before["data"]["weights"]["Gemeente A1"]["c1"] == 1
    assert change.after["data"]["weights"]["Gemeente A1"]["c1"] == 2


def test_update_refuses_invalid_and_stale(world):
    study = services.import_study(world.orgs["a1"].region, _small_study(["Gemeente A1"]))
    policy = _principal(world, "policy_a1")
    with pytest.raises(services.mca.StudyError):
        services.update_weights(policy, study, "Gemeente A1", {"c1": 7, "c2": 1}, study.version)
    study.refresh_from_db()
    assert study.version == 1 and study.data["weights"]["Gemeente A1"]["c1"] == 1
    services.update_weights(policy, study, "Gemeente A1", {"c1": 2, "c2": 2}, 1)
    with pytest.raises(VersionConflict):
        services.update_weights(policy, study, "Gemeente A1", {"c1": 3, "c2": 3}, 1)
    study.refresh_from_db()
    assert study.version == 2 and study.data["weights"]["Gemeente A1"] == {"c1": 2, "c2": 2}


def test_services_check_the_principals_right(world):
    """Each write checks the right itself (as the other apps' services do), not only the view."""
    study = services.import_study(
        world.orgs["a1"].region, _small_study(["Gemeente A1", "Gemeente A2"])
    )
    policy, mca = _principal(world, "policy_a1"), _principal(world, "mca")
    with pytest.raises(PermissionDenied):
        services.update_weights(policy, study, "Gemeente A2", {"c1": 2, "c2": 2}, 1)
    with pytest.raises(PermissionDenied):
        services.update_weights(mca, study, "Gemeente A1", {"c1": 2, "c2": 2}, 1)
    with pytest.raises(PermissionDenied):
        services.update_points(policy, study, {"x": {"c1": 2}}, 1)
    with pytest.raises(PermissionDenied):
        services.update_points(_principal(world, "policy_b1"), study, {"x": {"c1": 2}}, 1)
    with pytest.raises(PermissionDenied):
        services.update_points(None, study, {"x": {"c1": 2}}, 1)
    with pytest.raises(PermissionDenied):
        services.create_study(policy, _small_study(["Gemeente A1"]))
    with pytest.raises(PermissionDenied):
        services.replace_study(policy, study, _small_study(["Gemeente A1"]), 1)
    study.refresh_from_db()
    assert study.version == 1
    created = services.create_study(mca, _small_study(["Gemeente A1"]))
    assert created.region == mca.organisation.region


@pytest.mark.parametrize("key", ["policy_a1", "mca", "admin", "tl", "contract"])
def test_roles_see_own_region_only(world, login, client, studies, key):
    login(*world.as_role(key))
    listing = client.get(reverse("decisions:list"))
    assert listing.status_code == 200
    body = listing.content.decode()
    assert studies["a"].title in body
    assert "Kleine studie" not in body
    assert client.get(reverse("decisions:detail", args=[studies["b"].uuid])).status_code == 404
    assert client.get(reverse("decisions:export", args=[studies["b"].uuid])).status_code == 404


def test_policy_officer_region_b_sees_nothing_of_region_a(world, login, client, studies):
    login(*world.as_role("policy_b1"))
    for name in ("detail", "export", "pdf"):
        assert client.get(reverse(f"decisions:{name}", args=[studies["a"].uuid])).status_code == 404
    assert studies["a"].title not in client.get(reverse("decisions:list")).content.decode()


@pytest.mark.parametrize("key", ["provider_p1", "cm1", "guide", "income", "privacy"])
def test_other_roles_are_refused(world, login, client, studies, key):
    login(*world.as_role(key))
    assert client.get(reverse("decisions:list")).status_code == 403
    assert client.get(reverse("decisions:detail", args=[studies["a"].uuid])).status_code in (
        403,
        404,
    )


def test_menu_item_only_for_the_five_roles(world, login, client):
    login(*world.as_role("policy_a1"))
    assert "Scenariokeuze" in client.get(reverse("core:home")).content.decode()
    login(*world.as_role("provider_p1"))
    assert "Scenariokeuze" not in client.get(reverse("core:home")).content.decode()


def test_result_page_shows_the_table_charts_and_group(world, login, client, studies):
    login(*world.as_role("tl"))
    body = client.get(reverse("decisions:detail", args=[studies["a"].uuid])).content.decode()
    for text in ("82,14", "97,43", "98,14", "2,45", "24,71"):
        assert text in body
    assert body.count("<svg") == 3
    assert "Er is geen duidelijke winnaar." in body
    assert "Met de gewichten van Hoorn wint Integratiescenario." in body
    assert "meetkundig gemiddelde" in body
    assert "Kleinste verandering van één punt" in body


def test_export_json_download(world, login, client, studies):
    login(*world.as_role("mca"))
    response = client.get(reverse("decisions:export", args=[studies["a"].uuid]))
    assert response["Content-Type"] == "application/json"
    assert "attachment" in response["Content-Disposition"]
    assert json.loads(response.content) == json.loads(RECONSTRUCTION.read_text(encoding="utf-8"))


def test_pdf_renders(world, login, client, studies):
    login(*world.as_role("policy_a1"))
    response = client.get(reverse("decisions:pdf", args=[studies["a"].uuid]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")


def test_import_valid_study(world, login, client):
    login(*world.as_role("mca"))
    response = client.post(
        reverse("decisions:list"),
        {"file": _upload(RECONSTRUCTION.read_text(encoding="utf-8"))},
    )
    study = Study.objects.get()
    assert response.status_code == 302
    assert study.region == world.orgs["office_a"].region


def test_import_refuses_bad_json_and_stores_nothing(world, login, client):
    login(*world.as_role("mca"))
    data = json.loads(RECONSTRUCTION.read_text(encoding="utf-8"))
    data["weights"]["Hoorn"]["c07"] = 9
    response = client.post(reverse("decisions:list"), {"file": _upload(json.dumps(data))})
    assert response.status_code == 400
    body = response.content.decode()
    assert "weights.Hoorn.c07" in body
    assert "<title>Fout: " in body
    response = client.post(reverse("decisions:list"), {"file": _upload("{kapot")})
    assert "Geen geldige JSON" in response.content.decode()
    assert Study.objects.count() == 0


def test_policy_officer_may_not_import(world, login, client):
    login(*world.as_role("policy_a1"))
    response = client.post(reverse("decisions:list"), {"file": _upload("{}")})
    assert response.status_code == 403
    assert Study.objects.count() == 0


def _weights_study(world):
    return services.import_study(
        world.orgs["a1"].region, _small_study(["Gemeente A1", "Gemeente A2"])
    )


def test_policy_officer_edits_own_weights(world, login, client):
    study = _weights_study(world)
    login(*world.as_role("policy_a1"))
    url = reverse("decisions:weights", args=[study.uuid, "Gemeente A1"])
    assert client.get(url).status_code == 200
    response = client.post(url, {"version": 1, "w_c1": 3, "w_c2": 2})
    assert response.status_code == 302
    study.refresh_from_db()
    assert study.data["weights"]["Gemeente A1"] == {"c1": 3, "c2": 2}
    assert study.version == 2


def test_weight_errors_in_dutch(world, login, client):
    study = _weights_study(world)
    login(*world.as_role("policy_a1"))
    url = reverse("decisions:weights", args=[study.uuid, "Gemeente A1"])
    response = client.post(url, {"version": 1, "w_c1": 5, "w_c2": ""})
    body = response.content.decode()
    assert response.status_code == 400
    assert body.count("Vul een gewicht van 1 tot 3 in.") >= 2
    assert "<title>Fout: " in body
    study.refresh_from_db()
    assert study.version == 1


def test_policy_officer_may_not_edit_other_weights(world, login, client):
    study = _weights_study(world)
    login(*world.as_role("policy_a1"))
    url = reverse("decisions:weights", args=[study.uuid, "Gemeente A2"])
    assert client.get(url).status_code == 403
    assert client.post(url, {"version": 1, "w_c1": 3, "w_c2": 3}).status_code == 403
    study.refresh_from_db()
    assert study.data["weights"]["Gemeente A2"] == {"c1": 1, "c2": 3}
    login(*world.as_role("mca"))
    assert (
        client.get(reverse("decisions:weights", args=[study.uuid, "Gemeente A1"])).status_code
        == 403
    )


def test_stale_weights_form_is_refused(world, login, client):
    study = _weights_study(world)
    services.update_points(_principal(world, "mca"), study, {"x": {"c1": 2}}, 1)
    login(*world.as_role("policy_a1"))
    url = reverse("decisions:weights", args=[study.uuid, "Gemeente A1"])
    response = client.post(url, {"version": 1, "w_c1": 3, "w_c2": 3})
    assert response.status_code == 409
    body = response.content.decode()
    assert "Iemand anders heeft dit gewijzigd terwijl u bezig was" in body
    assert "<title>Fout: " in body


def test_working_group_member_edits_points(world, login, client):
    study = _weights_study(world)
    login(*world.as_role("mca"))
    url = reverse("decisions:points", args=[study.uuid])
    assert client.get(url).status_code == 200
    response = client.post(url, {"version": 1, "p_0": 2, "p_1": 1, "p_2": 3, "p_3": 3})
    assert response.status_code == 302
    study.refresh_from_db()
    assert study.data["points"] == {"x": {"c1": 2, "c2": 3}, "y": {"c1": 1, "c2": 3}}
    bad = client.post(url, {"version": 2, "p_0": 4, "p_1": 1, "p_2": 3, "p_3": 3})
    assert "Vul punten van 1 tot 3 in." in bad.content.decode()
    login(*world.as_role("policy_a1"))
    assert client.get(url).status_code == 403
