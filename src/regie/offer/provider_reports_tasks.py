"""The CSV upload of provider reports as a background task (Django's tasks framework, through
the django-tasks backport's public API only).

The upload, its progress and its outcome live in our own model (``ReportUpload``); the task gets
only its id. So the app works with any tasks backend (the database worker by default, the
immediate backend in tests, Celery or RQ in a larger deployment): nothing here reads or writes a
backend's tables.
"""

from django_tasks import task

from django.utils import timezone

from regie.core import context as actor_context
from regie.core import jobs
from regie.core.models import RoleAssignment
from regie.core.principal import Principal

from .models import ReportUpload
from .provider_reports import submit_csv

MAX_ERRORS_SHOWN = 1000


def _update(upload_id: int, **fields) -> None:
    ReportUpload.objects.filter(pk=upload_id).update(**fields)


@task()
def run_report_upload(upload_id: int) -> str:
    """Check and store one upload; returns its final state (done, refused or failed)."""
    upload = ReportUpload.objects.select_related("created_by").get(pk=upload_id)
    assignment = RoleAssignment.objects.select_related("organisation", "user").get(
        pk=upload.assignment_id, user_id=upload.created_by_id
    )
    principal = Principal.from_assignment(assignment)

    def progress(done, total):
        _update(upload_id, processed=done, total=total)

    with (
        jobs.heartbeat(ReportUpload, upload_id),
        actor_context.acting_as(user=assignment.user, principal=principal, channel="ui"),
    ):
        try:
            result = submit_csv(principal, upload.content, progress=progress)
        except Exception as exc:  # noqa: BLE001 - the status page must say that it failed
            outcome = {
                "created": 0,
                "updated": 0,
                "unchanged": 0,
                "errors": [
                    {
                        "row": 0,
                        "column": "",
                        "message": f"Onverwachte fout ({type(exc).__name__}). Er is niets "
                        "opgeslagen. Probeer het over een paar minuten opnieuw.",
                    }
                ],
                "error_count": 1,
            }
            state = ReportUpload.State.FAILED
        else:
            outcome = result.as_dict()
            outcome["error_count"] = len(outcome["errors"])
            outcome["errors"] = outcome["errors"][:MAX_ERRORS_SHOWN]
            state = ReportUpload.State.DONE if result.ok else ReportUpload.State.REFUSED
    _update(
        upload_id,
        state=state,
        outcome=outcome,
        total=outcome.get("total", 0),
        finished_at=timezone.now(),
        content="",  # the uploaded text is not kept once the task has run
    )
    return state
