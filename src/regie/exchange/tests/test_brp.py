"""The BRP API Personen client against its stand-in, every answer validated against the OpenAPI
file; the registration lookup with its access-log row; the daily check's work items."""

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from regie.clients.models import ClientStatus
from regie.clients.tests.factories import ClientFactory
from regie.core.hooks import LookedUpPerson
from regie.core.models import AccessLogEntry, WorkItem
from regie.core.principal import Principal
from regie.core.roles import OrganisationKind, Role
from regie.core.tests.factories import OrganisationFactory, RegionFactory, UserFactory
from regie.exchange.brp import checks, mapping, services, work_items
from regie.exchange.brp.client import (
    CHECK_FIELDS,
    REGISTRATION_FIELDS,
    BrpClient,
    BrpConfig,
    BrpUnavailable,
    batches,
)
from regie.exchange.brp.standin import BrpStandIn
from regie.exchange.models import BrpSnapshot

from . import brp_openapi

AMAL = "999995005"
SECRET = "999995030"
INVESTIGATED = "999995042"
MOVED_WITHIN = "999995054"
MOVED_OUT = "999995066"
EMIGRATED = "999995078"
DECEASED = "999995091"


@pytest.fixture
def brp(settings):
    """The stand-in on an ephemeral port; afterwards every request and every answer it gave is
    checked against the OpenAPI file."""
    with BrpStandIn(api_key="test-sleutel") as standin:
        settings.REGIE_BRP_URL = standin.url
        settings.REGIE_BRP_API_KEY = "test-sleutel"
        settings.REGIE_BRP_TIMEOUT = 1
        yield standin
    problems = []
    for body in standin.requests:
        problems += [f"request: {e}" for e in brp_openapi.request_errors(body)]
    for status, content_type, body in standin.responses:
        problems += [
            f"{status}: {e}" for e in brp_openapi.response_errors(status, content_type, body)
        ]
    assert not problems, problems


def _client():
    return BrpClient(BrpConfig.from_settings())


# --- the validator itself can fail ------------------------------------------------------------


def test_the_openapi_check_rejects_what_the_spec_forbids():
    good = {"type": "RaadpleegMetBurgerservicenummer", "personen": [{"burgerservicenummer": AMAL}]}
    assert brp_openapi.response_errors(200, "application/json; charset=utf-8", good) == []
    bad_bsn = {
        "type": "RaadpleegMetBurgerservicenummer",
        "personen": [{"burgerservicenummer": "12"}],
    }
    assert brp_openapi.response_errors(200, "application/json; charset=utf-8", bad_bsn)
    # the discriminator is honoured: an Adres with a foreign address line is not an Adres
    bad_place = {
        "type": "RaadpleegMetBurgerservicenummer",
        "personen": [{"verblijfplaats": {"type": "Adres", "verblijfadres": {"huisnummer": 0}}}],
    }
    assert brp_openapi.response_errors(200, "application/json; charset=utf-8", bad_place)
    bad_date = {
        "type": "RaadpleegMetBurgerservicenummer",
        "personen": [{"geboorte": {"datum": {"type": "Datum", "langFormaat": "x"}}}],
    }
    assert brp_openapi.response_errors(200, "application/json; charset=utf-8", bad_date)
    assert brp_openapi.request_errors(
        {
            "type": "RaadpleegMetBurgerservicenummer",
            "burgerservicenummer": [AMAL] * 21,
            "fields": ["naam"],
        }
    )


# --- the client against the stand-in ------------------------------------------------------------


def test_person_with_only_the_fields_asked(brp):
    person = _client().person(AMAL, REGISTRATION_FIELDS)
    assert person["naam"]["geslachtsnaam"] == "Haddad"
    assert person["geboorte"]["datum"]["datum"] == "1990-03-14"
    assert person["verblijfplaats"]["type"] == "Adres"
    assert person["gemeenteVanInschrijving"]["code"] == "0405"
    assert [p["naam"]["voornamen"] for p in person["partners"]] == ["Yusuf"]
    assert len(person["kinderen"]) == 2 and len(person["ouders"]) == 2
    # not asked, so not given: sex, birth place, the relatives' BSNs
    assert "geslacht" not in person
    assert "plaats" not in person["geboorte"]
    assert "burgerservicenummer" not in person["partners"][0]
    body = brp.requests[0]
    assert body["type"] == "RaadpleegMetBurgerservicenummer"
    assert body["burgerservicenummer"] == [AMAL]
    assert not {"inOnderzoek", "geheimhoudingPersoonsgegevens"} & set(body["fields"])


def test_mapping_fills_the_form_terms(brp):
    found = mapping.to_looked_up(_client().person(AMAL, REGISTRATION_FIELDS))
    assert isinstance(found, LookedUpPerson)
    assert (found.given_names, found.surname) == ("Amal Noor", "Haddad")
    assert found.date_of_birth == dt.date(1990, 3, 14)
    assert found.address_lines == ("Grote Noord 12a", "1621 KE Hoorn")
    assert found.municipality_code == "0405"
    assert not found.secret and not found.under_investigation
    relations = [(r.relation, r.name, r.birth_date) for r in found.relatives]
    assert ("partner", "Yusuf Haddad", "30-07-1987") in relations
    assert ("kind", "Omar Haddad", "februari 2017") in relations
    assert ("ouder", "Rania Khoury", "onbekend") in relations


def test_secret_person_is_flagged(brp):
    person = _client().person(SECRET, REGISTRATION_FIELDS)
    assert person["geheimhoudingPersoonsgegevens"] is True  # delivered without being asked
    found = mapping.to_looked_up(person)
    assert found.secret is True
    assert found.surname == "el Amrani"


def test_person_under_investigation_keeps_every_flag(brp):
    person = _client().person(INVESTIGATED, REGISTRATION_FIELDS)
    assert person["naam"]["inOnderzoek"]["geslachtsnaam"] is True
    found = mapping.to_looked_up(person)
    assert "surname" in found.under_investigation
    assert "01-10-2026" in found.under_investigation["surname"]
    assert "address" in found.under_investigation
    assert "given_names" not in found.under_investigation
    # only a year of birth: no date, the text instead
    assert found.date_of_birth is None and found.birth_date_text == "1998"


def test_unknown_bsn_is_absent(brp):
    assert _client().person("999995108", REGISTRATION_FIELDS) is None


def test_at_most_twenty_bsns_per_request(brp):
    bsns = [AMAL, SECRET, INVESTIGATED] + [f"{999990000 + n}" for n in range(42)]
    found = _client().persons(bsns, CHECK_FIELDS)
    assert [len(body["burgerservicenummer"]) for body in brp.requests] == [20, 20, 5]
    assert {p["burgerservicenummer"] for p in found} == {AMAL, SECRET, INVESTIGATED}
    assert all(body["fields"] == list(CHECK_FIELDS) for body in brp.requests)


def test_stand_in_refuses_what_the_api_refuses(brp):
    status, answer = brp.answer(
        {
            "type": "RaadpleegMetBurgerservicenummer",
            "burgerservicenummer": [AMAL] * 21,
            "fields": ["naam"],
        }
    )
    assert status == 400 and answer["invalidParams"][0]["code"] == "maxItems"
    status, answer = brp.answer(
        {
            "type": "RaadpleegMetBurgerservicenummer",
            "burgerservicenummer": [AMAL],
            "fields": ["inOnderzoek"],
        }
    )
    assert status == 400
    for status, body in [(400, answer)]:
        assert not brp_openapi.response_errors(status, "application/problem+json", body)


@pytest.mark.parametrize(
    ("mode", "words"),
    [
        ("500", "storing"),
        ("503", "storing"),
        ("timeout", "niet op tijd"),
        ("drop", "niet bereikbaar"),
    ],
)
def test_failures_become_a_dutch_sentence(brp, mode, words):
    brp.slow_seconds = 2
    brp.fail(mode)
    with pytest.raises(BrpUnavailable) as exc:
        _client().person(AMAL, REGISTRATION_FIELDS)
    assert words in str(exc.value)
    # the next question is answered again
    assert _client().person(AMAL, REGISTRATION_FIELDS) is not None


def test_wrong_api_key_and_no_server(brp, settings):
    settings.REGIE_BRP_API_KEY = "fout"
    with pytest.raises(BrpUnavailable, match="niet \\(meer\\) geautoriseerd"):
        _client().person(AMAL, REGISTRATION_FIELDS)
    config = BrpConfig(url="http://127.0.0.1:9/haalcentraal/api/brp", timeout=0.5)
    with pytest.raises(BrpUnavailable, match="niet bereikbaar|niet op tijd"):
        BrpClient(config).person(AMAL, REGISTRATION_FIELDS)
    with pytest.raises(BrpUnavailable, match="geen koppeling"):
        BrpClient(BrpConfig(url="")).person(AMAL, REGISTRATION_FIELDS)


def test_mutual_tls_with_the_configured_certificate(settings, tmp_path):
    from regie.exchange.standin.tls import make_test_pki

    pki = make_test_pki(tmp_path)
    with BrpStandIn(ssl_context=pki.server_context()) as standin:
        settings.REGIE_BRP_URL = standin.url
        settings.REGIE_BRP_CA_FILE = str(pki.ca)
        settings.REGIE_BRP_TIMEOUT = 2
        assert standin.url.startswith("https://127.0.0.1:")
        # without a client certificate the server refuses the handshake
        settings.REGIE_TLS_CERT = settings.REGIE_TLS_KEY = ""
        with pytest.raises(BrpUnavailable, match="niet bereikbaar"):
            _client().person(AMAL, CHECK_FIELDS)
        settings.REGIE_BRP_CERT_FILE = str(pki.client_cert)
        settings.REGIE_BRP_KEY_FILE = str(pki.client_key)
        assert _client().person(AMAL, CHECK_FIELDS)["burgerservicenummer"] == AMAL
    for status, content_type, body in standin.responses:
        assert not brp_openapi.response_errors(status, content_type, body)


# --- the registration lookup: access log with purpose -------------------------------------------


@pytest.fixture
def region_world(db):
    region = RegionFactory(code="wf", name="West-Friesland")
    towns = {
        code: OrganisationFactory(region=region, name=name, cbs_code=f"GM{code}")
        for code, name in [
            ("0405", "Hoorn"),
            ("0388", "Enkhuizen"),
            ("0420", "Medemblik"),
            ("0498", "Drechterland"),
            ("0532", "Stede Broec"),
        ]
    }
    team = OrganisationFactory(region=region, kind=OrganisationKind.TEAM, name="Team WF")
    case_manager = UserFactory()
    principal = Principal(role=Role.CASE_MANAGER, organisation=team, user=case_manager)
    return towns, team, case_manager, principal


def test_lookup_writes_an_access_log_row_with_its_purpose(brp, region_world):
    _towns, _team, _cm, principal = region_world
    found = services.lookup_person(principal, AMAL, purpose="Inschrijving (test)")
    assert found.surname == "Haddad"
    row = AccessLogEntry.objects.get()
    assert row.purpose == "Inschrijving (test)"
    assert row.activity.key == services.ACTIVITY
    assert row.person_type == services.PERSON_TYPE_UNREGISTERED and row.person_id == 0
    assert row.actor == principal.user
    values = [str(getattr(row, f.attname)) for f in row._meta.concrete_fields]
    assert not any(AMAL in v for v in values), "the BSN itself is never in the log"


def test_lookup_of_a_registered_client_names_the_client(brp, region_world):
    towns, team, _cm, principal = region_world
    client = ClientFactory(bsn=AMAL, municipality=towns["0405"], team=team)
    services.lookup_person(principal, AMAL, purpose="Controle")
    row = AccessLogEntry.objects.get()
    assert (row.person_type, row.person_id) == ("client", client.pk)


def test_lookup_is_logged_also_when_the_brp_fails(brp, region_world):
    *_rest, principal = region_world
    brp.fail("500")
    with pytest.raises(BrpUnavailable):
        services.lookup_person(principal, AMAL, purpose="Inschrijving (test)")
    assert AccessLogEntry.objects.count() == 1


def test_lookup_refuses_other_roles_and_bad_bsns(brp, region_world):
    from django.core.exceptions import PermissionDenied

    _towns, team, cm, principal = region_world
    guide = Principal(role=Role.SOCIAL_GUIDE, organisation=team, user=cm)
    with pytest.raises(PermissionDenied):
        services.lookup_person(guide, AMAL, purpose="x")
    with pytest.raises(BrpUnavailable, match="geldig BSN"):
        services.lookup_person(principal, "123456789", purpose="x")
    assert not brp.requests and not AccessLogEntry.objects.exists()


# --- the daily check ----------------------------------------------------------------------------


def _clients(region_world, extra=0):
    towns, team, cm, _p = region_world
    registered_in = {SECRET: "0388", INVESTIGATED: "0420", DECEASED: "0532"}  # the rest: Hoorn
    made = {
        bsn: ClientFactory(
            bsn=bsn, municipality=towns[registered_in.get(bsn, "0405")], team=team, case_manager=cm
        )
        for bsn in (AMAL, SECRET, INVESTIGATED, MOVED_WITHIN, MOVED_OUT, EMIGRATED, DECEASED)
    }
    for _n in range(extra):
        ClientFactory(municipality=towns["0405"], team=team)
    return made


def test_daily_check_turns_changes_into_work_items(
    brp, region_world, django_assert_max_num_queries
):
    made = _clients(region_world, extra=16)  # 23 active clients: two requests
    closed = ClientFactory(
        municipality=region_world[0]["0405"], team=region_world[1], status=ClientStatus.CLOSED
    )
    # queries per batch (log, snapshots in bulk) and per work item, not per unchanged client
    with django_assert_max_num_queries(20 + 8 * 4):
        report = checks.check_active_clients(dt.date(2026, 12, 5))
    assert report.asked == 23 and report.requests == 2 and not report.error
    assert [len(b["burgerservicenummer"]) for b in brp.requests] == [20, 3]
    assert all(closed.bsn not in b["burgerservicenummer"] for b in brp.requests)
    items = {(i.kind, i.subject_id) for i in WorkItem.objects.all()}
    assert items == {
        (work_items.MOVED_WITHIN, made[MOVED_WITHIN].pk),
        (work_items.MOVED_OUT, made[MOVED_OUT].pk),
        (work_items.EMIGRATED, made[EMIGRATED].pk),
        (work_items.DECEASED, made[DECEASED].pk),
    }
    moved_out = WorkItem.objects.get(kind=work_items.MOVED_OUT)
    assert moved_out.assignee == region_world[2] and moved_out.role == Role.CASE_MANAGER
    assert moved_out.details["municipality"] == "Amsterdam"
    assert moved_out.organisation == region_world[1]
    # never an automatic change of the dossier
    for client in made.values():
        status, municipality = client.status, client.municipality_id
        client.refresh_from_db()
        assert (client.status, client.municipality_id) == (status, municipality)
    # one access-log row per client asked, with the purpose, by the system
    rows = AccessLogEntry.objects.filter(activity__key=services.ACTIVITY)
    assert rows.count() == 23
    assert {r.purpose for r in rows} == {checks.PURPOSE}
    assert BrpSnapshot.objects.count() == 7
    assert BrpSnapshot.objects.get(client=made[SECRET]).secret is True
    assert BrpSnapshot.objects.get(client=made[INVESTIGATED]).under_investigation is True

    # idempotent: the same day again creates nothing new
    with django_assert_max_num_queries(20 + 8 * 4):
        again = checks.check_active_clients(dt.date(2026, 12, 5))
    assert sum(again.created.values()) == 0
    assert WorkItem.objects.count() == 4


def test_daily_check_sees_a_move_to_another_address(brp, region_world):
    made = _clients(region_world)
    checks.check_active_clients(dt.date(2026, 12, 5))
    before = WorkItem.objects.count()
    person = brp.persons[AMAL]
    person["verblijfplaats"]["adresseerbaarObjectIdentificatie"] = "0405010000099999"
    person["verblijfplaats"]["verblijfadres"]["huisnummer"] = 99
    person["verblijfplaats"]["datumVan"] = {
        "type": "Datum",
        "datum": "2026-12-04",
        "langFormaat": "4 december 2026",
    }
    report = checks.check_active_clients(dt.date(2026, 12, 6))
    assert report.created == {work_items.MOVED_WITHIN: 1}
    item = WorkItem.objects.exclude(
        pk__in=list(WorkItem.objects.order_by("pk").values_list("pk", flat=True)[:before])
    ).get()
    assert (item.kind, item.subject_id) == (work_items.MOVED_WITHIN, made[AMAL].pk)
    assert item.details["date"] == "04-12-2026"


def test_daily_check_stops_when_the_brp_fails(brp, region_world):
    _clients(region_world)
    brp.fail("503")
    report = checks.check_active_clients(dt.date(2026, 12, 5))
    assert report.error and report.requests == 0
    assert not WorkItem.objects.exists() and not BrpSnapshot.objects.exists()


def test_daily_check_is_off_without_configuration(settings, region_world):
    _clients(region_world)
    settings.REGIE_BRP_URL = ""
    report = checks.check_active_clients(dt.date(2026, 12, 5))
    assert report.asked == 0 and not AccessLogEntry.objects.exists()


def test_the_worker_runs_the_check_as_a_daily_job(brp, region_world):
    from regie.core.management.commands.worker import run_daily_jobs

    made = _clients(region_world)
    run_daily_jobs({})
    kinds = set(
        WorkItem.objects.filter(kind__startswith="exchange.brp_").values_list("kind", "subject_id")
    )
    assert (work_items.DECEASED, made[DECEASED].pk) in kinds
    assert len(kinds) == 4


def test_deceased_and_emigrated_are_shown_not_hidden(brp):
    dead = mapping.to_looked_up(_client().person(DECEASED, REGISTRATION_FIELDS))
    assert dead.deceased and any("overleden (20-11-2026)" in n for n in dead.notes)
    abroad = mapping.to_looked_up(_client().person(EMIGRATED, REGISTRATION_FIELDS))
    assert abroad.abroad and abroad.address_lines == ("Hauptstrasse 5", "10115 Berlin", "Duitsland")
    assert any("buitenland" in n for n in abroad.notes)


@given(st.lists(st.integers(min_value=0, max_value=10**6), max_size=130))
def test_batches_keep_every_bsn_once_in_requests_of_at_most_twenty(numbers):
    items = [f"{n:09d}" for n in numbers]
    chunks = list(batches(items))
    assert all(1 <= len(c) <= 20 for c in chunks)
    assert [x for c in chunks for x in c] == items
    assert len(chunks) == -(-len(items) // 20)
