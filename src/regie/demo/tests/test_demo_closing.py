"""The demo region shows one dossier per closing reason and a move within the region."""

from regie.clients.models import Client, ClosureReason, Deadline, Residence
from regie.plans.models import PlanVersion


def test_demo_region_shows_every_closing_reason_and_a_move_within_the_region(db):
    from regie.demo.loader import load_region

    load_region(client_count=4)
    reasons = set(
        Client.objects.exclude(closure_reason="").values_list("closure_reason", flat=True)
    )
    assert set(ClosureReason.values) <= reasons
    assert Deadline.objects.filter(client__closure_reason="overleden", cancelled=True).exists()
    mover = Client.objects.get(surname="Sahin")
    periods = list(Residence.objects.filter(client=mover).order_by("id"))
    assert [p.municipality.name for p in periods] == ["Hoorn", "Enkhuizen"]
    assert mover.municipality.name == "Enkhuizen"
    revision = PlanVersion.objects.filter(client=mover, reason="move").get()
    assert revision.decided_on_behalf_of.name == "Enkhuizen"
    count = Client.objects.count()
    load_region(client_count=4)  # idempotent
    assert Client.objects.count() == count
