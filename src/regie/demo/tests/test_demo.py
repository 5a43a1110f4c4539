"""The demo region: idempotent, the study's figures, and a second region without code changes."""

import json

import pytest
from stdnum.nl import bsn as stdnum_bsn

from django.core.management import call_command

from regie.clients.models import Client
from regie.core.models import AuditEvent, HousingTarget, Organisation, RoleAssignment, User
from regie.core.roles import Role
from regie.demo.loader import load_region

CBS = {
    "Hoorn": "GM0405",
    "Opmeer": "GM0417",
    "Koggenland": "GM1598",
    "Medemblik": "GM0420",
    "Stede Broec": "GM0532",
    "Enkhuizen": "GM0388",
    "Drechterland": "GM0498",
}
TARGETS_2019 = {
    "Koggenland": 16,
    "Opmeer": 8,
    "Medemblik": 32,
    "Stede Broec": 16,
    "Enkhuizen": 14,
    "Drechterland": 14,
    "Hoorn": 50,
}


def _counts():
    return (
        Organisation.objects.count(),
        User.objects.count(),
        RoleAssignment.objects.count(),
        Client.objects.count(),
        HousingTarget.objects.count(),
    )


@pytest.mark.django_db
def test_demo_load_is_idempotent_and_has_the_study_figures():
    call_command("demo", "load")
    first = _counts()
    events = AuditEvent.objects.count()
    call_command("demo", "load")
    assert _counts() == first
    assert AuditEvent.objects.count() == events  # the second run changed nothing at all
    for name, code in CBS.items():
        org = Organisation.objects.get(cbs_code=code)
        assert org.name == name and org.inhabitants and "Benadering" in org.inhabitants_note
        target = HousingTarget.objects.get(municipality=org)
        assert target.target == TARGETS_2019[name]
        assert (target.period_start.isoformat(), target.period_end.isoformat()) == (
            "2019-01-01",
            "2019-12-31",
        )
    for name in (
        "Fiolet",
        "TCI Compiti",
        "Wereldcollege",
        "JAR-opleidingen",
        "Stichting EDINOVA",
        "Horizon College",
        "DUO",
        "COA",
        "GR WerkSaam Westfriesland",
    ):
        assert Organisation.objects.filter(name=name).exists(), name
    assert {a.role for a in RoleAssignment.objects.all()} == set(Role.values)
    for client in Client.objects.all():
        assert client.bsn.startswith("9999") and stdnum_bsn.is_valid(client.bsn)


@pytest.mark.django_db
def test_a_second_region_loads_from_a_file(tmp_path):
    spec = {
        "region": {"code": "zaanstreek", "name": "Zaanstreek-Waterland"},
        "municipalities": [{"name": "Zaanstad", "cbs_code": "GM0479", "inhabitants": 155000}],
        "organisations": [{"key": "team", "kind": "team", "name": "Inburgeringsteam Zaanstreek"}],
        "users": [
            {
                "username": "km.zaanstad",
                "first_name": "Sara",
                "last_name": "Bos",
                "roles": [["casemanager", "team"]],
            }
        ],
    }
    path = tmp_path / "regio.json"
    path.write_text(json.dumps(spec), encoding="utf-8")
    result = load_region(path)
    assert result["region"] == "zaanstreek"
    assert Organisation.objects.get(cbs_code="GM0479").region.code == "zaanstreek"
    load_region(path)
    assert Organisation.objects.filter(cbs_code="GM0479").count() == 1
