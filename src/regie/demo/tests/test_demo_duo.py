"""The demo region's DUO work: confirmed and waiting messages and one imported signal list."""

from regie.exchange.models import EntryState, ListPurpose, PortalEntry, Signal, SignalImport


def test_demo_region_shows_confirmed_and_waiting_messages_and_a_signal_list(db):
    from regie.demo.loader import load_region

    load_region(client_count=8)
    states = set(PortalEntry.objects.values_list("state", flat=True))
    assert {EntryState.CONFIRMED, EntryState.WAITING} <= states
    assert SignalImport.objects.filter(purpose=ListPurpose.SIGNALS).count() == 1
    assert Signal.objects.count() == 3
    load_region(client_count=8)  # idempotent
    assert SignalImport.objects.count() == 1 and Signal.objects.count() == 3
