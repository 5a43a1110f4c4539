"""Registering a BSN that a client outside the user's scope holds is no existence oracle
(issue 15 item 11): the answer is neutral (form, API, linkage import), nothing is created, and the
holding team's team leader gets a handover work item without the BSN in its title or link."""

import pytest

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from regie.clients.models import Client, ImportJob
from regie.clients.registration import REFERRED_MESSAGE
from regie.clients.tests.test_casework_api import _body
from regie.clients.tests.test_registration import BSNS, _csv, _form
from regie.clients.work_items import HANDOVER_KIND
from regie.core.models import WorkItem
from regie.core.roles import Role

NEUTRAL = "in behandeling genomen"


def _handover_items():
    return list(WorkItem.objects.filter(kind=HANDOVER_KIND))


def _assert_no_bsn(item, bsn, client):
    assert bsn not in item.summary and bsn not in item.source and bsn not in str(item.details)
    from regie.core.workitems import get_kind

    kind = get_kind(item.kind)
    from regie.clients.work_items import load

    subject = load([item.subject_id])[item.subject_id]
    assert bsn not in (kind.url(item, subject) or "")
    assert bsn not in kind.describe(item)


@pytest.mark.django_db
def test_form_answer_is_neutral_for_a_bsn_held_elsewhere(world, login, client):
    other = world.clients["region_b"]  # team B, outside cm1's scope
    login(*world.as_role("cm1"))
    count = Client.objects.count()
    response = client.post(reverse("clients:register"), _form(world, other.bsn), follow=True)
    page = response.content.decode()
    assert response.status_code == 200
    assert "al ingeschreven" not in page and NEUTRAL in page
    assert "Anderregio" not in page and other.bsn not in page
    assert Client.objects.count() == count
    (item,) = _handover_items()
    assert item.organisation == other.team and item.role == Role.TEAM_LEADER
    assert item.subject_type == "client" and item.subject_id == other.pk
    _assert_no_bsn(item, other.bsn, other)
    # the holding team's leader sees the item in his work list; the requester's leader does not
    login(*world.as_role("tl_b"))
    assert "Overdracht" in client.get(reverse("core:work_items")).content.decode()
    # a retry does not double the task
    login(*world.as_role("cm1"))
    client.post(reverse("clients:register"), _form(world, other.bsn))
    assert len(_handover_items()) == 1


@pytest.mark.django_db
def test_bsn_in_own_scope_still_says_already_registered(world, login, client):
    login(*world.as_role("cm1"))
    own = world.clients["own_cm1"]
    again = client.post(reverse("clients:register"), _form(world, own.bsn))
    assert again.status_code == 400 and "al ingeschreven" in again.content.decode()
    assert not _handover_items()


@pytest.mark.django_db
def test_api_answer_is_neutral_202(world, login, client):
    other = world.clients["region_b"]
    login(*world.as_role("cm1"))
    response = client.post(
        "/api/v1/klanten/", _body(bsn=other.bsn), content_type="application/json"
    )
    assert response.status_code == 202
    assert response.json() == {"detail": str(REFERRED_MESSAGE)}
    assert len(_handover_items()) == 1


@pytest.mark.django_db
def test_linkage_import_refers_rows_held_elsewhere(world, login, client):
    other = world.clients["region_b"]
    login(*world.as_role("cm1"))
    new = next(BSNS)
    row = ["01-01-1985", "GM9001", "asielstatushouder", "asiel", "01-10-2026", "01-11-2026"]
    raw = _csv([[new, "Yonas", "Tesfay", *row, "", "ja"], [other.bsn, "X", "Y", *row, "", "ja"]])
    upload = SimpleUploadedFile("lijst.csv", raw, content_type="text/csv")
    response = client.post(reverse("clients:import"), {"file": upload})
    job = ImportJob.objects.get()
    assert job.status == "done" and job.created_count == 1
    assert Client.objects.filter(bsn=new).exists()
    assert Client.objects.filter(bsn=other.bsn).count() == 1
    status = client.get(response["Location"]).content.decode()
    assert NEUTRAL in status and "al ingeschreven" not in status and other.bsn not in status
    (item,) = _handover_items()
    assert item.organisation == other.team
    _assert_no_bsn(item, other.bsn, other)
