"""Work items (core.workitems): idempotent creation, finishing, scoping per role, the worklist's
"Taken" section and the team leader's queue."""

import datetime as dt

import pytest

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test import Client as HttpClient
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from regie.core import workitems
from regie.core.errors import ConflictError
from regie.core.models import AccessLogEntry, AuditEvent, WorkItem, WorkItemState
from regie.core.principal import Principal
from regie.core.roles import Role
from regie.core.selectors import open_work_items, visible_work_items, with_subjects

KIND = "test.confirm"
BY_ACT = "test.by_act"


@pytest.fixture
def kinds():
    workitems.register_kind(KIND, "Bericht bevestigen", role=Role.CASE_MANAGER, due_days=5)
    workitems.register_kind(
        BY_ACT,
        "Besluit nemen",
        role=Role.TEAM_LEADER,
        due_days=10,
        url=lambda item, subject: "/ergens/",
        link_text="Naar het besluit",
        completed_by_act=True,
    )
    yield
    workitems._KINDS.pop(KIND, None)
    workitems._KINDS.pop(BY_ACT, None)


def p(world, key):
    return Principal.from_assignment(world.assignments[key])


def make(world, client_key="own_cm1", source=None, kind=KIND, **extra):
    client = world.clients[client_key]
    item, _ = workitems.create(
        kind,
        organisation=client.team,
        source=source or f"test:{client_key}:{WorkItem.objects.count()}",
        subject=("client", client.pk),
        **extra,
    )
    return item


# --- services ----------------------------------------------------------------------------------


def test_create_is_idempotent_per_kind_and_source(world, kinds):
    first, created = workitems.create(
        KIND,
        organisation=world.orgs["team_a"],
        source="OutboxMessage:7",
        subject=("client", world.clients["own_cm1"].pk),
    )
    again, created_again = workitems.create(
        KIND,
        organisation=world.orgs["team_a"],
        source="OutboxMessage:7",
        subject=("client", world.clients["own_cm1"].pk),
    )
    assert created and not created_again
    assert first.pk == again.pk
    assert WorkItem.objects.count() == 1
    assert first.state == WorkItemState.OPEN
    assert first.role == Role.CASE_MANAGER  # the kind's role
    assert first.due_date == timezone.localdate() + dt.timedelta(days=5)
    events = AuditEvent.objects.filter(object_type="core.WorkItem", action="create")
    assert events.count() == 1
    assert events.get().person_id == world.clients["own_cm1"].pk


def test_create_refuses_unknown_kind_and_subject(world, kinds):
    with pytest.raises(ValueError):
        workitems.create("nope", organisation=world.orgs["team_a"], source="x")
    with pytest.raises(ValueError):
        workitems.create(KIND, organisation=world.orgs["team_a"], source="x", subject=("y", 1))


def test_complete_records_who_when_and_note_with_history(world, kinds):
    item = make(world)
    done = workitems.complete(p(world, "cm1"), item, "  Bevestigd in het DUO-portaal. ")
    assert done.state == WorkItemState.DONE
    assert done.finished_by == world.users["cm1"]
    assert done.finished_at is not None
    assert done.outcome_note == "Bevestigd in het DUO-portaal."
    event = AuditEvent.objects.filter(object_type="core.WorkItem", action="update").latest("id")
    assert event.before["state"] == "open" and event.after["state"] == "done"
    assert event.person_id == world.clients["own_cm1"].pk
    with pytest.raises(ConflictError):
        workitems.complete(p(world, "tl"), item)


def test_cancel_needs_a_reason(world, kinds):
    item = make(world)
    with pytest.raises(ValidationError):
        workitems.cancel(p(world, "tl"), item, "  ")
    cancelled = workitems.cancel(p(world, "tl"), item, "Bericht was dubbel.")
    assert cancelled.state == WorkItemState.CANCELLED
    assert cancelled.outcome_note == "Bericht was dubbel."
    with pytest.raises(ConflictError):
        workitems.cancel(p(world, "tl"), item, "nogmaals")


@pytest.mark.parametrize(
    "who", ["cm_b", "tl_b", "provider_p1", "policy_a1", "contract", "guide", "privacy", "admin"]
)
def test_complete_out_of_scope_is_forbidden(world, kinds, who):
    item = make(world)
    with pytest.raises(PermissionDenied):
        workitems.complete(p(world, who), item)
    item.refresh_from_db()
    assert item.state == WorkItemState.OPEN


def test_an_assigned_item_is_his_and_the_team_leaders(world, kinds):
    item = make(world, assignee=world.users["cm1"])
    with pytest.raises(PermissionDenied):
        workitems.complete(p(world, "cm2"), item)
    workitems.complete(p(world, "tl"), item)


def test_completed_by_act_cannot_be_ticked_off(world, kinds):
    item = make(world, kind=BY_ACT)
    with pytest.raises(ConflictError):
        workitems.complete(p(world, "tl"), item)


def test_assign_by_team_leader_to_someone_of_the_role(world, kinds):
    item = make(world)
    with pytest.raises(PermissionDenied):
        workitems.assign(p(world, "cm1"), item, world.users["cm1"])
    with pytest.raises(ValidationError):
        workitems.assign(p(world, "tl"), item, world.users["cm_b"])  # other team
    workitems.assign(p(world, "tl"), item, world.users["cm2"])
    assert not visible_work_items(p(world, "cm1")).filter(pk=item.pk).exists()
    assert visible_work_items(p(world, "cm2")).filter(pk=item.pk).exists()


def test_complete_open_and_cancel_open_by_the_owning_act(world, kinds):
    item = make(world, kind=BY_ACT)
    subject = ("client", world.clients["own_cm1"].pk)
    assert workitems.complete_open(BY_ACT, subject, by=world.users["tl"], note="Klaar.") == 1
    item.refresh_from_db()
    assert item.state == WorkItemState.DONE and item.finished_by == world.users["tl"]
    assert workitems.cancel_open(BY_ACT, subject, by=None, reason="weg") == 0


# --- scoping -----------------------------------------------------------------------------------


def test_scoping_per_role(world, kinds):
    mine = make(world, "own_cm1")
    colleague = make(world, "own_cm2")
    assigned_to_cm2 = make(world, "own_cm1", assignee=world.users["cm2"])
    decision = make(world, "own_cm1", kind=BY_ACT)
    other_team = make(world, "region_b")

    def seen(key):
        return set(visible_work_items(p(world, key)).values_list("pk", flat=True))

    assert seen("tl") == {mine.pk, colleague.pk, assigned_to_cm2.pk, decision.pk}
    assert seen("cm1") == {mine.pk, colleague.pk}
    assert seen("cm2") == {mine.pk, colleague.pk, assigned_to_cm2.pk}
    assert seen("cm_b") == {other_team.pk}
    for key in ("provider_p1", "policy_a1", "contract", "income", "guide", "privacy", "mca"):
        assert seen(key) == set(), key
    assert set(open_work_items(p(world, "cm1"), mine=True).values_list("pk", flat=True)) == {
        mine.pk
    }
    assert set(open_work_items(p(world, "cm2"), mine=True).values_list("pk", flat=True)) == {
        colleague.pk,
        assigned_to_cm2.pk,
    }


def test_subject_out_of_scope_or_unregistered_is_hidden(world, kinds):
    # an item of team A about a client of team B: the team leader of A does not see it
    stray = make(world, "region_b")
    stray.organisation = world.orgs["team_a"]
    stray.save()
    unknown = WorkItem.objects.create(
        kind=KIND,
        source="x",
        organisation=world.orgs["team_a"],
        role=Role.TEAM_LEADER,
        subject_type="onbekend",
        subject_id=1,
        due_date=timezone.localdate(),
    )
    seen = set(visible_work_items(p(world, "tl")).values_list("pk", flat=True))
    assert stray.pk not in seen and unknown.pk not in seen


def test_with_subjects_loads_clients_in_one_query(world, kinds, django_assert_num_queries):
    for key in ("own_cm1", "own_cm2", "income", "own_cm1"):
        make(world, key)
    items = list(visible_work_items(p(world, "tl")))
    with django_assert_num_queries(1):
        rows = with_subjects(items)
    assert {r.subject.label for r in rows} == {
        world.clients[k].full_name for k in ("own_cm1", "own_cm2", "income")
    }
    assert all(r.subject.url.startswith("/klanten/") for r in rows)


# --- pages -------------------------------------------------------------------------------------


def _worklist_queries(client, n_items, world):
    for _ in range(n_items):
        make(world, "own_cm1")
        make(world, "own_cm2")
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(reverse("clients:worklist") + "?weergave=team")
    assert response.status_code == 200
    return len(ctx.captured_queries), response


def test_worklist_shows_tasks_and_query_count_does_not_grow(
    world, kinds, login, client, django_assert_num_queries
):
    login(*world.as_role("cm1"))
    few, response = _worklist_queries(client, 1, world)
    html = response.content.decode()
    assert 'id="sec-taken"' in html and "Bericht bevestigen" in html
    assert world.clients["own_cm2"].full_name in html
    assert "<caption" in html and "Alle taken" not in html  # fewer than 100
    for _ in range(10):
        make(world, "own_cm1")
        make(world, "own_cm2")
    with django_assert_num_queries(few):
        response = client.get(reverse("clients:worklist") + "?weergave=team")
    assert response.content.decode().count("Afronden<span") == 22


def test_worklist_mine_shows_own_tasks_only(world, kinds, login, client):
    make(world, "own_cm1")
    make(world, "own_cm2")
    login(*world.as_role("cm1"))
    html = client.get(reverse("clients:worklist")).content.decode()
    section = html.split('id="sec-taken"')[1].split("</section>")[0]
    assert world.clients["own_cm1"].full_name in section
    assert world.clients["own_cm2"].full_name not in section


def test_queue_page_lists_filters_and_logs_access(world, kinds, login, client):
    item = make(world, "own_cm1")
    done = make(world, "own_cm2")
    workitems.complete(p(world, "tl"), done, "Gedaan.")
    login(*world.as_role("tl"))
    before = AccessLogEntry.objects.count()
    response = client.get(reverse("core:work_items"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "<caption" in html and "Bericht bevestigen" in html
    assert reverse("core:work_item_complete", args=[item.uuid]) in html
    assert world.clients["own_cm2"].full_name not in html  # done: not in the open list
    assert AccessLogEntry.objects.count() == before + 1
    html = client.get(reverse("core:work_items") + "?status=done").content.decode()
    assert world.clients["own_cm2"].full_name in html and "Gedaan." in html
    html = client.get(reverse("core:work_items") + f"?soort={BY_ACT}").content.decode()
    assert "Geen taken met deze filters." in html
    response = client.get(reverse("core:work_items") + "?status=onzin")
    assert response.status_code == 400
    assert "Kies een status uit de lijst." in response.content.decode()
    assert "Taken" in [i["label"] for i in response.context["main_menu"]]


def test_queue_keyset_pagination(world, kinds, login, client):
    for _ in range(30):
        make(world, "own_cm1")
    login(*world.as_role("tl"))
    first = client.get(reverse("core:work_items"))
    assert len(first.context["rows"]) == 25 and first.context["next_query"]
    second = client.get(reverse("core:work_items") + "?" + first.context["next_query"])
    assert len(second.context["rows"]) == 5 and second.context["next_query"] is None
    assert not {r.pk for r in first.context["rows"]} & {r.pk for r in second.context["rows"]}
    broken = client.get(reverse("core:work_items") + "?na=geen-datum~x")
    assert broken.status_code == 200 and len(broken.context["rows"]) == 25


@pytest.mark.parametrize("who", ["provider_p1", "policy_a1", "contract", "mca"])
def test_queue_page_refused_to_roles_without_tasks(world, kinds, login, client, who):
    login(*world.as_role(who))
    assert client.get(reverse("core:work_items")).status_code == 403


def test_complete_via_post_with_note_and_csrf(world, kinds, login):
    item = make(world, "own_cm1")
    browser = HttpClient(enforce_csrf_checks=True)
    login(*world.as_role("cm1"), c=browser)
    url = reverse("core:work_item_complete", args=[item.uuid])
    page = browser.get(url + "?terug=/klanten/werkvoorraad/")
    assert page.status_code == 200
    html = page.content.decode()
    assert 'name="csrfmiddlewaretoken"' in html and '<label for="id_note">' in html
    assert browser.post(url, {"note": "x"}).status_code == 403  # no CSRF token
    token = page.context["csrf_token"]
    response = browser.post(
        url,
        {"note": "Bevestigd.", "terug": "/klanten/werkvoorraad/", "csrfmiddlewaretoken": token},
    )
    assert response.status_code == 302 and response["Location"] == "/klanten/werkvoorraad/"
    item.refresh_from_db()
    assert item.state == WorkItemState.DONE and item.outcome_note == "Bevestigd."
    again = browser.post(url, {"note": "", "csrfmiddlewaretoken": token})
    assert again.status_code == 409
    assert "Deze taak is al afgehandeld." in again.content.decode()


def test_complete_page_refuses_outside_redirects_and_others(world, kinds, login, client):
    item = make(world, "own_cm1")
    url = reverse("core:work_item_complete", args=[item.uuid])
    login(*world.as_role("cm_b"))
    assert client.post(url, {"note": ""}).status_code == 404
    login(*world.as_role("cm1"))
    response = client.post(url, {"note": "", "terug": "https://elders.example/"})
    assert response.status_code == 302 and response["Location"] == reverse("core:work_items")
    long = client.post(
        reverse("core:work_item_complete", args=[make(world).uuid]), {"note": "x" * 2001}
    )
    assert long.status_code == 400 and "error-summary" in long.content.decode()


def test_no_bsn_in_work_item_urls(world, kinds, login, client):
    make(world, "own_cm1")
    login(*world.as_role("tl"))
    html = client.get(reverse("core:work_items")).content.decode()
    for c in world.clients.values():
        assert c.bsn not in html


def test_start_page_card(world, kinds, login, client):
    make(world, "own_cm1", due_date=timezone.localdate() - dt.timedelta(days=1))
    make(world, "own_cm2")
    login(*world.as_role("tl"))
    html = client.get(reverse("core:home")).content.decode()
    assert 'id="card-taken"' in html and "2 open, waarvan 1 te laat." in html
    login(*world.as_role("provider_p1"))
    assert 'id="card-taken"' not in client.get(reverse("core:home")).content.decode()
    login(*world.as_role("cm_b"))
    assert 'id="card-taken"' not in client.get(reverse("core:home")).content.decode()
