"""``regie worker``: the django-tasks database worker plus a heartbeat for /health/."""

import logging
import os
import socket
import threading

from django_tasks_db.management.commands.db_worker import Command as DBWorkerCommand

from django.db import close_old_connections, connection
from django.utils import timezone

from regie.core import hooks
from regie.core.models import WorkerHeartbeat

HEARTBEAT_SECONDS = 10
logger = logging.getLogger("regie.worker")


def release_connection() -> None:
    """Drop this thread's connection if it broke or grew old, as after a request.

    Never inside a transaction: closing there would break the transaction's owner (the worker's
    own threads are never in one; a caller that is, such as a test, keeps its connection)."""
    if not connection.in_atomic_block:
        close_old_connections()


def run_daily_jobs(state: dict) -> None:
    """Once a day: every job the apps registered with ``hooks.register_daily_job``.

    The jobs are idempotent, so a restart does no harm; one failing job is logged and does not
    keep the others from running (it runs again the next day, or at the next worker start)."""
    today = timezone.localdate()
    if state.get("day") == today:
        return
    for name, job in sorted(hooks.daily_jobs.items()):
        try:
            job(today)
        except Exception:  # noqa: BLE001 - logged; the other jobs still run
            logger.exception("Dagelijkse taak %s mislukt", name)
        finally:
            release_connection()
    state["day"] = today


def run_frequent_jobs() -> None:
    """Every heartbeat: the jobs registered with ``hooks.register_frequent_job`` (the delivery
    of outbound messages). A failing job is logged; the next beat runs it again."""
    for name, job in sorted(hooks.frequent_jobs.items()):
        try:
            job(timezone.now())
        except Exception:  # noqa: BLE001 - logged; the other jobs still run
            logger.exception("Taak %s mislukt", name)
        finally:
            release_connection()


def _frequent(stop: threading.Event) -> None:
    """Its own thread, so a slow receiver never delays the heartbeat."""
    while not stop.is_set():
        run_frequent_jobs()
        stop.wait(HEARTBEAT_SECONDS)


def _beat(worker_id: str, started, stop: threading.Event) -> None:
    state: dict = {}
    while not stop.is_set():
        try:
            WorkerHeartbeat.objects.update_or_create(
                worker_id=worker_id, defaults={"started_at": started, "last_seen": timezone.now()}
            )
            run_daily_jobs(state)
        except Exception:  # noqa: BLE001 - a missed beat only makes /health/ say 'stale'
            pass
        finally:
            release_connection()
        stop.wait(HEARTBEAT_SECONDS)


class Command(DBWorkerCommand):
    help = "Voert achtergrondtaken uit (django-tasks) en meldt zich elke 10 seconden bij /health/."

    def handle(self, *args, **options):
        worker_id = f"{socket.gethostname()}-{os.getpid()}"
        stop = threading.Event()
        thread = threading.Thread(
            target=_beat, args=(worker_id, timezone.now(), stop), daemon=True, name="heartbeat"
        )
        thread.start()
        threading.Thread(target=_frequent, args=(stop,), daemon=True, name="frequent").start()
        try:
            return super().handle(*args, **options)
        finally:
            stop.set()
