"""Background work of the clients app (Django tasks framework, django-tasks backport)."""

from django_tasks import task

from django.utils import timezone

from regie.core import context, jobs
from regie.core.models import RoleAssignment
from regie.core.principal import Principal

from .models import ImportJob
from .registration import import_linkage_csv


@task()
def run_linkage_import(job_id: int) -> None:
    job = ImportJob.objects.select_related("team", "created_by").get(pk=job_id)
    assignment = RoleAssignment.objects.select_related("organisation", "user").get(
        pk=job.assignment_id
    )
    principal = Principal.from_assignment(assignment)

    def progress(done, total):
        ImportJob.objects.filter(pk=job.pk).update(processed=done, total=total)

    def record_applied(client_ids, household_ids):
        ImportJob.objects.filter(pk=job.pk).update(
            applied={"clients": client_ids, "households": household_ids}
        )

    with (
        jobs.heartbeat(ImportJob, job.pk),
        context.acting_as(user=job.created_by, principal=principal, channel="ui"),
    ):
        try:
            report = import_linkage_csv(
                principal,
                bytes(job.content),
                team=job.team,
                progress=progress,
                record_applied=record_applied,
            )
        except Exception as exc:  # noqa: BLE001 - the status page must say it failed
            ImportJob.objects.filter(pk=job.pk).update(
                status=ImportJob.Status.FAILED,
                finished_at=timezone.now(),
                content=b"",  # the uploaded file (BSNs) is not kept once the job has ended
                applied={},  # undone already (csvimport.apply_in_chunks)
                errors=[
                    {
                        "row": 0,
                        "column": "",
                        "message": f"Onverwachte fout ({type(exc).__name__}). Er is niets opgeslagen.",
                    }
                ],
            )
            raise
    ImportJob.objects.filter(pk=job.pk).update(
        status=ImportJob.Status.DONE if report.ok else ImportJob.Status.REFUSED,
        created_count=report.created,
        processed=report.created or job.total,
        # a finished import keeps the neutral notes of referred rows (registration.REFERRED_MESSAGE)
        errors=[
            {"row": e.row, "column": e.column, "message": e.message}
            for e in (report.errors or report.notes)
        ],
        finished_at=timezone.now(),
        content=b"",
        applied={},
    )
