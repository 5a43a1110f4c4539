"""Registration by hand and by CSV import (all-or-nothing), caseload, worklist, dates."""

import datetime as dt

import pytest

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from regie.clients.models import CaseloadAssignment, Client, Deadline, Household, ImportJob
from regie.clients.registration import template_csv
from regie.core.bsn import demo_bsns

BSNS = demo_bsns(40, start=70000)


def _form(world, bsn, **extra):
    data = {
        "bsn": bsn,
        "given_names": "Amal",
        "surname": "Haddad",
        "date_of_birth": "14-03-1990",
        "municipality": str(world.orgs["a1"].uuid),
        "target_group": "asielstatushouder",
        "permit_type": "asiel",
        "is_obliged": "True",
        "permit_date": "02-09-2026",
        "brp_date": "03-11-2026",
        "duo_notice_date": "10-11-2026",
        "household_name": "Haddad",
    }
    data.update(extra)
    return data


@pytest.mark.django_db
def test_register_by_hand_and_refusals(world, login, client):
    login(*world.as_role("cm1"))
    bsn = next(BSNS)
    response = client.post(reverse("clients:register"), _form(world, bsn))
    assert response.status_code == 302
    created = Client.objects.get(bsn=bsn)
    assert created.case_manager == world.users["cm1"] and created.team == world.orgs["team_a"]
    assert created.household.name == "Haddad"
    assert bsn not in response["Location"]
    again = client.post(reverse("clients:register"), _form(world, bsn))
    assert again.status_code == 400 and "al ingeschreven" in again.content.decode()
    bad = client.post(reverse("clients:register"), _form(world, "123456789"))
    assert "elfproef" in bad.content.decode()
    old = client.post(
        reverse("clients:register"),
        _form(world, next(BSNS), permit_date="31-12-2021", regime="wi2021"),
    )
    assert old.status_code == 400 and "Wet inburgering 2013" in old.content.decode()
    other_region = client.post(
        reverse("clients:register"),
        _form(world, next(BSNS), municipality=str(world.orgs["b1"].uuid)),
    )
    assert other_region.status_code == 400
    kept = client.post(
        reverse("clients:register"), _form(world, next(BSNS), date_of_birth="31-31-1990")
    )
    page = kept.content.decode()
    assert (
        kept.status_code == 400
        and 'value="Haddad"' in page
        and "Vul een bestaande datum in" in page
    )


@pytest.mark.django_db
def test_only_case_managers_and_team_leaders_register(world, login, client):
    for key in ("guide", "policy_a1", "provider_p1", "admin", "privacy"):
        login(*world.as_role(key))
        assert client.get(reverse("clients:register")).status_code == 403
        assert client.get(reverse("clients:import")).status_code == 403


def _csv(rows, delimiter=";"):
    header = [
        "bsn",
        "voornamen",
        "achternaam",
        "geboortedatum",
        "gemeente_cbs",
        "doelgroep",
        "vergunning",
        "datum_vergunning",
        "datum_brp",
        "huishouden",
        "plichtig",
    ]
    lines = [delimiter.join(header)] + [delimiter.join(r) for r in rows]
    return ("\n".join(lines) + "\n").encode()


@pytest.mark.django_db
@pytest.mark.parametrize("delimiter", [";", ","])
def test_import_creates_all_rows_and_households(world, login, client, delimiter):
    login(*world.as_role("cm2"))
    b1, b2, b3 = next(BSNS), next(BSNS), next(BSNS)
    raw = _csv(
        [
            [
                b1,
                "Yonas",
                "Tesfay",
                "01-01-1985",
                "GM9001",
                "asielstatushouder",
                "asiel",
                "01-10-2026",
                "01-11-2026",
                "Tesfay",
                "ja",
            ],
            [
                b2,
                "Semhar",
                "Tesfay",
                "01-01-1987",
                "GM9001",
                "asielstatushouder",
                "asiel",
                "01-10-2026",
                "01-11-2026",
                "Tesfay",
                "ja",
            ],
            [
                b3,
                "Mehari",
                "Tesfay",
                "01-01-2015",
                "GM9001",
                "asielstatushouder",
                "asiel",
                "01-10-2026",
                "01-11-2026",
                "Tesfay",
                "nee",
            ],
        ],
        delimiter,
    )
    upload = SimpleUploadedFile("lijst.csv", raw, content_type="text/csv")
    response = client.post(reverse("clients:import"), {"file": upload})
    assert response.status_code == 302
    job = ImportJob.objects.get()
    assert job.status == "done" and job.created_count == 3  # immediate backend in tests
    status = client.get(response["Location"]).content.decode()
    assert "3 klanten ingeschreven" in status
    assert Household.objects.get(name="Tesfay").members.count() == 3
    assert Client.objects.get(bsn=b3).status == "not_obliged"


@pytest.mark.django_db
def test_import_is_all_or_nothing_with_row_report(world, login, client):
    login(*world.as_role("cm1"))
    good = next(BSNS)
    existing = world.clients["own_cm1"].bsn
    raw = _csv(
        [
            [
                good,
                "Rami",
                "Haddad",
                "01-01-1990",
                "GM9001",
                "asielstatushouder",
                "asiel",
                "01-10-2026",
                "",
                "",
                "ja",
            ],
            [
                "123456789",
                "",
                "X",
                "32-01-1990",
                "GM9999",
                "toerist",
                "visum",
                "01-13-2026",
                "",
                "",
                "misschien",
            ],
            [
                existing,
                "Dubbel",
                "Klant",
                "01-01-1990",
                "GM9001",
                "gezinsmigrant",
                "regulier",
                "01-10-2026",
                "",
                "",
                "ja",
            ],
            [
                good,
                "Rami",
                "Haddad",
                "01-01-1990",
                "GM9001",
                "asielstatushouder",
                "asiel",
                "01-10-2026",
                "",
                "",
                "ja",
            ],
        ]
    )
    before = Client.objects.count()
    client.post(reverse("clients:import"), {"file": SimpleUploadedFile("l.csv", raw)})
    job = ImportJob.objects.get()
    assert job.status == "refused" and Client.objects.count() == before
    by_row = {(e["row"], e["column"]) for e in job.errors}
    for expected in [
        (3, "bsn"),
        (3, "voornamen"),
        (3, "geboortedatum"),
        (3, "gemeente_cbs"),
        (3, "doelgroep"),
        (3, "vergunning"),
        (3, "datum_vergunning"),
        (3, "plichtig"),
        (4, "bsn"),
        (5, "bsn"),
    ]:
        assert expected in by_row, expected
    page = client.get(reverse("clients:import_status", args=[job.uuid])).content.decode()
    assert "Er is niets opgeslagen" in page and "dag-maand-jaar" in page
    assert existing not in page  # the report names rows and columns, never a BSN


@pytest.mark.django_db
def test_import_rejects_bad_files(world, login, client):
    login(*world.as_role("cm1"))
    latin1 = "bsn;voornamen\n999990019;Jos\xe9\n".encode("latin-1")
    client.post(reverse("clients:import"), {"file": SimpleUploadedFile("l.csv", latin1)})
    assert "UTF-8" in ImportJob.objects.latest("id").errors[0]["message"]
    client.post(
        reverse("clients:import"), {"file": SimpleUploadedFile("l.csv", b"naam;leeftijd\nx;1\n")}
    )
    messages = [e["message"] for e in ImportJob.objects.latest("id").errors]
    assert any("ontbreekt" in m for m in messages) and any("kennen wij niet" in m for m in messages)
    wrong = client.post(reverse("clients:import"), {"file": SimpleUploadedFile("l.xlsx", b"x")})
    assert wrong.status_code == 400 and "CSV-bestand" in wrong.content.decode()
    template = client.get(reverse("clients:import_template"))
    assert template.status_code == 200 and "datum_kennisgeving_duo" in template.content.decode()
    assert template_csv().splitlines()[0].startswith("bsn;")


@pytest.mark.django_db
def test_import_status_is_private(world, login, client):
    login(*world.as_role("cm1"))
    client.post(reverse("clients:import"), {"file": SimpleUploadedFile("l.csv", b"x")})
    job = ImportJob.objects.get()
    login(*world.as_role("cm2"))
    assert client.get(reverse("clients:import_status", args=[job.uuid])).status_code == 404


@pytest.mark.django_db
def test_team_leader_assigns_with_history(world, login, client):
    c = world.clients["own_cm1"]
    login(*world.as_role("tl"))
    response = client.post(
        reverse("clients:assign", args=[c.uuid]),
        {
            "case_manager": world.users["cm2"].pk,
            "social_guide": world.users["guide"].pk,
            "income_consultant": "",
            "version": c.version,
        },
    )
    assert response.status_code == 302
    c.refresh_from_db()
    assert c.case_manager == world.users["cm2"] and c.social_guide == world.users["guide"]
    history = CaseloadAssignment.objects.filter(client=c)
    assert history.filter(
        part="case_manager", user=world.users["cm2"], assigned_by=world.users["tl"]
    ).exists()
    page = client.get(reverse("clients:caseload")).content.decode()
    assert "Caseload per klantregisseur" in page
    # area-based: all unassigned clients of A2 to cm1
    Client.objects.filter(pk=world.clients["own_cm2"].pk).update(case_manager=None)
    client.post(
        reverse("clients:caseload"),
        {"gemeente": str(world.orgs["a2"].uuid), "klantregisseur": world.users["cm1"].pk},
    )
    assert Client.objects.get(pk=world.clients["own_cm2"].pk).case_manager == world.users["cm1"]
    login(*world.as_role("cm1"))
    assert client.get(reverse("clients:caseload")).status_code == 403
    assert client.post(reverse("clients:assign", args=[c.uuid]), {}).status_code == 403
    login(*world.as_role("tl_b"))
    assert client.get(reverse("clients:assign", args=[c.uuid])).status_code == 404


@pytest.mark.django_db
def test_dates_recompute_deadlines_and_conflict(world, login, client):
    from regie.clients import deadlines

    c = world.clients["own_cm1"]

    def provider(cl):
        if not cl.brp_date:
            return []
        due, basis = deadlines.statutory_end(cl.brp_date, 10, "weeks")
        return [deadlines.DeadlineSpec("test_brp_ten_weeks", due, basis)]

    # a kind registered by a (test) app: no clients migration, the dates recompute it
    deadlines.register(
        provider, kinds=[deadlines.DeadlineKindDef("test_brp_ten_weeks", "Tien weken na BRP")]
    )
    try:
        login(*world.as_role("cm1"))
        url = reverse("clients:edit_dates", args=[c.uuid])
        ok = client.post(
            url, {"version": c.version, "permit_date": "01-02-2026", "brp_date": "16-02-2026"}
        )
        assert ok.status_code == 302
        deadline = Deadline.objects.get(client=c, kind="test_brp_ten_weeks")
        assert deadline.get_kind_display() == "Tien weken na BRP"
        assert deadline.due_date == dt.date(2026, 4, 28)  # Atw art. 1: Koningsdag 2026
        stale = client.post(url, {"version": c.version, "brp_date": "20-02-2026"})
        assert (
            stale.status_code == 409
            and "Iemand anders heeft dit gewijzigd" in stale.content.decode()
        )
        before = client.post(
            url, {"version": c.version + 1, "permit_date": "01-02-2026", "brp_date": "01-01-2026"}
        )
        assert (
            before.status_code == 400
            and "voor de datum van de vergunning" in before.content.decode()
        )
        login(*world.as_role("cm2"))
        assert client.get(url).status_code == 404  # read-only colleague cannot edit
    finally:
        deadlines.unregister(provider)


@pytest.mark.django_db
def test_worklist_buckets_and_scope(world, login, client):
    today = dt.date.today()
    Deadline.objects.create(
        client=world.clients["own_cm1"],
        kind="pip_decided",
        due_date=today - dt.timedelta(days=2),
        basis="x",
    )
    Deadline.objects.create(
        client=world.clients["own_cm1"],
        kind="review",
        due_date=today + dt.timedelta(days=3),
        basis="x",
    )
    Deadline.objects.create(
        client=world.clients["own_cm2"],
        kind="review",
        due_date=today + dt.timedelta(days=20),
        basis="x",
    )
    Deadline.objects.create(
        client=world.clients["region_b"], kind="review", due_date=today, basis="x"
    )
    login(*world.as_role("cm1"))
    mine = client.get(reverse("clients:worklist")).content.decode()
    assert "Eigenklant" in mine and "Collegaklant" not in mine and "Te laat (1)" in mine
    team = client.get(reverse("clients:worklist") + "?weergave=team").content.decode()
    assert "Collegaklant" in team and "Anderregio" not in team
    filtered = client.get(
        reverse("clients:worklist"), {"weergave": "team", "gemeente": str(world.orgs["a2"].uuid)}
    ).content.decode()
    assert "Collegaklant" in filtered and "Eigenklant" not in filtered
    for key in ("guide", "policy_a1", "provider_p1", "privacy"):
        login(*world.as_role(key))
        assert client.get(reverse("clients:worklist")).status_code == 403


@pytest.mark.django_db
def test_reminders_once_per_deadline_and_on_the_start_page(world, login, client, mailoutbox):
    from django.core.management import call_command

    from regie.clients.models import Reminder

    today = dt.date.today()
    c = world.clients["own_cm1"]
    world.users["cm1"].email = "cm1@voorbeeld.nl"
    world.users["cm1"].save()
    Deadline.objects.create(
        client=c, kind="review", due_date=today + dt.timedelta(days=3), basis="x"
    )
    Deadline.objects.create(
        client=c, kind="pvt_done", due_date=today + dt.timedelta(days=60), basis="x"
    )
    call_command("deadlines", "remind")
    call_command("deadlines", "remind")
    assert Reminder.objects.count() == 1
    assert (
        len(mailoutbox) == 1
        and c.bsn not in mailoutbox[0].body
        and c.surname not in mailoutbox[0].body
    )
    login(*world.as_role("cm1"))
    page = client.get("/").content.decode()
    assert "Herinneringen" in page and "Eigenklant" in page
