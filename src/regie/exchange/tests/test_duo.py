"""DUO through its portal (docs/duo.md): outbox messages as portal work, withdrawal by a later
PIP, confirmation, reminders, the signal import (preview, all-or-nothing, idempotent), the
reconciliation, the outbox screen and the published message schema."""

import datetime as dt
import json
from pathlib import Path

import pytest

from django.urls import reverse
from django.utils import timezone

from regie.core import hooks
from regie.core.models import OutboxMessage, WorkItem, WorkItemState
from regie.core.outbox import MESSAGE_TYPES
from regie.exchange import duo, duo_reconcile, duo_signals
from regie.exchange.models import (
    DifferenceKind,
    EntryState,
    ListPurpose,
    PortalEntry,
    Signal,
    SignalImport,
    SignalState,
)
from regie.plans.tests.helpers import decide, decided_plan, principal, revision, submit

SCHEMA = Path(__file__).resolve().parents[4] / "docs" / "schemas" / "regie.duo-1.0.json"
DAY = dt.date(2025, 1, 15)


def _pip_entries(client):
    return PortalEntry.objects.filter(person_id=client.pk).order_by("id")


def test_pip_decided_becomes_portal_work_for_the_case_manager(world):
    client = world.clients["own_cm1"]
    decided_plan(world, client, DAY)
    entry = _pip_entries(client).get()
    assert entry.state == EntryState.WAITING and entry.message_type == "pip.decided"
    item = WorkItem.objects.get(source=f"OutboxMessage:{entry.outbox_message_id}")
    assert item.kind == "exchange.duo.pip" and item.assignee == world.users["cm1"]
    assert item.state == WorkItemState.OPEN
    assert client.bsn not in item.summary
    # the PIP screen says what is true until confirmed
    assert hooks.portal_todo(client.pk, duo.PIP_TYPES) == reverse(
        "exchange:duo_entry", args=[entry.uuid]
    )
    duo.confirm(principal(world, "cm1"), entry, reference="DUO-123")
    entry.refresh_from_db()
    item.refresh_from_db()
    assert entry.state == EntryState.CONFIRMED and entry.confirmed_by == world.users["cm1"]
    assert entry.duo_reference == "DUO-123"
    assert item.state == WorkItemState.DONE and "DUO-123" in item.outcome_note
    assert hooks.portal_todo(client.pk, duo.PIP_TYPES) is None
    with pytest.raises(duo.EntryClosed):
        duo.confirm(principal(world, "cm1"), entry)


def test_a_revision_withdraws_the_waiting_earlier_pip_message(world):
    client = world.clients["own_cm1"]
    decided_plan(world, client, DAY)
    from regie.plans.models import Reason

    version = revision(world, client, Reason.OTHER, notes="Extra afspraak")
    submit(world, version)
    decide(world, version, DAY + dt.timedelta(days=10))
    first, second = _pip_entries(client)
    assert first.state == EntryState.WITHDRAWN and first.superseded_by == second
    assert "latere versie" in first.withdrawn_reason
    assert second.state == EntryState.WAITING
    items = WorkItem.objects.filter(kind="exchange.duo.pip").order_by("id")
    assert [i.state for i in items] == [WorkItemState.CANCELLED, WorkItemState.OPEN]


def test_confirm_needs_the_full_dossier(world):
    client = world.clients["own_cm1"]
    decided_plan(world, client, DAY)
    entry = _pip_entries(client).get()
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        duo.confirm(principal(world, "cm_b"), entry)


def test_machine_endpoint_means_no_portal_work(world, settings):
    settings.REGIE_DUO_ENDPOINT = "https://127.0.0.1:9/duo"
    client = world.clients["own_cm1"]
    decided_plan(world, client, DAY)
    entry = _pip_entries(client).get()
    assert entry.state == EntryState.MACHINE
    assert not WorkItem.objects.filter(kind="exchange.duo.pip").exists()


def test_reminder_after_the_configured_days_once(world, settings):
    settings.REGIE_DUO_PORTAL_REMINDER_DAYS = 5
    client = world.clients["own_cm1"]
    decided_plan(world, client, DAY)
    entry = _pip_entries(client).get()
    PortalEntry.objects.filter(pk=entry.pk).update(created_at=timezone.now() - dt.timedelta(days=6))
    today = timezone.localdate()
    assert duo.send_reminders(today) == 1
    assert duo.send_reminders(today) == 0
    assert WorkItem.objects.filter(kind="exchange.duo.reminder").count() == 1
    assert duo.overdue_entries(client.team_id).count() == 1
    card = duo.team_leader_card(None, principal(world, "tl"))
    assert "1 berichten" in card["text"] and "waarvan 1" in card["text"]


def test_pages_entry_dossier_and_plan_screen(world, login):
    client = world.clients["own_cm1"]
    decided_plan(world, client, DAY)
    entry = _pip_entries(client).get()
    c = login(world.users["cm1"], world.assignments["cm1"])
    page = c.get(reverse("exchange:duo_entry", args=[entry.uuid]))
    html = page.content.decode()
    assert page.status_code == 200 and "PIP vastgesteld" in html and client.bsn in html
    assert "data-copy-target" in html and "<script>" not in html
    plan = c.get(reverse("plans:overview", args=[client.uuid])).content.decode()
    assert "Zet het PIP in het Portaal Inburgering van DUO" in plan
    response = c.post(reverse("exchange:duo_entry", args=[entry.uuid]), {"reference": "K-1"})
    assert response.status_code == 302
    dossier = c.get(reverse("exchange:duo_dossier", args=[client.uuid])).content.decode()
    assert "Bevestigd" in dossier and "K-1" in dossier
    plan = c.get(reverse("plans:overview", args=[client.uuid])).content.decode()
    assert "Zet het PIP in het Portaal Inburgering van DUO" not in plan
    again = c.post(reverse("exchange:duo_entry", args=[entry.uuid]), {"reference": ""})
    assert again.status_code == 409


def test_outbox_screen_shows_no_person_data(world, login):
    client = world.clients["own_cm1"]
    decided_plan(world, client, DAY)
    c = login(world.users["admin"], world.assignments["admin"])
    html = c.get(reverse("exchange:duo_outbox")).content.decode()
    assert "PIP vastgesteld" in html and client.bsn not in html and client.surname not in html
    cm = login(world.users["cm1"], world.assignments["cm1"])
    assert cm.get(reverse("exchange:duo_outbox")).status_code == 403


# --- signals ----------------------------------------------------------------------------------


def _csv(rows, header="bsn;soort;datum;voornamen;achternaam;geboortedatum;gemeente_cbs"):
    return ("\n".join([header, *rows]) + "\n").encode()


def _new_bsn():
    from regie.clients.models import Client
    from regie.core.bsn import demo_bsns

    return next(b for b in demo_bsns(500, start=81000) if not Client.objects.filter(bsn=b).exists())


def test_signal_import_preview_all_or_nothing_and_idempotent(world):
    p = principal(world, "cm1")
    source = duo_signals.source_for(p)
    known = world.clients["own_cm1"]
    new = _new_bsn()
    bad = _csv(
        [
            f"{new};nieuwe inburgeringsplichtige;01-02-2025;Amal;Haddad;14-03-1990;",
            "123;correctie;01-02-2025;;;;",
        ]
    )
    preview = duo_signals.parse(p, source, bad, purpose=ListPurpose.SIGNALS, file_name="s.csv")
    assert not preview.ok and preview.errors[0].row == 3 and "elfproef" in preview.errors[0].message
    assert duo_signals.store(p, source, preview) == (None, False)
    assert not Signal.objects.exists()
    good = _csv(
        [
            f"{new};nieuwe inburgeringsplichtige;01-02-2025;Amal;Haddad;14-03-1990;",
            f"{known.bsn};correctie;02-02-2025;;;;",
            f"{known.bsn};examenresultaat;03-02-2025;;;;",
        ]
    )
    preview = duo_signals.parse(p, source, good, purpose=ListPurpose.SIGNALS, file_name="s.csv")
    assert preview.ok and len(preview.new_rows) == 3
    assert not Signal.objects.exists()  # a preview stores nothing
    list_import, created = duo_signals.store(p, source, preview)
    assert created and Signal.objects.count() == 3
    kinds = set(WorkItem.objects.values_list("kind", flat=True))
    assert {"exchange.duo.register", "exchange.duo.correction", "exchange.duo.check"} <= kinds
    check = WorkItem.objects.get(kind="exchange.duo.check")
    assert check.details["unconfirmed"] is True
    # the same file twice changes nothing
    before = (Signal.objects.count(), WorkItem.objects.count(), SignalImport.objects.count())
    again = duo_signals.parse(p, source, good, purpose=ListPurpose.SIGNALS, file_name="s.csv")
    assert again.already == list_import
    assert duo_signals.store(p, source, again) == (list_import, False)
    assert (
        Signal.objects.count(),
        WorkItem.objects.count(),
        SignalImport.objects.count(),
    ) == before


def test_unconfirmed_kinds_are_configurable(world, settings):
    settings.REGIE_DUO_UNCONFIRMED_SIGNALS = []
    p = principal(world, "cm1")
    source = duo_signals.source_for(p)
    known = world.clients["own_cm1"]
    data = _csv([f"{known.bsn};examenresultaat;03-02-2025;;;;"])
    preview = duo_signals.parse(p, source, data, purpose=ListPurpose.SIGNALS, file_name="x.csv")
    duo_signals.store(p, source, preview)
    assert (
        Signal.objects.count() == 1
        and not WorkItem.objects.filter(kind="exchange.duo.check").exists()
    )


def test_column_mapping_per_source_and_extension_feeds_the_deadlines(world):
    p = principal(world, "cm1")
    client = world.clients["own_cm1"]
    decided_plan(world, client, DAY)
    source = duo_signals.source_for(p)
    source.mapping = {"bsn": "Burgerservicenummer", "soort": "Signaal", "datum": "Datum signaal"}
    source.save()
    from regie.progress.selectors import current_term_end

    end = current_term_end(client)
    new_end = end + dt.timedelta(days=180)
    data = _csv(
        [f"{client.bsn};verlenging;01-03-2025;{new_end:%d-%m-%Y}"],
        header="Burgerservicenummer;Signaal;Datum signaal;nieuwe_einddatum",
    )
    preview = duo_signals.parse(p, source, data, purpose=ListPurpose.SIGNALS, file_name="m.csv")
    assert preview.ok, preview.errors
    duo_signals.store(p, source, preview)
    signal = Signal.objects.get()
    assert current_term_end(client) == end  # nothing recorded before a person confirms
    duo_signals.handle(p, signal, accept=True, client=client)
    signal.refresh_from_db()
    assert signal.state == SignalState.CONFIRMED
    assert current_term_end(client) == new_end


def test_register_from_signal_prefills_the_form(world, login):
    p = principal(world, "cm1")
    source = duo_signals.source_for(p)
    new = _new_bsn()
    data = _csv([f"{new};nieuwe inburgeringsplichtige;01-02-2025;Amal;Haddad;14-03-1990;"])
    preview = duo_signals.parse(p, source, data, purpose=ListPurpose.SIGNALS, file_name="n.csv")
    duo_signals.store(p, source, preview)
    signal = Signal.objects.get()
    c = login(world.users["cm1"], world.assignments["cm1"])
    html = c.get(reverse("exchange:duo_signal", args=[signal.uuid])).content.decode()
    assert 'value="Haddad"' in html and 'value="Amal"' in html


# --- reconciliation ---------------------------------------------------------------------------


def test_reconciliation_finds_each_kind_of_difference(world):
    tl = principal(world, "tl")
    a1 = world.orgs["a1"]
    own = world.clients["own_cm1"]  # PIP decided, different date and route at DUO
    decided_plan(world, own, DAY)
    others = [c for c in world.clients.values() if c.municipality_id == a1.pk and c.pk != own.pk]
    stranger = _new_bsn()
    rows = [f"{own.bsn};Eigenklant;01-01-2025;Z-route", f"{stranger};Onbekend;;"]
    data = _csv(rows, header="bsn;achternaam;datum_pip;leerroute")
    source = duo_signals.source_for(tl)
    preview = duo_signals.parse(tl, source, data, purpose=ListPurpose.ROSTER, file_name="r.csv")
    assert preview.ok, preview.errors
    duo_signals.store(tl, source, preview, municipality=a1)
    rec = duo_reconcile.run(tl, a1)
    kinds = sorted(rec.differences.values_list("kind", flat=True))
    expected = [DifferenceKind.NOT_HERE, DifferenceKind.PIP_DATE, DifferenceKind.ROUTE]
    expected += [DifferenceKind.NOT_AT_DUO] * len([c for c in others if c.is_obliged])
    assert kinds == sorted(expected)
    assert WorkItem.objects.filter(kind=duo_reconcile.KIND).count() == len(expected)


def test_report_page_prints_for_the_team_leader(world, login):
    tl = principal(world, "tl")
    a1 = world.orgs["a1"]
    data = _csv([f"{_new_bsn()};Onbekend;;"], header="bsn;achternaam;datum_pip;leerroute")
    source = duo_signals.source_for(tl)
    preview = duo_signals.parse(tl, source, data, purpose=ListPurpose.ROSTER, file_name="r.csv")
    duo_signals.store(tl, source, preview, municipality=a1)
    c = login(world.users["tl"], world.assignments["tl"])
    response = c.post(reverse("exchange:duo_reconcile"), {"municipality": str(a1.uuid)})
    assert response.status_code == 302
    html = c.get(response["Location"]).content.decode()
    assert "Bij DUO bekend, hier niet ingeschreven" in html and "Onbekend" in html


# --- the published schema ---------------------------------------------------------------------


SAMPLES = {
    "pip.decided": {
        "decision_date": "2025-01-15",
        "route": "b1",
        "term_end": "2028-01-15",
        "version": 1,
    },
    "pip.revised": {
        "decision_date": "2025-03-01",
        "route": "z",
        "scaled_to_a2": False,
        "reason": "other",
        "version": 2,
    },
    "pvt.completed": {"completed_on": "2025-05-01", "hours": 12},
    "map.final_interview": {"held_on": "2025-06-01"},
    "zroute.final_interview": {"held_on": "2025-06-01"},
    "fine.imposed": {"article": "22", "amount_eur": "250.00", "decision_date": "2025-08-01"},
}


def _validator():
    import jsonschema

    schema = json.loads(SCHEMA.read_text())
    return jsonschema.Draft202012Validator(schema), schema


def test_schema_covers_every_message_type():
    _v, schema = _validator()
    assert set(schema["properties"]["type"]["enum"]) == set(MESSAGE_TYPES) == set(SAMPLES)


@pytest.mark.django_db
@pytest.mark.parametrize("message_type", sorted(MESSAGE_TYPES))
def test_every_emitted_message_type_validates(message_type, world):
    from django.db import transaction

    from regie.core import outbox

    validator, _s = _validator()
    client = world.clients["own_cm1"]
    with transaction.atomic():
        message = outbox.emit(
            message_type,
            person_id=client.pk,
            bsn=client.bsn,
            municipality_cbs=client.municipality.cbs_code or "",
            data=SAMPLES[message_type],
        )
    errors = list(validator.iter_errors(message.payload))
    assert not errors, [e.message for e in errors]
    broken = dict(message.payload, data={**SAMPLES[message_type], "extra": 1})
    assert list(validator.iter_errors(broken))  # the schema can fail


def test_messages_the_services_write_validate(world):
    """What plans and progress really emit (not samples) passes the schema."""
    validator, _s = _validator()
    decided_plan(world, world.clients["own_cm1"], DAY)
    messages = list(OutboxMessage.objects.all())
    assert messages
    for message in messages:
        errors = list(validator.iter_errors(message.payload))
        assert not errors, (message.message_type, [e.message for e in errors])


def test_team_leader_start_page_has_the_duo_card(world, login):
    decided_plan(world, world.clients["own_cm1"], DAY)
    c = login(world.users["tl"], world.assignments["tl"])
    html = c.get(reverse("core:home")).content.decode()
    assert "wachten op invoer in het Portaal Inburgering" in html
    assert reverse("exchange:duo_reconcile") in html


def test_a_bad_upload_is_a_400_in_dutch_never_a_500(world, login):
    c = login(world.users["cm1"], world.assignments["cm1"])
    from django.core.files.uploadedfile import SimpleUploadedFile

    latin1 = SimpleUploadedFile("s.csv", "bsn;soort\n999990019;één\n".encode("latin-1"))
    response = c.post(reverse("exchange:duo_import"), {"purpose": "signals", "file": latin1})
    assert response.status_code == 400 and "UTF-8" in response.content.decode()
    broken = SimpleUploadedFile("s.xlsx", b"not a workbook")
    response = c.post(reverse("exchange:duo_import"), {"purpose": "signals", "file": broken})
    assert response.status_code == 400
    response = c.post(reverse("exchange:duo_import"), {"purpose": "roster", "file": latin1})
    assert response.status_code == 400 and "Kies de gemeente" in response.content.decode()


def test_excel_signal_list_reads_like_csv(world):
    import io

    from openpyxl import Workbook

    p = principal(world, "cm1")
    known = world.clients["own_cm1"]
    book = Workbook()
    sheet = book.active
    sheet.append(["bsn", "soort", "datum"])
    sheet.append([int(known.bsn), "correctie", dt.datetime(2025, 2, 1)])
    out = io.BytesIO()
    book.save(out)
    source = duo_signals.source_for(p)
    preview = duo_signals.parse(
        p, source, out.getvalue(), purpose=ListPurpose.SIGNALS, file_name="s.xlsx"
    )
    assert preview.ok, preview.errors
    assert preview.rows[0].bsn == known.bsn and preview.rows[0].signal_date == dt.date(2025, 2, 1)


def test_a_correction_marks_the_case_on_the_worklist(world, login):
    p = principal(world, "cm1")
    known = world.clients["own_cm1"]
    source = duo_signals.source_for(p)
    data = _csv([f"{known.bsn};correctie;02-02-2025;;;;"])
    duo_signals.store(
        p, source, duo_signals.parse(p, source, data, purpose=ListPurpose.SIGNALS, file_name="c")
    )
    c = login(world.users["cm1"], world.assignments["cm1"])
    html = c.get(reverse("clients:worklist")).content.decode()
    assert "DUO heeft een correctie gestuurd" in html
    duo_signals.handle(p, Signal.objects.get(), accept=True, client=known)
    html = c.get(reverse("clients:worklist")).content.decode()
    assert "DUO heeft een correctie gestuurd" not in html


def test_late_offer_statements_waiting_in_an_outbox_are_withdrawn_not_sent(world):
    """Wi2021: the late-offer statement is a letter the newcomer adds to his own request to DUO,
    so statements written to the outbox before that change are closed by the data migration: the
    portal entry withdrawn with the reason, its work item cancelled, a pending delivery stopped."""
    import importlib

    from django.apps import apps as django_apps

    from regie.exchange.models import Delivery, DeliveryState

    migration = importlib.import_module(
        "regie.exchange.migrations.0004_retire_late_offer_statements"
    )
    client = world.clients["own_cm1"]
    message = OutboxMessage.objects.create(
        message_type="late_offer.statement", person_id=client.pk, recipient="DUO", payload={}
    )
    # the outbox trigger made the portal entry and its work item, as it did before the change
    entry = PortalEntry.objects.get(outbox_message_id=message.pk)
    item = WorkItem.objects.get(source=f"OutboxMessage:{message.pk}")
    assert entry.state == EntryState.WAITING and item.state == WorkItemState.OPEN
    delivery = Delivery.objects.create(
        message=message, receiver="duo", next_attempt_at=timezone.now()
    )
    migration.forwards(django_apps, None)
    entry.refresh_from_db()
    item.refresh_from_db()
    delivery.refresh_from_db()
    assert (
        entry.state == EntryState.WITHDRAWN and "brief aan de inburgeraar" in entry.withdrawn_reason
    )
    assert item.state == WorkItemState.CANCELLED and item.finished_at is not None
    assert delivery.state == DeliveryState.DEAD and "niet meer naar DUO" in delivery.dead_reason
