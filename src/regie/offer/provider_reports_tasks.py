"""The CSV upload of provider reports as a background task (django-tasks).

No model of our own holds the job: the task's arguments carry the upload, and its progress and
outcome live in the task result (``django_tasks_db.DBTaskResult``, read back by id). While it runs,
the task writes its progress into that row's ``return_value``; the final return value replaces it.
With the immediate backend (tests) the upload view gets the outcome straight from ``enqueue``.
"""

import uuid

from django_tasks import task

from regie.core import context as actor_context
from regie.core.models import RoleAssignment
from regie.core.principal import Principal

from .provider_reports import submit_csv


def _stored(result_id: str) -> bool:
    """Whether the result lives in the database backend (the immediate backend's ids are not
    uuids and have no row)."""
    from django.apps import apps

    try:
        uuid.UUID(result_id)
    except ValueError:
        return False
    return apps.is_installed("django_tasks_db")


def _write_state(result_id: str, state: dict) -> None:
    if not _stored(result_id):
        return
    from django_tasks_db.models import DBTaskResult

    DBTaskResult.objects.filter(pk=result_id).update(return_value=state)


def _forget_upload(result_id: str, kwargs: dict) -> None:
    """The uploaded text is not kept once the task has run (only the outcome is)."""
    if not _stored(result_id):
        return
    from django_tasks_db.models import DBTaskResult

    DBTaskResult.objects.filter(pk=result_id).update(
        args_kwargs={"args": [], "kwargs": {**kwargs, "text": ""}}
    )


@task(takes_context=True)
def run_report_upload(context, *, assignment_id: int, user_id: int, filename: str, text: str):
    """Returns {"state": "done"|"refused"|"failed", counts, errors (at most 1,000 rows)}."""
    result_id = str(context.task_result.id)
    base = {"filename": filename, "user_id": user_id}
    assignment = RoleAssignment.objects.select_related("organisation", "user").get(
        pk=assignment_id, user_id=user_id
    )
    principal = Principal.from_assignment(assignment)
    _write_state(result_id, {**base, "state": "running", "step": 1, "processed": 0, "total": 0})

    def progress(done, total):
        _write_state(
            result_id, {**base, "state": "running", "step": 1, "processed": done, "total": total}
        )

    kept = {"assignment_id": assignment_id, "user_id": user_id, "filename": filename}
    with actor_context.acting_as(user=assignment.user, principal=principal, channel="ui"):
        try:
            result = submit_csv(principal, text, progress=progress)
        except Exception as exc:  # noqa: BLE001 - the status page must say that it failed
            return {
                **base,
                "state": "failed",
                "total": 0,
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
            }
        finally:
            _forget_upload(result_id, kept)
    outcome = result.as_dict()
    outcome["error_count"] = len(outcome["errors"])
    outcome["errors"] = outcome["errors"][:1000]
    return {**base, **outcome, "state": "done" if result.ok else "refused"}
