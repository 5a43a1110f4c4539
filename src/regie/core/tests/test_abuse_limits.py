"""Issue 15 item 10: failed logins limited per IP address, a short per-account lock-out with a
Dutch message, and API rate limits per token and per session (429, Retry-After, Dutch)."""

import pytest

from django.conf import settings as django_settings

from regie.core.drf import issue_token
from regie.core.tests.factories import ApiClientFactory

pytestmark = pytest.mark.django_db

PASSWORD = "Test-wachtwoord-123"
LOGIN = "/inloggen/"


def _login(client, username, password, ip="192.0.2.10"):
    return client.post(LOGIN, {"username": username, "password": password}, REMOTE_ADDR=ip)


def test_one_address_trying_many_usernames_is_blocked(world, client, settings):
    settings.REGIE_LOGIN_IP_FAILURE_LIMIT = 3
    for name in ("cm1", "cm2", "tl"):  # one failure each: no account reaches its own limit
        assert _login(client, name, "fout").status_code == 400
    # now even a right password from this address waits
    response = _login(client, "guide", PASSWORD)
    assert response.status_code == 429
    assert 0 < int(response["Retry-After"]) <= django_settings.REGIE_LOGIN_IP_WINDOW_SECONDS
    page = response.content.decode()
    assert "netwerkadres" in page and "minuten" in page
    assert not response.wsgi_request.user.is_authenticated
    # another address is not affected
    assert _login(client, "guide", PASSWORD, ip="198.51.100.7").status_code == 302


def test_account_lockout_is_per_account_short_and_in_dutch(world, client):
    assert django_settings.AXES_COOLOFF_TIME * 60 <= 5  # minutes, by default
    for _ in range(django_settings.AXES_FAILURE_LIMIT):
        _login(client, "cm1", "fout", ip="192.0.2.20")
    # locked for every address (an attacker cannot spread his guesses over addresses) ...
    response = _login(client, "cm1", PASSWORD, ip="198.51.100.8")
    assert response.status_code == 429
    assert "5 minuten geblokkeerd" in response.content.decode()
    # ... and only that account
    assert _login(client, "cm2", PASSWORD, ip="198.51.100.8").status_code == 302


def test_api_rate_limit_per_token(world, client, settings):
    settings.REGIE_API_RATE_TOKEN = "3/min"
    key = issue_token(ApiClientFactory(organisation=world.orgs["p1"]))
    other = issue_token(ApiClientFactory(organisation=world.orgs["p2"]))
    for _ in range(3):
        assert client.get("/api/v1/ik/", HTTP_AUTHORIZATION=f"Token {key}").status_code == 200
    response = client.get("/api/v1/ik/", HTTP_AUTHORIZATION=f"Token {key}")
    assert response.status_code == 429
    assert 0 < int(response["Retry-After"]) <= 60
    assert "te veel verzoeken" in response.json()["detail"]
    # another token has its own budget
    assert client.get("/api/v1/ik/", HTTP_AUTHORIZATION=f"Token {other}").status_code == 200


def test_api_rate_limit_per_session(world, client, login, settings):
    settings.REGIE_API_RATE_SESSION = "2/min"
    login(*world.as_role("cm1"))
    assert client.get("/api/v1/ik/").status_code == 200
    assert client.get("/api/v1/ik/").status_code == 200
    response = client.get("/api/v1/ik/")
    assert response.status_code == 429
    assert response["Retry-After"]
    assert "te veel verzoeken" in response.json()["detail"]
