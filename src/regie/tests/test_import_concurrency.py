"""Issue 15 item 5: a large linkage import does not lock the site. Rows are validated outside
any transaction and applied in short transactions (chunks); between chunks another connection
reads and writes. Still all-or-nothing: a failure in a later chunk removes the earlier ones.

Transactional tests (real commits), so they say the same on SQLite (the suite's shared-cache
database answers "database table is locked" at once while another connection holds a write
transaction) and on PostgreSQL."""

import threading

import pytest

from django.conf import settings
from django.db import connection, connections
from django.test import Client as HttpClient
from django.urls import reverse

from regie.clients import registration
from regie.clients.models import Client, Household
from regie.core import csvimport
from regie.core.bsn import demo_bsns
from regie.core.models import Organisation
from regie.core.principal import Principal
from regie.testing import build_world
from regie.tests.test_browser import _append_only_logs_flushable  # noqa: F401 - autouse fixture

# Real commits; the flush after each test needs the audit triggers off (see the fixture).
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

ROWS = 120
CHUNK = 25


def _linkage_csv(count: int) -> bytes:
    bsns = demo_bsns(count, start=90000)
    lines = [
        "bsn;voornamen;achternaam;geboortedatum;gemeente_cbs;doelgroep;vergunning;"
        "datum_vergunning;huishouden"
    ]
    for i in range(count):
        lines.append(
            f"{next(bsns)};Naam{i};Groot{i};01-01-1990;GM9001;asielstatushouder;asiel;"
            f"01-10-2026;Huis{i // 3}"
        )
    return ("\n".join(lines) + "\n").encode()


def _probe(world, results):
    """Another request in another thread (its own database connection): the client list (a
    read that also writes access-log rows) and a small write."""
    try:
        if connection.vendor == "sqlite":
            with connection.cursor() as cursor:  # fail fast instead of waiting 20 s
                cursor.execute("PRAGMA busy_timeout = 500")
        imported = Client.objects.filter(surname__startswith="Groot").count()
        http = HttpClient()
        http.force_login(world.users["tl"])
        from regie.core.principal import SESSION_KEY

        session = http.session
        session[SESSION_KEY] = world.assignments["tl"].pk
        session.save()
        page = http.get(reverse("clients:list"))
        written = Organisation.objects.filter(pk=world.orgs["p2"].pk).update(name="Aanbieder P2b")
        results.append((imported, page.status_code, written))
    except Exception as exc:  # noqa: BLE001 - reported to the test below
        results.append(exc)
    finally:
        connections.close_all()


def test_the_site_answers_during_a_large_import(monkeypatch):
    world = build_world()
    principal = Principal.from_assignment(world.assignments["cm1"])
    monkeypatch.setattr(csvimport, "CHUNK_SIZE", CHUNK)
    results = []

    def progress(done, total):
        if 0 < Client.objects.filter(surname__startswith="Groot").count() < ROWS and not results:
            thread = threading.Thread(target=_probe, args=(world, results))
            thread.start()
            thread.join()

    report = registration.import_linkage_csv(
        principal, _linkage_csv(ROWS), team=world.orgs["team_a"], progress=progress
    )
    assert report.ok and report.created == ROWS
    assert results, "no request was made while the import was being applied"
    outcome = results[0]
    assert not isinstance(outcome, Exception), outcome
    imported, status, written = outcome
    assert 0 < imported < ROWS and status == 200 and written == 1
    assert Organisation.objects.get(pk=world.orgs["p2"].pk).name == "Aanbieder P2b"


def test_a_failure_in_a_later_chunk_leaves_nothing(monkeypatch):
    world = build_world()
    principal = Principal.from_assignment(world.assignments["cm1"])
    monkeypatch.setattr(csvimport, "CHUNK_SIZE", CHUNK)
    before_clients, before_households = Client.objects.count(), Household.objects.count()
    original_save = Client.save
    saved = []

    def failing_save(self, *args, **kwargs):
        if self.pk is None and self.surname.startswith("Groot"):
            saved.append(self.surname)
            if len(saved) == ROWS - 5:  # in the last chunk
                raise RuntimeError("worker died")
        return original_save(self, *args, **kwargs)

    monkeypatch.setattr(Client, "save", failing_save)
    with pytest.raises(RuntimeError):
        registration.import_linkage_csv(principal, _linkage_csv(ROWS), team=world.orgs["team_a"])
    assert Client.objects.count() == before_clients
    assert Household.objects.count() == before_households


def test_sqlite_keeps_wal_and_the_busy_timeout():
    options = settings.DATABASES["default"].get("OPTIONS", {})
    if settings.DATABASES["default"]["ENGINE"].endswith("sqlite3"):
        assert "journal_mode=WAL" in options["init_command"]
        assert "busy_timeout=20000" in options["init_command"]


def test_a_running_job_keeps_beating(monkeypatch):
    """Issue 15 item 6: the worker's heartbeat thread writes heartbeat_at while a job runs."""
    import time

    from regie.clients.models import ImportJob
    from regie.core import jobs

    world = build_world()
    monkeypatch.setattr(jobs, "HEARTBEAT_SECONDS", 0.05)
    user, assignment = world.as_role("cm1")
    job = ImportJob.objects.create(
        created_by=user,
        assignment_id=assignment.pk,
        team=world.orgs["team_a"],
        filename="l.csv",
        content=b"x",
    )
    with jobs.heartbeat(ImportJob, job.pk):
        first = ImportJob.objects.get(pk=job.pk)
        assert first.status == "running" and first.heartbeat_at is not None
        for _attempt in range(400):  # wait for the next beat (polling, no timing asserted)
            time.sleep(0.05)
            if ImportJob.objects.get(pk=job.pk).heartbeat_at > first.heartbeat_at:
                break
        else:
            pytest.fail("the heartbeat thread did not beat")
