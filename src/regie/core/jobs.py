"""Background jobs with an uploaded file: a heartbeat while they run, failed with a Dutch reason
when the heartbeat stops, and the uploaded file (BSNs) kept no longer than needed.

Every job model with an uploaded file registers a :class:`JobKind` (``clients.ImportJob``,
``offer.ReportUpload``). The rules:

* while a job runs, :func:`heartbeat` writes ``heartbeat_at`` every ``HEARTBEAT_SECONDS`` from a
  thread of the worker process; when the process dies, the heartbeat stops;
* :func:`mark_stale` marks a running job whose heartbeat is older than
  ``REGIE_JOB_STALE_MINUTES`` as failed (undoing what it had committed, ``JobKind.undo``), with
  a Dutch reason the user sees on the status page
  (where a new upload is one click away). It runs when a status page is viewed, every worker
  heartbeat (``hooks.register_frequent_job``) and daily;
* the uploaded content is emptied when the job ends (done, refused or failed: each task does
  that itself, and :func:`mark_stale` for a dead one), and at the latest
  ``REGIE_UPLOAD_RETENTION_DAYS`` days after the upload (:func:`purge_uploads`, daily), whatever
  the job's state; a job still waiting then is failed with its own reason.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

HEARTBEAT_SECONDS = 30
logger = logging.getLogger(__name__)


def stale_after() -> dt.timedelta:
    return dt.timedelta(minutes=settings.REGIE_JOB_STALE_MINUTES)


def retention() -> dt.timedelta:
    return dt.timedelta(days=settings.REGIE_UPLOAD_RETENTION_DAYS)


@dataclass(frozen=True)
class JobKind:
    model: type
    state_field: str  # "status" or "state"
    queued: str
    running: str
    failed: str
    content_field: str
    empty: object  # what "no file" is for the content field: b"" or ""
    failure: Callable[[str], dict]  # the fields that record a failure with this Dutch reason
    # undo what a job that died had committed already (None: it commits nothing before its end)
    undo: Callable[[object], None] | None = None

    def objects(self):
        return self.model.objects


KINDS: list[JobKind] = []


def register(kind: JobKind) -> JobKind:
    if all(k.model is not kind.model for k in KINDS):
        KINDS.append(kind)
    return kind


def kind_of(model) -> JobKind:
    return next(k for k in KINDS if k.model is model)


def stale_reason() -> str:
    return _(
        "De verwerking is onderbroken (de achtergrondverwerking stopte). Er is niets opgeslagen"
        " en het bestand is verwijderd. Upload het bestand opnieuw."
    )


def expired_reason() -> str:
    return _(
        "De verwerking is niet op tijd gestart. Er is niets opgeslagen en het bestand is"
        " verwijderd. Upload het bestand opnieuw."
    )


def _beat(kind: JobKind, pk: int, stop: threading.Event) -> None:
    try:
        while not stop.wait(HEARTBEAT_SECONDS):
            try:
                kind.objects().filter(pk=pk, **{kind.state_field: kind.running}).update(
                    heartbeat_at=timezone.now()
                )
            except Exception:  # noqa: BLE001 - a missed beat only brings the stale check closer
                logger.warning("Hartslag van taak %s %s gemist", kind.model.__name__, pk)
    finally:
        connection.close()  # this thread's own connection


@contextlib.contextmanager
def heartbeat(model, pk: int):
    """Mark the job running with a fresh heartbeat, and keep beating until the block ends."""
    kind = kind_of(model)
    kind.objects().filter(pk=pk).update(
        **{kind.state_field: kind.running}, heartbeat_at=timezone.now()
    )
    stop = threading.Event()
    thread = threading.Thread(target=_beat, args=(kind, pk, stop), daemon=True, name="job-beat")
    thread.start()
    try:
        yield
    finally:
        stop.set()
        thread.join(timeout=5)


def mark_stale(now: dt.datetime | None = None) -> int:
    """Fail every running job whose heartbeat stopped; returns how many."""
    now = now or timezone.now()
    cutoff = now - stale_after()
    count = 0
    for kind in KINDS:
        stale = kind.objects().filter(**{kind.state_field: kind.running}, heartbeat_at__lt=cutoff)
        if kind.undo is not None:
            for job in stale:
                try:
                    with transaction.atomic():
                        kind.undo(job)
                except Exception:  # noqa: BLE001 - still failed; the log says what stayed
                    logger.exception("Taak %s %s niet teruggedraaid", kind.model.__name__, job.pk)
        count += stale.update(
            **{kind.state_field: kind.failed, kind.content_field: kind.empty},
            finished_at=now,
            **kind.failure(stale_reason()),
        )
    return count


def purge_uploads(now: dt.datetime | None = None) -> int:
    """Empty every uploaded file older than the retention period; a job that is still waiting
    or running by then is failed. Returns how many files were emptied."""
    now = now or timezone.now()
    cutoff = now - retention()
    count = 0
    for kind in KINDS:
        old = kind.objects().filter(created_at__lt=cutoff)
        old.filter(**{f"{kind.state_field}__in": [kind.queued, kind.running]}).update(
            **{kind.state_field: kind.failed},
            finished_at=now,
            **kind.failure(expired_reason()),
        )
        count += old.exclude(**{kind.content_field: kind.empty}).update(
            **{kind.content_field: kind.empty}
        )
    return count


def daily(today=None) -> None:
    mark_stale()
    purge_uploads()


def frequent(now=None) -> None:
    mark_stale(now)
