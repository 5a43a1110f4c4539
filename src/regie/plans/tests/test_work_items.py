"""The PIP offered for decision is a work item for the team leader, finished by the decision."""

import datetime as dt

import pytest

from django.urls import reverse

from regie.clients.models import PermitType, TargetGroup
from regie.core.errors import ConflictError
from regie.core.models import WorkItem, WorkItemState
from regie.core.selectors import open_work_items, visible_work_items
from regie.plans import services, work_items

from .helpers import decide, draft, principal, submit

DAY = dt.date(2025, 1, 15)


@pytest.fixture
def client_a(world):
    c = world.clients["own_cm1"]
    c.target_group = TargetGroup.ASYLUM
    c.permit_type = PermitType.ASYLUM
    c.benefit_start = dt.date(2024, 12, 1)
    c.save()
    return c


def test_submit_creates_decide_item_and_decision_finishes_it(world, client_a):
    version = draft(world, client_a)
    submit(world, version)
    item = WorkItem.objects.get(kind=work_items.KIND)
    assert item.state == WorkItemState.OPEN
    assert item.organisation == world.orgs["team_a"] and item.role == "teamleider"
    assert (item.subject_type, item.subject_id) == ("client", client_a.pk)
    assert item.created_by == world.users["cm1"]
    assert item.details == {"number": version.number}
    assert list(visible_work_items(principal(world, "tl"))) == [item]
    assert not visible_work_items(principal(world, "cm1")).exists()  # the team leader's task
    assert not visible_work_items(principal(world, "tl_b")).exists()
    with pytest.raises(ConflictError):  # finished by the decision, not ticked off
        from regie.core import workitems

        workitems.complete(principal(world, "tl"), item)
    decide(world, version, DAY)
    item.refresh_from_db()
    assert item.state == WorkItemState.DONE
    assert item.finished_by == world.users["tl"]
    assert not open_work_items(principal(world, "tl")).filter(kind=work_items.KIND).exists()


def test_reopen_cancels_and_resubmit_creates_a_new_item(world, client_a):
    version = draft(world, client_a)
    submit(world, version)
    version.refresh_from_db()
    services.reopen(principal(world, "cm1"), version, version.version)
    item = WorkItem.objects.get(kind=work_items.KIND)
    assert item.state == WorkItemState.CANCELLED and "concept" in item.outcome_note
    submit(world, version)
    assert WorkItem.objects.filter(kind=work_items.KIND).count() == 2
    assert open_work_items(principal(world, "tl")).count() == 1


def test_due_date_is_the_open_pip_deadline_else_the_fallback(world, client_a):
    from django.utils import timezone

    from regie.clients.models import Deadline

    Deadline.objects.filter(client=client_a, kind="pip_decided").delete()
    version = draft(world, client_a)
    submit(world, version)
    item = WorkItem.objects.get(kind=work_items.KIND)
    assert item.due_date == timezone.localdate() + dt.timedelta(days=work_items.FALLBACK_DAYS)
    version.refresh_from_db()
    services.reopen(principal(world, "cm1"), version, version.version)
    due = dt.date(2025, 3, 3)
    Deadline.objects.create(client=client_a, kind="pip_decided", due_date=due, basis="test")
    submit(world, version)
    item = WorkItem.objects.get(kind=work_items.KIND, state=WorkItemState.OPEN)
    assert item.due_date == due


def test_team_leader_queue_links_to_the_decision(world, client_a, login, client):
    version = draft(world, client_a)
    submit(world, version)
    login(*world.as_role("tl"))
    html = client.get(reverse("core:work_items")).content.decode()
    assert "PIP vaststellen" in html
    assert reverse("plans:decide", args=[client_a.uuid, version.number]) in html
    assert "Naar het besluit" in html
    html = client.get(reverse("clients:worklist")).content.decode()
    assert reverse("plans:decide", args=[client_a.uuid, version.number]) in html
    item = WorkItem.objects.get(kind=work_items.KIND)
    response = client.post(reverse("core:work_item_complete", args=[item.uuid]), {"note": ""})
    assert response.status_code == 409


def test_the_dossier_history_names_the_task_in_words(world, client_a, login, client):
    """Regression: a task's structured details in the change history made the page fail."""
    version = draft(world, client_a)
    submit(world, version)
    decide(world, version, DAY)
    c = login(world.users["cm1"], world.assignments["cm1"])
    response = c.get(reverse("clients:history", args=[client_a.uuid]))
    assert response.status_code == 200
    page = response.content.decode()
    assert "PIP vaststellen" in page
    assert "plans.decide" not in page and "{&#x27;number&#x27;" not in page
