import jwt
import pytest

from regie.core.models import AccessLogEntry
from regie.portal import oidc
from regie.portal.session import SESSION_KEY

from .conftest import portal_login


def test_full_login_flow_lands_on_own_page_without_staff_user(client, standin, newcomer):
    response = portal_login(client, newcomer.bsn)
    assert response.status_code == 302 and response["Location"] == "/mijn/"
    assert client.session[SESSION_KEY] == newcomer.pk
    assert "_auth_user_id" not in client.session  # no staff user
    page = client.get("/mijn/")
    assert page.status_code == 200
    assert newcomer.given_names in page.content.decode()
    row = AccessLogEntry.objects.filter(person_id=newcomer.pk, channel="self").latest("id")
    assert row.role == "inburgeraar" and row.actor is None and row.part == "portaal: wat komt er"


def test_level_basis_is_refused(client, standin, newcomer):
    response = portal_login(client, newcomer.bsn, level="basis")
    assert response.status_code == 403
    assert "Substantieel" in response.content.decode()
    assert SESSION_KEY not in client.session


def test_level_hoog_is_accepted(client, standin, newcomer):
    assert portal_login(client, newcomer.bsn, level="hoog").status_code == 302


def test_unknown_bsn_is_refused(client, standin, newcomer):
    response = portal_login(client, "111222333")
    assert response.status_code == 403
    assert SESSION_KEY not in client.session


def test_state_mismatch_is_refused(client, standin, newcomer):
    client.get("/mijn/inloggen/digid/")
    response = client.get("/mijn/inloggen/terug/", {"code": "x", "state": "wrong"})
    assert response.status_code == 400


def test_token_signed_by_another_key_is_refused(standin, newcomer):
    from cryptography.hazmat.primitives.asymmetric import rsa

    oidc.discovery()
    other = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    token = jwt.encode(
        {
            "iss": standin.issuer,
            "aud": standin.client_id,
            "iat": 1,
            "exp": 9999999999,
            "nonce": "n",
            "bsn": newcomer.bsn,
            "acr": oidc.ACR_OF_LEVEL["hoog"],
        },
        other,
        algorithm="RS256",
        headers={"kid": standin.kid},
    )
    with pytest.raises(oidc.LoginError) as exc:
        oidc.verify_id_token(token, "n")
    assert exc.value.code == "invalid"


def test_wrong_nonce_is_refused(standin, newcomer):
    token = standin.id_token({"bsn": newcomer.bsn, "level": "substantieel", "nonce": "a"})
    with pytest.raises(oidc.LoginError):
        oidc.verify_id_token(token, "b")
    assert oidc.verify_id_token(token, "a").bsn == newcomer.bsn


def test_pages_need_the_portal_login(client, db):
    for url in [
        "/mijn/",
        "/mijn/plan/",
        "/mijn/afspraken/",
        "/mijn/berichten/",
        "/mijn/mening/",
        "/mijn/gemeente/",
    ]:
        response = client.get(url)
        assert response.status_code == 302 and response["Location"] == "/mijn/inloggen/", url


def test_logout_ends_the_portal_session(client, standin, newcomer):
    portal_login(client, newcomer.bsn)
    client.post("/mijn/uitloggen/")
    assert client.get("/mijn/").status_code == 302


def _stop(_seconds):
    raise KeyboardInterrupt


def test_standin_command_runs_in_demo_only(db, settings, monkeypatch):
    import io

    from django.core.management import CommandError, call_command

    monkeypatch.setattr("regie.portal.management.commands.portal.time.sleep", _stop)
    out = io.StringIO()
    call_command("portal", "standin-oidc", "--port", "0", stdout=out)
    assert "Nagebootste DigiD (demo) op http://127.0.0.1:" in out.getvalue()
    settings.REGIE_DEMO = False
    with pytest.raises(CommandError):
        call_command("portal", "standin-oidc", "--port", "0")


def test_discovery_with_another_issuer_is_refused(standin, settings):
    settings.REGIE_PORTAL_OIDC_ISSUER = standin.issuer.replace("127.0.0.1", "localhost")
    with pytest.raises(oidc.LoginError):
        oidc.discovery()
