"""The case lifecycle table (clients.lifecycle), the deadline-kind registry and the recompute hook."""

import datetime as dt
from io import StringIO

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command

from regie.clients import deadlines, lifecycle
from regie.clients.lifecycle import TABLE, TransitionNotAllowed
from regie.clients.models import Client, ClientStatus, Deadline
from regie.core.errors import ConflictError
from regie.core.models import AuditEvent

pytestmark = pytest.mark.django_db

STATES = list(ClientStatus.values)
ALLOWED = [(t.event, source) for t in TABLE.values() for source in sorted(t.sources)]
NO_OPS = [(t.event, state) for t in TABLE.values() for state in sorted(t.no_op_from)]
FORBIDDEN = [
    (t.event, state)
    for t in TABLE.values()
    for state in STATES
    if state not in t.sources and state not in t.no_op_from
]


def _in(client: Client, status: str) -> Client:
    Client.objects.filter(pk=client.pk).update(status=status)
    client.refresh_from_db()
    return client


def test_the_table_is_complete_and_reaches_every_state():
    assert ALLOWED and FORBIDDEN
    for t in TABLE.values():
        assert t.target in STATES and not (t.sources & t.no_op_from), t.event
        assert t.rule and str(t.label)
    assert lifecycle.reachable_states() == set(STATES)
    assert lifecycle.initial_status(True) == ClientStatus.REGISTERED
    assert lifecycle.initial_status(False) == ClientStatus.NOT_OBLIGED


@pytest.mark.parametrize(("event", "source"), ALLOWED)
def test_each_allowed_transition_moves_and_keeps_history(world, event, source):
    client = _in(world.clients["own_cm1"], source)
    before = AuditEvent.objects.filter(object_id=client.pk, action=AuditEvent.Action.UPDATE).count()
    fields = {"closed_on": dt.date(2026, 1, 5), "closure_reason": "vertrokken"}
    extra = fields if event == lifecycle.CLOSE else {}
    assert lifecycle.transition(client, event, **extra) is True
    assert client.status == TABLE[event].target
    client.refresh_from_db()
    assert client.status == TABLE[event].target
    after = AuditEvent.objects.filter(object_id=client.pk, action=AuditEvent.Action.UPDATE).count()
    assert after > before  # the change history has the status change


@pytest.mark.parametrize(("event", "state"), NO_OPS)
def test_already_there_is_a_no_op(world, event, state):
    client = _in(world.clients["own_cm1"], state)
    assert lifecycle.transition(client, event) is False
    client.refresh_from_db()
    assert client.status == state


@pytest.mark.parametrize(("event", "state"), FORBIDDEN)
def test_a_forbidden_transition_raises_and_changes_nothing(world, event, state):
    client = _in(world.clients["own_cm1"], state)
    with pytest.raises(TransitionNotAllowed) as caught:
        lifecycle.transition(client, event)
    assert isinstance(caught.value, ConflictError)
    message = str(caught.value)
    assert str(ClientStatus(state).label) in message and str(TABLE[event].label) in message
    assert state not in message.split("‘")[0]  # the code itself is not shown, only the label
    client.refresh_from_db()
    assert client.status == state


@settings(
    max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    obliged=st.booleans(),
    events=st.lists(st.sampled_from(sorted(TABLE)), max_size=8),
)
def test_random_event_sequences_stay_on_the_table(world, obliged, events):
    client = _in(world.clients["own_cm1"], lifecycle.initial_status(obliged))
    reachable = lifecycle.reachable_states()
    for event in events:
        before = client.status
        try:
            changed = lifecycle.transition(client, event)
        except TransitionNotAllowed:
            assert not lifecycle.allowed(before, event)
            changed = False
        client.refresh_from_db()
        assert client.status in reachable
        if changed:
            assert before in TABLE[event].sources and client.status == TABLE[event].target
        else:
            assert client.status == before


# --- the deadline-kind registry ---------------------------------------------------------------


def test_every_kind_has_one_owner_and_a_label():
    assert {"intake_start", "pip_decided", "late_offer", "term_end", "review"} <= set(
        deadlines.KINDS
    )
    owners = [k.code for r in deadlines.REGISTRATIONS for k in r.kinds]
    assert len(owners) == len(set(owners))  # one computation per kind
    assert deadlines.label("late_offer") == "Taal of KNM gestart (anders verklaring te laat aanbod)"
    assert "objection_end" in deadlines.informational_codes()
    assert "late_offer" not in deadlines.informational_codes()


def test_a_second_computation_of_a_kind_is_refused():
    def other(client):
        return []

    with pytest.raises(ImproperlyConfigured, match="late_offer"):
        deadlines.register(other, kinds=[deadlines.DeadlineKindDef("late_offer", "Nog eens")])
    assert deadlines.KINDS["late_offer"].label != "Nog eens"


def test_a_computation_may_only_yield_its_own_kinds(world):
    def sneaky(client):
        return [deadlines.DeadlineSpec("pip_decided", dt.date(2030, 1, 1), "x")]

    deadlines.register(sneaky, kinds=[deadlines.DeadlineKindDef("test_sneaky", "Test")])
    try:
        with pytest.raises(ImproperlyConfigured, match="did not register"):
            deadlines.recompute(world.clients["own_cm1"])
    finally:
        deadlines.unregister(sneaky)


def test_a_new_kind_needs_no_clients_migration(world):
    def brp_plus_one_week(client):
        if not client.brp_date:
            return []
        due = client.brp_date + dt.timedelta(weeks=1)
        return [deadlines.DeadlineSpec("test_week_after_brp", due, "Een week na de BRP")]

    deadlines.register(
        brp_plus_one_week,
        kinds=[deadlines.DeadlineKindDef("test_week_after_brp", "Week na BRP")],
        client_fields=["brp_date"],
    )
    try:
        c = world.clients["own_cm1"]
        c.brp_date = dt.date(2026, 3, 2)
        c.save(update_fields=["brp_date"])  # a registered fact: the hook recomputes
        d = Deadline.objects.get(client=c, kind="test_week_after_brp")
        assert d.due_date == dt.date(2026, 3, 9) and str(d).startswith("Week na BRP")
        out = StringIO()
        call_command("makemigrations", "clients", "--check", "--dry-run", stdout=out)
    finally:
        deadlines.unregister(brp_plus_one_week)
