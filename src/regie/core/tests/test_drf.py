"""The one DRF plumbing in core: the 409 mapping of refused changes, and the worker's daily jobs."""

import datetime as dt

import pytest

from django.test import RequestFactory
from rest_framework.views import APIView

from regie.core import hooks
from regie.core.drf import exception_handler
from regie.core.errors import ConflictError
from regie.core.locking import CONFLICT_MESSAGE, VersionConflict
from regie.core.management.commands.worker import run_daily_jobs


def _context():
    request = APIView().initialize_request(RequestFactory().get("/api/v1/ik/"))
    return {"request": request, "view": APIView()}


def test_a_stale_version_is_a_409_with_the_dutch_conflict_message():
    response = exception_handler(VersionConflict(), _context())
    assert response.status_code == 409
    assert response.data == {"detail": str(CONFLICT_MESSAGE)}


def test_every_conflict_error_is_a_409_with_its_own_message():
    response = exception_handler(ConflictError("De klant is al afgesloten."), _context())
    assert response.status_code == 409
    assert response.data == {"detail": "De klant is al afgesloten."}


def test_a_conflict_without_message_says_so_in_dutch():
    response = exception_handler(ConflictError(), _context())
    assert response.status_code == 409 and "past niet" in response.data["detail"]


@pytest.fixture
def jobs(monkeypatch):
    registered: dict = {}
    monkeypatch.setattr(hooks, "daily_jobs", registered)
    return registered


@pytest.mark.django_db
def test_daily_jobs_run_once_a_day_and_one_failure_does_not_stop_the_others(jobs):
    ran = []

    def broken(today):
        raise RuntimeError("kapot")

    hooks.register_daily_job("a.broken", broken)
    hooks.register_daily_job("b.works", lambda today: ran.append(today))
    state: dict = {}
    run_daily_jobs(state)
    assert len(ran) == 1 and isinstance(ran[0], dt.date)
    run_daily_jobs(state)  # the same day: nothing again
    assert len(ran) == 1
