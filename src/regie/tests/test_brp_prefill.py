"""The registration form's BRP prefill across apps: clients asks through core.hooks, exchange
answers from the BRP stand-in. The BSN only in POST bodies; bad input 400; a BRP failure leaves
the typed values; the access log has the purpose."""

import copy

import pytest

from django.urls import reverse

from regie.core import hooks
from regie.core.models import AccessLogEntry
from regie.exchange.brp.standin import BrpStandIn

AMAL = "999995005"
URL = "/klanten/inschrijven/"


@pytest.fixture
def brp(settings):
    with BrpStandIn() as standin:
        # the test world's municipalities are GM9001..GM9003
        amal = copy.deepcopy(standin.persons[AMAL])
        amal["gemeenteVanInschrijving"] = {"code": "9002", "omschrijving": "Gemeente A2"}
        standin.persons[AMAL] = amal
        settings.REGIE_BRP_URL = standin.url
        settings.REGIE_BRP_TIMEOUT = 1
        yield standin


def test_the_button_only_when_a_brp_is_configured(world, login, settings):
    settings.REGIE_BRP_URL = ""
    c = login(*world.as_role("cm1"))
    assert "Ophalen uit de BRP" not in c.get(URL).content.decode()
    settings.REGIE_BRP_URL = "http://127.0.0.1:9/brp"
    assert "Ophalen uit de BRP" in c.get(URL).content.decode()
    assert "exchange.brp_check" in hooks.daily_jobs


def test_prefill_fills_the_form_and_saves_nothing(world, login, brp):
    from regie.clients.models import Client

    c = login(*world.as_role("cm1"))
    response = c.post(URL, {"bsn": AMAL, "action": "brp", "languages": "Arabisch"})
    assert response.status_code == 200
    html = response.content.decode()
    assert 'value="Amal Noor"' in html and 'value="Haddad"' in html
    assert 'name="date_of_birth_dag" value="14"' in html  # Dag, Maand, Jaar boxes
    assert 'name="date_of_birth_jaar" value="1990"' in html
    assert 'value="Arabisch"' in html  # what was typed stays
    a2 = world.orgs["a2"]
    assert f'value="{a2.uuid}" selected' in html
    assert "Yusuf Haddad" in html and "Grote Noord 12a" in html
    assert not Client.objects.filter(bsn=AMAL).exists()
    row = AccessLogEntry.objects.get(activity__key="brp-raadplegen")
    assert "BRP" in row.purpose and row.actor == world.users["cm1"]
    assert brp.requests[0]["burgerservicenummer"] == [AMAL]
    assert AMAL not in response.request["PATH_INFO"]


def test_bad_bsn_is_a_400_without_asking_the_brp(world, login, brp):
    c = login(*world.as_role("cm1"))
    response = c.post(URL, {"bsn": "123456789", "action": "brp"})
    assert response.status_code == 400
    assert "geldig BSN" in response.content.decode()
    assert brp.requests == [] and not AccessLogEntry.objects.exists()


def test_brp_failure_keeps_the_form_usable(world, login, brp):
    brp.fail("503")
    c = login(*world.as_role("cm1"))
    response = c.post(URL, {"bsn": AMAL, "action": "brp", "given_names": "Zelf"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "storing" in html and 'value="Zelf"' in html


def test_other_roles_may_not_look_up(world, login, brp):
    c = login(*world.as_role("guide"))
    assert c.post(URL, {"bsn": AMAL, "action": "brp"}).status_code == 403
    assert brp.requests == []


def test_register_url_has_no_bsn():
    assert reverse("clients:register") == URL


def test_privacy_officer_finds_a_lookup_before_registration_by_bsn(world, login, brp, client):
    from django.test import Client as HttpClient

    c = login(*world.as_role("cm1"))
    c.post(URL, {"bsn": AMAL, "action": "brp"})
    officer = login(*world.as_role("privacy"), c=HttpClient())
    response = officer.post("/privacy/inzagelog/", {"person": AMAL}, follow=True)
    html = response.content.decode()
    assert response.status_code == 200
    assert "persoonsgegevens uit de BRP" in html
    other = officer.post("/privacy/inzagelog/", {"person": "999995030"}, follow=True)
    assert "persoonsgegevens uit de BRP" not in other.content.decode()
