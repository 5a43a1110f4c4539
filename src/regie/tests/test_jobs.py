"""Issue 15 item 6: a job whose worker died is failed once its heartbeat stops (the user sees
why and can upload again), and an uploaded file (BSNs) is deleted when its job ends and at the
latest after REGIE_UPLOAD_RETENTION_DAYS, for every job model with an uploaded file."""

import datetime as dt

import pytest

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from regie.clients.models import ImportJob
from regie.core import hooks, jobs
from regie.offer.models import ReportUpload

BSN_FILE = b"bsn;voornamen\n999990019;Amal\n"


def _import_job(world, key="cm1", **fields):
    user, assignment = world.as_role(key)
    values = {
        "created_by": user,
        "assignment_id": assignment.pk,
        "team": world.orgs["team_a"],
        "filename": "lijst.csv",
        "content": BSN_FILE,
    }
    values.update(fields)
    return ImportJob.objects.create(**values)


def _upload(world, **fields):
    user, assignment = world.as_role("provider_p1")
    values = {
        "created_by": user,
        "assignment_id": assignment.pk,
        "provider": world.orgs["p1"],
        "filename": "meldingen.csv",
        "content": BSN_FILE.decode(),
    }
    values.update(fields)
    return ReportUpload.objects.create(**values)


def test_every_job_model_with_an_uploaded_file_is_registered():
    assert {k.model for k in jobs.KINDS} == {ImportJob, ReportUpload}
    assert hooks.daily_jobs["core.jobs"] is jobs.daily
    assert hooks.frequent_jobs["core.jobs"] is jobs.frequent


@pytest.mark.django_db
def test_a_dead_import_is_failed_at_the_status_page(world, login, client, settings):
    settings.REGIE_JOB_STALE_MINUTES = 10
    now = timezone.now()
    dead = _import_job(world, status="running", heartbeat_at=now - dt.timedelta(minutes=11))
    alive = _import_job(world, status="running", heartbeat_at=now - dt.timedelta(minutes=2))
    login(*world.as_role("cm1"))
    page = client.get(reverse("clients:import_status", args=[dead.uuid])).content.decode()
    assert "Mislukt" in page and "onderbroken" in page and "Opnieuw importeren" in page
    dead.refresh_from_db()
    assert dead.status == "failed" and bytes(dead.content) == b"" and dead.finished_at
    alive.refresh_from_db()
    assert alive.status == "running" and bytes(alive.content) == BSN_FILE


@pytest.mark.django_db
def test_a_dead_report_upload_is_failed_at_the_status_page(world, login, client):
    dead = _upload(world, state="running", heartbeat_at=timezone.now() - dt.timedelta(hours=1))
    login(*world.as_role("provider_p1"))
    page = client.get(reverse("offer:report_status", args=[dead.uuid])).content.decode()
    assert "Mislukt" in page and "onderbroken" in page and "Opnieuw uploaden" in page
    dead.refresh_from_db()
    assert dead.state == "failed" and dead.content == ""
    assert dead.outcome["errors"][0]["message"].startswith("De verwerking is onderbroken")


@pytest.mark.django_db
def test_the_worker_check_fails_dead_jobs_of_every_kind(world):
    old = timezone.now() - dt.timedelta(minutes=30)
    a = _import_job(world, status="running", heartbeat_at=old)
    b = _upload(world, state="running", heartbeat_at=old)
    queued = _import_job(world)  # waiting for a worker: not dead, no heartbeat yet
    assert jobs.mark_stale() == 2
    a.refresh_from_db()
    b.refresh_from_db()
    queued.refresh_from_db()
    assert (a.status, b.state, queued.status) == ("failed", "failed", "queued")
    assert "onderbroken" in a.errors[0]["message"]


@pytest.mark.django_db
def test_uploaded_files_are_kept_at_most_the_retention_period(world, settings):
    settings.REGIE_UPLOAD_RETENTION_DAYS = 7
    now = timezone.now()
    old_queued = _import_job(world)
    old_done = _upload(world, state="done")
    recent = _import_job(world)
    ImportJob.objects.filter(pk=old_queued.pk).update(created_at=now - dt.timedelta(days=8))
    ReportUpload.objects.filter(pk=old_done.pk).update(created_at=now - dt.timedelta(days=8))
    assert jobs.purge_uploads(now) == 2
    old_queued.refresh_from_db()
    old_done.refresh_from_db()
    recent.refresh_from_db()
    assert bytes(old_queued.content) == b"" and old_queued.status == "failed"
    assert "niet op tijd" in old_queued.errors[0]["message"]
    assert old_done.content == "" and old_done.state == "done"
    assert bytes(recent.content) == BSN_FILE and recent.status == "queued"
    jobs.daily()  # the daily job runs both checks; nothing left to do
    assert jobs.purge_uploads(now) == 0


@pytest.mark.django_db
def test_the_file_is_deleted_when_the_job_ends(world, login, client, monkeypatch):
    login(*world.as_role("cm1"))
    client.post(reverse("clients:import"), {"file": SimpleUploadedFile("l.csv", b"x")})
    refused = ImportJob.objects.latest("id")
    assert refused.status == "refused" and bytes(refused.content) == b""

    from regie.clients import tasks

    def crash(*args, **kwargs):
        raise RuntimeError("kapot")

    monkeypatch.setattr(tasks, "import_linkage_csv", crash)
    # the immediate backend records the task's exception as a failed result
    client.post(reverse("clients:import"), {"file": SimpleUploadedFile("l.csv", BSN_FILE)})
    failed = ImportJob.objects.latest("id")
    assert failed.status == "failed" and bytes(failed.content) == b""
    assert failed.heartbeat_at is not None


@pytest.mark.django_db
def test_a_killed_import_is_undone_when_found_dead(world, monkeypatch):
    """The worker dies between two chunks: no compensation ran in the process. The chunks it
    had committed are recorded on the job (in the same transactions), so the stale check
    removes them: all-or-nothing holds after a kill too."""
    from regie.clients import registration
    from regie.clients.models import Client, Household
    from regie.core import csvimport
    from regie.core.principal import Principal
    from regie.tests.test_import_concurrency import _linkage_csv

    monkeypatch.setattr(csvimport, "CHUNK_SIZE", 10)
    job = _import_job(world, status="running", heartbeat_at=timezone.now())
    before = (Client.objects.count(), Household.objects.count())

    def record_applied(client_ids, household_ids):
        ImportJob.objects.filter(pk=job.pk).update(
            applied={"clients": client_ids, "households": household_ids}
        )

    class Killed(BaseException):
        pass

    def killed(done, total):
        if done >= 30:
            raise Killed

    monkeypatch.setattr(registration, "undo_import", lambda *a: None)  # the process is gone
    with pytest.raises(Killed):
        registration.import_linkage_csv(
            Principal.from_assignment(world.assignments["cm1"]),
            _linkage_csv(50),
            team=world.orgs["team_a"],
            progress=killed,
            record_applied=record_applied,
        )
    monkeypatch.undo()
    job.refresh_from_db()
    assert len(job.applied["clients"]) == 30 and Client.objects.count() == before[0] + 30
    ImportJob.objects.filter(pk=job.pk).update(heartbeat_at=timezone.now() - dt.timedelta(hours=1))
    assert jobs.mark_stale() == 1
    assert (Client.objects.count(), Household.objects.count()) == before
    job.refresh_from_db()
    assert job.status == "failed" and job.applied == {} and bytes(job.content) == b""
