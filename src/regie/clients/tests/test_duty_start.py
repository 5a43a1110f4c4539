"""Issue 9, items 4 and 11: the start of the duty with its reason, the age bounds (16 up to the
pension age: a warning the case manager confirms, never a refusal) and the Wi2013 case kind."""

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from regie.clients import duty
from regie.clients.models import Client, Deadline, ImportJob
from regie.core import pension_age
from regie.core.bsn import demo_bsns

BSNS = demo_bsns(30, start=91000)


def _form(world, bsn, **extra):
    data = {
        "bsn": bsn,
        "given_names": "Yonas",
        "surname": "Tesfaye",
        "date_of_birth": "14-03-2009",
        "municipality": str(world.orgs["a1"].uuid),
        "target_group": "asielstatushouder",
        "permit_type": "asiel",
        "is_obliged": "True",
        "permit_date": "02-09-2025",
        "brp_date": "03-10-2025",
        "duo_notice_date": "10-10-2025",
    }
    data.update(extra)
    return data


# --- the pension age ------------------------------------------------------------------------


def test_pension_age_is_set_per_calendar_year_it_is_reached():
    assert pension_age.pension_date(dt.date(1958, 3, 1)) == dt.date(2025, 3, 1)  # 67 in 2025
    assert pension_age.pension_date(dt.date(1956, 1, 15)) == dt.date(2022, 8, 15)  # 66y7m
    assert pension_age.pension_date(dt.date(1961, 6, 1)) == dt.date(2028, 9, 1)  # 67y3m
    assert pension_age.PENSION_AGE_UNCONFIRMED  # badge: current art. 7a text not read


@given(st.dates(min_value=dt.date(1940, 1, 1), max_value=dt.date(2010, 12, 31)))
def test_pension_date_falls_in_the_year_whose_pension_age_it_uses(born):
    reached = pension_age.pension_date(born)
    years, months = pension_age._age_in(reached.year)
    from dateutil.relativedelta import relativedelta

    assert reached == born + relativedelta(years=years, months=months)
    assert 65 <= pension_age.age_on(born, reached) <= 67


# --- start of the duty ----------------------------------------------------------------------


@pytest.mark.django_db
def test_duty_starts_when_kwalificatieplicht_ends(world, login, client):
    """A minor becomes obliged when kwalificatieplicht ends: the start is its own fact with its
    reason, and the PIP term counts from it, not from the earlier BRP registration."""
    login(*world.as_role("cm1"))
    bsn = next(BSNS)
    response = client.post(
        reverse("clients:register"),
        _form(
            world,
            bsn,
            duty_start="14-03-2027",
            duty_start_reason="einde_kwalificatieplicht",
        ),
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    created = Client.objects.get(bsn=bsn)
    assert created.duty_start == dt.date(2027, 3, 14)
    assert created.duty_start_reason == "einde_kwalificatieplicht"
    assert created.duty_starts_on == dt.date(2027, 3, 14)
    pip = Deadline.objects.get(client=created, kind="pip_decided")
    assert pip.due_date > dt.date(2027, 3, 14)  # 10 weeks from the start, not from the BRP
    assert "start van de inburgeringsplicht" in pip.basis
    page = client.get(reverse("clients:dossier", args=[created.uuid])).content.decode()
    assert "Einde kwalificatieplicht" in page and "14-03-2027" in page


@pytest.mark.django_db
def test_duty_start_for_another_reason_needs_an_explanation(world, login, client):
    login(*world.as_role("cm1"))
    response = client.post(
        reverse("clients:register"),
        _form(
            world,
            next(BSNS),
            date_of_birth="14-03-1990",
            duty_start="01-12-2025",
            duty_start_reason="anders",
        ),
    )
    page = response.content.decode()
    assert response.status_code == 400 and "Leg uit waarom" in page and 'value="Tesfaye"' in page


@pytest.mark.django_db
def test_client_over_aow_age_is_warned_not_refused(world, login, client):
    """Outside 16 up to the pension age: a warning the case manager must confirm, then it is
    registered (never a refusal)."""
    login(*world.as_role("cm1"))
    bsn = next(BSNS)
    data = _form(world, bsn, date_of_birth="01-01-1955")
    warned = client.post(reverse("clients:register"), data)
    page = warned.content.decode()
    assert warned.status_code == 400 and "AOW-leeftijd" in page
    assert not Client.objects.filter(bsn=bsn).exists()
    confirmed = client.post(reverse("clients:register"), {**data, "age_checked": "on"})
    assert confirmed.status_code == 302
    created = Client.objects.get(bsn=bsn)
    assert created.age_checked
    dossier = client.get(reverse("clients:dossier", args=[created.uuid])).content.decode()
    assert "AOW-leeftijd" in dossier and "gecontroleerd" in dossier


def test_client_under_16_at_the_start_is_warned():
    warnings = duty.age_warnings(dt.date(2012, 5, 1), dt.date(2026, 1, 1), "vergunning")
    assert warnings and "jonger dan 16" in warnings[0]
    assert duty.age_warnings(dt.date(1990, 5, 1), dt.date(2026, 1, 1), "vergunning") == []


@pytest.mark.django_db
def test_client_over_aow_age_in_the_api_needs_the_confirm_field(world, login, client):
    login(*world.as_role("cm1"))
    body = {
        "bsn": next(BSNS),
        "given_names": "Lina",
        "surname": "Saleh",
        "date_of_birth": "1950-05-01",
        "municipality": "GM9001",
        "target_group": "gezinsmigrant",
        "permit_type": "regulier",
        "permit_date": "2026-08-01",
    }
    warned = client.post("/api/v1/klanten/", body, content_type="application/json")
    assert warned.status_code == 400 and "age_checked" in str(warned.json())
    confirmed = client.post(
        "/api/v1/klanten/", {**body, "age_checked": True}, content_type="application/json"
    )
    assert confirmed.status_code == 201, confirmed.json()


def _csv(rows):
    header = [
        "bsn",
        "voornamen",
        "achternaam",
        "geboortedatum",
        "gemeente_cbs",
        "doelgroep",
        "vergunning",
        "datum_vergunning",
        "datum_start_plicht",
        "reden_start_plicht",
        "leeftijd_gecontroleerd",
    ]
    return ("\n".join([";".join(header)] + [";".join(r) for r in rows]) + "\n").encode()


@pytest.mark.django_db
def test_import_records_the_duty_start_and_asks_to_confirm_the_age(world, login, client):
    login(*world.as_role("cm1"))
    minor, old = next(BSNS), next(BSNS)
    rows = [
        [minor, "Sara", "Ali", "01-02-2009", "GM9001", "asielstatushouder", "asiel",
         "01-10-2025", "01-02-2027", "einde_kwalificatieplicht", ""],
        [old, "Omar", "Ali", "01-02-1950", "GM9001", "asielstatushouder", "asiel",
         "01-10-2025", "", "", ""],
    ]  # fmt: skip
    client.post(reverse("clients:import"), {"file": SimpleUploadedFile("l.csv", _csv(rows))})
    job = ImportJob.objects.latest("id")
    assert job.status == "refused"
    assert any(e["column"] == "leeftijd_gecontroleerd" and e["row"] == 3 for e in job.errors)
    rows[1][-1] = "ja"
    client.post(reverse("clients:import"), {"file": SimpleUploadedFile("l.csv", _csv(rows))})
    assert Client.objects.get(bsn=minor).duty_start == dt.date(2027, 2, 1)
    assert Client.objects.get(bsn=old).age_checked


# --- Wi2013 cases ---------------------------------------------------------------------------


@pytest.mark.django_db
def test_duty_before_2022_is_registered_as_wi2013_case_not_refused(world, login, client):
    login(*world.as_role("cm1"))
    bsn = next(BSNS)
    response = client.post(
        reverse("clients:register"),
        _form(world, bsn, date_of_birth="01-01-1985", permit_date="01-06-2021", regime="wi2013"),
    )
    assert response.status_code == 302
    assert Client.objects.get(bsn=bsn).regime == "wi2013"


@pytest.mark.django_db
def test_wi2013_client_gets_no_pip_deadline(world, login, client):
    login(*world.as_role("cm1"))
    bsn = next(BSNS)
    client.post(
        reverse("clients:register"),
        _form(world, bsn, date_of_birth="01-01-1985", permit_date="01-06-2021", regime="wi2013"),
    )
    created = Client.objects.get(bsn=bsn)
    assert not Deadline.objects.filter(client=created).exists()
    dossier = client.get(reverse("clients:dossier", args=[created.uuid])).content.decode()
    assert "Wet inburgering 2013" in dossier and "vrijwillige aanbod" in dossier
    assert reverse("plans:overview", args=[created.uuid]) not in dossier  # no PIP part


@pytest.mark.django_db
def test_wi2013_client_is_not_on_the_worklist(world):
    """Worklists are built from the deadlines; a Wi2013 case has none, so he is on none."""
    from regie.clients.selectors import worklist
    from regie.core.principal import Principal

    target = world.clients["own_cm1"]
    cm = Principal.from_assignment(world.assignments["cm1"])
    target.brp_date = target.duo_notice_date = dt.date.today() - dt.timedelta(days=200)
    target.save()
    before = worklist(cm, mine=False)
    assert any(d.client_id == target.pk for d in before["overdue"])  # the PIP term, overdue
    target.regime = "wi2013"
    target.save()
    after = worklist(cm, mine=False)
    for bucket in ("overdue", "this_week", "thirty_days"):
        assert not any(d.client_id == target.pk for d in after[bucket])
    assert not Deadline.objects.filter(client=target).exists()
