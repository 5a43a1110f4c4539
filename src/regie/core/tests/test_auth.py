"""Login, second factor, lock-out, role switch, session expiry."""

import pytest
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from django.conf import settings
from django.urls import reverse

from regie.core.models import AuditEvent, RoleAssignment
from regie.core.roles import Role

PASSWORD = "Test-wachtwoord-123"


@pytest.mark.django_db
def test_login_lands_on_start_page_with_role(world, client):
    response = client.post(reverse("core:login"), {"username": "cm1", "password": PASSWORD})
    assert response.status_code == 302
    page = client.get("/").content.decode()
    assert "Klantregisseur" in page and "Team A" in page
    assert AuditEvent.objects.filter(action="login", actor=world.users["cm1"]).exists()


@pytest.mark.django_db
def test_wrong_password_gives_dutch_error_and_locks_after_limit(world, client):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        response = client.post(reverse("core:login"), {"username": "cm1", "password": "fout"})
        assert response.status_code == 400
        assert "klopt niet" in response.content.decode()
    response = client.post(reverse("core:login"), {"username": "cm1", "password": "fout"})
    assert response.status_code == 429
    # even the right password is refused while locked
    response = client.post(reverse("core:login"), {"username": "cm1", "password": PASSWORD})
    assert response.status_code == 429
    assert "geblokkeerd" in response.content.decode()


@pytest.mark.django_db
def test_empty_login_form_lists_errors(client):
    response = client.post(reverse("core:login"), {"username": "", "password": ""})
    page = response.content.decode()
    assert response.status_code == 400
    assert "Er is een probleem" in page and "Vul uw gebruikersnaam in." in page
    assert "<title>Fout:" in page


@pytest.mark.django_db
def test_second_factor_required_in_production_mode(world, client, settings):
    settings.REGIE_REQUIRE_2FA = True
    response = client.post(reverse("core:login"), {"username": "cm1", "password": PASSWORD})
    assert response["Location"].startswith("/tweede-factor/")
    # nothing is reachable before the second factor
    assert client.get(reverse("clients:list"))["Location"] == "/tweede-factor/"
    assert client.get("/api/v1/klanten/").status_code in (401, 403)
    setup = client.get("/tweede-factor/")
    assert (
        "Authenticator-app koppelen" in setup.content.decode() and "<svg" in setup.content.decode()
    )
    device = TOTPDevice.objects.get(user=world.users["cm1"])
    bad = client.post(
        "/tweede-factor/", {"token": "000000" if totp(device.bin_key) != 0 else "111111"}
    )
    assert bad.status_code == 400 and "klopt niet" in bad.content.decode()
    TOTPDevice.objects.filter(pk=device.pk).update(
        throttling_failure_count=0, throttling_failure_timestamp=None
    )
    good = client.post("/tweede-factor/", {"token": f"{totp(device.bin_key):06d}"})
    assert good.status_code == 302
    assert client.get(reverse("clients:list")).status_code == 200
    device.refresh_from_db()
    assert device.confirmed


@pytest.mark.django_db
def test_role_switch(world, login, client):
    user = world.users["tl"]
    extra = RoleAssignment.objects.create(
        user=user, role=Role.MCA_MEMBER, organisation=world.orgs["office_a"]
    )
    login(user)
    assert "Wissel van rol" in client.get("/").content.decode()
    client.post(reverse("core:role_switch"), {"assignment": extra.pk})
    page = client.get("/").content.decode()
    assert "Werkgroeplid MCA" in page
    # the team leader's clients are out of reach in the MCA role
    assert (
        client.get(reverse("clients:dossier", args=[world.clients["own_cm1"].uuid])).status_code
        == 404
    )
    # someone else's assignment cannot be chosen
    other = world.assignments["privacy"]
    client.post(reverse("core:role_switch"), {"assignment": other.pk})
    assert "Privacy officer" not in client.get("/").content.decode()


@pytest.mark.django_db
def test_user_without_role_is_told_whom_to_ask(client):
    from regie.core.tests.factories import UserFactory

    user = UserFactory()
    client.force_login(user)
    response = client.get("/", follow=True)
    assert response.status_code == 403
    assert "functioneel beheer" in response.content.decode()


def test_session_expires_after_inactivity():
    assert settings.SESSION_COOKIE_AGE == 30 * 60
    assert settings.SESSION_SAVE_EVERY_REQUEST


@pytest.mark.django_db
def test_logout_is_a_post(world, login, client):
    login(*world.as_role("cm1"))
    assert client.get(reverse("core:logout")).status_code == 405
    assert client.post(reverse("core:logout")).status_code == 302
    assert client.get("/")["Location"].startswith("/inloggen/")
